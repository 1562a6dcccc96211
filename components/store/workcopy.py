"""The working copy: the curated tables as records (one per row, its cells as JSON), in the order of
their files. Every write names its user (checked: editors only), is logged in the audit log in the same
transaction, and an update or delete names the row version it read — if someone changed the row since,
it fails with Conflict and nothing is written (no lost update)."""

from __future__ import annotations

import io
import json
import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from sqlalchemy import Connection, Engine, delete, func, insert, select, update

from components.data.loader import read_table
from components.data.schema import TABLES
from components.store import audit
from components.store.roles import User, require
from components.store.tables import audit as audit_table
from components.store.tables import documents, records, table_columns

TEXT_LIMIT = 5_000_000  # a document larger than this is not an article: refused on import


class Conflict(RuntimeError):
    """The row changed since it was read (or already exists): reload it and try again."""


class Stale(Conflict):
    """A write against a version its author did not see (the one rule of every write): nothing was saved.
    Names who changed the thing and when, with their current values beside the ones that were refused, so
    that the page can show both and keep the person's values in the form to apply again."""

    def __init__(self, what: str, by: str, at, theirs: dict, yours: dict, advice: str = "", verb: str = "changed"):
        self.what, self.by, self.at, self.verb = what, by or "someone", at, verb
        self.theirs = {k: "" if v is None else str(v) for k, v in (theirs or {}).items()}
        self.yours = {k: "" if v is None else str(v) for k, v in (yours or {}).items()}
        when = f" at {audit.utc(at)} UTC" if at else ""
        advice = advice or "Nothing of yours was saved: your values are kept; check theirs, then save again."
        super().__init__(f"{what} was {verb} by {self.by}{when} since you opened it. {advice} " + self.side_by_side())

    def differing(self) -> list[tuple[str, str, str]]:
        """(field, theirs, yours) for every field you gave that differs from theirs."""
        return [(k, self.theirs.get(k, ""), v) for k, v in self.yours.items() if self.theirs.get(k, "") != v]

    def side_by_side(self) -> str:
        cells = [f"{k}: theirs {t!r}, yours {y!r}" for k, t, y in self.differing()]
        return ("Where you differ — " + "; ".join(cells)[:800] + ".") if cells else ""


def stale_row(current: Record | None, table: str, key: str, yours: dict, advice: str = "") -> Stale:
    """The Stale of a working-copy row read at an older version (or removed since: its deletion's author is
    not kept on the row, so the message says it is gone)."""
    if current is None:
        return Stale(f"{table} {key!r}", "someone", None, {}, yours, advice or "It no longer exists.", "removed")
    return Stale(f"{table} {key!r}", current.updated_by, current.updated_at, current.data, yours, advice)


class BadValue(ValueError):
    """A value the data model cannot hold (a control character); the message names the field."""


def _clean(table: str, values: dict) -> dict[str, str]:
    """Every value as text; a control character is refused here, at entry, naming the field (else it is
    stored and every later publish fails)."""
    from components.data.controls import FIX, first_control

    out = {}
    for column, value in values.items():
        text = "" if value is None else str(value)
        found = first_control(text)
        if found:
            raise BadValue(f"{table} · {column}: the text holds a control character, {found}. {FIX}")
        out[column] = text
    return out


class ImportRefused(ValueError):
    """A data directory that cannot be imported; the message says why."""


@dataclass(frozen=True)
class Record:
    table: str
    key: str
    data: dict[str, str]
    row_version: int
    updated_by: str
    updated_at: object
    position: int = 0


def key_of(table: str, data: dict[str, str], position: int) -> str:
    spec = TABLES.get(table)
    if spec is not None:
        value = str(data.get(spec.key, "")).strip()
        if not value:
            raise ValueError(f"{table}: the {spec.key} may not be blank.")
        return value
    return f"row-{position:07d}"  # a table without an id column (crosswalk.csv): its place


def columns(connection: Connection, table: str) -> list[str]:
    found = connection.execute(select(table_columns.c.columns).where(table_columns.c.table_name == table)).scalar()
    if found is not None:
        return json.loads(found)
    return list(TABLES[table].columns) if table in TABLES else []


def table_names(connection: Connection) -> list[str]:
    return list(connection.execute(select(table_columns.c.table_name).order_by(table_columns.c.table_name)).scalars())


def rows(connection: Connection, table: str) -> list[Record]:
    result = connection.execute(
        select(records).where(records.c.table_name == table).order_by(records.c.position)
    ).mappings()
    return [_record(r) for r in result]


def get(connection: Connection, table: str, key: str) -> Record | None:
    found = (
        connection.execute(select(records).where(records.c.table_name == table, records.c.key == key))
        .mappings()
        .first()
    )
    return _record(found) if found else None


def _record(r) -> Record:
    return Record(
        r["table_name"],
        r["key"],
        json.loads(r["data"]),
        r["row_version"],
        r["updated_by"],
        r["updated_at"],
        r["position"],
    )


def insert_row(
    connection: Connection,
    user: User,
    table: str,
    data: dict[str, str],
    position: int | None = None,
    version: int = 1,
) -> str:
    """Add a row at the end of its table (or back at its old position and version: an undone deletion, so
    that the changes before it can be undone in turn); Conflict when its id is taken."""
    require(user, "editor")
    data = _clean(table, data)
    registered = table in table_names(connection)
    known = columns(connection, table)  # a new table starts with the data model's columns
    extra = [c for c in data if c not in known]
    if extra or not registered:
        _set_columns(connection, table, known + extra)
    position = (
        position
        or (connection.execute(select(func.max(records.c.position)).where(records.c.table_name == table)).scalar() or 0)
        + 1
    )
    key = key_of(table, data, position)
    if get(connection, table, key) is not None:
        raise Conflict(f"{table}: {key!r} already exists. Choose another id, or edit the existing row.")
    connection.execute(
        insert(records).values(
            table_name=table,
            key=key,
            position=position,
            data=json.dumps(data, ensure_ascii=False),
            row_version=version,
            updated_by=user.name,
            updated_at=audit.now(),
        )
    )
    audit.log(connection, user, "insert", f"{table}:{key}", data=data, version=version)
    return key


def update_row(
    connection: Connection, user: User, table: str, key: str, changes: dict[str, str], expected_version: int
) -> int:
    """Change cells of a row read at expected_version; Conflict when it changed since. The new version."""
    require(user, "editor")
    changes = _clean(table, changes)
    current = get(connection, table, key)
    if current is None or current.row_version != expected_version:
        raise stale_row(current, table, key, changes)
    data = dict(current.data) | changes
    done = connection.execute(
        update(records)
        .where(records.c.table_name == table, records.c.key == key, records.c.row_version == expected_version)
        .values(
            data=json.dumps(data, ensure_ascii=False),
            row_version=records.c.row_version + 1,
            updated_by=user.name,
            updated_at=audit.now(),
        )
    )
    if done.rowcount != 1:  # changed between the read and the write: their values as they are now
        raise stale_row(get(connection, table, key), table, key, changes)
    before = {k: current.data.get(k, "") for k in changes}
    audit.log(connection, user, "update", f"{table}:{key}", before=before, after=changes, version=expected_version + 1)
    known = columns(connection, table)
    if any(c not in known for c in changes):
        _set_columns(connection, table, known + [c for c in changes if c not in known])
    return expected_version + 1


def delete_row(connection: Connection, user: User, table: str, key: str, expected_version: int) -> None:
    """Remove a row read at expected_version (Conflict when it changed since); the audit keeps its cells, so
    the deletion can be undone."""
    require(user, "editor")
    current = get(connection, table, key)
    deleting = "Nothing was deleted: check their change, then delete again if it should go."
    if current is None or current.row_version != expected_version:
        raise stale_row(current, table, key, {}, deleting)
    done = connection.execute(
        delete(records).where(
            records.c.table_name == table, records.c.key == key, records.c.row_version == expected_version
        )
    )
    if done.rowcount != 1:
        raise stale_row(get(connection, table, key), table, key, {}, deleting)
    audit.log(
        connection,
        user,
        "delete",
        f"{table}:{key}",
        data=current.data,
        position=current.position,
        version=current.row_version,
    )


def recent_changes(engine: Engine, limit: int = 30) -> list[dict]:
    """The working copy's latest changes (insert, update, delete, undo), newest first: what Undo offers."""
    with engine.connect() as connection:
        rows = connection.execute(
            select(audit_table)
            .where(audit_table.c.action.in_(("insert", "update", "delete")))
            .order_by(audit_table.c.audit_id.desc())
            .limit(limit)
        ).mappings()
        return [dict(r, detail=json.loads(r["detail"])) for r in rows]


def undo(engine: Engine, user: User, audit_id: int) -> str:
    """Undo one change of the working copy: an insert is deleted, an update's cells set back, a deletion
    restored. The row must still be exactly as that change left it (its version, where the log kept it, and
    its cells): else Stale, naming who changed it since and when. What was done, in words."""
    require(user, "editor")
    with engine.begin() as connection:
        entry = connection.execute(select(audit_table).where(audit_table.c.audit_id == audit_id)).mappings().first()
        if entry is None or entry["action"] not in ("insert", "update", "delete"):
            raise Conflict(f"There is no change {audit_id} to undo.")
        table, _, key = entry["target"].partition(":")
        detail = json.loads(entry["detail"])
        current = get(connection, table, key)
        left = detail.get("version")  # the version the change left (older log entries: the cells alone)
        again = "Undo their change first, or edit the row."
        if entry["action"] == "insert":
            if current is None or current.data != detail["data"] or (left and current.row_version != left):
                raise stale_row(current, table, key, detail["data"], again)
            delete_row(connection, user, table, key, current.row_version)
            said = f"removed {table} {key}"
        elif entry["action"] == "update":
            if (
                current is None
                or any(current.data.get(k, "") != v for k, v in detail["after"].items())
                or (left and current.row_version != left)
            ):
                raise stale_row(current, table, key, detail["after"], again)
            update_row(connection, user, table, key, detail["before"], current.row_version)
            said = f"set {', '.join(detail['before'])} of {table} {key} back"
        else:
            if current is not None:
                raise Stale(
                    f"{table} {key!r}",
                    current.updated_by,
                    current.updated_at,
                    current.data,
                    detail["data"],
                    "It exists again: edit that row instead.",
                    "added again",
                )
            insert_row(connection, user, table, detail["data"], position=detail.get("position"), version=left or 1)
            said = f"restored {table} {key}"
        audit.log(connection, user, "undo", f"audit:{audit_id}", what=said)
    return said


def put_document(connection: Connection, user: User, path: str, content: str) -> None:
    """Add a file of the data directory (an article's text); an existing path is refused."""
    require(user, "editor")
    if "\x00" in content:
        raise BadValue(f"{path}: the text holds a NUL character (U+0000); paste it as plain text.")
    if connection.execute(select(documents.c.path).where(documents.c.path == path)).first():
        raise Conflict(f"{path} already exists in the store.")
    connection.execute(insert(documents).values(path=path, content=content))
    audit.log(connection, user, "add document", path, characters=len(content))


def document(connection: Connection, path: str) -> str | None:
    return connection.execute(select(documents.c.content).where(documents.c.path == path)).scalar()


def _set_columns(connection: Connection, table: str, names: list[str]) -> None:
    connection.execute(delete(table_columns).where(table_columns.c.table_name == table))
    connection.execute(insert(table_columns).values(table_name=table, columns=json.dumps(names)))


def is_empty(engine: Engine) -> bool:
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(records)).scalar() == 0


def import_directory(engine: Engine, user: User, root: Path, then=None) -> dict[str, int]:
    """Seed an empty store from a data directory (validated first): every table as records, every other
    file (article texts, CURATION.md …) as a document. Returns rows per table. `then(connection)` runs in
    the same transaction (the first publish): if it fails, nothing was imported."""
    from components.data.load import load  # the full validation: only valid data enters the store

    require(user, "editor")
    root = Path(root)
    load(root)  # raises InvalidData with every problem
    if not is_empty(engine):
        raise ImportRefused("The store already holds a working copy; import seeds an empty store only.")
    tables, files = _read_directory(root)
    counts = {}
    with engine.begin() as connection:
        at = audit.now()
        for name, frame in tables.items():
            _set_columns(connection, name, list(frame.columns))
            values = []
            for position, data in enumerate(frame.to_dict(orient="records"), start=1):
                data = {k: "" if v is None else str(v) for k, v in data.items()}
                values.append(
                    {
                        "table_name": name,
                        "key": key_of(name, data, position),
                        "position": position,
                        "data": json.dumps(data, ensure_ascii=False),
                        "row_version": 1,
                        "updated_by": user.name,
                        "updated_at": at,
                    }
                )
            for start in range(0, len(values), 5000):
                connection.execute(insert(records), values[start : start + 5000])
            counts[name] = len(values)
        for path, content in files.items():
            connection.execute(insert(documents).values(path=path, content=content))
        audit.log(connection, user, "import", root.name, rows=counts, documents=len(files))
        if then is not None:
            then(connection)
    return counts


def _read_directory(root: Path) -> tuple[dict[str, pd.DataFrame], dict[str, str]]:
    tables: dict[str, pd.DataFrame] = {}
    files: dict[str, str] = {}
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not (folder == str(root) and d == "history"))
        for name in sorted(names):  # (history/: an export's earlier versions, restored by versions.restore_in)
            path = Path(folder, name)
            rel = path.relative_to(root).as_posix()
            stem, suffix = path.stem, path.suffix.lower()
            if name.startswith("."):
                continue
            if "/" not in rel and suffix in (".csv", ".parquet"):
                if stem in tables:
                    continue  # the Parquet file was read, as the loader does
                if stem in TABLES:
                    table, _ = read_table(root, stem)
                    tables[stem] = table.frame
                else:
                    tables[stem] = pd.read_csv(path, dtype=str, keep_default_na=False)
                continue
            if path.stat().st_size > TEXT_LIMIT:
                raise ImportRefused(f"{rel}: larger than {TEXT_LIMIT:,} bytes; the store keeps texts only.")
            try:
                files[rel] = path.read_text(encoding="utf-8")
            except UnicodeDecodeError as err:
                raise ImportRefused(f"{rel}: not UTF-8 text (byte {err.start}); the store keeps texts only.") from err
    return tables, files


def snapshot(connection: Connection) -> dict[str, bytes]:
    """The working copy as the files of a data directory (CSV tables and documents)."""
    files: dict[str, bytes] = {}
    for table in table_names(connection):
        names = columns(connection, table)
        data = [r.data for r in rows(connection, table)]
        frame = pd.DataFrame(data, columns=names, dtype=str).fillna("") if data else pd.DataFrame(columns=names)
        buffer = io.StringIO()
        frame.to_csv(buffer, index=False)
        files[f"{table}.csv"] = buffer.getvalue().encode("utf-8")
    for path, content in connection.execute(select(documents.c.path, documents.c.content)):
        files[path] = content.encode("utf-8")
    return files
