"""Screenshots of the curation workspace at 1440, 1280 and 390 px, light and dark: sign-in, Curate with
drafts beside the article, Versions, the audit log (a fresh store; a fictional test article).

    python bench/screenshots_workspace.py --out /tmp/ws-shots
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser import fill_article, launch_chromium, sign_in, streamlit_server, wait_ready  # noqa: E402

ARTICLE = ROOT / "tests" / "fixtures" / "drafting" / "ho5-live.txt"  # fictional


def go(page, name: str) -> None:
    """Open a page from the navigation (on a phone it sits in the collapsed sidebar)."""
    expand = page.get_by_test_id("stExpandSidebarButton")
    if page.viewport_size["width"] < 640 and expand.is_visible():  # the sidebar is off-screen, not hidden
        expand.click()
        page.wait_for_timeout(800)
    page.get_by_role("link", name=name).click()
    wait_ready(page, 60_000)
    collapse = page.locator("[data-testid='stSidebarCollapseButton'] button")
    if page.viewport_size["width"] < 640 and collapse.count() and collapse.first.is_visible():
        collapse.first.click()
        page.wait_for_timeout(800)


def main() -> None:
    from playwright.sync_api import sync_playwright

    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--widths", default="1440,1280,390")
    ap.add_argument("--schemes", default="light,dark")
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    store = Path(tempfile.mkdtemp()) / "store.sqlite"
    env = {"FACTIONLINE_STORE": f"sqlite:///{store}"}
    from components.paths import bundled_data
    from components.store import accounts, versions, workcopy
    from components.store.db import open_store
    from components.store.roles import User

    engine = open_store(env["FACTIONLINE_STORE"])
    accounts.add(engine, User("Operator", "admin"), "Ada Admin", "admin", "admin-pass-long")
    workcopy.import_directory(engine, User("Operator", "admin"), bundled_data())  # version 1: the bundled data
    versions.publish(engine, User("Operator", "admin"), "The bundled data")  # (the walk-through publishes v2)
    with streamlit_server(extra_env=env) as base, sync_playwright() as p:
        browser = launch_chromium(p)
        first = True
        for width in map(int, args.widths.split(",")):
            for scheme in args.schemes.split(","):
                page = browser.new_page(viewport={"width": width, "height": 900}, color_scheme=scheme)
                page.goto(base)
                wait_ready(page, 60_000)
                page.screenshot(path=str(out / f"signin-{width}-{scheme}.png"))
                sign_in(page, base, "Ada Admin", "admin-pass-long")
                go(page, "Curate")
                if first:  # add the article once
                    fill_article(
                        page, ARTICLE.read_text(), "Live: Doha talks, day one", "Eastwire", ("2024", "07", "16")
                    )
                    page.get_by_role("button", name="Add and draft").click()
                    wait_ready(page, 60_000)
                    page.locator("mark").first.wait_for(timeout=30_000)
                    page.locator(".st-key-draft-1").get_by_role("button", name="Accept as a new event").click()
                    wait_ready(page, 60_000)
                    page.get_by_role("textbox", name="What changed, in a sentence", exact=True).fill("Doha, day one")
                    page.get_by_role("button", name="Publish").click()
                    wait_ready(page, 60_000)
                    first = False
                page.screenshot(path=str(out / f"curate-{width}-{scheme}.png"), full_page=True)
                go(page, "Versions")
                page.get_by_text("Events — ").first.wait_for()  # "What changed" between the two versions
                page.screenshot(path=str(out / f"versions-{width}-{scheme}.png"), full_page=True)
                go(page, "Audit log")
                page.screenshot(path=str(out / f"audit-{width}-{scheme}.png"), full_page=True)
                page.close()
        browser.close()
    print(f"screenshots in {out}")


if __name__ == "__main__":
    main()
