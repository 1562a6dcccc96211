"""The dashboard on each engine at scale (issue 17): first view, rerun time and bytes after a faction change,
server memory — for `memory`, `duckdb` and `spark` (a local standalone cluster of two workers).

    python bench/engines.py --sizes 1000000 10000000 [--engines memory duckdb spark]
    python bench/engines.py --sizes 100000000 --engines duckdb --data /big/ds-100m   # a dataset ingested already
    python bench/engines.py --sizes 10000000 --engines spark --settle 30   # changes begin 30 s after the first view

Datasets are synthesized in parts and ingested under --work (default bench/out/engines) unless --data
gives one. Targets at 100M with DuckDB: rerun ≤ 1 s (median), server ≤ 4 GB, ≤ 2 MB per rerun, first
view ≤ 10 s. Prints a Markdown table and appends each row to bench/engines.jsonl. Not a test: the numbers
depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import READY, change_faction, machine  # noqa: E402
from tests.browser import launch_chromium, streamlit_server  # noqa: E402

CHANGES = 6


def dataset(size: int, work: Path) -> Path:
    """An ingested synthetic dataset of `size` events (made once, kept under work/)."""
    from components.data.manifest import is_dataset
    from components.io.ingest import ingest
    from components.io.synth import synthesize_parts

    out = work / f"ds-{size}"
    if is_dataset(out):
        return out
    parts = work / f"synth-{size}"
    if not parts.exists():
        synthesize_parts(size, parts, part_size=min(size, 1_000_000))
    ingest(sorted(parts.iterdir()), out)
    return out


def faction_names(ds: Path) -> list[str]:
    """Faction names, the one with the most events first (its single-faction view is the densest)."""
    from components.analysis.filters import Filters
    from components.engines.sql import SqlEngine

    engine = SqlEngine(ds)
    counts = engine.per_faction(Filters())
    names = dict(zip(engine.factions["faction_id"], engine.factions["name"]))
    return [names[f] for f in sorted(counts, key=counts.get, reverse=True)]


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and its descendants (the server and, on Spark, its driver JVM)."""
    out = subprocess.run(["ps", "-e", "-o", "pid=,ppid=,rss="], capture_output=True, text=True).stdout
    rows = [tuple(int(x) for x in line.split()) for line in out.splitlines() if line.strip()]
    children: dict[int, list[int]] = {}
    rss = {}
    for p, parent, r in rows:
        children.setdefault(parent, []).append(p)
        rss[p] = r
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        total += rss.get(p, 0)
        todo += children.get(p, [])
    return total / 1024


def cluster_rss_mb() -> float:
    """Resident memory of the local Spark cluster's master and workers."""
    out = subprocess.run(["ps", "-e", "-o", "rss=,args="], capture_output=True, text=True).stdout
    return sum(int(line.split()[0]) for line in out.splitlines() if "org.apache.spark.deploy." in line) / 1024


def measure(
    playwright, ds: Path, engine: str, url: str | None, names: list[str], work: Path, settle: float = 0
) -> dict:
    timing = work / "timing-engines.txt"
    timing.unlink(missing_ok=True)
    env = {"FACTIONLINE_TIMING": str(timing), "FACTIONLINE_CACHE": str(work / "model-cache")}
    if engine != "memory":
        env["FACTIONLINE_ENGINE"] = url
    peak = 0.0
    with streamlit_server(ds, extra_env=env) as base:
        browser = launch_chromium(playwright)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        received = [0]
        page.on("websocket", lambda ws: ws.on("framereceived", lambda p: received.__setitem__(0, received[0] + len(p))))
        t0 = time.perf_counter()
        page.goto(f"{base}/")
        page.wait_for_selector(".st-key-w_factions input", timeout=1_800_000)
        page.wait_for_selector(READY, timeout=1_800_000)
        first = time.perf_counter() - t0
        peak = max(peak, tree_rss_mb(base.pid))
        page.wait_for_timeout(settle * 1000)  # an analyst reading the first view (a cluster fills its cache)
        box = page.locator(".st-key-w_factions input")
        reruns, sent = [], []
        for i in range(CHANGES):
            rerun, _, nbytes = change_faction(page, box, i, names, timing, received, 600)
            reruns.append(rerun)
            sent.append(nbytes)
            peak = max(peak, tree_rss_mb(base.pid))
        browser.close()
    return {
        "engine": engine,
        "settle_s": settle,
        "first_view_s": round(first, 2),
        "rerun_median_s": round(statistics.median(reruns), 3),
        "rerun_max_s": round(max(reruns), 3),
        # adding a faction is a state not seen before; removing it returns to one the server still holds
        "rerun_new_state_median_s": round(statistics.median(reruns[0::2]), 3),
        "reruns": [round(r, 3) for r in reruns],
        "bytes_median": int(statistics.median(sent)),
        "bytes_max": max(sent),
        "server_peak_mb": round(peak),
        "cluster_mb": round(cluster_rss_mb()) if engine == "spark" else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000_000, 10_000_000])
    parser.add_argument("--engines", nargs="+", default=["memory", "duckdb", "spark"])
    parser.add_argument("--data", type=Path, help="an ingested dataset to use (one size)")
    parser.add_argument("--work", type=Path, default=ROOT / "bench" / "out" / "engines")
    parser.add_argument("--settle", type=float, default=0, help="seconds between the first view and the first change")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as p:
        for size in args.sizes:
            ds = args.data or dataset(size, args.work)
            names = faction_names(ds)
            for engine in args.engines:
                if engine == "spark":
                    from components.engines.localcluster import local_cluster

                    with local_cluster(workers=2, memory="4g") as url:
                        row = measure(p, ds, engine, url, names, args.work, args.settle)
                else:
                    row = measure(p, ds, engine, "duckdb", names, args.work, args.settle)
                row |= {"events": size, "date": time.strftime("%Y-%m-%d"), "machine": machine()}
                rows.append(row)
                print(json.dumps(row), flush=True)
                with (ROOT / "bench" / "engines.jsonl").open("a") as out:
                    out.write(json.dumps(row) + "\n")
    print(
        "\n| events | engine | first view | rerun median | rerun, new state | rerun max | bytes median | bytes max "
        "| server peak | cluster |"
    )
    print("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        cluster = f"{r['cluster_mb']:,} MB" if r["cluster_mb"] else "—"
        print(
            f"| {r['events']:,} | {r['engine']} | {r['first_view_s']} s | {r['rerun_median_s']} s | "
            f"{r['rerun_new_state_median_s']} s | "
            f"{r['rerun_max_s']} s | {r['bytes_median'] / 1000:,.0f} kB | {r['bytes_max'] / 1000:,.0f} kB | "
            f"{r['server_peak_mb']:,} MB | {cluster} |"
        )


if __name__ == "__main__":
    main()
