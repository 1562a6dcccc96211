"""Screenshots of the dense views issue 39 is about, light and dark, at 1440, 1280 and 390 px: the merged
Hamas view, a drilled week (with a mark selected), the map zoomed out, and the default view, each checked by
axe-core (serious and critical WCAG A/AA violations printed and written to axe.json).

    python -m tests.acled_shaped 3000 /tmp/acled.csv   # or: a merged directory from tests/acled_shaped.py
    python bench/screenshots_density.py --data /tmp/dense/merged --out /tmp/density-shots
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser import launch_chromium, streamlit_server, wait_ready  # noqa: E402

STATES = {
    "default": "?",
    "hamas": "?faction=hamas",
    "week": "?faction=hamas&from=2023-10-09&to=2023-10-15",
    "all-week": "?from=2023-10-09&to=2023-10-15",
    "map-out": "?view=Map",
    "table": "?view=Table+%26+downloads",
    "story": "?story=moscow-talks&step=4",
}


def autoscale(page) -> None:
    """The map zoomed out: the chart toolbar's Autoscale."""
    plot = page.locator(".js-plotly-plot").first
    plot.hover()
    page.locator(".js-plotly-plot .modebar-btn[data-title='Autoscale']").first.click()
    page.wait_for_timeout(1200)


def main() -> None:
    from playwright.sync_api import sync_playwright

    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--widths", default="1440,1280,390")
    ap.add_argument("--schemes", default="light,dark")
    ap.add_argument("--states", default=",".join(STATES))
    ap.add_argument("--no-axe", action="store_true")
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    from tests.axe import serious_violations

    found = {}
    with streamlit_server(Path(args.data)) as base, sync_playwright() as p:
        browser = launch_chromium(p)
        for width in map(int, args.widths.split(",")):
            for scheme in args.schemes.split(","):
                context = browser.new_context(
                    viewport={"width": width, "height": 1000}, color_scheme=scheme, has_touch=width < 640
                )
                page = context.new_page()
                for name in args.states.split(","):
                    page.goto(f"{base}/{STATES[name]}")
                    wait_ready(page, 120_000)
                    page.wait_for_timeout(1500)
                    if name == "map-out":
                        autoscale(page)
                    shot = f"{name}-{width}-{scheme}"
                    page.screenshot(path=str(out / f"{shot}.png"), full_page=True)
                    if not args.no_axe:
                        found[shot] = serious_violations(page)
                        print(shot, [v["id"] for v in found[shot]] or "no serious violation", flush=True)
                context.close()
        browser.close()
    (out / "axe.json").write_text(json.dumps(found, indent=1))
    print(f"screenshots in {out}")


if __name__ == "__main__":
    main()
