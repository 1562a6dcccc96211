"""The questions views ask of the data, one record each: its in-memory answer and its engine answer side by
side, as FILTERS holds each filter's predicate and SQL. Adding a question is adding one record here; every
backend answers it through `Backend.ask(name, filters, **params)` (components/backends/base.py), which keeps
the answer per filter state, and the contract test (tests/test_questions.py) runs every record on every
backend against memory, with each of its `examples`.

- `memory(ds, sel, f, **params)`: from the in-memory model (data/model.Dataset) and the filter state's
  Selection (analysis/query.py).
- `sql(b, f, **params)`: from an analytical engine, `b` the SQL backend (backends/sql.Engine): `b.engine` is
  engines/sql.SqlEngine (its Ibis queries: `where(f)` the filtered events, `count`, `daily`, …), `b.lookups`
  the small tables, `b.rows_or_none(f)` the selection's rows when they fit in memory.
- `canonical(answer)`: the answer as plain comparable values (a dict), for the contract test; `partial`: the
  keys an engine may leave out (what it says only where it read the rows).

This module imports nothing above the analysis layer: `b` is duck-typed, as a filter's `sql` receives the
engine's tables.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from components.analysis import aggregate, cooccurrence
from components.analysis.aggregate import LaneCounts, daily


@dataclass(frozen=True)
class Question:
    name: str
    help: str  # what it answers, in a sentence
    memory: Callable[..., Any]  # (ds, sel, f, **params) -> answer
    sql: Callable[..., Any]  # (b, f, **params) -> the same answer
    canonical: Callable[[Any], dict] = lambda answer: {"answer": answer}
    examples: tuple[Mapping[str, Any], ...] = field(default_factory=lambda: ({},))  # params the contract test asks
    partial: tuple[str, ...] = ()  # keys of canonical() an engine may leave out


# --- counts -------------------------------------------------------------------------------------------------
def _counts_sql(b, f) -> dict:
    rows = b.rows_or_none(f)  # actors and quotes are counted where the rows are read
    if rows is not None:
        return rows.sel.counts()
    return {"events": b.engine.count(f), "actors": None, "quotes": None}


def _counts_canonical(c: dict) -> dict:
    return {k: v for k, v in c.items() if v is not None}


def _contains_sql(b, f, event_id: str) -> bool:
    sel = b.engine.where(f)
    return int(sel.filter(sel.event_id == event_id).count().execute()) > 0


# --- events per first day -----------------------------------------------------------------------------------
def _days_memory(ds, sel, f) -> pd.DataFrame:
    ev = ds.events
    first = ev["start"].to_numpy()[sel.event_pos].astype("datetime64[D]")
    return daily(first, ev["end"].to_numpy()[sel.event_pos].astype("datetime64[D]"))


def _days_sql(b, f) -> pd.DataFrame:
    frame = b.engine.daily(f)
    hi = pd.to_datetime(frame["hi"]).to_numpy().astype("datetime64[D]").astype(np.int64)
    return pd.DataFrame({"day": frame["day"].to_numpy().astype(np.int64), "n": frame["n"].to_numpy(), "hi": hi})


def _frame(frame: pd.DataFrame) -> dict:
    return {c: [int(x) for x in frame[c]] for c in frame.columns}


# --- lanes and buckets --------------------------------------------------------------------------------------
def _lanes_memory(ds, sel, f, bucket: str, weights: str | None = None) -> LaneCounts:
    w = ds.number(weights) if weights else None
    return aggregate.lane_counts(ds, sel.event_pos, f.factions, bucket, w)


def _lanes_sql(b, f, bucket: str, weights: str | None = None) -> LaneCounts:
    if weights and weights not in b.engine.t.events.columns:  # a measure the data lacks sums to none, as in memory
        lc = b.engine.lane_counts(f, bucket)
        return LaneCounts(lc.lanes, lc.bucket, lc.starts, lc.ends, np.zeros_like(lc.counts))
    return b.engine.lane_counts(f, bucket, weights)


def _lanes_canonical(lc: LaneCounts) -> dict:
    return {"lanes": lc.lanes, "bucket": lc.bucket, "counts": lc.counts.astype(np.int64).tolist()}


# --- the faction matrices -----------------------------------------------------------------------------------
def _matrix_sql(b, f, joint: bool = False, count: str = "all") -> cooccurrence.Matrix:
    ids = list(b.lookups.factions["faction_id"])
    if joint and count != "conflict":  # the signatories of joint statements: the quotes of the rows
        rows = b.rows_or_none(f)
        if rows is not None:
            m = cooccurrence.faction_matrix(rows.ds, rows.sel.event_pos, joint=True, count=count)
            at = [m.ids.index(x) for x in ids if x in m.ids]
            return cooccurrence.Matrix([m.ids[i] for i in at], [m.names[i] for i in at], m.counts[np.ix_(at, at)])
    pairs = b.engine.faction_matrix(f, count)
    counts = np.array([[pairs.get((x, y), 0) for y in ids] for x in ids], dtype=np.int64).reshape(len(ids), len(ids))
    return cooccurrence.Matrix(ids, [b.lookups.faction_name.get(x, x) for x in ids], counts)


def _directed_sql(b, f) -> cooccurrence.Directed:
    counts, stated = b.engine.directed_matrix(f)
    ids = list(b.lookups.factions["faction_id"])
    return cooccurrence.Directed(ids, [b.lookups.faction_name.get(x, x) for x in ids], counts, stated)


def _matrix_canonical(m) -> dict:
    out = {"ids": list(m.ids), "counts": np.asarray(m.counts).tolist()}
    if hasattr(m, "stated"):
        out["stated"] = np.asarray(m.stated).tolist()
    return out


# --- per faction, per type, sums ----------------------------------------------------------------------------
def _totals_memory(ds, sel, f) -> pd.DataFrame:
    from components.analysis.compare import faction_totals

    return faction_totals(ds, sel)


def _totals_sql(b, f) -> pd.DataFrame:
    ids = list(b.lookups.factions["faction_id"])
    events = b.engine.per_faction(f)
    frame = pd.DataFrame({"faction_id": ids, "events": [events.get(x, 0) for x in ids]})
    rows = b.rows_or_none(f)
    if rows is not None:  # quotes by the factions' speakers: where the rows are read
        from components.analysis.compare import faction_totals

        quotes = faction_totals(rows.ds, rows.sel).set_index("faction_id")["quotes"]
        frame["quotes"] = [int(quotes.get(x, 0)) for x in ids]
    if "fatalities" in b.engine.t.events.columns:
        deaths = b.engine.per_faction(f, "fatalities")
        frame["fatalities"] = [deaths.get(x, 0) for x in ids]
    return frame


def _totals_canonical(frame: pd.DataFrame) -> dict:
    return {c: [str(x) if c == "faction_id" else int(x) for x in frame[c]] for c in frame.columns}


def _per_type_canonical(s: pd.Series) -> dict:
    return {"per_type": {str(k): int(v) for k, v in s.items() if v > 0}}


def _sum_memory(ds, sel, f, column: str) -> float:
    return float(np.nansum(ds.number(column)[sel.event_pos]))


def _sum_sql(b, f, column: str) -> float:
    if column not in b.engine.t.events.columns:
        return 0.0
    sel, _ = b.engine.selection(f, (), column)  # a rollup row holds its events' sum of a weight
    value = sel[column].sum().execute()
    return 0.0 if value is None or value != value else float(value)  # nothing selected: NULL


# --- one faction in the selection (Compare's two factions side by side) ---------------------------------
def _profile_memory(ds, sel, f, faction: str) -> dict:
    from components.analysis.compare import faction_profile

    return faction_profile(ds, sel, faction)


def _profile_sql(b, f, faction: str) -> dict:
    e = b.engine
    mine = f.replace(together=tuple(sorted({*f.together, faction})))  # the selection's events with the faction
    types = {str(t): int(n) for t, n in e.per_type(mine).items() if n}
    sides = [None, None]
    if e.has_sides():
        sel = e.where(mine)
        sides = [int(sel.filter(e.t.on_side(s, [faction])).count().execute()) for s in (0, 1)]
    return {"types": types, "side_a": sides[0], "side_b": sides[1]}


# --- places -------------------------------------------------------------------------------------------------
def _places_memory(ds, sel, f):
    from components.analysis.geo import event_coordinates, places

    by_name = ds.memo("placed-by-name", lambda: event_coordinates(ds)["how"].to_numpy() == "places.csv")
    shown, unplaced = places(ds, sel.event_pos)
    return shown, unplaced, int(np.count_nonzero(by_name[sel.event_pos]))


def _places_sql(b, f):
    found = b.engine.places(f)
    if found is None:
        return None
    shown, unplaced = found
    by_name = 0  # events placed by their place's name (places.csv), said where the rows are read
    rows = b.rows_or_none(f, quotes=False)
    if rows is not None:
        from components.analysis.geo import event_coordinates

        how = event_coordinates(rows.ds)["how"].to_numpy()
        by_name = int(np.count_nonzero(how[rows.sel.event_pos] == "places.csv"))
    return shown, unplaced, by_name


def _places_canonical(found) -> dict:
    if found is None:
        return {}
    shown, unplaced, by_name = found
    return {
        "unplaced": int(unplaced),
        "by_name": int(by_name),
        **{c: [str(x) for x in shown[c]] for c in ("place", "events", "family") if c in shown},
    }


# --- events per status (the docs' "add a question" example) ------------------------------------------------
def _per_status_sql(b, f) -> dict[str, int]:
    t, each = b.engine.selection(f, ("status",))  # from the rollup when it covers the filters
    frame = t.group_by("status").aggregate(n=b.engine.counted(t, each)).to_pandas()
    return {str(s): int(n) for s, n in zip(frame["status"], frame["n"]) if n}


QUESTIONS: dict[str, Question] = {
    q.name: q
    for q in (
        Question(
            "counts",
            "The selection's events, actors and quotes (actors and quotes None where an engine does not read rows).",
            memory=lambda ds, sel, f: sel.counts(),
            sql=_counts_sql,
            canonical=_counts_canonical,
            partial=("actors", "quotes"),
        ),
        Question(
            "contains",
            "Is this event in the selection?",
            memory=lambda ds, sel, f, event_id: sel.contains(ds.position_of(event_id)),
            sql=_contains_sql,
            examples=({"event_id": "ev-2024-02-29-hamas-fatah-meet-moscow"}, {"event_id": "no-such-event"}),
        ),
        Question(
            "days",
            "Events per first day (days since 1970: day, n) and the latest last day of those events (hi).",
            memory=_days_memory,
            sql=_days_sql,
            canonical=_frame,
        ),
        Question(
            "lanes",
            "Events (or the sum of a measure) per faction lane and time bucket.",
            memory=_lanes_memory,
            sql=_lanes_sql,
            canonical=_lanes_canonical,
            examples=({"bucket": "week"}, {"bucket": "year"}, {"bucket": "month", "weights": "fatalities"}),
        ),
        Question(
            "faction_matrix",
            "Shared events per pair of factions, as `count` counts them (cooccurrence.COUNTS).",
            memory=lambda ds, sel, f, joint=False, count="all": cooccurrence.faction_matrix(
                ds, sel.event_pos, joint, count
            ),
            sql=_matrix_sql,
            canonical=_matrix_canonical,
            examples=({}, {"count": "cooperation"}, {"count": "conflict"}),
        ),
        Question(
            "directed_matrix",
            "Who acted on whom: events per (side A faction, side B faction), and how many the source directs.",
            memory=lambda ds, sel, f: cooccurrence.directed_matrix(ds, sel.event_pos),
            sql=_directed_sql,
            canonical=_matrix_canonical,
        ),
        Question(
            "faction_totals",
            "Per faction: events, quotes by its speakers (where the rows are read) and fatalities in its events.",
            memory=_totals_memory,
            sql=_totals_sql,
            canonical=_totals_canonical,
            partial=("quotes",),
        ),
        Question(
            "per_type",
            "Events per event type.",
            memory=lambda ds, sel, f: ds.events["event_type"].iloc[sel.event_pos].astype("str").value_counts(),
            sql=lambda b, f: b.engine.per_type(f),
            canonical=_per_type_canonical,
        ),
        Question(
            "per_status",
            "Events per status (occurred, reported, planned): only the statuses that have events.",
            memory=lambda ds, sel, f: {
                str(s): int(n) for s, n in ds.events["status"].iloc[sel.event_pos].astype("str").value_counts().items()
            },
            sql=_per_status_sql,
        ),
        Question(
            "sum",
            "The sum of a numeric event column over the selection, each event once (blank: none).",
            memory=_sum_memory,
            sql=_sum_sql,
            examples=({"column": "fatalities"},),
        ),
        Question(
            "faction_profile",
            "One faction's events in the selection: per event type, and on side A / side B where sides are named.",
            memory=_profile_memory,
            sql=_profile_sql,
            examples=({"faction": "hamas"}, {"faction": "fatah"}),
        ),
        Question(
            "places",
            "The selection's places (points with their events and main family), the unplaced events, and how many "
            "were placed by their place's name.",
            memory=_places_memory,
            sql=_places_sql,
            canonical=_places_canonical,
        ),
    )
}
