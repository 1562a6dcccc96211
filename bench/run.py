"""Factionline benchmark: load time, rerun time after a faction change, bytes sent per rerun,
repaint time in Chromium and server memory, for the dashboard and a naive page, at several sizes.

    python bench/run.py                      # bundled, 10k, 100k, 1M; writes docs/performance.md
    python bench/run.py --sizes 10000 --no-naive
    python bench/run.py --sizes /path/to/data-dir --no-naive --out /tmp/perf.md   # your own directory

Not a test: numbers depend on the machine. Synthetic data is cached under bench/out/.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser import launch_chromium, streamlit_server  # noqa: E402

OUT = ROOT / "bench" / "out"
READY = '[data-testid="stApp"][data-test-script-state="notRunning"]'
CHANGES = 6  # faction changes measured per page and size


REPORTS = 0.3  # further reports per event in the synthetic data (--reports)


def data_dir(size: str) -> Path:
    if size == "bundled":
        return ROOT / "data"
    if Path(size).is_dir():  # a data directory of one's own (e.g. an ACLED export merged with the bundled data)
        return Path(size)
    n = int(size)
    target = OUT / f"synth-{n}" if REPORTS == 0.3 else OUT / f"synth-{n}-reports-{REPORTS:g}"
    stamp = hashlib.sha256((ROOT / "components" / "io" / "synth.py").read_bytes()).hexdigest()  # regenerate on change
    if not (target / "events.parquet").exists() or _read(target / ".synth-stamp") != stamp:
        from components.io.synth import synthesize

        shutil.rmtree(target, ignore_errors=True)
        synthesize(n, target, seed=0, reports=REPORTS)  # 1.3 reports per event by default (issue 13)
        (target / ".synth-stamp").write_text(stamp)
    return target


def _read(path: Path) -> str:
    return path.read_text() if path.is_file() else ""


def measure_load(directory: Path) -> dict:
    """Cold load in a fresh process (read, validate, build), with its peak memory; then a restart's
    load from the private model cache (components.data.modelcache) in another fresh process."""
    cache = OUT / "model-cache"
    shutil.rmtree(cache, ignore_errors=True)
    env = {**os.environ, "FACTIONLINE_CACHE": str(cache)}
    cold = (
        "import time, json, resource; from components.data.load import load; t=time.perf_counter(); "
        f"ds=load({str(directory)!r}); s=time.perf_counter()-t; ds.event_search; "
        "print(json.dumps({'load_s': s, 'events': len(ds.events), "
        "'peak_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss/1024})); "
        "from components.data import modelcache as m; p=m.cache_dir()/f'{m.fingerprint(ds.root)}.pickle'; "
        "m._store(p.parent, p, ds)"
    )
    warm = (
        "import time, json; from components.data.modelcache import load_cached; t=time.perf_counter(); "
        f"ds=load_cached({str(directory)!r}); print(json.dumps({{'warm_load_s': time.perf_counter()-t}}))"
    )
    result = {}
    for code in (cold, warm):
        out = subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
        )
        result.update(json.loads(out.stdout.strip().splitlines()[-1]))
    return result  # the cache stays for the page runs: their server starts as after a restart


def settled_memory(pid: int, loaded_at: float) -> dict:
    """The server's memory once its background work after a load is done: the search text is built
    SEARCH_INDEX_DELAY s after a load, once for all sessions, and must not be counted as the cost of
    the sessions opened next. Waits for that, then for the resident size to stay put for 2 s."""
    from components.ui.loading import SEARCH_INDEX_DELAY

    time.sleep(max(0.0, loaded_at + SEARCH_INDEX_DELAY - time.perf_counter()))
    last, deadline = proc_memory(pid), time.time() + 90
    while time.time() < deadline:
        time.sleep(2)
        now = proc_memory(pid)
        if abs(now.get("VmRSS", 0) - last.get("VmRSS", 0)) < 2:
            return now
        last = now
    return last


def proc_memory(pid: int) -> dict:
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(("VmRSS", "VmHWM")):
            key, value = line.split(":")
            fields[key] = int(value.split()[0]) / 1024
    return fields


def change_faction(page, box, i: int, names: list[str], timing: Path, received: list, timeout_s: float):
    """One faction change in the sidebar (even i: add a faction; odd: remove it): (the server's rerun time
    from FACTIONLINE_TIMING, the time until the browser has painted, the bytes received)."""
    lines = timing.read_text().count("\n") if timing.exists() else 0
    received[0] = 0
    box.click()
    if i % 2 == 0:
        page.keyboard.type(names[(i // 2) % len(names)])
        page.wait_for_timeout(300)
        started = time.perf_counter()  # the change is the Enter, not the typing before it
        page.keyboard.press("Enter")
    else:
        started = time.perf_counter()
        page.keyboard.press("Backspace")
    deadline = time.time() + timeout_s
    while (timing.read_text().count("\n") if timing.exists() else 0) <= lines:
        if time.time() > deadline:
            raise TimeoutError("rerun did not finish")
        time.sleep(0.01)
    page.wait_for_selector(READY, timeout=timeout_s * 1000)
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    repaint = time.perf_counter() - started
    rerun = float(timing.read_text().splitlines()[-1])
    page.keyboard.press("Escape")
    page.wait_for_timeout(300)
    return rerun, repaint, received[0]


def run_page(playwright, app: Path, directory: Path, faction_names: list[str], timeout_s: float) -> dict:
    timing = OUT / f"timing-{os.getpid()}.txt"
    timing.unlink(missing_ok=True)
    env = {"FACTIONLINE_TIMING": str(timing), "FACTIONLINE_CACHE": str(OUT / "model-cache")}
    result: dict = {}
    with streamlit_server(directory, extra_env=env, app=app) as base:
        browser = launch_chromium(playwright)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        received = [0]
        page.on("websocket", lambda ws: ws.on("framereceived", lambda p: received.__setitem__(0, received[0] + len(p))))
        t0 = time.perf_counter()
        page.goto(base)
        page.wait_for_selector(READY, timeout=timeout_s * 1000)
        page.wait_for_timeout(500)
        page.wait_for_selector(READY, timeout=timeout_s * 1000)
        result["first_view_s"] = time.perf_counter() - t0
        loaded_at = time.perf_counter()
        result["first_view_bytes"] = received[0]
        reruns, sent, repaints = [], [], []
        box = page.locator(".st-key-w_factions input")
        for i in range(CHANGES):
            rerun, repaint, nbytes = change_faction(page, box, i, faction_names, timing, received, timeout_s)
            reruns.append(rerun)
            repaints.append(repaint)
            sent.append(nbytes)
        # The same change on the Map tab: what the map adds to a rerun.
        page.goto(base + "/?view=Map")
        page.wait_for_selector(READY, timeout=timeout_s * 1000)
        page.wait_for_timeout(500)
        map_reruns, map_sent = [], []
        for i in range(2):
            rerun, _, nbytes = change_faction(page, box, i, faction_names, timing, received, timeout_s)
            map_reruns.append(rerun)
            map_sent.append(nbytes)
        result.update(map_rerun_new_s=map_reruns[0], map_bytes_max=max(map_sent))
        pid = base.pid
        one = settled_memory(pid, loaded_at) if pid else {}
        extra = [browser.new_page() for _ in range(2)]  # do more sessions add copies of the data?
        for p in extra:
            p.goto(base)
            p.wait_for_selector(READY, timeout=timeout_s * 1000)
        three = proc_memory(pid) if pid else {}
        browser.close()
    result.update(
        rerun_median_s=statistics.median(reruns),
        rerun_max_s=max(reruns),
        rerun_new_median_s=statistics.median(reruns[0::2]),  # adding a faction: a state not seen before
        repaint_median_s=statistics.median(repaints),
        repaint_max_s=max(repaints),
        bytes_median=statistics.median(sent),
        bytes_max=max(sent),
        rss_mb=one.get("VmRSS"),
        peak_mb=three.get("VmHWM"),
        rss_3_sessions_mb=three.get("VmRSS"),
    )
    return result


def densest_factions(directory: Path) -> list[str]:
    """Faction names, the faction with the most events first: its single-faction view is the densest."""
    from components.data.load import load

    ds = load(directory)
    sizes = ds.event_factions["faction_id"].value_counts()
    return [ds.faction_name[f] for f in sizes.index if f in ds.faction_name]


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    mem = next(
        line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")
    )
    import pandas
    import plotly
    import streamlit

    return (
        f"{os.cpu_count()} cores ({cpu}), {int(mem) / 1024 / 1024:.0f} GiB RAM, {platform.system()} "
        f"{platform.release()}; Python {platform.python_version()}, Streamlit {streamlit.__version__}, "
        f"pandas {pandas.__version__}, Plotly {plotly.__version__}; headless Chromium without a GPU."
    )


def fmt(v, unit="", digits=2):
    if v is None:
        return "—"
    if isinstance(v, str):
        return v
    if unit == "B":
        return f"{v / 1e6:.2f} MB" if v >= 1e5 else f"{v / 1e3:.0f} kB"
    return f"{v:,.{digits}f}{unit}"


def write_report(rows: list[dict], path: Path) -> None:
    lines = [
        "# Performance",
        "",
        f"Measured by `python bench/run.py` on {time.strftime('%Y-%m-%d')}.",
        "",
        f"**Machine:** {machine()}",
        "",
        "**How:** the data is synthetic (`factionline synth --reports 0.3`, seed 0: 1.3 reports per event) and read from Parquet. *Load* is a cold "
        "`load()` (read, validate every rule, build the model) in a fresh process, with its peak memory; "
        "*restart load* is the same directory loaded again in a new process from the private model cache "
        "(`components/data/modelcache.py`, used by the app for tables of 50,000 events or more); the page servers "
        "start from that cache, as after a restart, so *first view* and *server peak* do not include a cold "
        "load (its peak is the *load peak* column). The "
        "pages run under a real `streamlit run`; Playwright drives Chromium and makes "
        f"{CHANGES} faction changes in the sidebar (adding a faction, then removing it; the factions with the most "
        "events first, so the single-faction views are the densest). *Map tab*: the first change made again on "
        "the Map tab. *Rerun* is the "
        "script's own run time; *bytes* is what the browser received over the websocket for that change; "
        "*rerun, new state* is the median over the changes that add a faction (a filter state not seen "
        "before; removing it returns to a view the server still holds). *Repaint* is from the key press "
        "to the page settled and painted. *Server memory* is the Streamlit "
        "process's resident memory with one session and with three, and its peak; the one-session figure is "
        "taken once the search text (built in the background 15 s after a load, once for all sessions) is "
        "in memory. The naive page draws "
        "`px.scatter` of every filtered event behind `st.cache_data`.",
        "",
        "| page | events | load (s) | restart load, cached (s) | load peak | first view (s) | rerun median (s) | rerun, new state (s) | rerun max (s) | bytes / rerun (median, max) | repaint median (s) | map tab: rerun, new state (s), bytes | server RSS 1 → 3 sessions | server peak |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---|---|---:|",
    ]
    for r in rows:
        if "error" in r:
            lines.append(
                f"| {r['page']} | {r['events']:,} | {fmt(r.get('load_s'))} | {fmt(r.get('load_peak_mb'), ' MB', 0)} "
                f"| failed: {r['error']} | | | | | | | | | |"
            )
            continue
        lines.append(
            f"| {r['page']} | {r['events']:,} | {fmt(r.get('load_s'))} | {fmt(r.get('warm_load_s'))} "
            f"| {fmt(r.get('load_peak_mb'), ' MB', 0)} | {fmt(r['first_view_s'])} | {fmt(r['rerun_median_s'], '', 3)} | {fmt(r['rerun_new_median_s'], '', 3)} "
            f"| {fmt(r['rerun_max_s'], '', 3)} "
            f"| {fmt(r['bytes_median'], 'B')}, {fmt(r['bytes_max'], 'B')} | {fmt(r['repaint_median_s'])} "
            f"| {fmt(r.get('map_rerun_new_s'), '', 3)}, {fmt(r.get('map_bytes_max'), 'B')} "
            f"| {fmt(r['rss_mb'], ' MB', 0)} → {fmt(r['rss_3_sessions_mb'], ' MB', 0)} | {fmt(r['peak_mb'], ' MB', 0)} |"
        )
    ratios = []
    for r in rows:
        if r["page"] != "Factionline":
            continue
        naive = next((n for n in rows if n["page"] == "naive" and n["events"] == r["events"]), None)
        if naive and "error" not in naive and "error" not in r:
            ratios.append(
                f"| {r['events']:,} | {naive['rerun_median_s'] / max(r['rerun_median_s'], 1e-9):.1f}× "
                f"| {naive['bytes_median'] / max(r['bytes_median'], 1):.1f}× "
                f"| {naive['repaint_median_s'] / max(r['repaint_median_s'], 1e-9):.1f}× "
                f"| {(naive['peak_mb'] or 0) / max(r['peak_mb'] or 0, 1):.1f}× |"
            )
        elif naive:
            ratios.append(f"| {r['events']:,} | naive page failed: {naive.get('error', '?')} | | | |")
    if ratios:
        lines += [
            "",
            "**Naive ÷ Factionline** (how many times slower, larger or heavier the naive page is):",
            "",
            "| events | rerun | bytes | repaint | server peak memory |",
            "|---:|---:|---:|---:|---:|",
            *ratios,
        ]
    big = next((r for r in rows if r["page"] == "Factionline" and r["events"] >= 1_000_000 and "error" not in r), None)
    if big:
        worst_bytes = max(r["bytes_max"] for r in rows if r["page"] == "Factionline" and "error" not in r)
        checks = [
            (
                "rerun after a faction change, median",
                "≤ 0.25 s",
                f"{big['rerun_median_s']:.3f} s",
                big["rerun_median_s"] <= 0.25,
            ),
            ("bytes sent per rerun, any N (max)", "≤ 2 MB", fmt(worst_bytes, "B"), worst_bytes <= 2e6),
            ("repaint in Chromium, median", "≤ 1 s", f"{big['repaint_median_s']:.2f} s", big["repaint_median_s"] <= 1),
            ("first load from Parquet", "≤ 5 s", f"{big['load_s']:.1f} s", big["load_s"] <= 5),
            (
                "load after a restart (private model cache)",
                "≤ 5 s",
                fmt(big.get("warm_load_s"), " s", 1),
                (big.get("warm_load_s") or 99) <= 5,
            ),
            ("server memory (peak)", "≤ 2 GB", fmt(big["peak_mb"], " MB", 0), (big["peak_mb"] or 0) <= 2048),
            (
                "memory added by 2 more sessions",
                "no copy of the data",
                fmt((big["rss_3_sessions_mb"] or 0) - (big["rss_mb"] or 0), " MB", 0),
                (big["rss_3_sessions_mb"] or 0) - (big["rss_mb"] or 0) < 100,
            ),
        ]
        lines += [
            "",
            "**Against the targets at 1,000,000 events:**",
            "",
            "| target | goal | measured | met |",
            "|---|---|---|---|",
        ]
        lines += [f"| {name} | {goal} | {value} | {'yes' if ok else '**no**'} |" for name, goal, value, ok in checks]
    lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="bundled,10000,100000,1000000")
    parser.add_argument("--no-naive", action="store_true")
    parser.add_argument("--timeout", type=float, default=240.0, help="seconds before a page step counts as failed")
    parser.add_argument("--out", default=str(ROOT / "docs" / "performance.md"))
    parser.add_argument("--report-from", help="rewrite the report from the JSON lines a previous run printed")
    parser.add_argument("--reports", type=float, default=0.3, help="share of events with a further report")
    args = parser.parse_args()
    global REPORTS
    REPORTS = args.reports
    if args.report_from:
        rows = [json.loads(line) for line in Path(args.report_from).read_text().splitlines() if line.startswith("{")]
        write_report(rows, Path(args.out))
        return
    OUT.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as p:
        launch_chromium(p).close()  # a first launch is slower: not charged to the first page measured
        for size in args.sizes.split(","):
            directory = data_dir(size)
            load = measure_load(directory)
            names = densest_factions(directory)
            pages = [("Factionline", ROOT / "dashboard.py")] + (
                [] if args.no_naive else [("naive", ROOT / "bench" / "naive_app.py")]
            )
            for label, app in pages:
                row = {"page": label, "events": load["events"]}
                if label == "Factionline":
                    row.update(load_s=load["load_s"], load_peak_mb=load["peak_mb"], warm_load_s=load["warm_load_s"])
                print(f"{label} at {load['events']:,} events…", flush=True)
                try:
                    row.update(run_page(p, app, directory, names[:3], args.timeout))
                except Exception as err:  # a page that cannot cope is a result, not a crash
                    row["error"] = f"{type(err).__name__}: {str(err).splitlines()[0][:120]}"
                print(json.dumps(row), flush=True)
                rows.append(row)
                write_report(rows, Path(args.out))
    print(Path(args.out).read_text())


if __name__ == "__main__":
    main()
