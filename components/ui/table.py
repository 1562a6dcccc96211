"""The sortable table of filtered events, and the exports of exactly that selection."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from components.analysis import urlstate
from components.analysis.export import TIMELINEJS_MAX, readable, reports_of, table_csv, table_json, timelinejs
from components.analysis.query import Filters, Selection
from components.data.model import Dataset
from components.data.safetext import safe_url
from components.ui import state

PAGE_ROWS = 250  # rows sent to the browser at a time; exports always hold the whole selection


def table_frame(ds: Dataset, events: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    lanes = ds.event_lanes(events.index.to_numpy())  # events' index = their positions
    names = lanes["faction_id"].map(ds.faction_name).dropna()
    factions = names.groupby(lanes.loc[names.index, "event_pos"]).agg(", ".join)
    frame = pd.DataFrame(
        {
            "Start": events["start"].dt.date,
            "Date": events["date_label"].astype(str),  # plain strings: a categorical would ship every label
            "Source wording": events["date_text"],
            "Title": events["title"],
            "Status": events["status"].astype(str),
            "Type": events["event_type"].astype(str).map(ds.type_label),
            "Factions": factions.reindex(events.index, fill_value="").to_numpy(),
            "Actors": events["actor_ids"].map(lambda ids: ", ".join(ds.actor_names(ids))),
            "Location": events["location"],
            "Link": ["?" + urlstate.to_query_string(filters.replace(event=i)) for i in events["event_id"]],
            "Article": events["article_id"].map(lambda a: safe_url(ds.article.get(a, {}).get("url"))),
            "event_id": events["event_id"],
        }
    )
    for label, column in (("Region", "admin1"), ("Sub-event type", "sub_event_type"), ("Fatalities", "fatalities")):
        if ds.has_measure(column):  # the analytic fields the data has, after the location
            at = list(frame.columns).index("Location") + 1  # each inserted right after Location
            values = ds.number(column)[events.index.to_numpy()] if column == "fatalities" else events[column].to_numpy()
            frame.insert(at, label, values)
    return frame.reset_index(drop=True)


# Orders of the whole selection (the table's pages follow them): label -> events column.
SORTS = {
    "Date": "start",
    "Title": "title",
    "Status": "status",
    "Type": "event_type",
    "Location": "location",
    "Fatalities": "fatalities",
}


def sort_options(ds: Dataset) -> list[str]:
    return [k for k, c in SORTS.items() if c in ds.events.columns and (c != "fatalities" or ds.has_measure(c))]


def sorted_positions(ds: Dataset, sel: Selection, by: str, descending: bool) -> np.ndarray:
    """The selection's row positions in the chosen order (ties keep date order); computed once per
    selection and order, shared by every session."""

    def make():
        pos = sel.event_pos
        if by == "Date" and not descending:
            return pos  # the model's own order
        column = SORTS[by]
        if column == "fatalities":
            values = ds.number("fatalities")[pos]
            values = np.where(np.isnan(values), -np.inf if descending else np.inf, values)  # blanks last
        elif column == "start":
            values = ds.events["start"].to_numpy()[pos]
        else:
            values = ds.events[column].astype("str").str.lower().to_numpy(dtype=object)[pos]
        ranks = _ranks(values)
        # Stable on the date-ordered selection: ties stay in date order either way.
        return pos[np.argsort(-ranks if descending else ranks, kind="stable")]

    return sel.memo(("sorted", by, descending), make)


def _ranks(values: np.ndarray) -> np.ndarray:
    _, inverse = np.unique(values, return_inverse=True)
    return inverse.astype(np.int64)


def render(ds: Dataset, sel: Selection, filters: Filters) -> str | None:
    """Draw a page of the table; return the event id of a row the user picked, if any."""
    total = sel.n_events
    options = sort_options(ds)
    left, right = st.columns([2, 1], vertical_alignment="bottom")
    by = left.selectbox("Sort all rows by", options, key="sort", bind="query-params") or "Date"
    descending = right.toggle("Descending", key="desc", bind="query-params")
    order = sorted_positions(ds, sel, by if by in options else "Date", bool(descending))
    pages = max(1, -(-total // PAGE_ROWS))
    page = 1
    if pages > 1:
        left, right = st.columns([1, 3], vertical_alignment="bottom")
        page = left.number_input(f"Page (of {pages:,})", 1, pages, 1, key="table-page")
        right.caption(
            f"Rows {(page - 1) * PAGE_ROWS + 1:,}–{min(page * PAGE_ROWS, total):,} of {total:,} "
            f"events, by {by.lower()}{' (descending)' if descending else ''}. The downloads hold all {total:,}. "
            "A click on a column header sorts this page only: *Sort all rows by* sorts them all."
        )
    shown = ds.events.iloc[order[(page - 1) * PAGE_ROWS : page * PAGE_ROWS]]
    frame = table_frame(ds, shown, filters)
    picked = st.dataframe(
        frame,
        key="event-table",
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        column_order=[c for c in frame.columns if c != "event_id"],
        column_config={
            "Start": st.column_config.DateColumn("Start", help="First day the date can mean"),
            "Link": st.column_config.LinkColumn(
                "Link", display_text="open", help="A link to this event with the current filters"
            ),
            "Article": st.column_config.LinkColumn("Article", display_text="article"),
            "Title": st.column_config.TextColumn("Title", width="large"),
        },
    )
    rows = picked.selection.rows if picked else []
    return frame["event_id"].iat[rows[0]] if rows else None


def exports(ds: Dataset, sel: Selection) -> None:
    """Downloads of exactly the selection, made only when clicked (a million rows is not free)."""
    st.markdown("**Download the current selection**")
    cols = st.columns(3)
    n_e, n_q = sel.n_events, len(sel.quote_pos)
    n_r = int(sel.events["n_reports"].sum()) if "n_reports" in sel.events else n_e
    for col, (label, table, fmt) in zip(
        cols * 2,
        [
            ("Events CSV", "events", "csv"),
            ("Reports CSV", "reports", "csv"),
            ("Quotes CSV", "quotes", "csv"),
            ("Events JSON", "events", "json"),
            ("Reports JSON", "reports", "json"),
            ("Quotes JSON", "quotes", "json"),
        ],
    ):
        n = {"events": n_e, "reports": n_r, "quotes": n_q}[table]
        make = table_csv if fmt == "csv" else table_json

        def data(make=make, table=table):
            frames = {
                "events": lambda: readable(ds, sel.events),
                "reports": lambda: reports_of(ds, sel.event_pos),
                "quotes": lambda: sel.quotes,
            }
            return make(frames[table](), table)

        col.download_button(
            f"{label} ({n:,})",
            data,
            f"factionline-{table}.{fmt}",
            "text/csv" if fmt == "csv" else "application/json",
            icon=":material/download:",
            width="stretch",
            on_click="ignore",
        )
    too_many = n_e > TIMELINEJS_MAX
    st.download_button(
        f"TimelineJS JSON ({n_e:,} slides)",
        lambda: timelinejs(ds, sel.events, sel.event_pos, sel.quotes),
        "factionline-timeline.json",
        "application/json",
        icon=":material/slideshow:",
        on_click="ignore",
        disabled=too_many or not n_e,
        help=(
            f"TimelineJS cannot show more than {TIMELINEJS_MAX:,} slides: narrow the filters first."
            if too_many
            else "One slide per event, grouped by faction, with evidence and quotes as text and "
            "outlets as credits. Load it with TimelineJS (timeline.knightlab.com) to embed it in a story."
        ),
    )


def view(page) -> None:
    """The Table & downloads tab."""
    state.pick("table", render(page.ds, page.sel, page.filters))
    exports(page.ds, page.sel)
