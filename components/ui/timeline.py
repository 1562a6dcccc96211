"""The timeline (one mark per event, or counts when the selection is large) and counts over time."""

from __future__ import annotations

import streamlit as st

from components.analysis.aggregate import LaneCounts, coarser_for_bubbles, lane_counts
from components.analysis.figures import (
    MAX_MARKS,
    counts_over_time,
    density_timeline,
    drill_target,
    timeline,
)
from components.analysis.query import Selection
from components.data.model import Dataset
from components.ui import details, quotes, state

KEY = (
    "Key: ● occurred · ■ reported · ◇ planned (announced, not yet happened) · bars span a month, a year "
    "or an interval · faded with ? or hatched = uncertain, ~ = approximate · a dotted line joins one "
    "event's marks in several faction lanes · hover for the source's own wording of the date."
)


def render(
    ds: Dataset,
    sel: Selection,
    lc: LaneCounts,
    selected: str | None,
    only: tuple[str, ...] = (),
    window: tuple | None = None,
) -> str | None:
    """Draw the timeline; return the event id the user clicked, if any.

    A click on a count bubble (large selections) queues a drill-down into that faction and period.
    """
    if lc.total > MAX_MARKS:
        lc = _bubbles(ds, sel, lc, only)
        st.caption(
            f":material/bubble_chart: **Counts mode.** {lc.total:,} event marks are more than the "
            f"{MAX_MARKS:,} drawn one by one, so each bubble is the number of a faction's events in one "
            f"{lc.bucket}. Click a bubble to zoom into that faction and {lc.bucket}, or narrow the filters."
        )
        fig = _figure(sel, ("density", only), lambda: density_timeline(ds, _bubbles(ds, sel, lc, only)))
    else:
        st.caption(
            f":material/timeline: **Event mode.** Each mark is one event ({sel.n_events:,} events, "
            f"{lc.total:,} marks across faction lanes)."
        )
        fig = _figure(sel, ("events", selected, only, window), lambda: timeline(ds, sel.events, selected, only, window))
    picked = st.plotly_chart(
        fig,
        key="timeline",
        on_select="rerun",
        selection_mode=("points",),
        theme="streamlit",
        width="stretch",
        config={"displaylogo": False, "scrollZoom": True},
    )
    if lc.total <= MAX_MARKS:
        st.caption(KEY)
    for point in picked.selection.points if picked else []:
        data = point.get("customdata")
        if lc.total > MAX_MARKS:
            drill = drill_target(ds, data)
            if drill:
                faction_id, first, last = drill
                state.queue_drill({"dates": (first, last)} | ({"factions": (faction_id,)} if faction_id else {}))
            return None
        if data:
            return data[0] if isinstance(data, (list, tuple)) else data
    return None


def _bubbles(ds: Dataset, sel: Selection, lc: LaneCounts, only: tuple[str, ...]) -> LaneCounts:
    """Counts in buckets coarse enough that the chart draws at most MAX_BUBBLES bubbles."""
    coarser = coarser_for_bubbles(lc)
    if coarser is None:
        return lc
    return sel.memo(("bubbles", only, coarser), lambda: lane_counts(ds, sel.event_pos, only, coarser))


FIGURES_KEPT = 4  # per selection: a few selected events or windows of the same filter state


def _figure(sel: Selection, key: tuple, make):
    """A figure built once per selection and view, shared by every session showing that view.

    Building a Plotly figure is most of a rerun's work; selections are shared and reused (query.apply),
    so a view other sessions (or this one, a moment ago) have drawn costs nothing. Never mutated.
    """
    figures = sel.memo("figures", dict)
    if key not in figures:
        figures[key] = make()
        while len(figures) > FIGURES_KEPT:
            figures.pop(next(iter(figures)))
    return figures[key]


def render_counts(ds: Dataset, sel: Selection, lc: LaneCounts) -> None:
    st.plotly_chart(
        _figure(sel, ("counts", lc.bucket, tuple(lc.lanes)), lambda: counts_over_time(ds, lc)),
        key="counts",
        theme="streamlit",
        width="stretch",
        config={"displaylogo": False},
    )


COUNTS_INLINE_AT = 25  # from this many events the counts view is shown without a click


def view(page) -> None:
    """The Timeline tab: the chart, counts over time, the selected event's details and the quotes."""
    ds, sel, lc, filters = page.ds, page.sel, page.lanes, page.filters
    c = sel.counts()
    if not c["events"]:
        st.info("No events match these filters; matching quotes are listed below.")
    else:
        state.pick("chart", render(ds, sel, lc, state.selected_event(), filters.factions, filters.dates))
        # Stacked counts per faction: shown for mid-sized selections; in counts mode the bubbles
        # already are counts over time, so it waits for a click (one chart less to repaint).
        shown = COUNTS_INLINE_AT <= c["events"] and lc.total <= MAX_MARKS
        if st.toggle("Events over time (stacked counts per faction)", value=shown, key=f"counts-{shown}"):
            render_counts(ds, sel, lc)
    left, right = st.columns([1, 1], gap="large")
    with left:
        st.subheader("Event details", anchor=False)
        details.render(ds, state.selected_event())
    with right:
        st.subheader(f"Quotes ({c['quotes']:,})", anchor=False)
        quotes.render(ds, ds.quotes, sel.quote_pos)
