"""Published versions: what viewers read. Publishing validates the whole working copy (every rule and
check of meaning of `factionline validate`), then writes the version — its files, who, when, the message
and what changed — in one transaction: a publish that fails or is killed half-way leaves the previous
version current and nothing half-written. Every version is kept."""

from __future__ import annotations

import gzip
import io
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from sqlalchemy import Connection, Engine, func, insert, select, text

from components.data import manifest
from components.data.manifest import MANIFEST
from components.data.model import Dataset
from components.data.schema import TABLES, as_parquet
from components.store import audit
from components.store.db import fingerprint
from components.store.roles import User, require
from components.store.tables import version_files, versions
from components.store.workcopy import snapshot

DIFFED = ("events", "reports", "quotes")  # "What changed" lists these tables' rows
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
        for table in DIFFED:
            c = self.changes.get(table, {})
            bits = [f"{len(c.get(k, []))} {k}" for k in ("added", "changed", "removed") if c.get(k)]
            if bits:
                parts.append(f"{table}: " + ", ".join(bits))
        return "; ".join(parts) or "no change to events, reports or quotes"


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
    key = frame.columns[0]
    return {row[key]: row for row in frame.to_dict(orient="records")}


def diff(old: dict[str, bytes], new: dict[str, bytes]) -> dict[str, dict[str, list[str]]]:
    """Ids added, changed and removed per table (events, reports, quotes)."""
    result = {}
    for name in DIFFED:
        before, after = _tables(old, name), _tables(new, name)
        result[name] = {
            "added": [k for k in after if k not in before],
            "changed": [k for k in after if k in before and after[k] != before[k]],
            "removed": [k for k in before if k not in after],
        }
    return result


def compare(engine: Engine, older: int, newer: int) -> dict[str, list[dict]]:
    """What changed from one version to another, row by row: {table: [{"id", "change", "before", "after"}]}."""
    with engine.connect() as connection:
        old, new = files_of(connection, older), files_of(connection, newer)
    out = {}
    for name in DIFFED:
        before, after = _tables(old, name), _tables(new, name)
        rows = [{"id": k, "change": "added", "before": None, "after": after[k]} for k in after if k not in before]
        rows += [
            {"id": k, "change": "changed", "before": before[k], "after": after[k]}
            for k in after
            if k in before and before[k] != after[k]
        ]
        rows += [{"id": k, "change": "removed", "before": before[k], "after": None} for k in before if k not in after]
        out[name] = rows
    return out


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


def export(engine: Engine, out: Path, version_id: int | None = None) -> tuple[Version, Path]:
    """Write a version (default: the latest) as a data directory; Parquet for the large tables above
    50,000 events. The directory validates and re-imports to the same tables."""
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
    return version, out


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
