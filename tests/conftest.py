import os
import shutil
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "data"
SHARED = ROOT.parent / "shared"

# Tests never write model caches into the user's cache directory (test_modelcache sets its own).
os.environ["FACTIONLINE_CACHE"] = "off"
# The app opens the store by default: the tests' own (seeded with the bundled data on first use), never the
# user's. Tests that need a fresh one pass their own FACTIONLINE_STORE.
os.environ["FACTIONLINE_STORE"] = f"sqlite:///{tempfile.mkdtemp(prefix='factionline-tests-')}/store.sqlite"


@pytest.fixture(autouse=True)
def _no_sign_in_lockout_carries_over():
    """Failed sign-ins make a client wait (counted in the store): each test starts with none."""
    from components.ui.auth_store import forget_throttle

    forget_throttle()
    yield
    forget_throttle()


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A private copy of the bundled data directory that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(BUNDLED, target)
    return target


def edit(directory: Path, file: str, old: str, new: str, count: int = 1) -> None:
    """Replace text in one file of a data directory; fail loudly if the text is absent."""
    path = directory / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {file}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def edit_row(directory: Path, table: str, row_id: str, **values) -> None:
    """Set cells of the row whose id (first column) is row_id in a table of a data directory."""
    import pandas as pd

    path = directory / f"{table}.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    key = frame.columns[0]
    assert (frame[key] == row_id).any(), row_id
    for column, value in values.items():
        frame.loc[frame[key] == row_id, column] = value
    frame.to_csv(path, index=False)


@pytest.fixture(scope="module")
def browser():
    """One Chromium for a test module (the browser tests' shared fixture)."""
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        from .browser import launch_chromium

        b = launch_chromium(p)
        yield b
        b.close()


# --- the store: every store test runs on SQLite and on PostgreSQL ------------------------------------
PG_ADMIN = os.environ.get("FACTIONLINE_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def _postgres_database(name: str):
    """Create a fresh PostgreSQL database (dropped by the caller); skip, or fail in CI, without a server."""
    import sqlalchemy as sa

    admin = sa.create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3})
    try:
        with admin.connect() as c:
            c.execute(sa.text(f'CREATE DATABASE "{name}"'))
    except Exception as err:  # no server here
        admin.dispose()
        reason = (
            f"PostgreSQL is not reachable at {PG_ADMIN} ({type(err).__name__}); start it to run the store tests on it"
        )
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    url = sa.engine.make_url(PG_ADMIN).set(database=name).render_as_string(hide_password=False)

    def drop():
        with admin.connect() as c:
            c.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return url, drop


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    """A new, empty store URL on each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.sqlite'}"
        return
    import uuid

    url, drop = _postgres_database(f"factionline_{uuid.uuid4().hex[:12]}")
    yield url
    drop()


# --- the engines: DuckDB in process, and Spark on a local standalone cluster (a master and two workers) ----
@pytest.fixture(scope="session")
def spark_url():
    """A local Spark cluster for the session's engine tests; skip, or fail in CI, without pyspark or Java."""
    from components.engines.localcluster import local_cluster, missing

    why = missing()
    if why:
        if os.environ.get("CI"):
            pytest.fail(f"Spark tests cannot run: {why}")
        pytest.skip(f"Spark tests need {why}")
    with local_cluster(workers=2) as url:
        yield url


@pytest.fixture(scope="module", params=["duckdb", "spark"])
def engine_url(request):
    return "duckdb://" if request.param == "duckdb" else request.getfixturevalue("spark_url")
