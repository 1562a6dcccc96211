"""The interface (backends/base.Backend) over an analytical engine: the questions of the data answered by their
`sql` side (analysis/questions.QUESTIONS, through engines/sql.SqlEngine's Ibis queries, which stay in
engines/sql.py), rows from slices of the ingested dataset (engines/slices.py) built per request and kept per
state."""

from __future__ import annotations

import numpy as np
import pandas as pd

from components.analysis import query
from components.analysis.filters import FILTERS, Filters
from components.analysis.questions import Question
from components.backends import base
from components.backends.base import Backend, Description, Rows, RowsRefused
from components.data.manifest import warning_count, warnings_of
from components.data.model import Dataset
from components.data.safetext import md
from components.engines.catalog import Catalog
from components.engines.slices import RowReader
from components.engines.sql import SqlEngine


class Engine(Backend):
    def __init__(self, engine: SqlEngine):
        self.engine = engine
        self.lookups = Catalog(engine)
        self.total = engine.total
        self.total_quotes = int(engine.manifest.get("counts", {}).get("quotes", 0))
        # the first checks of meaning (what About lists) and how many there are; the rest are read by
        # `factionline validate`, not by every server that opens the dataset
        self.warnings = warnings_of(engine.root, engine.manifest, everything=False)
        self.warning_count = warning_count(engine.manifest)
        self.reader = RowReader(engine.con, engine.root)
        engine.warm()  # a cluster's copy of the events filled in the background, the first view drawn meanwhile

    @property
    def capabilities(self) -> frozenset[str]:
        # asked of the engine each time: which filters it compiles (a test may narrow them)
        return frozenset(f"filter:{k}" for k in FILTERS if self.engine.supports(k))

    def describe(self) -> Description:
        m = self.engine.manifest
        c = m.get("counts", {})
        return Description(
            engine=self.engine.name,
            lines=(
                f"**Engine:** {self.engine.name} · **dataset:** ingested {m.get('ingested_at', '')} from "
                f"{md(m.get('source', ''))}, schema version {m.get('schema_version')}; {c.get('events', 0):,} "
                f"events, {c.get('actors', 0):,} actors, {c.get('factions', 0):,} factions, {c.get('quotes', 0):,} "
                "quotes. Every rule and evidence passage was checked once at ingest; the manifest's checksums vouch "
                "for the files. Views drawn row by row (quote cards, the table's downloads, actors, two factions) "
                f"read up to {base.ROWS_AT_MOST:,} events of a selection into memory; every other view runs on the "
                "engine at any size.",
            ),
        )

    def answer(self, q: Question, f: Filters, params: dict):
        return q.sql(self, f, **params)

    def kept(self, f: Filters, key, make):
        return self.engine.kept((f.without_event(), key), make)

    def rows(self, f: Filters, quotes: bool = True) -> Rows:
        """The selection's events and the quotes the filters may select, as an in-memory model, when they are
        at most base.ROWS_AT_MOST each; RowsRefused beyond (the views drawn row by row say to narrow the filters).
        quotes=False: the events only, with their own quotes (the timeline's marks need no more; the quotes
        the filters may select are counted without the date filter and can pass the limit when the events
        do not)."""
        f = f.without_event()
        n = self.engine.count(f)
        if n > base.ROWS_AT_MOST:
            raise RowsRefused("events", n, base.ROWS_AT_MOST)

        def make():
            ids = list(self.engine.where(f).select("event_id").to_pandas()["event_id"])
            if not quotes:
                ds = self.reader.slice(ids)
                return Rows(ds, query.apply(ds, f), quotes=False)
            # A quote passes by its own predicate (speaker, dates, search, grade) or its event's: the
            # candidates are the quotes whose event passes the filters without a quote predicate, or with
            # no event; their events come along (a quote's date and search text are its event's).
            loose = f.replace(**{k: FILTERS[k].default for k, _ in f.values().items() if FILTERS[k].quotes})
            candidates = self._quote_candidates(loose)
            if isinstance(candidates, RowsRefused):
                return candidates
            ds = self.reader.slice(ids + candidates, quote_filter=self._quotes_of(loose))
            return Rows(ds, query.apply(ds, f))

        found = self.kept(f, ("rows", quotes), make)  # the quotes' refusal is kept too: counting them costs a scan
        if isinstance(found, RowsRefused):
            raise found
        return found

    def _quotes_of(self, loose: Filters):
        """An Ibis predicate over the quotes table: those whose event passes `loose`, or with no event."""
        events = self.engine.where(loose).select("event_id")
        known = self.engine.t.events.select("event_id")
        return lambda q: q.event_id.isin(events.event_id) | ~q.event_id.isin(known.event_id)

    def _quote_candidates(self, loose: Filters) -> list[str] | RowsRefused:
        quotes = self.reader.tables.get("quotes")
        if quotes is None:
            return []
        chosen = quotes.filter(self._quotes_of(loose)(quotes))
        n = int(chosen.count().execute())
        if n > base.ROWS_AT_MOST:
            return RowsRefused("quotes", n, base.ROWS_AT_MOST)
        return [e for e in chosen.select("event_id").distinct().to_pandas()["event_id"] if e]

    def event(self, event_id: str) -> Dataset | None:
        def make():
            if self.lookups.position_of(event_id) is None:
                return None
            return self.reader.slice([event_id])

        return self.engine.kept(("event", event_id), make)

    def story(self, story_id: str) -> Dataset | None:
        stories = self.lookups.stories
        if stories is None:
            return None
        ids = list(stories.loc[stories["story_id"] == story_id, "event_id"])
        return self.engine.kept(("story", story_id), lambda: self.reader.slice(ids))

    def article(self, article_id: str) -> Dataset:
        return self.engine.kept(("article", article_id), lambda: self.reader.slice([], articles=[article_id]))

    def articles(self, limit: int) -> tuple[pd.DataFrame, int]:
        import pyarrow.parquet as pq

        path = self.engine.root / "articles.parquet"
        if not path.is_file():
            return pd.DataFrame(columns=["article_id", "title", "source_id", "published_on", "credit", "url"]), 0
        file = pq.ParquetFile(path)
        head = next(file.iter_batches(batch_size=limit), None)
        frame = head.to_pandas() if head is not None else file.schema_arrow.empty_table().to_pandas()
        return frame.fillna("").astype("str"), int(file.metadata.num_rows)

    def dataset_counts(self) -> dict[str, int]:
        return dict(self.engine.manifest.get("counts", {}))

    def page(self, f: Filters, by: str, descending: bool, offset: int, limit: int) -> Rows:
        ids = self.engine.page_ids(f, by, descending, offset, limit)

        def make():
            ds = self.reader.slice(ids)
            order = np.array([ds.position_of(e) for e in ids], dtype=np.int64)
            return Rows(ds, query.Selection(ds, order, np.array([], np.int64), frozenset()))

        return self.kept(f, ("page", by, descending, offset, limit), make)
