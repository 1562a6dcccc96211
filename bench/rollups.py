"""The rollups at scale (issue 40): how fast a new filter state is answered, from the rollup where it covers
the filters and from the events where not, on an ingested dataset and one engine — and what the rollup costs.

    python bench/rollups.py --data /work/bench100m/ds [--engine duckdb] [--states 24]

Each state is new to the engine (nothing kept): for each view (components/ui/views.VIEWS), the questions it
asks (analysis/questions.QUESTIONS, their first example), timed together. Covered states choose factions,
dates, event types and statuses at random (seeded), with one faction or none; the others add what the
rollup cannot answer (an actor, a search, a minimum of sources, a second faction). Also: the rollup's size against the dataset's and the time to write it
(into a temporary file: the dataset is not modified). Prints a JSON line per view and kind of state, and
appends them to bench/rollups.jsonl. Not a test: the numbers depend on the machine (docs/performance.md).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import machine  # noqa: E402
from components.analysis.filters import Filters  # noqa: E402
from components.analysis.questions import QUESTIONS  # noqa: E402


def covered_states(engine, n: int, rng: random.Random) -> list[Filters]:
    factions = list(engine.factions["faction_id"])
    types = list(engine.per_type(Filters()).index)
    lo, hi = engine.bounds(Filters())
    lo, hi = dt.date.fromisoformat(str(lo)[:10]), dt.date.fromisoformat(str(hi)[:10])
    out = []
    for i in range(n):
        start = lo + dt.timedelta(days=rng.randrange(max((hi - lo).days, 1)))
        end = min(hi, start + dt.timedelta(days=rng.choice([1, 7, 30, 365, 3650])))
        out.append(
            Filters(
                factions=tuple(rng.sample(factions, rng.choice([0, 1, 1]))),
                dates=(start, end) if i % 3 else Filters().dates,
                types=tuple(rng.sample(types, 2)) if i % 4 == 1 else (),
                statuses=("occurred",) if i % 5 == 2 else Filters().statuses,
            )
        )
    return out


def other_states(engine, covered: list[Filters], rng: random.Random) -> list[Filters]:
    import pandas as pd

    actors = list(pd.read_parquet(engine.root / "actors.parquet")["actor_id"])
    factions = list(engine.factions["faction_id"])
    out = [f.replace(q="talks") for f in covered[:3]] + [f.replace(min_sources=2) for f in covered[3:5]]
    out += [f.replace(factions=tuple(rng.sample(factions, 2))) for f in covered[8:11]]
    out += [f.replace(actors=(rng.choice(actors),)) for f in covered[5:8]]
    return out


def time_views(backend, engine, f: Filters, only=None) -> dict[str, float]:
    from components.ui.views import VIEWS

    engine._cache.clear()  # a state new to the engine
    took = {}
    for view in VIEWS:
        if not view.asks or (only and view.label not in only):
            continue
        t0 = time.perf_counter()
        for name in view.asks:
            params = dict(QUESTIONS[name].examples[0])
            backend.ask(name, f, **params)
        took[view.label] = time.perf_counter() - t0
    return took


def rollup_cost(ds: Path) -> dict:
    from components.engines import rollups

    size = sum(p.stat().st_size for p in ds.rglob("*") if p.is_file())
    stored = ds / rollups.FILE
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        rows = rollups.write(ds, Path(tmp) / "events.parquet")
        seconds = time.perf_counter() - t0
    return {
        "rollup_rows": rows,
        "rollup_mb": round(stored.stat().st_size / 1e6, 1) if stored.is_file() else None,
        "dataset_mb": round(size / 1e6, 1),
        "rollup_share": round(stored.stat().st_size / size, 5) if stored.is_file() else None,
        "rollup_write_s": round(seconds, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, required=True, help="an ingested dataset")
    parser.add_argument("--engine", default="duckdb://", help="an engine URL, or 'spark' (a local two-worker cluster)")
    parser.add_argument("--states", type=int, default=24)
    parser.add_argument("--seed", type=int, default=40)
    parser.add_argument("--views", nargs="*", help="only these views (their labels), e.g. Timeline")
    parser.add_argument("--covered-only", action="store_true", help="leave out the states the rollup cannot answer")
    args = parser.parse_args()
    if args.engine == "spark":
        from components.engines.localcluster import local_cluster

        with local_cluster(workers=2, memory="4g") as url:
            run(args, url)
    else:
        run(args, args.engine)


def run(args, url: str) -> None:
    from components.backends.sql import Engine
    from components.engines.sql import SqlEngine

    t0 = time.perf_counter()
    engine = SqlEngine(args.data, url)
    warming = engine.warm()  # as the dashboard does once its backend is open
    backend = Engine(engine)
    opened = time.perf_counter() - t0
    rng = random.Random(args.seed)
    covered = covered_states(engine, args.states, rng)
    others = other_states(engine, covered, rng)
    from components.engines.rollups import enabled

    if enabled():  # FACTIONLINE_ROLLUPS=off: the same states, every one from the events
        assert all(engine.rollup.covers(f, None) for f in covered)
    assert not any(engine.rollup.covers(f, None) for f in others)
    if warming is not None:
        warming.join()  # a cluster's copy of the events filled (as after the first view)
    time_views(
        backend, engine, covered[0], args.views
    )  # the rollup read (or built), once per engine: not a state's cost
    base = {"events": engine.total, "engine": engine.con.name, "date": time.strftime("%Y-%m-%d")}
    rows = [base | {"opened_s": round(opened, 2)} | rollup_cost(args.data)]
    kinds = (("covered", covered),) if args.covered_only else (("covered", covered), ("not covered", others))
    for kind, states in kinds:
        per_view: dict[str, list[float]] = {}
        for f in states:
            for label, s in time_views(backend, engine, f, args.views).items():
                per_view.setdefault(label, []).append(s)
        for label, times in per_view.items():
            rows.append(
                base
                | {
                    "states": kind,
                    "view": label,
                    "n": len(times),
                    "median_s": round(statistics.median(times), 3),
                    "max_s": round(max(times), 3),
                }
            )
    rows[0]["machine"] = machine()
    with (ROOT / "bench" / "rollups.jsonl").open("a") as out:
        for row in rows:
            print(json.dumps(row), flush=True)
            out.write(json.dumps(row) + "\n")


if __name__ == "__main__":
    main()
