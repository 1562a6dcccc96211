"""The in-memory model: validated tables plus the derived columns and indexes every view needs.

Built once per data directory and shared read-only by every session (never mutate it): events are
sorted by start date, list cells are exploded into pair tables that also carry integer positions,
so that filtering a million events is numpy work rather than string matching.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np
import pandas as pd

from .dates import describe, parse_date
from .loader import RawData, read_directory
from .problems import InvalidData
from .schema import OPTIONAL_COLUMNS
from .textmatch import verbatim
from .vector import split_lists
from .validate import validate

NOTE_FILES = {"curation": "CURATION.md", "licence": "LICENSE.md"}


@dataclass(frozen=True)
class Dataset:
    root: Path
    factions: pd.DataFrame
    actors: pd.DataFrame
    sources: pd.DataFrame
    articles: pd.DataFrame
    event_types: pd.DataFrame
    events: pd.DataFrame  # sorted by start; + start, end, precision, uncertain, approximate, date_label
    quotes: pd.DataFrame  # + start, end, date_label, verified, event_pos (-1: no event)
    event_actors: pd.DataFrame  # event_id, actor_id, event_pos (one row per pair)
    actor_factions: pd.DataFrame  # actor_id, faction_id
    event_factions: pd.DataFrame  # event_id, faction_id, event_pos: an event is in a faction via any actor
    article_texts: dict[str, str]
    notes: dict[str, str]  # curation note and licence, when the directory has them
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    # Lookups and search text, computed once on first use (under a lock: sessions share the object).
    def _once(self, name, make):
        with self._lock:
            if name not in self.__dict__:
                self.__dict__[name] = make()
            return self.__dict__[name]

    @property
    def event_search(self) -> pd.Series:
        """Lower-cased title, summary, actor names and quote text of each event (aligned with events)."""
        return self._once("_event_search", self._make_event_search)

    @property
    def quote_search(self) -> pd.Series:
        return self._once("_quote_search", self._make_quote_search)

    def _make_event_search(self) -> pd.Series:
        names = self.actors.set_index("actor_id")["name"]
        per_event = (self.event_actors.assign(name=self.event_actors["actor_id"].map(names))
                     .groupby("event_pos")["name"].agg(" ".join))
        quotes = self.quotes[self.quotes["event_pos"] >= 0]
        said = (quotes["text"] + " " + quotes["speaker_id"].map(names).fillna("")).groupby(quotes["event_pos"]).agg(" ".join)
        pos = pd.RangeIndex(len(self.events))
        text = (self.events["title"] + " " + self.events["summary"] + " "
                + pd.Series(per_event.reindex(pos).fillna("").to_numpy(), index=self.events.index) + " "
                + pd.Series(said.reindex(pos).fillna("").to_numpy(), index=self.events.index))
        return text.str.casefold()

    def _make_quote_search(self) -> pd.Series:
        names = self.actors.set_index("actor_id")["name"]
        titles = self.events.set_index("event_id")["title"]
        text = (self.quotes["text"] + " " + self.quotes["speaker_id"].map(names).fillna("") + " "
                + self.quotes["event_id"].map(titles).fillna(""))
        return text.str.casefold()

    @cached_property
    def faction_name(self) -> dict[str, str]:
        return dict(zip(self.factions["faction_id"], self.factions["name"]))

    @cached_property
    def faction_colour(self) -> dict[str, str]:
        return dict(zip(self.factions["faction_id"], self.factions["color"]))

    @cached_property
    def actor(self) -> dict[str, dict]:
        return self.actors.set_index("actor_id").to_dict(orient="index")

    @cached_property
    def factions_of_actor(self) -> dict[str, list[str]]:
        return self.actor_factions.groupby("actor_id")["faction_id"].agg(list).to_dict()

    @cached_property
    def source(self) -> dict[str, dict]:
        return self.sources.set_index("source_id").to_dict(orient="index")

    @cached_property
    def article(self) -> dict[str, dict]:
        return self.articles.set_index("article_id").to_dict(orient="index")

    @cached_property
    def type_label(self) -> dict[str, str]:
        return dict(zip(self.event_types["event_type"], self.event_types["label"]))

    @cached_property
    def event_ids(self) -> set[str]:
        return set(self.events["event_id"])

    def counts(self) -> dict[str, int]:
        return {"events": len(self.events), "actors": len(self.actors),
                "quotes": len(self.quotes), "factions": len(self.factions)}


def load(root: str | Path) -> Dataset:
    """Load and validate a data directory; raise InvalidData listing every problem."""
    raw, problems = read_directory(root)
    problems += validate(raw)
    if problems:
        raise InvalidData(problems)
    return build(raw)


def _pairs(frame: pd.DataFrame, key: str, column: str, name: str) -> pd.DataFrame:
    """Explode a ';'-list column into (key, item, pos) rows, pos being the row's position."""
    items, pos = split_lists(frame[column])
    pairs = pd.DataFrame({key: frame[key].to_numpy()[pos], name: pd.array(items, dtype="str"),
                          "pos": pos.astype(np.int32)})
    return pairs.drop_duplicates(["pos", name]).reset_index(drop=True)


def _add_date_columns(frame: pd.DataFrame, dates: pd.Series) -> None:
    """start/end bounds, precision and qualifiers of EDTF strings (parsed once per distinct value)."""
    codes, uniques = pd.factorize(dates.fillna(""))
    parsed = [parse_date(u) if u.strip() else None for u in uniques]

    def column(get, empty, dtype=None):
        values = np.array([get(p) if p else empty for p in parsed] + [empty], dtype=dtype)
        return values[codes]  # code -1 (missing) takes the trailing empty value

    frame["start"] = pd.to_datetime(column(lambda p: np.datetime64(p.start, "D"), np.datetime64("NaT"),
                                           "datetime64[D]"))
    frame["end"] = pd.to_datetime(column(lambda p: np.datetime64(p.end, "D"), np.datetime64("NaT"),
                                         "datetime64[D]"))
    frame["precision"] = pd.Categorical(column(lambda p: p.precision, "", object))
    frame["uncertain"] = column(lambda p: p.uncertain, False, bool)
    frame["approximate"] = column(lambda p: p.approximate, False, bool)
    frame["date_label"] = column(describe, "", object).astype(str)


def build(raw: RawData) -> Dataset:
    t = {name: table.frame.copy() for name, table in raw.tables.items()}
    events = t["events"]
    for column in OPTIONAL_COLUMNS["events"]:
        if column not in events.columns:
            events[column] = ""
    _add_date_columns(events, events["date"])
    events = events.sort_values(["start", "end"], kind="stable").reset_index(drop=True)
    events["status"] = events["status"].astype("category")
    events["event_type"] = events["event_type"].astype("category")
    position = pd.Series(np.arange(len(events), dtype=np.int32), index=events["event_id"].to_numpy())

    quotes = t["quotes"]
    event_date = quotes["event_id"].map(events.set_index("event_id")["date"]).fillna("")
    _add_date_columns(quotes, quotes["said_on"].where(quotes["said_on"].str.strip() != "", event_date))
    quotes["verified"] = verbatim(quotes["text"], quotes["article_id"], raw.article_texts,
                                  raw.normalised_articles())
    quotes["event_pos"] = quotes["event_id"].map(position).fillna(-1).astype(np.int32)
    quotes = quotes.sort_values("start", kind="stable").reset_index(drop=True)

    event_actors = _pairs(events, "event_id", "actor_ids", "actor_id").rename(columns={"pos": "event_pos"})
    actor_factions = _pairs(t["actors"], "actor_id", "faction_ids", "faction_id").drop(columns="pos")
    event_factions = (event_actors.merge(actor_factions, on="actor_id")[["event_id", "faction_id", "event_pos"]]
                      .drop_duplicates(["event_pos", "faction_id"]).sort_values("event_pos", kind="stable")
                      .reset_index(drop=True))
    notes = {}
    for key, file in NOTE_FILES.items():
        path = raw.root / file
        if path.is_file():
            notes[key] = path.read_text(encoding="utf-8", errors="replace")[:200_000]
    return Dataset(
        root=raw.root, factions=t["factions"], actors=t["actors"], sources=t["sources"],
        articles=t["articles"], event_types=t["event_types"], events=events, quotes=quotes,
        event_actors=event_actors, actor_factions=actor_factions, event_factions=event_factions,
        article_texts=dict(raw.article_texts), notes=notes,
    )
