"""Issue 27's loop in a real browser, as an editor would do it: add a (fictional) article naming a new
person and new outlets; accept its event by mistake, delete that row and reopen the draft; attach it as a
report of the event whose date it contradicts; accept the relayed quote creating the person and the
outlets on the spot and linking it to the event; publish. A viewer then sees the chain, the report under
the event and its status history (the meeting's first report said "planned": the new "occurred" report is
a change of status, not a contradiction — contradictions between reports are tested in test_reports). FACTIONLINE_SHOTS=DIR keeps a screenshot of
every step (docs/workspace.md's walkthrough uses them)."""

import os
from pathlib import Path

import pytest

from .browser import fill_article, open_curate, open_list, sign_in, store_with_editor, streamlit_server, wait_ready

pytestmark = pytest.mark.browser
playwright_api = pytest.importorskip("playwright.sync_api")
ARTICLE = Path(__file__).resolve().parent / "fixtures" / "drafting" / "curate-relay.txt"  # fictional
SHOTS = os.environ.get("FACTIONLINE_SHOTS")
MEETING = "ev-2024-02-29-hamas-fatah-meet-moscow"


def shot(page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def choose(page, label: str, typed: str, within=None, many: bool = False) -> None:
    """Pick an option of a select box (or a multiselect: many) by typing part of it."""
    box = (within or page).get_by_role("combobox", name=label, exact=True)
    open_list(page, box)
    page.keyboard.type(typed)
    option = page.get_by_role("option").filter(has_text=typed).first
    try:
        option.click(timeout=10_000)  # clicked once the list shows it (Enter could pick before it filters)
    except Exception:
        page.keyboard.press("Enter")  # a list that offers no option element: its first match
    if many:
        page.keyboard.press("Escape")  # a multiselect's list stays open otherwise
        page.wait_for_timeout(200)


def said(page, text: str) -> None:
    page.get_by_text(text).first.wait_for(timeout=30_000)


def test_an_editor_adds_a_relayed_report_end_to_end_and_a_viewer_sees_it(browser, tmp_path):
    url = store_with_editor(tmp_path)
    env = {"FACTIONLINE_STORE": url, "FACTIONLINE_PASSWORD": "viewer-pass"}
    with streamlit_server(extra_env=env) as base:
        editor = open_curate(browser, base)
        fill_article(
            editor,
            ARTICLE.read_text(encoding="utf-8"),
            "Talks were frank, says Fatah official",
            "Meridian News Agency",
            ("2024", "03", "04"),
        )
        editor.get_by_role("button", name="Add and draft").click()
        wait_ready(editor, 60_000)
        editor.locator("mark").first.wait_for(timeout=30_000)
        shot(editor, "01-drafts")

        # a mistake: accepted as a new event …
        event = editor.locator("[class*='st-key-draft-']").filter(has_text="Event #").first
        event.get_by_role("button", name="Accept as a new event").click()
        wait_ready(editor, 60_000)
        said(editor, "Accepted as event")
        made = editor.get_by_text("Accepted as event").first.inner_text().split("event ")[1].split(".")[0]
        # … deleted in the row editor …
        editor.get_by_text("Edit the working copy", exact=True).click()
        choose(editor, "Table", "events")
        choose(editor, "Row", made)
        wait_ready(editor, 30_000)
        editor.get_by_text("Yes, delete this row").click()
        editor.get_by_role("button", name="Delete").click()
        wait_ready(editor, 30_000)
        said(editor, f"Deleted events {made}")
        shot(editor, "02-deleted-the-mistake")
        # … and the decision reopened
        editor.get_by_role("button", name="Reopen").first.click()
        wait_ready(editor, 30_000)
        said(editor, "Reopened")

        # another report of the meeting: its date (1 March) contradicts the event's (29 February)
        event = editor.locator("[class*='st-key-draft-']").filter(has_text="Event #").first
        picked = event.get_by_role("combobox", name="…or another report of (the likeliest first)").input_value()
        assert picked.startswith("★ 2024-02-29") and "1 day apart" in picked  # preselected: it is strong
        event.get_by_role("button", name="Attach as a report").click()
        wait_ready(editor, 30_000)
        said(editor, f"Attached to {MEETING}")
        shot(editor, "03-attached")

        # the relayed quote: a new person, two new outlets, linked to the meeting
        editor.get_by_role("tab", name="Quotes").click()
        quote = editor.locator("[class*='st-key-draft-']").filter(has_text="The talks were frank").first
        assert "Moscow Courier (moscow-courier)" in quote.inner_text()  # the new outlets are listed, not dropped
        speakers = quote.get_by_role("combobox", name="Said by (several for a joint statement)", exact=True)
        speakers.click()  # the drafter's guess (Fatah, the movement) is not the speaker: removed
        editor.keyboard.press("Backspace")
        editor.keyboard.press("Escape")
        quote.get_by_role("textbox", name="…or a new person's name", exact=True).fill("Karim Haddad")
        choose(editor, "Their factions", "Fatah", within=quote, many=True)
        shot(editor, "04a-quote-form-filling")
        quote.get_by_role("textbox", name="Their role", exact=True).fill("Fatah Central Committee member")
        choose(editor, "The event it is about (optional)", "representatives to meet", within=quote)
        chain = quote.get_by_role("textbox", name="Attribution chain", exact=True)
        chain.fill("told: moscow-courier; relayed by: meridian-news-agency")
        shot(editor, "04-quote-form")
        quote.get_by_role("button", name="Accept the quote").click()
        wait_ready(editor, 30_000)
        said(editor, "Accepted as quote")
        assert editor.get_by_role("tab", name="Quotes").get_attribute("aria-selected") == "true"  # still open

        editor.get_by_role("textbox", name="What changed, in a sentence", exact=True).fill(
            "Meridian's report of the Moscow talks"
        )
        editor.get_by_role("button", name="Publish").click()
        wait_ready(editor, 60_000)
        said(editor, "Version 2 published")
        shot(editor, "05-published")

        viewer = browser.new_context(viewport={"width": 1440, "height": 1000}).new_page()
        viewer.goto(f"{base}/?event={MEETING}")
        wait_ready(viewer, 60_000)
        sign_in(viewer, None, "", "viewer-pass")  # a new browser: the viewers' password
        details = viewer.locator(".st-key-event-details")
        details.wait_for(timeout=30_000)
        text = details.inner_text()
        shot(viewer, "06-viewer-sees-the-report-and-the-chain")
        # the report under the event: two reports, the status history, the date its own report gives
        assert "2 reports" in text and "planned" in text and "occurred — Meridian News Agency, 4 Mar 2024" in text
        assert "1 March 2024" in text and "“March 1”" in text
        # the quote, its new speaker and the whole chain, in the source's own terms
        body = viewer.locator("body").inner_text()
        assert "Karim Haddad · Fatah Central Committee member" in body
        assert "told Moscow Courier · relayed by Meridian News Agency" in body


def test_a_sign_in_survives_a_reload_a_link_and_a_deep_link_until_sign_out(browser, tmp_path):
    url = store_with_editor(tmp_path)
    with streamlit_server(extra_env={"FACTIONLINE_STORE": url}) as base:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        sign_in(page, base, "Ed Itor", "editor-pass-long")
        page.get_by_text("Signed in as Ed Itor · editor").wait_for(timeout=30_000)
        cookie = next(c for c in context.cookies() if c["name"] == "factionline_session")
        assert cookie["sameSite"] == "Strict" and len(cookie["value"]) >= 40
        for address in (base, f"{base}/?v=1", f"{base}/curate"):  # a reload, a pinned link, a deep link
            page.goto(address)
            wait_ready(page, 60_000)
            page.get_by_text("Signed in as Ed Itor · editor").wait_for(timeout=30_000)
            assert page.get_by_role("textbox", name="Password").count() == 0
        assert page.get_by_role("heading", name="Curate").count() == 1  # the deep link opened Curate
        page.get_by_role("button", name="Sign out").click()
        wait_ready(page, 30_000)
        page.goto(base)
        wait_ready(page, 60_000)
        page.get_by_role("textbox", name="Password").wait_for(timeout=30_000)  # signed out for good
        other = browser.new_context().new_page()  # another browser never shares it
        other.goto(base)
        wait_ready(other, 60_000)
        other.get_by_role("textbox", name="Password").wait_for(timeout=30_000)  # the form, once the store is read
        assert other.get_by_role("textbox", name="Password").count() == 1
        context.close()
