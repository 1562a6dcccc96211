"""Validate once, at ingest: `factionline ingest DIR --out DATASET` checks a data directory (every rule and
every evidence passage), then writes it as Parquet — events partitioned by year — with a manifest of
checksums, counts and the schema version. A dataset whose manifest matches its files is trusted by the
loader (and, later, by the analytical engines) without checking again; one that does not is refused with a
message saying what differs.

    DATASET/
      manifest.json
      events/partition_year=2024/part-0.parquet …      the events, by the year their date starts
      actors.parquet  factions.parquet …       every other table of the directory, one file each
      articles/…  CURATION.md  LICENSE.md      the article texts and documents, as they were
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from components.data.loader import PARTITION, read_table
from components.data.problems import InvalidData, Problem
from components.data.schema import TABLES

SCHEMA_VERSION = 1
MANIFEST = "manifest.json"


class DatasetRefused(ValueError):
    """A dataset whose manifest does not match its files (or is missing, or of another schema version)."""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _year(date: pd.Series) -> pd.Series:
    """The year an EDTF date starts in, as text ("other" for open or unusual starts: `..`, negative years)."""
    head = date.astype("str").str.strip().str[:4]
    return head.where(head.str.fullmatch(r"\d{4}"), "other")


def ingest(source: Path, out: Path) -> dict:
    """Validate `source` fully and write it to `out` (a new or empty directory). The manifest, returned."""
    from components.data.load import load

    source, out = Path(source), Path(out)
    dataset = load(source)  # every rule and every passage; InvalidData lists every problem
    if out.exists() and any(out.iterdir()):
        raise FileExistsError(f"{out} is not empty; ingest writes a new dataset into a new or empty directory.")
    out.mkdir(parents=True, exist_ok=True)
    tables = {}
    for name in TABLES:
        table, _ = read_table(source, name)
        if table is None:
            continue
        frame = table.frame
        if name == "events":
            frame = frame.assign(**{PARTITION: _year(frame["date"])})
            arrow = pa.Table.from_pandas(frame, preserve_index=False)
            pq.write_to_dataset(arrow, out / "events", partition_cols=[PARTITION], basename_template="part-{i}.parquet")
        else:
            frame.to_parquet(out / f"{name}.parquet", index=False)
        tables[name] = {"rows": len(frame), "columns": [c for c in frame.columns if c != PARTITION]}
    _derived(dataset, out / "derived")
    for folder, dirs, files in os.walk(source):  # article texts and documents, as they are
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for file in sorted(files):
            path = Path(folder, file)
            rel = path.relative_to(source)
            if file.startswith(".") or (len(rel.parts) == 1 and path.suffix.lower() in (".csv", ".parquet")):
                continue
            (out / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, out / rel)
    manifest = {
        "schema_version": SCHEMA_VERSION,
        "ingested_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "source": source.name,
        "counts": dataset.counts(),
        "tables": tables,
        "warnings": [
            {"file": w.file, "row": w.row, "column": w.column, "message": w.message, "fix": w.fix}
            for w in dataset.warnings
        ],
        "files": {
            p.relative_to(out).as_posix(): {"bytes": p.stat().st_size, "sha256": _sha256(p)}
            for p in sorted(out.rglob("*"))
            if p.is_file() and p.name != MANIFEST
        },
    }
    (out / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return manifest


DERIVED = "derived"  # what the analytical engines query (components/engines): the model's own derivations


def _derived(dataset, folder: Path) -> None:
    """The validated model's derivations an engine needs, so that no engine re-derives them (one definition):
    each event's first and last day and its filterable columns; its factions (through its actors); its actors."""
    folder.mkdir(parents=True, exist_ok=True)
    ev = dataset.events
    ids = ev["event_id"].astype("str").to_numpy()
    index = pd.DataFrame(
        {
            "event_id": ids,
            "pos": range(len(ev)),  # the memory model's order (by first, then last day): results compare row by row
            "first_day": ev["start"].to_numpy().astype("datetime64[D]"),
            "last_day": ev["end"].to_numpy().astype("datetime64[D]"),
            "status": ev["status"].astype("str").to_numpy(),
            "event_type": ev["event_type"].astype("str").to_numpy(),
            "n_sources": ev["n_sources"].to_numpy() if "n_sources" in ev else 1,
        }
    )
    for column in ("location", "admin1", "sub_event_type"):
        if column in ev.columns:
            index[column] = ev[column].astype("str").str.strip().to_numpy()
    index.to_parquet(folder / "events.parquet", index=False)
    lanes = dataset.event_lanes(range(len(ev)))
    lanes = lanes[lanes["faction_id"] != ""]
    pd.DataFrame(
        {"event_id": ids[lanes["event_pos"].to_numpy()], "faction_id": lanes["faction_id"].astype("str").to_numpy()}
    ).to_parquet(folder / "event_factions.parquet", index=False)
    ea = dataset.event_actors
    pd.DataFrame(
        {"event_id": ids[ea["event_pos"].to_numpy()], "actor_id": ea["actor_id"].astype("str").to_numpy()}
    ).to_parquet(folder / "event_actors.parquet", index=False)


def is_dataset(root: Path) -> bool:
    return (Path(root) / MANIFEST).is_file()


def verify(root: Path) -> dict:
    """The manifest, when every file it lists is there unchanged and no other data file was added."""
    root = Path(root)
    again = "Ingest the data directory again (`factionline ingest DIR --out DATASET`)."
    try:
        manifest = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise DatasetRefused(f"{MANIFEST} cannot be read ({err}). {again}") from err
    if manifest.get("schema_version") != SCHEMA_VERSION:
        raise DatasetRefused(
            f"The dataset's schema version is {manifest.get('schema_version')!r}; this Factionline reads version "
            f"{SCHEMA_VERSION}. {again}"
        )
    listed = manifest.get("files", {})
    for rel, entry in listed.items():
        path = root / rel
        if not path.is_file():
            raise DatasetRefused(f"{rel} is listed in {MANIFEST} but missing. {again}")
        if path.stat().st_size != entry["bytes"] or _sha256(path) != entry["sha256"]:
            raise DatasetRefused(f"{rel} has changed since it was ingested (its checksum differs). {again}")
    extra = [
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.is_file() and p.name != MANIFEST and p.relative_to(root).as_posix() not in listed
    ]
    if extra:
        raise DatasetRefused(f"{extra[0]} is not in {MANIFEST} (added after ingest). {again}")
    return manifest


def load_trusted(root: Path):
    """An ingested dataset, built without checking again (its manifest vouches for it); the checks of
    meaning recorded at ingest are kept. A dataset that fails verification raises InvalidData, which the
    app shows like any validation report."""
    from components.data.dates import resolved
    from components.data.loader import read_directory
    from components.data.model import build
    from components.data.validate import parse_dates

    try:
        manifest = verify(root)
    except DatasetRefused as err:
        raise InvalidData([Problem(MANIFEST, None, None, str(err), "Run `factionline ingest` again.")]) from err
    raw, problems = read_directory(root)
    if problems:
        raise InvalidData(problems)
    dataset = build(raw, resolved(parse_dates(raw)))
    warnings = tuple(Problem(w["file"], w["row"], w["column"], w["message"], w["fix"]) for w in manifest["warnings"])
    return replace(dataset, warnings=warnings)


def load_any(root: Path):
    """An ingested dataset trusted by its manifest, else a data directory loaded and checked in full."""
    from components.data.load import load

    return load_trusted(root) if is_dataset(root) else load(root)
