"""The timeline chart and the counts-over-time view."""
from __future__ import annotations

import streamlit as st

from .figures import counts_over_time, timeline
from .model import Dataset
from .query import Selection

KEY = ("Key: ● occurred · ■ reported · ◇ planned (announced, not yet happened) · bars span a month, a year "
       "or an interval · faded with ? or hatched = uncertain, ~ = approximate · a dotted line joins one "
       "event's marks in several faction lanes · hover for the source's own wording of the date.")


def render(ds: Dataset, sel: Selection, selected: str | None, only: tuple[str, ...] = ()) -> str | None:
    """Draw the timeline; return the event id the user clicked, if any."""
    fig = timeline(ds, sel.events, selected, only)
    picked = st.plotly_chart(fig, key="timeline", on_select="rerun", selection_mode=("points",),
                             theme="streamlit", width="stretch",
                             config={"displaylogo": False, "scrollZoom": True})
    st.caption(KEY)
    points = picked.selection.points if picked else []
    for point in points:
        data = point.get("customdata")
        if data:
            return data[0] if isinstance(data, (list, tuple)) else data
    return None


def render_counts(ds: Dataset, sel: Selection, only: tuple[str, ...] = ()) -> None:
    st.plotly_chart(counts_over_time(ds, sel.events, only), key="counts", theme="streamlit", width="stretch",
                    config={"displaylogo": False})
