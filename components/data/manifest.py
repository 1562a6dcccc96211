"""A dataset's manifest: what was checked once (at ingest, or when a version was published) and the files it
vouches for — each file's size, time and checksum, the counts, the schema version and the checks of meaning. A
directory whose manifest matches its files is loaded without checking again (load_trusted); one that does not
is refused with what differs.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import replace
from pathlib import Path

from components import progress
from components.data.problems import InvalidData, Problem

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


DOCUMENTS = "documents.tsv"  # the article texts' checksums, one line each, outside manifest.json
# The checks of meaning beyond the first WARNINGS_INLINE, one JSON object a line, outside manifest.json: a
# hundred million events in parts found 197,000 (59 MB of JSON, parsed whenever an engine opened the dataset).
WARNINGS = "warnings.jsonl"
WARNINGS_INLINE = 500  # what the About page lists
DOCUMENT_FOLDER = "articles/"


def _entry(path: Path) -> dict:
    stat = path.stat()
    return {"bytes": stat.st_size, "mtime_ns": stat.st_mtime_ns, "sha256": _sha256(path)}


def file_list(out: Path) -> dict:
    """The manifest's file list: every table and derived file in manifest.json, and the article texts in
    documents.tsv (path, bytes, mtime_ns, sha256), itself listed with its checksum — half a million texts
    would make manifest.json 85 MB, read whenever a dataset is opened."""
    files = sorted(
        p for p in out.rglob("*") if p.is_file() and p.name not in (MANIFEST, DOCUMENTS) and not _hidden(p, out)
    )
    listed = {p.relative_to(out).as_posix(): p for p in files}
    documents = [rel for rel in listed if rel.startswith(DOCUMENT_FOLDER)]
    size = sum(p.stat().st_size for p in listed.values())
    with progress.phase("checksums", size, unit="bytes") as summed:  # the time goes by the bytes read
        with (out / DOCUMENTS).open("w", encoding="utf-8") as index:
            for rel in documents:
                e = _entry(listed[rel])
                index.write(f"{rel}\t{e['bytes']}\t{e['mtime_ns']}\t{e['sha256']}\n")
                summed.advance(e["bytes"])
        entries = {}
        for rel, path in listed.items():
            if not rel.startswith(DOCUMENT_FOLDER):
                entries[rel] = _entry(path)
                summed.advance(entries[rel]["bytes"])
    return {"files": entries | {DOCUMENTS: _entry(out / DOCUMENTS)}, "documents": len(documents)}


def _documents(root: Path) -> dict:
    """documents.tsv's entries, as manifest.json lists its own files."""
    entries = {}
    for line in (root / DOCUMENTS).read_text(encoding="utf-8").splitlines():
        rel, size, mtime, digest = line.split("\t")
        entries[rel] = {"bytes": int(size), "mtime_ns": int(mtime), "sha256": digest}
    return entries


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
    wanted = {rel: entry for rel, entry in listed.items() if chosen(rel)}
    with progress.phase("verify", sum(e["bytes"] for e in wanted.values()), unit="bytes") as checked:
        for rel, entry in wanted.items():
            _check(root, rel, entry, checksums, again)
            checked.advance(entry["bytes"])
    folders = [root] if within is None else [root / w for w in within if (root / w).is_dir()]
    extra = [
        p.relative_to(root).as_posix()
        for folder in folders
        for p in folder.rglob("*")
        if p.is_file() and p.name != MANIFEST and not _hidden(p, root) and p.relative_to(root).as_posix() not in listed
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
    with progress.phase("read", unit="tables"):
        raw, problems = read_directory(root)
    if problems:
        raise InvalidData(problems)
    with progress.phase("build") as built:
        dataset = build(raw, resolved(parse_dates(raw)))
        built.advance(len(dataset.events))
    return replace(dataset, warnings=warnings_of(root, manifest))


def warning_count(manifest: dict) -> int:
    return int(manifest.get("warning_count", len(manifest.get("warnings", []))))


def warnings_of(root: Path, manifest: dict, everything: bool = True) -> tuple:
    """The checks of meaning recorded at ingest (data/problems.Problem): all of them, or the first
    WARNINGS_INLINE (those manifest.json holds: what a page lists)."""
    records = list(manifest.get("warnings", []))
    if everything and warning_count(manifest) > len(records):
        with (Path(root) / WARNINGS).open(encoding="utf-8") as rest:
            records += [json.loads(line) for line in rest]
    return tuple(Problem(w["file"], w["row"], w["column"], w["message"], w["fix"]) for w in records)


def load_any(root: Path):
    """An ingested dataset trusted by its manifest, else a data directory loaded and checked in full."""
    if is_dataset(root):
        return load_trusted(root)
    with progress.phase("check") as checked:  # read, checked and built in one (the checks' import too)
        from components.data.load import load

        dataset = load(root)
        checked.advance(len(dataset.events))
    return dataset


def _hidden(path: Path, root: Path) -> bool:
    """A hidden file or folder (".complete", ".git"): not data, never read by the loader."""
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def write(root: Path, source: str, counts: dict, tables: dict, warnings) -> dict:
    """Write the manifest of a checked directory: its files as they are now, what was counted and the
    warnings (data/problems.Problem) found when it was checked; returned."""
    head = _head(source, counts, tables, warnings)
    records = head["warnings"]
    (root / WARNINGS).unlink(missing_ok=True)
    if len(records) > WARNINGS_INLINE:  # listed in the manifest with its checksum, as every file is
        with (root / WARNINGS).open("w", encoding="utf-8") as rest:
            rest.writelines(json.dumps(w, ensure_ascii=False) + "\n" for w in records[WARNINGS_INLINE:])
        head["warnings"] = records[:WARNINGS_INLINE]
    manifest = head | file_list(root)
    (root / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return manifest


def of_files(files: dict[str, bytes], source: str, counts: dict, warnings) -> bytes:
    """The manifest of a directory given as its files' bytes (a published version: written with them, so
    the version is loaded without checking again); every file listed by size and checksum."""
    entries = {
        path: {"bytes": len(data), "mtime_ns": None, "sha256": hashlib.sha256(data).hexdigest()}
        for path, data in sorted(files.items())
        if path != MANIFEST
    }
    manifest = _head(source, counts, {}, warnings) | {"files": entries, "documents": 0}
    return json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")


def _head(source: str, counts: dict, tables: dict, warnings) -> dict:
    return {
        "schema_version": SCHEMA_VERSION,
        "ingested_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "source": source,
        "counts": counts,
        "tables": tables,
        "warning_count": len(warnings),
        "warnings": [
            w
            if isinstance(w, dict)
            else {"file": w.file, "row": w.row, "column": w.column, "message": w.message, "fix": w.fix}
            for w in warnings
        ],
    }
