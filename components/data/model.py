"""The in-memory model: validated tables plus the derived columns and indexes every view needs.

Built once per data directory and shared read-only by every session (never mutate it): events are
sorted by start date, list cells are exploded into pair tables that also carry integer positions,
so that filtering a million events is numpy work rather than string matching.
"""

from __future__ import annotations

import os
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, fields
from functools import cached_property
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from components.data.dates import ParsedColumn, date_order, parse_column, patched, resolved
from components.data.families import COOPERATIVE
from components.data.loader import RawData
from components.data.reports import REPORT_COLUMNS, derive
from components.data.schema import EVENT_EXTRAS, LIST_SEPARATOR, MEASURES, split_list
from components.data.textmatch import ArticleTexts, verbatim
from components.data.vector import blank, isin, numbers, position_in, split_lists, strings

_SPACE = pa.scalar(" ", pa.large_string())
SEARCHED = ("title", "summary", "evidence", "location", "note", "date_text")  # event text the search reads
NOTE_FILES = {"curation": "CURATION.md", "licence": "LICENSE.md"}


class Lookups:
    """Lookups over the small tables (factions, actors, event types), shared by the in-memory Dataset and an
    engine's Catalog (engines/catalog.py): each answers the sidebar's and the figures' questions the same way."""

    @cached_property
    def faction_name(self) -> dict[str, str]:
        return dict(zip(self.factions["faction_id"], self.factions["name"]))

    @cached_property
    def faction_colour(self) -> dict[str, str]:
        return dict(zip(self.factions["faction_id"], self.factions["color"]))

    @cached_property
    def factions_of_actor(self) -> dict[str, list[str]]:
        return self.actor_factions.groupby("actor_id")["faction_id"].agg(list).to_dict()

    @cached_property
    def type_label(self) -> dict[str, str]:
        return dict(zip(self.event_types["event_type"], self.event_types["label"]))

    @cached_property
    def type_family(self) -> dict[str, str]:
        """Each event type's family (data/families.py): what kind of thing happened."""
        from components.data.families import of_types

        return of_types(self.event_types)

    def actors_in_factions(self, factions) -> list[str]:
        """Actor ids belonging to any of the factions (all actors when none are given), in table order."""
        if not factions:
            return list(self.actors["actor_id"])
        af = self.actor_factions
        members = set(af.loc[af["faction_id"].isin(list(factions)), "actor_id"])
        return [a for a in self.actors["actor_id"] if a in members]


@dataclass(frozen=True)
class Dataset(Lookups):
    root: Path
    factions: pd.DataFrame
    actors: pd.DataFrame
    sources: pd.DataFrame
    articles: pd.DataFrame
    event_types: pd.DataFrame
    events: pd.DataFrame  # sorted by start; + start, end, precision, uncertain, approximate, date_label
    quotes: pd.DataFrame  # + start, end, date_label, verified, event_pos (-1: no event)
    event_actors: pd.DataFrame  # event_pos, actor_id (one row per pair; event_pos = row of events)
    actor_factions: pd.DataFrame  # actor_id, faction_id
    event_factions: pd.DataFrame  # event_pos, faction_id: an event is in a faction via any actor
    article_texts: ArticleTexts  # article id -> text (a Mapping)
    notes: dict[str, str]  # curation note and licence, when the directory has them
    places: pd.DataFrame | None = None  # places.csv: where the places named in events.location are
    warnings: tuple = ()  # checks of meaning (meaning.py): Problems a person should look at
    roles: pd.DataFrame | None = None  # roles.csv: actor_id, role, start (of from), end (of to)
    # Every report of the events told by more than their own row (reports.py), by event_pos then publication:
    # event_pos, own (the event's row), row (of report_table when not own), start, end, published, status,
    # first_publisher. The text of a report is read from events or report_table when it is shown.
    reports: pd.DataFrame | None = None
    report_table: pd.DataFrame | None = None  # reports.csv as read
    report_own: pd.DataFrame | None = None  # date, date_text of each told event's own row, as written
    superseded: pd.DataFrame | None = None  # superseded.csv: event_id, replaced_by, note
    stories: pd.DataFrame | None = None  # stories.csv, in step order per story (step as a number)
    quote_speakers: pd.DataFrame | None = None  # quote_pos, actor_id: each speaker (and group member) of a quote
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    # Lookups and search text, computed once on first use (sessions share the object). Each value has
    # its own lock: building the search text takes seconds at 1M events and must not hold up the rest.
    def _once(self, name, make):
        if name in self.__dict__:
            return self.__dict__[name]
        with self._lock:
            lock = self.__dict__.setdefault(f"_lock_{name}", threading.Lock())
        with lock:
            if name not in self.__dict__:
                self.__dict__[name] = make()
            return self.__dict__[name]

    def state(self) -> dict:
        """The fields that define the dataset (no lock, no memoised values): for pickling."""
        return {f.name: getattr(self, f.name) for f in fields(self) if not f.name.startswith("_")}

    def memo(self, name: str, make):
        """A derived value computed once per dataset (views share the dataset, so never mutate it)."""
        return self._once(f"_memo_{name}", make)

    @property
    def event_search(self) -> pd.Series:
        """Lower-cased title, summary, actor names and quote text of each event (aligned with events)."""
        return self._once("_event_search", self._make_event_search)

    @property
    def quote_search(self) -> pd.Series:
        return self._once("_quote_search", self._make_quote_search)

    def _make_event_search(self) -> pd.Series:
        # Actor names per event, in Arrow: split the id lists, look each id up, join back per row.
        lists = pc.split_pattern(strings(self.events["actor_ids"]), LIST_SEPARATOR)
        if isinstance(lists, pa.ChunkedArray):  # a big Parquet file is read in several chunks
            lists = lists.combine_chunks()
        flat = pc.utf8_trim_whitespace(pc.list_flatten(lists))
        names = pc.take(
            strings(self.actors["name"]), pc.index_in(flat, value_set=strings(self.actors["actor_id"]).cast(flat.type))
        )
        names = pa.LargeListArray.from_arrays(
            lists.offsets.cast(pa.int64()), names.fill_null("").cast(pa.large_string())
        )
        parts = [strings(self.events[c]).cast(pa.large_string()) for c in SEARCHED if c in self.events.columns]
        parts.append(pc.binary_join(names, _SPACE))
        quoted = self.quotes[self.quotes["event_pos"] >= 0]
        if len(quoted):
            said = quoted["text"].groupby(quoted["event_pos"].to_numpy()).agg(" ".join)
            column = np.full(len(self.events), "", dtype=object)
            column[said.index.to_numpy()] = said.to_numpy()
            parts.append(pa.array(column, pa.large_string()))
        text = pc.utf8_lower(pc.binary_join_element_wise(*parts, _SPACE))
        return pd.Series(text, index=self.events.index, dtype="str")

    def _make_quote_search(self) -> pd.Series:
        names = self.actors.set_index("actor_id")["name"]
        titles = np.append(self.events["title"].to_numpy(dtype=object), "")[self.quotes["event_pos"]]
        qs = self.quote_speakers
        said_by = pd.Series(
            qs["actor_id"].astype("str").map(names).fillna("").to_numpy(), index=qs["quote_pos"].to_numpy()
        )
        said_by = said_by.groupby(level=0).agg(" ".join).reindex(range(len(self.quotes)), fill_value="")
        text = (
            self.quotes["text"]
            + " "
            + pd.Series(said_by.to_numpy(), index=self.quotes.index, dtype="str")
            + " "
            + pd.Series(titles, index=self.quotes.index, dtype="str")
        )
        return text.str.lower()

    @cached_property
    def actor(self) -> dict[str, dict]:
        return self.actors.set_index("actor_id").to_dict(orient="index")

    @cached_property
    def source(self) -> dict[str, dict]:
        return self.sources.set_index("source_id").to_dict(orient="index")

    @cached_property
    def article(self) -> dict[str, dict]:
        return self.articles.set_index("article_id").to_dict(orient="index")

    @cached_property
    def date_bounds(self) -> tuple:
        if self.events.empty:
            today = pd.Timestamp.today().date()
            return today, today
        return self.events["start"].min().date(), self.events["end"].max().date()

    # --- one definition of each repeated concept -------------------------------------------------
    def actor_name(self, actor_id: str) -> str:
        return self.actor.get(actor_id, {}).get("name", actor_id)

    def actor_names(self, actor_ids: str) -> list[str]:
        """Names of a ';'-list of actor ids."""
        return [self.actor_name(a) for a in split_list(actor_ids)]

    def role_at(self, actor_id: str, when) -> str:
        """The actor's role on a date (roles.csv; the latest-starting role that covers it), else actors.role."""
        roles = self.roles
        if roles is not None and when is not None and not pd.isna(when):
            when = pd.Timestamp(when)
            mine = roles[(roles["actor_id"] == actor_id) & (roles["start"] <= when) & (roles["end"] >= when)]
            if len(mine):
                return str(mine.sort_values("start")["role"].iat[-1])
        return self.actor.get(actor_id, {}).get("role", "")

    def factions_at(self, actor_id: str, when) -> list[str]:
        """The actor's factions on a date: a dated role's faction_ids (roles.csv) when one covers the date
        and names some, else actors.faction_ids. (Lanes follow actors.faction_ids.)"""
        roles = self.roles
        if roles is not None and "faction_ids" in roles.columns and when is not None and not pd.isna(when):
            when = pd.Timestamp(when)
            mine = roles[
                (roles["actor_id"] == actor_id)
                & (roles["start"] <= when)
                & (roles["end"] >= when)
                & (roles["faction_ids"].str.strip() != "")
            ]
            if len(mine):
                return split_list(mine.sort_values("start")["faction_ids"].iat[-1])
        return self.factions_of_actor.get(actor_id, [])

    def outlet_name(self, source_id: str) -> str:
        return self.source.get(source_id, {}).get("name", source_id)

    def speakers(self, speaker_ids: str) -> list[str]:
        """The speaker ids of a quote's ';'-list (several: a joint statement)."""
        return split_list(speaker_ids)

    def members(self, actor_id: str) -> list[str]:
        """The member actors of a group actor (actors.members), else []."""
        return split_list(self.actor.get(actor_id, {}).get("members", ""))

    def reliability(self, source_id: str) -> str:
        """The outlet's reliability grade (A–F, Admiralty scale), or ""."""
        return str(self.source.get(source_id, {}).get("reliability", "") or "").strip()

    @property
    def graded(self) -> bool:
        """The data grades its sources (reliability or credibility somewhere)."""
        return self.grades_seen() != 0

    def grades_seen(self) -> int:
        """The grade bits some report of the data carries (reports.grade_bits; computed once)."""

        def make():
            if "grades" not in self.events.columns or not len(self.events):
                return 0
            return int(np.bitwise_or.reduce(self.events["grades"].to_numpy()))

        return self.memo("grades-seen", make)

    @property
    def has_reports(self) -> bool:
        return self.reports is not None and len(self.reports) > 0

    def reports_of(self, pos: int) -> pd.DataFrame:
        """Every report of the event at pos, oldest first (its own row alone when reports.csv adds none)."""
        if self.has_reports:
            at = self.reports["event_pos"].to_numpy()
            lo, hi = np.searchsorted(at, pos, "left"), np.searchsorted(at, pos, "right")
            if hi > lo:
                return self.report_records(np.arange(lo, hi))
        e = self.events.iloc[pos]
        outlet = e.get("reported_by") or self.article_outlet(e["article_id"])
        return pd.DataFrame(
            [
                {
                    "report_id": e["event_id"],
                    **{c: e.get(c, "") for c in REPORT_COLUMNS[1:]},
                    "note": "",  # events.note is about the event
                    "implied": True,
                    "start": e["start"],
                    "end": e["end"],
                    "date_label": e["date_label"],
                    "published": self.published_on(e["article_id"]),
                    "first_publisher": outlet,
                    "event_pos": pos,
                }
            ]
        )

    def report_records(self, rows) -> pd.DataFrame:
        """The reports at rows of self.reports with their text: the event's own columns for its own row,
        reports.csv's for the others (Arrow takes: an export of every report is not a Python loop)."""
        r = self.reports.iloc[np.asarray(rows, dtype=np.int64)]
        own = r["own"].to_numpy()
        mine, theirs = pa.array(r["event_pos"].to_numpy()[own]), pa.array(r["row"].to_numpy()[~own])
        index = np.empty(len(r), dtype=np.int64)
        index[own] = np.arange(int(own.sum()))
        index[~own] = int(own.sum()) + np.arange(int((~own).sum()))

        def column(name: str, frame: pd.DataFrame, at, fallback: str) -> pa.Array:
            if name in frame.columns:
                column = frame[name]
                if isinstance(column.dtype, pd.CategoricalDtype) or len(at) < 1000:
                    # a few rows (a details panel): take them first, then convert only those
                    values = strings(column.iloc[at.to_numpy(zero_copy_only=False)].astype("str"))
                else:
                    values = pc.take(strings(column), at)
            else:
                values = pa.array([fallback] * len(at), pa.large_string())
            values = values.cast(pa.large_string())
            return values.combine_chunks() if isinstance(values, pa.ChunkedArray) else values

        out = {}
        own_rows = pa.array(r["row"].to_numpy()[own])
        for name in REPORT_COLUMNS:
            events_name = {"report_id": "event_id", "note": "-"}.get(name, name)  # events.note is about the event
            # The event's row holds the derived date: its own report's words are kept in report_own.
            first = (
                column(name, self.report_own, own_rows, "")
                if name in ("date", "date_text")
                else column(events_name, self.events, mine, "")
            )
            both = pa.concat_arrays([first, column(name, self.report_table, theirs, "")])
            out[name] = pd.Series(pc.take(both, pa.array(index)), dtype="str").to_numpy(dtype=object)
        frame = pd.DataFrame(out)
        frame["implied"] = own
        frame["status"] = r["status"].astype("str").to_numpy(dtype=object)
        frame["event_id"] = pd.Series(
            pc.take(strings(self.events["event_id"]), pa.array(r["event_pos"].to_numpy())), dtype="str"
        ).to_numpy(dtype=object)
        frame["first_publisher"] = r["first_publisher"].astype("str").to_numpy(dtype=object)
        for name in ("start", "end", "published", "event_pos"):
            frame[name] = r[name].to_numpy()
        frame["date_label"] = parse_column(frame["date"].astype("str")).rows("label") if len(frame) else []
        return frame

    def published_on(self, article_id: str):
        """The first day an article's publication date can mean (NaT when unknown)."""

        def make():
            parsed = parse_column(self.articles["published_on"])
            return dict(zip(self.articles["article_id"], parsed.rows("start").astype("datetime64[s]")))

        return pd.Timestamp(self.memo("published_on", make).get(article_id, np.datetime64("NaT")))

    def replacement(self, event_id: str) -> str | None:
        """The event that replaces a superseded id (following a chain of merges), or None."""
        if self.superseded is None:
            return None
        pointers = self.memo(
            "superseded", lambda: dict(zip(self.superseded["event_id"], self.superseded["replaced_by"]))
        )
        seen = set()
        while event_id in pointers and event_id not in seen:
            seen.add(event_id)
            event_id = pointers[event_id]
        return event_id if seen and self.position_of(event_id) is not None else None

    def quotes_by(self, actors) -> np.ndarray:
        """Boolean mask over quotes: said by any of the actors (alone, jointly, or as a member of a group)."""
        qs = self.quote_speakers
        chosen = qs["actor_id"].cat.categories.isin(list(actors))  # a few hundred actors, not every pair
        mask = np.zeros(len(self.quotes), dtype=bool)
        mask[qs["quote_pos"].to_numpy()[chosen[qs["actor_id"].cat.codes.to_numpy()]]] = True
        return mask

    def article_outlet(self, article_id: str) -> str:
        """The source_id of the outlet that published an article ("" when unknown)."""
        return self.article.get(article_id, {}).get("source_id", "")

    def distinct_values(self, column: str) -> list[str]:
        """The distinct non-blank values of an event column as written, most frequent first (computed once)."""

        def make():
            if column not in self.events.columns:
                return []
            counts = self.events[column].astype("str").value_counts()  # raw values: what the filters match
            return [v for v in counts.index if v.strip()]

        return self.memo(f"distinct-{column}", make)

    def lane_pairs(self) -> tuple[np.ndarray, np.ndarray]:
        """Every (event position, lane) pair, sorted by position: an event is in the lane of each faction
        of any of its actors; lane numbers follow factions.csv, and len(factions) is the "No faction"
        lane of events whose actors have none. The one definition of an event's lanes."""

        def make():
            ef = self.event_factions
            n_factions = len(self.factions)
            lane_of_code = pd.Index(self.factions["faction_id"]).get_indexer(ef["faction_id"].cat.categories)
            lane = lane_of_code[ef["faction_id"].cat.codes.to_numpy()]
            pos = ef["event_pos"].to_numpy()
            pos, lane = pos[lane >= 0], lane[lane >= 0]
            lone = np.flatnonzero(np.bincount(pos, minlength=len(self.events)) == 0)
            pos = np.concatenate([pos, lone]).astype(np.int64)
            lane = np.concatenate([lane, np.full(len(lone), n_factions)]).astype(np.int64)
            order = np.argsort(pos * (n_factions + 1) + lane, kind="stable")
            return pos[order], lane[order]

        return self.memo("lane_pairs", make)

    def side_actors(self) -> pd.DataFrame:
        """(event_pos, actor_id, side) for every actor named on a side of an event, side 0 for side A (the
        initiator, or the first side) and 1 for side B, sorted by position: the one reading of side_a and
        side_b (an actor named on both sides of one event is on both)."""

        def make():
            frames = []
            for side, column in enumerate(("side_a", "side_b")):
                pairs = _pairs(self.events, column, "actor_id").rename(columns={"pos": "event_pos"})
                frames.append(pairs.astype({"actor_id": "str"}).assign(side=np.int8(side)))
            out = pd.concat(frames, ignore_index=True)
            out = out.iloc[np.argsort(out["event_pos"].to_numpy(), kind="stable")].reset_index(drop=True)
            out["actor_id"] = out["actor_id"].astype("category")
            return out

        return self.memo("side_actors", make)

    def side_pairs(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Every (event position, lane, side) of the events' sides, sorted by position: a faction is on a side
        when an actor of that side belongs to it (lanes follow factions.csv, as lane_pairs'); once per side."""

        def make():
            sides = self.side_actors()
            out = []
            for side in (0, 1):
                mine = sides[sides["side"].to_numpy() == side]
                ef = _event_factions(mine[["event_pos", "actor_id"]].reset_index(drop=True), self.actor_factions)
                lane = pd.Index(self.factions["faction_id"]).get_indexer(ef["faction_id"].astype("str"))
                keep = lane >= 0
                out.append((ef["event_pos"].to_numpy()[keep].astype(np.int64), lane[keep].astype(np.int64), side))
            pos = np.concatenate([p for p, _, _ in out])
            lane = np.concatenate([la for _, la, _ in out])
            side = np.concatenate([np.full(len(p), s, dtype=np.int8) for p, _, s in out])
            order = np.argsort(pos, kind="stable")
            return pos[order], lane[order], side[order]

        return self.memo("side_pairs", make)

    @property
    def has_sides(self) -> bool:
        """Some event names a side (the side filters and the directed view are offered)."""
        return self.memo("has-sides", lambda: len(self.side_actors()) > 0)

    def directed(self) -> np.ndarray:
        """Per event: the source says side A acted on side B (direction "directed")."""
        return self.memo("directed", lambda: isin(self.events["direction"].astype("str").str.strip(), ["directed"]))

    def cooperative(self) -> np.ndarray:
        """Per event: its type is of the talks & cooperation family (data/families.py)."""

        def make():
            coop = [t for t, f in self.type_family.items() if f == COOPERATIVE]
            return isin(self.events["event_type"].astype("str"), coop)

        return self.memo("cooperative", make)

    def event_lanes(self, positions, only=()) -> pd.DataFrame:
        """(event_pos, faction_id) per lane of the events at positions, in their order; faction_id "" is
        the "No faction" lane. With only (chosen factions), just those lanes."""
        pos, lane = self.lane_pairs()
        positions = np.asarray(positions, dtype=np.int64)
        lo, hi = np.searchsorted(pos, positions, "left"), np.searchsorted(pos, positions, "right")
        n = hi - lo
        rows = np.repeat(lo, n) + np.arange(int(n.sum())) - np.repeat(np.cumsum(n) - n, n)
        ids = np.array(list(self.factions["faction_id"]) + [""], dtype=object)
        frame = pd.DataFrame({"event_pos": pos[rows], "faction_id": ids[lane[rows]]})
        if only:
            frame = frame[frame["faction_id"].isin(list(only))].reset_index(drop=True)
        return frame

    # --- analytic fields (optional measure columns: ACLED's and GDELT's) -----------------------------
    @property
    def event_columns(self) -> set[str]:
        return set(self.events.columns)

    def has_measure(self, column: str) -> bool:
        """The column is in the data and has a value somewhere."""
        return column in self.events.columns and self.memo(
            f"has-{column}", lambda: bool((~blank(self.events[column])).any())
        )

    def number(self, column: str) -> np.ndarray:
        """A numeric measure per event as floats, NaN where blank or absent (computed once)."""
        assert MEASURES[column].kind != "text", column
        if column not in self.events.columns:
            return np.full(len(self.events), np.nan)
        return self.memo(f"number-{column}", lambda: numbers(self.events[column]))

    def factions_of_event(self, event_id: str) -> list[str]:
        pos = self.position_of(event_id)
        return [] if pos is None else [f for f in self.event_lanes([pos])["faction_id"] if f]

    def actors_of_event(self, event_id: str) -> list[str]:
        pos = self.position_of(event_id)
        return [] if pos is None else split_list(self.events["actor_ids"].iat[pos])

    def position_of(self, event_id: str) -> int | None:
        hits = np.flatnonzero(isin(self.events["event_id"], [event_id]))
        return int(hits[0]) if len(hits) else None

    def counts(self) -> dict[str, int]:
        return {
            "events": len(self.events),
            "actors": len(self.actors),
            "quotes": len(self.quotes),
            "factions": len(self.factions),
        }


def _first_in_row(pos: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """False for an item that repeats an earlier item of the same row (pos non-decreasing)."""
    keep = np.ones(len(pos), dtype=bool)
    longest = int(np.bincount(pos).max()) if len(pos) else 0
    for lag in range(1, longest):
        keep[lag:] &= ~((pos[lag:] == pos[:-lag]) & (codes[lag:] == codes[:-lag]))
    return keep


def _pairs(frame: pd.DataFrame, column: str, name: str) -> pd.DataFrame:
    """Explode a ';'-list column into (pos, item) rows, pos being the row's position."""
    items, pos = split_lists(frame[column])
    encoded = pc.dictionary_encode(items)
    if isinstance(encoded, pa.ChunkedArray):
        encoded = encoded.combine_chunks()
    codes = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    uniques = encoded.dictionary.to_pylist()
    first = _first_in_row(pos, codes)  # a list may name an id twice
    return pd.DataFrame(
        {
            "pos": pos[first].astype(np.int32),
            name: pd.Categorical.from_codes(codes[first], pd.Index(uniques, dtype="str")),
        }
    )


def _by_date(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows in date order. Tables written by factionline already are (then nothing is copied); others
    are reordered a column at a time in parallel threads (Arrow's take releases the GIL)."""
    order = date_order(frame["start"].to_numpy(), frame["end"].to_numpy())
    if (order[1:] > order[:-1]).all():
        return frame.reset_index(drop=True)
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        columns = list(pool.map(lambda c: frame[c].take(order).reset_index(drop=True), frame.columns))
    return pd.DataFrame(dict(zip(frame.columns, columns)))


def _add_date_columns(frame: pd.DataFrame, dates: ParsedColumn) -> None:
    """start/end bounds, precision and qualifiers of a parsed EDTF column."""

    def labels(name):  # few distinct strings: a categorical keeps a million rows small and fast
        values, categories = pd.factorize(dates.parsed[name].to_numpy(dtype=object))
        return pd.Categorical.from_codes(values[dates.codes], pd.Index(categories, dtype="str"))

    frame["start"] = dates.rows("start").astype("datetime64[s]")
    frame["end"] = dates.rows("end").astype("datetime64[s]")
    frame["precision"] = labels("precision")
    frame["uncertain"] = dates.rows("uncertain")
    frame["approximate"] = dates.rows("approximate")
    frame["date_label"] = labels("label")


def _event_factions(event_actors: pd.DataFrame, actor_factions: pd.DataFrame) -> pd.DataFrame:
    """(event, faction) pairs: an event is in every faction of any of its actors, once."""
    actors = event_actors["actor_id"].cat.categories
    factions = pd.Index(pd.unique(actor_factions["faction_id"]), dtype="str")
    # CSR lists of faction codes per actor code.
    a_codes = actors.get_indexer(actor_factions["actor_id"])
    known = a_codes >= 0
    order = np.argsort(a_codes[known], kind="stable")
    flat = factions.get_indexer(actor_factions["faction_id"])[known][order]
    counts = np.bincount(a_codes[known], minlength=len(actors))
    offsets = np.concatenate([[0], np.cumsum(counts)])
    # Repeat each (event, actor) pair once per faction of the actor.
    codes = event_actors["actor_id"].cat.codes.to_numpy()
    n = counts[codes]
    rows = np.repeat(np.arange(len(codes)), n)
    within = np.arange(len(rows)) - np.repeat(np.cumsum(n) - n, n)
    pos = event_actors["event_pos"].to_numpy()[rows]
    fcodes = flat[offsets[codes][rows] + within]
    # One row per (event, faction).
    key = np.sort(pos.astype(np.int64) * (len(factions) + 1) + fcodes, kind="stable")  # nearly sorted: timsort
    key = key[np.concatenate([[True], key[1:] != key[:-1]])] if len(key) else key
    return pd.DataFrame(
        {
            "event_pos": (key // (len(factions) + 1)).astype(np.int32),
            "faction_id": pd.Categorical.from_codes(key % (len(factions) + 1), factions),
        }
    )


def _roles(frame: pd.DataFrame | None, dates) -> pd.DataFrame | None:
    """Dated roles with their bounds: a blank from is "since always", a blank to "still"."""
    if frame is None or not len(frame):
        return None
    out = frame[["actor_id", "role"] + (["faction_ids"] if "faction_ids" in frame.columns else [])].copy()
    for column, bound, open_end in (("from", "start", "1000-01-01"), ("to", "end", "9999-12-31")):
        parsed = dates.get(("roles", column))
        values = parsed.rows(bound) if parsed is not None else np.full(len(frame), np.datetime64("NaT"))
        out[bound] = pd.Series(values, index=frame.index).fillna(pd.Timestamp(open_end)).astype("datetime64[s]")
    return out.reset_index(drop=True)


def build(raw: RawData, dates, checking: Future | None = None) -> Dataset:
    """The model of validated raw tables (raw's frames are left as they are: the table checks may be
    reading them). dates: validate.parse_dates(raw), or a future of it. checking, the running verbatim check (a
    validate.Verbatim future), says whether each quote occurs in its article: the quotes are built last,
    so the check runs beside the rest; without it they are looked up here."""
    t = {name: table.frame.copy(deep=False) for name, table in raw.tables.items()}  # copy-on-write: no duplicate
    events = t.pop("events")
    for column in EVENT_EXTRAS:
        if column not in events.columns:
            events[column] = ""
    report_table = t.pop("reports", None)
    at_event = raw.positions("reports", "event_id", "events", "event_id") if report_table is not None else None
    derived = derive(events, report_table, resolved(dates), t["articles"], t["sources"], at_event)
    parsed = resolved(dates)[("events", "date")]
    if derived is not None:  # dates taken from a report: only those are parsed anew
        parsed = patched(parsed, derived.changed_dates, events["date"].take(derived.changed_dates))
        events["_row"] = np.arange(len(events))
    _add_date_columns(events, parsed)
    events = _by_date(events)
    reports = None
    if derived is not None:
        position = np.empty(len(events), dtype=np.int64)
        position[events["_row"].to_numpy()] = np.arange(len(events))
        events = events.drop(columns="_row")
        reports = derived.reports
        reports["event_pos"] = position[reports["event_row"].to_numpy()].astype(np.int32)
        order = np.argsort(reports["event_pos"].to_numpy(), kind="stable")  # publication order kept within
        reports = reports.take(order).drop(columns="event_row").reset_index(drop=True)
    events["status"] = events["status"].astype("category")
    events["event_type"] = events["event_type"].astype("category")

    event_actors = _pairs(events, "actor_ids", "actor_id").rename(columns={"pos": "event_pos"})
    actors = t["actors"]
    actor_factions = _pairs(actors, "faction_ids", "faction_id")
    actor_factions = pd.DataFrame(
        {
            "actor_id": actors["actor_id"].to_numpy()[actor_factions["pos"]],
            "faction_id": actor_factions["faction_id"].astype(str).to_numpy(),
        }
    )
    event_factions = _event_factions(event_actors, actor_factions)

    quotes = t.pop("quotes")
    quotes["event_pos"] = position_in(quotes["event_id"], events["event_id"]).astype(np.int32)
    pos = quotes["event_pos"].to_numpy()
    event_date = pc.if_else(pa.array(pos >= 0), pc.take(strings(events["date"]), pa.array(np.maximum(pos, 0))), "")
    event_date = pd.Series(event_date, index=quotes.index, dtype="str")  # blank where the event is unknown
    _add_date_columns(quotes, parse_column(quotes["said_on"].where(~blank(quotes["said_on"]), event_date)))
    found = checking.result().quotes_found if checking else None  # waits for the check running beside
    quotes["verified"] = (
        found
        if found is not None and len(found) == len(quotes)
        else verbatim(raw.article_texts, quotes["text"], quotes["article_id"])
    )
    quotes = _by_date(quotes)
    quote_speakers = _quote_speakers(quotes, actors)

    notes = {}
    for key, file in NOTE_FILES.items():
        path = raw.root / file
        if path.is_file():
            notes[key] = path.read_text(encoding="utf-8", errors="replace")[:200_000]
    return Dataset(
        root=raw.root,
        factions=t["factions"],
        actors=t["actors"],
        sources=t["sources"],
        articles=t["articles"],
        event_types=t["event_types"],
        events=events,
        quotes=quotes,
        event_actors=event_actors,
        actor_factions=actor_factions,
        event_factions=event_factions,
        article_texts=raw.article_texts,
        notes=notes,
        places=t.get("places"),
        roles=_roles(t.get("roles"), resolved(dates)),
        reports=reports,
        # Its event_id and status are in `reports` (as event_pos and status): not kept twice.
        report_table=report_table.drop(columns=["event_id", "status"]) if reports is not None else None,
        report_own=derived.own_words if derived is not None else None,
        superseded=t.get("superseded"),
        stories=_stories(t.get("stories")),
        quote_speakers=quote_speakers,
    )


def _stories(frame: pd.DataFrame | None) -> pd.DataFrame | None:
    """Each story's steps in order (a step that is not a whole number sorts last; meaning.py warns)."""
    if frame is None or not len(frame):
        return None
    out = frame.copy()
    out["step_no"] = pd.to_numeric(out["step"].str.strip(), errors="coerce")
    return out.sort_values(["story_id", "step_no"], kind="stable", na_position="last").reset_index(drop=True)


def _quote_speakers(quotes: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """(quote_pos, actor_id) for each speaker of each quote, and each member of a group speaker."""
    pairs = _pairs(quotes, "speaker_id", "actor_id").rename(columns={"pos": "quote_pos"})
    if "members" in actors.columns and (~blank(actors["members"])).any():
        groups = {a: split_list(m) for a, m in zip(actors["actor_id"], actors["members"]) if m.strip()}
        extra = [
            (q, member)
            for q, a in zip(pairs["quote_pos"].to_numpy(), pairs["actor_id"].astype("str"))
            for member in groups.get(a, ())
        ]
        if extra:
            more = pd.DataFrame(extra, columns=["quote_pos", "actor_id"])
            pairs = pd.concat([pairs.astype({"actor_id": "str"}), more], ignore_index=True).drop_duplicates()
            pairs["quote_pos"] = pairs["quote_pos"].astype(np.int32)
            pairs["actor_id"] = pairs["actor_id"].astype("category")
    return pairs.reset_index(drop=True)
