"""Curation you can fix (issue 27): every row can be edited, deleted and the change undone; a decided draft
can be reopened; conflicts name who and when. On SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from components.store import curation, workcopy
from components.store.roles import User

from .test_store import EDITOR, OTHER, add_fictional_article, seeded


def _row(engine, table, key):
    with engine.connect() as c:
        return workcopy.get(c, table, key)


def test_a_row_of_any_table_is_edited_deleted_and_each_change_undone_in_turn(store_url):
    engine = seeded(store_url)
    quote = next(iter(workcopy.rows(engine.connect(), "quotes")))
    key, before = quote.key, dict(quote.data)
    curation.update_row(engine, EDITOR, "quotes", key, {"said_on": "2024-02-29"}, quote.row_version)
    edited = _row(engine, "quotes", key)
    curation.delete_row(engine, EDITOR, "quotes", key, edited.row_version)
    assert _row(engine, "quotes", key) is None
    changes = workcopy.recent_changes(engine)
    assert [c["action"] for c in changes[:2]] == ["delete", "update"]
    assert workcopy.undo(engine, OTHER, changes[0]["audit_id"]).startswith("restored quotes")
    restored = _row(engine, "quotes", key)
    assert restored.data["said_on"] == "2024-02-29" and restored.position == quote.position  # back in its place
    assert "set said_on" in workcopy.undo(engine, OTHER, changes[1]["audit_id"])
    assert _row(engine, "quotes", key).data == before
    # an undo of a change someone changed again is refused, naming them
    curation.update_row(engine, EDITOR, "quotes", key, {"said_on": "2024-03"}, _row(engine, "quotes", key).row_version)
    curation.update_row(engine, OTHER, "quotes", key, {"said_on": "2024-04"}, _row(engine, "quotes", key).row_version)
    first = workcopy.recent_changes(engine)[1]
    with pytest.raises(workcopy.Conflict, match="changed by .*UTC"):
        workcopy.undo(engine, EDITOR, first["audit_id"])
    engine.dispose()


def test_deleting_a_row_someone_changed_since_is_refused_with_who_and_when(store_url):
    engine = seeded(store_url)
    read = _row(engine, "actors", "abbas")
    curation.update_row(engine, OTHER, "actors", "abbas", {"role": "President"}, read.row_version)
    with pytest.raises(workcopy.Conflict, match=r"was changed by .* at \d{4}-\d\d-\d\d \d\d:\d\d UTC"):
        curation.delete_row(engine, EDITOR, "actors", "abbas", read.row_version)
    assert _row(engine, "actors", "abbas") is not None
    engine.dispose()


def test_a_decided_draft_is_reopened_and_what_accepting_made_is_removed(store_url, tmp_path):
    engine = seeded(store_url)
    article_id, _ = add_fictional_article(engine, tmp_path, "Talks")
    drafts = curation.listed(engine, EDITOR, article_id)
    event = next(d for d in drafts if d.kind == "event")
    other = next(d for d in drafts if d.draft_id != event.draft_id)
    made = curation.accept_event(engine, EDITOR, event.draft_id, event.row_version, {"actor_ids": "hamas"})
    curation.reject(engine, EDITOR, other.draft_id, other.row_version)
    accepted = curation.get(engine.connect(), event.draft_id)
    said = curation.reopen(engine, OTHER, event.draft_id, accepted.row_version)
    assert f"events {made} removed" in said and _row(engine, "events", made) is None
    assert curation.get(engine.connect(), event.draft_id).status == "proposed"
    rejected = curation.get(engine.connect(), other.draft_id)
    curation.reopen(engine, OTHER, other.draft_id, rejected.row_version)
    assert curation.get(engine.connect(), other.draft_id).status == "proposed"
    # reopened, it can be decided again
    again = curation.get(engine.connect(), event.draft_id)
    assert curation.accept_event(engine, EDITOR, event.draft_id, again.row_version, {"actor_ids": "hamas"})
    engine.dispose()


def test_a_viewer_cannot_delete_undo_or_reopen(store_url):
    from components.store.roles import Forbidden

    engine = seeded(store_url)
    viewer = User("Vi", "viewer")
    read = _row(engine, "actors", "abbas")
    with pytest.raises(Forbidden):
        curation.delete_row(engine, viewer, "actors", "abbas", read.row_version)
    with pytest.raises(Forbidden):
        workcopy.undo(engine, viewer, 1)
    with pytest.raises(Forbidden):
        curation.reopen(engine, viewer, 1, 1)
    engine.dispose()


def _curate_page():
    import os

    from components.store.db import open_store
    from components.store.roles import User
    from components.ui import curate, workspace

    workspace.set_current(
        workspace.Workspace(User("Ed Itor", "editor"), None, open_store(os.environ["FACTIONLINE_STORE"]))
    )
    curate.render()


def _button(at, label):
    return next(b for b in at.button if b.label == label)


def test_in_the_ui_an_editor_edits_deletes_and_undoes_a_quote(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    engine = seeded(url)
    monkeypatch.setenv("FACTIONLINE_STORE", url)
    quote = workcopy.rows(engine.connect(), "quotes")[0]
    at = AppTest.from_function(_curate_page, default_timeout=60).run()
    assert not at.exception
    at.selectbox(key="edit-table").set_value("quotes").run()
    at.selectbox(key="edit-row").set_value(quote.key).run()
    form = f"edit-quotes-{quote.key}"  # one key per row, never per version (issue 36)
    at.text_input(key=f"{form}-said_on").input("2024-02-29")
    _button(at, "Save").click().run()
    assert not at.exception and _row(engine, "quotes", quote.key).data["said_on"] == "2024-02-29"
    assert any("Saved" in s.value for s in at.success)
    form = f"edit-quotes-{quote.key}"
    _button(at, "Delete").click().run()
    assert any("Tick" in w.value for w in at.warning) and _row(engine, "quotes", quote.key) is not None
    at.checkbox(key=f"{form}-sure").check()
    _button(at, "Delete").click().run()
    assert not at.exception and _row(engine, "quotes", quote.key) is None
    undo = [b for b in at.button if b.label == "Undo"]
    undo[0].click().run()  # the newest change first: the deletion
    assert not at.exception and _row(engine, "quotes", quote.key).data["said_on"] == "2024-02-29"
    edit = [c["action"] for c in workcopy.recent_changes(engine, 15)].index("update")  # the restore is listed first
    [b for b in at.button if b.label == "Undo"][edit].click().run()
    assert not at.exception, at.exception
    assert _row(engine, "quotes", quote.key).data["said_on"] == quote.data["said_on"]
    engine.dispose()


def test_a_refused_publish_opens_the_bad_row_in_the_editor_and_fixing_it_publishes(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    engine = seeded(url)
    monkeypatch.setenv("FACTIONLINE_STORE", url)
    read = _row(engine, "events", "ev-2007-rupture")
    with engine.begin() as c:  # a bad row from before entries were checked (the store's own API refuses it now)
        workcopy.update_row(c, EDITOR, "events", "ev-2007-rupture", {"date": "2007-13-45"}, read.row_version)
    at = AppTest.from_function(_curate_page, default_timeout=60).run()
    at.text_input(key="publish-message").input("with a bad date")
    _button(at, "Publish").click().run()
    assert any("Not published" in e.value for e in at.error)
    fix = next(b for b in at.button if b.label.startswith("Fix events ev-2007-rupture"))
    fix.click().run()
    assert at.selectbox(key="edit-table").value == "events" and at.selectbox(key="edit-row").value == "ev-2007-rupture"
    form = "edit-events-ev-2007-rupture"
    at.text_input(key=f"{form}-date").input("2007-06")
    _button(at, "Save").click().run()
    at.text_input(key="publish-message").input("fixed")
    _button(at, "Publish").click().run()
    assert not at.exception and any("Version 2 published" in s.value for s in at.success)
    engine.dispose()


RELAY = __import__("pathlib").Path(__file__).parent / "fixtures" / "drafting" / "curate-relay.txt"  # fictional


def _add_relay(engine, tmp_path):
    import datetime as dt

    from components.data.load import load
    from components.store import versions

    ds = load(versions.materialize(engine, 1, tmp_path / "cache"))
    article_id, _ = curation.add_article(
        engine,
        EDITOR,
        text=RELAY.read_text(encoding="utf-8"),
        title="Moscow talks were frank, says Fatah official",
        outlet="Meridian News Agency",
        published=dt.date(2024, 3, 4),
        dataset=ds,
    )
    return article_id


def test_a_relayed_quote_creates_its_new_person_and_outlets_and_links_to_its_event(store_url, tmp_path):
    from components.data.load import load
    from components.store import versions

    engine = seeded(store_url)
    article_id = _add_relay(engine, tmp_path)
    quote = next(d for d in curation.listed(engine, EDITOR, article_id) if d.kind == "quote")
    known = curation.choices(engine)["sources"]
    proposed = curation.chain_cell(quote.proposal["chain"], known)
    assert proposed == "told: moscow-courier; relayed by: meridian-news-agency"  # no step dropped (issue 28)
    # the parse: the person speaks, not their movement; they are proposed with their role alone
    assert (quote.proposal["speaker"], quote.proposal["speaker_id"]) == ("Karim Haddad", "")
    person = next(d for d in curation.listed(engine, EDITOR, article_id) if d.kind == "actor")
    assert (person.proposal["name"], person.proposal["role"]) == ("Karim Haddad", "Fatah Central Committee member")
    assert (
        curation.new_outlets(quote.proposal["chain"], known)
        == {
            "moscow-courier": "Moscow Courier",
            "meridian-news-agency": "Meridian News Agency",
        }
        or "meridian-news-agency" in known
    )  # the article's own outlet was added with the article
    quote_id = curation.accept_quote(
        engine,
        EDITOR,
        quote.draft_id,
        quote.row_version,
        {
            "speaker_id": "",
            "new_speaker_name": "Karim Haddad",
            "new_speaker_factions": "fatah",
            "new_speaker_role": "Fatah Central Committee member",
            "event_id": "ev-2024-02-29-hamas-fatah-meet-moscow",
            "said_on": "2024-03-01",
            "chain": "told: moscow-courier; relayed by: meridian-news-agency",
        },
    )
    version = versions.publish(engine, EDITOR, "the relayed quote")
    ds = load(versions.materialize(engine, version.version_id, tmp_path / "cache2"))
    row = ds.quotes.set_index("quote_id").loc[quote_id]
    assert row["event_id"] == "ev-2024-02-29-hamas-fatah-meet-moscow" and row["said_on"] == "2024-03-01"
    assert ds.actors.set_index("actor_id").loc[row["speaker_id"], "name"] == "Karim Haddad"
    sources = ds.sources.set_index("source_id")["name"]
    assert sources["moscow-courier"] == "Moscow Courier" and sources["meridian-news-agency"] == "Meridian News Agency"
    engine.dispose()


def test_a_report_that_contradicts_an_events_date_by_days_still_finds_it_and_long_spans_are_never_preselected(
    store_url, tmp_path
):
    engine = seeded(store_url)
    article_id = _add_relay(engine, tmp_path)
    event = next(d for d in curation.listed(engine, EDITOR, article_id) if d.kind == "event")
    ranked = curation.attach_candidates(engine, event.proposal)
    assert ranked[0]["event_id"] == "ev-2024-02-29-hamas-fatah-meet-moscow"
    assert ranked[0]["strong"] and ranked[0]["apart"] == 1 and ranked[0]["shared"] >= 2
    weak = [c for c in ranked if c["event_id"] != ranked[0]["event_id"]]
    assert weak and not any(c["strong"] for c in weak if c["apart"] is None or c["apart"] > 7)
    spans = [c for c in ranked if " · " in c["label"] and "/" in c["label"].split(" · ")[0]]
    assert all(not c["strong"] for c in spans)  # an interval of months overlaps everything: offered, not chosen
    engine.dispose()


def test_what_would_block_publishing_is_refused_at_entry_with_its_fix(store_url, tmp_path):
    from components.store import versions

    engine = seeded(store_url)
    read = _row(engine, "events", "ev-2007-rupture")
    with pytest.raises(curation.Refused, match=r"publishing would then fail\. events\.csv, row \d+, column date"):
        curation.update_row(engine, EDITOR, "events", "ev-2007-rupture", {"date": "2007-13-45"}, read.row_version)
    assert _row(engine, "events", "ev-2007-rupture").data["date"] == read.data["date"]  # nothing saved
    abbas = _row(engine, "actors", "abbas")  # events and quotes refer to him
    with pytest.raises(curation.Refused, match="abbas"):
        curation.delete_row(engine, EDITOR, "actors", "abbas", abbas.row_version)
    assert _row(engine, "actors", "abbas") is not None
    article_id, _ = add_fictional_article(engine, tmp_path, "Talks")
    event = next(d for d in curation.listed(engine, EDITOR, article_id) if d.kind == "event")
    with pytest.raises(curation.Refused, match="publishing would then fail"):
        curation.accept_event(
            engine, EDITOR, event.draft_id, event.row_version, {"actor_ids": "hamas", "date": "the 31st of Smarch"}
        )
    assert curation.get(engine.connect(), event.draft_id).status == "proposed"  # still to decide
    assert versions.publish(engine, EDITOR, "still publishes").version_id == 2
    engine.dispose()


def test_the_same_article_twice_is_refused_naming_the_first(store_url, tmp_path):
    engine = seeded(store_url)
    first, _ = add_fictional_article(engine, tmp_path, "Talks")
    with pytest.raises(curation.Refused, match=rf"already in the working copy as '{first}' \(the same text\)"):
        add_fictional_article(engine, tmp_path, "Talks, again")
    engine.dispose()


def test_the_second_editors_save_names_who_and_when_with_their_values_beside_yours(store_url):
    engine = seeded(store_url)
    read = _row(engine, "events", "ev-2007-rupture")
    curation.update_row(engine, EDITOR, "events", "ev-2007-rupture", {"note": "first editor"}, read.row_version)
    with pytest.raises(workcopy.Conflict) as caught:
        curation.update_row(engine, OTHER, "events", "ev-2007-rupture", {"note": "second editor"}, read.row_version)
    said = str(caught.value)
    assert "was changed by ed@example.org at" in said and "UTC" in said
    assert "note: theirs 'first editor', yours 'second editor'" in said
    engine.dispose()


def test_adding_an_article_in_the_ui_clears_the_form_and_says_so_beside_it(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from .test_store import ARTICLE

    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    engine = seeded(url)
    monkeypatch.setenv("FACTIONLINE_STORE", url)
    at = AppTest.from_function(_curate_page, default_timeout=60).run()
    at.text_area(key="article-text").input(ARTICLE.read_text(encoding="utf-8"))
    at.text_input(key="article-title").input("Talks in Moscow")
    _button(at, "Add and draft").click().run()
    assert not at.exception and any("proposal" in s.value and "Added" in s.value for s in at.success)
    assert at.text_area(key="article-text").value == "" and at.text_input(key="article-title").value == ""
    _button(at, "Add and draft").click().run()  # the same, empty: a message, nothing added
    assert any("Upload the article or paste its text" in e.value for e in at.error)
    engine.dispose()
