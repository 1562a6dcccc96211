"""analysis/backend.Backend over an analytical engine: aggregates from SqlEngine's queries, rows from slices of
the ingested dataset (engines/slices.py) built per request and kept per state."""

from __future__ import annotations

import numpy as np
import pandas as pd

from components.analysis import query
from components.analysis.aggregate import LaneCounts
from components.analysis.backend import ROWS_AT_MOST, Rows, RowsRefused
from components.analysis.cooccurrence import Directed, Matrix
from components.analysis.filters import FILTERS, Filters
from components.data.manifest import warning_count, warnings_of
from components.data.model import Dataset
from components.engines.catalog import Catalog
from components.engines.slices import RowReader
from components.engines.sql import SqlEngine


class Engine:
    def __init__(self, engine: SqlEngine):
        self.engine = engine
        self.name = engine.name
        self.lookups = Catalog(engine)
        self.total = engine.total
        self.total_quotes = int(engine.manifest.get("counts", {}).get("quotes", 0))
        # the first checks of meaning (what About lists) and how many there are; the rest are read by
        # `factionline validate`, not by every server that opens the dataset
        self.warnings = warnings_of(engine.root, engine.manifest, everything=False)
        self.warning_count = warning_count(engine.manifest)
        self.reader = RowReader(engine.con, engine.root)
        engine.warm()  # a cluster's copy of the events filled in the background, the first view drawn meanwhile

    def supports(self, key: str) -> bool:
        return self.engine.supports(key)

    def kept(self, f: Filters, key, make):
        return self.engine.kept((f.without_event(), key), make)

    def counts(self, f: Filters) -> dict[str, int | None]:
        try:  # actors and quotes are counted where the rows are read
            return self.rows(f).sel.counts()
        except RowsRefused:
            return {"events": self.engine.count(f), "actors": None, "quotes": None}

    def contains(self, f: Filters, event_id: str) -> bool:
        def make():
            sel = self.engine.where(f.without_event())
            return int(sel.filter(sel.event_id == event_id).count().execute()) > 0

        return self.kept(f, ("contains", event_id), make)

    def days(self, f: Filters) -> pd.DataFrame:
        frame = self.engine.daily(f)
        hi = pd.to_datetime(frame["hi"]).to_numpy().astype("datetime64[D]").astype(np.int64)
        return pd.DataFrame({"day": frame["day"].to_numpy().astype(np.int64), "n": frame["n"].to_numpy(), "hi": hi})

    def lane_counts(self, f: Filters, bucket: str, weights: str | None = None) -> LaneCounts:
        return self.engine.lane_counts(f, bucket, weights)

    def rows(self, f: Filters, quotes: bool = True) -> Rows:
        """The selection's events and the quotes the filters may select, as an in-memory model, when they are
        at most ROWS_AT_MOST each; RowsRefused beyond (the views drawn row by row say to narrow the filters).
        quotes=False: the events only, with their own quotes (the timeline's marks need no more; the quotes
        the filters may select are counted without the date filter and can pass the limit when the events
        do not)."""
        f = f.without_event()
        n = self.engine.count(f)
        if n > ROWS_AT_MOST:
            raise RowsRefused("events", n, ROWS_AT_MOST)

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

    def rows_or_none(self, f: Filters, quotes: bool = True) -> Rows | None:
        """For an answer that adds what the rows say when they fit (quotes per faction, places by name)."""
        try:
            return self.rows(f, quotes)
        except RowsRefused:
            return None

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
        if n > ROWS_AT_MOST:
            return RowsRefused("quotes", n, ROWS_AT_MOST)
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

    def places(self, f: Filters):
        found = self.engine.places(f)
        if found is None:
            return None
        shown, unplaced = found
        by_name = 0  # events placed by their place's name (places.csv), said where the rows are read
        rows = self.rows_or_none(f, quotes=False)
        if rows is not None:
            from components.analysis.geo import event_coordinates

            how = event_coordinates(rows.ds)["how"].to_numpy()
            by_name = int(np.count_nonzero(how[rows.sel.event_pos] == "places.csv"))
        return shown, unplaced, by_name

    def faction_matrix(self, f: Filters, joint: bool = False, count: str = "all") -> Matrix:
        def make():
            if joint and count != "conflict":  # the signatories of joint statements: the quotes of the rows
                rows = self.rows_or_none(f)
                if rows is not None:
                    from components.analysis.cooccurrence import faction_matrix

                    m = faction_matrix(rows.ds, rows.sel.event_pos, joint=True, count=count)
                    return _reorder(m, list(self.lookups.factions["faction_id"]))
            pairs = self.engine.faction_matrix(f, count)
            ids = list(self.lookups.factions["faction_id"])
            counts = np.array([[pairs.get((a, b), 0) for b in ids] for a in ids], dtype=np.int64).reshape(
                len(ids), len(ids)
            )
            return Matrix(ids, [self.lookups.faction_name.get(x, x) for x in ids], counts)

        return self.kept(f, ("faction-matrix", joint, count), make)

    def directed_matrix(self, f: Filters) -> Directed:
        def make():
            counts, stated = self.engine.directed_matrix(f)
            ids = list(self.lookups.factions["faction_id"])
            return Directed(ids, [self.lookups.faction_name.get(x, x) for x in ids], counts, stated)

        return self.kept(f, "directed-matrix", make)

    def faction_totals(self, f: Filters) -> pd.DataFrame:
        def make():
            ids = list(self.lookups.factions["faction_id"])
            events = self.engine.per_faction(f)
            frame = pd.DataFrame({"faction_id": ids, "events": [events.get(x, 0) for x in ids]})
            rows = self.rows_or_none(f)
            if rows is not None:
                from components.analysis.compare import faction_totals

                quotes = faction_totals(rows.ds, rows.sel).set_index("faction_id")["quotes"]
                frame["quotes"] = [int(quotes.get(x, 0)) for x in ids]
            if "fatalities" in self.engine.t.events.columns:
                deaths = self.engine.per_faction(f, "fatalities")
                frame["fatalities"] = [deaths.get(x, 0) for x in ids]
            return frame

        return self.kept(f, "faction-totals", make)

    def per_type(self, f: Filters) -> pd.Series:
        return self.engine.per_type(f)

    def sum_of(self, f: Filters, column: str) -> float:
        def make():
            if column not in self.engine.t.events.columns:
                return 0.0
            value = self.engine.where(f.without_event())[column].sum().execute()
            return 0.0 if value is None or value != value else float(value)  # nothing selected: NULL

        return self.kept(f, ("total", column), make)


def _reorder(m: Matrix, ids: list[str]) -> Matrix:
    at = [m.ids.index(x) for x in ids if x in m.ids]
    return Matrix([m.ids[i] for i in at], [m.names[i] for i in at], m.counts[np.ix_(at, at)])
