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
