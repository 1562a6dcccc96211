"""Screenshots of Who meets whom, Compare and story mode at 1440 and 390 px, light and dark, on the bundled
data and (the dense matrix) on a synthetic directory.

    python bench/screenshots_views.py --out /tmp/views-shots [--dense bench/out/synth-100000]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser import launch_chromium, streamlit_server, wait_ready  # noqa: E402

STATES = {
    "together": "?view=Who+meets+whom",
    "together-pair": "?view=Who+meets+whom&with=hamas&with=fatah",
    "compare": "?view=Compare&from=2024-02-01&to=2024-02-29",
    "compare-factions": "?view=Compare&cmp=Two+factions",
    "story": "?story=moscow-talks&step=4",
}


def shoot(p, data: Path, states: dict, out: Path, widths, schemes, prefix: str = "", env: dict | None = None) -> None:
    with streamlit_server(data, extra_env=env) as base:
        browser = launch_chromium(p)
        for width in widths:
            for scheme in schemes:
                page = browser.new_page(viewport={"width": width, "height": 1000}, color_scheme=scheme)
                for name, query in states.items():
                    page.goto(f"{base}/{query}")
                    wait_ready(page, 120_000)
                    page.wait_for_timeout(1500)
                    page.screenshot(path=str(out / f"{prefix}{name}-{width}-{scheme}.png"))
                page.close()
        browser.close()


def main() -> None:
    from playwright.sync_api import sync_playwright

    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--dense", help="a large data directory for the dense matrix")
    ap.add_argument("--widths", default="1440,390")
    ap.add_argument("--schemes", default="light,dark")
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    widths, schemes = [int(w) for w in args.widths.split(",")], args.schemes.split(",")
    with sync_playwright() as p:
        shoot(p, ROOT / "data", STATES, out, widths, schemes)
        if args.dense:
            shoot(p, Path(args.dense), {"together": STATES["together"]}, out, widths, schemes, prefix="dense-")
    print(f"screenshots in {out}")


if __name__ == "__main__":
    main()
