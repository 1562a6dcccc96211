"""The one interface every view asks for what it draws, and its in-memory implementation.

Two backends implement it: `Memory` over the in-memory model (data/model.Dataset), and
`engines/backend.Engine` over an ingested dataset in an analytical engine (DuckDB, Spark). A view is
written once, against `Backend`; which one answers is the server's setting (FACTIONLINE_ENGINE).

What a view asks:
- aggregates of a filter state, at any size: counts, events per first day (date bounds and the view's
  focus), counts per faction lane and time bucket, the faction matrix (by side too) and who acted on whom,
  per-faction and per-type totals,
  places, a page of rows in an order;
- rows drawn one by one, as an in-memory model holding them (`Rows`): the selection's events with their
  quotes when it is small enough (`rows`), one event with its reports and quotes (`event`), a story's
  events (`story`), an article (`article`). In memory that is the whole model; on an engine, a slice of
  the dataset built for the request (engines/slices.py) — so no view needs the whole table in memory.

Values are kept per filter state and shared by every session (`kept`): a state drawn a moment ago, by
anyone, costs nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np
import pandas as pd

from components.analysis import query
from components.analysis.aggregate import LaneCounts, lane_counts
from components.analysis.cooccurrence import Directed, Matrix, directed_matrix, faction_matrix
from components.analysis.filters import Filters
from components.data.model import Dataset, Lookups

ROWS_AT_MOST = 5_000  # events (and candidate quotes) an engine brings into memory for the views drawn row by row


@dataclass(frozen=True)
class Rows:
    """An in-memory model holding the rows a view draws, and the selection within it. `quotes` False: rows
    asked for the events only (the timeline's marks): the model holds the events' own quotes, not every quote
    the filters select, so sel.quote_pos is not the selection's quotes."""

    ds: Dataset
    sel: query.Selection
    quotes: bool = True


class RowsRefused(Exception):
    """More rows than a backend brings into memory at once: the view says so and asks to narrow the filters
    (a typed refusal, never a None that a view forgets to check)."""

    def __init__(self, what: str, count: int, limit: int):
        self.what, self.count, self.limit = what, count, limit
        super().__init__(f"{count:,} {what} are more than the {limit:,} read into memory at once")


class Backend(Protocol):
    name: str  # "memory", or the engine's name ("duckdb", "pyspark")
    lookups: Lookups  # factions, actors, event types, stories, names: what the sidebar and the figures read
    total: int  # events in the dataset
    total_quotes: int | None
    warnings: tuple  # the checks of meaning (data/problems.Problem); on an engine, the first of them
    warning_count: int  # how many checks of meaning there are

    def supports(self, key: str) -> bool: ...
    def kept(self, f: Filters, key, make): ...
    def counts(self, f: Filters) -> dict[str, int | None]: ...
    def contains(self, f: Filters, event_id: str) -> bool: ...
    def days(self, f: Filters) -> pd.DataFrame: ...
    def lane_counts(self, f: Filters, bucket: str, weights: str | None = None) -> LaneCounts: ...
    def rows(self, f: Filters, quotes: bool = True) -> Rows: ...  # raises RowsRefused beyond a limit
    def rows_or_none(self, f: Filters, quotes: bool = True) -> Rows | None: ...
    def event(self, event_id: str) -> Dataset | None: ...
    def story(self, story_id: str) -> Dataset | None: ...
    def article(self, article_id: str) -> Dataset: ...
    def articles(self, limit: int) -> tuple[pd.DataFrame, int]: ...
    def dataset_counts(self) -> dict[str, int]: ...
    def page(self, f: Filters, by: str, descending: bool, offset: int, limit: int) -> Rows: ...
    def places(self, f: Filters) -> tuple[pd.DataFrame, int, int] | None: ...
    def faction_matrix(self, f: Filters, joint: bool = False, count: str = "all") -> Matrix: ...
    def directed_matrix(self, f: Filters) -> Directed: ...
    def faction_totals(self, f: Filters) -> pd.DataFrame: ...
    def per_type(self, f: Filters) -> pd.Series: ...
    def sum_of(self, f: Filters, column: str) -> float: ...


def daily(first: np.ndarray, last: np.ndarray) -> pd.DataFrame:
    """Events per first day (days since 1970: day, n) with the latest last day of those events (hi, the same
    unit) — what the engines answer in one scan, made here from row arrays (datetime64[D])."""
    if not len(first):
        return pd.DataFrame({"day": np.array([], np.int64), "n": np.array([], np.int64), "hi": np.array([], np.int64)})
    d, e = first.astype(np.int64), last.astype(np.int64)
    if len(d) > 1 and not (d[1:] >= d[:-1]).all():  # the model keeps date order: sorting is rarely needed
        order = np.argsort(d, kind="stable")
        d, e = d[order], e[order]
    starts = np.flatnonzero(np.r_[True, d[1:] != d[:-1]])
    n = np.diff(np.r_[starts, len(d)])
    return pd.DataFrame({"day": d[starts], "n": n, "hi": np.maximum.reduceat(e, starts)})


class Memory:
    """The in-memory model behind the interface: every answer from the Dataset and its Selections."""

    name = "memory"

    def __init__(self, ds: Dataset):
        self.ds = ds
        self.lookups = ds
        self.total = len(ds.events)
        self.total_quotes = len(ds.quotes)
        self.warnings = ds.warnings
        self.warning_count = len(ds.warnings)

    def supports(self, key: str) -> bool:
        return True

    def selection(self, f: Filters) -> query.Selection:
        return query.apply(self.ds, f)

    def kept(self, f: Filters, key, make):
        return self.selection(f).memo(key, make)

    def counts(self, f: Filters) -> dict[str, int | None]:
        return self.selection(f).counts()

    def contains(self, f: Filters, event_id: str) -> bool:
        return self.selection(f).contains(self.ds.position_of(event_id))

    def days(self, f: Filters) -> pd.DataFrame:
        sel = self.selection(f)
        ev = self.ds.events

        def make():
            first = ev["start"].to_numpy()[sel.event_pos].astype("datetime64[D]")
            return daily(first, ev["end"].to_numpy()[sel.event_pos].astype("datetime64[D]"))

        return sel.memo("days", make)

    def lane_counts(self, f: Filters, bucket: str, weights: str | None = None) -> LaneCounts:
        sel = self.selection(f)
        w = self.ds.number(weights) if weights else None
        return sel.memo(
            ("lanes", f.factions, bucket, weights), lambda: lane_counts(self.ds, sel.event_pos, f.factions, bucket, w)
        )

    def rows(self, f: Filters, quotes: bool = True) -> Rows:
        return Rows(self.ds, self.selection(f))  # the whole model: never refused

    def rows_or_none(self, f: Filters, quotes: bool = True) -> Rows:
        return self.rows(f, quotes)

    def event(self, event_id: str) -> Dataset | None:
        return self.ds if self.ds.position_of(event_id) is not None else None

    def story(self, story_id: str) -> Dataset:
        return self.ds

    def article(self, article_id: str) -> Dataset:
        return self.ds

    def articles(self, limit: int) -> tuple[pd.DataFrame, int]:
        return self.ds.articles.head(limit), len(self.ds.articles)

    def dataset_counts(self) -> dict[str, int]:
        return self.ds.counts()

    def page(self, f: Filters, by: str, descending: bool, offset: int, limit: int) -> Rows:
        from components.analysis.tables import sorted_positions

        sel = self.selection(f)
        order = sorted_positions(self.ds, sel, by, descending)
        return Rows(
            self.ds, query.Selection(self.ds, order[offset : offset + limit], np.array([], np.int64), frozenset())
        )

    def places(self, f: Filters):
        from components.analysis.geo import event_coordinates, places

        sel = self.selection(f)
        by_name = self.ds.memo("placed-by-name", lambda: event_coordinates(self.ds)["how"].to_numpy() == "places.csv")
        shown, unplaced = sel.memo("places", lambda: places(self.ds, sel.event_pos))
        return shown, unplaced, int(np.count_nonzero(by_name[sel.event_pos]))

    def faction_matrix(self, f: Filters, joint: bool = False, count: str = "all") -> Matrix:
        """Shared events per pair of factions, as `count` counts them (cooccurrence.COUNTS)."""
        sel = self.selection(f)
        return sel.memo(("faction-matrix", joint, count), lambda: faction_matrix(self.ds, sel.event_pos, joint, count))

    def directed_matrix(self, f: Filters) -> Directed:
        """Who acted on whom: events per (side A faction, side B faction)."""
        sel = self.selection(f)
        return sel.memo("directed-matrix", lambda: directed_matrix(self.ds, sel.event_pos))

    def faction_totals(self, f: Filters) -> pd.DataFrame:
        from components.analysis.compare import faction_totals

        sel = self.selection(f)
        return sel.memo("faction-totals", lambda: faction_totals(self.ds, sel))

    def sum_of(self, f: Filters, column: str) -> float:
        """The sum of a numeric event column over the selection, each event once (blank: none)."""
        sel = self.selection(f)
        return sel.memo(("total", column), lambda: float(np.nansum(self.ds.number(column)[sel.event_pos])))

    def per_type(self, f: Filters) -> pd.Series:
        sel = self.selection(f)
        types = self.ds.events["event_type"]
        return sel.memo("per-type", lambda: types.iloc[sel.event_pos].astype("str").value_counts())
