"""What changed between two periods, per faction: events, quotes, fatalities (where the data has them),
event types and partners — and a change level against the previous period of the same length, in the
spirit of ACLED's change levels.

Change levels (documented in the tab and README):
- **new**: none before, at least MIN_EVENTS now; **gone**: at least MIN_EVENTS before, none now;
- **up** / **down**: at least SHARE (25 %) more or fewer than before, *and* at least MIN_EVENTS (3)
  events of difference — so that 1 → 2 is not "doubled";
- **stable**: otherwise (including none in either period).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from components.analysis.aggregate import focus
from components.analysis.filters import Filters
from components.data.model import Dataset
from components.data.schema import split_list

SHARE = 0.25
MIN_EVENTS = 3
ARROWS = {"up": "▲ up", "down": "▼ down", "new": "● new", "gone": "○ gone", "stable": "– stable"}


def level(before: int, now: int) -> str:
    if before == 0:
        return "new" if now >= MIN_EVENTS else "stable"
    if now == 0:
        return "gone" if before >= MIN_EVENTS else "stable"
    diff = now - before
    if abs(diff) < MIN_EVENTS or abs(diff) < SHARE * before:
        return "stable"
    return "up" if diff > 0 else "down"


@dataclass(frozen=True)
class Period:
    first: dt.date
    last: dt.date

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def previous(self) -> Period:
        last = self.first - dt.timedelta(days=1)
        return Period(last - dt.timedelta(days=self.days - 1), last)

    def label(self) -> str:
        return f"{self.first:%-d %b %Y} – {self.last:%-d %b %Y}"


def period_of(days: pd.DataFrame, filters: Filters) -> Period:
    """ "This period" by default: the date filter's range; else the later half of the selection's span
    (aggregate.focus: a lone early event does not stretch it), so that the previous period of the same
    length — the earlier half — holds the rest of the data and the change levels compare like with like."""
    lo, hi = filters.dates
    if lo and hi:
        return Period(lo, hi)
    if not len(days):
        today = dt.date.today()
        return Period(lo or today, hi or today)
    first, last, _ = focus(days)
    start, end = lo or first.item(), hi or last.item()
    return Period(end - dt.timedelta(days=max((end - start).days // 2, 0)), end)


def _per_faction(ds: Dataset, event_pos: np.ndarray, weights: np.ndarray | None = None) -> np.ndarray:
    pos, lane = ds.lane_pairs()
    keep = np.zeros(len(ds.events), dtype=bool)
    keep[event_pos] = True
    rows = keep[pos] & (lane < len(ds.factions))
    w = None if weights is None else np.nan_to_num(weights[pos[rows]])
    return np.bincount(lane[rows], weights=w, minlength=len(ds.factions))


def _quotes_per_faction(ds: Dataset, quote_pos: np.ndarray) -> np.ndarray:
    ids = list(ds.factions["faction_id"])
    out = np.zeros(len(ids), dtype=np.int64)
    speakers = ds.quotes["speaker_id"].to_numpy()[quote_pos] if len(quote_pos) else []
    for cell in speakers:
        sides = {f for a in split_list(cell) for f in ds.factions_of_actor.get(a, [])}
        for f in sides:
            if f in ids:
                out[ids.index(f)] += 1
    return out


def faction_totals(ds: Dataset, sel) -> pd.DataFrame:
    """Per faction of a selection: events, quotes (by the faction's speakers) and, where the data has them,
    fatalities (an event counts in each of its factions)."""
    table = pd.DataFrame(
        {
            "faction_id": list(ds.factions["faction_id"]),
            "events": _per_faction(ds, sel.event_pos).astype(int),
            "quotes": _quotes_per_faction(ds, sel.quote_pos),
        }
    )
    if ds.has_measure("fatalities"):
        table["fatalities"] = _per_faction(ds, sel.event_pos, ds.number("fatalities")).astype(int)
    return table


def periods_of(backend, filters: Filters, before: Period, now: Period) -> pd.DataFrame:
    """Per faction: events, quotes and (where present) fatalities in each period, and the change level, from
    any backend's per-faction totals (the question faction_totals): the
    measures it has (quotes where it has the rows, fatalities where the data has them)."""
    a = backend.ask("faction_totals", filters.replace(dates=(before.first, before.last)))
    b = backend.ask("faction_totals", filters.replace(dates=(now.first, now.last)))
    names = backend.lookups.faction_name
    table = pd.DataFrame({"faction_id": list(a["faction_id"]), "faction": [names.get(f, f) for f in a["faction_id"]]})
    for measure in ("events", "quotes", "fatalities"):
        if measure in a and measure in b:
            table[f"{MEASURE_WORDS[measure]} before"] = a[measure].to_numpy().astype(int)
            table[f"{MEASURE_WORDS[measure]} now"] = b[measure].to_numpy().astype(int)
    return with_levels(table, filters)


# What a faction's column counts, in its header: fatalities are everyone reported killed in the events it took
# part in, on any side — not its own losses (an event's fatalities are not split by side in ACLED).
MEASURE_WORDS = {"events": "events", "quotes": "quotes", "fatalities": "fatalities in its events"}
FATALITIES_NOTE = (
    "Fatalities in its events: everyone reported killed in the events a faction took part in, on any side — "
    "not its own losses (the sources do not say whose dead they were)."
)


def types_of(backend, filters: Filters, before: Period, now: Period) -> pd.DataFrame:
    a = backend.ask("per_type", filters.replace(dates=(before.first, before.last)))
    b = backend.ask("per_type", filters.replace(dates=(now.first, now.last)))
    return types_levels(a, b, backend.lookups.type_label)


def with_levels(table: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """A per-faction table of events before and now, with the change and its level; the chosen factions (or
    every faction with events), busiest first. Shared by the in-memory model and the engines."""
    table = table.assign(change=table["events now"] - table["events before"])
    table["level"] = [level(x, y) for x, y in zip(table["events before"], table["events now"])]
    if filters.factions:
        table = table[table["faction_id"].isin(filters.factions)]
    busy = (table["events before"] + table["events now"]) > 0
    return table[busy].sort_values(["events now", "events before"], ascending=False).reset_index(drop=True)


def types_levels(before: pd.Series, now: pd.Series, label: dict[str, str]) -> pd.DataFrame:
    """Events per type before and now (counts indexed by type), with change levels, busiest first."""
    out = pd.DataFrame({"before": before, "now": now}).fillna(0).astype(int)
    out = out[(out["before"] + out["now"]) > 0]
    out.index = [label.get(t, t) for t in out.index]
    out["level"] = [level(x, y) for x, y in zip(out["before"], out["now"])]
    return out.sort_values(["now", "before"], ascending=False)


def partners(matrix, faction_id: str, top: int = 8) -> list[tuple[str, int]]:
    """The factions sharing most events with one faction, from the selection's faction matrix (the question
    faction_matrix): the most first, then by name."""
    if faction_id not in matrix.ids:
        return []
    i = matrix.ids.index(faction_id)
    counts = np.asarray(matrix.counts)
    found = [(matrix.names[j], int(counts[i, j])) for j in range(len(matrix.ids)) if j != i and counts[i, j]]
    return sorted(found, key=lambda t: (-t[1], t[0]))[:top]


def faction_profile(ds: Dataset, sel, faction_id: str) -> dict:
    """One faction's events in a selection: per event type and, where the data names sides, how many have it
    on side A (the initiator) and on side B (None where no event names a side)."""
    ids = list(ds.factions["faction_id"])
    i = ids.index(faction_id) if faction_id in ids else -1  # a faction the data lacks has no events
    chosen = np.zeros(len(ds.events), dtype=bool)
    chosen[sel.event_pos] = True
    pos, lane = ds.lane_pairs()
    mine = pos[(lane == i) & chosen[pos]]
    types = ds.events["event_type"].iloc[mine].astype("str").value_counts()
    sides = [None, None]
    if ds.has_sides:
        spos, slane, side = ds.side_pairs()
        sides = [int(len(np.unique(spos[(slane == i) & (side == s) & chosen[spos]]))) for s in (0, 1)]
    return {"types": {str(t): int(n) for t, n in types.items() if n}, "side_a": sides[0], "side_b": sides[1]}


def factions_side_by_side(backend, filters: Filters, x: str, y: str) -> pd.DataFrame:
    """Two factions in one selection: events, quotes (where the backend counts them), fatalities, sides, top
    types and top partners — from any backend's answers (faction_totals, faction_matrix, faction_profile)."""
    lookups = backend.lookups
    totals = backend.ask("faction_totals", filters).set_index("faction_id")
    matrix = backend.ask("faction_matrix", filters)
    rows = {}
    for f in (x, y):
        profile = backend.ask("faction_profile", filters, faction=f)
        kinds = sorted(profile["types"].items(), key=lambda t: (-t[1], lookups.type_label.get(t[0], t[0])))[:3]
        sides = (profile["side_a"], profile["side_b"])
        rows[lookups.faction_name.get(f, f)] = {
            "events": int(totals.loc[f, "events"]),
            **({"as initiator (side A)": sides[0], "as target (side B)": sides[1]} if sides[0] is not None else {}),
            **({"quotes": int(totals.loc[f, "quotes"])} if "quotes" in totals else {}),
            **({MEASURE_WORDS["fatalities"]: int(totals.loc[f, "fatalities"])} if "fatalities" in totals else {}),
            "main event types": "; ".join(f"{lookups.type_label.get(t, t)} ({n})" for t, n in kinds) or "—",
            "main partners": "; ".join(f"{name} ({n})" for name, n in partners(matrix, f, 3)) or "—",
        }
    return pd.DataFrame(rows)
