"""Every question of the data (analysis/questions.QUESTIONS) gives the same answer on every backend: each
record, with each of its examples, on each filter state, on DuckDB (bundled, several reports and grades,
synthetic, merged ACLED-shaped data) and on a local Spark cluster (bundled, reports) — compared with the
in-memory model. A new record is tested here without a line of test (issue 40)."""

from __future__ import annotations

import pytest

from components.analysis.filters import Filters
from components.analysis.questions import QUESTIONS, Question

from .test_backends import backends  # noqa: F401 (the module's fixture: memory and an engine, per dataset)
from .test_engines import states


def _same(q: Question, f: Filters, params: dict, x, y) -> None:
    a, b = q.canonical(x), q.canonical(y)
    left_out = set(a) - set(b)
    assert left_out <= set(q.partial), (q.name, f, params, left_out)
    for key in b:
        assert a[key] == b[key], (q.name, f, params, key)


# The first Spark case starts the local cluster inside this test's budget (300 s: exceeded under load)
@pytest.mark.timeout(900)
def test_every_question_on_every_backend(backends):  # noqa: F811
    memory, engine = backends
    # Every other state (the CI budget: every question, every example, on four datasets); on the Spark cluster,
    # a job per query, two states (the same Ibis expressions are proven on DuckDB)
    chosen = states(memory.ds)[:2] if engine.describe().engine == "pyspark" else states(memory.ds)[::2]
    asked = 0
    for q in QUESTIONS.values():
        for params in q.examples:
            for f in chosen:
                _same(q, f, dict(params), memory.ask(q.name, f, **params), engine.ask(q.name, f, **params))
                asked += 1
    assert asked >= len(QUESTIONS) * len(chosen)


def test_a_question_is_one_record():
    for name, q in QUESTIONS.items():
        assert q.name == name and q.help and callable(q.memory) and callable(q.sql) and q.examples, name


def test_ask_keeps_each_answer_per_state_and_parameters(backends):  # noqa: F811
    memory, engine = backends
    f = Filters(statuses=("occurred",))
    for b in (memory, engine):
        first = b.ask("lanes", f, bucket="year")
        assert b.ask("lanes", f.replace(event="any-event"), bucket="year") is first  # the selected event: same state
        assert b.ask("lanes", f, bucket="week") is not first


@pytest.mark.timeout(900)
@pytest.mark.parametrize("rollup", ["written at ingest", "built by the engine"])
def test_answers_from_the_rollup_equal_those_from_the_events(backends, rollup, monkeypatch, caplog):  # noqa: F811
    """The rollup (engines/rollups.py) answers the states it covers (factions, dates, types, statuses…) with
    the events' own numbers — every question, whether the rollup was written at ingest (a dataset of today)
    or is built by the engine (a dataset ingested before rollups); a search or an actor falls back to the
    events; the debug log says which."""
    import logging

    from components.engines.rollups import FILE

    memory, engine = backends
    sql = engine.engine
    assert (sql.root / FILE).is_file()  # ingest wrote it (and the manifest vouches for it: the engine opened)
    assert str(FILE) in (sql.root / "manifest.json").read_text()
    monkeypatch.setattr(sql.rollup, "_table", None)
    if rollup == "built by the engine":
        monkeypatch.setattr(sql.rollup, "stored", None)
    spark = engine.describe().engine == "pyspark"
    chosen = states(memory.ds)[1:2] if spark else states(memory.ds)[::6]  # the CI budget
    covered = 0
    for f in chosen:
        for q in QUESTIONS.values():
            for params in q.examples[:1]:
                answers, said = [], ""
                for switch in ("on", "off"):
                    monkeypatch.setenv("FACTIONLINE_ROLLUPS", switch)
                    sql._cache.clear()  # asked of the engine each time
                    with caplog.at_level(logging.DEBUG, logger="factionline.rollups"):
                        caplog.clear()
                        answers.append(q.sql(engine, f, **dict(params)))
                    said = said or caplog.text
                _same(q, f, dict(params), answers[1], answers[0])
                covered += "from the rollup" in said
        monkeypatch.setenv("FACTIONLINE_ROLLUPS", "on")
        if not sql.rollup.covers(f, None):
            assert "from the rollup" not in said
    assert covered  # some states were answered from the rollup
    if spark and rollup == "written at ingest":  # beside a cluster the stored file is read in process: no job
        assert sql.rollup._table._find_backend().name == "duckdb"
    assert not sql.rollup.covers(Filters(q="the"), None) and not sql.rollup.covers(Filters(actors=("a",)), None)


def test_the_rollup_written_a_range_of_events_at_a_time_equals_one_pass(tmp_path, monkeypatch):
    """At 100M events one pass over every event–faction pair ran out of the rollup's memory; it is summed a
    range of positions at a time, and those sums summed: the same rows, the same column types."""
    import pandas as pd

    from components.engines import rollups
    from components.io.ingest import ingest

    from .conftest import BUNDLED

    ingest(BUNDLED, tmp_path / "ds")
    written = {}
    for chunk in (4, rollups.CHUNK):  # four ranges of the 13 bundled events, then one
        monkeypatch.setattr(rollups, "CHUNK", chunk)
        rollups.write(tmp_path / "ds", tmp_path / f"{chunk}.parquet")
        written[chunk] = pd.read_parquet(tmp_path / f"{chunk}.parquet")
    ranged, whole = written.values()
    assert len(whole) > 13 and ranged.dtypes.to_dict() == whole.dtypes.to_dict()
    assert list(ranged["lane"]) == list(whole["lane"]) and list(ranged["day"]) == list(whole["day"])  # the order
    keys = [c for c in whole.columns if c not in ("n", "fatalities")]
    same = [f.sort_values(keys, ignore_index=True) for f in (ranged, whole)]
    pd.testing.assert_frame_equal(*same)
    assert int(whole.loc[whole["lane"] == rollups.EVERY, "n"].sum()) == 13
