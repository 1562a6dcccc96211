"""Screenshots of the app for looking at it: every URL given, at 1440/1280/390 px, light and dark.

python bench/screenshots.py --data DIR --out bench/out/shots "?" "?faction=hamas&from=2024-01-01&to=2024-01-31"

With --axe PATH (axe.min.js from the npm package axe-core), each page is also checked by axe-core and its
serious or critical violations printed (and written to axe.json in --out).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.browser import CHROMIUM_ARGS, streamlit_server, wait_ready  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("queries", nargs="+")
    ap.add_argument("--data")
    ap.add_argument("--out", default="bench/out/shots")
    ap.add_argument("--widths", default="1440,1280,390")
    ap.add_argument("--schemes", default="light,dark")
    ap.add_argument("--full", action="store_true", help="the whole page, not the first screen")
    ap.add_argument("--axe", help="axe.min.js: check each page with axe-core")
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    axe = Path(args.axe).read_text() if args.axe else None
    found = {}
    with streamlit_server(Path(args.data) if args.data else None) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for scheme in args.schemes.split(","):
            for width in (int(w) for w in args.widths.split(",")):
                page = browser.new_page(viewport={"width": width, "height": 900}, color_scheme=scheme)
                for q in args.queries:
                    page.goto(base + "/" + q)
                    wait_ready(page, 90_000)
                    page.wait_for_timeout(3000)
                    wait_ready(page, 90_000)
                    name = re.sub(r"[^a-z0-9]+", "-", q.lower()).strip("-") or "default"
                    page.screenshot(path=str(out / f"{name}-{width}-{scheme}.png"), full_page=args.full)
                    if axe:
                        found[f"{name}-{width}-{scheme}"] = serious_violations(page, axe)
                page.close()
        browser.close()
    if axe:
        (out / "axe.json").write_text(json.dumps(found, indent=1))
        for shot, violations in found.items():
            print(shot, "no serious violation" if not violations else violations)


def serious_violations(page, axe: str) -> list[dict]:
    page.add_script_tag(content=axe)
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


if __name__ == "__main__":
    main()
