"""The curation workspace in a real browser: an editor adds a (fictional) article, accepts drafts and
publishes; a viewer's open session sees the new event without a restart and cannot open Curate."""

import os
from pathlib import Path

import pytest

from .browser import (
    EDITOR_ACCOUNT,
    fill_article,
    open_curate,
    sign_in,
    store_with_editor,
    streamlit_server,
    wait_ready,
)

pytestmark = pytest.mark.browser
playwright_api = pytest.importorskip("playwright.sync_api")
ARTICLE = Path(__file__).resolve().parent / "fixtures" / "drafting" / "wire-port-talks.txt"  # fictional
SHOTS = os.environ.get("FACTIONLINE_SHOTS")  # a folder: save a screenshot of every step there


def shot(page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def counts(page) -> str:
    return page.get_by_text("events ·", exact=False).first.inner_text()


def test_an_editor_drafts_accepts_and_publishes_and_a_viewer_sees_it(browser, tmp_path):
    env = {"FACTIONLINE_STORE": store_with_editor(tmp_path), "FACTIONLINE_PASSWORD": "viewer-pass"}
    with streamlit_server(extra_env=env) as base:
        viewer = browser.new_context(viewport={"width": 1440, "height": 1000}).new_page()
        sign_in(viewer, base, "", "viewer-pass")
        assert counts(viewer).startswith("13 of 13 events")
        assert viewer.get_by_role("link", name="Curate").count() == 0  # not offered …
        viewer.goto(f"{base}/curate")  # … and not served: the address says whose page it is
        wait_ready(viewer, 60_000)  # still signed in: a sign-in survives a new address (remember.py)
        viewer.get_by_text("Curate is for editors; you are signed in as a viewer.").wait_for(timeout=30_000)
        assert (
            viewer.get_by_text("Add an article").count() == 0 and viewer.get_by_text("Publish a version").count() == 0
        )
        assert viewer.get_by_role("link", name="Curate").count() == 0  # still not in the navigation
        shot(viewer, "01-viewer-before")

        editor = open_curate(browser, base)
        editor.get_by_text("Publish a version", exact=True).wait_for()
        shot(editor, "02-curate-empty")
        fill_article(
            editor,
            ARTICLE.read_text(encoding="utf-8"),
            "Factions hold talks in Moscow",
            "Eastwire",
            ("2024", "03", "01"),
        )
        shot(editor, "03-add-article-form")
        editor.get_by_role("button", name="Add and draft").click()
        wait_ready(editor, 60_000)
        editor.get_by_text("proposals to review below").wait_for(timeout=30_000)
        editor.locator("mark").first.wait_for()  # the passages highlighted in the text
        shot(editor, "04-drafts-beside-the-text")

        event = editor.locator(".st-key-draft-1")
        event.get_by_role("button", name="Accept as a new event").click()
        wait_ready(editor, 60_000)
        editor.get_by_text("Accepted as event").wait_for(timeout=30_000)
        accepted = editor.get_by_text("Accepted as event").inner_text().split("event ")[1].split(".")[0]
        editor.get_by_role("tab", name="Quotes").click()
        quote = editor.locator("[class*='st-key-draft-']").filter(has_text="We agreed to keep talking").first
        quote.get_by_role("button", name="Accept the quote").click()
        wait_ready(editor, 60_000)
        editor.get_by_text("Accepted as quote").wait_for(timeout=30_000)
        shot(editor, "05-accepted")

        editor.get_by_role("textbox", name="What changed, in a sentence", exact=True).fill(
            "Eastwire's account of the Moscow talks"
        )
        editor.get_by_role("button", name="Publish").click()
        wait_ready(editor, 60_000)
        editor.get_by_text("Version 2 published").wait_for(timeout=60_000)
        shot(editor, "06-published")

        # the viewer's open session: nothing restarted, its next interaction shows version 2
        viewer.get_by_role("link", name="Dashboard", exact=True).click()
        wait_ready(viewer, 60_000)
        assert counts(viewer).startswith("14 of 14 events")
        viewer.goto(f"{base}/?event={accepted}")
        wait_ready(viewer, 60_000)  # still signed in: a sign-in survives a new address (remember.py)
        details = viewer.locator(".st-key-event-details")
        details.wait_for(timeout=30_000)
        assert "held talks in Moscow on Thursday" in details.inner_text()
        shot(viewer, "07-viewer-sees-the-new-event")
        # a link pinned to version 1 still shows version 1
        viewer.goto(f"{base}/?v=1")
        wait_ready(viewer, 60_000)  # still signed in: a sign-in survives a new address (remember.py)
        viewer.get_by_text("pinned by the link").wait_for(timeout=30_000)
        assert counts(viewer).startswith("13 of 13 events")
        viewer.get_by_role("link", name="Versions").click()
        wait_ready(viewer, 60_000)
        viewer.get_by_text("What changed", exact=True).wait_for()  # the heading (the table has a "what changed" column)
        shot(viewer, "08-versions")

        # axe-core (WCAG 2.0-2.2 A/AA), issue 39: the workspace's pages, light and dark
        from .axe import serious_violations

        found = {"curate-light": serious_violations(editor), "versions-light": serious_violations(viewer)}
        dark = browser.new_context(viewport={"width": 1440, "height": 1000}, color_scheme="dark").new_page()
        sign_in(dark, base, *EDITOR_ACCOUNT)
        dark.get_by_role("link", name="Curate").click()
        wait_ready(dark, 60_000)
        dark.get_by_text("Publish a version", exact=True).wait_for()
        found["curate-dark"] = serious_violations(dark)
        dark.get_by_role("link", name="Versions").click()
        wait_ready(dark, 60_000)
        dark.get_by_text("What changed", exact=True).wait_for()
        found["versions-dark"] = serious_violations(dark)
        assert not any(found.values()), found
