"""Issue 35: a locked instance fails closed. When its store, accounts or sessions cannot be read, an
anonymous client sees that the instance is unavailable — never data, never an editor's page — and
"open" is decided from the configuration, never inferred from an error."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

from .test_app import APP


@pytest.fixture
def locked_store(tmp_path, monkeypatch):
    """A SQLite store with one editor's account (so: locked), and no shared password."""
    from components.store import accounts
    from components.store.db import open_store
    from components.store.roles import User

    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    engine = open_store(url)
    accounts.add(engine, User("Operator", "admin"), "Dana Levi", "editor", "correct horse battery")
    for name in (
        "FACTIONLINE_DATA",
        "FACTIONLINE_PASSWORD",
        "FACTIONLINE_EDITOR_PASSWORD",
        "FACTIONLINE_ADMIN_PASSWORD",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("FACTIONLINE_STORE", url)
    return engine


def _unreachable(monkeypatch):
    """Every connection to any store fails, as when the app's role may no longer log in; returns the
    patch to undo (the store back)."""

    def refuse(*_args, **_kwargs):
        raise sa.exc.OperationalError("connect", {}, Exception('role "factionline_app" is not permitted to log in'))

    monkeypatch.setattr(sa.engine.Engine, "connect", sa.engine.Engine.connect)  # restored at the end in any case
    patch = pytest.MonkeyPatch()
    patch.setattr(sa.engine.Engine, "connect", refuse)
    from components.ui import auth, workspace

    workspace._engine.clear()
    auth._ACCOUNTS_SEEN.clear()  # as if the accounts were last looked at long ago
    return patch


def _shows_nothing(at) -> None:
    assert not at.exception
    assert not at.get("plotly_chart") and not at.dataframe
    text = " ".join(str(e.value) for e in [*at.markdown, *at.caption, *at.error, *at.info, *at.warning])
    assert "events" not in text and "Signed in" not in text


def _page_titles(at) -> list[str]:
    pages = [p["page_name"] for p in (at._registered_pages or {}).values()]  # what the navigation holds
    return [p for p in pages if p in ("Curate", "Versions", "Audit log")]


def test_a_locked_instance_whose_store_goes_away_shows_no_data_and_no_editor_pages(locked_store, monkeypatch):
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert at.text_input(key="password-input") and not at.get("plotly_chart")  # locked: an account exists
    down = _unreachable(monkeypatch)
    for tab in (at, AppTest.from_file(APP, default_timeout=60)):  # the open tab's next run, and a new client
        tab.run()
        assert not _page_titles(tab)
        _shows_nothing(tab)
        assert any("unavailable" in e.value for e in tab.error)
    down.undo()  # the store is back: still locked
    from components.ui import auth

    auth._ACCOUNTS_SEEN.clear()
    back = AppTest.from_file(APP, default_timeout=60).run()
    assert back.text_input(key="password-input") and not back.get("plotly_chart")


def test_a_store_that_cannot_be_read_at_start_is_not_taken_for_an_open_laptop(tmp_path, monkeypatch):
    for name in ("FACTIONLINE_DATA", "FACTIONLINE_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    (tmp_path / "not-a-folder").write_text("a file where the store's folder should be")
    monkeypatch.setenv("FACTIONLINE_STORE", f"sqlite:///{tmp_path / 'not-a-folder' / 'store.sqlite'}")
    at = AppTest.from_file(APP, default_timeout=60).run()
    _shows_nothing(at)
    assert not _page_titles(at) and any("unavailable" in e.value for e in at.error)


def test_a_signed_in_editor_sees_nothing_while_the_store_is_down(locked_store, monkeypatch):
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.text_input(key="name-input").input("Dana Levi")
    at.text_input(key="password-input").input("correct horse battery")
    at.button[0].click()
    at.run()
    assert any("Signed in as Dana Levi" in c.value for c in at.sidebar.caption)
    _unreachable(monkeypatch)
    at.run()
    _shows_nothing(at)  # the session cannot be checked: nobody is let in, not even an earlier sign-in
    assert not _page_titles(at)


def test_disabling_every_account_does_not_open_a_locked_instance(locked_store, monkeypatch):
    from components.store import accounts
    from components.store.roles import User
    from components.ui import auth

    assert AppTest.from_file(APP, default_timeout=60).run().text_input(key="password-input")
    accounts.disable(locked_store, User("Operator", "admin"), "Dana Levi")
    auth._ACCOUNTS_SEEN.clear()
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert at.text_input(key="password-input") and not at.get("plotly_chart")


def test_the_open_instance_warning_is_not_shown_on_an_account_locked_instance(locked_store, monkeypatch):
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.text_input(key="name-input").input("Dana Levi")
    at.text_input(key="password-input").input("correct horse battery")
    at.button[0].click()
    at.run()
    assert at.get("plotly_chart")
    assert not any("Open instance" in c.value for c in at.sidebar.caption)
