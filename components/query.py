"""Filtering: which events, quotes and actors a filter state selects. Pure pandas, no UI."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

import pandas as pd

from .model import Dataset


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

    @property
    def is_default(self) -> bool:
        return self.without_event() == Filters()


@dataclass(frozen=True)
class Selection:
    events: pd.DataFrame
    quotes: pd.DataFrame
    actor_ids: frozenset[str] = field(default_factory=frozenset)

    def counts(self) -> dict[str, int]:
        return {"events": len(self.events), "actors": len(self.actor_ids), "quotes": len(self.quotes)}


def actors_in_factions(ds: Dataset, factions: tuple[str, ...]) -> list[str]:
    """Actor ids belonging to any of the factions (all actors when none are chosen), in table order."""
    if not factions:
        return list(ds.actors["actor_id"])
    members = set(ds.actor_factions.loc[ds.actor_factions["faction_id"].isin(factions), "actor_id"])
    return [a for a in ds.actors["actor_id"] if a in members]


def search_terms(q: str) -> list[str]:
    return [t for t in q.casefold().split() if t]


def _contains_all(haystack: pd.Series, terms: list[str]) -> pd.Series:
    mask = pd.Series(True, index=haystack.index)
    for term in terms:
        mask &= haystack.str.contains(term, regex=False)
    return mask


def apply(ds: Dataset, f: Filters) -> Selection:
    events, quotes = ds.events, ds.quotes
    mask = pd.Series(True, index=events.index)
    if f.factions:
        ids = ds.event_factions.loc[ds.event_factions["faction_id"].isin(f.factions), "event_id"]
        mask &= events["event_id"].isin(ids)
    if f.actors:
        ids = ds.event_actors.loc[ds.event_actors["actor_id"].isin(f.actors), "event_id"]
        mask &= events["event_id"].isin(ids)
    if f.types:
        mask &= events["event_type"].isin(f.types)
    if f.statuses:
        mask &= events["status"].isin(f.statuses)
    if f.date_from:
        mask &= events["end"] >= pd.Timestamp(f.date_from)
    if f.date_to:
        mask &= events["start"] <= pd.Timestamp(f.date_to)
    terms = search_terms(f.q)
    if terms:
        mask &= _contains_all(ds.event_search, terms)
    selected_events = events[mask]

    qmask = pd.Series(True, index=quotes.index)
    if f.factions:
        qmask &= quotes["speaker_id"].isin(actors_in_factions(ds, f.factions))
    if f.actors:
        qmask &= quotes["speaker_id"].isin(f.actors)
    if f.types or f.statuses:
        kind_ok = events["event_type"].isin(f.types) if f.types else pd.Series(True, index=events.index)
        if f.statuses:
            kind_ok &= events["status"].isin(f.statuses)
        passing = events.loc[kind_ok, "event_id"]
        qmask &= (quotes["event_id"] == "") | quotes["event_id"].isin(passing)
    if f.date_from:
        qmask &= quotes["end"] >= pd.Timestamp(f.date_from)
    if f.date_to:
        qmask &= quotes["start"] <= pd.Timestamp(f.date_to)
    if terms:
        qmask &= _contains_all(ds.quote_search, terms)
    selected_quotes = quotes[qmask]

    involved = ds.event_actors.loc[ds.event_actors["event_id"].isin(selected_events["event_id"]), "actor_id"]
    actor_ids = frozenset(involved) | frozenset(selected_quotes["speaker_id"])
    return Selection(selected_events, selected_quotes, actor_ids)
