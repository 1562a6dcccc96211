"""Importers: ACLED, GDELT, TimelineJS and single events tables → a Factionline data directory.

    from components.io.imports import run_import
    summary = run_import("gdelt", Path("20191024143000.export.CSV"), Path("out/"))
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from components.io.imports import acled, gdelt, table, timelinejs
from components.io.imports.build import Base, Builder, ImportFailed, Skipped
from components.paths import bundled_data

FORMATS = ("acled", "gdelt", "timelinejs", "table")
MAX_BYTES = 200_000_000


def decode(data: bytes, file: str) -> str:
    if b"\x00" in data[:65536]:
        raise ImportFailed(f"{file}: is a binary file, not text. Fix: export it as CSV, TSV or JSON.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[:err.start].count(b"\n") + 1
        raise ImportFailed(f"{file}, line {line}: byte {data[err.start]:#04x} is not UTF-8. "
                           "Fix: save the file as UTF-8.") from None


def detect(name: str, data: bytes) -> str:
    """The format of an uploaded file, from its name and first line; ImportFailed when unknown."""
    lower = name.lower()
    if lower.endswith((".parquet", ".xlsx")):
        return "table"
    if lower.endswith(".json"):
        return "timelinejs"
    head = decode(data[:200_000], name).lstrip("\ufeff")
    first = head.splitlines()[0] if head.strip() else ""
    if gdelt.looks_like(first):
        return "gdelt"
    header = next(csv.reader([first]), [])
    if acled.looks_like(header):
        return "acled"
    if timelinejs.looks_like_csv(header):
        return "timelinejs"
    if {"date", "title"} <= {h.strip().lower() for h in header}:
        return "table"
    raise ImportFailed(f"{name}, line 1: not a format Factionline imports. Fix: upload an ACLED export CSV, "
                       "a GDELT event export (tab-separated), a TimelineJS JSON or template CSV, an events "
                       "table with date and title columns (CSV, XLSX or Parquet), or a zip of a data directory.")


def build(fmt: str, name: str, data: bytes, base: Base, prefix: str | None = None) -> Builder:
    """Convert one file into a Builder (not yet written); ImportFailed names the file and line."""
    if fmt not in FORMATS:
        raise ImportFailed(f"{fmt!r} is not a format; use one of {', '.join(FORMATS)}.")
    if len(data) > MAX_BYTES:
        raise ImportFailed(f"{name}: is larger than {MAX_BYTES // 1_000_000} MB. Fix: split it, or import it "
                           "from the command line in parts and merge them.")
    b = Builder(fmt, name, data, base, prefix)
    try:
        if fmt == "acled":
            acled.convert(decode(data, name), b)
        elif fmt == "gdelt":
            gdelt.convert(decode(data, name), b)
        elif fmt == "timelinejs":
            text = decode(data, name)
            if text.lstrip().startswith("{"):
                timelinejs.convert_json(text, b)
            else:
                timelinejs.convert_csv(text, b)
        else:
            table.convert(read_table(name, data), b)
    except ValueError as err:
        raise ImportFailed(f"{name}: {err}") from None
    if not b.events:
        raise ImportFailed(f"{name}: no record could be imported ({len(b.skipped)} not imported; first: "
                           + (f"{b.skipped[0].where}: {b.skipped[0].reason}" if b.skipped else "the file is empty")
                           + ").")
    return b


def read_table(name: str, data: bytes) -> pd.DataFrame:
    lower = name.lower()
    try:
        if lower.endswith(".parquet"):
            return pd.read_parquet(io.BytesIO(data))
        if lower.endswith(".xlsx"):
            return pd.read_excel(io.BytesIO(data), dtype=str, engine="openpyxl")
        return pd.read_csv(io.StringIO(decode(data, name)), dtype=str, keep_default_na=False)
    except ImportFailed:
        raise
    except Exception as err:  # pandas and its engines raise many types for broken files
        raise ValueError(f"cannot be read as a table ({type(err).__name__}: {str(err)[:200]})") from None


def run_import(fmt: str, path: Path, out: Path, base_dir: Path | None = bundled_data()) -> Builder:
    """Import a file into a new data directory `out`; the base directory's crosswalk and factions apply."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise ImportFailed(f"{path}: cannot be read ({err.strerror}).") from None
    b = build(fmt, path.name, data, Base.read(base_dir))
    b.write(out)
    return b


__all__ = ["FORMATS", "Base", "Builder", "ImportFailed", "Skipped", "build", "detect", "run_import"]
