"""Imports that stream (issue 29): an ACLED or GDELT file is read line by line and written as it is read, in
parts of build.SPILL_ROWS events, and gives the same data directory as reading it whole (the events in
the file's order: the loader orders them by date); a bad byte is named at its line and nothing is left."""

from __future__ import annotations

import importlib

import pandas as pd
import pytest

from components.data.load import load
from components.io.imports import ImportFailed, build, run_import
from components.io.imports.build import Base
from components.paths import bundled_data

from .conftest import ROOT

ACLED = ROOT / "tests" / "fixtures" / "acled_sample.csv"  # see tests/fixtures/SOURCE.md
build_module = importlib.import_module("components.io.imports.build")  # the module (imports.build is a function)


def _tables(root) -> dict[str, pd.DataFrame]:
    out = {}
    for name in ("events", "actors", "factions", "sources", "articles", "event_types"):
        path = next(p for p in (root / f"{name}.parquet", root / f"{name}.csv") if p.exists())
        frame = (
            pd.read_parquet(path) if path.suffix == ".parquet" else pd.read_csv(path, dtype=str, keep_default_na=False)
        )
        frame = frame.astype(str)
        out[name] = frame.sort_values(list(frame.columns)).reset_index(drop=True)
    return out


def test_a_streamed_import_is_the_whole_import_written_in_parts(tmp_path, monkeypatch):
    monkeypatch.setattr(build_module, "SPILL_ROWS", 2)  # several parts from a small file
    monkeypatch.setattr(build_module, "RECORDS_PER_ARTICLE", 2)
    streamed = run_import("acled", ACLED, tmp_path / "streamed")
    whole = build("acled", ACLED.name, ACLED.read_bytes(), Base.read(bundled_data()))
    whole.write(tmp_path / "whole")
    assert streamed.summary() == whole.summary() and streamed.n_events >= 5
    a, b = _tables(tmp_path / "streamed"), _tables(tmp_path / "whole")
    for name in a:
        pd.testing.assert_frame_equal(a[name][sorted(a[name].columns)], b[name][sorted(b[name].columns)], obj=name)
    for text in (tmp_path / "whole" / "articles").iterdir():
        assert (tmp_path / "streamed" / "articles" / text.name).read_bytes() == text.read_bytes()
    assert not (tmp_path / "streamed" / ".events-parts").exists()
    assert len(load(tmp_path / "streamed").events) == streamed.n_events


def test_a_byte_that_is_not_utf8_is_named_at_its_line_and_nothing_is_left(tmp_path):
    lines = ACLED.read_bytes().splitlines(keepends=True)
    lines[9] = lines[9].replace(b",", b",\xff", 1)
    bad = tmp_path / "acled.csv"
    bad.write_bytes(b"".join(lines))
    with pytest.raises(ImportFailed, match=r"acled.csv, line 10: byte 0xff is not UTF-8"):
        run_import("acled", bad, tmp_path / "out")
    assert not (tmp_path / "out").exists()


TABLE = """date,title,actor_ids,status,event_type,reported_by,evidence
2031-03-04,Harbour council meets the river guild,Ila Varn;Oskar Tamm,occurred,meeting,Lakeside Courier,The council met the guild.
2031-03-05,Guild answers the council,Oskar Tamm,reported,statement,Lakeside Courier,

2031-03,Talks on the canal tolls,Ila Varn,planned,meeting,North Wire,Talks are planned for March.
not a date,A row with a bad date,Ila Varn,occurred,meeting,North Wire,x
2031-04-01,Short row
,,,,,,
2031-04-02,"Toll agreement signed, with reservations",Ila Varn;Oskar Tamm,occurred,agreement,North Wire,They signed.
"""


@pytest.mark.parametrize("suffix", ["csv", "parquet"])
def test_a_streamed_table_import_is_the_whole_import(tmp_path, monkeypatch, suffix):
    """`import table` of a CSV or Parquet file reads it a chunk of rows at a time (issue 29: it was read
    whole); blank, short and bad rows are reported at the same lines as when the table is read whole."""
    table_module = importlib.import_module("components.io.imports.table")
    monkeypatch.setattr(table_module, "CHUNK_ROWS", 2)
    monkeypatch.setattr(build_module, "SPILL_ROWS", 2)
    # what is read whole is refused above this: the streamed import never holds the file
    monkeypatch.setattr(importlib.import_module("components.io.imports"), "IMPORT_LIMIT", 100)
    path = tmp_path / f"events.{suffix}"
    if suffix == "csv":
        path.write_text(TABLE, encoding="utf-8")
    else:
        import io

        pd.read_csv(io.StringIO(TABLE), dtype=str, keep_default_na=False).to_parquet(path)
    streamed = run_import("table", path, tmp_path / "streamed")
    whole = build("table", path.name, path.read_bytes(), Base.read(bundled_data()))
    whole.write(tmp_path / "whole")
    assert streamed.summary() == whole.summary() and streamed.n_events == 5
    assert [(s.where, s.reason) for s in streamed.skipped] == [(s.where, s.reason) for s in whole.skipped]
    assert [s.where for s in streamed.skipped] == ["line 5", "line 7"]  # the bad date, the blank row
    a, b = _tables(tmp_path / "streamed"), _tables(tmp_path / "whole")
    for name in a:
        pd.testing.assert_frame_equal(a[name][sorted(a[name].columns)], b[name][sorted(b[name].columns)], obj=name)
    assert len(load(tmp_path / "streamed").events) == 5
