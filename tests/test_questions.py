"""Every question of the data (analysis/questions.QUESTIONS) gives the same answer on every backend: each
record, with each of its examples, on each filter state, on DuckDB (bundled, several reports and grades,
synthetic, merged ACLED-shaped data) and on a local Spark cluster (bundled, reports) — compared with the
in-memory model. A new record is tested here without a line of test (issue 40)."""

from __future__ import annotations

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


def test_every_question_on_every_backend(backends):  # noqa: F811
    memory, engine = backends
    chosen = states(memory.ds)
    if engine.describe().engine == "pyspark":  # a job per query: a few states (the expressions are DuckDB's too)
        chosen = chosen[:3]
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
