"""The dashboard over an engine (FACTIONLINE_ENGINE=duckdb, AppTest): the same sidebar, URL and counts as
in memory, the views an engine answers, and clear messages for what it does not (issue 17)."""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from components.io.ingest import ingest

from .conftest import BUNDLED, ROOT

pytest.importorskip("duckdb")
pytest.importorskip("ibis")

APP = str(ROOT / "dashboard.py")


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    out = tmp_path_factory.mktemp("engine-app") / "ds"
    ingest(BUNDLED, out)
    return out


@pytest.fixture
def on_engine(dataset, monkeypatch):
    monkeypatch.setenv("FACTIONLINE_ENGINE", "duckdb")
    monkeypatch.setenv("FACTIONLINE_DATA", str(dataset))
    return dataset


def counts_line(at) -> str:
    return next((c.value for c in at.caption if " events in the current selection" in c.value), "")


def text_of(at) -> str:
    return " ".join(str(getattr(e, "value", "")) for e in (*at.markdown, *at.caption, *at.warning, *at.error))


def test_the_same_filters_and_link_on_duckdb(on_engine):
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["faction"] = "hamas"
    at.run()
    assert not at.exception
    assert counts_line(at).startswith("6 of 13 events")  # as in memory: test_dashboard's Hamas count
    assert "engine: **duckdb**" in counts_line(at)
    from components.ui.views import VIEWS

    assert [t.label for t in at.tabs] == [v.label for v in VIEWS]  # every view, under its name (view= links)
    factions = at.sidebar.multiselect(key="w_factions")
    assert factions.value == ["hamas"]
    factions.set_value(["hamas", "fatah"]).run()
    assert counts_line(at).startswith("7 of 13 events")
    assert at.query_params["faction"] == ["hamas", "fatah"]
    search = at.sidebar.text_input(key="w_q")  # compiled for engines: offered, with the same meaning
    search.set_value("moscow").run()
    from components.analysis import query
    from components.analysis.filters import Filters
    from components.data.load import load

    ds = load(BUNDLED)
    expected = query.apply(ds, Filters(factions=("hamas", "fatah"), q="moscow")).n_events
    assert counts_line(at).startswith(f"{expected} of 13 events")
    assert at.query_params["q"] in ("moscow", ["moscow"])


def test_a_link_with_a_filter_the_engine_cannot_run_says_so(on_engine, monkeypatch):
    from components.engines.sql import SqlEngine

    original = SqlEngine.supports
    monkeypatch.setattr(SqlEngine, "supports", lambda self, key: key != "q" and original(self, key))
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["q"] = "moscow"
    at.query_params["status"] = "planned"
    at.run()
    assert not at.exception
    assert "Ignored the search filter: it does not run on the duckdb engine yet." in text_of(at)
    assert counts_line(at).startswith("1 of 13 events")  # the statuses filter still applies


def test_the_table_and_the_matrix_come_from_the_engine(on_engine):
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["view"] = "Table & downloads"
    at.query_params["with"] = ["fatah", "hamas"]
    at.run()
    assert not at.exception
    table = at.dataframe[0].value
    assert len(table) == 4 and "ev-2007-rupture" in set(table["Event id"])
    assert "Rows 1–4 of 4." in text_of(at)
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["view"] = "About this data"
    at.run()
    assert "**Engine:** duckdb" in text_of(at) and "13 events" in text_of(at)


def test_a_directory_that_was_not_ingested_is_explained(monkeypatch):
    monkeypatch.setenv("FACTIONLINE_ENGINE", "duckdb")
    monkeypatch.setenv("FACTIONLINE_DATA", str(BUNDLED))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert "reads an ingested dataset" in text_of(at) and "factionline ingest DIR --out DATASET" in text_of(at)


def test_a_changed_dataset_is_refused(tmp_path, monkeypatch):
    ingest(BUNDLED, tmp_path / "ds")
    part = next((tmp_path / "ds" / "derived" / "events").iterdir())
    part.write_bytes(part.read_bytes() + b"x")
    monkeypatch.setenv("FACTIONLINE_ENGINE", "duckdb")
    monkeypatch.setenv("FACTIONLINE_DATA", str(tmp_path / "ds"))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert "The dataset was refused" in text_of(at) and "has changed since it was ingested" in text_of(at)


def test_two_periods_compared_on_the_engine_as_in_memory(on_engine):
    from components.analysis import compare
    from components.analysis.compare import Period
    from components.analysis.filters import Filters
    from components.data.load import load

    ds = load(BUNDLED)
    before, now = Period(dt.date(2023, 10, 1), dt.date(2024, 1, 31)), Period(dt.date(2024, 2, 1), dt.date(2024, 5, 31))
    expected = compare.periods_table(ds, Filters(), before, now)
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["view"] = "Compare"
    at.query_params["cmp_before"] = ["2023-10-01", "2024-01-31"]
    at.query_params["cmp_now"] = ["2024-02-01", "2024-05-31"]
    at.run()
    assert not at.exception
    shown = at.dataframe[0].value
    assert list(shown["faction"]) == list(expected["faction"])
    assert list(shown["events before"]) == list(expected["events before"])
    assert list(shown["events now"]) == list(expected["events now"])
    assert [v.split()[-1] for v in shown["level"]] == list(expected["level"])
