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


# --- issue 39: readable at density, on every screen, for keyboard users too -----------------------------------
def _drawn(page) -> list[dict]:
    from .browser import DRAWN_BOXES_JS

    page.wait_for_selector(".js-plotly-plot .scatterlayer .point", timeout=30_000)
    page.wait_for_timeout(500)
    return page.evaluate(DRAWN_BOXES_JS)


LANE_NAME_COLOURS_JS = """() => [...document.querySelectorAll('.js-plotly-plot')[0].querySelectorAll('.annotation-text')]
  .map(t => getComputedStyle(t).fill)"""


def _lane_name_contrast(page) -> list[float]:
    """Each lane name's contrast with the page (the name's faint tint under it left out: the page is the worst case)."""

    def luminance(rgb):
        c = [v / 255 for v in rgb]
        c = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in c]
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]

    def rgb(css):
        return [int(float(v)) for v in css[css.index("(") + 1 : css.index(")")].split(",")[:3]]

    page_bg = page.evaluate("() => getComputedStyle(document.querySelector('[data-testid=\"stApp\"]')).backgroundColor")
    back = luminance(rgb(page_bg))
    out = []
    for fill in page.evaluate(LANE_NAME_COLOURS_JS):
        text = luminance(rgb(fill))
        out.append((max(text, back) + 0.05) / (min(text, back) + 0.05))
    return out


@pytest.mark.parametrize("width", [1440, 390])
def test_nothing_drawn_overlaps_and_a_phone_never_scrolls_sideways(browser, server, width):
    """Issue 39: on the merged Hamas view 54 "+N" boxes overlapped (223 pairs); on a phone ordinary marks
    overlapped too. Measured on the rendered SVG: marks, bars, labels, "+N" boxes and lane names."""
    from .browser import overlapping

    with watched_page(
        browser, width=width, has_touch=width < 640, color_scheme="dark" if width < 640 else "light"
    ) as page:
        for query in (
            "faction=hamas",
            WEEK,
            "from=2023-10-09&to=2023-10-15",
            "faction=hamas&from=2023-10-09&to=2023-10-15",
        ):
            page.goto(f"{server}/?{query}")
            wait_ready(page, 60_000)
            boxes = _drawn(page)
            assert len(boxes) > 20, query
            assert sum(b["kind"] == "label" for b in boxes) >= 1 or "faction=hamas" == query, query
            pairs = overlapping(boxes)
            assert not pairs, (query, width, pairs[:3])
            assert min(_lane_name_contrast(page)) >= 4.5, query  # lanes named in the text colour (Egypt was 1.3:1)
            if width < 640:
                wide = page.evaluate(
                    "() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - window.innerWidth"
                )
                assert wide <= 0, f"{query}: the page scrolls {wide} px sideways on a phone"


def test_a_click_low_in_a_tall_chart_keeps_the_details_in_view(page, server):
    """Issue 39: after a click low in a tall chart the details heading sat 336-549 px above the screen."""
    page.goto(f"{server}/?from=2023-10-09&to=2023-10-15")  # every lane in a dense week: a tall chart
    wait_ready(page, 60_000)
    page.wait_for_selector(".js-plotly-plot .scatterlayer .point", timeout=30_000)
    lowest = page.evaluate(
        "() => { const gd = document.querySelectorAll('.js-plotly-plot')[0];"
        " const y = gd._fullData.find(d => d.name === 'dates').y; return y.indexOf(Math.max(...y)); }"
    )
    at = visible_point(page, "dates", lowest)  # the lowest mark: far down the chart
    page.mouse.click(at["x"], at["y"])
    page.wait_for_function("() => location.search.includes('event=')", timeout=30_000)
    wait_ready(page)
    page.wait_for_timeout(800)
    heading = page.locator(".st-key-event-details h4").first.bounding_box()
    assert heading and 0 <= heading["y"] <= page.viewport_size["height"] - 40, heading


def test_the_keyboard_opens_an_event_from_the_timeline_and_from_the_table(page, server, data):
    """Issue 39: chart marks take no focus and the table selects no row with Enter or Space. The chart's events
    are a list in lane and date order, the table's rows too: Tab, type, Enter opens the details."""
    ds = load(data)
    page.goto(f"{server}/?faction=hamas&from=2023-10-09&to=2023-10-15")
    wait_ready(page, 60_000)
    box = page.get_by_role("combobox", name="Open an event")
    for _ in range(80):  # Tab through the page until the list has the focus
        page.keyboard.press("Tab")
        if box.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the list of the chart's events")
    page.keyboard.type("Hamas")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_function("() => location.search.includes('event=')", timeout=30_000)
    wait_ready(page)
    chosen = query(page)["event"][0]
    assert ds.events.set_index("event_id").loc[chosen, "title"] in page.locator(".st-key-event-details").inner_text()

    page.goto(f"{server}/?faction=fatah&view=Table+%26+downloads")
    wait_ready(page, 60_000)
    box = page.get_by_role("combobox", name="Open a row's event")
    for _ in range(80):
        page.keyboard.press("Tab")
        if box.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the table's rows list")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.locator(".st-key-event-details").wait_for(timeout=30_000)
    wait_ready(page)
    shown = page.locator(".st-key-event-details h4").first.inner_text()
    assert shown in set(ds.events["title"])


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_violation_on_the_merged_views(browser, server, scheme):
    """axe-core (WCAG 2.0-2.2 A/AA): the merged Hamas view (event mode), the heat strip in story mode, a drilled
    week with a mark selected, the map, the table; light and dark. Before: four date segments under 24 px."""
    from .axe import serious_violations

    with watched_page(browser, color_scheme=scheme) as page:
        for query in (
            "faction=hamas",
            "story=moscow-talks&step=4",
            f"{WEEK}&event=ev-2023-10-gaza-war",
            "view=Map",
            "view=Table+%26+downloads",
        ):
            page.goto(f"{server}/?{query}")
            wait_ready(page, 60_000)
            page.wait_for_timeout(800)
            found = serious_violations(page)
            assert not found, (query, scheme, found)
            if query.startswith("story"):  # merged data: a heat strip, with the step's event ringed on it (issue 39)
                assert page.get_by_text("Counts mode").count() >= 1
                assert page.evaluate(
                    "() => document.querySelectorAll('.js-plotly-plot')[0]._fullData.some(d => d.name === 'Selected event')"
                )
