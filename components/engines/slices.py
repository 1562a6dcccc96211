"""A slice of an ingested dataset as an in-memory model: some events, with every row that tells about them
(their reports, their quotes, their articles and texts), and the small tables whole (factions, actors,
outlets, event types, roles, places, stories). The views that draw events one by one — event details, quote
cards, the timeline's marks, a story's steps, a page of the table — draw a slice with the in-memory code,
so an engine needs no second set of views and no view needs the whole table in memory.

The rows are read from the dataset's own Parquet files (what ingest checked and the manifest vouches for),
through the engine's connection, and built by data/model.build without checking again.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from components.data.loader import PARTITION, RawData, RawTable, _read_articles
from components.data.schema import TABLES

EVENT_TABLES = ("events", "reports", "quotes", "articles")  # read row by row; every other table whole


class RowReader:
    """The ingested tables an engine reads rows of, as Ibis expressions (shared by the engine's queries)."""

    def __init__(self, con, root: Path):
        self.con, self.root = con, Path(root)
        self.tables = {}
        events = self.root / "events"
        if events.is_dir():
            if con.name == "pyspark":  # Spark finds the partition folders itself (a glob: a logged stack trace)
                self.tables["events"] = con.read_parquet(str(events))
            else:
                self.tables["events"] = con.read_parquet(str(events / "**" / "*.parquet"), hive_partitioning=True)
        for name in ("reports", "quotes", "articles"):
            path = self.root / f"{name}.parquet"
            if path.is_file():
                self.tables[name] = con.read_parquet(str(path))
        self._small: dict[str, pd.DataFrame] = {}

    def small(self) -> dict[str, pd.DataFrame]:
        """Every table that is not read row by row, whole (read once)."""
        if not self._small:
            for name in TABLES:
                path = self.root / f"{name}.parquet"
                if name not in EVENT_TABLES and path.is_file():
                    self._small[name] = pd.read_parquet(path)
        return self._small

    def _where(self, name: str, column: str, values, years=None) -> pd.DataFrame:
        table = self.tables.get(name)
        if table is None:
            return None
        if not values:
            frame = table.limit(0).to_pandas()
        else:
            expr = table[column].isin(sorted(set(values)))
            if years and PARTITION in table.columns:  # the events' year partitions only (pruned, not scanned)
                expr = expr & table[PARTITION].cast("string").isin(sorted(set(years)))
            frame = table.filter(expr).to_pandas()
        return frame.drop(columns=[PARTITION], errors="ignore").fillna("").astype("str")

    def quote_events(self, quote_filter) -> list[str]:
        """The event ids of the quotes an Ibis predicate over the quotes table selects."""
        quotes = self.tables.get("quotes")
        if quotes is None:
            return []
        return list(quotes.filter(quote_filter(quotes)).select("event_id").distinct().to_pandas()["event_id"])

    def slice(self, event_ids, quote_filter=None, articles=(), years=None):
        """An in-memory Dataset of these events (their rows from the ingested tables), their reports, and their
        quotes or, with `quote_filter` (an Ibis predicate over the quotes table), those quotes instead; each
        quote's event must be among `event_ids` (a quote's date and search text come from it). `articles`: more
        article ids to hold (an article read on its own)."""
        from components.data.dates import resolved
        from components.data.model import build
        from components.data.validate import parse_dates

        event_ids = sorted(set(event_ids))
        frames = dict(self.small())
        frames["events"] = self._where("events", "event_id", event_ids, years)
        reports = self._where("reports", "event_id", event_ids)
        if reports is not None:
            frames["reports"] = reports
        quotes = self.tables.get("quotes")
        if quote_filter is not None and quotes is not None:
            frames["quotes"] = quotes.filter(quote_filter(quotes)).to_pandas().fillna("").astype("str")
        else:
            frames["quotes"] = self._where("quotes", "event_id", event_ids)
        cited = set(frames["events"].get("article_id", ())) | set(articles)
        for name in ("reports", "quotes"):
            if name in frames and frames[name] is not None:
                cited |= set(frames[name]["article_id"])
        frames["articles"] = self._where("articles", "article_id", cited)
        raw = RawData(root=self.root)
        for name, frame in frames.items():
            if frame is not None:
                raw.tables[name] = RawTable(name, TABLES[name].file, frame.reset_index(drop=True))
        _read_articles(raw)
        return build(raw, resolved(parse_dates(raw)))
