"""Issue 40: a view drawn row by row on an engine, when the selection's events fit in memory but the quotes
the filters may select do not (on DuckDB, `synth --events 80000` ingested, a faction and two days: 132 events,
7,908 candidate quotes) — the timeline was drawn from `rows()`, which returned None: AttributeError. Here the
same shape at a small size, the limit lowered."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from components.io.ingest import ingest

from .conftest import ROOT

pytest.importorskip("duckdb")
pytest.importorskip("ibis")

APP = str(ROOT / "dashboard.py")


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    from components.io.synth import synthesize

    folder = tmp_path_factory.mktemp("rows-limit")
    synthesize(1500, folder / "synth", seed=3)  # 147 quotes; faction f00 has 107 events over six years
    ingest(folder / "synth", folder / "ds")
    return folder / "ds"


def text_of(at) -> str:
    return " ".join(str(getattr(e, "value", "")) for e in (*at.markdown, *at.caption, *at.info, *at.warning))


def test_a_few_events_of_many_quotes_draw_on_an_engine(synthetic, monkeypatch):
    from components.backends import base

    monkeypatch.setattr(base, "ROWS_AT_MOST", 100)  # fewer than the 147 quotes, more than the events
    monkeypatch.setenv("FACTIONLINE_ENGINE", "duckdb")
    monkeypatch.setenv("FACTIONLINE_DATA", str(synthetic))
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["faction"] = "f00"
    at.query_params["from"] = "2019-01-01"
    at.query_params["to"] = "2019-12-31"
    at.run()
    assert not at.exception, at.exception
    text = text_of(at)
    assert "Event mode" in text  # the timeline drew each event, from the events' rows
    assert "narrow the filters" in text  # the quote cards say why they are not shown, instead of a traceback
