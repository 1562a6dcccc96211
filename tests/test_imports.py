"""Importers (ACLED, GDELT, TimelineJS, tables), the crosswalk, merge and the TimelineJS export,
against the real fixtures in ../shared/fixtures/external and the constructed ACLED sample."""

import json
import subprocess
import sys

import pandas as pd
import pytest

from components.analysis.export import timelinejs
from components.analysis.query import Filters, apply
from components.data.load import load
from components.io.crosswalk import Crosswalk, CrosswalkError
from components.io.imports import Base, ImportFailed, build, detect, run_import
from components.io.merge import MergeError, merge

from .conftest import BUNDLED, ROOT, SHARED

EXT = SHARED / "fixtures" / "external"
GDELT2 = EXT / "gdelt" / "20191024143000.export.CSV"
GDELT1 = EXT / "gdelt" / "gdelt1_sample_events.tsv"
TL = EXT / "timelinejs"
ACLED = ROOT / "tests" / "fixtures" / "acled_sample.csv"
needs_ext = pytest.mark.skipif(not EXT.exists(), reason="../shared/fixtures/external is absent")


def imported(fmt, path, tmp_path, name="out"):
    b = run_import(fmt, path, tmp_path / name)
    return b, load(tmp_path / name)


def event(ds, event_id):
    rows = ds.events[ds.events["event_id"] == event_id]
    assert len(rows) == 1, event_id
    return rows.iloc[0]


def lanes(ds, event_id):
    return set(ds.factions_of_event(event_id))


# --- GDELT -------------------------------------------------------------------------------------
@needs_ext
def test_gdelt2_every_row_becomes_one_event_and_a_known_row_is_right(tmp_path):
    b, ds = imported("gdelt", GDELT2, tmp_path)
    assert len(ds.events) + len(b.skipped) == 2111 and not b.skipped
    e = event(ds, "gdelt-881991970")  # line 1139: ISRAEL vs PSEREB "HAMAS", CAMEO 020
    assert e["date"] == "2019-10-24" and e["precision"] == "day" and e["status"] == "reported"
    assert ds.type_label[e["event_type"]] == "Appeal, not specified below"
    assert lanes(ds, "gdelt-881991970") == {"hamas", "israel"}  # the crosswalk reached the bundled lanes
    assert "hamas" in e["actor_ids"].split(";")  # GDELT's HAMAS is the curated Hamas actor
    assert e["source_url"] == "https://www.weeklyblitz.net/oped/will-a-combustible-gaza-ignite-in-war/"
    assert ds.source[e["reported_by"]]["name"] == "weeklyblitz.net"
    assert e["location"] == "Jerusalem, Israel (general), Israel"
    assert "GDELT 2.0" in e["note"]


@needs_ext
def test_gdelt1_file_mixes_both_layouts_and_keeps_every_row(tmp_path):
    b, ds = imported("gdelt", GDELT1, tmp_path)
    assert len(ds.events) == 710 and not b.skipped
    notes = ds.events["note"]
    assert notes.str.contains("historical backfile").sum() == 201
    assert notes.str.contains(r"GDELT 1\.0 \(daily\)").sum() == 509
    backfile = ds.events[notes.str.contains("backfile")]
    assert (backfile["source_url"] == "").all()  # the backfile has no SOURCEURL
    assert (ds.events.loc[notes.str.contains("daily"), "source_url"].str.startswith("http")).all()


@needs_ext
def test_gdelt_rows_of_other_lengths_are_reported_with_their_line(tmp_path):
    lines = (
        GDELT2.read_text(encoding="utf-8").splitlines()[:3]
        + ["1\t2\t3", ""]
        + GDELT1.read_text(encoding="utf-8").splitlines()[:2]
        + ["881\tnotadate" + "\tx" * 59]
    )
    path = tmp_path / "mixed.CSV"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    b, ds = imported("gdelt", path, tmp_path)
    assert len(ds.events) == 5
    assert [(k.where, k.reason.split(";")[0]) for k in b.skipped] == [
        ("line 4", "3 tab-separated fields"),
        ("line 5", "blank line"),
        ("line 8", "SQLDATE 'notadate' is not a YYYYMMDD date"),
    ]


# --- ACLED -------------------------------------------------------------------------------------
def test_acled_dates_precision_and_every_row_accounted(tmp_path):
    b, ds = imported("acled", ACLED, tmp_path)
    data_rows = sum(1 for line in ACLED.read_text(encoding="utf-8").splitlines()[1:])
    assert len(ds.events) + len(b.skipped) == data_rows == 10
    assert event(ds, "acled-pse90001")["date"] == "2024-02-28"
    week = event(ds, "acled-pse90002")  # "28 February 2024", time_precision 2
    assert week["date"] == "2024-02-25/2024-03-02" and week["precision"] == "interval"
    month = event(ds, "acled-pse90003")  # spreadsheet "6-Jun-25", time_precision 3
    assert month["date"] == "2025-06" and month["precision"] == "month"
    assert event(ds, "acled-pse90004")["date"] == "2025-06-06"  # "06-Jun-2025"
    assert {k.where: k.reason for k in b.skipped} == {
        "line 6": "event_date '31/02/2024' is not a date ACLED or a spreadsheet writes "
        "(e.g. 2024-02-28, 28 February 2024, 28-Feb-24)",
        "line 7": "event_date '2023-03-01' is in 2023 but the year column says 2024",
        "line 8": "blank row",
        "line 9": "time_precision '4' is not 1, 2 or 3",
        "line 11": "6 fields where the header has 31 (a broken or cut row)",
    }


def test_acled_actors_reach_the_bundled_factions_through_the_crosswalk(tmp_path):
    _, ds = imported("acled", ACLED, tmp_path)
    assert lanes(ds, "acled-pse90002") == {"hamas", "fatah"}  # "Hamas Movement", "Fatah Movement"
    assert lanes(ds, "acled-pse90004") == {"hamas", "pij", "israel"}  # armed wings and Israeli forces
    e = event(ds, "acled-pse90004")
    assert ds.source[e["reported_by"]]["name"] == "Times of Israel"  # first of "Times of Israel; Xinhua"
    assert "sources: Times of Israel; Xinhua" in e["note"]
    assert e["evidence"] == "TEST ROW. On 6 June 2025, an armed clash was reported near Khan Younis."


def test_without_a_crosswalk_outside_actors_stay_unmapped(tmp_path):
    b = build("acled", ACLED.name, ACLED.read_bytes(), Base())
    assert not b.reached and not b.factions


# --- TimelineJS --------------------------------------------------------------------------------
@needs_ext
def test_timelinejs_json_and_template_csv_give_the_same_events(tmp_path):
    _, from_json = imported("timelinejs", TL / "women_in_computing.json", tmp_path, "json")
    b, from_csv = imported("timelinejs", TL / "women_in_computing.csv", tmp_path, "csv")
    assert len(from_json.events) == len(from_csv.events) == 10
    assert sorted(from_json.events["date"]) == sorted(from_csv.events["date"])
    assert [k.where for k in b.skipped] == ["line 2"] and "title slide" in b.skipped[0].reason
    dates = dict(zip(from_json.events["title"], from_json.events["date"]))
    assert dates["Ada Lovelace"] == "1815-12-10/1852-11-27"
    assert "1943-07/1946" in dates.values()  # month start, year-only end: precision kept


@needs_ext
def test_timelinejs_eras_are_spans_and_groups_are_lanes(tmp_path):
    b, eras = imported("timelinejs", TL / "eras.json", tmp_path, "eras")
    assert len(eras.events) == 23 and b.title == "Eras Test"
    era = eras.events[eras.events["event_type"] == "timelinejs-era"]
    assert sorted(era["date"]) == ["0600/0650", "0650/0700", "0700/0720"]
    assert (era["precision"] == "interval").all()
    _, media = imported("timelinejs", TL / "all-media-types.json", tmp_path, "media")
    assert len(media.events) == 41
    assert {"Video", "Image", "Audio"} <= set(media.factions["name"])
    _, twain = imported("timelinejs", TL / "marktwain.json", tmp_path, "twain")
    assert len(twain.events) == 17


@needs_ext
def test_timelinejs_html_is_reduced_to_text(tmp_path):
    _, ds = imported("timelinejs", TL / "women_in_computing.json", tmp_path)
    assert not ds.events["summary"].str.contains("<").any()
    assert not ds.sources["name"].str.contains("<").any()


# --- tables, detection, broken files -----------------------------------------------------------
def test_events_table_in_csv_xlsx_and_parquet(tmp_path):
    frame = pd.DataFrame(
        {
            "date": ["2024-02-29", "2024-02"],
            "title": ["Talks", "Consultations"],
            "actor_ids": ["Hamas;Fatah", "Qatar"],
            "status": ["planned", "???"],
        }
    )
    for name, write in (
        ("t.csv", lambda p: frame.to_csv(p, index=False)),
        ("t.xlsx", lambda p: frame.to_excel(p, index=False)),
        ("t.parquet", lambda p: frame.to_parquet(p)),
    ):
        write(tmp_path / name)
        b = build(
            detect(name, (tmp_path / name).read_bytes()), name, (tmp_path / name).read_bytes(), Base.read(BUNDLED)
        )
        b.write(tmp_path / f"out-{name}")
        ds = load(tmp_path / f"out-{name}")
        assert lanes(ds, "table-line-2") == {"hamas", "fatah"}, name  # names reach lanes via the crosswalk
        assert event(ds, "table-line-3")["status"] == "reported"
        assert "read as 'reported'" in event(ds, "table-line-3")["note"]


@needs_ext
@pytest.mark.parametrize(
    "name, data, fmt",
    [
        ("x.CSV", GDELT2.read_bytes()[:5000] if GDELT2.exists() else b"", "gdelt"),
        ("a.csv", ACLED.read_bytes(), "acled"),
        ("w.json", b"{}", "timelinejs"),
        ("w.csv", (TL / "my-own-timeline.csv").read_bytes() if TL.exists() else b"", "timelinejs"),
        ("e.csv", b"date,title\n2024,x\n", "table"),
        ("e.xlsx", b"", "table"),
    ],
)
def test_detect(name, data, fmt):
    assert detect(name, data) == fmt


@pytest.mark.parametrize(
    "fmt, content, words",
    [
        ("acled", b"a,b,c\n1,2,3\n", "line 1: the header lacks the ACLED column(s)"),
        ("timelinejs", b'{"events": [1, 2', "line 1: not valid JSON"),
        ("timelinejs", b'{"title": {}}', 'an "events" list'),
        ("gdelt", b"\n\n", "no record could be imported"),
        ("gdelt", b"ok\n\xff\xfe broken\n", "line 2: byte 0xff is not UTF-8"),
        ("acled", b"\x00\x01binary", "binary file"),
        ("table", b"when,what\n2024,x\n", "lacks the column(s) date, title"),
    ],
)
def test_broken_files_say_file_line_and_problem(fmt, content, words):
    with pytest.raises(ImportFailed) as err:
        build(fmt, "input.file", content, Base())
    assert str(err.value).startswith("input.file") and words in str(err.value)


def test_crosswalk_errors_name_line_and_column(tmp_path):
    path = tmp_path / "crosswalk.csv"
    path.write_text("scheme,value,actor_id,faction_ids,note\ncameo,HMS,,nosuch,\n", encoding="utf-8")
    with pytest.raises(CrosswalkError, match=r"line 2, column faction_ids: 'nosuch'"):
        Crosswalk.read(path, known_factions={"hamas"})
    path.write_text("scheme,value\nplanet,Mars\n", encoding="utf-8")
    with pytest.raises(CrosswalkError, match="line 2, column scheme"):
        Crosswalk.read(path)


def test_cameo_codes_match_whole_then_group_part_then_country_prefix():
    cw = Base.read(BUNDLED).crosswalk
    assert cw.cameo("PSEREBHMS").actor_id == "hamas"
    assert cw.cameo("PSEGOV").actor_id == "pa-government"
    assert cw.cameo("ISRMIL").faction_ids == ("israel",)
    assert cw.cameo("USAGOV") is None


def test_the_bundled_crosswalk_names_real_actors_and_factions():
    base = Base.read(BUNDLED)  # Crosswalk.read checks every id against actors.csv and factions.csv
    assert len(base.crosswalk) >= 25


# --- merge -------------------------------------------------------------------------------------
@needs_ext
def test_merge_namespaces_unifies_and_reports_likely_duplicates(tmp_path):
    run_import("gdelt", GDELT2, tmp_path / "gdelt")
    run_import("acled", ACLED, tmp_path / "acled")
    before = sorted(p.stat().st_mtime_ns for p in BUNDLED.rglob("*"))
    report = merge([BUNDLED, tmp_path / "gdelt", tmp_path / "acled"], tmp_path / "merged")
    assert sorted(p.stat().st_mtime_ns for p in BUNDLED.rglob("*")) == before
    ds = load(tmp_path / "merged")
    assert len(ds.events) == 13 + 2111 + 5
    assert "ev-2024-02-29-hamas-fatah-meet-moscow" in set(ds.events["event_id"])  # first input keeps ids
    assert "gdelt:gdelt-881991970" in set(ds.events["event_id"])
    assert list(ds.factions["faction_id"]) == list(load(BUNDLED).factions["faction_id"])  # one set of lanes
    assert lanes(ds, "acled:acled-pse90002") == {"hamas", "fatah"}
    pairs = set(zip(report.duplicates["event_a"], report.duplicates["event_b"]))
    assert ("ev-2024-02-29-hamas-fatah-meet-moscow", "acled:acled-rus90008") in pairs
    assert (tmp_path / "merged" / "duplicates.csv").exists()
    with pytest.raises(MergeError, match="not empty"):
        merge([BUNDLED, tmp_path / "acled"], tmp_path / "merged")


# --- CLI ---------------------------------------------------------------------------------------
@needs_ext
def test_cli_import_reports_skipped_lines_and_fails_cleanly(tmp_path):
    ok = subprocess.run(
        [sys.executable, "-m", "components.cli", "import", "acled", str(ACLED), "--out", str(tmp_path / "a")],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert ok.returncode == 0, ok.stderr
    assert "5 events from acled_sample.csv; 5 records not imported" in ok.stdout
    assert "line 7: event_date '2023-03-01' is in 2023" in ok.stdout
    bad = subprocess.run(
        [sys.executable, "-m", "components.cli", "import", "acled", str(GDELT2), "--out", str(tmp_path / "b")],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert bad.returncode == 1 and "Traceback" not in bad.stderr
    assert "line 1: the header lacks the ACLED column(s)" in bad.stderr


# --- TimelineJS export -------------------------------------------------------------------------
@needs_ext
def test_timelinejs_export_holds_the_selection_and_imports_back(tmp_path):
    ds = load(BUNDLED)
    sel = apply(ds, Filters(factions=("hamas",)))
    data = json.loads(timelinejs(ds, sel.events, sel.event_pos, sel.quotes))
    assert len(data["events"]) == sel.n_events
    assert {s["unique_id"] for s in data["events"]} == set(sel.events["event_id"])
    assert {s["group"] for s in data["events"]} <= set(ds.factions["name"]) | {"No faction"}
    everything = apply(ds, Filters())
    slides = {
        s["unique_id"]: s
        for s in json.loads(timelinejs(ds, everything.events, everything.event_pos, everything.quotes))["events"]
    }
    assert slides["ev-2023-10-gaza-war"]["start_date"] == {
        "year": "2023",
        "month": "10",
        "display_date": "October 2023",
    }
    assert slides["ev-2024-02-zomlot-guardian-interview"]["start_date"]["display_date"] == "February 2024 (uncertain)"
    assert slides["ev-2023-10-2024-02-russia-israel-strain"]["end_date"] == {"year": "2024", "month": "2"}
    assert slides["ev-2023-10-gaza-war"]["group"] == "Israel"
    (tmp_path / "tl.json").write_text(json.dumps(data), encoding="utf-8")
    _, back = imported("timelinejs", tmp_path / "tl.json", tmp_path)
    assert sorted(back.events["date"]) == sorted(sel.events["date"].str.replace(r"[?~%]", "", regex=True))


def test_timelinejs_export_escapes_markup(data_copy):
    from .conftest import edit

    edit(
        data_copy,
        "events.csv",
        "Hamas and Fatah representatives to meet in Moscow",
        "<img src=x onerror=alert(1)> meet",
    )
    ds = load(data_copy)
    sel = apply(ds, Filters())
    text = timelinejs(ds, sel.events, sel.event_pos, sel.quotes).decode()
    assert "<img" not in text and "&lt;img src=x onerror=alert(1)&gt; meet" in text
