"""Filtering: which events, quotes and actors a filter state selects (the predicates are the filter
records' in filters.py). Pure numpy and pandas, no UI."""

from __future__ import annotations

from functools import cached_property

import numpy as np
import pandas as pd

from components.analysis.filters import Filters
from components.data.model import Dataset

__all__ = ["Filters", "Selection", "apply"]


class Selection:
    """What a filter state selects: row positions into the dataset's events and quotes (in date
    order), with frames made only when a view asks for them."""

    def __init__(self, ds: Dataset, event_pos: np.ndarray, quote_pos: np.ndarray, actor_ids: frozenset[str]):
        self.ds, self.event_pos, self.quote_pos, self.actor_ids = ds, event_pos, quote_pos, actor_ids
        self._memo: dict = {}

    def memo(self, key, make):
        """A value derived from this selection (e.g. its lane counts), computed once."""
        if key not in self._memo:
            self._memo[key] = make()
        return self._memo[key]

    @cached_property
    def events(self) -> pd.DataFrame:
        return self.ds.events.iloc[self.event_pos]

    @cached_property
    def quotes(self) -> pd.DataFrame:
        return self.ds.quotes.iloc[self.quote_pos]

    def contains(self, event_pos: int | None) -> bool:
        """Is the event at this position selected (positions are sorted, so a binary search)."""
        if event_pos is None:
            return False
        i = np.searchsorted(self.event_pos, event_pos)
        return bool(i < len(self.event_pos) and self.event_pos[i] == event_pos)

    @property
    def n_events(self) -> int:
        return len(self.event_pos)

    def counts(self) -> dict[str, int]:
        return {"events": len(self.event_pos), "actors": len(self.actor_ids), "quotes": len(self.quote_pos)}


RECENT = 8  # selections kept per dataset: going back to a recent view (or the default) costs nothing


def apply(ds: Dataset, f: Filters) -> Selection:
    """The selection for a filter state; recent ones are reused (they are immutable)."""
    f = f.without_event()
    recent = ds.memo("recent-selections", dict)
    with ds._lock:
        if f in recent:
            recent[f] = recent.pop(f)  # most recently used last
            return recent[f]
    sel = _select(ds, f)
    with ds._lock:
        recent[f] = sel
        while len(recent) > RECENT:
            recent.pop(next(iter(recent)))
    return sel


def _select(ds: Dataset, f: Filters) -> Selection:
    """Each active filter's predicates, and-ed (see filters.FILTERS)."""
    mask = np.ones(len(ds.events), dtype=bool)
    qmask = np.ones(len(ds.quotes), dtype=bool)
    quote_event = ds.quotes["event_pos"].to_numpy()
    for flt, value in f.active():
        events = flt.events(ds, value)
        mask &= events
        # A quote's own predicate, or its event's (position -1, no event, passes).
        qmask &= flt.quotes(ds, value) if flt.quotes else np.append(events, True)[quote_event]
    event_pos, quote_pos = np.flatnonzero(mask), np.flatnonzero(qmask)
    ea = ds.event_actors
    involved = ea["actor_id"][mask[ea["event_pos"].to_numpy()]].unique()
    qs = ds.quote_speakers  # every speaker of a joint statement, every member of a group
    said = np.zeros(len(ds.quotes), dtype=bool)
    said[quote_pos] = True
    speakers = qs["actor_id"][said[qs["quote_pos"].to_numpy()]].unique()
    actor_ids = frozenset(map(str, involved)) | frozenset(map(str, speakers))
    return Selection(ds, event_pos, quote_pos, actor_ids)
