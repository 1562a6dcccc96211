"""Published versions: what viewers read. Publishing validates the whole working copy (every rule and
check of meaning of `factionline validate`), then writes the version — its files, who, when, the message
and what changed — in one transaction: a publish that fails or is killed half-way leaves the previous
version current and nothing half-written. Every version is kept."""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import io
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd
from sqlalchemy import Connection, Engine, func, insert, select, text

from components.data import manifest
from components.data.inputs import read_input
from components.data.manifest import MANIFEST
from components.data.model import Dataset
from components.data.problems import InvalidData
from components.data.schema import TABLES, as_parquet
from components.store import audit
from components.store.db import fingerprint
from components.store.roles import User, require
from components.store.tables import version_files, versions
from components.store.workcopy import key_of, snapshot

DIFFED = ("events", "reports", "quotes")  # "What changed" lists these first, then every other table
_PUBLISH_LOCK = 7242002


@dataclass(frozen=True)
class Version:
    version_id: int
    created_at: object
    created_by: str
    message: str
    changes: dict
    n_events: int

    def summary(self) -> str:
        parts = []
        for table in (t for t in self.changes if t != "warnings"):
            c = self.changes.get(table, {})
            bits = [f"{len(c.get(k, []))} {k}" for k in ("added", "changed", "removed") if c.get(k)]
            if bits:
                parts.append(f"{table}: " + ", ".join(bits))
        return "; ".join(parts) or "no change"


def _version(r) -> Version:
    return Version(
        r["version_id"], r["created_at"], r["created_by"], r["message"], json.loads(r["changes"]), r["n_events"]
    )


def latest(engine_or_connection) -> Version | None:
    query = select(versions).order_by(versions.c.version_id.desc()).limit(1)
    if isinstance(engine_or_connection, Connection):
        found = engine_or_connection.execute(query).mappings().first()
    else:
        with engine_or_connection.connect() as connection:
            found = connection.execute(query).mappings().first()
    return _version(found) if found else None


def listed(engine: Engine) -> list[Version]:
    with engine.connect() as connection:
        return [
            _version(r) for r in connection.execute(select(versions).order_by(versions.c.version_id.desc())).mappings()
        ]


def get(engine: Engine, version_id: int) -> Version | None:
    with engine.connect() as connection:
        found = connection.execute(select(versions).where(versions.c.version_id == version_id)).mappings().first()
    return _version(found) if found else None


def files_of(connection: Connection, version_id: int, with_manifest: bool = False) -> dict[str, bytes]:
    """A version's files (its manifest only when asked: what it vouches for is the data, read as is)."""
    result = connection.execute(
        select(version_files.c.path, version_files.c.content).where(version_files.c.version_id == version_id)
    )
    files = {path: gzip.decompress(content) for path, content in result}
    if not with_manifest:
        files.pop(MANIFEST, None)
    return files


def validate(files: dict[str, bytes]) -> Dataset:
    """Load the files as a data directory: raises InvalidData listing every problem."""
    from components.data.load import load

    _sweep_abandoned()
    with tempfile.TemporaryDirectory(prefix=f"{_SCRATCH}{os.getpid()}-") as folder:
        _write(Path(folder), files)
        return load(folder)


_SCRATCH = "factionline-publish-"  # + the publishing process's id: a killed publish's folder is known by it


def _sweep_abandoned() -> None:
    """Remove the scratch folders of publishes whose process was killed (kill -9 left 29 MB each)."""
    for folder in Path(tempfile.gettempdir()).glob(f"{_SCRATCH}*"):
        pid = folder.name[len(_SCRATCH) :].split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # another user's process: not ours to judge
    return True


def publish(engine: Engine, user: User, message: str) -> Version:
    """Validate the working copy and write it as the next version (editors only)."""
    with engine.begin() as connection:
        version_id = publish_in(connection, user, message)
    return get(engine, version_id)


def publish_in(connection: Connection, user: User, message: str) -> int:
    """Publish within the caller's transaction (an import and its first version are one); the version id."""
    require(user, "editor")
    message = message.strip() or "(no message)"
    if connection.dialect.name == "postgresql":  # one publish at a time across replicas
        connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PUBLISH_LOCK})
    files = snapshot(connection)
    dataset = validate(files)  # InvalidData: nothing is written
    previous = latest(connection)
    # Checked once, here: the version carries its manifest, so viewers load it without checking again.
    files[MANIFEST] = manifest.of_files(files, "a published version", dataset.counts(), dataset.warnings)
    changes = diff(files_of(connection, previous.version_id) if previous else {}, files)
    changes["warnings"] = [str(w) for w in dataset.warnings[:200]]  # checks of meaning: never blocking
    version_id = connection.execute(
        insert(versions)
        .values(
            created_at=audit.now(),
            created_by=user.name,
            message=message,
            changes=json.dumps(changes),
            n_events=len(dataset.events),
        )
        .returning(versions.c.version_id)
    ).scalar_one()
    _store_files(connection, version_id, files)
    audit.log(connection, user, "publish", f"version:{version_id}", message=message, events=len(dataset.events))
    return version_id


def _store_files(connection: Connection, version_id: int, files: dict[str, bytes]) -> None:
    connection.execute(
        insert(version_files),
        [{"version_id": version_id, "path": p, "content": gzip.compress(b, 6)} for p, b in files.items()],
    )


def _tables(files: dict[str, bytes], name: str) -> dict[str, dict]:
    data = files.get(f"{name}.csv")
    if not data:
        return {}
    frame = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False)
    rows = frame.to_dict(orient="records")
    return {key_of(name, row, position): row for position, row in enumerate(rows, start=1)}


def _diffed(old: dict[str, bytes], new: dict[str, bytes]) -> list[str]:
    """Every table either version has, the three of the timeline first; then the article texts."""
    names = {p[:-4] for p in (*old, *new) if p.endswith(".csv") and "/" not in p}
    return [*(t for t in DIFFED if t in names), *sorted(names - set(DIFFED)), TEXTS]


TEXTS = "documents"  # article texts and the other files (CURATION.md …): by path, compared by checksum


def _keyed(files: dict[str, bytes], name: str) -> dict[str, dict]:
    if name != TEXTS:
        return _tables(files, name)
    return {
        p: {"size": f"{len(b):,} bytes", "sha256": hashlib.sha256(b).hexdigest()[:16]}
        for p, b in files.items()
        if ("/" in p or not p.endswith(".csv")) and p != MANIFEST
    }


def diff(old: dict[str, bytes], new: dict[str, bytes]) -> dict[str, dict[str, list[str]]]:
    """Ids added, changed and removed per table (every table, and the article texts by path)."""
    result = {}
    for name in _diffed(old, new):
        before, after = _keyed(old, name), _keyed(new, name)
        found = {
            "added": [k for k in after if k not in before],
            "changed": [k for k in after if k in before and after[k] != before[k]],
            "removed": [k for k in before if k not in after],
        }
        if any(found.values()) or name in DIFFED:
            result[name] = found
    return result


def compare(engine: Engine, older: int, newer: int) -> dict[str, list[dict]]:
    """What changed from one version to another, row by row: {table: [{"id", "change", "before", "after"}]};
    documents by path, size and checksum."""
    with engine.connect() as connection:
        old, new = files_of(connection, older), files_of(connection, newer)
    out = {}
    for name in _diffed(old, new):
        before, after = _keyed(old, name), _keyed(new, name)
        rows = [{"id": k, "change": "added", "before": None, "after": after[k]} for k in after if k not in before]
        rows += [
            {"id": k, "change": "changed", "before": before[k], "after": after[k]}
            for k in after
            if k in before and before[k] != after[k]
        ]
        rows += [{"id": k, "change": "removed", "before": before[k], "after": None} for k in before if k not in after]
        out[name] = rows
    return out


SHOWN_FIELDS = {
    "date_label": "shown date",
    "status": "status",
    "date_conflict": "reports disagree",
    "n_sources": "sources",
}


def _in_words(field: str, before: str, after: str) -> str:
    """One shown change as a reader says it (a flag in words, never "False → True")."""
    if field == "date_conflict":
        return "its reports now disagree on the date" if after == "True" else "its reports now agree on the date"
    return f"{SHOWN_FIELDS[field]}: {before} → {after}"


def shown_changes(older: Dataset, newer: Dataset) -> list[dict]:
    """Events whose shown date, status, conflict flag or number of sources changed between two versions —
    what the reports derive (reports.derive), so a report that moves an event's date is listed even when the
    event's own row is unchanged. [{"id", "title", "what": "shown date: 29 February 2024 → 1–2 March 2024"}]."""
    fields = [f for f in SHOWN_FIELDS if f in older.events.columns and f in newer.events.columns]
    a = older.events.set_index("event_id")[fields]
    b = newer.events.set_index("event_id")[["title", *fields]]
    both = b.index.intersection(a.index)
    a, b = a.loc[both].astype(str), b.loc[both]
    changed = []
    for event_id in both:
        what = [
            _in_words(f, a.at[event_id, f], str(b.at[event_id, f]))
            for f in fields
            if a.at[event_id, f] != str(b.at[event_id, f])
        ]
        if what:
            changed.append({"id": event_id, "title": b.at[event_id, "title"], "what": "; ".join(what)})
    return changed


def cache_root() -> Path:
    from components.data.modelcache import cache_dir

    base = cache_dir()
    return (base if base is not None else Path(tempfile.gettempdir()) / f"factionline-{os.getuid()}") / "versions"


def materialize(engine: Engine, version_id: int, root: Path | None = None) -> Path:
    """The version as a data directory in the local cache (written once, atomically; replicas each keep
    their own copy), for the read model to load."""
    target = (root or cache_root()) / fingerprint(engine) / str(int(version_id))
    if (target / ".complete").is_file():
        return target
    with engine.connect() as connection:
        files = files_of(connection, version_id, with_manifest=True)
    if not files:
        raise LookupError(f"There is no version {version_id}.")
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    part = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{version_id}-"))
    _write(part, files)
    (part / ".complete").write_text("")
    try:
        os.replace(part, target)
    except OSError:  # another session wrote it first
        shutil.rmtree(part, ignore_errors=True)
    return target


def export(engine: Engine, out: Path, version_id: int | None = None, history: bool = False) -> tuple[Version, Path]:
    """Write a version (default: the latest) as a data directory; Parquet for the large tables above
    50,000 events. The directory validates and re-imports to the same tables. With `history`, the versions
    before it go along (history/, see restore_in): `store import` of the directory keeps their numbers."""
    version = get(engine, version_id) if version_id is not None else latest(engine)
    if version is None:
        raise LookupError(
            "The store has no published version." if version_id is None else f"There is no version {version_id}."
        )
    with engine.connect() as connection:
        files = files_of(connection, version.version_id)
    out = Path(out)
    if out.exists() and any(out.iterdir()):
        raise FileExistsError(f"{out} is not empty; export writes into a new or empty directory.")
    for name in TABLES:  # the big tables as Parquet, as imports write them (schema.as_parquet)
        if as_parquet(version.n_events, name):
            data = files.pop(f"{name}.csv", None)
            if data is not None:
                frame = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False)
                out.mkdir(parents=True, exist_ok=True)
                frame.to_parquet(out / f"{name}.parquet", index=False)
    _write(out, files)
    if history:
        with engine.connect() as connection:
            _write_history(connection, out, version)
    return version, out


HISTORY = "history"  # an export's version history: history/versions.json and history/<N>/ (docs/data-model.md)


def _write_history(connection: Connection, out: Path, upto: Version) -> None:
    found = connection.execute(
        select(versions).where(versions.c.version_id <= upto.version_id).order_by(versions.c.version_id)
    ).mappings()
    listed = [_version(r) for r in found]
    for v in listed[:-1]:  # the last one is the directory itself
        _write(out / HISTORY / str(v.version_id), files_of(connection, v.version_id))
    (out / HISTORY).mkdir(parents=True, exist_ok=True)
    entries = [
        {
            "version": v.version_id,
            "published": v.created_at.isoformat(),
            "by": v.created_by,
            "message": v.message,
            "changes": v.changes,
        }
        for v in listed
    ]
    (out / HISTORY / "versions.json").write_text(json.dumps(entries, indent=1, ensure_ascii=False), encoding="utf-8")


def has_history(root: Path) -> bool:
    return (Path(root) / HISTORY / "versions.json").is_file()


def restore_in(connection: Connection, user: User, root: Path) -> int:
    """Publish an exported directory's version history into an empty store, within the import's transaction:
    every earlier version from history/<N>/ and the directory itself as the last, with their numbers, authors,
    times and messages. Each is validated as a publish would be. Returns the last version's id."""
    require(user, "editor")
    entries = _history_entries(Path(root))
    for position, entry in enumerate(entries):
        last = position == len(entries) - 1
        files = snapshot(connection) if last else _read_files(Path(root) / HISTORY / str(entry["version"]))
        try:
            dataset = validate(files)
        except InvalidData as err:
            where = "the directory itself" if last else f"{HISTORY}/{entry['version']}/"
            raise InvalidData([replace(p, file=f"{where} {p.file}".strip()) for p in err.problems]) from err
        files[MANIFEST] = manifest.of_files(files, "a published version", dataset.counts(), dataset.warnings)
        connection.execute(
            insert(versions).values(
                version_id=entry["version"],
                created_at=dt.datetime.fromisoformat(entry["published"]),
                created_by=entry["by"],
                message=entry["message"],
                changes=json.dumps(entry["changes"]),
                n_events=len(dataset.events),
            )
        )
        _store_files(connection, entry["version"], files)
    if connection.dialect.name == "postgresql":  # explicit ids do not move the sequence: the next publish would clash
        connection.execute(
            text("SELECT setval(pg_get_serial_sequence('versions', 'version_id'), :n)"), {"n": entries[-1]["version"]}
        )
    audit.log(connection, user, "restore history", f"version:{entries[-1]['version']}", versions=len(entries))
    return entries[-1]["version"]


def _history_entries(root: Path) -> list[dict]:
    where = f"{HISTORY}/versions.json"
    try:
        entries = json.loads((root / where).read_text(encoding="utf-8"))
        numbers = [int(e["version"]) for e in entries]
        for e in entries:
            dt.datetime.fromisoformat(e["published"])
            str(e["by"]), str(e["message"]), dict(e["changes"])
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise HistoryRefused(f"{where} cannot be read ({err}); export the store again with --history.") from err
    if not numbers or numbers != sorted(set(numbers)) or numbers[0] < 1:
        raise HistoryRefused(f"{where}: the version numbers must rise from 1 or more, each once.")
    for n in numbers[:-1]:
        if not (root / HISTORY / str(n)).is_dir():
            raise HistoryRefused(f"{where} lists version {n}, but {HISTORY}/{n}/ is missing.")
    return entries


HISTORY_FILE_LIMIT = 4 << 30  # a version's table as a CSV: large, but a regular file of a sane size


class HistoryRefused(ValueError):
    """An exported version history that cannot be restored (unreadable, or a version's folder missing)."""


def _read_files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): read_input(p, HISTORY_FILE_LIMIT, "A history file")
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not _hidden_under(p, folder)
    }


def _hidden_under(path: Path, folder: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(folder).parts)


def _write(root: Path, files: dict[str, bytes]) -> None:
    root = root.resolve()
    for path, data in files.items():
        target = (root / path).resolve()
        if root not in target.parents:  # a stored path never escapes the directory
            raise ValueError(f"unsafe path in the store: {path!r}")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def count(engine: Engine) -> int:
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(versions)).scalar()
