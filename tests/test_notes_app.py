"""Notes under an event (AppTest, two sessions): an editor writes one through the form, replies to it in
public; a viewer reads the public reply only; a note the store refuses stays in the box with a message.
On SQLite and PostgreSQL."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from .test_curate_app import store  # noqa: F401 (the seeded store, FACTIONLINE_STORE set: on SQLite and PostgreSQL)
from .test_store import EDITOR

EVENT = "ev-2007-rupture"


def _page(user_name: str, role: str) -> None:
    import os

    from components.store import versions
    from components.store.db import open_store
    from components.store.roles import User
    from components.ui import notes_ui, workspace

    engine = open_store(os.environ["FACTIONLINE_STORE"])
    workspace.set_current(workspace.Workspace(User(user_name, role), None, engine, latest=versions.latest(engine)))
    notes_ui.render("event", "ev-2007-rupture")


def _session(name: str, role: str) -> AppTest:
    return AppTest.from_function(_page, args=(name, role), default_timeout=60).run()


def _said(at: AppTest) -> str:
    """What the page says, markdown escapes removed (bodies are shown escaped)."""
    return " ".join(m.value for m in (*at.markdown, *at.error)).replace("\\", "").replace("\u2060", "")


def test_an_editor_writes_and_answers_a_note_and_a_viewer_reads_the_public_one(store):  # noqa: F811
    editor = _session("ed@example.org", "editor")
    assert not editor.exception and "**Notes**" in _said(editor)
    editor.text_area(key=f"note-body-{EVENT}").input("Internal: the date needs a second source.")
    editor.button[0].click().run()
    assert "Internal: the date needs a second source." in _said(editor) and "internal" in _said(editor)
    assert editor.text_area(key=f"note-body-{EVENT}").value == ""  # saved: the box is cleared
    editor.text_area(key=f"note-body-{EVENT}").input("Public: a second source confirms the date.")
    editor.toggle(key=f"note-public-{EVENT}").set_value(True)
    first = editor.selectbox(key=f"note-parent-{EVENT}").options[0]
    from components.store import notes

    # in reply to the internal note (AppTest cannot pick an option shown through a format_func: set its value)
    editor.session_state[f"note-parent-{EVENT}"] = notes.thread(store, EDITOR, "event", EVENT)[0]["note_id"]
    editor.button[0].click().run()
    said = _said(editor)
    assert "**Notes (2)**" in said and "↳" in said and first.startswith("ed@example.org")
    viewer = _session("viewer@example.org", "viewer")
    seen = _said(viewer)
    assert "**Notes (1)**" in seen and "a second source confirms" in seen and "Internal:" not in seen
    assert not viewer.text_area  # no form for a viewer


def test_a_note_the_store_refuses_stays_in_the_box(store, monkeypatch):  # noqa: F811
    editor = _session("ed@example.org", "editor")
    from sqlalchemy.exc import OperationalError

    from components.store import notes

    def unreachable(*args, **kwargs):
        raise OperationalError("INSERT", {}, Exception("connection refused"))

    monkeypatch.setattr(notes, "add", unreachable)
    editor.text_area(key=f"note-body-{EVENT}").input("Checked against the archive.")
    editor.button[0].click().run()
    assert "The note was not saved: the store cannot be reached. Your text is still in the box." in _said(editor)
    assert editor.text_area(key=f"note-body-{EVENT}").value == "Checked against the archive."
