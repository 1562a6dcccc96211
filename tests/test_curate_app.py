"""The Curate page with two editors (AppTest, two sessions): a save or a decision from a page opened before
the other editor's is refused naming them, and the person's values stay in the form; attach, accept and
reject use the form's values; a second decision on an older article is saved and stays there (issue 36).
On SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from components.store import curation, workcopy

from .test_store import EDITOR, OTHER, add_fictional_article, seeded


def _page(user_name: str) -> None:
    import os

    from components.store import versions
    from components.store.db import open_store
    from components.store.roles import User
    from components.ui import curate, workspace

    engine = open_store(os.environ["FACTIONLINE_STORE"])
    workspace.set_current(workspace.Workspace(User(user_name, "editor"), None, engine, latest=versions.latest(engine)))
    curate.render()


def _session(name: str, **state) -> AppTest:
    at = AppTest.from_function(_page, args=(name,), default_timeout=60)
    for key, value in state.items():
        at.session_state[key] = value
    return at.run()


def _button(at: AppTest, label: str, within: str = ""):
    found = [b for b in at.button if b.label == label and within in f"{b.key or ''} {b.form_id}"]
    assert found, f"no button {label!r}: {[b.label for b in at.button]}"
    return found[0]


def _messages(at: AppTest) -> str:
    return " ".join(e.value for e in (*at.error, *at.warning, *at.success))


@pytest.fixture
def store(store_url, monkeypatch):
    monkeypatch.setenv("FACTIONLINE_STORE", store_url)
    engine = seeded(store_url)
    yield engine
    engine.dispose()


def _row(engine, table, key):
    with engine.connect() as c:
        return workcopy.get(c, table, key)


def test_the_second_editors_save_from_the_older_page_is_refused_naming_the_first_and_kept(store):
    where = {"edit-table": "events", "edit-row": "ev-2007-rupture"}
    first, second = _session(EDITOR.name, **where), _session(OTHER.name, **where)
    note = "edit-events-ev-2007-rupture-note"
    first.text_area(key=note).input("checked against two outlets")
    _button(first, "Save").click().run()
    assert _row(store, "events", "ev-2007-rupture").data["note"] == "checked against two outlets"
    second.text_area(key=note).input("the second editor's wording")
    _button(second, "Save").click().run()
    said = _messages(second)
    assert "changed by ed@example.org" in said and " UTC" in said, said
    assert second.text_area(key=note).value == "the second editor's wording"  # kept in the form
    theirs = second.dataframe[0].value
    assert list(theirs.iloc[0]) == ["note", "checked against two outlets", "the second editor's wording"]
    assert _row(store, "events", "ev-2007-rupture").data["note"] == "checked against two outlets"
    # keep mine, save again: now saved over theirs, knowingly
    _button(second, "Keep my values, then save again").click().run()
    _button(second, "Save").click().run()
    assert _row(store, "events", "ev-2007-rupture").data["note"] == "the second editor's wording"
    assert "Saved ev-2007-rupture" in _messages(second)


def _article(store, tmp_path):
    article_id, _ = add_fictional_article(store, tmp_path, "Talks")
    drafts = curation.listed(store, EDITOR, article_id)
    return article_id, drafts


def test_a_draft_decision_from_the_older_page_is_refused_naming_who_decided(store, tmp_path):
    article_id, drafts = _article(store, tmp_path)
    event = next(d for d in drafts if d.kind == "event" and d.proposal["date"] == "2024-02-29")
    first = _session(EDITOR.name, **{"curate-pick": article_id})
    second = _session(OTHER.name, **{"curate-pick": article_id})
    key = f"ev-{event.draft_id}"
    # the first rejects; the second, from the page opened before, edits the date and attaches
    _button(first, "Reject", f"ev-{event.draft_id}").click().run()
    assert curation.get(store.connect(), event.draft_id).status == "rejected"
    second.text_input(key=f"{key}-date").input("2024-02-28")
    second.selectbox(key=f"{key}-attach-to").set_value("ev-2024-02-29-hamas-fatah-meet-moscow")
    _button(second, "Attach as a report", key).click().run()
    said = _messages(second)
    assert f"Draft {event.draft_id} was rejected by ed@example.org" in said, said
    assert second.text_input(key=f"{key}-date").value == "2024-02-28"  # the form and its values are still there
    assert curation.get(store.connect(), event.draft_id).status == "rejected"
    with store.connect() as c:
        assert not any(r.data["article_id"] == article_id for r in workcopy.rows(c, "reports"))


def test_attach_stores_the_forms_date_and_status(store, tmp_path):
    article_id, drafts = _article(store, tmp_path)
    event = next(d for d in drafts if d.kind == "event" and d.proposal["date"] == "2024-02-29")
    at = _session(EDITOR.name, **{"curate-pick": article_id})
    key = f"ev-{event.draft_id}"
    at.text_input(key=f"{key}-date").input("2024-02-28")
    at.selectbox(key=f"{key}-status").set_value("planned")
    at.text_input(key=f"{key}-date-text").input("on Wednesday")
    at.selectbox(key=f"{key}-attach-to").set_value("ev-2024-02-29-hamas-fatah-meet-moscow")
    _button(at, "Attach as a report", key).click().run()
    assert not at.exception and "Attached to" in _messages(at), _messages(at)
    made = curation.get(store.connect(), event.draft_id).result.partition(":")[2]
    report = _row(store, "reports", made).data
    assert (report["date"], report["status"], report["date_text"]) == ("2024-02-28", "planned", "on Wednesday")


def test_reopen_then_reject_on_an_older_article_is_saved_audited_and_stays_there(store, tmp_path):
    older, drafts = _article(store, tmp_path)
    import datetime as dt

    from components.data.load import load
    from components.store import versions

    from .test_store import ARTICLE

    newer, _ = curation.add_article(
        store,
        EDITOR,
        text=ARTICLE.read_text(encoding="utf-8").replace("Moscow", "Cairo"),
        title="Later talks",
        outlet="Eastwire",
        published=dt.date(2024, 3, 9),
        dataset=load(versions.materialize(store, 1, tmp_path / "c2")),
    )
    assert curation.articles(store, EDITOR)[0]["article_id"] == newer  # the newest is listed first
    quote = next(d for d in drafts if d.kind == "quote")
    curation.reject(store, EDITOR, quote.draft_id, quote.row_version)
    at = _session(EDITOR.name, **{"curate-pick": older})
    _button(at, "Reopen", f"reopen-{quote.draft_id}").click().run()
    assert curation.get(store.connect(), quote.draft_id).status == "proposed"
    assert at.selectbox(key="curate-pick").value == older
    _button(at, "Reject", f"q-{quote.draft_id}").click().run()
    assert not at.exception
    assert curation.get(store.connect(), quote.draft_id).status == "rejected", _messages(at)
    assert at.selectbox(key="curate-pick").value == older  # still on the older article
    from components.store import audit

    actions = [e["action"] for e in audit.entries(store, OTHER.__class__("a", "admin"), 10)]
    assert actions[:2] == ["rejected", "reopened"]
    waiting = sum(d.status == "proposed" for d in curation.listed(store, EDITOR, older))
    assert any(c.value.startswith(f"This article: {waiting} to review") for c in at.caption)  # today's count
    assert "to review" not in at.selectbox(key="curate-pick").format_func(older)  # labels never change


def test_a_missed_report_a_quote_and_a_person_are_added_by_hand_and_published(store, tmp_path):
    from components.data.load import load
    from components.store import versions

    article_id, _ = _article(store, tmp_path)
    at = _session(EDITOR.name, **{"hand-table": "reports"})
    at.selectbox(key="hand-reports-event_id").set_value("ev-2024-02-29-hamas-fatah-meet-moscow")
    at.selectbox(key="hand-reports-article_id").set_value(article_id)
    at.text_area(key="hand-reports-evidence").input(
        "Delegations of Hamas and Fatah held talks in Moscow, officials said."
    )
    at.text_input(key="hand-reports-date").input("2024-02-29")
    _button(at, "Add another report of an existing event").click().run()
    said = _messages(at)
    assert "not in the article" in said and "word for word" in said, said  # not verbatim: refused, kept
    assert at.text_input(key="hand-reports-date").value == "2024-02-29"
    passage = "Delegations of Hamas and Fatah held talks in Moscow on Thursday, officials of both movements said."
    at.text_area(key="hand-reports-evidence").input(passage)
    _button(at, "Add another report of an existing event").click().run()
    assert "Added reports" in _messages(at), _messages(at)
    # a person the drafter missed, once: the same name again is refused, naming the first
    at.selectbox(key="hand-table").set_value("actors").run()
    at.text_input(key="hand-actors-name").input("Laila Mansur")
    at.text_input(key="hand-actors-kind").input("person")
    _button(at, "Add an actor (a person or group)").click().run()
    assert "Added actors laila-mansur" in _messages(at), _messages(at)
    at.text_input(key="hand-actors-name").input("Laila Mansour")
    at.text_input(key="hand-actors-kind").input("person")
    _button(at, "Add an actor (a person or group)").click().run()
    assert "likely already an actor (laila-mansur)" in _messages(at), _messages(at)
    # a quote she gave, in the article word for word
    at.selectbox(key="hand-table").set_value("quotes").run()
    at.multiselect(key="hand-quotes-speaker_id").set_value(["laila-mansur"])
    at.text_area(key="hand-quotes-text").input("Nobody left the room angry,")
    at.selectbox(key="hand-quotes-quote_type").set_value("direct")
    at.selectbox(key="hand-quotes-article_id").set_value(article_id)
    _button(at, "Add a quote").click().run()
    assert "Added quotes" in _messages(at), _messages(at)
    v = versions.publish(store, EDITOR, "by hand")
    published = load(versions.materialize(store, v.version_id, tmp_path / "v"))
    reports = published.report_table
    assert passage in set(reports["evidence"])
    assert "laila-mansur" in set(published.quotes["speaker_id"])


def test_a_new_person_added_from_the_actor_draft_is_not_made_again_by_their_quote(store, tmp_path):
    article_id, drafts = _article(store, tmp_path)
    actor = next(d for d in drafts if d.kind == "actor" and d.proposal["name"] == "Laila Mansur")
    quote = next(d for d in drafts if d.kind == "quote" and d.proposal.get("speaker") == "Laila Mansur")
    at = _session(EDITOR.name, **{"curate-pick": article_id})
    assert at.text_input(key=f"q-{quote.draft_id}-new-name").value == "Laila Mansur"  # offered as new
    _button(at, "Add the actor", f"a-{actor.draft_id}").click().run()
    assert "Added actor laila-mansur" in _messages(at), _messages(at)
    # the quote's form now names her, and no longer offers to make her
    assert at.text_input(key=f"q-{quote.draft_id}-new-name").value == ""
    assert at.multiselect(key=f"q-{quote.draft_id}-speaker").value == ["laila-mansur"]
    _button(at, "Accept the quote", f"q-{quote.draft_id}").click().run()
    assert "Accepted as quote" in _messages(at), _messages(at)
    with store.connect() as c:
        people = [r.key for r in workcopy.rows(c, "actors") if r.data["name"].startswith("Laila")]
    assert people == ["laila-mansur"]
    # and the store itself refuses a second one, naming the first
    from components.store.curation import Refused

    other = next(d for d in drafts if d.kind == "quote" and d.draft_id != quote.draft_id)
    with pytest.raises(Refused, match="likely already an actor \\(laila-mansur\\)"):
        curation.accept_quote(store, EDITOR, other.draft_id, other.row_version, {"new_speaker_name": "Laila Mansour"})
