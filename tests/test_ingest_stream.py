"""Ingest that streams what it is given (issue 29): a directory whose events table is larger than a part is
read in parts (components/io/split.py) and gives the same dataset as reading it whole; a problem in a
late part is reported at the row of the original file, and nothing is written."""

from __future__ import annotations

import pandas as pd
import pyarrow.parquet as pq
import pytest

from components.data.manifest import load_trusted
from components.data.problems import InvalidData
from components.io.ingest import ingest
from components.io.synth import synthesize

pytest.importorskip("duckdb")


def _csv_only(root):
    """synthesize(csv=True) writes CSV beside the Parquet (which the loader would read first)."""
    for path in root.glob("*.parquet"):
        path.unlink()


def _table(path) -> pd.DataFrame:
    frame = pq.read_table(path).to_pandas()
    for c in frame.columns:
        frame[c] = frame[c].astype(str)
    return frame.sort_values(list(frame.columns)).reset_index(drop=True)


@pytest.fixture(scope="module", params=["parquet", "csv"])
def both(request, tmp_path_factory):
    """One directory of 2,500 events with quotes and reports, ingested whole and in parts of 700."""
    root = tmp_path_factory.mktemp(request.param)
    synthesize(2_500, root / "data", seed=5, csv=request.param == "csv", reports=0.3)
    if request.param == "csv":
        _csv_only(root / "data")
    whole = ingest(root / "data", root / "whole", part_rows=1_000_000)
    parts = ingest(root / "data", root / "parts", part_rows=700)
    return root, whole, parts


def test_a_table_larger_than_a_part_gives_the_same_dataset_as_reading_it_whole(both):
    from components.engines.sql import SqlEngine

    from .test_engines import states

    root, whole, parts = both
    assert parts["counts"] == whole["counts"] and parts["counts"]["events"] == 2_500
    assert {t: v["rows"] for t, v in parts["tables"].items()} == {t: v["rows"] for t, v in whole["tables"].items()}
    for name in ("events", "quotes", "reports", "actors", "factions", "articles"):
        file = name if name == "events" else f"{name}.parquet"  # events/: partitioned by year
        a, b = root / "whole" / file, root / "parts" / file
        pd.testing.assert_frame_equal(_table(a), _table(b), obj=name)
    for derived in sorted((root / "whole" / "derived").glob("*.parquet")):
        pd.testing.assert_frame_equal(
            _table(derived), _table(root / "parts" / "derived" / derived.name), obj=derived.name
        )
    memory, streamed = load_trusted(root / "whole"), SqlEngine(root / "parts")
    whole_engine = SqlEngine(root / "whole")
    assert streamed.total == whole_engine.total == len(memory.events)
    for f in states(memory)[:8]:
        ids = [set(e.where(f).select("event_id").to_pandas()["event_id"]) for e in (streamed, whole_engine)]
        assert ids[0] == ids[1], f
        assert streamed.faction_matrix(f) == whole_engine.faction_matrix(f), f
    assert not list(root.glob(".*-parts-*"))  # the scratch parts are gone


def test_a_problem_in_a_late_part_names_the_row_of_the_original_file(tmp_path):
    synthesize(1_200, tmp_path / "data", seed=7, csv=True)
    _csv_only(tmp_path / "data")
    events = pd.read_csv(tmp_path / "data" / "events.csv", dtype=str, keep_default_na=False)
    events.loc[1_000, "date"] = "2024-13-40"  # spreadsheet row 1,002: in the third part of 400
    events.to_csv(tmp_path / "data" / "events.csv", index=False)
    quotes = pd.read_csv(tmp_path / "data" / "quotes.csv", dtype=str, keep_default_na=False)
    last = len(quotes) - 1
    quotes.loc[last, "event_id"] = "no-such-event"
    quotes.to_csv(tmp_path / "data" / "quotes.csv", index=False)
    with pytest.raises(InvalidData) as err:
        ingest(tmp_path / "data", tmp_path / "out", part_rows=400)
    where = {(p.file, p.row, p.column) for p in err.value.problems}
    assert ("events.csv", 1_002, "date") in where or ("quotes.csv", last + 2, "event_id") in where
    assert all(p.file in ("events.csv", "quotes.csv") for p in err.value.problems)
    assert not (tmp_path / "out").exists()  # nothing half-written
    assert not list(tmp_path.glob(".out-parts-*"))


def test_a_csv_that_is_not_utf8_is_refused_at_its_row_while_streaming(tmp_path):
    synthesize(900, tmp_path / "data", seed=8, csv=True)
    _csv_only(tmp_path / "data")
    path = tmp_path / "data" / "events.csv"
    data = path.read_bytes().splitlines(keepends=True)
    data[850] = data[850].replace(b",", b",\xff", 1)
    path.write_bytes(b"".join(data))
    with pytest.raises(InvalidData) as err:
        ingest(tmp_path / "data", tmp_path / "out", part_rows=300)
    (problem,) = err.value.problems
    assert problem.file == "events.csv" and "not UTF-8" in problem.message and 840 <= problem.row <= 852


def test_each_article_text_is_read_by_a_part_that_needs_it_and_none_is_skipped(tmp_path):
    """A part reads the texts its rows cite, not all of them (they were 2 GB at ten million events); a text
    nobody cites is still checked, by the first part."""
    synthesize(1_200, tmp_path / "data", seed=9, csv=True)
    _csv_only(tmp_path / "data")
    articles = pd.read_csv(tmp_path / "data" / "articles.csv", dtype=str, keep_default_na=False)
    extra = articles.iloc[[0]].assign(article_id="uncited", path="articles/uncited.txt")
    pd.concat([articles, extra]).to_csv(tmp_path / "data" / "articles.csv", index=False)
    with pytest.raises(InvalidData) as err:
        ingest(tmp_path / "data", tmp_path / "out", part_rows=400)
    (problem,) = err.value.problems
    assert (problem.file, problem.row, problem.column) == ("articles.csv", len(articles) + 2, "path")
    assert "does not exist" in problem.message


def test_validate_checks_a_large_directory_in_parts_with_the_same_messages(tmp_path, capsys):
    """`factionline validate` of a directory larger than a part: the same counts as a whole load, and every
    problem of every part at its original row, including an id repeated across parts."""
    from components.cli import main
    from components.data.load import load

    synthesize(1_000, tmp_path / "data", seed=11, csv=True)
    _csv_only(tmp_path / "data")
    whole = load(tmp_path / "data").counts()
    assert main(["validate", str(tmp_path / "data"), "--part-rows", "300"]) == 0
    said = capsys.readouterr().out
    assert f"valid — {whole['events']:,} events, {whole['actors']:,} actors, {whole['quotes']:,} quotes" in said
    events = pd.read_csv(tmp_path / "data" / "events.csv", dtype=str, keep_default_na=False)
    events.loc[50, "date"] = "2024-02-30"  # row 52, first part
    events.loc[900, "event_id"] = events.loc[10, "event_id"]  # row 902 repeats row 12, across parts
    events.loc[950, "status"] = "rumoured"  # row 952, last part
    events.to_csv(tmp_path / "data" / "events.csv", index=False)
    assert main(["validate", str(tmp_path / "data"), "--part-rows", "300"]) == 1
    report = capsys.readouterr().err
    for expected in ("events.csv, row 52, column date", "events.csv, row 902, column event_id", "row 952"):
        assert expected in report, expected
    assert "also used in row 12" in report


def test_an_empty_referring_table_stays_a_table_in_every_part(tmp_path):
    """An import writes quotes.parquet with its header and no rows: each part keeps the header."""
    synthesize(900, tmp_path / "data", seed=12)
    quotes = pd.read_parquet(tmp_path / "data" / "quotes.parquet").iloc[0:0]
    quotes.to_parquet(tmp_path / "data" / "quotes.parquet", index=False)
    manifest = ingest(tmp_path / "data", tmp_path / "out", part_rows=300)
    assert manifest["counts"]["events"] == 900 and manifest["counts"]["quotes"] == 0
