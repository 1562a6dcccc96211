"""The dashboard on DuckDB (FACTIONLINE_ENGINE=duckdb) in a real browser: a heat-strip click drills into that
faction and period, a matrix click filters to the pair, both through the URL, and nothing leaves the machine."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from components.io.ingest import ingest

from .browser import streamlit_server, wait_ready, watched_page
from .test_browser_together import CELL_JS

pytestmark = pytest.mark.browser
pytest.importorskip("playwright.sync_api")
pytest.importorskip("duckdb")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from components.io.synth import synthesize

    root = tmp_path_factory.mktemp("engine-browser")
    synthesize(20_000, root / "synth", seed=2)
    ingest(root / "synth", root / "ds")
    with streamlit_server(root / "ds", extra_env={"FACTIONLINE_ENGINE": "duckdb"}) as base:
        yield base


@pytest.fixture
def page(browser):
    with watched_page(browser) as pg:  # fails on a script error or a request leaving the machine
        yield pg


def query(page) -> dict:
    return parse_qs(urlparse(page.url).query)


def counts(page) -> int:
    text = page.get_by_text("in the current selection").first.inner_text()
    return int(text.split(" of ")[0].replace(",", ""))


def test_a_heat_strip_click_drills_in_on_the_engine(page, server):
    page.goto(server)
    wait_ready(page, 60_000)
    page.wait_for_selector(".js-plotly-plot .barlayer .point", timeout=30_000)
    assert counts(page) == 20_000
    boxes = page.locator(".js-plotly-plot .barlayer .point").evaluate_all(
        "els => els.map(e => { const r = e.getBoundingClientRect(); return {x: r.x, y: r.y, width: r.width, height: r.height}; })"
    )
    cell = next(b for b in boxes if b["x"] > 700 and b["width"] >= 3)  # a middle period: both ends in the link
    page.mouse.click(cell["x"] + cell["width"] / 2, cell["y"] + cell["height"] / 2)
    page.wait_for_function("() => location.search.includes('from=')", timeout=30_000)
    wait_ready(page)
    q = query(page)
    assert "faction" in q and "from" in q and "to" in q
    assert 0 < counts(page) < 20_000  # the engine answered the drilled-in state


def test_a_matrix_click_filters_to_the_pair_on_the_engine(page, server):
    page.goto(f"{server}/?view=Who+meets+whom")
    wait_ready(page, 60_000)
    page.wait_for_selector(".js-plotly-plot .scatterlayer .point", timeout=30_000)
    at = page.evaluate(CELL_JS, ["f00", "f01"])
    page.mouse.click(at["x"], at["y"])
    page.wait_for_function("() => location.search.includes('with=')", timeout=30_000)
    wait_ready(page)
    assert sorted(query(page)["with"]) == ["f00", "f01"]
    assert query(page)["view"] == ["Who meets whom"]
    assert 0 < counts(page) < 20_000
