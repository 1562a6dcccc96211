"""A rollup of the events: their count (and fatalities) per first day, last day, faction masks (all, side A,
side B), event type and status — what the timeline's one scan per filter state (SqlEngine.daily: counts, date
bounds, lanes in every bucket, fatalities per lane) needs when the filters test only those columns. A filter
state it covers is answered from its rows (one per combination that occurs: far fewer than events on a large
dataset) instead of the events; any other filter (a search, an actor, corroboration, grades, regions…) falls
back to the events and stays correct. The debug log (logger "factionline.rollups") says which answered.

Built once per engine, on the first state it covers, inside the engine (a DuckDB temporary table, a cached
Spark frame): no file is added to the ingested dataset, so its manifest's checksums still vouch for every
file. FACTIONLINE_ROLLUPS=off answers everything from the events (the tests compare both).
"""

from __future__ import annotations

import copy
import logging
import os
import threading
import uuid

from components.analysis.filters import Filters

log = logging.getLogger("factionline.rollups")

# The filters whose `sql` members test only the rollup's columns (their records in analysis/filters.FILTERS).
COVERED = frozenset({"factions", "together", "initiators", "targets", "dates", "types", "families", "statuses"})
KEYS = ("day", "first_day", "last_day", "lanes", "lanes_a", "lanes_b", "event_type", "status")
WEIGHTS = ("fatalities",)  # the measures summed per row (blank counts as none, as the events' sums do)


def enabled() -> bool:
    return os.environ.get("FACTIONLINE_ROLLUPS", "on").strip().lower() not in ("off", "0", "no")


class Rollup:
    """The rollup of one engine's events, made on first use (shared by its sessions)."""

    def __init__(self, con, tables):
        self.con, self.t = con, tables
        self._table = None
        self._lock = threading.Lock()

    def covers(self, f: Filters, weights: str | None) -> bool:
        if not (enabled() and self.t.masks) or (weights and weights not in WEIGHTS):
            return False
        return all(flt.key in COVERED for flt, _ in f.active())

    def tables(self):
        """The engine's Tables with the rollup as its events: the filters' `sql` members run on it unchanged."""
        with self._lock:
            if self._table is None:
                self._table = self._build()
        rolled = copy.copy(self.t)
        rolled.events = self._table
        rolled.columns = frozenset(self._table.columns)
        return rolled

    def _build(self):
        ev = self.t.events
        keys = [c for c in KEYS if c in ev.columns]
        aggs = {"n": ev.count()}
        for w in WEIGHTS:
            if w in ev.columns:
                aggs[w] = ev[w].fill_null(0).sum()
        expr = ev.group_by(keys).aggregate(**aggs)
        if self.con.name == "duckdb":
            table = self.con.create_table(f"rollup_{uuid.uuid4().hex[:8]}", obj=expr, temp=True)
        else:  # a cluster keeps it in its workers' memory
            table = expr.cache()
        log.debug("rollup built: %s rows", int(table.count().execute()))
        return table
