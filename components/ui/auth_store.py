"""Where sign-in sessions and the sign-in throttle are kept: in the store, so that every tab and replica
sees the same ones; when the app shows a data directory (no store) or a read-only store, in a SQLite
file of this server process (a restart then asks everyone to sign in again)."""

from __future__ import annotations

import functools
import logging
import tempfile
from pathlib import Path

log = logging.getLogger("factionline")


@functools.cache
def local():
    from components.store.db import open_store

    folder = Path(tempfile.mkdtemp(prefix="factionline-sessions-"))  # private to the server's user (0700)
    return open_store(f"sqlite:///{folder / 'sessions.sqlite'}")


def for_sessions(store):
    """The engine that keeps the sessions; None when it is the store and the store cannot be opened."""
    from components.ui.workspace import store_name

    if store_name() is None:
        return local()
    if store is None:
        return None
    from components.store.db import read_only

    return local() if read_only(store) else store


def forget_throttle() -> None:
    """Tests: every count of failed sign-ins in this process's own file and in the configured store."""
    import os

    from sqlalchemy import create_engine, inspect

    from components.store.tables import throttle

    def clear(engine) -> None:
        if inspect(engine).has_table("throttle"):
            with engine.begin() as connection:
                connection.execute(throttle.delete())

    if local.cache_info().currsize:
        clear(local())
    url = os.environ.get("FACTIONLINE_STORE", "")
    if url.startswith("sqlite:///") and os.path.exists(url.removeprefix("sqlite:///")):
        engine = create_engine(url)
        clear(engine)
        engine.dispose()
