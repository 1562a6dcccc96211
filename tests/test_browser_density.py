"""In the browser, on a few thousand ACLED-shaped events merged with the bundled data: a click among
same-day events selects that event, a heat-strip cell drills in, a map click filters by place, and no
request leaves the machine."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from components.data.load import load
from components.io.imports import build, detect
from components.io.imports.build import Base
from components.io.merge import merge

from . import acled_shaped
from .browser import streamlit_server, wait_ready, watched_page
from .conftest import BUNDLED

pytestmark = pytest.mark.browser
pytest.importorskip("playwright.sync_api")

WEEK = "faction=israel&from=2023-10-09&to=2023-10-15"


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    root = tmp_path_factory.mktemp("dense")
    raw = acled_shaped.text(3000).encode()
    build(detect("acled.csv", raw), "acled.csv", raw, Base.read(BUNDLED)).write(root / "imp")
    merge([BUNDLED, root / "imp"], root / "merged")
    return root / "merged"


@pytest.fixture(scope="module")
def server(data):
    with streamlit_server(data) as base:
        yield base


@pytest.fixture
def page(browser):
    with watched_page(browser) as pg:  # fails on a script error or a request leaving the machine
        yield pg


def query(page) -> dict:
    return parse_qs(urlparse(page.url).query)


# Pixel position (in the page) of point i of the named trace of the first chart on the page.
POINT_JS = """([name, i]) => {
  const gd = document.querySelectorAll('.js-plotly-plot')[0];
  const t = gd._fullData.find(d => d.name === name);
  const cd = gd.calcdata[t.index][i];
  const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
  const box = gd.querySelector('.main-svg').getBoundingClientRect();
  const x = (t.type === 'bar') ? xa.d2p(xa.p2d ? cd.s0 + (cd.s1 - cd.s0) / 2 : 0) : xa.d2p(t.x[i]);
  return {x: box.left + xa._offset + (t.type === 'bar' ? xa.c2p(cd.s0 + (cd.s1 - cd.s0) / 2) : xa.d2p(t.x[i])),
          y: box.top + ya._offset + (t.type === 'bar' ? ya.c2p(cd.p) : ya.d2p(t.y[i])),
          id: t.customdata ? t.customdata[i] : null};
}"""


def visible_point(page, name: str, i: int) -> dict:
    """POINT_JS, after scrolling the page so that the point is on screen."""
    at = page.evaluate(POINT_JS, [name, i])
    height = page.viewport_size["height"]
    if not 60 < at["y"] < height - 60:  # scroll the page (a wheel over the chart would zoom it)
        page.evaluate(
            "dy => { const m = document.querySelector('[data-testid=\"stMain\"]');"
            " if (m && m.scrollHeight > m.clientHeight) m.scrollBy(0, dy); else window.scrollBy(0, dy); }",
            at["y"] - height / 2,
        )
        page.wait_for_timeout(600)
        at = page.evaluate(POINT_JS, [name, i])
    return at


def _same_day_point(page):
    """A point of the 'dates' trace that shares its day (x) with another in the same lane."""
    return page.evaluate(
        """() => {
      const gd = document.querySelectorAll('.js-plotly-plot')[0];
      const t = gd._fullData.find(d => d.name === 'dates');
      const seen = {};
      for (let i = 0; i < t.x.length; i++) {
        const k = String(t.x[i]);
        if (k in seen) return i;
        seen[k] = i;
      }
      return -1;
    }"""
    )


def test_a_click_among_same_day_events_selects_that_event(page, server, data):
    ds = load(data)
    page.goto(f"{server}/?{WEEK}")
    wait_ready(page, 60_000)
    page.wait_for_selector(".js-plotly-plot .scatterlayer .point", timeout=30_000)
    i = _same_day_point(page)
    assert i >= 0, "the week has same-day events"
    at = visible_point(page, "dates", i)
    wanted = at["id"][0] if isinstance(at["id"], list) else at["id"]["0"]
    page.mouse.click(at["x"], at["y"])
    page.wait_for_function(
        "id => decodeURIComponent(location.search).includes('event=' + id)", arg=wanted, timeout=30_000
    )
    wait_ready(page)
    title = ds.events.set_index("event_id").loc[wanted, "title"]
    assert title in page.locator(".st-key-event-details").inner_text()


def test_a_click_on_a_heat_strip_cell_drills_in(page, server):
    page.goto(server)
    wait_ready(page, 60_000)
    page.wait_for_selector(".js-plotly-plot .barlayer .point", timeout=30_000)
    assert page.get_by_text("Counts mode").count() >= 1
    boxes = page.locator(".js-plotly-plot .barlayer .point").evaluate_all(
        "els => els.map(e => { const r = e.getBoundingClientRect(); return {x: r.x, y: r.y, width: r.width, height: r.height}; })"
    )
    cell = next(b for b in boxes if b["x"] > 400 and b["width"] >= 3)  # on screen (the 2007 cell is off to the left)
    page.mouse.click(cell["x"] + cell["width"] / 2, cell["y"] + cell["height"] / 2)
    page.wait_for_function("() => location.search.includes('from=')", timeout=30_000)
    wait_ready(page)
    q = query(page)
    assert "faction" in q and "from" in q and "to" in q


def test_a_click_on_the_map_filters_the_timeline_by_place(page, server):
    page.goto(f"{server}/?view=Map")
    wait_ready(page, 60_000)
    page.wait_for_selector(".js-plotly-plot .scatterlayer .point", timeout=30_000)
    places = page.evaluate(
        "() => { const gd = document.querySelectorAll('.js-plotly-plot')[0];"
        " return gd._fullData.find(d => d.name === 'places').customdata.map(c => Array.isArray(c) ? c[0] : c['0']); }"
    )
    # The view opens on the busy area (Moscow, far away, lies outside it); Jenin stands apart from the
    # Gaza cluster: one click, one place.
    far = places.index("Jenin, West Bank, Palestine")
    at = visible_point(page, "places", far)
    page.mouse.click(at["x"], at["y"])
    page.wait_for_function("() => location.search.includes('place=')", timeout=30_000)
    wait_ready(page)
    assert query(page)["place"] == [places[far]]
    assert query(page).get("view") == ["Map"]  # the open tab stays in the link
    counts = page.get_by_text(" of 3,013 events").first.inner_text()
    assert not counts.startswith("3,013 of")


def test_a_crowd_lists_its_events_and_each_opens(page, server):
    page.goto(f"{server}/?from=2023-10-09&to=2023-10-15")  # every lane in a dense week: some days overflow
    wait_ready(page, 60_000)
    page.wait_for_selector(".js-plotly-plot .scatterlayer .point", timeout=30_000)
    busiest = page.evaluate(
        "() => { const gd = document.querySelectorAll('.js-plotly-plot')[0];"
        " const t = gd._fullData.find(d => d.name === 'crowds');"
        " const n = t.customdata.map(c => Number(Array.isArray(c) ? c[3] : c['3']));"
        " return n.indexOf(Math.max(...n)); }"
    )
    crowd = visible_point(page, "crowds", busiest)
    n = int(crowd["id"][3] if isinstance(crowd["id"], list) else crowd["id"]["3"])
    page.mouse.click(crowd["x"], crowd["y"])
    listing = page.locator(".st-key-crowd")
    listing.wait_for(timeout=30_000)
    text = listing.inner_text()
    listed = int(text.split(" events in ")[0].replace(",", "").split()[-1])
    assert listed > n  # the day's drawn marks and the n behind the +N
    buttons = listing.locator("button")
    assert buttons.count() == min(listed, 60) + 1  # one per event, and "Close the list"
    title = buttons.first.inner_text().strip()
    buttons.first.click()
    page.wait_for_function("() => location.search.includes('event=')", timeout=30_000)
    wait_ready(page)
    assert title[:40] in page.locator(".st-key-event-details").inner_text()
    assert page.locator(".st-key-crowd").count() == 0  # the list closed: it never pushes the details away (issue 25)
