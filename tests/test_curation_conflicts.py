"""One rule for every write (issue 36): the version a person saw is carried to the write; a write against an
older version is refused with a typed error (Stale) naming who changed the thing, when, and their current
values beside the refused ones — for the row editor, delete, undo and every draft decision. On SQLite and
PostgreSQL."""

from __future__ import annotations

import pytest

from components.store import curation, workcopy
from components.store.workcopy import Stale

from .test_store import EDITOR, OTHER, add_fictional_article, seeded


def _row(engine, table, key):
    with engine.connect() as c:
        return workcopy.get(c, table, key)


def _draft(engine, draft_id):
    with engine.connect() as c:
        return curation.get(c, draft_id)


def test_a_save_from_an_older_page_is_refused_naming_who_when_and_their_values_now(store_url):
    engine = seeded(store_url)
    seen = _row(engine, "events", "ev-2007-rupture")  # both editors open the event
    curation.update_row(engine, EDITOR, "events", "ev-2007-rupture", {"note": "first"}, seen.row_version)
    with pytest.raises(Stale) as refused:
        curation.update_row(engine, OTHER, "events", "ev-2007-rupture", {"note": "second"}, seen.row_version)
    err = refused.value
    assert err.by == EDITOR.name and err.at is not None and err.verb == "changed"
    assert err.theirs["note"] == "first"  # their value as it is now, not the one before their save
    assert err.differing() == [("note", "first", "second")]
    assert "theirs 'first', yours 'second'" in str(err) and " UTC " in str(err)
    assert _row(engine, "events", "ev-2007-rupture").data["note"] == "first"
    # a deletion from the older page too
    with pytest.raises(Stale, match="changed by ed@example.org"):
        curation.delete_row(engine, OTHER, "events", "ev-2007-rupture", seen.row_version)
    assert _row(engine, "events", "ev-2007-rupture") is not None
    engine.dispose()


def test_undo_of_a_change_someone_changed_since_names_them_and_undo_twice_is_refused(store_url):
    engine = seeded(store_url)
    seen = _row(engine, "actors", "abbas")
    curation.update_row(engine, EDITOR, "actors", "abbas", {"role": "A"}, seen.row_version)
    change = workcopy.recent_changes(engine)[0]
    workcopy.undo(engine, OTHER, change["audit_id"])
    with pytest.raises(Stale) as twice:  # the second editor's Undo from the same list
        workcopy.undo(engine, EDITOR, change["audit_id"])
    assert twice.value.by == OTHER.name
    assert _row(engine, "actors", "abbas").data == seen.data
    # a change set back by hand to the same cells still counts as a change since (the version moved)
    now = _row(engine, "actors", "abbas")
    curation.update_row(engine, EDITOR, "actors", "abbas", {"role": "B"}, now.row_version)
    b = workcopy.recent_changes(engine)[0]
    curation.update_row(engine, OTHER, "actors", "abbas", {"role": "C"}, now.row_version + 1)
    curation.update_row(engine, OTHER, "actors", "abbas", {"role": "B"}, now.row_version + 2)
    with pytest.raises(Stale, match="changed by other@example.org"):
        workcopy.undo(engine, EDITOR, b["audit_id"])
    engine.dispose()


def test_every_draft_decision_from_an_older_page_names_who_decided(store_url, tmp_path):
    engine = seeded(store_url)
    article_id, _ = add_fictional_article(engine, tmp_path, "Talks")
    event = next(d for d in curation.listed(engine, EDITOR, article_id) if d.kind == "event")
    seen = event.row_version
    curation.reject(engine, EDITOR, event.draft_id, seen, "not news")
    fields = {"actor_ids": "hamas", "date": "2024-02-29", "status": "occurred"}
    for decide in (
        lambda: curation.accept_event(engine, OTHER, event.draft_id, seen, fields),
        lambda: curation.attach_report(engine, OTHER, event.draft_id, seen, "ev-2007-rupture", fields),
        lambda: curation.reject(engine, OTHER, event.draft_id, seen),
    ):
        with pytest.raises(Stale) as refused:
            decide()
        assert refused.value.by == EDITOR.name and refused.value.verb == "rejected"
        assert refused.value.theirs["decision"] == "rejected"
    # reopened by one editor; the other, still on the page where it was rejected, reopens too: refused
    rejected = _draft(engine, event.draft_id)
    curation.reopen(engine, EDITOR, event.draft_id, rejected.row_version)
    with pytest.raises(Stale) as again:
        curation.reopen(engine, OTHER, event.draft_id, rejected.row_version)
    assert again.value.by == EDITOR.name and again.value.verb == "reopened"
    # and a decision from the page where it was rejected (before the reopen) names the reopener
    with pytest.raises(Stale, match="reopened by ed@example.org"):
        curation.reject(engine, OTHER, event.draft_id, rejected.row_version)
    reopened = _draft(engine, event.draft_id)
    assert reopened.status == "proposed" and reopened.decided_by == EDITOR.name
    made = curation.accept_event(engine, OTHER, event.draft_id, reopened.row_version, fields)
    assert _row(engine, "events", made).data["status"] == "occurred"
    engine.dispose()


def test_reopening_an_accept_whose_row_was_edited_since_names_the_editor(store_url, tmp_path):
    engine = seeded(store_url)
    article_id, _ = add_fictional_article(engine, tmp_path, "Talks")
    event = next(d for d in curation.listed(engine, EDITOR, article_id) if d.kind == "event")
    made = curation.accept_event(engine, EDITOR, event.draft_id, event.row_version, {"actor_ids": "hamas"})
    row = _row(engine, "events", made)
    curation.update_row(engine, OTHER, "events", made, {"note": "checked"}, row.row_version)
    accepted = _draft(engine, event.draft_id)
    with pytest.raises(Stale) as refused:
        curation.reopen(engine, EDITOR, event.draft_id, accepted.row_version)
    assert refused.value.by == OTHER.name and refused.value.theirs["note"] == "checked"
    assert _draft(engine, event.draft_id).status == "accepted"
    engine.dispose()


def test_attach_preselects_only_an_event_sharing_actors_and_type_family_within_days(store_url):
    engine = seeded(store_url)
    meeting = {
        "date": "2024-03-01",
        "event_type": "meeting",
        "actors": [{"actor_id": "hamas"}, {"actor_id": "fatah"}],
    }
    ranked = curation.attach_candidates(engine, meeting)
    assert ranked[0]["event_id"] == "ev-2024-02-29-hamas-fatah-meet-moscow" and ranked[0]["strong"]
    # a resignation of the same actors the same week: the meeting is offered, never preselected
    resignation = meeting | {"event_type": "leadership_change"}
    ranked = curation.attach_candidates(engine, resignation)
    assert "ev-2024-02-29-hamas-fatah-meet-moscow" in [c["event_id"] for c in ranked]
    assert not any(c["strong"] for c in ranked)
    # a type the drafter could not tell: nothing preselected (a new event is the default)
    assert not any(c["strong"] for c in curation.attach_candidates(engine, meeting | {"event_type": "unclassified"}))
    engine.dispose()


def test_what_changed_says_a_flag_in_words():
    from types import SimpleNamespace

    import pandas as pd

    from components.store.versions import shown_changes

    def version(conflict: bool, status: str):
        frame = pd.DataFrame(
            {"event_id": ["e1"], "title": ["Talks"], "status": [status], "date_conflict": [conflict], "n_sources": [2]}
        )
        return SimpleNamespace(events=frame)

    said = shown_changes(version(False, "planned"), version(True, "occurred"))[0]["what"]
    assert said == "status: planned → occurred; its reports now disagree on the date"
    assert "False" not in said and "True" not in said
    assert shown_changes(version(True, "occurred"), version(False, "occurred"))[0]["what"] == (
        "its reports now agree on the date"
    )


def test_a_quote_takes_the_forms_said_on_into_its_id_and_a_typed_outlet_its_name(store_url, tmp_path):
    engine = seeded(store_url)
    article_id, _ = add_fictional_article(engine, tmp_path, "Talks")
    quote = next(d for d in curation.listed(engine, EDITOR, article_id) if d.kind == "quote")
    made = curation.accept_quote(
        engine,
        EDITOR,
        quote.draft_id,
        quote.row_version,
        {"speaker_id": "fatah", "said_on": "2024-02-28", "chain": "told: Northgate Agency"},
    )
    assert "2024-02-28" in made
    row = _row(engine, "quotes", made).data
    assert row["said_on"] == "2024-02-28" and row["chain"] == "told: northgate-agency"
    assert _row(engine, "sources", "northgate-agency").data["name"] == "Northgate Agency"
    engine.dispose()
