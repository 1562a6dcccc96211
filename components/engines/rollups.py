"""A rollup of the events: their count (and fatalities) per first day, last day, faction masks (all, side A,
side B), whether the source says side A acted on side B, event type and status — what the timeline's scan
per filter state (SqlEngine.daily), the per-faction and per-type totals and the faction matrices (together,
who acted on whom) group by, when the filters test only those columns. A filter state it covers is answered
from its rows (one per combination that occurs: far fewer than events on a large dataset) instead of the
events; any other filter (a search, an actor, corroboration, grades, regions…) falls back to the events and
stays correct. The debug log (logger "factionline.rollups") says which answered.

Written by `factionline ingest` as derived/rollups/events.parquet (after the tables it sums, before the
manifest, whose checksums then vouch for it). A dataset ingested before rollups has no such file: its engine
builds the same rollup on the first state it covers, in the engine (a DuckDB temporary table, a cached Spark
frame) — the app never writes to a data directory. FACTIONLINE_ROLLUPS=off answers everything from the
events (the tests compare both).
"""

from __future__ import annotations

import copy
import logging
import os
import threading
import uuid
from pathlib import Path

from components.analysis.filters import Filters

log = logging.getLogger("factionline.rollups")

# The filters whose `sql` members test only the rollup's columns (their records in analysis/filters.FILTERS).
COVERED = frozenset({"factions", "together", "initiators", "targets", "dates", "types", "families", "statuses"})
KEYS = ("day", "first_day", "last_day", "lanes", "lanes_a", "lanes_b", "directed", "event_type", "status")
WEIGHTS = ("fatalities",)  # the measures summed per row (blank counts as none, as the events' sums do)
FILE = Path("derived") / "rollups" / "events.parquet"  # under an ingested dataset


def enabled() -> bool:
    return os.environ.get("FACTIONLINE_ROLLUPS", "on").strip().lower() not in ("off", "0", "no")


def expression(events):
    """The rollup of an Ibis table of the events: one row per combination of KEYS that occurs, with its
    events (`n`) and the sum of each weight."""
    keys = [c for c in KEYS if c in events.columns]
    aggs = {"n": events.count()}
    for w in WEIGHTS:
        if w in events.columns:
            aggs[w] = events[w].fill_null(0).sum()
    return events.group_by(keys).aggregate(**aggs)


def write(root: Path) -> int:
    """Write an ingested dataset's rollup (derived/events → FILE); its rows."""
    import ibis

    con = ibis.duckdb.connect()
    events = con.read_parquet(str(Path(root) / "derived" / "events" / "*.parquet"))
    if "lanes" not in events.columns:  # beyond 63 factions the masks are absent: nothing to roll up by
        return 0
    path = Path(root) / FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    expr = expression(events)
    expr.to_parquet(str(path))
    return int(expr.count().execute())


class Rollup:
    """The rollup of one engine's events: read from the dataset's FILE, else made on first use (shared by
    its sessions)."""

    def __init__(self, con, tables, root: Path | None = None):
        self.con, self.t = con, tables
        self.stored = Path(root) / FILE if root is not None and (Path(root) / FILE).is_file() else None
        self.holds = frozenset(c for c in (*KEYS, *WEIGHTS) if c in tables.columns)  # the events' columns it keeps
        self._table = None
        self._lock = threading.Lock()

    def covers(self, f: Filters, weights: str | None, reads: tuple[str, ...] = ()) -> bool:
        """The filter state (and the columns an aggregate reads) within what the rollup holds."""
        if not (enabled() and self.t.masks) or not {*reads, *([weights] if weights else [])} <= self.holds:
            return False
        return all(flt.key in COVERED for flt, _ in f.active())

    def tables(self):
        """The engine's Tables with the rollup as its events: the filters' `sql` members run on it unchanged."""
        with self._lock:
            if self._table is None:
                self._table = self._read() if self.stored else self._build()
        rolled = copy.copy(self.t)
        rolled.events = self._table
        rolled.columns = frozenset(self._table.columns)
        return rolled

    def _read(self):
        table = self.con.read_parquet(str(self.stored))
        if self.con.name != "duckdb":  # a cluster keeps it in its workers' memory
            table = table.cache()
        log.debug("rollup read from %s", self.stored.name)
        return table

    def _build(self):
        expr = expression(self.t.events)
        if self.con.name == "duckdb":
            table = self.con.create_table(f"rollup_{uuid.uuid4().hex[:8]}", obj=expr, temp=True)
        else:  # a cluster keeps it in its workers' memory
            table = expr.cache()
        log.debug("rollup built: %s rows", int(table.count().execute()))
        return table
