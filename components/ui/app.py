"""The page: sign-in, load, filters, then the views (ui/views.py), and the URL."""

from __future__ import annotations

import os
import time

import streamlit as st

from components.analysis import query
from components.analysis.aggregate import lane_counts
from components.data.problems import InvalidData
from components.paths import RESOURCES
from components.ui import auth, filters, state, upload
from components.ui.loading import data_dir, load_dataset, report_invalid
from components.ui.offline import stay_offline
from components.ui.views import VIEWS, Page

ICON = RESOURCES / "icon.png"
stay_offline()  # once, when the server first imports the app


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


def _page() -> None:
    # A local icon: a Material icon here would make every browser fetch it from Google's servers.
    st.set_page_config(page_title="Factionline", page_icon=str(ICON), layout="wide")
    if not auth.gate():  # before anything is loaded: no data, chart or count is sent
        return
    root = data_dir()
    try:
        ds = load_dataset(root)
    except InvalidData as err:
        st.title("Factionline", anchor=False)
        report_invalid(root, err.problems)
        return

    ds = upload.session_dataset(ds, root)
    chosen = filters.sidebar(ds)
    upload.sidebar(ds)
    sel = query.apply(ds, chosen.without_event())
    if chosen.event and not sel.contains(ds.position_of(chosen.event)):
        state.add_notice(f"The selected event {chosen.event!r} is outside the current filters, so it is not shown.")
        state.select_event(None)
        chosen = chosen.without_event()
    lanes = sel.memo(("lanes", chosen.factions), lambda: lane_counts(ds, sel.event_pos, chosen.factions))

    st.title("Factionline", anchor=False)
    upload.error_report()
    c = sel.counts()
    st.caption(
        f"{c['events']:,} of {len(ds.events):,} events · {c['actors']:,} actor{'' if c['actors'] == 1 else 's'} · "
        f"{c['quotes']:,} of {len(ds.quotes):,} quotes in the current selection"
    )
    if ds.warnings:
        st.caption(
            f":orange[:material/rule: {len(ds.warnings):,} check{'' if len(ds.warnings) == 1 else 's'} of meaning "
            "to look at (an event dated after its report, a likely duplicate…): see *About this data*.]"
        )
    for notice in state.notices():
        st.warning(notice, icon=":material/link_off:")

    if not c["events"] and not c["quotes"]:
        st.info(
            "Nothing matches these filters. Remove a faction, widen the date range or clear the search.",
            icon=":material/filter_alt_off:",
        )
        st.button("Reset filters", on_click=filters.reset, args=(ds,), key="reset-empty")
        filters.sync_url(chosen)
        return

    # Lazy tabs: only the open tab's content runs, so a filter change does not rebuild the others.
    page = Page(ds, sel, lanes, chosen)
    tabs = st.tabs([v.label for v in VIEWS], key="view", on_change="rerun", bind="query-params")
    for view, tab in zip(VIEWS, tabs):
        if tab.open:
            with tab:
                view.render(page)
    filters.sync_url(chosen.replace(event=state.selected_event()))
