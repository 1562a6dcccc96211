"""Validate once, at ingest (issue 17): a dataset written by `factionline ingest` is trusted while its
manifest matches its files, and refused clearly when it does not."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from components.cli import main
from components.data.load import load
from components.data.manifest import MANIFEST, DatasetRefused, load_trusted, verify
from components.data.problems import InvalidData
from components.io.ingest import ingest

from .conftest import BUNDLED, ROOT


@pytest.fixture
def dataset(tmp_path):
    ingest(BUNDLED, tmp_path / "ds")
    return tmp_path / "ds"


def test_an_ingested_dataset_is_the_same_data_partitioned_with_a_manifest(dataset):
    manifest = verify(dataset)
    assert manifest["counts"]["events"] == 13 and manifest["schema_version"] == 1
    assert {p.name for p in (dataset / "events").iterdir()} == {
        "partition_year=2007",
        "partition_year=2023",
        "partition_year=2024",
    }
    trusted, checked = load_trusted(dataset), load(BUNDLED)
    cols = ["event_id", "date", "status", "actor_ids", "evidence"]
    pd.testing.assert_frame_equal(
        trusted.events[cols].reset_index(drop=True), checked.events[cols].reset_index(drop=True), check_dtype=False
    )
    assert "partition_year" not in trusted.events.columns
    assert len(trusted.quotes) == 7 and trusted.warnings == checked.warnings
    assert len(load(dataset).events) == 13  # and it is still a data directory that validates in full


@pytest.mark.parametrize(
    "spoil, said",
    [
        (lambda d: (d / "actors.parquet").write_bytes(b"not what was ingested"), "actors.parquet has changed"),
        (lambda d: (d / "quotes.parquet").unlink(), "quotes.parquet is listed in manifest.json but missing"),
        (lambda d: (d / "events.csv").write_text("event_id\nsmuggled\n"), "events.csv is not in manifest.json"),
        (
            lambda d: (d / MANIFEST).write_text(
                json.dumps(json.loads((d / MANIFEST).read_text()) | {"schema_version": 99})
            ),
            "schema version is 99",
        ),
        (lambda d: (d / MANIFEST).write_text("{broken"), "cannot be read"),
        # the article texts, listed in documents.tsv (itself vouched for by manifest.json)
        (lambda d: (d / "articles" / "smuggled.txt").write_text("x"), "articles/smuggled.txt is not in manifest.json"),
        (lambda d: next((d / "articles").iterdir()).unlink(), "is listed in manifest.json but missing"),
        (lambda d: (d / "documents.tsv").write_text("articles/x.txt\t1\t1\tab\n"), "documents.tsv has changed"),
    ],
)
def test_a_dataset_that_does_not_match_its_manifest_is_refused(dataset, spoil, said):
    spoil(dataset)
    with pytest.raises(DatasetRefused, match=said):
        verify(dataset)
    with pytest.raises(InvalidData) as err:
        load_trusted(dataset)
    assert said.split()[0] in err.value.problems[0].message


def test_the_command_and_the_app(tmp_path, monkeypatch, capsys):
    assert main(["ingest", str(BUNDLED), "--out", str(tmp_path / "ds")]) == 0
    assert "validated once" in capsys.readouterr().out
    assert main(["ingest", str(BUNDLED), "--out", str(tmp_path / "ds")]) == 1  # never into a full directory
    monkeypatch.setenv("FACTIONLINE_DATA", str(tmp_path / "ds"))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    assert not at.exception and any(c.value.startswith("13 of 13 events") for c in at.caption)
    (tmp_path / "ds" / "factions.parquet").write_bytes(b"tampered")
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    assert not at.exception and any("cannot be opened" in e.value for e in at.error)  # the report, not a traceback


def test_checks_of_meaning_beyond_the_first_are_kept_outside_the_manifest(tmp_path, monkeypatch):
    """A hundred million events in parts found 197,000 checks of meaning: 59 MB of manifest.json, parsed by
    every server that opened the dataset (a second of its first view). The manifest now holds the first
    WARNINGS_INLINE and the count; the rest are in warnings.jsonl, vouched for like every other file."""
    from components.data import manifest as m
    from components.io.synth import synthesize

    synthesize(3000, tmp_path / "synth", seed=5)
    checked = load(tmp_path / "synth")
    assert len(checked.warnings) > 100
    monkeypatch.setattr(m, "WARNINGS_INLINE", 40)
    ingest(tmp_path / "synth", tmp_path / "ds")
    written = json.loads((tmp_path / "ds" / MANIFEST).read_text())
    assert len(written["warnings"]) == 40 and written["warning_count"] == len(checked.warnings)
    assert "warnings.jsonl" in written["files"]
    assert load_trusted(tmp_path / "ds").warnings == checked.warnings  # every one, in order

    monkeypatch.setenv("FACTIONLINE_ENGINE", "duckdb")
    monkeypatch.setenv("FACTIONLINE_DATA", str(tmp_path / "ds"))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params["view"] = "About this data"
    at.run()
    assert not at.exception
    n = f"{len(checked.warnings):,}"
    said = " ".join(c.value for c in at.caption) + " ".join(md.value for md in at.markdown)
    assert f"{n} checks of meaning" in said and f"Checks of meaning ({n} warnings)" in said
    assert f"The first 40 of {n}" in said  # the page lists what the server read: the first ones
    (tmp_path / "ds" / "warnings.jsonl").write_text("{}\n")
    with pytest.raises(DatasetRefused, match="warnings.jsonl has changed"):
        verify(tmp_path / "ds")
