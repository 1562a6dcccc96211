"""The in-memory model behind the interface: every answer from the Dataset and its Selections."""

from __future__ import annotations

import numpy as np
import pandas as pd

from components.analysis import query
from components.analysis.filters import FILTERS, Filters
from components.analysis.questions import Question
from components.backends.base import ALL_ROWS, UPLOAD, Backend, Description, Rows
from components.data.model import Dataset


class Memory(Backend):
    def __init__(self, ds: Dataset):
        self.ds = ds
        self.lookups = ds
        self.total = len(ds.events)
        self.total_quotes = len(ds.quotes)
        self.warnings = ds.warnings
        self.warning_count = len(ds.warnings)

    @property
    def capabilities(self) -> frozenset[str]:
        return frozenset({UPLOAD, ALL_ROWS, *(f"filter:{k}" for k in FILTERS)})

    def describe(self) -> Description:
        return Description(engine=None)

    def selection(self, f: Filters) -> query.Selection:
        return query.apply(self.ds, f)

    def answer(self, q: Question, f: Filters, params: dict):
        return q.memory(self.ds, self.selection(f), f, **params)

    def kept(self, f: Filters, key, make):
        return self.selection(f).memo(key, make)

    def rows(self, f: Filters, quotes: bool = True) -> Rows:
        return Rows(self.ds, self.selection(f))  # the whole model: never refused

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
