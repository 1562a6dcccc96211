"""The page: load, filter, then timeline, details, quotes, table, exports and about."""
from __future__ import annotations

import dataclasses
import os
import time

import streamlit as st

from components.paths import RESOURCES

from components.analysis import query
from components.ui import about as ui_about
from components.ui import auth as ui_auth
from components.ui import details as ui_details
from components.ui import filters as ui_filters
from components.ui import quotes as ui_quotes
from components.ui import table as ui_table
from components.ui import timeline as ui_timeline
from components.ui import upload as ui_upload
from components.analysis.aggregate import lane_counts
from components.analysis.figures import MAX_MARKS
from components.data.problems import InvalidData, Problem
from components.ui.common import problem_table
from components.ui.loading import data_dir, load_dataset

ICON = RESOURCES / "icon.png"
COUNTS_INLINE_AT = 25  # from this many events the counts view is shown without a click


def _report(root, problems: list[Problem]) -> None:
    st.error(f"The data in {root} cannot be opened: {len(problems)} problem(s). Nothing was changed.",
             icon=":material/error:")
    problem_table(problems)
    st.caption("Fix the files, or check them from a terminal with `factionline validate DIR`; "
               "the page reloads the data when the files change.")


def _pick(source: str, value: str | None) -> None:
    """Select an event when the chart or table reports a new pick (their widget state persists)."""
    last = f"last-{source}-pick"
    if value and value != st.session_state.get(last):
        st.session_state["event"] = value
    st.session_state[last] = value


def main() -> None:
    started = time.perf_counter()
    try:
        _page()
    finally:
        _record_timing(time.perf_counter() - started)


def _record_timing(seconds: float) -> None:
    """For the benchmark: FACTIONLINE_TIMING=FILE appends each script run's duration."""
    path = os.environ.get("FACTIONLINE_TIMING")
    if path:
        with open(path, "a", encoding="utf-8") as out:
            out.write(f"{seconds:.6f}\n")


def _timeline_tab(ds, sel, lc, filters) -> None:
    c = sel.counts()
    if not c["events"]:
        st.info("No events match these filters; matching quotes are listed below.")
    else:
        _pick("chart", ui_timeline.render(ds, sel, lc, st.session_state.get("event"), filters.factions,
                                               (filters.date_from, filters.date_to)))
        # Stacked counts per faction: shown for mid-sized selections; in counts mode the bubbles
        # already are counts over time, so it waits for a click (one chart less to repaint).
        shown = COUNTS_INLINE_AT <= c["events"] and lc.total <= MAX_MARKS
        if st.toggle("Events over time (stacked counts per faction)", value=shown, key=f"counts-{shown}"):
            ui_timeline.render_counts(ds, sel, lc)
    details, quotes = st.columns([1, 1], gap="large")
    with details:
        st.subheader("Event details", anchor=False)
        ui_details.render(ds, st.session_state.get("event"))
    with quotes:
        st.subheader(f"Quotes ({c['quotes']:,})", anchor=False)
        ui_quotes.render(ds, ds.quotes, sel.quote_pos)


def _page() -> None:
    # A local icon: a Material icon here would make every browser fetch it from Google's servers.
    st.set_page_config(page_title="Factionline", page_icon=str(ICON), layout="wide")
    if not ui_auth.gate():  # before anything is loaded: no data, chart or count is sent
        return
    root = data_dir()
    try:
        ds = load_dataset(root)
    except InvalidData as err:
        st.title("Factionline")
        _report(root, err.problems)
        return

    ds = ui_upload.session_dataset(ds, root)
    filters = ui_filters.sidebar(ds)
    ui_upload.sidebar(ds)
    sel = query.apply(ds, filters.without_event())
    if filters.event and not sel.contains(ds.position_of(filters.event)):
        st.session_state["notices"] = st.session_state.get("notices", []) + [
            f"The selected event {filters.event!r} is outside the current filters, so it is not shown."]
        st.session_state["event"] = None
        filters = filters.without_event()
    lc = sel.memo(("lanes", filters.factions), lambda: lane_counts(ds, sel.event_pos, filters.factions))

    st.title("Factionline", anchor=False)
    ui_upload.error_report()
    c = sel.counts()
    st.caption(f"{c['events']:,} of {len(ds.events):,} events · {c['actors']:,} actor{'' if c['actors'] == 1 else 's'} · "
               f"{c['quotes']:,} of {len(ds.quotes):,} quotes in the current selection")
    for notice in st.session_state.get("notices", []):
        st.warning(notice, icon=":material/link_off:")

    if not c["events"] and not c["quotes"]:
        st.info("Nothing matches these filters. Remove a faction, widen the date range or clear the search.",
                icon=":material/filter_alt_off:")
        st.button("Reset filters", on_click=ui_filters.reset, args=(ds,), key="reset-empty")
        ui_filters.sync_url(filters)
        return

    # Lazy tabs: only the open tab's content runs, so a filter change does not rebuild the others.
    tab_timeline, tab_table, tab_about = st.tabs(["Timeline", "Table & downloads", "About this data"],
                                                 key="view", on_change="rerun")
    if tab_timeline.open:
        with tab_timeline:
            _timeline_tab(ds, sel, lc, filters)
    if tab_table.open:
        with tab_table:
            _pick("table", ui_table.render(ds, sel, filters))
            ui_table.exports(ds, sel)
    if tab_about.open:
        with tab_about:
            ui_about.render(ds)

    filters = dataclasses.replace(filters, event=st.session_state.get("event"))
    ui_filters.sync_url(filters)
