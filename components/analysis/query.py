"""Filtering: which events, quotes and actors a filter state selects. Pure pandas, no UI."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from functools import cached_property

import numpy as np
import pandas as pd
import pyarrow.compute as pc

from components.data.model import Dataset
from components.data.vector import isin, strings


@dataclass(frozen=True)
class Filters:
    """A filter state. Empty tuples and None mean "no restriction"."""

    factions: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    q: str = ""
    event: str | None = None  # the selected event; does not narrow the selection

    def without_event(self) -> "Filters":
        return replace(self, event=None)


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


def actors_in_factions(ds: Dataset, factions: tuple[str, ...]) -> list[str]:
    """Actor ids belonging to any of the factions (all actors when none are chosen), in table order."""
    if not factions:
        return list(ds.actors["actor_id"])
    members = set(ds.actor_factions.loc[ds.actor_factions["faction_id"].isin(factions), "actor_id"])
    return [a for a in ds.actors["actor_id"] if a in members]


def search_terms(q: str) -> list[str]:
    return [t for t in q.lower().split() if t]


def _contains_all(haystack: pd.Series, terms: list[str]) -> np.ndarray:
    arr = strings(haystack)
    mask = np.ones(len(haystack), dtype=bool)
    for term in terms:
        mask &= pc.match_substring(arr, term).fill_null(False).to_numpy(zero_copy_only=False)
    return mask


def _positions(n: int, pos: np.ndarray) -> np.ndarray:
    m = np.zeros(n, dtype=bool)
    m[pos] = True
    return m


def _kind_mask(ds: Dataset, f: Filters) -> np.ndarray:
    events = ds.events
    mask = np.ones(len(events), dtype=bool)
    if f.types:
        mask &= events["event_type"].isin(f.types).to_numpy()
    if f.statuses:
        mask &= events["status"].isin(f.statuses).to_numpy()
    return mask


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
    events, quotes = ds.events, ds.quotes
    n = len(events)
    mask = _kind_mask(ds, f)
    if f.factions:
        ef = ds.event_factions
        mask &= _positions(n, ef["event_pos"].to_numpy()[ef["faction_id"].isin(f.factions).to_numpy()])
    if f.actors:
        ea = ds.event_actors
        mask &= _positions(n, ea["event_pos"].to_numpy()[ea["actor_id"].isin(f.actors).to_numpy()])
    if f.date_from:
        mask &= events["end"].to_numpy() >= np.datetime64(f.date_from)
    if f.date_to:
        mask &= events["start"].to_numpy() <= np.datetime64(f.date_to)
    terms = search_terms(f.q)
    if terms:
        mask &= _contains_all(ds.event_search, terms)

    qmask = np.ones(len(quotes), dtype=bool)
    if f.factions:
        qmask &= isin(quotes["speaker_id"], actors_in_factions(ds, f.factions))
    if f.actors:
        qmask &= isin(quotes["speaker_id"], f.actors)
    if f.types or f.statuses:
        kind_ok = np.append(_kind_mask(ds, f), True)  # position -1 (no event) passes
        qmask &= kind_ok[quotes["event_pos"].to_numpy()]
    if f.date_from:
        qmask &= quotes["end"].to_numpy() >= np.datetime64(f.date_from)
    if f.date_to:
        qmask &= quotes["start"].to_numpy() <= np.datetime64(f.date_to)
    if terms:
        qmask &= _contains_all(ds.quote_search, terms)

    event_pos, quote_pos = np.flatnonzero(mask), np.flatnonzero(qmask)
    ea = ds.event_actors
    involved = ea["actor_id"][mask[ea["event_pos"].to_numpy()]].unique()
    actor_ids = frozenset(map(str, involved)) | frozenset(quotes["speaker_id"].to_numpy()[quote_pos])
    return Selection(ds, event_pos, quote_pos, actor_ids)
