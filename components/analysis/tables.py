"""The table of events as the dashboard shows and exports it, and the orders its pages follow: pure, shared
by every backend (a page of rows is an in-memory model: the whole one, or an engine's slice)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from components.analysis import urlstate
from components.analysis.query import Filters, Selection
from components.data.model import Dataset
from components.data.safetext import safe_url


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


def sort_options(lookups) -> list[str]:
    """The orders a backend's events can be sorted by (the columns its data has)."""
    columns = lookups.event_columns
    return [
        k for k, c in SORTS.items() if (c in columns or c == "start") and (c != "fatalities" or lookups.has_measure(c))
    ]


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
