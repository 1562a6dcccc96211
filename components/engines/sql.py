"""The filters and aggregates over an ingested dataset in an analytical engine, through Ibis.

Why Ibis: one expression compiles to DuckDB (embedded, this machine's big-data default), Spark, Trino,
BigQuery, ClickHouse and PostgreSQL, so each filter is defined once (its `sql` member in
analysis/filters.FILTERS, beside its in-memory predicate) and not once per engine.

    engine = SqlEngine(DATASET)                     # DuckDB in this process (out of core)
    engine.count(Filters(factions=("hamas",)))      # the same numbers as the in-memory model
    engine.per_faction(filters); engine.faction_matrix(filters)
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from components.analysis.filters import FILTERS, Filters


class Unsupported(ValueError):
    """A filter the engine cannot run yet (the message names it)."""


class Tables:
    """The dataset's tables as Ibis expressions, and the building blocks the filters' `sql` members use."""

    def __init__(self, con, root: Path):
        import ibis

        self.ibis = ibis
        derived = root / "derived"
        self.events = con.read_parquet(str(derived / "events.parquet"))
        self.event_factions = con.read_parquet(str(derived / "event_factions.parquet"))
        self.event_actors = con.read_parquet(str(derived / "event_actors.parquet"))

    def with_any(self, pairs, column: str, values) -> object:
        """Events with a row of `pairs` whose `column` is one of the values."""
        hits = pairs.filter(pairs[column].isin(list(values))).select("event_id")
        return self.events.event_id.isin(hits.event_id)

    def in_factions(self, values):
        return self.with_any(self.event_factions, "faction_id", values)

    def together(self, values):
        expr = self.ibis.literal(True)
        for value in values:
            expr = expr & self.in_factions([value])
        return expr

    def with_actors(self, values):
        return self.with_any(self.event_actors, "actor_id", values)

    def overlaps(self, dates):
        lo, hi = dates
        expr = self.ibis.literal(True)
        if lo:
            expr = expr & (self.events.last_day >= self.ibis.literal(lo))
        if hi:
            expr = expr & (self.events.first_day <= self.ibis.literal(hi))
        return expr

    def column_in(self, column: str, values):
        if column not in self.events.columns:
            return self.ibis.literal(False)
        return self.events[column].isin(list(values))


class SqlEngine:
    def __init__(self, root: Path, url: str = "duckdb://"):
        import ibis

        from components.io.ingest import verify

        self.root = Path(root)
        verify(self.root)  # a dataset whose manifest matches: trusted, not checked again
        self.con = ibis.connect(url)
        self.t = Tables(self.con, self.root)

    def where(self, filters: Filters):
        """The events of a filter state, as an Ibis table expression."""
        expr = self.t.ibis.literal(True)
        for key, value in filters.values().items():
            flt = FILTERS[key]
            if value == flt.default:
                continue  # a filter that does not restrict
            if flt.sql is None:
                raise Unsupported(f"The {flt.label} filter does not run on an engine yet; use the in-memory model.")
            expr = expr & flt.sql(self.t, value)
        return self.t.events.filter(expr)

    def positions(self, filters: Filters) -> np.ndarray:
        """The selected events' positions in the in-memory model's order (for comparing engines)."""
        return np.sort(self.where(filters).select("pos").to_pandas()["pos"].to_numpy())

    def count(self, filters: Filters) -> int:
        return int(self.where(filters).count().execute())

    def per_faction(self, filters: Filters) -> dict[str, int]:
        chosen = self.where(filters).select("event_id")
        ef = self.t.event_factions
        joined = ef.filter(ef.event_id.isin(chosen.event_id))
        frame = joined.group_by("faction_id").aggregate(n=joined.count()).to_pandas()
        return dict(zip(frame["faction_id"], frame["n"].astype(int)))

    def faction_matrix(self, filters: Filters) -> dict[tuple[str, str], int]:
        """Shared events per ordered pair of factions (the diagonal: each one's events)."""
        chosen = self.where(filters).select("event_id")
        ef = self.t.event_factions
        mine = ef.filter(ef.event_id.isin(chosen.event_id))
        other = mine.view()
        pairs = mine.join(other, mine.event_id == other.event_id)
        frame = (
            pairs.group_by([mine.faction_id.name("a"), other.faction_id.name("b")])
            .aggregate(n=pairs.count())
            .to_pandas()
        )
        return {(a, b): int(n) for a, b, n in zip(frame["a"], frame["b"], frame["n"])}
