"""The analyst's loop in a real browser (issue 25): every click on the timeline lands — twenty in a row,
alternating lanes and days, on the bundled data and on merged ACLED-shaped data — a "+N" list closes when
an event is chosen, a table row's event shows on the Table tab, and a story link stays in the tab."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from .browser import streamlit_server, wait_ready, watched_page
from .conftest import BUNDLED

pytestmark = pytest.mark.browser
pytest.importorskip("playwright.sync_api")

# Every event mark of the timeline (scatter points with an event id) in page coordinates, inside the plot.
MARKS_JS = """() => {
  const gd = [...document.querySelectorAll('.js-plotly-plot')][0];
  const box = gd.querySelector('.main-svg').getBoundingClientRect();
  const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
  const out = [];
  gd._fullData.forEach(t => {
    if (t.type !== 'scatter' || !t.customdata || t.name === 'Selected event' || t.visible !== true) return;
    [...Array(t.x.length).keys()].forEach(i => {
      const cd = t.customdata[i];
      const id = String(Array.isArray(cd) ? cd[0] : (cd && cd[0] !== undefined ? cd[0] : cd));
      if (!id || id.startsWith('@')) return;
      const px = xa.d2p(t.x[i]), py = ya.d2p(t.y[i]);
      if (px < 8 || px > xa._length - 8 || py < 4 || py > ya._length - 4) return;
      out.push({id: id, lane: Math.round(t.y[i]), x: box.left + xa._offset + px, y: box.top + ya._offset + py});
    });
  });
  return out;
}"""


def event_in_url(page) -> str:
    return (parse_qs(urlparse(page.url).query).get("event") or [""])[0]


def alternating(marks: list[dict], n: int) -> list[dict]:
    """n marks to click in turn, each in another lane or on another day than the one before."""
    by_lane: dict[int, list[dict]] = {}
    for m in sorted(marks, key=lambda m: m["x"]):
        by_lane.setdefault(m["lane"], []).append(m)
    lanes = sorted(by_lane)
    order = []
    for i in range(n):
        lane = by_lane[lanes[i % len(lanes)]]
        order.append(lane[(i // len(lanes)) % len(lane)])
    return order


def on_screen(page, target: str) -> dict:
    """The mark of `target` where it is now, after scrolling the page so that it is on screen (the timeline is
    taller than the window on merged data and on a phone, and a click scrolls the details into view)."""
    mark = next(m for m in page.evaluate(MARKS_JS) if m["id"] == target)
    height = page.viewport_size["height"]
    if not 60 < mark["y"] < height - 60:  # scroll the page (a wheel over the chart would zoom it)
        page.evaluate(
            "dy => { const m = document.querySelector('[data-testid=\"stMain\"]');"
            " if (m && m.scrollHeight > m.clientHeight) m.scrollBy(0, dy); else window.scrollBy(0, dy); }",
            mark["y"] - height / 2,
        )
        page.wait_for_timeout(400)
        mark = next(m for m in page.evaluate(MARKS_JS) if m["id"] == target)
    return mark


def click_in_turn(page, n: int) -> list[tuple[str, str]]:
    """Click n marks one after the other; (clicked, selected) for each."""
    page.wait_for_selector(".js-plotly-plot .scatterlayer .point", timeout=30_000)
    plan = [m["id"] for m in alternating(page.evaluate(MARKS_JS), n)]
    seen = []
    previous = None
    for target in plan:
        if target == previous:
            continue
        mark = on_screen(page, target)  # after each rerun: where it is now
        page.mouse.move(mark["x"], mark["y"])
        page.mouse.click(mark["x"], mark["y"])
        try:
            page.wait_for_function(
                "id => new URLSearchParams(location.search).get('event') === id", arg=target, timeout=15_000
            )
        except Exception:  # noqa: BLE001 (the assertion below says which click was lost)
            pass
        wait_ready(page)
        seen.append((target, event_in_url(page)))
        previous = target
    return seen


@pytest.fixture(scope="module")
def merged_dir(tmp_path_factory):
    from .acled_shaped import merged_with_bundled

    return merged_with_bundled(tmp_path_factory.mktemp("clicks"), 600)


def test_twenty_clicks_in_a_row_each_select_the_clicked_event(browser):
    with streamlit_server(BUNDLED) as base, watched_page(browser) as page:
        page.goto(base)
        wait_ready(page, 60_000)
        seen = click_in_turn(page, 20)
        assert len(seen) >= 12
        assert [s for s in seen if s[0] != s[1]] == []  # every click selected the clicked event
        title = page.locator(".st-key-event-details h4").first.inner_text()
        assert title  # the details panel shows the last one


def test_clicks_land_on_merged_acled_shaped_data_in_a_narrowed_week(browser, merged_dir):
    with streamlit_server(merged_dir) as base, watched_page(browser) as page:
        # a week dense enough for "+N" boxes, few enough for one mark per event
        page.goto(f"{base}/?faction=hamas&from=2024-01-08&to=2024-01-21")
        wait_ready(page, 60_000)
        seen = click_in_turn(page, 20)
        assert len(seen) >= 8
        assert [s for s in seen if s[0] != s[1]] == []


def test_a_table_row_shows_its_event_on_the_table_tab(browser):
    with streamlit_server(BUNDLED) as base, watched_page(browser) as page:
        page.goto(f"{base}/?view=Table+%26+downloads")
        wait_ready(page, 60_000)
        page.wait_for_selector('[data-testid="stDataFrame"]', timeout=30_000)
        canvas = page.locator('[data-testid="stDataFrame"]').first
        box = canvas.bounding_box()
        page.mouse.click(box["x"] + 12, box["y"] + 35 + 36 * 2)  # the row selector of the third row
        page.wait_for_function("() => location.search.includes('event=')", timeout=15_000)
        wait_ready(page)
        assert page.get_by_text("Selected event").count() >= 1
        assert page.locator(".st-key-event-details").count() == 1


def test_a_story_link_opens_in_the_same_tab(browser):
    with streamlit_server(BUNDLED) as base, watched_page(browser) as page:
        page.goto(base)
        wait_ready(page, 60_000)
        before = len(page.context.pages)
        page.get_by_role("link", name="The road to the Moscow meeting").first.click()
        page.locator(".st-key-story-panel").get_by_text("step 1 of 6").wait_for(timeout=30_000)
        page.wait_for_function("() => location.search.includes('story=moscow-talks')", timeout=15_000)
        assert len(page.context.pages) == before  # the same tab: no new one opened


def test_taps_on_a_phone_select_the_tapped_mark(browser):
    """At 390 px with a touch screen, each tap selects the mark under the finger (issue 25: 0 of 4 before;
    Plotly picked the point of its last hover, and a touch screen hovers nothing before a tap)."""
    with streamlit_server(BUNDLED) as base:
        context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
        page = context.new_page()
        page.goto(base)
        wait_ready(page, 60_000)
        page.wait_for_selector(".js-plotly-plot .scatterlayer .point", timeout=30_000)
        seen = []
        for target in [m["id"] for m in alternating(page.evaluate(MARKS_JS), 4)]:
            mark = on_screen(page, target)  # a tap scrolls the details (under the chart) into view
            page.touchscreen.tap(mark["x"], mark["y"])
            try:
                page.wait_for_function(
                    "id => new URLSearchParams(location.search).get('event') === id", arg=target, timeout=15_000
                )
            except Exception:  # noqa: BLE001 (the assertion below names the tap that was lost)
                pass
            wait_ready(page)
            seen.append((target, event_in_url(page)))
        context.close()
        assert len(seen) == 4 and [s for s in seen if s[0] != s[1]] == []
