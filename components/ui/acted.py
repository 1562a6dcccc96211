"""The "Who acted on whom" tab: the selection's events between factions (or actors) by side — side A, the
initiator where the source says who acted (or the first side it lists), in rows; side B, the target (or the
other side), in columns. A click on a cell filters to those events (`initiator=` and `target=` in the URL,
the sidebar's "As initiator" and "As target")."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from components.analysis import cooccurrence
from components.analysis.charts.common import point_data
from components.analysis.charts.matrix import matrix_figure
from components.analysis.filters import SIDE_HELP
from components.ui import state
from components.ui.together import SIDE_BY_SIDE_PX, matrix_chart

ASKS = ("directed_matrix",)  # its questions of the data (analysis/questions.py)
PARAMS = ("acted-level",)  # bound to the URL: factions or actors
LISTED = 50  # pairs in the list beside the matrix


def _shown(d: cooccurrence.Directed) -> cooccurrence.Directed:
    """Only the members with an event on a side (as initiator or as target)."""
    keep = [i for i in range(len(d.ids)) if d.counts[i].any() or d.counts[:, i].any()]
    at = np.ix_(keep, keep)
    return cooccurrence.Directed([d.ids[i] for i in keep], [d.names[i] for i in keep], d.counts[at], d.stated[at])


def pick_sides(points: list, filters) -> None:
    """A clicked cell: its side A as initiator and its side B as target, queued for the next run."""
    for point in points:
        data = point_data(point.get("customdata"))
        if len(data) == 2 and (filters.initiators, filters.targets) != ((data[0],), (data[1],)):
            state.queue_drill({"initiators": (data[0],), "targets": (data[1],)})
    if points:
        st.rerun()


def view(page) -> None:
    backend, filters = page.backend, page.filters
    if not backend.lookups.has_sides:
        st.info(
            "No event of this data has sides. Imports fill them from the source — ACLED's actor1 and actor2 with "
            "their associated actors, GDELT's Actor1 and Actor2 — and a curated table may give side_a, side_b "
            "and direction (docs/data-model.md).",
            icon=":material/swap_horiz:",
        )
        return
    level = (
        st.segmented_control(
            "Between",
            ["Factions", "Actors"],
            default="Factions",
            key="acted-level",
            bind="query-params",
            help=f"Actors: those of the chosen factions' events (all, when none is chosen), up to "
            f"{cooccurrence.MAX_ACTORS}. " + SIDE_HELP,
        )
        or "Factions"
    )
    if level == "Factions":
        d = _shown(backend.ask("directed_matrix", filters))
    else:
        rows = backend.rows_or_none(filters, quotes=False)  # who acted: the events' sides, no quotes
        d = (
            rows.sel.memo(
                ("actor-directed", filters.factions),
                lambda: _shown(cooccurrence.actor_directed(rows.ds, rows.sel.event_pos, filters.factions)),
            )
            if rows is not None
            else None
        )
        if d is None or len(d.ids) > cooccurrence.MAX_ACTORS:
            st.info(
                f"More than {cooccurrence.MAX_ACTORS} actors (or events than an engine reads at once) in this "
                "selection: choose factions or narrow the filters, or read the factions.",
                icon=":material/swap_horiz:",
            )
            return
    if not d.ids:
        st.info("No event of the selection has sides.", icon=":material/swap_horiz:")
        return
    pairs = d.pairs()
    st.caption(
        ":material/swap_horiz: Rows are side A — who acted, where the source says so, else the first side it lists "
        "(ACLED's actor1) — and columns side B: each cell counts the selection's events with the row on side A and "
        "the column on side B; hover a cell to see how many of them the source directs."
        + (" Click a cell to filter to its events." if level == "Factions" else "")
    )
    figure = backend.kept(filters, ("acted-figure", level, filters.factions), lambda: matrix_figure(d))
    left, right = st.columns([3, 2], gap="large") if figure.layout.width <= SIDE_BY_SIDE_PX else (st.container(),) * 2
    with left:
        points = matrix_chart(figure, f"acted-{level}")
        if level == "Factions":
            pick_sides(points, filters)
    with right:
        st.markdown("**Who acted on whom**")
        name = dict(zip(d.ids, d.names))
        listed = pd.DataFrame(
            [{"events": n, "stated": k, "side A — side B": f"{name[a]} — {name[b]}"} for a, b, n, k in pairs[:LISTED]],
            columns=["events", "stated", "side A — side B"],
        )
        st.dataframe(
            listed,
            hide_index=True,
            width="stretch",
            height=min(420, 38 + 35 * max(len(listed), 1)),
            column_config={  # the counts first: a long pair of names never pushes them out of view
                "events": st.column_config.NumberColumn(width="small"),
                "stated": st.column_config.NumberColumn(
                    width="small", help="of those, the events whose source says side A acted on side B"
                ),
                "side A — side B": st.column_config.TextColumn(width="large"),
            },
        )
