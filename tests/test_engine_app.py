"""The dashboard over an engine (FACTIONLINE_ENGINE=duckdb, AppTest): the same sidebar, URL and counts as
in memory, the views an engine answers, and clear messages for what it does not (issue 17)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
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
    return next((c.value for c in at.caption if " in the current selection" in c.value), "")


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
    table = at.dataframe[0].value  # the one table of every backend (its hidden event_id column)
    assert len(table) == 4 and "ev-2007-rupture" in set(table["event_id"])
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
    from components.backends.memory import Memory

    expected = compare.periods_of(Memory(ds), Filters(), before, now)
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


VIEWS_SHOWN = ["Timeline", "Map", "Who meets whom", "Compare", "Table & downloads", "About this data"]


def page_text(at) -> list[str]:
    """What a page says, element by element (the engine's own lines left out: its name and dataset; the
    sidebar's upload, which is the in-memory model's)."""
    out = []
    m = at.main
    for e in (*m.markdown, *m.caption, *m.warning, *m.error, *m.info, *m.subheader):
        value = str(getattr(e, "value", ""))
        if "engine: **" in value:
            value = value.split(" · engine: **")[0]
        if value.startswith("**Engine:**"):
            continue
        out.append(value)
    return out


def frames(at) -> list:
    return [d.value.reset_index(drop=True) for d in at.dataframe]


def open_page(dataset, monkeypatch, engine: str, params: dict):
    monkeypatch.setenv("FACTIONLINE_ENGINE", engine)
    monkeypatch.setenv("FACTIONLINE_DATA", str(dataset))
    at = AppTest.from_file(APP, default_timeout=90)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, (engine, params, at.exception)
    return at


LINKS = [
    {"event": "ev-2024-02-29-hamas-fatah-meet-moscow"},
    {"story": "moscow-talks", "step": "2"},
    {"faction": ["hamas", "fatah"], "view": "Compare", "cmp": "Two factions", "cmp_x": "hamas", "cmp_y": "fatah"},
    {"view": "Who meets whom", "together-level": "Actors"},
    {"q": "moscow", "view": "Table & downloads", "sort": "Title", "desc": "true"},
    *({"view": v} for v in VIEWS_SHOWN),
]


@pytest.mark.parametrize("params", LINKS, ids=lambda p: "&".join(f"{k}={v}" for k, v in p.items()))
def test_every_view_is_the_same_on_duckdb_as_in_memory(dataset, monkeypatch, params):
    """One dashboard: a link shows the same on the engine as in memory — quote cards, the event's details
    and evidence, the story step, two factions side by side, the actor matrix, every tab (issue 24)."""
    memory = open_page(dataset, monkeypatch, "memory", params)
    duck = open_page(dataset, monkeypatch, "duckdb", params)
    said = page_text(duck)
    assert not [t for t in said if "in memory only" in t.lower() or "in-memory model" in t.lower()]
    assert page_text(memory) == said
    for a, b in zip(frames(memory), frames(duck), strict=True):
        pd.testing.assert_frame_equal(a, b, check_dtype=False)


def test_the_meeting_link_on_duckdb_shows_its_quotes_and_evidence(dataset, monkeypatch):
    at = open_page(dataset, monkeypatch, "duckdb", {"event": "ev-2024-02-29-hamas-fatah-meet-moscow"})
    text = " ".join(page_text(at))
    assert "#### Hamas and Fatah representatives to meet in Moscow" in text and "**Evidence**" in text
    assert "Quotes by the chosen speakers (7)" in text and "Verified verbatim in the stored article" in text


def test_a_story_step_on_duckdb_selects_its_event(dataset, monkeypatch):
    at = open_page(dataset, monkeypatch, "duckdb", {"story": "moscow-talks", "step": "2"})
    text = " ".join(page_text(at))
    assert "step 2 of 6" in text
    assert at.session_state["event"]  # the step's event is selected and its details drawn


def test_two_factions_side_by_side_beyond_the_rows_an_engine_reads(dataset, monkeypatch):
    """Compare's two factions are answered from questions, not from the selection's rows: a selection larger
    than an engine reads at once still gets its table (events, fatalities, types, partners), the same as in
    memory; only the quotes, counted where rows are read, are left out, and the page says so."""
    from components.backends import base

    link = {"view": "Compare", "cmp": "Two factions", "cmp_x": "hamas", "cmp_y": "fatah"}
    memory = open_page(dataset, monkeypatch, "memory", link).dataframe[0].value
    monkeypatch.setattr(base, "ROWS_AT_MOST", 3)
    at = open_page(dataset, monkeypatch, "duckdb", link)
    text = " ".join(page_text(at))
    assert "Narrow the filters" not in text and "Quotes are counted where the selection's rows are read" in text
    duck = at.dataframe[0].value
    assert "quotes" not in list(duck.index) and "quotes" in list(memory.index)
    assert duck.to_dict() == memory.drop(index="quotes").to_dict()
    assert all(int(str(n).replace(",", "")) > 0 for n in duck.loc["events"])
