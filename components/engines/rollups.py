"""A rollup of the events, in lanes: per first day, last day, event type, status and lane, the events (`n`)
and their fatalities — a lane being a faction (an event counts once in each of its factions' lanes, as on
the timeline), "" (the events of no faction) or "*" (every event, once). A filter state it covers — dates,
event types, families, statuses and at most one faction — is answered from it: the timeline's days
(counts, date bounds, each lane's events or fatalities), the per-type, per-status and (with no faction
chosen) per-faction totals and the sum of fatalities. Anything else (two factions or more, sides, a search,
actors, corroboration, grades, regions…; the faction matrices) is answered from the events and stays
correct. The debug log (logger "factionline.rollups") says which answered. Its rows grow far slower than
the events (at most days × spans × lanes × types × statuses): 7.0 million rows (30 MB) at 10 million
synthetic events of 36 factions, 25.5 million (110 MB, 0.4% of the dataset) at 100 million.

Written by `factionline ingest` as derived/rollups/events.parquet, sorted by lane and day (a faction's rows
are a few row groups), after the tables it sums and before the manifest, whose checksums then vouch for it.
A dataset ingested before rollups has no such file: its engine builds the same rollup on the first state
it covers (a DuckDB temporary table, a cached Spark frame) — the app never writes to a data directory. Beside
a Spark cluster, the stored file is read by an in-process DuckDB: covered states need no cluster job.
FACTIONLINE_ROLLUPS=off answers everything from the events and writes no rollup (the tests compare both).
"""

from __future__ import annotations

import copy
import logging
import os
import shutil
import threading
import uuid
from pathlib import Path

import pyarrow.parquet as pq

from components.analysis.filters import Filters

log = logging.getLogger("factionline.rollups")

# The filters whose `sql` members test only the rollup's columns (their records in analysis/filters.FILTERS);
# "factions" with one faction at most, answered by choosing its lane.
COVERED = frozenset({"factions", "dates", "types", "families", "statuses"})
KEYS = ("day", "first_day", "last_day", "event_type", "status")
WEIGHTS = ("fatalities",)  # the measures summed per row (blank counts as none, as the events' sums do)
EVERY, NO_FACTION = "*", ""  # the lanes of every event and of the events of no faction
FILE = Path("derived") / "rollups" / "events.parquet"  # under an ingested dataset
MEMORY_LIMIT = "2GB"  # what writing it may hold in memory (ingest's own peak is about 3 GB at 10M events)
CHUNK = 10_000_000  # events summed in one pass when the rollup is written
LOCAL_MEMORY = "512MB"  # what reading it beside a cluster may hold (the file is about 1% of the dataset)


def enabled() -> bool:
    return os.environ.get("FACTIONLINE_ROLLUPS", "on").strip().lower() not in ("off", "0", "no")


def expression(events, event_factions):
    """The rollup of the events (an Ibis table) and their event–faction pairs: one row per lane and
    combination of KEYS that occurs, with its events (`n`) and the sum of each weight."""
    keys = [c for c in KEYS if c in events.columns]
    weights = [w for w in WEIGHTS if w in events.columns]

    def rolled(table, lane):
        aggs = {"n": table.count()} | {w: table[w].fill_null(0).sum() for w in weights}
        return table.group_by([*keys, lane]).aggregate(**aggs)

    ev = events.select("pos", *keys, *weights)
    pairs = ev.join(event_factions.select("pos", "faction_id"), "pos")
    lanes = [
        rolled(ev.mutate(lane=_literal(EVERY)), "lane"),
        rolled(pairs.mutate(lane=pairs.faction_id.cast("string")), "lane"),
        rolled(ev.anti_join(event_factions, "pos").mutate(lane=_literal(NO_FACTION)), "lane"),
    ]
    return lanes[0].union(lanes[1]).union(lanes[2])


def _literal(value: str):
    import ibis

    return ibis.literal(value, type="string")


def write(root: Path, path: Path | None = None) -> int:
    """Write an ingested dataset's rollup (derived/events and event_factions → FILE, or `path`); its rows.
    None written with FACTIONLINE_ROLLUPS=off. Summed a range of events at a time (CHUNK), then the ranges'
    sums summed: at 100M events one pass over every event–faction pair ran out of its memory (1.8 of 2 GB,
    in a join DuckDB could not spill); a range is what 10M events needed in one pass."""
    import ibis

    if not enabled():
        return 0
    derived = Path(root) / "derived"
    spill = derived / "rollups" / ".spill"  # removed below: never part of the dataset
    path = path or Path(root) / FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    # within ingest's memory: DuckDB spills past this (its default is most of the machine)
    con = ibis.duckdb.connect(memory_limit=MEMORY_LIMIT, temp_directory=str(spill), preserve_insertion_order=False)
    try:
        events = con.read_parquet(str(derived / "events" / "*.parquet"))
        pairs = con.read_parquet(str(derived / "event_factions" / "*.parquet"))
        total = sum(pq.ParquetFile(p).metadata.num_rows for p in (derived / "events").glob("*.parquet"))
        (spill / "ranges").mkdir(parents=True, exist_ok=True)
        for i, lo in enumerate(range(0, max(total, 1), CHUNK)):  # positions are sorted: a range is a few files
            rolled = expression(_within(events, lo), _within(pairs, lo))
            rolled.to_parquet(str(spill / "ranges" / f"{i:05d}.parquet"))
        weights = [w for w in WEIGHTS if w in events.columns]
        sums = ", ".join(["CAST(SUM(n) AS BIGINT) AS n", *(f"SUM({w}) AS {w}" for w in weights)])
        con.raw_sql(  # SQL here: Ibis drops a cast to int64 of a sum DuckDB makes a 128-bit integer
            f"COPY (SELECT * EXCLUDE (n{''.join(', ' + w for w in weights)}), {sums} FROM "
            f"read_parquet({_quoted(spill / 'ranges' / '*.parquet')}) GROUP BY ALL ORDER BY lane, day) "
            f"TO {_quoted(path)} (FORMAT parquet)"
        )
    finally:
        con.disconnect()
        shutil.rmtree(spill, ignore_errors=True)
    return pq.ParquetFile(path).metadata.num_rows


def _quoted(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _within(table, lo: int):
    """The rows of a range of CHUNK event positions."""
    return table.filter((table.pos >= lo) & (table.pos < lo + CHUNK))


class Rollup:
    """The rollup of one engine's events: read from the dataset's FILE, else made on first use (shared by
    its sessions)."""

    def __init__(self, con, tables, root: Path | None = None):
        self.con, self.t = con, tables
        self.stored = Path(root) / FILE if root is not None and (Path(root) / FILE).is_file() else None
        self.holds = frozenset(c for c in (*KEYS, *WEIGHTS) if c in tables.columns)  # the events' columns it keeps
        self._table = None
        self._lock = threading.Lock()

    def covers(self, f: Filters, weights: str | None = None, reads: tuple[str, ...] = ()) -> bool:
        """The filter state (and the columns an aggregate reads) within what the rollup holds."""
        if not enabled() or not {*reads, *([weights] if weights else [])} <= self.holds:
            return False
        return len(f.factions) <= 1 and all(flt.key in COVERED for flt, _ in f.active())

    def lane(self, f: Filters) -> str:
        """The lane whose rows are a covered state's events: its faction's, or every event's."""
        return f.factions[0] if f.factions else EVERY

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
        if "lane" not in pq.read_schema(self.stored).names:  # written by an earlier layout: made again, in the engine
            return self._build()
        if self.con.name == "duckdb":
            log.debug("rollup read from %s", self.stored.name)
            return self.con.read_parquet(str(self.stored))
        # On a cluster, read by an in-process DuckDB: a covered state reads a few row groups of a small file
        # on the server in milliseconds, where each cluster query is a job of its own (0.5-2 s at 10M events,
        # more while the workers fill their copy of the events); the workers' memory stays the events'.
        import ibis

        self._local = ibis.duckdb.connect(memory_limit=LOCAL_MEMORY)
        log.debug("rollup read from %s by an in-process DuckDB", self.stored.name)
        return self._local.read_parquet(str(self.stored))

    def _build(self):
        expr = expression(self.t.events, self.t.event_factions)
        if self.con.name == "duckdb":
            table = self.con.create_table(f"rollup_{uuid.uuid4().hex[:8]}", obj=expr, temp=True)
        else:  # a cluster keeps it in its workers' memory
            table = expr.cache()
        log.debug("rollup built: %s rows", int(table.count().execute()))
        return table
