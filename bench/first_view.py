"""First view of the bundled data, Factionline against the naive page, alternating, N times each (the
single first-view figure of bench/run.py varies by a second or more from run to run).

    python bench/first_view.py --runs 5
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.browser import launch_chromium, streamlit_server, wait_ready  # noqa: E402

PAGES = {"Factionline": ROOT / "dashboard.py", "naive": ROOT / "bench" / "naive_app.py"}


def first_view(playwright, app: Path) -> float:
    with streamlit_server(
        ROOT / "data", app=app, extra_env={"FACTIONLINE_CACHE": str(ROOT / "bench" / "out" / "model-cache")}
    ) as base:
        browser = launch_chromium(playwright)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        t = time.perf_counter()
        page.goto(base)
        wait_ready(page, 120_000)
        seconds = time.perf_counter() - t
        browser.close()
        return seconds


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    times = {name: [] for name in PAGES}
    with sync_playwright() as p:
        launch_chromium(p).close()
        first_view(p, PAGES["Factionline"])  # fills the model cache, as after a first start
        for _ in range(args.runs):
            for name, app in PAGES.items():
                times[name].append(first_view(p, app))
    for name, values in times.items():
        print(f"{name}: median {statistics.median(values):.2f} s ({', '.join(f'{v:.2f}' for v in values)})")
    ratio = statistics.median(times["Factionline"]) / statistics.median(times["naive"])
    print(f"Factionline ÷ naive: {ratio:.2f}×")


if __name__ == "__main__":
    main()
