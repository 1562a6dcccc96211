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


SQUARE_JS = """() => {
  const gd = [...document.querySelectorAll('.js-plotly-plot')][0];
  const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
  const t = gd._fullData.find(d => d.name === 'shared');
  return {w: xa._length / xa._categories.length, h: ya._length / ya._categories.length,
          width: gd._fullLayout.width, asked: gd.layout.width,
          clipped: t ? t.cliponaxis : null};
}"""


def _square(page) -> dict:
    shape = page.evaluate(SQUARE_JS)
    assert abs(shape["w"] - shape["h"]) < 1.5, shape  # square cells: never squashed
    assert shape["width"] == shape["asked"] and shape["clipped"] is False, shape  # its own width; counts whole
    return shape


def test_sides_in_the_browser_conflict_a_click_and_who_acted_on_whom(browser, tmp_path):
    """Issue 38 on merged ACLED-shaped data: Conflict by side, a click on a cell keeps the matrix square with
    its counts whole (it squashed and clipped "135" to "13"), a reload of the link shows the same; a click in
    Who acted on whom sets As initiator and As target in the URL."""
    from .acled_shaped import merged_with_bundled

    data = merged_with_bundled(tmp_path, 600, sides=True)
    with streamlit_server(data=data) as base:
        page = browser.new_context(viewport={"width": 1440, "height": 1000}).new_page()
        page.goto(f"{base}/?view=Who+meets+whom&count=Conflict")
        wait_ready(page, 60_000)
        page.wait_for_selector(".js-plotly-plot .scatterlayer .point", timeout=30_000)
        _square(page)
        at = page.evaluate(CELL_JS, ["hamas", "israel"])
        page.mouse.click(at["x"], at["y"])
        page.wait_for_function("() => location.search.includes('with=')", timeout=30_000)
        wait_ready(page, 60_000)
        page.wait_for_selector(".js-plotly-plot .scatterlayer .point", timeout=30_000)
        _square(page)
        link = page.url
        assert "count=Conflict" in link and sorted(parse_qs(urlparse(link).query)["with"]) == ["hamas", "israel"]
        shown = page.locator('[data-testid="stCaptionContainer"]').first.inner_text()
        page.goto(link)  # a reload: the same view from the link alone
        wait_ready(page, 60_000)
        page.wait_for_selector(".js-plotly-plot .scatterlayer .point", timeout=30_000)
        assert page.locator('[data-testid="stCaptionContainer"]').first.inner_text() == shown
        page.goto(f"{base}/?view=Who+acted+on+whom")
        wait_ready(page, 60_000)
        page.wait_for_selector(".js-plotly-plot .scatterlayer .point", timeout=30_000)
        _square(page)
        at = page.evaluate(CELL_JS, ["israel", "hamas"])
        page.mouse.click(at["x"], at["y"])
        page.wait_for_function("() => location.search.includes('target=')", timeout=30_000)
        params = parse_qs(urlparse(page.url).query)
        assert params["initiator"] == ["israel"] and params["target"] == ["hamas"]
