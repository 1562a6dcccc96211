"""What only a browser shows: the chart, clicks on it, the address bar, downloads."""

import csv
import io
from urllib.parse import parse_qs, urlparse

import pytest

from components.analysis.query import Filters, apply
from components.data.load import load

from .browser import streamlit_server, wait_ready
from .conftest import BUNDLED

pytestmark = pytest.mark.browser
playwright_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def server():
    with streamlit_server() as base:
        yield base


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    pg = context.new_page()
    errors = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield pg
    context.close()
    assert not errors, errors


def lanes(page) -> list[str]:
    """The timeline's lane names: annotations at the tops of the lanes (event mode) or y ticks (counts)."""
    page.wait_for_selector(".js-plotly-plot .annotation-text, .js-plotly-plot .ytick text")
    plot = page.locator(".js-plotly-plot").first
    names = plot.locator(".annotation-text").evaluate_all("els => els.map(e => e.textContent)")
    names += plot.locator(".ytick text").evaluate_all("els => els.map(e => e.textContent)")
    return [n for n in names if n and "earlier event" not in n]


def query(page) -> dict:
    return parse_qs(urlparse(page.url).query)


def test_default_view(page, server):
    page.goto(server)
    wait_ready(page)
    page.wait_for_selector(".js-plotly-plot .scatterlayer .point", timeout=20_000)
    assert set(lanes(page)) >= {"Hamas", "Fatah", "Russia"}
    assert page.get_by_text("Verified verbatim in the stored article").count() == 2
    assert page.locator('[data-testid="stException"]').count() == 0


def test_choosing_a_faction_narrows_the_chart_and_updates_the_url(page, server):
    page.goto(server)
    wait_ready(page)
    assert len(lanes(page)) > 1
    page.locator(".st-key-w_factions input").click()
    page.keyboard.type("Israel")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    page.wait_for_function("() => window.location.search.includes('faction=israel')", timeout=15_000)
    wait_ready(page)
    page.wait_for_function(
        "() => [...document.querySelector('.js-plotly-plot').querySelectorAll('.annotation-text')]"
        ".map(t => t.textContent).join() === 'Israel'",
        timeout=15_000,
    )
    assert lanes(page) == ["Israel"]
    assert query(page)["faction"] == ["israel"]


def test_opening_a_faction_link_reproduces_the_view(page, server):
    page.goto(f"{server}/?faction=fatah&q=Moscow")
    wait_ready(page)
    assert lanes(page) == ["Fatah"]
    assert page.locator('.st-key-w_factions [data-tag-index="0"]').inner_text().strip() == "Fatah"
    assert page.locator(".st-key-w_q input").input_value() == "Moscow"
    expected = len(apply(load(BUNDLED), Filters(factions=("fatah",), q="Moscow")).events)
    assert page.get_by_text(f"{expected} of 13 events").count() == 1


def test_clicking_a_timeline_event_shows_its_details(page, server):
    page.goto(f"{server}/?faction=pij")  # one event, one mark
    wait_ready(page)
    assert page.get_by_text("Click an event in the timeline").count() == 1
    point = page.locator(".js-plotly-plot .scatterlayer .point").first
    point.wait_for()
    box = point.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_timeout(300)
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    details = page.locator(".st-key-event-details")
    details.wait_for(timeout=15_000)
    assert "Russia invites Palestinian factions to talks in Moscow" in details.inner_text()
    page.wait_for_function(
        "() => window.location.search.includes('event=ev-2024-02-16-russia-invites-factions')", timeout=15_000
    )


def test_csv_download_holds_exactly_the_filtered_events(page, server):
    page.goto(f"{server}/?faction=qatar&faction=israel&status=occurred&status=reported")
    wait_ready(page)
    page.get_by_role("tab", name="Table & downloads").click()
    button = page.get_by_role("button", name="Events CSV")
    with page.expect_download() as info:
        button.click()
    body = open(info.value.path(), encoding="utf-8").read()
    rows = list(csv.DictReader(io.StringIO(body)))
    expected = apply(load(BUNDLED), Filters(factions=("qatar", "israel"), statuses=("occurred", "reported")))
    assert [r["event_id"] for r in rows] == list(expected.events["event_id"])
    assert len(rows) == 3
    assert {"event_id", "date", "date_text", "evidence", "article_id"} <= set(rows[0])


GDELT2 = BUNDLED.parent.parent / "shared" / "fixtures" / "external" / "gdelt" / "20191024143000.export.CSV"


@pytest.mark.skipif(not GDELT2.exists(), reason="../shared/fixtures is absent")
def test_uploading_a_gdelt_file_shows_it_in_this_session_only(page, server, browser):
    page.goto(server)
    wait_ready(page)
    page.locator('.st-key-upload-file input[type="file"]').set_input_files(str(GDELT2))
    page.get_by_text("of 2,111 events").first.wait_for(timeout=60_000)
    wait_ready(page)
    assert page.get_by_text("Counts mode").count() == 1  # 2,111 marks: drawn as counts
    page.locator(".st-key-w_factions input").click()
    page.keyboard.type("Hamas")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    page.get_by_text("1 of 2,111 events").wait_for(timeout=30_000)  # the crosswalk put one event in Hamas
    # Another browser session still sees the shared, bundled data.
    other = browser.new_context().new_page()
    other.goto(server)
    wait_ready(other)
    assert other.get_by_text("13 of 13 events").count() == 1
    other.context.close()


def test_timelinejs_download_holds_the_filtered_events(page, server):
    import json

    page.goto(f"{server}/?faction=russia")
    wait_ready(page)
    page.get_by_role("tab", name="Table & downloads").click()
    with page.expect_download() as info:
        page.get_by_role("button", name="TimelineJS JSON").click()
    data = json.loads(open(info.value.path(), encoding="utf-8").read())
    expected = apply(load(BUNDLED), Filters(factions=("russia",)))
    assert [s["unique_id"] for s in data["events"]] == list(expected.events["event_id"])


def test_the_data_grid_offers_no_raw_csv_download_only_the_neutralised_one(page, server):
    page.goto(f"{server}/?view=Table+%26+downloads")
    wait_ready(page)
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.hover()
    page.wait_for_timeout(500)
    toolbar = page.locator('[data-testid="stElementToolbar"]').first
    assert toolbar.get_by_role("button", name="Search").count() == 1  # the toolbar is there …
    assert page.get_by_role("button", name="Download as CSV").count() == 0  # … without the raw export
    assert page.get_by_role("button", name="Events CSV").count() == 1  # the app's own, formulas neutralised


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_violation_on_the_default_view(browser, server, scheme):
    """axe-core (WCAG 2.0-2.2 A/AA), issue 39: the default view, a selected event, story mode, light and dark.
    Before: the date range's four day and month segments were under the 24 px target size."""
    from .axe import serious_violations

    context = browser.new_context(viewport={"width": 1440, "height": 1000}, color_scheme=scheme)
    page = context.new_page()
    for query in ("", "?event=ev-2024-02-29-hamas-fatah-meet-moscow", "?story=moscow-talks&step=4"):
        page.goto(f"{server}/{query}")
        wait_ready(page)
        page.wait_for_selector(".js-plotly-plot .scatterlayer .point", timeout=20_000)
        found = serious_violations(page)
        assert not found, (query, scheme, found)
    context.close()


def test_story_buttons_are_not_cut(page, server):
    """Issue 39: story mode's "Previous" was cut to "Previ…" at 1440 px."""
    page.goto(f"{server}/?story=moscow-talks&step=4")
    wait_ready(page)
    for name in ("Previous", "Next", "Close"):
        button = page.locator(".st-key-story-panel").get_by_role("button", name=name)
        assert button.evaluate(
            "el => [el, ...el.querySelectorAll('*')].every(e => e.scrollWidth <= e.clientWidth + 1)"
        ), name
