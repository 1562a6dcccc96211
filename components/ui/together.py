"""The "Who meets whom" tab: faction × faction shared events of the selection (or actor × actor for the
chosen factions), counted as cooperation, conflict (by the events' sides) or all (`count=` in the URL); a click
on a cell filters to that pair's events (`with=` in the URL); the pair's shared events per month; the actor
network."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.analysis import cooccurrence
from components.analysis.charts.common import faction_colours, point_data
from components.analysis.charts.matrix import matrix_figure, network_figure
from components.data.safetext import md
from components.ui import state


def matrix_chart(fig, level: str = "Factions") -> list:
    """The matrix (clickable, at its own width: square cells); the points clicked. Shared with the engines'
    page."""
    return state.clicked(fig, f"together-matrix-{level}", width="content", displayModeBar=False)


SIDE_BY_SIDE_PX = 560  # a matrix at most this wide sits beside its lists (3/5 of the page at 1280 px)


def pick_pair(points: list, filters) -> None:
    """A clicked cell of the faction matrix: that pair (Factions together), queued for the next run."""
    for point in points:
        data = point_data(point.get("customdata"))
        if len(data) == 2 and data[0] != data[1]:
            wanted = tuple(sorted(data))
            if tuple(sorted(filters.together)) != wanted:
                state.queue_drill({"together": wanted})
    if points:
        st.rerun()  # the matrix under its renewed key: the next click is never reported under the old one


COUNTED = {  # what a cell counts (analysis/cooccurrence.COUNTS): a clash is not a meeting unless asked
    "Cooperation": "cooperation",
    "Conflict": "conflict",
    "All events": "all",
}
COUNT_HELP = (
    "Cooperation: events of talks and cooperation (CAMEO 01–08) both take part in, and any event in which they "
    "are on the same side (allies in a clash). Conflict: any other event in which they are on opposite sides "
    "(ACLED's actor1 and actor2, GDELT's Actor1 and Actor2); events without sides, as most curated ones, say "
    "nobody's side and are not counted. All events: every event both take part in."
)
ASKS = ("faction_matrix", "days")  # its questions of the data (analysis/questions.py)
PARAMS = ("count", "together-level")  # bound to the URL: what a cell counts, factions or actors
COUNTED_WORDS = {
    "cooperation": "events of cooperation both take part in, or in which they are on the same side",
    "conflict": "events in which they are on opposite sides (not talks or cooperation)",
    "all": "events both take part in, cooperation and conflict alike",
}


def view(page) -> None:
    backend, filters = page.backend, page.filters
    level, count, joint = _controls()
    matrix = _matrix(backend, filters, level, joint, count)
    if matrix is None:
        st.info(
            f"More than {cooccurrence.MAX_ACTORS} actors take part in this selection: choose factions or narrow "
            "the filters to see actors, or read the faction matrix.",
            icon=":material/groups:",
        )
        return
    if not matrix.ids:
        st.info("No faction takes part in the selected events.", icon=":material/groups:")
        return
    pairs = matrix.pairs()
    st.caption(
        f":material/groups: {len(matrix.ids)} {level.lower()} · {len(pairs)} pairs. Each cell counts the "
        f"selection's {COUNTED_WORDS[count]}; the diagonal, each one's own events"
        + (f" (only {', '.join(filters.families)})" if filters.families else "")
        + ". "
        + ("Click a cell to filter to that pair's events." if level == "Factions" else "")
    )
    figure = backend.kept(
        filters, ("matrix-figure", level, joint, count, filters.factions), lambda: matrix_figure(matrix)
    )
    # The matrix keeps its own width (square cells, every count whole): beside the lists only when it fits
    # there, else above them — a column narrower than the figure would squash it (and clip its counts)
    left, right = st.columns([3, 2], gap="large") if figure.layout.width <= SIDE_BY_SIDE_PX else (st.container(),) * 2
    with left:
        points = matrix_chart(figure, level)
        if level == "Factions":
            pick_pair(points, filters)
    with right:
        _most_shared(matrix, pairs)
        if len(filters.together) == 2:
            _pair_per_month(backend, filters)
    if level == "Actors" and len(matrix.ids) > 1:
        _network(backend, filters, matrix, joint, count)


def _controls() -> tuple[str, str, bool]:
    """Between factions or actors, what a cell counts, and whether joint statements count (bound to the URL)."""
    a, c, b = st.columns([2, 3, 2], vertical_alignment="bottom")
    level = (
        a.segmented_control(
            "Between",
            ["Factions", "Actors"],
            default="Factions",
            key="together-level",
            bind="query-params",
            help="Actors: those of the chosen factions (all, when none is chosen), up to "
            f"{cooccurrence.MAX_ACTORS}; beyond that, narrow the filters.",
        )
        or "Factions"
    )
    picked = c.segmented_control(
        "Count", list(COUNTED), default="Cooperation", key="count", bind="query-params", help=COUNT_HELP
    )
    joint = b.toggle(
        "Count joint statements",
        key="together-joint",
        help="A quote never counts as a meeting, except the signatories of one joint statement: the source says "
        "they issued it together.",
    )
    return level, COUNTED.get(picked or "Cooperation", "cooperation"), joint


def _matrix(backend, filters, level: str, joint: bool, count: str):
    """The matrix drawn: the factions that take part (the question faction_matrix), or actor by actor from the
    selection's rows (None beyond what is drawn: too many actors, or rows an engine does not read at once)."""
    if level == "Factions":
        matrix = backend.ask("faction_matrix", filters, joint=joint, count=count)
        shown = [i for i, f in enumerate(matrix.ids) if matrix.counts[i, i]]
        return cooccurrence.Matrix(
            [matrix.ids[i] for i in shown], [matrix.names[i] for i in shown], matrix.counts[shown][:, shown]
        )
    rows = backend.rows_or_none(filters, quotes=joint)  # joint statements: the quotes too
    if rows is None:
        return None
    return rows.sel.memo(
        ("actor-matrix", filters.factions, joint, count),
        lambda: cooccurrence.actor_matrix(rows.ds, rows.sel.event_pos, filters.factions, joint, count),
    )


def _most_shared(matrix, pairs) -> None:
    st.markdown("**Most shared**")
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "shared events": n,  # first: a long pair name never pushes the count out of view
                    "pair": f"{matrix.names[matrix.ids.index(x)]} · {matrix.names[matrix.ids.index(y)]}",
                }
                for x, y, n in pairs[:50]
            ]
        )
        if pairs
        else pd.DataFrame(columns=["shared events", "pair"]),
        hide_index=True,
        width="stretch",
        height=min(420, 38 + 35 * max(len(pairs[:50]), 1)),
        column_config={
            "shared events": st.column_config.NumberColumn("shared", width="small"),
            "pair": st.column_config.TextColumn(width="large"),
        },
    )


def _pair_per_month(backend, filters) -> None:
    """The two factions together, per month (the selection is the pair's events)."""
    lookups = backend.lookups
    x, y = filters.together
    months, counts = cooccurrence.per_month(backend.ask("days", filters))
    st.markdown(f"**{md(lookups.faction_name.get(x, x))} and {md(lookups.faction_name.get(y, y))}, per month**")
    if len(months):
        import plotly.express as px  # here: Plotly Express is ~0.2 s to import, and only this chart uses it

        fig = px.bar(x=pd.to_datetime(months.astype("datetime64[D]")), y=counts, labels={"x": "", "y": "shared events"})
        fig.update_layout(height=220, margin={"l": 10, "r": 10, "t": 10, "b": 10})
        st.plotly_chart(fig, key="together-months", theme="streamlit", width="stretch", config={"displaylogo": False})


def _network(backend, filters, matrix, joint: bool, count: str) -> None:
    lookups = backend.lookups
    st.markdown("**Network** — actors who shared an event are joined; the more events, the wider the line")
    colours = faction_colours(lookups)
    by_actor = {a: colours.get((lookups.factions_of_actor.get(a) or [""])[0], "#7F7F7F") for a in matrix.ids}
    fig = backend.kept(
        filters,
        ("network", filters.factions, joint, count),
        lambda: network_figure(matrix, cooccurrence.layout(matrix), by_actor),
    )
    st.plotly_chart(fig, key="together-network", theme="streamlit", width="stretch", config={"displaylogo": False})
