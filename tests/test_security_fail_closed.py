"""Issue 35: a locked instance fails closed. When its store, accounts or sessions cannot be read, an
anonymous client sees that the instance is unavailable — never data, never an editor's page — and
"open" is decided from the configuration, never inferred from an error."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

from .test_app import APP
from .test_shared_instance import owned_postgres  # noqa: F401 (a fixture)


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


def test_postgresql_the_apps_role_locked_out_then_back_never_shows_data(owned_postgres, monkeypatch):  # noqa: F811
    """The probe of issue 35 on PostgreSQL: the app's role may not log in (NOLOGIN, its connections
    ended), then may again. An anonymous client sees no data at any moment; the lock holds after."""
    from components.store import accounts
    from components.store.db import open_store
    from components.store.roles import User
    from components.ui import auth, workspace

    from .conftest import PG_ADMIN

    owner_url, app_url, app_role = owned_postgres
    monkeypatch.setenv("FACTIONLINE_APP_ROLE", app_role)
    owner = open_store(owner_url)
    accounts.add(owner, User("Operator", "admin"), "Dana Levi", "editor", "correct horse battery")
    owner.dispose()
    for name in ("FACTIONLINE_DATA", "FACTIONLINE_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("FACTIONLINE_STORE", app_url)
    superuser = sa.create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")

    def may_log_in(yes: bool) -> None:
        with superuser.connect() as c:
            c.execute(sa.text(f"ALTER ROLE {app_role} {'LOGIN' if yes else 'NOLOGIN'}"))
            if not yes:
                c.execute(
                    sa.text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = :r"),
                    {"r": app_role},
                )
        workspace._engine.clear()
        auth._ACCOUNTS_SEEN.clear()  # as if RECHECK seconds had passed

    try:
        first = AppTest.from_file(APP, default_timeout=60).run()
        assert first.text_input(key="password-input") and not first.get("plotly_chart")
        may_log_in(False)
        for tab in (first, AppTest.from_file(APP, default_timeout=60)):
            tab.run()
            assert not _page_titles(tab)
            _shows_nothing(tab)
            assert any("unavailable" in e.value for e in tab.error)
        may_log_in(True)
        back = AppTest.from_file(APP, default_timeout=60).run()
        assert back.text_input(key="password-input") and not back.get("plotly_chart") and not _page_titles(back)
        back.text_input(key="name-input").input("Dana Levi")
        back.text_input(key="password-input").input("correct horse battery")
        back.button[0].click()
        back.run()
        assert back.get("plotly_chart") and "Curate" in _page_titles(back)
    finally:
        may_log_in(True)
        workspace._engine.clear()
        superuser.dispose()
