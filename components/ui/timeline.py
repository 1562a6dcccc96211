"""The Timeline tab: the chart (every event, or a heat strip when the selection is large) with the selected
event's details beside it, counts and fatalities over time, and the quotes."""

from __future__ import annotations

import html

import numpy as np
import streamlit as st

from components.analysis.aggregate import bucket_for, choose_bucket, focus
from components.analysis.charts.common import point_data
from components.analysis.charts.timeline import (
    EPOCH,
    MAX_MARKS,
    STRIP_COLOUR,
    counts_over_time,
    density_timeline,
    drill_target,
    lane_order,
    lane_rows,
    size_key,
    strip_opacity,
    timeline,
)
from components.analysis.query import Selection
from components.backends.base import RowsRefused
from components.data.families import COLOURS as FAMILY_COLOURS
from components.data.model import Dataset
from components.ui import details, quotes, state
from components.ui import focus as keep_in_view

ASKS = ("counts", "days", "lanes", "sum")  # the questions of the data it asks (analysis/questions.py)
PARAMS = ("colour", "sized")  # bound to the URL: what a mark's colour says, and marks sized by fatalities
COLOUR_BY = {"what happened": "type", "faction": "faction"}

KEY = (
    "Shape: ● occurred · ■ reported · ◇ planned (announced, not yet happened) · ⊗ civilians targeted · day "
    "marks sit at midday; bars "
    "cover a month, a year or an interval (a short one with its shape on its first day), faint when longer "
    "than a week · hatched or faded with ? = "
    "uncertain, ~ = approximate · ▢ +N: more events that day (or those days), click to list them · a dotted line joins one "
    "event's marks in several lanes · hover for the source's own wording of the date."
)


def render(backend, filters, selected: str | None) -> str | None:
    """Draw the timeline; return the event id the user clicked, if any.

    A click on a heat-strip cell (large selections) queues a drill-down into that faction and period; a
    click on a "+N" crowd lists its events beside the chart.
    """
    only, window = filters.factions, filters.dates
    lo, hi, hidden = _view(backend, filters)
    lookups = backend.lookups
    bucket = bucket_for(lo, hi, len(backend.ask("lanes", filters, bucket="year").lanes))  # the lanes drawn
    strip = backend.ask("lanes", filters, bucket=bucket)
    events = backend.ask("counts", filters)["events"]
    counts_mode = strip.total > MAX_MARKS
    if counts_mode:
        view = (lo.astype(object), hi.astype(object))
        st.caption(
            f":material/view_timeline: **Counts mode.** {events:,} events ({strip.total:,} event–faction "
            f"pairs) are more than the {MAX_MARKS:,} marks drawn one by one: each cell is a faction's events in "
            f"one {strip.bucket}, stronger for more (an event in two lanes counts in each). Click a cell to "
            f"zoom into that faction and {strip.bucket}, or narrow the filters."
        )
        ringed = _selected_on_strip(backend, selected)
        fig = _figure(
            backend,
            filters,
            ("strip", bucket, view, ringed),
            lambda: density_timeline(lookups, strip, view, hidden, selected=list(ringed)),
        )
        drill_into(lookups, chart(fig))
        strip_legend(strip)
        return None
    rows = backend.rows(filters, quotes=False)  # the marks: the events only (at most MAX_MARKS of them here)
    fatal = backend.lookups.has_measure("fatalities")
    colour, sized = controls(fatal)
    fig = _figure(
        backend,
        filters,
        ("events", selected, only, window, sized, colour),
        lambda: timeline(rows.ds, rows.sel.events, selected, only, window, by_fatalities=sized, colour_by=colour),
    )
    meta = fig.layout.meta or {}
    behind, overlaps = meta.get("behind", 0), meta.get("overlaps", 0)
    st.caption(
        f":material/timeline: **Event mode.** Each mark is one event ({events:,} events, "
        f"{strip.total:,} marks across faction lanes). "
        + (
            "No mark, box or label overlaps another, on a phone's width or wider (measured on the chart as drawn). "
            if not overlaps
            else f"**{overlaps:,} pairs of marks or labels overlap** as drawn on a phone's width. "
        )
        + (
            f"**{behind:,} of the {strip.total:,} marks are behind “+N” boxes** (days too crowded to draw each): "
            "click a box to list them, or narrow the dates."
            if behind
            else "Every mark is drawn."
        )
    )
    points = chart(fig)
    legend(colour, size_key(rows.ds, rows.sel.events) if sized else [])
    st.caption(KEY)
    text_alternative(rows.ds, rows.sel.events, only, meta)
    picked = keyboard_list(rows.ds, rows.sel.events, only)
    for point in points:
        data = point_data(point.get("customdata"))
        if data and data[0] == "@crowd":
            _list_crowd(rows.ds, rows.sel, data)
            keep_in_view.request(".st-key-crowd")
            st.rerun()  # the list beside the chart, and the chart under its renewed key
        if data:
            return str(data[0])
    return picked


def controls(fatal: bool) -> tuple[str, bool]:
    """What a mark's colour says (one meaning at a time), and marks sized by fatalities: both in the URL."""
    with st.container(horizontal=True, vertical_alignment="center", key="timeline-controls"):
        chosen = st.segmented_control(
            "Colour marks by",
            list(COLOUR_BY),
            default="what happened",
            required=True,
            key="colour",
            bind="query-params",
            help="What happened: the event type's family (its own colours). Faction: the lane's faction colour. "
            "The lanes are always named.",
        )
        sized = False
        if fatal:
            sized = st.toggle(
                "Size marks by fatalities",
                key="sized",
                bind="query-params",
                help="A mark's area grows with the fatalities reported; the key under the chart gives the scale.",
            )
    return COLOUR_BY.get(chosen or "what happened", "type"), bool(sized)


def _selected_on_strip(backend, selected: str | None) -> tuple:
    """The selected event's lanes and days, to ring it on the heat strip (a story's step on merged data)."""
    if not selected:
        return ()
    ds = backend.event(selected)
    pos = ds.position_of(selected) if ds is not None else None
    if pos is None:
        return ()
    start, end = ds.events["start"].iat[pos], ds.events["end"].iat[pos]
    return tuple((f, start, end) for f in (ds.factions_of_event(selected) or [""]))


def text_alternative(ds: Dataset, events, only: tuple, meta: dict) -> None:
    """The chart in words (for screen readers and anyone): what it shows, how many, over which dates."""
    rows = lane_rows(ds, events, only)
    if not len(rows):
        return
    per_lane = rows["lane"].value_counts()
    lanes = ", ".join(f"{lane} {per_lane.get(lane, 0):,}" for lane in lane_order(ds, rows))
    st.caption(
        f":material/description: **The chart in words:** {len(events):,} events from "
        f"{events['start'].min():%-d %b %Y} to {events['end'].max():%-d %b %Y}, one lane per faction "
        f"(events per lane: {lanes}); {meta.get('behind', 0):,} behind “+N” boxes. Every event is in the list "
        "below, in lane and date order.",
        help="Keyboard: Tab to the list, type to search, Enter to open the event's details.",
    )


def keyboard_list(ds: Dataset, events, only: tuple) -> str | None:
    """A keyboard path to every event of the chart: a searchable list in lane and date order; choosing one opens
    its details (as a click on its mark does)."""
    rows = lane_rows(ds, events, only)
    if not len(rows):
        return None
    lanes = lane_order(ds, rows)
    rows = rows.assign(lane_no=rows["lane"].map({n: i for i, n in enumerate(lanes)})).sort_values(
        ["lane_no", "start", "event_id"], kind="stable"
    )
    options = [f"{lane}\x1f{event_id}" for lane, event_id in zip(rows["lane"], rows["event_id"])]
    words = {
        o: f"{lane} · {label} · {title[:100]}"
        for o, lane, label, title in zip(options, rows["lane"], rows["date_label"].astype(str), rows["title"])
    }
    key = f"event-list-{len(options)}-{hash(tuple(options[:3] + options[-3:])) & 0xFFFF}"
    choice = st.selectbox(
        f"Open an event ({len(options):,} in lane and date order)",
        options,
        index=None,
        format_func=words.get,
        placeholder="Type to search, Enter to open its details",
        key=key,
    )
    event_id = choice.split("\x1f", 1)[1] if choice else None
    return event_id if state.new_pick("events-list", event_id) else None


def legend(colour_by: str = "type", sizes: list | None = None) -> None:
    """What a mark's colour says (one thing: the type's family, or the faction), and the size key when marks
    are sized by fatalities."""
    if colour_by == "faction":
        what = "Colour: the faction (as the lane's name says); a shape says the status"
        items = ""
    else:
        what = "Colour: what happened —"
        items = "".join(
            f'<span style="white-space:nowrap;margin-right:14px"><span style="color:{colour};font-size:1.1em">●</span>'
            f" {html.escape(name)}</span>"
            for name, colour in FAMILY_COLOURS.items()
        )
    size = ""
    if sizes:
        size = "<br>Size: fatalities — " + "".join(
            f'<span style="white-space:nowrap;margin-right:14px"><span style="display:inline-block;width:{px:.0f}px;'
            f'height:{px:.0f}px;border-radius:50%;border:1.5px solid currentColor;vertical-align:middle"></span>'
            f" {n:,}</span>"
            for n, px in sizes
        )
    st.html(f'<div class="factionline-legend">{what} {items}{size}</div>')


def strip_legend(strip) -> None:
    """The heat strip's one colour, from a single event to the busiest cell."""
    peak = int(strip.counts.max()) if strip.counts.size else 1
    steps = sorted({1, max(peak // 10, 1), max(peak // 3, 1), peak})
    cells = "".join(
        f'<span style="white-space:nowrap;margin-right:12px"><span style="display:inline-block;width:22px;'
        f'height:12px;background:{STRIP_COLOUR};opacity:{strip_opacity([n], peak)[0]:.2f};vertical-align:middle">'
        f"</span> {n:,}</span>"
        for n in steps
    )
    st.html(
        f'<div class="factionline-legend">Colour: how many events in a lane and {html.escape(strip.bucket)} — '
        f"{cells}</div>"
    )


def _view(backend, filters) -> tuple:
    """The range the timeline shows (the date filter's, or the events' without a lone early outlier: one
    definition, aggregate.focus) and how many events lie before it."""
    window = filters.dates
    lo, hi, hidden = focus(backend.ask("days", filters))
    if window and window[0]:
        lo, hidden = np.datetime64(window[0], "D"), 0
    if window and window[1]:
        hi = np.datetime64(window[1], "D")
    return lo, hi, hidden


def chart(fig) -> list:
    """The timeline chart (clickable, zoomable); the points clicked (once: the chart is then renewed)."""
    return state.clicked(fig, "timeline", scrollZoom=True)


def drill_into(ds, points: list) -> None:
    """A clicked heat-strip cell: its faction and period, queued for the next run's filters."""
    for point in points:
        drill = drill_target(ds, point_data(point.get("customdata")))
        if drill:
            faction_id, first, last = drill
            state.queue_drill({"dates": (first, last)} | ({"factions": (faction_id,)} if faction_id else {}))
    if points:
        st.rerun()  # the strip under its renewed key


def _list_crowd(ds: Dataset, sel: Selection, data: list) -> None:
    """List a clicked crowd's lane and days beside the chart: every event of the lane on those days (once
    per click: the chart's selection persists between reruns)."""
    _, faction_id, first_day = data[:3]
    last_day = data[4] if len(data) > 4 else first_day
    faction_id = str(faction_id)
    day = (EPOCH + np.timedelta64(int(first_day), "D")).astype(object)
    last = (EPOCH + np.timedelta64(int(last_day), "D")).astype(object)
    events = sel.events
    stamp, until = np.datetime64(day, "s"), np.datetime64(last, "s") + np.timedelta64(1, "D")
    on_days = events[(events["start"].to_numpy() < until) & (events["end"].to_numpy() >= stamp)]
    lanes = ds.event_lanes(on_days.index.to_numpy())
    in_lane = lanes.loc[lanes["faction_id"] == faction_id, "event_pos"].to_numpy()
    ids = on_days.loc[on_days.index.isin(in_lane), "event_id"].tolist()
    lane = ds.faction_name.get(faction_id, "No faction") if faction_id else "No faction"
    state.set_crowd((lane, day, ids, last))


FIGURES_KEPT = 4  # per selection: a few selected events or windows of the same filter state


def _figure(backend, filters, key: tuple, make):
    """A figure built once per filter state and view, shared by every session showing that view.

    Building a Plotly figure is most of a rerun's work; a view other sessions (or this one, a moment ago)
    have drawn costs nothing. Never mutated.
    """
    figures = backend.kept(filters, "figures", dict)
    if key not in figures:
        figures[key] = make()
        while len(figures) > FIGURES_KEPT:
            figures.pop(next(iter(figures)))
    return figures[key]


def render_counts(backend, filters, fatalities: bool = False) -> None:
    """Stacked events (or fatalities) per faction over time, on the date filter's range when there is one."""
    lo, hi, hidden = _view(backend, filters)  # the timeline's own range: a lone early event noted, not drawn
    view = (lo.astype(object), hi.astype(object))
    bucket = choose_bucket(lo, hi)
    lc = backend.ask("lanes", filters, bucket=bucket)
    if fatalities:
        sums = backend.ask(
            "lanes", filters, bucket=bucket, weights="fatalities"
        )  # the same lanes and buckets: the grids align
        make = lambda: counts_over_time(backend.lookups, lc, view, sums.counts, "fatalities")  # noqa: E731
    else:
        make = lambda: counts_over_time(backend.lookups, lc, view)  # noqa: E731
    st.plotly_chart(
        _figure(backend, filters, ("counts", fatalities, bucket, view), make),
        key=f"counts-chart-{fatalities}",
        theme="streamlit",
        width="stretch",
        config={"displaylogo": False},
    )
    if len(lc.lanes) > 1:  # was in the y title, clipped at both ends ("ents per week…")
        st.caption(
            f"{'Fatalities' if fatalities else 'Events'} per {lc.bucket}, stacked by faction: an event in two lanes counts in each."
        )
    if hidden:
        st.caption(
            f":material/first_page: {hidden:,} earlier event{'' if hidden == 1 else 's'} before "
            f"{view[0]:%-d %b %Y} {'is' if hidden == 1 else 'are'} left out of this view (set the dates to include "
            f"{'it' if hidden == 1 else 'them'})."
        )


COUNTS_INLINE_AT = 25  # from this many events the counts view is shown without a click


def view(page) -> None:
    """The Timeline tab: the chart with the details (or a crowd's events) beside it, counts and
    fatalities over time, and the quotes."""
    backend, filters, c = page.backend, page.filters, page.counts
    chart_column, side = st.columns([2, 1], gap="medium")
    marks = 0
    with chart_column:
        if not c["events"]:
            st.info("No events match these filters; matching quotes are listed below.")
        else:
            clicked = render(backend, filters, state.selected_event())
            if clicked:
                state.select_event(clicked)
                state.set_crowd(None)  # a mark chosen: an open "+N" list closes
                keep_in_view.request(".st-key-event-details")  # where the click's answer is: kept in view
                # Drawn again at once: the clicked mark ringed, and the chart under its renewed key (a click
                # on the chart still shown would be reported under the old key, and lost).
                st.rerun()
    with side, st.container(key="details-side"):  # sticky beside the chart on a wide screen (theme.py)
        st.subheader("Event details", anchor=False)
        crowd = state.crowd()
        if crowd:  # a crowd is drawn in event mode: its events were read for the marks
            details.crowd(
                backend.rows(filters, quotes=False).ds, *crowd
            )  # a bounded, scrolling list: the details stay in view
        event_id = state.selected_event()
        details.render(backend.event(event_id) if event_id else None, event_id)
    keep_in_view.scroll()  # a click's answer (the details, a "+N" list) scrolled into view when it is off screen
    if c["events"]:
        # Stacked counts per faction: shown for mid-sized selections; in counts mode the heat strip
        # already is counts over time, so it waits for a click (one chart less to repaint).
        marks = backend.ask("lanes", filters, bucket="year").total
        shown = COUNTS_INLINE_AT <= c["events"] and marks <= MAX_MARKS
        if st.toggle("Events over time (stacked counts per faction)", value=shown, key=f"counts-{shown}"):
            render_counts(backend, filters)
        if backend.lookups.has_measure("fatalities") and st.toggle(
            "Fatalities over time per faction", key="fatalities"
        ):
            render_counts(backend, filters, fatalities=True)
            whole = backend.ask("sum", filters, column="fatalities")
            st.caption(
                f":material/functions: **{whole:,.0f} fatalities** reported in the selection, each event counted "
                "once. The lanes count an event in each of its factions (a clash between two is in both), so "
                "they add up to more."
            )
    quotes_section(backend, filters)


def _shown(ds: Dataset, event_pos) -> np.ndarray:
    """A mask over events plus one False at the end, so that a quote with no event (position -1) is not shown."""
    mask = np.zeros(len(ds.events) + 1, dtype=bool)
    mask[event_pos] = True
    return mask


def quotes_section(backend, filters) -> None:
    """The quote cards: by speakers in the selection (the filters' reading), or quotes on the events shown."""
    try:
        rows = backend.rows(filters)
    except RowsRefused as refused:
        st.subheader("Quotes", anchor=False)
        st.info(
            f"The quote cards show a selection of up to {refused.limit:,} events and quotes read at once, and "
            f"this one may hold {refused.count:,} {refused.what}: narrow the filters (a faction, a period, a "
            "search) to read them.",
            icon=":material/format_quote:",
        )
        return
    ds, sel = rows.ds, rows.sel
    on_events = sel.memo(
        "quotes-on-events", lambda: np.flatnonzero(_shown(ds, sel.event_pos)[ds.quotes["event_pos"].to_numpy()])
    )
    which = st.segmented_control(
        "Quotes",
        ["by the chosen speakers", "on the events shown"],
        default="by the chosen speakers",
        key="quote-scope",
        help="By the chosen speakers: quotes whose speaker is in the chosen factions or actors and that match the "
        "other filters. On the events shown: quotes attached to the events in the timeline, whoever said them.",
    )
    positions = on_events if which == "on the events shown" else sel.quote_pos
    label = "on the events shown" if which == "on the events shown" else "by the chosen speakers"
    st.subheader(f"Quotes {label} ({len(positions):,})", anchor=False)
    quotes.render(ds, ds.quotes, positions)
