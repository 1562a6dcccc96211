"""The sortable table of filtered events, and the exports of exactly that selection."""
from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from . import urlstate
from .export import table_csv, table_json
from .model import Dataset
from .query import Filters, Selection
from .safetext import safe_url

MAX_ROWS = 10_000  # rows sent to the browser; exports always hold the whole selection


def table_frame(ds: Dataset, events: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    def names(cell: str) -> str:
        return ", ".join(ds.actor.get(a.strip(), {}).get("name", a) for a in cell.split(";") if a.strip())

    ef = ds.event_factions
    ef = ef[np.isin(ef["event_pos"].to_numpy(), events.index.to_numpy())]
    factions = (pd.Series(ef["faction_id"].astype(str).map(ds.faction_name).to_numpy(), index=ef["event_pos"].to_numpy())
                .groupby(level=0).agg(", ".join))
    return pd.DataFrame({
        "Start": events["start"].dt.date,
        "Date": events["date_label"],
        "Source wording": events["date_text"],
        "Title": events["title"],
        "Status": events["status"],
        "Type": events["event_type"].map(ds.type_label),
        "Factions": pd.Series(events.index, index=events.index).map(factions).fillna(""),
        "Actors": events["actor_ids"].map(names),
        "Location": events["location"],
        "Link": ["?" + urlstate.to_query_string(Filters(**{**filters.__dict__, "event": i}))
                 for i in events["event_id"]],
        "Article": events["article_id"].map(lambda a: safe_url(ds.article.get(a, {}).get("url"))),
        "event_id": events["event_id"],
    }).reset_index(drop=True)


def render(ds: Dataset, sel: Selection, filters: Filters) -> str | None:
    """Draw the table; return the event id of a row the user picked, if any."""
    shown = sel.events.sort_values("start", kind="stable").head(MAX_ROWS)
    if len(sel.events) > MAX_ROWS:
        st.caption(f"The table shows the first {MAX_ROWS:,} of {len(sel.events):,} events by date; "
                   "the downloads hold all of them.")
    frame = table_frame(ds, shown, filters)
    picked = st.dataframe(
        frame, key="event-table", hide_index=True, width="stretch", on_select="rerun",
        selection_mode="single-row",
        column_order=[c for c in frame.columns if c != "event_id"],
        column_config={
            "Start": st.column_config.DateColumn("Start", help="First day the date can mean"),
            "Link": st.column_config.LinkColumn("Link", display_text="open", help="A link to this event with the current filters"),
            "Article": st.column_config.LinkColumn("Article", display_text="article"),
            "Title": st.column_config.TextColumn("Title", width="large"),
        },
    )
    rows = picked.selection.rows if picked else []
    return frame["event_id"].iat[rows[0]] if rows else None


def exports(sel: Selection) -> None:
    st.markdown("**Download the current selection**")
    cols = st.columns(4)
    n_e, n_q = len(sel.events), len(sel.quotes)
    cols[0].download_button(f"Events CSV ({n_e})", table_csv(sel.events, "events"), "factionline-events.csv",
                            "text/csv", icon=":material/download:", width="stretch")
    cols[1].download_button(f"Events JSON ({n_e})", table_json(sel.events, "events"), "factionline-events.json",
                            "application/json", icon=":material/download:", width="stretch")
    cols[2].download_button(f"Quotes CSV ({n_q})", table_csv(sel.quotes, "quotes"), "factionline-quotes.csv",
                            "text/csv", icon=":material/download:", width="stretch")
    cols[3].download_button(f"Quotes JSON ({n_q})", table_json(sel.quotes, "quotes"), "factionline-quotes.json",
                            "application/json", icon=":material/download:", width="stretch")
