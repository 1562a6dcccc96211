"""One backend interface (backends/base.Backend), two implementations: every answer a view asks for is the
same on an engine (DuckDB in process, Spark on a local two-worker cluster) as in memory, on the same ingested
dataset — aggregates at any size, and the rows drawn one by one (details, quotes, stories, table pages)
from the engine's slices (issue 24). The questions of the data (aggregates) are checked record by record in
tests/test_questions.py."""

from __future__ import annotations

import pytest

from components.analysis.filters import Filters
from components.backends.base import RowsRefused
from components.backends.memory import Memory
from components.data.manifest import load_trusted
from components.io.ingest import ingest

from .conftest import BUNDLED
from .test_engines import states

pytest.importorskip("ibis")
pytest.importorskip("duckdb")
from components.backends.sql import Engine  # noqa: E402
from components.engines.sql import SqlEngine  # noqa: E402

MEETING = "ev-2024-02-29-hamas-fatah-meet-moscow"
QUOTED = "ev-2024-02-zomlot-guardian-interview"  # three quotes on it


# Every dataset on DuckDB; on the Spark cluster the bundled data and the one with several reports and grades
# (each Spark query is a job: the larger datasets' states would take minutes, and the same Ibis expressions
# are proven on DuckDB).
CASES = [(d, "duckdb") for d in ("bundled", "reports", "synthetic", "acled")] + [
    (d, "spark") for d in ("bundled", "reports")
]


@pytest.fixture(scope="module", params=CASES, ids=[f"{d}-{e}" for d, e in CASES])
def backends(request, tmp_path_factory):
    dataset, engine = request.param
    engine_url = "duckdb://" if engine == "duckdb" else request.getfixturevalue("spark_url")
    folder = tmp_path_factory.mktemp("backends")
    source = BUNDLED
    if dataset == "acled":  # merged ACLED-shaped data: fatalities, regions, civilian targeting…
        from .acled_shaped import merged_with_bundled

        source = merged_with_bundled(folder, 1500)
    if dataset == "reports":
        from .reports_fixture import write

        source = write(folder / "reports")
    if dataset == "synthetic":
        from components.io.synth import synthesize

        synthesize(2000, folder / "synth", seed=3, reports=0.3)
        source = folder / "synth"
    ingest(source, folder / "ds")
    return Memory(load_trusted(folder / "ds")), Engine(SqlEngine(folder / "ds", engine_url))


def quote_ids(rows) -> list[str]:
    return sorted(rows.ds.quotes["quote_id"].iloc[rows.sel.quote_pos])


def test_rows_are_the_same(backends):
    """The selection's events and the quotes the filters select (both readings of the quote cards)."""
    memory, engine = backends
    for f in states(memory.ds):
        x, y = memory.rows(f), engine.rows(f)
        assert y is not None, f  # a few thousand events: within the rows an engine brings into memory
        assert list(x.sel.events["event_id"]) == list(y.sel.events["event_id"]), f
        assert quote_ids(x) == quote_ids(y), f
        assert x.sel.counts() == y.sel.counts(), f


def test_table_pages_are_the_same_in_every_order(backends):
    memory, engine = backends
    f = states(memory.ds)[1]
    from components.analysis.tables import sort_options

    assert sort_options(memory.lookups) == sort_options(engine.lookups)
    for by in sort_options(memory.lookups):
        for descending in (False, True):
            for offset in (0, 7):
                x, y = memory.page(f, by, descending, offset, 20), engine.page(f, by, descending, offset, 20)
                ids = lambda r: list(r.ds.events["event_id"].iloc[r.sel.event_pos])  # noqa: E731
                assert ids(x) == ids(y), (by, descending, offset)


def test_one_event_with_its_reports_and_quotes(backends):
    memory, engine = backends
    ds = memory.ds
    for event_id in list(ds.events["event_id"].iloc[:: max(1, len(ds.events) // 25)]):
        x, y = memory.event(event_id), engine.event(event_id)
        px, py = x.position_of(event_id), y.position_of(event_id)
        for column in ("title", "date_label", "date_text", "status", "n_sources", "n_reports", "location"):
            assert x.events[column].iat[px] == y.events[column].iat[py], (event_id, column)
        rx, ry = x.reports_of(px), y.reports_of(py)
        assert list(rx["evidence"]) == list(ry["evidence"]), event_id
        qx, qy = x.quotes[x.quotes["event_pos"] == px], y.quotes[y.quotes["event_pos"] == py]
        assert list(qx["quote_id"]) == list(qy["quote_id"]) and list(qx["verified"]) == list(qy["verified"])
    assert engine.event("no-such-event") is None and memory.event("no-such-event") is None


def test_bundled_meeting_and_story_from_the_engine(tmp_path):
    ingest(BUNDLED, tmp_path / "ds")
    memory, engine = Memory(load_trusted(tmp_path / "ds")), Engine(SqlEngine(tmp_path / "ds"))
    for event_id in (MEETING, QUOTED):
        x, y = memory.event(event_id), engine.event(event_id)
        on = lambda ds, e=event_id: ds.quotes[ds.quotes["event_pos"] == ds.position_of(e)]  # noqa: E731
        assert list(on(x)["text"]) == list(on(y)["text"]) and list(on(x)["verified"]) == list(on(y)["verified"])
        assert list(x.reports_of(x.position_of(event_id))["evidence"]) == list(
            y.reports_of(y.position_of(event_id))["evidence"]
        )
    assert len(on(y)) == 3
    from components.analysis.export import story_steps

    sx, sy = (
        story_steps(memory.story("moscow-talks"), "moscow-talks"),
        story_steps(engine.story("moscow-talks"), "moscow-talks"),
    )
    assert len(sx) == 6 and list(sx["event_id"]) == list(sy["event_id"]) and list(sx["text"]) == list(sy["text"])
    assert engine.rows(Filters()) is not None


def test_an_engine_declines_rows_beyond_its_limit(backends, monkeypatch):
    memory, engine = backends
    from components.backends import base

    monkeypatch.setattr(base, "ROWS_AT_MOST", 3)
    f = Filters(q="a-filter-state-not-seen-before" * 0 + "the")
    if engine.ask("counts", f)["events"] > 3:
        with pytest.raises(RowsRefused) as refused:
            engine.rows(f)
        assert (refused.value.what, refused.value.limit) == ("events", 3)
        assert engine.rows_or_none(f) is None
        assert engine.ask("counts", f)["actors"] is None  # counted where the rows are read
