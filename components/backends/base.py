"""The one interface every view asks for what it draws (abstract: a backend missing any part of it cannot be
constructed).

What a view asks:
- questions of the data (`ask(name, filters, **params)`, the records of analysis/questions.QUESTIONS): counts,
  events per day, lanes, the faction matrices, per-faction and per-type totals, places… at any size, kept per
  filter state and shared by every session (`kept`): a state drawn a moment ago, by anyone, costs nothing;
- rows drawn one by one, as an in-memory model holding them (`Rows`): the selection's events with their quotes
  when they fit (`rows`, else a typed refusal, RowsRefused), one event with its reports and quotes (`event`), a
  story's events (`story`), an article (`article`), a page of the table (`page`);
- what it can do (`capabilities`, `supports(filter key)`), never which backend it is; and what it is, in words
  for About (`describe()`).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field

import pandas as pd

from components.analysis import query
from components.analysis.filters import Filters
from components.analysis.questions import QUESTIONS, Question
from components.data.model import Dataset, Lookups

ROWS_AT_MOST = 5_000  # events (and candidate quotes) an engine brings into memory for the views drawn row by row

# What a backend may be able to do, asked by the views (never its name):
UPLOAD = "upload"  # a file uploaded in the session replaces the data it answers from (the in-memory model)
ALL_ROWS = "all-rows"  # rows() is never refused: the whole model is in memory


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


@dataclass(frozen=True)
class Description:
    """What About and the counts line say of a backend."""

    engine: str | None  # the engine's name in words ("duckdb", "pyspark"); None: the in-memory model
    lines: tuple[str, ...] = field(default=())  # markdown: the dataset it answers from, how it was checked


class Backend(ABC):
    lookups: Lookups  # factions, actors, event types, stories, names: what the sidebar and the figures read
    total: int  # events in the dataset
    total_quotes: int | None
    warnings: tuple  # the checks of meaning (data/problems.Problem); on an engine, the first of them
    warning_count: int  # how many checks of meaning there are

    # --- asked by the views ---------------------------------------------------------------------------------
    def ask(self, question: str | Question, f: Filters, **params):
        """The answer to a question of the data (analysis/questions.QUESTIONS) for a filter state, kept per
        state and parameters (shared by every session)."""
        q = question if isinstance(question, Question) else QUESTIONS[question]
        f = f.without_event()
        return self.kept(f, ("ask", q.name, tuple(sorted(params.items()))), lambda: self.answer(q, f, params))

    def supports(self, key: str) -> bool:
        """Can this backend run the filter with this key?"""
        return f"filter:{key}" in self.capabilities

    def rows_or_none(self, f: Filters, quotes: bool = True) -> Rows | None:
        """rows(), or None where refused: for an answer that adds what the rows say when they fit."""
        try:
            return self.rows(f, quotes)
        except RowsRefused:
            return None

    @property
    @abstractmethod
    def capabilities(self) -> frozenset[str]:
        """UPLOAD, ALL_ROWS, and "filter:KEY" for each filter it runs."""

    @abstractmethod
    def describe(self) -> Description: ...

    @abstractmethod
    def answer(self, q: Question, f: Filters, params: dict):
        """One question's answer, computed (ask() keeps it)."""

    @abstractmethod
    def kept(self, f: Filters, key, make):
        """A value derived from a filter state, made once and shared."""

    @abstractmethod
    def rows(self, f: Filters, quotes: bool = True) -> Rows:
        """The selection's rows as an in-memory model; RowsRefused beyond what the backend reads at once.
        quotes=False: the events only (with their own quotes)."""

    @abstractmethod
    def event(self, event_id: str) -> Dataset | None: ...

    @abstractmethod
    def story(self, story_id: str) -> Dataset | None: ...

    @abstractmethod
    def article(self, article_id: str) -> Dataset: ...

    @abstractmethod
    def articles(self, limit: int) -> tuple[pd.DataFrame, int]: ...

    @abstractmethod
    def dataset_counts(self) -> dict[str, int]: ...

    @abstractmethod
    def page(self, f: Filters, by: str, descending: bool, offset: int, limit: int) -> Rows: ...
