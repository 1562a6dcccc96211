"""Which store, opened once and migrated.

The URL comes from `--store URL` (the command line), else FACTIONLINE_STORE, else an embedded SQLite file
in the user's data directory (never inside the bundled data or the app). A hosted instance sets a
PostgreSQL URL (`postgresql+psycopg://…`) that every replica shares; the UI may also hand over an engine
from Streamlit's `[connections.factionline]` secrets.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import platformdirs
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_MIGRATE_LOCK = 7242001  # a PostgreSQL advisory lock: replicas starting together migrate once


class StoreUnavailable(RuntimeError):
    """The store cannot be reached or opened; the message says which store (without its password)."""


def default_url() -> str:
    return f"sqlite:///{platformdirs.user_data_path('factionline') / 'store.sqlite'}"


def store_url(explicit: str | None = None) -> str:
    return explicit or os.environ.get("FACTIONLINE_STORE") or default_url()


def describe(url: str) -> str:
    """The URL as it may be shown: never its password."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "(an unreadable store URL)"


def fingerprint(store: Engine | str) -> str:
    """A short name for the store (for the per-store cache of published versions)."""
    url = str(store.url) if isinstance(store, Engine) else store
    return hashlib.sha256(describe(url).encode()).hexdigest()[:16]


def open_store(url: str | None = None, migrate_now: bool = True) -> Engine:
    """An engine on the store, its schema brought up to date (once per process and store)."""
    url = store_url(url)
    try:
        parsed = make_url(url)
    except Exception as err:
        raise StoreUnavailable(f"The store URL is not valid ({err}).") from err
    backend = parsed.get_backend_name()
    if backend == "sqlite" and parsed.database not in (None, "", ":memory:"):
        path = Path(parsed.database).expanduser()
        if path.is_file() and not _writable(path):
            return _read_only_sqlite(url, path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise StoreUnavailable(
                f"The store {describe(url)} cannot be created: its folder cannot be made ({err.strerror}). "
                "Give a path in a folder the app's user may write."
            ) from err
    try:
        engine = create_engine(parsed, pool_pre_ping=True, connect_args=_connect_args(backend))
    except Exception as err:  # an unknown scheme or a missing driver
        raise StoreUnavailable(
            f"The store URL {describe(url)} names no database Factionline can open ({type(err).__name__}: {err}). "
            "Use sqlite:///PATH or postgresql+psycopg://USER:PASSWORD@HOST/DATABASE."
        ) from err
    if backend == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    if migrate_now:
        migrate(engine)
    return engine


def _writable(path: Path) -> bool:
    """Whether SQLite may write the file and beside it (WAL keeps two files there); a read-only mount is not."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _read_only_sqlite(url: str, path: Path) -> Engine:
    """A store on a read-only file or mount: opened immutable (nothing can change it while read), so
    viewers keep reading its versions; writes fail, and the Curate page says why."""
    engine = create_engine(f"sqlite:///file:{path}?mode=ro&immutable=1&uri=true", pool_pre_ping=True)
    if revision(engine) != _head():
        raise StoreUnavailable(
            f"The store {describe(url)} is read-only and its schema is older than this version of Factionline: "
            "make it writable once so that it can be brought up to date."
        )
    return engine


def read_only(engine: Engine) -> bool:
    return engine.url.get_backend_name() == "sqlite" and "immutable=1" in str(engine.url)


def _head() -> str:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(config).get_current_head()


def _connect_args(backend: str) -> dict:
    if backend == "sqlite":
        return {"timeout": 30}  # wait for another writer rather than fail
    if backend == "postgresql":
        return {"connect_timeout": 5}  # a store that is down is said so within seconds
    return {}


def _sqlite_pragmas(connection, _record) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")  # readers do not wait for a publish
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def migrate(engine: Engine, revision: str = "head") -> None:
    """Alembic upgrade to `revision`: idempotent, in one transaction, once across replicas."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    try:
        with engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _MIGRATE_LOCK})
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
    except SQLAlchemyError as err:
        raise StoreUnavailable(f"The store {describe(str(engine.url))} cannot be opened: {_reason(err)}") from err


def revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        try:
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except SQLAlchemyError:
            return None


def failure(err: Exception) -> str:
    """What went wrong with the store, as said to an editor: nothing was saved, and why (full disk,
    read-only, no permission, unreachable). The details go to the server log, not the page."""
    text = str(getattr(err, "orig", None) or err).lower()
    code = getattr(getattr(err, "orig", None), "sqlstate", None) or ""
    if "disk is full" in text or "no space left" in text or "could not extend file" in text or code == "53100":
        return "The store's disk is full: nothing was saved. Tell whoever runs this instance; viewers still see the published versions."
    if "readonly" in text or "read-only" in text or code == "25006":
        return "The store is read-only: nothing can be saved. Viewers still see the published versions."
    if "permission denied" in text or code == "42501":
        return "The store refused this change (the app's database role may not make it): nothing was saved. Tell whoever runs this instance."
    return "The store cannot be reached right now: nothing was saved. Try again in a moment."


def _reason(err: SQLAlchemyError) -> str:
    first = str(getattr(err, "orig", err) or err).strip().splitlines()
    return first[0] if first else type(err).__name__
