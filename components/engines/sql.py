"""The filters and aggregates over an ingested dataset in an analytical engine, through Ibis.

Why Ibis: one expression compiles to DuckDB (embedded, this machine's big-data default), Spark, Trino,
BigQuery, ClickHouse and PostgreSQL, so each filter is defined once (its `sql` member in
analysis/filters.FILTERS, beside its in-memory predicate) and not once per engine.

    engine = SqlEngine(DATASET)                     # DuckDB in this process (out of core)
    engine = SqlEngine(DATASET, "spark://127.0.0.1:7077")   # a Spark cluster
    engine.count(Filters(factions=("hamas",)))      # the same numbers as the in-memory model
    engine.lane_counts(filters); engine.faction_matrix(filters); engine.page(filters)

Every query reads the dataset's `derived/` tables (io/ingest.py): integer positions and day numbers, and
each event's factions as a bit mask, so a faction filter is one column's bitwise test, not a join.
"""

from __future__ import annotations

import contextlib
import copy
import json
import os
import threading
from collections import OrderedDict
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd

from components.analysis import cooccurrence
from components.analysis.aggregate import NO_FACTION, LaneCounts, _bucket_bounds, _bucket_index
from components.analysis.filters import FILTERS, Filters, search_plan
from components.data.families import COOPERATIVE, of_types
from components.data.names import NameIndex, actor_names
from components.engines.layout import RANGES
from components.engines.rollups import Rollup, log

MEMORY = os.environ.get("FACTIONLINE_ENGINE_MEMORY", "3GB")  # DuckDB's own limit: it spills to disk beyond it
MASKS_AT_ONCE = 200_000  # faction masks expanded per block for the matrix (64 MB of floats)
CACHED = 64  # query results kept per engine (shared by sessions; a state seen a moment ago costs nothing)


# What an engine reads of a dataset (checked when it is opened; everything else in the background).
READS = ("derived", "factions.parquet", "actors.parquet", "event_types.parquet")
# The events' number columns: what a cluster keeps in its memory for the timeline's aggregates and the filters
# on factions, dates, sources, grades and fatalities (with the text columns too, filling the copy took 17.8 s
# at 10M on two workers, and a faction state was no faster)
NUMBERS = ("pos", "day", "first_day", "last_day", "lanes", "n_sources", "grades", "fatalities", "lanes_a", "lanes_b")
NUMBERS += ("directed",)  # the sides: who meets whom by side, who acted on whom, the side filters


class Unsupported(ValueError):
    """A filter the engine cannot run yet (the message names it)."""


def connect(url: str):
    """An Ibis backend for an engine URL: duckdb:// (in process), spark://HOST:PORT or local[N] (a Spark
    master, through pyspark), or any URL Ibis knows (trino://, clickhouse://, bigquery://: untested)."""
    import ibis

    if url.startswith(("spark://", "local[")) or url == "local":
        from pyspark.sql import SparkSession

        session = (
            SparkSession.builder.master(url)
            .appName("factionline")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.ui.enabled", "false")  # offline by default: no web UI ports opened
            .config("spark.ui.showConsoleProgress", "false")
            # The dashboard's aggregates are small (a row per day, type or place): the default 200 shuffle
            # partitions made each query 200 tasks to schedule on every filter state
            .config("spark.sql.shuffle.partitions", "4")
            .config("spark.scheduler.mode", "FAIR")  # the warm-up's pool shares the cores with viewers' queries
            .config("spark.sql.execution.arrow.pyspark.enabled", "true")  # results back as Arrow, not rows
            .getOrCreate()
        )
        return ibis.pyspark.connect(session)
    con = ibis.connect(url)
    if con.name == "duckdb":
        con.raw_sql(f"SET memory_limit = '{MEMORY}'")
        con.raw_sql("SET enable_progress_bar = false")  # not on the server's console
    return con


class Tables:
    """The dataset's tables as Ibis expressions, and the building blocks the filters' `sql` members use."""

    def __init__(self, con, root: Path):
        import ibis

        self.ibis = ibis
        derived = Path(root).resolve() / "derived"

        def read(name: str):
            # Spark is given the folder (a glob makes it log a missing-file stack trace); DuckDB the files
            return con.read_parquet(str(derived / name) if con.name == "pyspark" else str(derived / name / "*.parquet"))

        self.events = read("events")
        self.columns = frozenset(self.events.columns)  # the dataset's: a filter on a column it lacks selects none
        # What the aggregates scan. On a cluster, the events' number columns, kept in the workers' memory
        # (filled in the background once the dashboard's backend opens): each filter state reads memory,
        # not Parquet files. DuckDB reads the files' columns it needs directly (0.5 s a state at 100M events).
        self.scan = self.events
        self.cached = None  # on a cluster, the copy; it is the scan once it is filled (SqlEngine.warm)
        if con.name == "pyspark":
            self.cached = self.events.select(*[c for c in NUMBERS if c in self.columns]).cache()
        self.event_factions = read("event_factions")
        self.event_actors = read("event_actors")
        # each side's factions (a dataset ingested before sides has none: its events have no sides)
        self.event_sides = read("event_sides") if (derived / "event_sides").is_dir() else None
        bits = pd.read_parquet(derived / "factions.parquet")
        self.bit = dict(zip(bits["faction_id"], bits["bit"].astype(int)))
        self.masks = "lanes" in self.events.columns  # at most 63 factions: each event's factions in one integer
        self.type_family = of_types(pd.read_parquet(Path(root) / "event_types.parquet"))
        actors = pd.read_parquet(Path(root) / "actors.parquet")
        self.names = NameIndex.build(actor_names(SimpleNamespace(actors=actors)))  # search's actor names

    def scanning(self) -> Tables:
        """These tables with the events the aggregates scan (the filters' `sql` members read `events`)."""
        narrow = copy.copy(self)
        narrow.events = self.scan
        return narrow

    def mask(self, factions) -> int:
        return sum(1 << self.bit[f] for f in factions if f in self.bit)

    def with_any(self, pairs, column: str, values):
        """Events with a row of `pairs` whose `column` is one of the values."""
        hits = pairs.filter(pairs[column].isin(list(values))).select("pos")
        return self.events.pos.isin(hits.pos)

    def in_factions(self, values):
        if self.masks:
            return (self.events.lanes & self.mask(values)) != 0
        return self.with_any(self.event_factions, "faction_id", values)

    def together(self, values):
        if self.masks and all(v in self.bit for v in values):
            wanted = self.mask(values)
            return (self.events.lanes & wanted) == wanted
        expr = self.ibis.literal(True)
        for value in values:
            expr = expr & self.with_any(self.event_factions, "faction_id", [value])
        return expr

    def with_actors(self, values):
        return self.with_any(self.event_actors, "actor_id", values)

    def on_side(self, side: int, values):
        """Events with a chosen faction on a side (0: A, 1: B): a mask's bitwise test, or the side pairs."""
        column = ("lanes_a", "lanes_b")[side]
        if self.masks and column in self.columns:
            return (self.events[column] & self.mask(values)) != 0
        if self.event_sides is None:
            return self.ibis.literal(False)
        pairs = self.event_sides
        return self.with_any(pairs.filter(pairs.side == side), "faction_id", values)

    def overlaps(self, dates):
        lo, hi = dates
        expr = self.ibis.literal(True)
        if lo:
            expr = expr & (self.events.last_day >= self.ibis.literal(lo))
        if hi:
            expr = expr & (self.events.first_day <= self.ibis.literal(hi))
        return expr

    def graded(self, wanted: list[int]):
        """Events with a report of a chosen grade of each kind chosen (`wanted`: the bits per kind)."""
        if "grades" not in self.columns:
            return self.ibis.literal(False)
        expr = self.ibis.literal(True)
        for bits in wanted:
            if bits:
                expr = expr & ((self.events.grades & bits) != 0)
        return expr

    def search(self, q: str):
        """analysis/filters.search_plan over each event's search text (written at ingest, lower case)."""
        expr = self.ibis.literal(True)
        for words, actor in search_plan(self.names, q):
            clause = self.ibis.literal(True)
            for word in words:
                clause = clause & self.events.search.contains(word)
            expr = expr & ((clause | self.with_actors([actor])) if actor else clause)
        return expr

    def column_in(self, column: str, values):
        if column not in self.columns:
            return self.ibis.literal(False)
        return self.events[column].isin(list(values))


class SqlEngine:
    """The queries the dashboard asks of an engine, each answered from the engine and kept (per filter state)."""

    def __init__(self, root: Path, url: str = "duckdb://"):
        from components.data.manifest import verify

        self.root = Path(root)
        # A dataset whose manifest matches is trusted, not checked again: sizes and times now, the checksums
        # in the background (a minute for a hundred million events); a mismatch refuses every later query.
        self.manifest = verify(self.root, checksums=False, within=READS)
        self.refused: Exception | None = None
        threading.Thread(target=self._check_sums, daemon=True, name="factionline-verify").start()
        self.url = url
        self.con = connect(url)
        self.t = Tables(self.con, self.root)
        self.rollup = Rollup(self.con, self.t, self.root)
        self.factions = pd.read_parquet(self.root / "factions.parquet")
        self._cache: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def warm(self) -> threading.Thread | None:
        """On a cluster, in the background: fill its copy of the events (Tables.cached; the scan once filled)
        and run the shape of a filter state's query once, its result not kept, so that the first click pays
        neither (4 s before, 1–2 s after, at 10M events on two workers). Called once the dashboard's backend
        is open; until the copy is filled, queries read the files."""
        if self.t.cached is None:
            return None
        thread = threading.Thread(target=self._warm, daemon=True, name="factionline-warm")
        thread.start()
        return thread

    def _warm(self) -> None:
        with contextlib.suppress(Exception):  # a query that fails here fails again, and is reported, on the page
            # a pool of its own (FAIR scheduling, connect()): a viewer's query takes the next free core
            self.con._session.sparkContext.setLocalProperty("spark.scheduler.pool", "background")
            self.t.cached.count().execute()  # filled
            self.t.scan = self.t.cached  # from now on (a query on a copy being filled waits for all of it)
            ids = list(self.factions["faction_id"])
            self._daily(Filters(factions=tuple(ids[:1])))

    def _check_sums(self) -> None:
        from components.data.manifest import DatasetRefused, verify

        with contextlib.suppress(AttributeError, OSError):  # Linux: this thread only, at the lowest priority
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)  # viewers' queries come first
        try:
            verify(self.root)
        except DatasetRefused as err:
            self.refused = err
        except OSError as err:  # unreadable since it was opened: not what was ingested either
            self.refused = DatasetRefused(f"The dataset cannot be read any more ({err}).")

    @property
    def name(self) -> str:
        return self.con.name

    def supports(self, key: str) -> bool:
        if key == "q" and "search" not in self.t.events.columns:
            return False  # ingested before search ran on engines
        return FILTERS[key].sql is not None

    def kept(self, key, make):
        """The value made for this key, made once (shared by sessions; up to CACHED values)."""
        if self.refused is not None:
            raise self.refused
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        value = make()
        with self._lock:
            self._cache[key] = value
            while len(self._cache) > CACHED:
                self._cache.popitem(last=False)
        return value

    def where(self, filters: Filters, reads: tuple[str, ...] | None = None):
        """The events of a filter state, as an Ibis table expression. An aggregate that says which columns
        it `reads` is answered from the scanned events (Tables.scan) when they hold those and every column
        the filters test (a search reads the text: it goes to the whole table)."""
        from ibis.common.exceptions import IbisTypeError

        t = self.t
        if reads is not None and t.scan is not t.events and set(reads) <= set(t.scan.columns):
            with contextlib.suppress(AttributeError, IbisTypeError):  # a column the narrower table does not hold
                return self._where(filters, t.scanning())
        return self._where(filters, t)

    def selection(self, f: Filters, reads: tuple[str, ...], weights: str | None = None):
        """(the events of a filter state, the measure that counts them) for an aggregate that reads only
        `reads` (and `weights`): from the rollup when it covers them (each of its rows stands for `n` events),
        else from the events. The debug log says which."""
        rolled = self.rollup.covers(f, weights, reads)
        log.debug("%s of %r from the %s", "/".join(reads) or "count", f, "rollup" if rolled else "events")
        if rolled:
            rows = self._rolled(f)
            sel = rows.filter(rows.lane == self.rollup.lane(f))
            return sel, sel.n
        sel = self.where(f, (*reads, *([weights] if weights else [])))
        return sel, None

    def _rolled(self, f: Filters):
        """The rollup's rows of every lane that pass a covered state's filters but its faction (its lane)."""
        return self._where(f.replace(factions=()), self.rollup.tables())

    @staticmethod
    def counted(sel, each):
        """The count of a selection from selection(): its rows, or the events its rollup rows stand for."""
        return sel.count() if each is None else each.sum()

    def _where(self, filters: Filters, t: Tables):
        expr = t.ibis.literal(True)
        for key, value in filters.values().items():
            flt = FILTERS[key]
            if value == flt.default:
                continue  # a filter that does not restrict
            if not self.supports(key):
                raise Unsupported(
                    f"The {flt.label} filter does not run on this engine's dataset; use the in-memory model."
                )
            expr = expr & flt.sql(t, value)
        return t.events.filter(expr)

    def positions(self, filters: Filters) -> np.ndarray:
        """The selected events' positions in the in-memory model's order (for comparing engines)."""
        return np.sort(self.where(filters).select("pos").to_pandas()["pos"].to_numpy())

    def count(self, filters: Filters) -> int:
        return int(self.daily(filters)["n"].sum())

    @property
    def total(self) -> int:
        return int(self.manifest["counts"]["events"])

    def bounds(self, filters: Filters) -> tuple:
        """(first day, last day) of the selection (numpy datetime64[D]; None when it is empty)."""
        frame = self.daily(filters)
        if frame.empty:
            return None, None
        lo = np.datetime64(int(frame["day"].min()), "D")
        return lo, np.datetime64(pd.Timestamp(frame["hi"].max()).date(), "D")

    def lanes_of(self, filters: Filters) -> list[str]:
        """The faction lanes the timeline shows: the chosen factions', else every faction's and "No faction"."""
        ids = list(self.factions["faction_id"])
        return [f for f in filters.factions if f in ids] if filters.factions else [*ids, ""]

    def daily(self, filters: Filters, weights: str | None = None) -> pd.DataFrame:
        """The selection per first day, in one scan of the table: events (n), the latest last day (hi), and
        the events in each lane the timeline shows (one column per lane, "" for no faction). Counts, date
        bounds and lane counts in every bucket size are all derived from it: a rerun reads the table once.
        With `weights` (an event column: fatalities), each lane's sum of it instead of its events."""
        f = filters.without_event()

        def make():
            if f == Filters() and not weights and (self.root / "derived" / "daily.parquet").is_file():
                return self._daily_of_all()
            return self._daily(f, weights)

        return self.kept(("daily", f, weights), make)

    def _daily(self, f: Filters, weights: str | None = None) -> pd.DataFrame:
        """daily() of a filter state, from the engine (not kept): from the rollup when it covers the filters
        (engines/rollups.py), else from the events."""
        if self.rollup.covers(f, weights, ("day", "last_day")):
            return self._daily_from_rollup(f, weights)
        reads = ("day", "last_day", *(["lanes"] if self.t.masks else []), *([weights] if weights else []))
        sel = self.where(f, reads)
        aggs = {"n": sel.count(), "hi": sel.last_day.max()}
        for i, faction in enumerate(self.lanes_of(f)):
            if not self.t.masks:
                break
            test = (sel.lanes == 0) if faction == "" else ((sel.lanes & (1 << self.t.bit[faction])) != 0)
            value = test.cast("int64")  # faster than count(where=…) on DuckDB
            if weights:
                value = value * sel[weights].fill_null(0)
            aggs[f"lane{i}"] = value.sum()
        frame = sel.group_by("day").aggregate(**aggs).to_pandas()
        if not self.t.masks:
            frame = self._lanes_by_join(sel, f, frame, weights)
        return frame.sort_values("day", ignore_index=True)

    def _daily_from_rollup(self, f: Filters, weights: str | None) -> pd.DataFrame:
        """_daily() from the rollup: the state's lane gives each day's events and latest last day, each shown
        faction's lane (and "" for no faction) its events or fatalities."""
        log.debug("daily of %r (%s) from the rollup", f, weights or "events")
        rows = self._rolled(f)
        mine, shown = self.rollup.lane(f), self.lanes_of(f)
        rows = rows.filter(rows.lane.isin([mine, *shown]))
        measure = rows[weights].fill_null(0) if weights else rows.n
        every = rows.lane == mine
        aggs = {"n": rows.n.sum(where=every), "hi": rows.last_day.max(where=every)}
        for i, faction in enumerate(shown):
            aggs[f"lane{i}"] = measure.sum(where=rows.lane == faction)
        frame = rows.group_by("day").aggregate(**aggs).to_pandas()
        lanes = [f"lane{i}" for i in range(len(shown))]  # a lane with no row on a day: none
        frame[lanes] = frame[lanes].fillna(0).astype("float64" if weights else "int64")
        return frame[frame["n"] > 0].sort_values("day", ignore_index=True)

    def _daily_of_all(self) -> pd.DataFrame:
        """The whole table's days, written at ingest (engines/layout.daily): the first view needs no scan."""
        stored = pd.read_parquet(self.root / "derived" / "daily.parquet")
        frame = stored[["day", "n", "hi"]].copy()
        for i, faction in enumerate(self.lanes_of(Filters())):
            frame[f"lane{i}"] = stored["lane_none" if faction == "" else f"lane_{self.t.bit[faction]}"]
        return frame

    def _lanes_by_join(self, sel, f: Filters, frame: pd.DataFrame, weights: str | None = None) -> pd.DataFrame:
        """More than 63 factions (no masks): each lane's events (or sums) per day through the event–faction
        pairs."""
        ef = self.t.event_factions
        pairs = sel.select("pos", "day", *([weights] if weights else [])).join(ef, "pos")
        k = pairs[weights].fill_null(0).sum() if weights else pairs.count()
        per = pairs.group_by(["faction_id", "day"]).aggregate(k=k).to_pandas()
        lone = sel.filter(~sel.pos.isin(ef.pos))
        alone = lone.group_by("day").aggregate(k=lone[weights].fill_null(0).sum() if weights else lone.count())
        alone = alone.to_pandas()
        for i, faction in enumerate(self.lanes_of(f)):
            got = alone if faction == "" else per[per["faction_id"] == faction]
            frame[f"lane{i}"] = frame["day"].map(dict(zip(got["day"], got["k"]))).fillna(0).astype(np.int64)
        return frame

    def distinct(self, column: str) -> list[str]:
        """The distinct non-blank values of an event column, most frequent first."""

        def make():
            if column not in self.t.events.columns:
                return []
            stored = self._stored_choices()
            if stored:  # written at ingest
                return stored.get(column, [])
            ev = self.t.events
            frame = ev.group_by(ev[column].name("v")).aggregate(n=ev.count()).order_by([self.t.ibis.desc("n"), "v"])
            return [v for v in frame.to_pandas()["v"] if isinstance(v, str) and v.strip()]

        return self.kept(("distinct", column), make)

    def _stored_choices(self) -> dict:
        """derived/choices.json (written at ingest; {} for a dataset ingested before it was)."""

        def make():
            stored = self.root / "derived" / "choices.json"
            return json.loads(stored.read_text(encoding="utf-8")) if stored.is_file() else {}

        return self.kept("choices", make)

    def grades_seen(self) -> int:
        ev = self.t.events
        if "grades" not in ev.columns:
            return 0
        stored = self._stored_choices().get(RANGES, {}).get("grades_seen")

        def make():  # the distinct masks, or-ed here: Ibis has no bit_or on Spark
            masks = ev.select("grades").distinct().to_pandas()["grades"].dropna().to_numpy().astype(np.int64)
            return int(np.bitwise_or.reduce(masks)) if len(masks) else 0

        return self.kept("grades-seen", make if stored is None else lambda: stored)

    def max_sources(self) -> int:
        ev = self.t.events
        stored = self._stored_choices().get(RANGES, {}).get("n_sources_max")
        return self.kept(
            "max-sources", (lambda: int(ev.n_sources.max().execute() or 1)) if stored is None else lambda: stored
        )

    def _by_mask(self, filters: Filters) -> pd.DataFrame:
        """Selected events per faction mask: at most one row per combination of factions that occurs."""
        sel = self.where(filters.without_event(), ("lanes",))
        return sel.group_by("lanes").aggregate(n=sel.count()).to_pandas()

    def _faction_bits(self) -> tuple[list[str], np.ndarray]:
        ids = list(self.factions["faction_id"])
        return ids, np.array([self.t.bit[f] for f in ids], dtype=np.int64)

    def per_faction(self, filters: Filters, weights: str | None = None) -> dict[str, int]:
        """Each faction's events in the selection (factions with none left out); with `weights` (an event
        column: fatalities), its sum of it over the faction's events."""
        f = filters.without_event()

        def make():
            if not f.factions and self.rollup.covers(f, weights):  # each faction's lane
                log.debug("per faction of %r from the rollup", f)
                rows, known = self._rolled(f), set(self.factions["faction_id"])
                frame = rows.group_by("lane").aggregate(k=(rows[weights].fill_null(0) if weights else rows.n).sum())
                frame = frame.to_pandas()
                return {x: int(round(k)) for x, k in zip(frame["lane"], frame["k"]) if x in known and k}
            if not self.t.masks:
                sel = self.where(f, (*([weights] if weights else []),))
                if not weights:
                    return {a: n for (a, b), n in self.faction_matrix(f).items() if a == b}
                pairs = sel.select("pos", weights).join(self.t.event_factions, "pos")
                frame = pairs.group_by("faction_id").aggregate(k=pairs[weights].fill_null(0).sum()).to_pandas()
                return {a: int(round(k)) for a, k in zip(frame["faction_id"], frame["k"]) if k}
            ids = list(self.factions["faction_id"])
            sel = self.where(f, ("lanes", *([weights] if weights else [])))

            def value(x):
                member = ((sel.lanes & (1 << self.t.bit[x])) != 0).cast("int64")
                return member * sel[weights].fill_null(0) if weights else member

            aggs = {f"f{i}": value(x).sum() for i, x in enumerate(ids)}
            row = sel.aggregate(**aggs).to_pandas().iloc[0]
            return {
                x: int(round(row[f"f{i}"])) for i, x in enumerate(ids) if not pd.isna(row[f"f{i}"]) and row[f"f{i}"]
            }

        return self.kept(("per-faction", f, weights), make)

    def per_type(self, filters: Filters) -> pd.Series:
        """The selection's events per event type."""
        f = filters.without_event()

        def make():
            sel, each = self.selection(f, ("event_type",))
            frame = sel.group_by("event_type").aggregate(n=self.counted(sel, each)).to_pandas()
            return pd.Series(frame["n"].astype(int).to_numpy(), index=frame["event_type"].astype(str))

        return self.kept(("per-type", f), make)

    def faction_matrix(self, filters: Filters, count: str = "all") -> dict[tuple[str, str], int]:
        """Shared events per ordered pair of factions, as `count` counts them (analysis/cooccurrence.COUNTS);
        the diagonal, each one's events."""
        if count != "all":
            every = self.faction_matrix(filters)
            sides = self.side_counts(filters)
            ids = list(self.factions["faction_id"])
            counts = cooccurrence.counted(*sides, count)
            found = {(a, b): int(counts[i, j]) for i, a in enumerate(ids) for j, b in enumerate(ids) if i != j}
            return {k: n for k, n in found.items() if n} | {(a, a): every[(a, a)] for a in ids if (a, a) in every}

        def make():
            if not self.t.masks:
                return self._matrix_by_join(filters)
            frame = self._by_mask(filters)
            ids, bits = self._faction_bits()
            masks, n = frame["lanes"].to_numpy().astype(np.int64), frame["n"].to_numpy().astype(np.float64)
            counts = np.zeros((len(ids), len(ids)))
            for start in range(0, len(masks), MASKS_AT_ONCE):  # Bᵀ·(B·counts), as in memory, a block at a time
                member = ((masks[start : start + MASKS_AT_ONCE, None] >> bits[None, :]) & 1).astype(np.float64)
                counts += member.T @ (member * n[start : start + MASKS_AT_ONCE, None])
            return {
                (a, b): int(round(counts[i, j]))
                for i, a in enumerate(ids)
                for j, b in enumerate(ids)
                if counts[i, j] >= 0.5
            }

        return self.kept(("matrix", filters.without_event()), make)

    def has_sides(self) -> bool:
        """Some event names a side (written at ingest; a dataset ingested before sides has none)."""
        stored = self._stored_choices().get(RANGES, {}).get("sides")
        if stored is not None:
            return bool(stored)
        sides = self.t.event_sides
        return self.kept("has-sides", lambda: sides is not None and int(sides.count().execute()) > 0)

    def side_counts(self, filters: Filters):
        """(cooperative events' counts, the others') by side between factions (cooccurrence.SideCounts), as
        the in-memory model's: from the selection grouped by its masks, or beyond 63 factions from its side
        pairs."""
        f = filters.without_event()

        def make():
            n = len(self.factions)
            if not self.t.masks or "lanes_a" not in self.t.columns:
                return self._sides_by_pairs(f)
            groups = self._side_groups(f)
            out = []
            for coop in (1, 0):
                g = groups[groups["coop"] == coop]
                out.append(cooccurrence.mask_counts(g["lanes"], g["lanes_a"], g["lanes_b"], g["n"], n))
            return tuple(out)

        return self.kept(("side-counts", f), make)

    def directed_matrix(self, filters: Filters) -> tuple[np.ndarray, np.ndarray]:
        """Events per (side A faction, side B faction) in the selection, and of those the ones the source
        states as directed (factions in factions.csv order)."""
        f = filters.without_event()

        def make():
            n = len(self.factions)
            if not self.has_sides():  # no event names a side (ingest wrote so): none, without a scan
                return np.zeros((n, n), dtype=np.int64), np.zeros((n, n), dtype=np.int64)
            if not self.t.masks or "lanes_a" not in self.t.columns:
                return self._directed_by_pairs(f)
            groups = self._side_groups(f)
            every = cooccurrence.mask_counts(groups["lanes"], groups["lanes_a"], groups["lanes_b"], groups["n"], n)
            said = groups[groups["directed"] == 1]
            stated = cooccurrence.mask_counts(said["lanes"], said["lanes_a"], said["lanes_b"], said["n"], n)
            return every.directed, stated.directed

        return self.kept(("directed", f), make)

    def _coop(self, sel):
        """Per event of a selection: 1 when its type is of the cooperative family, else 0."""
        coop = [t for t, family in self.t.type_family.items() if family == COOPERATIVE]
        return (sel.event_type.isin(coop) if coop else self.t.ibis.literal(False)).cast("int8")

    def _directed(self, sel):
        """Per event of a selection: 1 when the source says side A acted on side B (0 before sides were ingested)."""
        return sel.directed.cast("int8") if "directed" in sel.columns else self.t.ibis.literal(0).cast("int8")

    def _side_groups(self, f: Filters) -> pd.DataFrame:
        """The selection's events per (lanes, lanes_a, lanes_b, directed, coop): a row per combination, one
        query for both matrices by side and who acted on whom."""

        def make():
            sel = self.where(f, ("lanes", "lanes_a", "lanes_b", "directed", "event_type"))
            keys = {
                "lanes": sel.lanes,
                "lanes_a": sel.lanes_a,
                "lanes_b": sel.lanes_b,
                "directed": self._directed(sel),
                "coop": self._coop(sel),
            }
            return sel.group_by(**keys).aggregate(n=sel.count()).to_pandas()

        return self.kept(("side-groups", f), make)

    def _side_pairs_of(self, f: Filters) -> tuple[pd.DataFrame, pd.DataFrame]:
        """Beyond 63 factions: the selection's (pos, faction, coop) pairs and its (pos, faction, side, coop,
        directed) side pairs, sorted by position, as numbers (a faction's row in factions.csv)."""
        sel = self.where(f)
        flags = sel.select("pos", coop=self._coop(sel), directed=self._directed(sel))
        lanes = self.t.event_factions.join(flags, "pos").to_pandas()
        sides = (
            self.t.event_sides.join(flags, "pos").to_pandas()
            if self.t.event_sides is not None
            else pd.DataFrame(columns=["pos", "faction_id", "side", "coop", "directed"])
        )
        number = {x: i for i, x in enumerate(self.factions["faction_id"])}
        out = []
        for frame in (lanes, sides):
            frame = frame.assign(member=frame["faction_id"].map(number)).dropna(subset=["member"])
            frame = frame.astype({"member": np.int64, "pos": np.int64})
            out.append(frame.sort_values("pos", kind="stable").reset_index(drop=True))
        return out[0], out[1]

    def _sides_by_pairs(self, f: Filters):
        lanes, sides = self._side_pairs_of(f)
        n = len(self.factions)
        out = []
        for coop in (1, 0):
            a, b = lanes[lanes["coop"] == coop], sides[sides["coop"] == coop]
            out.append(
                cooccurrence.side_counts(
                    a["pos"].to_numpy(),
                    a["member"].to_numpy(),
                    b["pos"].to_numpy(),
                    b["member"].to_numpy(),
                    b["side"].to_numpy().astype(np.int8),
                    n,
                )
            )
        return tuple(out)

    def _directed_by_pairs(self, f: Filters):
        _, sides = self._side_pairs_of(f)
        n = len(self.factions)
        out = []
        for frame in (sides, sides[sides["directed"] == 1]):
            a, b = frame[frame["side"] == 0], frame[frame["side"] == 1]
            counts = cooccurrence.cross_counts(
                a["pos"].to_numpy(), a["member"].to_numpy(), b["pos"].to_numpy(), b["member"].to_numpy(), n
            )
            out.append(counts)
        return out[0], out[1]

    def _matrix_by_join(self, filters: Filters) -> dict[tuple[str, str], int]:
        chosen = self.where(filters).select("pos")
        ef = self.t.event_factions
        mine = ef.filter(ef.pos.isin(chosen.pos))
        other = mine.view()
        pairs = mine.join(other, mine.pos == other.pos)
        frame = (
            pairs.group_by([mine.faction_id.name("a"), other.faction_id.name("b")])
            .aggregate(n=pairs.count())
            .to_pandas()
        )
        return {(a, b): int(n) for a, b, n in zip(frame["a"], frame["b"], frame["n"])}

    def lane_counts(self, filters: Filters, bucket: str, weights: str | None = None) -> LaneCounts:
        """Events per (faction lane, bucket), as aggregate.lane_counts gives them: an event counts once in
        each of its factions' lanes, or in "No faction"; only the chosen factions' lanes when some are chosen.
        With `weights` (fatalities), the sums of that column instead, in the lanes that have events."""
        frame = self.daily(filters, weights)
        present = self.daily(filters) if weights else frame
        days = frame["day"].to_numpy().astype(np.int64).astype("datetime64[D]")
        if not len(days):
            empty = np.array([], "datetime64[D]")
            return LaneCounts([], bucket, empty, empty, np.zeros((0, 0), np.int64))
        b = _bucket_index(days, bucket)
        t0, t1 = int(b.min()), int(b.max())
        names = dict(zip(self.factions["faction_id"], self.factions["name"]))
        lanes, rows = [], []
        for i, faction in enumerate(self.lanes_of(filters)):
            counts = np.bincount(b - t0, weights=frame[f"lane{i}"].to_numpy(), minlength=t1 - t0 + 1)
            if (present[f"lane{i}"].to_numpy() != 0).any():  # a lane with events (with weights: even none)
                lanes.append((faction, names[faction]) if faction else ("", NO_FACTION))
                rows.append(np.round(counts).astype(np.int64))
        starts, ends = _bucket_bounds(np.arange(t0, t1 + 1), bucket)
        grid = np.vstack(rows) if rows else np.zeros((0, t1 - t0 + 1), np.int64)
        return LaneCounts(lanes, bucket, starts, ends, grid)

    def places(self, filters: Filters) -> tuple[pd.DataFrame, int] | None:
        """The selected events gathered per place, as analysis/geo.places gives them (the busiest first), and
        how many have no coordinates; None for a dataset ingested before places were derived."""
        from components.analysis.geo import MAX_PLACES

        if "place_key" not in self.t.events.columns:
            return None
        f = filters.without_event()

        def make():
            sel = self.where(f, ("place_key", "event_type"))
            aggs = {"events": sel.count()}
            if "fatalities" in sel.columns:
                aggs["fatalities"] = sel.fatalities.sum()
            frame = sel.group_by("place_key").aggregate(**aggs).to_pandas()
            unplaced = int(frame.loc[frame["place_key"] == "", "events"].sum())
            table = pd.read_parquet(self.root / "derived" / "places").drop_duplicates("place")
            out = table.merge(frame, left_on="place", right_on="place_key").drop(columns=["place_key"])
            if "fatalities" not in out:
                out["fatalities"] = np.nan
            out["events"] = out["events"].astype(np.int64)
            from components.analysis.geo import main_family

            kinds = sel.group_by(["place_key", "event_type"]).aggregate(n=sel.count()).to_pandas()
            kinds = kinds[kinds["place_key"] != ""].rename(columns={"place_key": "place"})
            out["family"] = out["place"].map(main_family(kinds, self.t.type_family))
            out = out.sort_values(["events", "place"], ascending=[False, True], kind="stable")
            return out.head(MAX_PLACES).reset_index(drop=True), unplaced

        return self.kept(("places", f), make)

    SORTED_BY = {"Date": "pos", "Title": "title", "Status": "status", "Type": "event_type", "Location": "location"}
    SORTED_BY |= {"Fatalities": "fatalities"}

    def page_ids(self, filters: Filters, by: str = "Date", descending: bool = False, offset: int = 0, limit: int = 100):
        """The event ids of one page of the selection in an order (analysis/tables.SORTS: ties in date order,
        blank fatalities last), as analysis/tables.sorted_positions orders it in memory."""
        f = filters.without_event()

        def make():
            sel = self.where(f)
            column = self.SORTED_BY.get(by, "pos")
            if column not in sel.columns:
                column = "pos"
            ibis = self.t.ibis
            if column == "pos":  # the model's own order; descending by first day, ties still in date order
                keys = [ibis.desc("first_day"), "pos"] if descending else ["pos"]
            elif column == "fatalities":
                value = sel.fatalities
                keys = [value.isnull(), ibis.desc(value) if descending else ibis.asc(value), "pos"]
            else:
                value = sel[column].lower()
                keys = [ibis.desc(value) if descending else ibis.asc(value), "pos"]
            frame = sel.order_by(keys).limit(limit, offset=offset).select("event_id").to_pandas()
            return list(frame["event_id"])

        return self.kept(("page", f, by, descending, offset, limit), make)
