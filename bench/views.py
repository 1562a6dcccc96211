"""The issue-16 tabs at scale: rerun time and bytes sent after a faction change on *Who meets whom* and
*Compare* (targets at 1M events: ≤ 0.5 s and ≤ 2 MB per rerun).

    python bench/views.py [--size 1000000]      # synthetic data cached under bench/out/ (bench/run.py's)

Not a test: the numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import OUT, READY, change_faction, data_dir, densest_factions  # noqa: E402
from tests.browser import launch_chromium, streamlit_server  # noqa: E402

VIEWS = ("Who meets whom", "Compare")
CHANGES = 6


def measure(playwright, directory: Path, view: str, names: list[str], timeout_s: float = 300) -> dict:
    timing = OUT / "timing-views.txt"
    timing.unlink(missing_ok=True)
    env = {"FACTIONLINE_TIMING": str(timing), "FACTIONLINE_CACHE": str(OUT / "model-cache")}
    with streamlit_server(directory, extra_env=env) as base:
        browser = launch_chromium(playwright)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        received = [0]
        page.on("websocket", lambda ws: ws.on("framereceived", lambda p: received.__setitem__(0, received[0] + len(p))))
        t0 = time.perf_counter()
        page.goto(f"{base}/?view={view.replace(' ', '+')}")
        page.wait_for_selector(READY, timeout=timeout_s * 1000)
        page.wait_for_timeout(500)
        page.wait_for_selector(READY, timeout=timeout_s * 1000)
        first = time.perf_counter() - t0
        box = page.locator(".st-key-w_factions input")
        reruns, sent = [], []
        for i in range(CHANGES):
            rerun, _, nbytes = change_faction(page, box, i, names, timing, received, timeout_s)
            reruns.append(rerun)
            sent.append(nbytes)
        browser.close()
    return {
        "view": view,
        "first_view_s": first,
        "rerun_median_s": statistics.median(reruns),
        "rerun_max_s": max(reruns),
        "reruns": [round(r, 3) for r in reruns],
        "bytes_median": statistics.median(sent),
        "bytes_max": max(sent),
    }


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser()
    parser.add_argument("--size", default="1000000")
    parser.add_argument("--views", default=",".join(VIEWS))
    args = parser.parse_args()
    directory = data_dir(args.size)
    names = densest_factions(directory)
    with sync_playwright() as p:
        for view in args.views.split(","):
            r = measure(p, directory, view, names)
            print(
                f"{args.size} events, {view}: first view {r['first_view_s']:.1f} s; rerun after a faction change "
                f"median {r['rerun_median_s']:.3f} s (max {r['rerun_max_s']:.3f}); sent median "
                f"{r['bytes_median'] / 1e3:.0f} kB (max {r['bytes_max'] / 1e3:.0f} kB); reruns {r['reruns']}"
            )


if __name__ == "__main__":
    main()
