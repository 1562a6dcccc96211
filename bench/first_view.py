"""First view of the bundled data, Factionline against the naive page, alternating, N times each (the
single first-view figure of bench/run.py varies by a second or more from run to run).

    python bench/first_view.py --runs 5

Besides the seconds to a settled page, each run's server CPU seconds (the script run, imports included):
on a machine loaded by other work the seconds stretch with the load and the CPU seconds much less, so they
say whether the server does more work. (The browser's CPU seconds are no such measure: while it waits, the
page animates its running indicator.) Ratios are also taken pair by pair — each Factionline run over the
naive run beside it — and their median given.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.browser import launch_chromium, streamlit_server, wait_ready  # noqa: E402

PAGES = {"Factionline": ROOT / "dashboard.py", "naive": ROOT / "bench" / "naive_app.py"}
TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """A process's CPU time so far (user and system), from /proc; 0 when it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICKS


def first_view(playwright, app: Path) -> tuple[float, float]:
    """Seconds to the settled page, and the server's CPU seconds for it."""
    with streamlit_server(
        ROOT / "data", app=app, extra_env={"FACTIONLINE_CACHE": str(ROOT / "bench" / "out" / "model-cache")}
    ) as base:
        server = cpu_seconds(base.pid)
        browser = launch_chromium(playwright)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        t = time.perf_counter()
        page.goto(base)
        wait_ready(page, 120_000)
        seconds = time.perf_counter() - t
        server = cpu_seconds(base.pid) - server
        browser.close()
        return seconds, server


def spread(values: list[float]) -> str:
    return f"median {statistics.median(values):.2f} ({min(values):.2f}–{max(values):.2f})"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    runs = {name: [] for name in PAGES}
    with sync_playwright() as p:
        launch_chromium(p).close()
        first_view(p, PAGES["Factionline"])  # fills the model cache, as after a first start
        for _ in range(args.runs):
            for name, app in PAGES.items():
                runs[name].append(first_view(p, app))
    for name, values in runs.items():
        seconds, server = zip(*values)
        print(f"{name}: median {statistics.median(seconds):.2f} s ({', '.join(f'{v:.2f}' for v in seconds)})")
        print(f"    server CPU seconds: {spread(server)}")
    ours, naive = runs["Factionline"], runs["naive"]
    ratio = statistics.median(ours[i][0] for i in range(len(ours))) / statistics.median(v[0] for v in naive)
    print(f"Factionline ÷ naive: {ratio:.2f}×")
    pairs = [a[0] / b[0] for a, b in zip(ours, naive)]
    work = [a[1] / b[1] for a, b in zip(ours, naive)]
    print(f"    pair by pair: seconds {spread(pairs)}; server CPU seconds {spread(work)}")


if __name__ == "__main__":
    main()
