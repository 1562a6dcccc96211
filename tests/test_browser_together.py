"""Who meets whom in a real browser: a click on a cell of the faction matrix filters to that pair's events
and puts them in the URL."""

from urllib.parse import parse_qs, urlparse

import pytest

from .browser import streamlit_server, wait_ready
from .conftest import BUNDLED

pytestmark = pytest.mark.browser
playwright_api = pytest.importorskip("playwright.sync_api")

CELL_JS = """([a, b]) => {
  const gd = [...document.querySelectorAll('.js-plotly-plot')][0];
  const t = gd._fullData.find(d => d.name === 'shared');
  const i = [...Array(t.x.length).keys()].find(k => t.customdata[k][0] === a && t.customdata[k][1] === b);
  const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
  const box = gd.querySelector('.main-svg').getBoundingClientRect();
  return {x: box.left + xa._offset + xa.d2p(t.x[i]), y: box.top + ya._offset + ya.d2p(t.y[i])};
}"""


def test_a_cell_click_filters_to_the_pairs_events(browser):
    with streamlit_server(data=BUNDLED) as base:
        page = browser.new_context(viewport={"width": 1440, "height": 1000}).new_page()
        page.goto(f"{base}/?view=Who+meets+whom")
        wait_ready(page, 60_000)
        page.wait_for_selector(".js-plotly-plot .scatterlayer .point", timeout=30_000)
        at = page.evaluate(CELL_JS, ["hamas", "fatah"])
        page.mouse.click(at["x"], at["y"])
        page.wait_for_function("() => location.search.includes('with=')", timeout=30_000)
        wait_ready(page, 60_000)
        params = parse_qs(urlparse(page.url).query)
        assert sorted(params["with"]) == ["fatah", "hamas"]
        page.get_by_text("4 of 13 events").wait_for(timeout=30_000)  # the pair's shared events
        page.get_by_text("per month").wait_for()


SELECTED_JS = """() => {
  const gd = [...document.querySelectorAll('.js-plotly-plot')][0];
  const t = gd._fullData.find(d => d.name === 'Selected event');
  return t ? t.x.length : 0;
}"""


def test_a_story_link_steps_and_highlights(browser):
    with streamlit_server(data=BUNDLED) as base:
        page = browser.new_context(viewport={"width": 1440, "height": 1000}).new_page()
        page.goto(f"{base}/?story=moscow-talks&step=3")
        wait_ready(page, 60_000)
        panel = page.locator(".st-key-story-panel")
        panel.get_by_text("step 3 of 6").wait_for(timeout=30_000)
        details = page.locator(".st-key-event-details")
        details.get_by_text("Russia invites Palestinian factions to talks in Moscow").wait_for(timeout=30_000)
        page.wait_for_selector(".js-plotly-plot .scatterlayer .point", timeout=30_000)
        assert page.evaluate(SELECTED_JS) >= 1  # ringed on the timeline
        panel.get_by_role("button", name="Next").click()
        page.wait_for_function("() => location.search.includes('step=4')", timeout=30_000)
        wait_ready(page, 60_000)
        details.get_by_text("Abbas welcomes the Russian invitation").wait_for(timeout=30_000)
        assert "event=ev-2024-02-18-abbas-welcomes-invitation" in page.url  # the step's event is in the link
        assert page.evaluate(SELECTED_JS) >= 1
        panel.get_by_role("button", name="Previous").click()
        page.wait_for_function("() => location.search.includes('step=3')", timeout=30_000)
