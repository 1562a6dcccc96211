"""What this session shows and works on: a data directory (read-only, `--data`/FACTIONLINE_DATA), or the
store (the default) — its latest published version, or the one a link pins (`?v=3`).

Viewers read a published version through the usual fast model: the version is written once as a data
directory in the local cache and loaded like any other. When the store cannot be reached, the last
version this server read stays on screen with a notice; writes are refused with a clear message.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import streamlit as st

from components.paths import bundled_data
from components.store.roles import User
from components.ui import state

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from components.store.versions import Version

# The store's modules (SQLAlchemy, the accounts, the versions) are imported where the store is used, not
# here: a data directory's first view never pays for them (~0.5 s of it).

log = logging.getLogger("factionline")
LATEST_TTL = 2.0  # seconds: how stale "the latest version" may be (one cheap query per session per period)
_LAST_GOOD: dict[str, tuple[Version, Path]] = {}  # per store: what this server last showed
_LOCK = threading.Lock()


PARAMS = ("v",)  # ?v=N: the published version a link pins


@dataclass(frozen=True)
class Workspace:
    user: User
    root: Path | None  # the data directory to load (None: nothing to show yet)
    engine: Engine | None = None  # None: a read-only data directory
    version: Version | None = None  # the version shown
    latest: Version | None = None
    notice: str = ""  # said above the page (a pinned old version, the store unreachable…)
    down: str = ""  # why the store cannot be reached ("" when it can)

    @property
    def curating(self) -> bool:
        return self.engine is not None


def _args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--data")
    parser.add_argument("--store")
    args, _ = parser.parse_known_args(sys.argv[1:])
    return args


def data_setting() -> tuple[str, str | None]:
    """(which setting chose a data directory, its value); (…, None) when the store is used."""
    args = _args()
    if args.data:
        return "--data", args.data
    if os.environ.get("FACTIONLINE_DATA"):
        return "FACTIONLINE_DATA", os.environ["FACTIONLINE_DATA"]
    return "the store", None


def _secret_connection() -> bool:
    try:
        return "factionline" in (st.secrets.get("connections") or {})
    except Exception:
        return False


def _release(engine: Engine) -> None:
    engine.dispose()  # a pool that leaves the cache closes its connections (else each refresh kept them open)


@st.cache_resource(show_spinner="Opening the store…", ttl=60, on_release=_release)
def _engine(url: str, from_secrets: bool) -> Engine:
    # One engine per store and server process (a connection pool shared by every session).
    from components.store.db import migrate, open_store

    if from_secrets:
        settings = dict(st.secrets["connections"]["factionline"])  # [connections.factionline] in secrets
        engine = st.connection("factionline", type="sql", **settings).engine
        migrate(engine)
        return engine
    return open_store(url)


def _seed(engine: Engine) -> None:
    """An empty store starts as the bundled data (FACTIONLINE_SEED=none: leave it empty, for
    `factionline store import DIR` to seed)."""
    from components.store import versions, workcopy
    from components.store.roles import User as Who

    if os.environ.get("FACTIONLINE_SEED", "bundled").lower() == "none" or not workcopy.is_empty(engine):
        return
    who = Who("Factionline (first start)", "admin")
    try:  # seeded and published in one transaction
        workcopy.import_directory(
            engine, who, bundled_data(), then=lambda c: versions.publish_in(c, who, "The bundled data (first start)")
        )
    except workcopy.ImportRefused:
        return  # another session or replica seeded it a moment ago


@st.cache_data(ttl=LATEST_TTL, show_spinner=False)
def _latest(url: str, from_secrets: bool) -> Version | None:
    from components.store import versions

    return versions.latest(_engine(url, from_secrets))


_PINNED: dict[tuple[str, int], Version] = {}  # published versions never change: kept once found


def _version(url: str, from_secrets: bool, number: int) -> Version | None:
    from components.store import versions

    key = (url, number)
    if key not in _PINNED:
        found = versions.get(_engine(url, from_secrets), number)
        if found is None:
            return None  # not (yet) published: asked again next time
        _PINNED[key] = found
    return _PINNED[key]


def forget_latest() -> None:
    """After a publish: every session sees the new version on its next run."""
    _latest.clear()


def pinned_version() -> int | None:
    """`?v=N` from the URL, when it is a plain number (anything else is ignored with a notice)."""
    raw = st.query_params.get("v")
    if raw is None:
        return None
    text = str(raw).strip()
    return int(text) if text.isdigit() and len(text) < 10 else -1


def _store_setting() -> tuple[str, bool]:
    """The store's URL, and whether it comes from Streamlit's secrets."""
    from components.store.db import store_url

    explicit = _args().store or os.environ.get("FACTIONLINE_STORE")
    return store_url(explicit), not explicit and _secret_connection()  # --store and FACTIONLINE_STORE win


def account_store() -> Engine | None:
    """The store that holds people's accounts; None when a data directory is shown or the store is down."""
    if data_setting()[1] is not None:
        return None
    from sqlalchemy.exc import SQLAlchemyError

    from components.store.db import StoreUnavailable, describe

    url, from_secrets = _store_setting()
    try:
        return _engine(url, from_secrets)
    except (StoreUnavailable, SQLAlchemyError, OSError) as err:
        log.error("The store %s cannot be reached for sign-in: %s", describe(url), err)
        _engine.clear()
        return None


def store_name() -> str | None:
    """The store's URL (as configured); None when a data directory is shown."""
    return None if data_setting()[1] is not None else _store_setting()[0]


def resolve(user: User) -> Workspace:
    setting, value = data_setting()
    if value is not None:
        return Workspace(user, Path(value))
    from sqlalchemy.exc import SQLAlchemyError

    from components.store import versions
    from components.store.db import StoreUnavailable

    url, from_secrets = _store_setting()
    try:
        engine = _engine(url, from_secrets)
        latest = _latest(url, from_secrets)
        if latest is None:
            with _LOCK:  # one session seeds an empty store
                _seed(engine)
                _latest.clear()
                latest = _latest(url, from_secrets)
    except (StoreUnavailable, SQLAlchemyError, OSError) as err:
        _engine.clear()  # try again on the next run
        return _unreachable(user, url, err)
    if latest is None:
        return Workspace(user, None, engine, notice="The store has no published version yet.")
    version, notice = latest, ""
    wanted = pinned_version()
    if wanted == -1:
        notice = "Ignored the link's version (v=…): it is not a version number."
    elif wanted is not None and wanted != latest.version_id:
        found = _version(url, from_secrets, wanted)
        if found is None:
            notice = f"There is no version {wanted}; showing the latest, version {latest.version_id}."
        else:
            version = found
            notice = (
                f"You are looking at version {found.version_id} (pinned by the link), published "
                f"{found.created_at:%d %b %Y}; the latest is version {latest.version_id}."
            )
    try:
        root = versions.materialize(engine, version.version_id)
    except (SQLAlchemyError, OSError) as err:
        return _unreachable(user, url, err)
    _LAST_GOOD[url] = (version, root)
    return Workspace(user, root, engine, version, latest, notice)


def _unreachable(user: User, url: str, err: Exception) -> Workspace:
    from components.store.db import StoreUnavailable, describe

    log.error("The store %s cannot be reached: %s", describe(url), err)
    reason = (
        "The store (this instance's SQLite file) cannot be opened: the app's user cannot create or write it. "
        "Whoever runs this instance must fix that; the server log says more."
        if url.startswith("sqlite") and isinstance(err, StoreUnavailable)
        else "The store (the team's database) cannot be reached right now."
    )
    last = _LAST_GOOD.get(url) or _cached_version(url)
    if last is None:
        return Workspace(
            user, None, None, notice=f"{reason} Nothing has been published to this server yet.", down=reason
        )
    version, root = last
    when = f", published {version.created_at:%d %b %Y %H:%M}" if version.created_at else ""
    return Workspace(
        user,
        root,
        None,
        version,
        version,
        notice=f"{reason} Showing version {version.version_id}{when}, the last one this server read; "
        "changes cannot be saved until it is back.",
        down=reason,
    )


def _cached_version(url: str) -> tuple[Version, Path] | None:
    """After a restart with the database down: the newest version this server wrote to its cache."""
    from components.store import versions
    from components.store.db import fingerprint
    from components.store.versions import Version

    try:
        folder = versions.cache_root() / fingerprint(url)
        done = sorted((int(p.name), p) for p in folder.iterdir() if p.name.isdigit() and (p / ".complete").is_file())
    except (OSError, ValueError):
        return None
    if not done:
        return None
    number, root = done[-1]
    return Version(number, None, "", "", {}, 0), root


def set_current(ws: Workspace) -> None:
    state.set_workspace(ws)


def current() -> Workspace:
    return state.workspace()


def store_page(title: str) -> Workspace | None:
    """A store page's title, and its workspace, or None after saying why the store cannot be read."""
    ws = current()
    st.title(title, anchor=False)
    if ws.engine is None:
        st.error(ws.notice or "The store cannot be reached right now.", icon=":material/cloud_off:")
        return None
    return ws


def unreachable() -> None:
    st.error("The store cannot be reached right now. Try again in a moment.", icon=":material/cloud_off:")
