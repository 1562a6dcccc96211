"""The filters and aggregates on an analytical engine (through Ibis: DuckDB in process, and Spark on a local
standalone cluster of two workers) give exactly the in-memory model's results on the same ingested dataset
(issue 17)."""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pandas as pd
import pytest

from components.analysis import cooccurrence, query
from components.analysis.aggregate import lane_counts
from components.analysis.filters import FILTERS, Filters
from components.data.manifest import load_trusted
from components.io.ingest import ingest

from .conftest import BUNDLED

pytest.importorskip("ibis")
pytest.importorskip("duckdb")
from components.engines.sql import SqlEngine, Unsupported  # noqa: E402


def states(ds) -> list[Filters]:
    factions = list(ds.factions["faction_id"])
    actors = list(ds.actors["actor_id"])
    types = list(ds.event_types["event_type"])
    first = ds.events["start"].min().date()
    middle = first + (ds.events["end"].max().date() - first) / 2
    out = [
        Filters(),
        Filters(factions=(factions[0],)),
        Filters(factions=tuple(factions[:3])),
        Filters(together=tuple(factions[:2])),
        Filters(actors=(actors[0], actors[-1])),
        Filters(dates=(middle, None)),
        Filters(dates=(None, middle)),
        Filters(dates=(middle, middle + dt.timedelta(days=40))),
        Filters(types=tuple(types[:2])),
        Filters(statuses=("planned",)),
        Filters(statuses=("occurred", "reported"), factions=(factions[1],), dates=(middle, None)),
        Filters(min_sources=2),
    ]
    title_word = str(ds.events["title"].iloc[len(ds.events) // 2]).split()[0]
    actor = ds.actors.iloc[len(ds.actors) // 2]
    out += [
        Filters(q=title_word),
        Filters(q=f"{title_word.upper()} {str(actor['name']).split()[-1]}"),
        Filters(q=str(actor["name"]).lower()),  # an actor's name: its text, or its rows
        Filters(q="no-such-word-anywhere"),
    ]
    if "Mousa Abu Marzook" not in set(ds.actors["name"]) and "hamas" in set(ds.actors["actor_id"]):
        out.append(Filters(q="Mousa Abu Marzook Moscow"))  # another spelling of an actor's name
    if ds.graded:
        out += [Filters(grades=("B",)), Filters(grades=("C", "3")), Filters(grades=("A",)), Filters(grades=("2",))]
    families = sorted(set(ds.type_family.values()))
    if len(families) > 1:  # what happened: cooperation apart from conflict (issue 25)
        out += [Filters(families=(families[0],)), Filters(families=tuple(families[1:]), factions=(factions[0],))]
    if ds.has_measure("fatalities"):  # issue 25: the filters analysts use on ACLED-like data
        out += [Filters(min_fatalities=5), Filters(min_fatalities=1, factions=(factions[0],))]
    for key, column in (("regions", "admin1"), ("districts", "admin2"), ("civilians", "civilian_targeting")):
        values = ds.distinct_values(column) if column in ds.events.columns else []
        if values:
            out.append(Filters(**{key: (values[0],)}))
    if "source_scale" in ds.events.columns and ds.distinct_values("source_scale"):
        out.append(Filters(scales=tuple(ds.distinct_values("source_scale")[:2])))
    if "location" in ds.events.columns and ds.events["location"].str.strip().ne("").any():
        out.append(Filters(places=(ds.events["location"][ds.events["location"].str.strip() != ""].iloc[0].strip(),)))
    return out


@pytest.fixture(scope="module", params=["bundled", "synthetic", "reports"])
def pair(request, tmp_path_factory, engine_url):
    folder = tmp_path_factory.mktemp("engines")
    source = BUNDLED
    if request.param == "reports":  # several reports per event, and source grades
        from .reports_fixture import write

        source = write(folder / "reports")
    if request.param == "synthetic":
        from components.io.synth import synthesize

        synthesize(3000, folder / "synth", seed=5, reports=0.3)
        source = folder / "synth"
    ingest(source, folder / "ds")
    return load_trusted(folder / "ds"), SqlEngine(folder / "ds", engine_url)


def test_every_filter_selects_the_same_events(pair):
    ds, engine = pair
    for f in states(ds):
        memory = query.apply(ds, f).event_pos
        assert np.array_equal(engine.positions(f), np.sort(memory)), f


def test_every_count_is_the_same_from_the_scanned_events(pair):
    """The aggregates read Tables.scan: on Spark, the events without their text columns, kept in the workers'
    memory; a filter on a text column (search) goes to the whole table. Counts per day are the model's."""
    ds, engine = pair
    if engine.name == "pyspark":
        engine.warm().join()  # the server's backend starts it when it opens
        assert engine.t.scan is engine.t.cached and "search" not in engine.t.scan.columns
    chosen = states(ds)
    if engine.name == "pyspark":  # a query is half a second on the local cluster: the copy, and the files
        chosen = [f for f in chosen if f.factions or f.together or f.dates != (None, None)][:4]
        chosen += [next(f for f in states(ds) if f.q), next(f for f in states(ds) if f.types)]
    for f in chosen:
        sel = query.apply(ds, f)
        assert engine.count(f) == len(sel.event_pos), f
        memory = pd.Series(ds.events["event_type"].to_numpy()[sel.event_pos]).value_counts()
        got = engine.per_type(f)
        assert dict(got[got > 0]) == dict(memory), f


def test_the_sliders_ends_are_stored_at_ingest_and_are_the_models(pair):
    ds, engine = pair
    stored = json.loads((engine.root / "derived" / "choices.json").read_text())["ranges"]
    assert stored == {
        "n_sources_max": int(ds.events["n_sources"].max()),
        "grades_seen": ds.grades_seen(),
        "sides": ds.has_sides,
    }
    assert engine.max_sources() == stored["n_sources_max"] and engine.grades_seen() == stored["grades_seen"]
    older = SqlEngine(engine.root, engine.url)
    older._cache["choices"] = {}  # a dataset ingested before the ends were stored: scanned for them
    assert older.max_sources() == stored["n_sources_max"] and older.grades_seen() == stored["grades_seen"]
    assert older.has_sides() == engine.has_sides() == ds.has_sides


def test_counts_per_faction_and_the_matrix_are_the_same(pair):
    ds, engine = pair
    for f in states(ds)[:6]:
        sel = query.apply(ds, f)
        m = cooccurrence.faction_matrix(ds, sel.event_pos)
        expected = {
            (a, b): int(m.counts[i, j]) for i, a in enumerate(m.ids) for j, b in enumerate(m.ids) if m.counts[i, j]
        }
        assert engine.faction_matrix(f) == expected, f
        assert engine.per_faction(f) == {a: n for (a, b), n in expected.items() if a == b}, f


def test_every_filter_compiles_and_a_dataset_without_search_text_refuses_search_clearly(pair):
    _, engine = pair
    assert all(flt.sql is not None for flt in FILTERS.values())
    older = SqlEngine(engine.root, engine.url)
    older.t.events = older.t.events.drop("search")  # as a dataset ingested before search ran on engines
    assert not older.supports("q") and older.supports("factions")
    with pytest.raises(Unsupported, match="Search filter does not run on this engine's dataset"):
        older.count(Filters(q="moscow"))


@pytest.mark.parametrize("bucket", ["day", "week", "month", "quarter", "year"])
def test_lane_counts_are_the_memory_models(pair, bucket):
    ds, engine = pair
    factions = list(ds.factions["faction_id"])
    for f in states(ds)[:5] + [Filters(factions=tuple(factions[1:3]))]:
        memory = lane_counts(ds, query.apply(ds, f).event_pos, f.factions, bucket)
        got = engine.lane_counts(f, bucket)
        assert got.lanes == memory.lanes, f
        assert got.bucket == memory.bucket
        assert np.array_equal(got.starts, memory.starts) and np.array_equal(got.ends, memory.ends), f
        assert np.array_equal(got.counts, memory.counts), f


def test_pages_bounds_and_places_are_the_memory_models(pair):
    ds, engine = pair
    for f in states(ds)[:4]:
        sel = query.apply(ds, f)
        ids = ds.events["event_id"].to_numpy()[np.sort(sel.event_pos)]
        assert engine.page_ids(f, "Date", False, 0, 10) == list(ids[:10]), f
        assert engine.page_ids(f, "Date", False, 10, 10) == list(ids[10:20]), f
        lo, hi = engine.bounds(f)
        assert lo == ds.events["start"].to_numpy()[sel.event_pos].astype("datetime64[D]").min()
        assert hi == ds.events["end"].to_numpy()[sel.event_pos].astype("datetime64[D]").max()
    assert set(engine.distinct("location")) == {v.strip() for v in ds.distinct_values("location")}
    assert engine.bounds(Filters(statuses=("planned",), dates=(dt.date(1900, 1, 1), dt.date(1900, 1, 2)))) == (
        None,
        None,
    )


def test_a_result_is_kept_per_filter_state(pair):
    _, engine = pair
    f = Filters(statuses=("planned",))
    first = engine.faction_matrix(f)
    assert engine.faction_matrix(f) is first  # answered from the engine once
    assert engine.faction_matrix(Filters(statuses=("occurred",))) is not first


def test_several_directories_are_ingested_as_one_dataset(tmp_path):
    from components.io.synth import synthesize_parts

    synthesize_parts(2_500, tmp_path / "parts", part_size=1_000, seed=3, workers=1)
    parts = sorted((tmp_path / "parts").iterdir())
    assert [p.name for p in parts] == ["part-000", "part-001", "part-002"]
    manifest = ingest(parts, tmp_path / "ds")
    assert manifest["counts"]["events"] == 2_500
    assert manifest["tables"]["factions"]["rows"] == 36  # shared: written once
    engine = SqlEngine(tmp_path / "ds")
    ds = load_trusted(tmp_path / "ds")  # the joined dataset is also a valid one for the in-memory model
    assert len(ds.events) == engine.total == 2_500
    for f in states(ds)[:6]:
        memory = set(ds.events["event_id"].to_numpy()[query.apply(ds, f).event_pos])
        chosen = set(engine.where(f).select("event_id").to_pandas()["event_id"])
        assert chosen == memory, f


def test_ids_repeated_across_directories_are_refused(tmp_path):
    from components.data.problems import InvalidData
    from components.io.synth import synthesize

    synthesize(200, tmp_path / "a", seed=1)
    synthesize(200, tmp_path / "b", seed=1, events_per_article=100)
    with pytest.raises(InvalidData) as err:
        ingest([tmp_path / "a", tmp_path / "b"], tmp_path / "ds")
    assert "also occurs in a, an earlier directory" in err.value.problems[0].message
    synthesize(200, tmp_path / "c", seed=2, part=1)  # other factions and actors (another seed)
    with pytest.raises(InvalidData) as err:
        ingest([tmp_path / "a", tmp_path / "c"], tmp_path / "ds2")
    assert "must be the same in every directory" in err.value.problems[0].message
    assert not (tmp_path / "ds").exists() and not (tmp_path / "ds2").exists()  # nothing half-written is left


@pytest.mark.parametrize("source", ["bundled", "synthetic"])
def test_without_faction_masks_the_pairs_give_the_same_results(source, tmp_path):
    """More than 63 factions: no masks; the filters and aggregates go through the event–faction pairs."""
    if source == "synthetic":
        from components.io.synth import synthesize

        synthesize(3000, tmp_path / "synth", seed=5, reports=0.3)
    ingest(BUNDLED if source == "bundled" else tmp_path / "synth", tmp_path / "ds")
    masked, engine = SqlEngine(tmp_path / "ds"), SqlEngine(tmp_path / "ds")
    engine.t.masks = False
    factions = list(masked.factions["faction_id"])
    for f in [Filters(), Filters(factions=(factions[0],)), Filters(together=tuple(factions[:2]))]:
        assert np.array_equal(engine.positions(f), masked.positions(f)), f
        assert engine.faction_matrix(f) == masked.faction_matrix(f), f
        for bucket in ("week", "month"):
            a, b = engine.lane_counts(f, bucket), masked.lane_counts(f, bucket)
            assert a.lanes == b.lanes and np.array_equal(a.counts, b.counts), f


def test_places_are_the_memory_models(pair):
    from components.analysis.geo import places

    ds, engine = pair
    for f in states(ds)[:5]:
        expected, unplaced = places(ds, query.apply(ds, f).event_pos)
        got, got_unplaced = engine.places(f)
        assert got_unplaced == unplaced, f
        key = ["place", "lat", "lon", "events"]
        assert (
            got[key]
            .sort_values("place")
            .reset_index(drop=True)
            .equals(expected[key].sort_values("place").reset_index(drop=True))
        ), f
        if ds.has_measure("fatalities"):
            assert np.allclose(
                got.set_index("place")["fatalities"], expected.set_index("place")["fatalities"].loc[got["place"]]
            )


def test_a_file_changed_in_place_is_found_by_the_checksums_in_the_background(tmp_path):
    import os
    import time

    from components.data.manifest import DatasetRefused

    ingest(BUNDLED, tmp_path / "ds")
    part = next((tmp_path / "ds" / "derived" / "events").iterdir())
    stat = part.stat()
    data = bytearray(part.read_bytes())
    data[64] ^= 0xFF  # in the first column's data, not the footer: same size, same time; only the checksum tells
    part.write_bytes(bytes(data))
    os.utime(part, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    engine = SqlEngine(tmp_path / "ds")  # opens at once: sizes and times match
    deadline = time.monotonic() + 30
    while engine.refused is None and time.monotonic() < deadline:
        time.sleep(0.05)
    with pytest.raises(DatasetRefused, match="checksum differs"):
        engine.count(Filters(statuses=("planned",)))


def test_an_engine_opens_on_what_it_reads_and_checks_the_rest_in_the_background(tmp_path):
    import time

    from components.data.manifest import DatasetRefused

    ingest(BUNDLED, tmp_path / "ds")
    (tmp_path / "ds" / "derived" / "extra.parquet").write_bytes(b"PAR1")
    with pytest.raises(DatasetRefused, match="derived/extra.parquet is not in manifest.json"):
        SqlEngine(tmp_path / "ds")  # what the engine reads: checked when it opens
    (tmp_path / "ds" / "derived" / "extra.parquet").unlink()
    article = next((tmp_path / "ds" / "articles").iterdir())
    article.write_text(article.read_text(encoding="utf-8").upper(), encoding="utf-8")  # same size
    engine = SqlEngine(tmp_path / "ds")  # the article texts: in the background
    deadline = time.monotonic() + 30
    while engine.refused is None and time.monotonic() < deadline:
        time.sleep(0.05)
    with pytest.raises(DatasetRefused, match="checksum differs"):
        engine.count(Filters(statuses=("planned",)))
