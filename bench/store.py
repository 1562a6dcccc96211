"""The store's timings: publishing a version of N events (target: 10,000 in ≤ 10 s), seeding, and what a
viewer's page pays for reading from the store rather than a directory.

    python bench/store.py [--events 10000] [--store URL]   # default: a new SQLite file; or PostgreSQL

Not a test: the numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from components.io.synth import synthesize  # noqa: E402
from components.store import versions, workcopy  # noqa: E402
from components.store.db import open_store  # noqa: E402
from components.store.roles import User  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--store", help="a store URL (default: a new SQLite file)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="factionline-bench-"))
    synthesize(args.events, folder / "data", seed=0, csv=True)
    for p in (folder / "data").glob("*.parquet"):
        p.unlink()
    url = args.store or f"sqlite:///{folder / 'store.sqlite'}"
    if args.store and args.store.startswith("postgresql"):
        import sqlalchemy as sa

        name = f"factionline_bench_{uuid.uuid4().hex[:8]}"
        admin = sa.create_engine(args.store, isolation_level="AUTOCOMMIT")
        with admin.connect() as c:
            c.execute(sa.text(f'CREATE DATABASE "{name}"'))
        url = sa.engine.make_url(args.store).set(database=name).render_as_string(hide_password=False)
    engine = open_store(url)
    user = User("bench", "admin")
    t = time.perf_counter()
    workcopy.import_directory(engine, user, folder / "data")
    seeded = time.perf_counter() - t
    t = time.perf_counter()
    versions.publish(engine, user, "first")
    first = time.perf_counter() - t
    times = []
    for i in range(3):  # a publish after one edited event: validate everything, diff, store
        with engine.begin() as c:
            key = workcopy.rows(c, "events")[i].key
            row = workcopy.get(c, "events", key)
            workcopy.update_row(c, user, "events", key, {"note": f"edit {i}"}, row.row_version)
        t = time.perf_counter()
        versions.publish(engine, user, f"edit {i}")
        times.append(time.perf_counter() - t)
    t = time.perf_counter()
    root = versions.materialize(engine, versions.latest(engine).version_id, folder / "cache")
    materialized = time.perf_counter() - t
    t = time.perf_counter()
    for _ in range(100):
        versions.latest(engine)
    per_check = (time.perf_counter() - t) / 100
    print(f"store: {engine.dialect.name}, {args.events:,} events")
    print(f"- import (seed): {seeded:.2f} s")
    print(f"- first publish: {first:.2f} s")
    print(f"- publish after an edit: median {statistics.median(times):.2f} s (of 3; target 10 s)")
    print(
        f"- a version written for the read model: {materialized:.2f} s ({sum(f.stat().st_size for f in root.rglob('*') if f.is_file()) / 1e6:.1f} MB)"
    )
    print(f"- a viewer's check for a newer version: {per_check * 1000:.2f} ms (cached 2 s per server)")
    directory, store = _reruns({"FACTIONLINE_DATA": str(root)}), _reruns({"FACTIONLINE_STORE": url})
    print(
        f"- a viewer's rerun (AppTest, median of 10): directory {directory * 1000:.0f} ms, store {store * 1000:.0f} ms"
    )


def _reruns(env: dict) -> float:
    """Median AppTest rerun of the dashboard with this environment (the published version already cached)."""
    import os
    import subprocess

    code = (
        "import time, statistics\n"
        "from streamlit.testing.v1 import AppTest\n"
        "at = AppTest.from_file('dashboard.py', default_timeout=120).run()\n"
        "assert not at.exception, at.exception\n"
        "times = []\n"
        "for _ in range(10):\n"
        "    t = time.perf_counter(); at.run(); times.append(time.perf_counter() - t)\n"
        "print(statistics.median(times))\n"
    )
    clean = {k: v for k, v in os.environ.items() if k not in ("FACTIONLINE_DATA", "FACTIONLINE_STORE")}
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, "FACTIONLINE_CACHE": "off", **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return float(out.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    main()
