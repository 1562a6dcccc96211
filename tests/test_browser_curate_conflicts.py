"""Issue 36's four paths where work disappeared, in a real browser: two editors (two browsers), the first
saves, the second saves from the page opened before and is told who changed it — with their values beside
the second's, which stay in the form; attach uses the form's values; reopen and reject on an older article
is saved and stays there. FACTIONLINE_SHOTS=DIR keeps screenshots (docs/curate/ uses the conflict one)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from .browser import EDITOR_ACCOUNT, open_list, sign_in, store_with_editor, streamlit_server, wait_ready

pytestmark = pytest.mark.browser
playwright_api = pytest.importorskip("playwright.sync_api")
SECOND = ("Bea Second", "second-editor-pass")
SHOTS = os.environ.get("FACTIONLINE_SHOTS")
MEETING = "ev-2024-02-29-hamas-fatah-meet-moscow"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """One app on a store with the bundled data, two editors' accounts and two fictional articles."""
    from components.data.load import load
    from components.store import accounts, curation, versions, workcopy
    from components.store.db import open_store
    from components.store.roles import User

    from .conftest import BUNDLED
    from .test_store import ARTICLE

    folder = tmp_path_factory.mktemp("conflicts")
    url = store_with_editor(folder)
    store = open_store(url)
    admin = User("Operator", "admin")
    accounts.add(store, admin, SECOND[0], "editor", SECOND[1])
    workcopy.import_directory(store, admin, BUNDLED)
    versions.publish(store, admin, "Imported")
    ds = load(versions.materialize(store, 1, folder / "cache"))
    text = ARTICLE.read_text(encoding="utf-8")
    older, _ = curation.add_article(
        store, admin, text=text, title="Talks in Moscow", outlet="Eastwire", published=dt.date(2024, 3, 1), dataset=ds
    )
    newer, _ = curation.add_article(
        store,
        admin,
        text=text.replace("Moscow", "Cairo"),
        title="Talks in Cairo",
        outlet="Eastwire",
        published=dt.date(2024, 3, 9),
        dataset=ds,
    )
    with streamlit_server(extra_env={"FACTIONLINE_STORE": url, "FACTIONLINE_SEED": "none"}) as base:
        yield base, store, older, newer
    store.dispose()


def _editor(browser, base, account):
    page = browser.new_context(viewport={"width": 1440, "height": 1100}).new_page()
    sign_in(page, base, *account)
    page.get_by_role("link", name="Curate").click()
    wait_ready(page, 60_000)
    return page


def _choose(page, label: str, typed: str, within=None) -> None:
    open_list(page, (within or page).get_by_role("combobox", name=label, exact=True))
    page.keyboard.type(typed)
    page.get_by_role("option").filter(has_text=typed).first.click(timeout=30_000)
    wait_ready(page, 30_000)


def _said(page, text: str) -> None:
    page.get_by_text(text).first.wait_for(timeout=30_000)


def _shot(page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def test_the_second_editors_row_save_from_the_older_page_names_the_first_and_keeps_theirs(browser, served):
    base, store, *_ = served
    first, second = _editor(browser, base, EDITOR_ACCOUNT), _editor(browser, base, SECOND)
    for page in (first, second):  # both open the same event
        page.get_by_text("Edit the working copy", exact=True).click()
        wait_ready(page, 30_000)
        _choose(page, "Table", "events")
        _choose(page, "Row", "ev-2007-rupture")
    first.get_by_role("textbox", name="note", exact=True).fill("Checked against two outlets.")
    first.get_by_role("button", name="Save").click()
    wait_ready(first, 30_000)
    _said(first, "Saved ev-2007-rupture")
    note = second.get_by_role("textbox", name="note", exact=True)
    note.fill("The second editor's wording.")
    second.get_by_role("button", name="Save").click()
    wait_ready(second, 30_000)
    _said(second, "was changed by Ed Itor")
    assert note.input_value() == "The second editor's wording."  # kept, to apply again
    table = second.locator('[data-testid="stDataFrame"]').first
    table.wait_for(timeout=10_000)
    second.get_by_text("Theirs (Ed Itor").first.scroll_into_view_if_needed()
    _shot(second, "conflict-row-editor")
    from components.store import curation

    assert curation.row(store, "events", "ev-2007-rupture").data["note"] == "Checked against two outlets."
    first.context.close()
    second.context.close()


def test_a_draft_decided_by_the_first_is_refused_to_the_second_and_attach_uses_the_form(browser, served):
    base, store, older, newer = served
    from components.store import curation
    from components.store.roles import User

    first, second = _editor(browser, base, EDITOR_ACCOUNT), _editor(browser, base, SECOND)
    drafts = [d for d in curation.listed(store, User("a", "editor"), newer) if d.kind == "event"]
    d = drafts[0]
    card = f".st-key-draft-{d.draft_id}"
    first.locator(card).get_by_role("button", name="Reject").click()
    wait_ready(first, 30_000)
    _said(first, "Rejected.")
    box = second.locator(card)
    box.get_by_role("textbox", name="Date (EDTF)", exact=True).fill("2024-02-28")
    _choose(second, "…or another report of (the likeliest first)", "2024-02-29", within=box)
    box.get_by_role("button", name="Attach as a report").click()
    wait_ready(second, 30_000)
    _said(second, f"Draft {d.draft_id} was rejected by Ed Itor")
    assert second.locator(card).get_by_role("textbox", name="Date (EDTF)", exact=True).input_value() == "2024-02-28"
    _shot(second, "conflict-draft")
    assert curation.listed(store, User("a", "editor"), newer)[0].status == "rejected"
    # the first reopens it, edits its date and status in the form, and attaches: the form's values are stored
    first.locator(f".st-key-reopen-{d.draft_id}").get_by_role("button").click()
    wait_ready(first, 30_000)
    _said(first, "Reopened")
    box = first.locator(card)
    box.get_by_role("textbox", name="Date (EDTF)", exact=True).fill("2024-02-28")
    _choose(first, "Status", "planned", within=box)
    _choose(first, "…or another report of (the likeliest first)", "2024-02-29", within=box)
    box.get_by_role("button", name="Attach as a report").click()
    wait_ready(first, 30_000)
    _said(first, f"Attached to {MEETING}")
    result = next(x for x in curation.listed(store, User("a", "editor"), newer) if x.draft_id == d.draft_id).result
    report = curation.row(store, "reports", result.partition(":")[2]).data
    assert (report["date"], report["status"]) == ("2024-02-28", "planned")
    first.context.close()
    second.context.close()


def test_reopen_and_reject_on_an_older_article_is_saved_and_stays_there(browser, served):
    base, store, older, newer = served
    from components.store import audit, curation
    from components.store.roles import User

    quote = next(d for d in curation.listed(store, User("a", "editor"), older) if d.kind == "quote")
    curation.reject(store, User("Operator", "editor"), quote.draft_id, quote.row_version)
    page = _editor(browser, base, EDITOR_ACCOUNT)
    _choose(page, "Article", "Talks in Moscow")
    page.get_by_role("tab", name="Quotes").click()
    page.locator(f".st-key-reopen-{quote.draft_id}").get_by_role("button").click()
    wait_ready(page, 30_000)
    _said(page, "Reopened")
    page.get_by_role("tab", name="Quotes").click()
    page.locator(f".st-key-draft-{quote.draft_id}").get_by_role("button", name="Reject").click()
    wait_ready(page, 30_000)
    _said(page, "Rejected.")
    assert "Talks in Moscow" in page.get_by_role("combobox", name="Article", exact=True).input_value() or (
        "Talks in Moscow" in page.locator('[data-testid="stSelectbox"]').filter(has_text="Article").first.inner_text()
    )
    now = next(x for x in curation.listed(store, User("a", "editor"), older) if x.draft_id == quote.draft_id)
    assert now.status == "rejected" and now.decided_by == "Ed Itor"
    actions = [e["action"] for e in audit.entries(store, User("a", "admin"), 5)]
    assert actions[:2] == ["rejected", "reopened"]
    page.context.close()
