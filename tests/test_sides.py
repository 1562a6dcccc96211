"""Sides (issue 38): who acted on whom, kept from the sources. An ACLED-shaped file with allies on one side
and opponents on the other (tests/acled_shaped.SIDES), imported and merged with the bundled data: Conflict
counts a pair only across sides, Cooperation within a side or in cooperative events, the directed view shows
side A against side B, and the filters "as initiator / as target" are links."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from components.analysis import cooccurrence
from components.analysis.filters import Filters
from components.backends.memory import Memory
from components.data.load import load

from . import acled_shaped
from .acled_shaped import SIDES_FROM
from .conftest import BUNDLED, ROOT

ACLED_ONLY = Filters(dates=(SIDES_FROM, None))  # the side records only (the bundled events end in 2024-02)


@pytest.fixture(scope="module")
def merged_dir(tmp_path_factory):
    return acled_shaped.merged_with_bundled(tmp_path_factory.mktemp("sides"), 0, sides=True)


@pytest.fixture(scope="module")
def merged(merged_dir):
    return load(merged_dir)


def cell(m, a: str, b: str) -> int:
    return int(m.counts[m.ids.index(a), m.ids.index(b)])


def test_the_import_keeps_each_records_sides_and_acleds_own_roles(merged):
    ev = merged.events.set_index("event_id")
    clash = ev.loc["imp:acled-pse90000"]  # Israel against Hamas with PIJ beside it
    assert clash["side_a"] == "acled-military-forces-of-israel-2022"
    assert clash["side_b"].split(";") == ["hamas", "pij"]
    assert clash["direction"] == "undirected"  # ACLED: actor1 and actor2 do not say who attacked
    assert clash["actor_roles"] == (
        "actor1: Military Forces of Israel (2022-); actor2: Hamas Movement; assoc_actor_2: PIJ: Palestinian Islamic Jihad"
    )
    attack = ev.loc["imp:acled-pse90010"]  # civilians targeted: ACLED says who was the target
    assert attack["direction"] == "directed" and attack["side_b"] == "acled-civilians-palestine"


def test_conflict_counts_a_pair_only_across_sides(merged):
    backend = Memory(merged)
    conflict = backend.ask("faction_matrix", ACLED_ONLY, count="conflict")
    assert cell(conflict, "hamas", "pij") == 0  # always on the same side: allies, never in conflict
    assert cell(conflict, "hamas", "israel") == 10 and cell(conflict, "pij", "israel") == 6
    assert cell(conflict, "hamas", "fatah") == 2  # the two clashes between them, not the four beside each other
    assert cell(conflict, "fatah", "israel") == 4
    cooperation = backend.ask("faction_matrix", ACLED_ONLY, count="cooperation")
    assert cell(cooperation, "hamas", "pij") == 6 and cell(cooperation, "hamas", "fatah") == 4
    assert cell(cooperation, "hamas", "israel") == 0
    every = backend.ask("faction_matrix", ACLED_ONLY, count="all")
    assert cell(every, "hamas", "pij") == 6 and cell(every, "hamas", "fatah") == 6
    for m in (conflict, cooperation):  # the diagonal is each one's events, whatever is counted
        assert np.array_equal(np.diag(m.counts), np.diag(every.counts))
        assert (m.counts == m.counts.T).all()


def test_cooperation_counts_cooperative_events_of_unsided_data(merged):
    """The bundled events have no sides: the meetings, consultations and invitation count as cooperation by
    their type; the 2007 rupture counts as neither (the source does not say who stood where)."""
    backend = Memory(merged)
    before = Filters(dates=(None, dt.date(2024, 3, 1)))
    assert cell(backend.ask("faction_matrix", before, count="all"), "hamas", "fatah") == 4
    assert cell(backend.ask("faction_matrix", before, count="cooperation"), "hamas", "fatah") == 3
    assert cell(backend.ask("faction_matrix", before, count="conflict"), "hamas", "fatah") == 0


def test_the_directed_view_counts_side_a_against_side_b(merged):
    m = Memory(merged).ask("directed_matrix", ACLED_ONLY)
    assert cell(m, "israel", "hamas") == 6 and cell(m, "hamas", "israel") == 4
    assert cell(m, "fatah", "israel") == 4 and cell(m, "hamas", "fatah") == 2 and cell(m, "fatah", "hamas") == 0
    assert int(m.stated.sum()) == 0  # ACLED's clashes name two sides, not who acted
    actors = cooccurrence.actor_directed(merged, Memory(merged).selection(ACLED_ONLY).event_pos)
    i, j = actors.ids.index("acled-military-forces-of-israel-2022"), actors.ids.index("acled-civilians-palestine")
    assert actors.counts[i, j] == 3 and actors.stated[i, j] == 3 and actors.counts[j, i] == 0


def test_as_initiator_and_as_target_filter_by_side(merged):
    backend = Memory(merged)
    assert backend.ask("counts", Filters(initiators=("israel",)))["events"] == 9
    assert backend.ask("counts", Filters(targets=("hamas",)))["events"] == 6
    assert backend.ask("counts", Filters(initiators=("hamas",), targets=("israel",)))["events"] == 4
    assert backend.ask("counts", Filters(initiators=("fatah",)))["events"] == 4  # the Al Aqsa Martyrs Brigade's side


def test_the_side_filters_are_links():
    from components.analysis.urlstate import parse, to_params

    ds = load(BUNDLED)
    f = Filters(initiators=("hamas",), targets=("fatah", "pa"))
    params = to_params(f)
    assert params["initiator"] == ["hamas"] and params["target"] == ["fatah", "pa"]
    assert parse(params, ds) == (f, [])


def test_hover_and_details_say_who_acted_on_whom(merged):
    from components.analysis.provenance import sides_line

    ev = merged.events
    attack = merged.position_of("imp:acled-pse90010")
    assert sides_line(merged, attack) == "Military Forces of Israel (2022-) → Civilians (Palestine)"
    clash = merged.position_of("imp:acled-pse90000")
    assert sides_line(merged, clash) == "Military Forces of Israel (2022-) ↔ Hamas, Palestinian Islamic Jihad"
    assert sides_line(merged, int(np.flatnonzero(ev["side_a"].str.strip() == "")[0])) == ""


def _app(data, **params) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def test_a_link_reopens_conflict_and_the_directed_view(merged_dir, monkeypatch):
    """A reload (the URL alone) reproduces Conflict in Who meets whom and the filtered directed view."""
    monkeypatch.setenv("FACTIONLINE_DATA", str(merged_dir))
    at = _app(merged_dir, view="Who meets whom", count="Conflict", **{"from": SIDES_FROM.isoformat()})
    listed = at.dataframe[0].value
    pairs = {tuple(sorted(p.split(" · "))): int(n) for p, n in zip(listed["pair"], listed["shared events"])}
    assert pairs == {
        ("Hamas", "Israel"): 10,
        ("Israel", "Palestinian Islamic Jihad"): 6,
        ("Fatah", "Israel"): 4,
        ("Fatah", "Hamas"): 2,
    }
    at = _app(merged_dir, view="Who acted on whom", initiator="israel", target="hamas")
    listed = at.dataframe[0].value
    first = listed.iloc[0]
    assert (first["side A — side B"], int(first["events"]), int(first["stated"])) == ("Israel — Hamas", 6, 0)
    assert any(c.value.startswith("6 of ") for c in at.caption)  # the selection: Israel on side A, Hamas on B


def test_who_meets_whom_does_not_count_clashes_by_default(merged_dir, monkeypatch):
    monkeypatch.setenv("FACTIONLINE_DATA", str(merged_dir))
    at = _app(merged_dir, view="Who meets whom", **{"from": SIDES_FROM.isoformat()})
    listed = at.dataframe[0].value
    named = {tuple(sorted(p.split(" · "))) for p in listed["pair"]}
    assert ("Hamas", "Israel") not in named and ("Hamas", "Palestinian Islamic Jihad") in named


def _matrix(pairs: dict, ids: list[str]) -> np.ndarray:
    return np.array([[pairs.get((a, b), 0) for b in ids] for a in ids], dtype=np.int64)


def test_memory_duckdb_and_spark_agree_on_sides(merged_dir, engine_url, tmp_path):
    pytest.importorskip("ibis")
    from components.data.manifest import load_trusted
    from components.engines.sql import SqlEngine
    from components.io.ingest import ingest

    ingest(merged_dir, tmp_path / "ds")
    memory, sql = Memory(load_trusted(tmp_path / "ds")), SqlEngine(tmp_path / "ds", engine_url)
    states = [Filters(initiators=("hamas",), targets=("israel", "hamas"), dates=(SIDES_FROM, None))]
    if engine_url.startswith("duckdb"):  # each Spark query is a job on the cluster: one state proves the same SQL
        states += [Filters(), ACLED_ONLY, Filters(targets=("hamas",))]
    ids = list(memory.ds.factions["faction_id"])
    for f in states:
        assert sql.count(f) == memory.ask("counts", f)["events"], f
        for count in cooccurrence.COUNTS:
            x, y = memory.ask("faction_matrix", f, count=count), _matrix(sql.faction_matrix(f, count), ids)
            assert x.ids == ids and np.array_equal(x.counts, y), (f, count)
        x, (counts, stated) = memory.ask("directed_matrix", f), sql.directed_matrix(f)
        assert np.array_equal(x.counts, counts) and np.array_equal(x.stated, stated), f
    if not engine_url.startswith("duckdb"):
        return
    from components.backends.sql import Engine

    engine = Engine(sql)  # the dashboard's backend: the same matrices, with names
    m, d = engine.ask("faction_matrix", ACLED_ONLY, count="conflict"), engine.ask("directed_matrix", ACLED_ONLY)
    assert cell(m, "hamas", "pij") == 0 and cell(m, "hamas", "israel") == 10 and cell(d, "israel", "hamas") == 6
    profiles = [(f, x) for f in states for x in ("hamas", "israel")]  # Compare's side-A and side-B counts
    for f, x in profiles:
        assert engine.ask("faction_profile", f, faction=x) == memory.ask("faction_profile", f, faction=x), (f, x)
    assert memory.ask("faction_profile", ACLED_ONLY, faction="israel")["side_a"] > 0
    sql.t.masks = False  # beyond 63 factions, no masks: the side pairs give the same answers
    for f in states:
        for count in cooccurrence.COUNTS:
            assert np.array_equal(
                memory.ask("faction_matrix", f, count=count).counts, _matrix(sql.faction_matrix(f, count), ids)
            )
        assert np.array_equal(memory.ask("directed_matrix", f).counts, sql.directed_matrix(f)[0])
        assert sql.count(f) == memory.ask("counts", f)["events"], f
    engine = Engine(sql)
    for f, x in profiles:
        assert engine.ask("faction_profile", f, faction=x) == memory.ask("faction_profile", f, faction=x), (f, x)


def test_the_validator_checks_the_sides(data_copy):
    from components.data.loader import read_directory
    from components.data.validate import validate

    path = data_copy / "events.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame["side_a"] = ""
    frame["side_b"] = ""
    frame["direction"] = ""
    outsider = next(
        a for a in pd.read_csv(data_copy / "actors.csv", dtype=str)["actor_id"] if a not in frame.loc[0, "actor_ids"]
    )
    frame.loc[0, ["side_a", "side_b", "direction"]] = [frame.loc[0, "actor_ids"].split(";")[0], outsider, "directed"]
    frame.loc[1, "direction"] = "undirected"
    frame.loc[2, ["side_a", "direction"]] = [frame.loc[2, "actor_ids"].split(";")[0], "sideways"]
    frame.to_csv(path, index=False)
    problems = validate(read_directory(data_copy)[0])
    found = {(p.row, p.column): p for p in problems}
    assert "not in the event's actor_ids" in found[(2, "side_b")].message
    assert "does not match the sides" in found[(3, "direction")].message
    assert "'sideways' is not one of the allowed values" in found[(4, "direction")].message
    assert len(problems) == 3


# --- merged data tells the truth about itself --------------------------------------------------------------
def test_the_merged_licence_gives_each_inputs_terms_for_its_rows(merged_dir):
    licence = (merged_dir / "LICENSE.md").read_text(encoding="utf-8")
    curated, acled = licence.split("## The rows of imp")
    assert "## The rows of data (13 events" in curated and "CC BY 4.0" in curated
    assert "Armed Conflict Location & Event Data Project (ACLED); www.acleddata.com" in acled
    assert f"Accessed: {dt.date.today().isoformat()}." in acled  # an upload's data: accessed today
    assert "CC BY" not in acled and "Factionline contributors" not in acled


def test_about_describes_every_input_and_claims_no_single_article(merged_dir, monkeypatch):
    monkeypatch.setenv("FACTIONLINE_DATA", str(merged_dir))
    at = _app(merged_dir, view="About this data")
    notes = {
        e.label: " ".join(m.value for m in e.markdown).replace("\\", "").replace("\u2060", "") for e in at.expander
    }
    assert "This directory merges 2 inputs" in notes["Curation note"]
    assert "imported: Import of acled.csv (ACLED)" in notes["Curation note"]
    assert "its own note (about its 13 events)" in notes["Curation note"]
    assert "Every row in this dataset comes from one article" not in " ".join(notes.values())
    assert "Armed Conflict Location & Event Data Project (ACLED); www.acleddata.com" in notes["Licence"]


def test_one_outlet_per_name_across_inputs(merged, tmp_path):
    names = merged.sources["name"].str.lower()
    assert (names == "al jazeera").sum() == 1  # ACLED's "Al Jazeera" is the curated outlet
    clash = merged.events.set_index("event_id").loc["imp:acled-pse90000"]
    assert clash["reported_by"] == "aljazeera"
    # An import made without the curated outlets (an older one) is matched by the merge
    from components.io.imports import build
    from components.io.imports.build import Base
    from components.io.merge import merge

    data = acled_shaped.text(0, sides=True).encode()
    build("acled", "acled.csv", data, Base()).write(tmp_path / "old")
    report = merge([BUNDLED, tmp_path / "old"], tmp_path / "m")
    ds = load(tmp_path / "m")
    assert (ds.sources["name"].str.lower() == "al jazeera").sum() == 1
    assert ds.events.set_index("event_id").loc["old:acled-pse90000", "reported_by"] == "aljazeera"
    assert any("→ aljazeera" in u for u in report.unified)


def test_an_imported_record_shows_its_own_date(merged):
    from components.analysis.provenance import attribution

    for event_id, day in (("imp:acled-pse90000", "12 Jun 2024"), ("imp:acled-pse90006", "12 Jul 2024")):
        report = merged.reports_of(merged.position_of(event_id)).iloc[0].to_dict()
        assert attribution(merged, report).endswith(f", {day}"), event_id


def test_an_import_writes_csv_below_50000_events_and_parquet_from_it_in_date_order(tmp_path, monkeypatch):
    import importlib

    from components.data import schema
    from components.io.imports import run_import
    from components.io.imports.build import date_keys

    build_module = importlib.import_module("components.io.imports.build")
    source = tmp_path / "acled.csv"
    source.write_text(acled_shaped.text(300), encoding="utf-8")  # its records in no date order
    small = run_import("acled", source, tmp_path / "small", accessed="2025-05-20")
    assert (tmp_path / "small" / "events.csv").is_file() and not (tmp_path / "small" / "events.parquet").exists()
    written = pd.read_csv(tmp_path / "small" / "events.csv", dtype=str, keep_default_na=False)
    assert (np.diff(date_keys(written["date"])) >= 0).all() and len(written) == small.n_events
    assert "Accessed: 2025-05-20." in (tmp_path / "small" / "LICENSE.md").read_text(encoding="utf-8")
    # From schema.PARQUET_FROM events: Parquet, merged in date order from the sorted parts it was spilled in
    monkeypatch.setattr(schema, "PARQUET_FROM", 100)
    monkeypatch.setattr(build_module, "SPILL_ROWS", 64)
    monkeypatch.setattr(build_module, "MERGE_ROWS", 16)
    run_import("acled", source, tmp_path / "big")
    big = pd.read_parquet(tmp_path / "big" / "events.parquet")
    assert (np.diff(date_keys(big["date"])) >= 0).all()
    pd.testing.assert_frame_equal(
        big.sort_values("event_id").reset_index(drop=True)[list(written.columns)],
        written.sort_values("event_id").reset_index(drop=True),
    )
    assert len(load(tmp_path / "big").events) == small.n_events


GDELT = ROOT.parent / "shared" / "fixtures" / "external" / "gdelt" / "20191024143000.export.CSV"


@pytest.mark.skipif(not GDELT.is_file(), reason=f"the shared GDELT fixture is not at {GDELT}")
def test_a_real_gdelt_export_gives_directed_sides_and_each_records_own_date(tmp_path):
    from components.io.imports import run_import

    run_import("gdelt", GDELT, tmp_path / "g")
    ds = load(tmp_path / "g")
    ev = ds.events
    both = ev[(ev["side_a"] != "") & (ev["side_b"] != "")]
    assert len(both) > 100 and set(ev.loc[ev["side_a"] + ev["side_b"] != "", "direction"]) == {"directed"}
    first = both.iloc[0]
    assert first["actor_roles"].startswith("Actor1: ") and "; Actor2: " in first["actor_roles"]
    hamas = ev[ev["actor_ids"].str.contains("hamas")]
    assert len(hamas) and set(hamas["direction"]) == {"directed"}
    assert set(ds.articles["published_on"]) == {"2019-10-24"}  # DATEADDED, not the day of the import


def test_a_directory_with_sides_round_trips_through_the_store(merged_dir, tmp_path):
    from components.store import versions, workcopy
    from components.store.db import open_store
    from components.store.roles import User

    engine = open_store(f"sqlite:///{tmp_path / 'store.sqlite'}")
    who = User("Operator", "admin")
    workcopy.import_directory(engine, who, merged_dir, then=lambda c: versions.publish_in(c, who, "one"))
    _, out = versions.export(engine, tmp_path / "out")
    a, b = load(merged_dir).events, load(out).events
    for column in ("event_id", "side_a", "side_b", "direction", "actor_roles"):
        assert list(a[column]) == list(b[column]), column
