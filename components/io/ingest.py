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

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from components.data.loader import PARTITION, read_table
from components.data.places import place_table
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


def ingest(sources: Path | list[Path], out: Path) -> dict:
    """Validate each source directory fully and write them to `out` (a new or empty directory) as one dataset;
    the manifest, returned. Several directories (one export per year, or the parts of a dataset too large for
    memory) are validated one at a time: a table identical in each (factions, actors…) is written once, the
    others are joined, and their ids must be unique across the directories."""
    from components.data.load import load

    sources = [Path(s) for s in (sources if isinstance(sources, (list, tuple)) else [sources])]
    out = Path(out)
    if out.exists() and any(out.iterdir()):
        raise FileExistsError(f"{out} is not empty; ingest writes a new dataset into a new or empty directory.")
    for source in sources:  # every directory is readable and its tables valid before anything is written
        if not source.is_dir():
            raise FileNotFoundError(f"{source} is not a directory.")
    created = not out.exists()
    out.mkdir(parents=True, exist_ok=True)
    writers: dict[str, pq.ParquetWriter] = {}
    first: dict[str, pd.DataFrame] = {}
    rows: dict[str, int] = {}
    columns: dict[str, list[str]] = {}
    ids: dict[str, list] = {}
    parts: list[dict[str, int]] = []  # each directory's counts
    daily: list[pd.DataFrame] = []  # each directory's events per day and lane
    choices: dict[str, pd.Series] = {}  # events per value of each filtered column
    warnings = []
    offset = 0
    try:
        for i, source in enumerate(sources):
            dataset = load(source)  # every rule and every passage; InvalidData lists every problem
            part = f"part-{i:03d}"
            for name in TABLES:
                table, _ = read_table(source, name)
                if table is None:
                    continue
                frame = table.frame
                columns[name] = list(frame.columns)
                if name == "events":
                    _unique(ids, name, frame["event_id"], source)
                    frame = frame.assign(**{PARTITION: _year(frame["date"])})
                    arrow = pa.Table.from_pandas(frame, preserve_index=False)
                    pq.write_to_dataset(
                        arrow, out / "events", partition_cols=[PARTITION], basename_template=f"{part}-{{i}}.parquet"
                    )
                elif name not in first:
                    first[name] = frame
                elif frame.equals(first[name]):
                    continue  # shared: the same in every directory
                elif name in SAME_IN_EACH:
                    raise InvalidData(
                        [
                            Problem(
                                f"{source.name}/{TABLES[name].file}",
                                None,
                                None,
                                f"{TABLES[name].file} differs from the first directory's; an event's factions "
                                "come from it, so it must be the same in every directory of one dataset.",
                                "Merge the directories first (`factionline merge`), or give each the same file.",
                            )
                        ]
                    )
                else:
                    if name not in writers:  # a second, different table: joined from here on
                        _unique(ids, name, first[name][TABLES[name].key], sources[0])
                        writers[name] = pq.ParquetWriter(out / f"{name}.parquet", _schema(first[name]))
                        writers[name].write_table(
                            pa.Table.from_pandas(first[name], preserve_index=False, schema=_schema(first[name]))
                        )
                    if list(frame.columns) != list(first[name].columns):
                        raise InvalidData(
                            [
                                Problem(
                                    f"{source.name}/{TABLES[name].file}",
                                    None,
                                    None,
                                    f"Its columns differ from the first directory's {TABLES[name].file}.",
                                    "Give the table the same columns, in the same order, in every directory.",
                                )
                            ]
                        )
                    _unique(ids, name, frame[TABLES[name].key], source)
                    writers[name].write_table(pa.Table.from_pandas(frame, preserve_index=False, schema=_schema(frame)))
                rows[name] = rows.get(name, 0) + len(frame)  # shared tables are set right below
            offset += _derived(dataset, out / DERIVED, offset, part)
            daily.append(_daily(dataset))
            for column in FILTERED_COLUMNS:  # the filters' choices, most frequent first: no scan to list them
                if column in dataset.events.columns:
                    found = dataset.events[column].astype("str").str.strip().value_counts()
                    choices[column] = choices.get(column, pd.Series(dtype="int64")).add(found, fill_value=0)
            parts.append(dataset.counts())
            warnings += [
                {"file": w.file, "row": w.row, "column": w.column, "message": w.message, "fix": w.fix}
                for w in dataset.warnings
            ]
            _copy_documents(source, out)
        _check_unique(ids)
    except BaseException:
        for writer in writers.values():
            writer.close()
        # nothing half-written is left to be mistaken for a dataset (an empty directory given stays, empty)
        for child in [out] if created else list(out.iterdir()):
            shutil.rmtree(child, ignore_errors=True) if child.is_dir() else child.unlink(missing_ok=True)
        raise
    for writer in writers.values():
        writer.close()
    for name, frame in first.items():
        if name not in writers:
            frame.to_parquet(out / f"{name}.parquet", index=False)
            rows[name] = len(frame)
    _write_daily(daily, out / DERIVED / "daily.parquet")
    (out / DERIVED / "choices.json").write_text(
        json.dumps(
            {
                column: [v for v, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])) if v]
                for column, counts in choices.items()
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    shared = {name for name in first if name not in writers}
    counts = {k: parts[0][k] if k in shared else sum(c[k] for c in parts) for k in parts[0]}
    manifest = {
        "schema_version": SCHEMA_VERSION,
        "ingested_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "source": ", ".join(s.name for s in sources)
        if len(sources) <= 3
        else f"{sources[0].name} … {sources[-1].name} ({len(sources):,} directories)",
        "counts": counts,
        "tables": {name: {"rows": rows[name], "columns": columns[name]} for name in rows},
        "warnings": warnings,
    }
    manifest |= _file_list(out)
    (out / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return manifest


DOCUMENTS = "documents.tsv"  # the article texts' checksums, one line each, outside manifest.json
DOCUMENT_FOLDER = "articles/"


def _entry(path: Path) -> dict:
    stat = path.stat()
    return {"bytes": stat.st_size, "mtime_ns": stat.st_mtime_ns, "sha256": _sha256(path)}


def _file_list(out: Path) -> dict:
    """The manifest's file list: every table and derived file in manifest.json, and the article texts in
    documents.tsv (path, bytes, mtime_ns, sha256), itself listed with its checksum — half a million texts
    would make manifest.json 85 MB, read whenever a dataset is opened."""
    files = sorted(p for p in out.rglob("*") if p.is_file() and p.name not in (MANIFEST, DOCUMENTS))
    listed = {p.relative_to(out).as_posix(): p for p in files}
    documents = [rel for rel in listed if rel.startswith(DOCUMENT_FOLDER)]
    with (out / DOCUMENTS).open("w", encoding="utf-8") as index:
        for rel in documents:
            e = _entry(listed[rel])
            index.write(f"{rel}\t{e['bytes']}\t{e['mtime_ns']}\t{e['sha256']}\n")
    entries = {rel: _entry(p) for rel, p in listed.items() if not rel.startswith(DOCUMENT_FOLDER)}
    return {"files": entries | {DOCUMENTS: _entry(out / DOCUMENTS)}, "documents": len(documents)}


def _documents(root: Path) -> dict:
    """documents.tsv's entries, as manifest.json lists its own files."""
    entries = {}
    for line in (root / DOCUMENTS).read_text(encoding="utf-8").splitlines():
        rel, size, mtime, digest = line.split("\t")
        entries[rel] = {"bytes": int(size), "mtime_ns": int(mtime), "sha256": digest}
    return entries


SAME_IN_EACH = ("factions", "actors")  # what decides an event's factions: one version per dataset


def _schema(frame: pd.DataFrame) -> pa.Schema:
    return pa.schema([(c, pa.string()) for c in frame.columns])  # every cell is text, as read


def _unique(seen: dict[str, list], name: str, keys: pd.Series, source: Path) -> None:
    """Note a directory's ids of a table (each directory checks its own; _check_unique checks across them).
    64-bit hashes, not the strings: a hundred million ids fit in 800 MB."""
    seen.setdefault(name, []).append((source, pd.util.hash_array(keys.astype("str").to_numpy(dtype=object))))


def _check_unique(seen: dict[str, list]) -> None:
    """Ids must be unique across the directories of one dataset: equal hashes are looked up in the tables."""
    for name, parts in seen.items():
        hashes = np.concatenate([h for _, h in parts])
        ordered = np.sort(hashes)
        clashes = np.unique(ordered[1:][ordered[1:] == ordered[:-1]])
        if not len(clashes):
            continue
        found: dict[str, Path] = {}
        for source, h in parts:
            table, _ = read_table(source, name)
            keys = table.frame[TABLES[name].key].astype("str").to_numpy(dtype=object)
            for value in keys[np.isin(h, clashes)]:
                if value in found:
                    raise InvalidData(
                        [
                            Problem(
                                f"{source.name}/{TABLES[name].file}",
                                None,
                                TABLES[name].key,
                                f"{TABLES[name].key} {value!r} also occurs in {found[value].name}, an earlier "
                                "directory of this dataset.",
                                "Give each directory its own ids, or merge them first (`factionline merge`).",
                            )
                        ]
                    )
                found[value] = source


def _copy_documents(source: Path, out: Path) -> None:
    """Article texts and documents, as they are (a name already copied from an earlier directory is kept)."""
    for folder, dirs, files in os.walk(source):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for file in sorted(files):
            path = Path(folder, file)
            rel = path.relative_to(source)
            if file.startswith(".") or (len(rel.parts) == 1 and path.suffix.lower() in (".csv", ".parquet")):
                continue
            if not (out / rel).exists():
                (out / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, out / rel)


DERIVED = "derived"  # what the analytical engines query (components/engines): the model's own derivations
MAX_LANE_BITS = 63  # factions a signed 64-bit mask holds (more: the engines join event_factions instead)
FILTERED_COLUMNS = ("location", "admin1", "sub_event_type")  # optional event columns the filters choose from
SHOWN = ("title", "date", "date_text", "actor_ids", "article_id")  # the table's page of rows, as written


def _derived(dataset, folder: Path, offset: int = 0, part: str = "part-0") -> int:
    """The validated model's derivations an engine needs, so that no engine re-derives them (one definition):
    each event's first and last day as dates and as day and month numbers, its factions as a bit mask (bit i:
    the i-th faction of derived/factions.parquet), its filterable and shown columns; its factions and actors
    as pairs. Written as `part` of each derived table, with positions from `offset`; returns the rows written."""
    ev = dataset.events
    ids = ev["event_id"].astype("str").to_numpy()
    pos = np.arange(offset, offset + len(ev), dtype=np.int64)  # the memory model's order: compared row by row
    first = ev["start"].to_numpy().astype("datetime64[D]")
    factions = list(dataset.factions["faction_id"])
    index = pd.DataFrame(
        {
            "event_id": ids,
            "pos": pos,
            "first_day": first,
            "last_day": ev["end"].to_numpy().astype("datetime64[D]"),
            "day": first.astype(np.int64).astype(np.int32),  # days since 1970-01-01: buckets without date functions
            "month": first.astype("datetime64[M]").astype(np.int64).astype(np.int32),  # months since 1970-01
            "status": ev["status"].astype("str").to_numpy(),
            "event_type": ev["event_type"].astype("str").to_numpy(),
            "n_sources": ev["n_sources"].to_numpy() if "n_sources" in ev else 1,
        }
    )
    lane_pos, lane = dataset.lane_pairs()
    if len(factions) <= MAX_LANE_BITS:
        bits = np.where(lane < len(factions), np.left_shift(np.int64(1), np.minimum(lane, 62)), 0).astype(np.int64)
        masks = np.zeros(len(ev), dtype=np.int64)
        np.bitwise_or.at(masks, lane_pos, bits)
        index["lanes"] = masks
    for column in FILTERED_COLUMNS:
        if column in ev.columns:
            index[column] = ev[column].astype("str").str.strip().to_numpy()
    if "grades" in ev.columns:  # each event's reports' grades, one bit per grade (data/reports.grade_bits)
        index["grades"] = ev["grades"].to_numpy().astype(np.int64)
    for column in SHOWN:
        if column in ev.columns:
            index[column] = ev[column].astype("str").to_numpy()
    index["date_label"] = ev["date_label"].astype("str").to_numpy()
    index["search"] = dataset.event_search.to_numpy()  # what the search filter reads, lower case
    # The map: each event's place (the in-memory map's own table: a name, or rounded coordinates), and
    # its fatalities where the data has them.
    codes, places = place_table(dataset)
    names = np.asarray(places["place"], dtype=object)
    index["place_key"] = np.where(codes >= 0, names[np.maximum(codes, 0)] if len(names) else "", "")
    if dataset.has_measure("fatalities"):
        index["fatalities"] = dataset.number("fatalities")
    keep = lane < len(factions)
    ea = dataset.event_actors
    tables = {
        "events": index,
        "event_factions": pd.DataFrame(
            {"pos": lane_pos[keep] + offset, "faction_id": np.asarray(factions, dtype=object)[lane[keep]]}
        ),
        "event_actors": pd.DataFrame(
            {"pos": ea["event_pos"].to_numpy().astype(np.int64) + offset, "actor_id": ea["actor_id"].astype("str")}
        ),
    }
    for name, frame in tables.items():
        (folder / name).mkdir(parents=True, exist_ok=True)
        frame.to_parquet(folder / name / f"{part}.parquet", index=False, row_group_size=1 << 20)
    (folder / "places").mkdir(parents=True, exist_ok=True)
    places.to_parquet(folder / "places" / f"{part}.parquet", index=False)
    pd.DataFrame({"faction_id": factions, "bit": range(len(factions))}).to_parquet(
        folder / "factions.parquet", index=False
    )
    return len(ev)


def _daily(dataset) -> pd.DataFrame:
    """The whole table per first day (days since 1970): events (n), the latest last day (hi), and the events
    in each faction's lane (lane_BIT, the faction's row in derived/factions.parquet) and in no faction's
    (lane_none) — what the engines' timeline shows before any filter, without a scan of the table."""
    ev = dataset.events
    day = ev["start"].to_numpy().astype("datetime64[D]").astype(np.int64)
    last = ev["end"].to_numpy().astype("datetime64[D]").astype(np.int64)
    if not len(day):
        return pd.DataFrame({"day": [], "n": [], "hi": []})
    lo = int(day.min())
    width = int(day.max()) - lo + 1
    frame = pd.DataFrame({"day": np.arange(lo, lo + width), "n": np.bincount(day - lo, minlength=width)})
    hi = np.full(width, np.iinfo(np.int64).min)
    np.maximum.at(hi, day - lo, last)
    frame["hi"] = hi
    pos, lane = dataset.lane_pairs()
    n_factions = len(dataset.factions)
    grid = np.bincount(lane * width + (day[pos] - lo), minlength=(n_factions + 1) * width).reshape(
        n_factions + 1, width
    )
    for i in range(n_factions):
        frame[f"lane_{i}"] = grid[i]
    frame["lane_none"] = grid[n_factions]
    return frame[frame["n"] > 0]


def _write_daily(parts: list[pd.DataFrame], path: Path) -> None:
    frame = pd.concat(parts, ignore_index=True)
    sums = frame.drop(columns=["hi"]).groupby("day", as_index=False).sum()
    sums["hi"] = frame.groupby("day")["hi"].max().to_numpy()
    sums["hi"] = sums["hi"].astype(np.int64).astype("datetime64[D]")
    sums.to_parquet(path, index=False)


def is_dataset(root: Path) -> bool:
    return (Path(root) / MANIFEST).is_file()


def verify(root: Path, checksums: bool = True, within: tuple[str, ...] | None = None) -> dict:
    """The manifest, when every file it lists is there unchanged and no other data file was added. Without
    checksums, "unchanged" is the size and modification time recorded at ingest. `within`: only the files
    under these folders or of these names (what an engine reads: derived/ and the small tables). The engines
    check sizes and times of what they read when they open a dataset — a second for a hundred million
    events, whose article texts are half a million files — and every checksum in the background."""
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
    listed = dict(manifest.get("files", {}))

    def chosen(rel: str) -> bool:
        return within is None or rel in within or rel.startswith(tuple(f"{w}/" for w in within))

    if within is None and DOCUMENTS in listed:  # the article texts: once documents.tsv itself is vouched for
        _check(root, DOCUMENTS, listed[DOCUMENTS], checksums, again)
        listed |= _documents(root)
    for rel, entry in listed.items():
        if chosen(rel):
            _check(root, rel, entry, checksums, again)
    folders = [root] if within is None else [root / w for w in within if (root / w).is_dir()]
    extra = [
        p.relative_to(root).as_posix()
        for folder in folders
        for p in folder.rglob("*")
        if p.is_file() and p.name != MANIFEST and p.relative_to(root).as_posix() not in listed
    ]
    if extra:
        raise DatasetRefused(f"{extra[0]} is not in {MANIFEST} (added after ingest). {again}")
    return manifest


def _check(root: Path, rel: str, entry: dict, checksums: bool, again: str) -> None:
    path = root / rel
    if not path.is_file():
        raise DatasetRefused(f"{rel} is listed in {MANIFEST} but missing. {again}")
    stat = path.stat()
    if stat.st_size != entry["bytes"]:
        raise DatasetRefused(f"{rel} has changed since it was ingested (its size differs). {again}")
    if not checksums and entry.get("mtime_ns") not in (None, stat.st_mtime_ns):
        raise DatasetRefused(f"{rel} has changed since it was ingested (it was written again). {again}")
    if checksums and _sha256(path) != entry["sha256"]:
        raise DatasetRefused(f"{rel} has changed since it was ingested (its checksum differs). {again}")


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
