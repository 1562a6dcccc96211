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
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(parsed, pool_pre_ping=True, connect_args=_connect_args(parsed.get_backend_name()))
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    if migrate_now:
        migrate(engine)
    return engine


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


def _reason(err: SQLAlchemyError) -> str:
    first = str(getattr(err, "orig", err) or err).strip().splitlines()
    return first[0] if first else type(err).__name__
