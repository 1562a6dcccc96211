"""The app on the store (AppTest): the published version is what viewers read; a link pins a version; when
the database cannot be reached viewers keep the last version with a notice and editors get a clear message
— on SQLite and on PostgreSQL. Roles from passwords and OIDC lists."""

from __future__ import annotations

import time

import pytest
import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

from components.store import versions, workcopy
from components.store.db import open_store
from components.store.roles import User
from components.ui import auth

from .conftest import BUNDLED, ROOT

APP = str(ROOT / "dashboard.py")
ADMIN = User("admin@example.org", "admin")


def counts_line(at) -> str:
    return next((c.value for c in at.caption if " events · " in c.value), "")


@pytest.fixture
def app_store(store_url, monkeypatch):
    """The app pointed at a fresh store with two versions (13 events, then 14 … no: a changed title)."""
    monkeypatch.setenv("FACTIONLINE_STORE", store_url)
    monkeypatch.delenv("FACTIONLINE_DATA", raising=False)
    engine = open_store(store_url)
    workcopy.import_directory(engine, ADMIN, BUNDLED)
    versions.publish(engine, ADMIN, "one")
    with engine.begin() as c:
        row = workcopy.get(c, "events", "ev-2007-rupture")
        workcopy.update_row(
            c, ADMIN, "events", "ev-2007-rupture", {"title": "The 2007 rupture (retitled)"}, row.row_version
        )
    versions.publish(engine, ADMIN, "two")
    from components.ui import workspace

    workspace._engine.clear()
    workspace._latest.clear()
    workspace._LAST_GOOD.clear()
    yield store_url, engine
    engine.dispose()


def titles(at) -> str:
    return " ".join(str(getattr(e, "value", "")) for e in (*at.markdown, *at.caption))


def test_viewers_read_the_latest_version_and_a_link_pins_another(app_store):
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["event"] = "ev-2007-rupture"
    at.run()
    assert not at.exception
    assert "retitled" in titles(at)  # version 2
    assert any("Version 2" in c.value for c in at.sidebar.caption)
    pinned = AppTest.from_file(APP, default_timeout=60)
    pinned.query_params.update({"v": "1", "event": "ev-2007-rupture"})
    pinned.run()
    assert any("pinned by the link" in i.value for i in pinned.info)
    assert "retitled" not in titles(pinned) and "Hamas–Fatah rupture of 2007" in titles(pinned)
    for bad, said in (
        ("999", "There is no version 999"),
        ("1;drop", "not a version number"),
        ("-3", "not a version number"),
    ):
        other = AppTest.from_file(APP, default_timeout=60)
        other.query_params["v"] = bad
        other.run()
        assert not other.exception and any(said in i.value for i in other.info), bad
        assert counts_line(other).startswith("13 of 13 events")


def _break(url: str, engine) -> callable:
    """Make the store unreachable; return a function that brings it back."""
    if url.startswith("sqlite"):
        import os

        path = sa.engine.make_url(url).database
        engine.dispose()
        os.rename(path, path + ".away")  # the file is gone (a lost volume): opening it fails
        os.mkdir(path)
        # An embedded file does not go away under an open connection (it keeps its pages): what fails is
        # opening it again, as the app's pool does after losing its connections.
        from components.ui import workspace

        workspace._engine.clear()

        def restore():
            os.rmdir(path)
            os.rename(path + ".away", path)

        return restore
    name = sa.engine.make_url(url).database
    admin = sa.create_engine(url.rsplit("/", 1)[0] + "/test", isolation_level="AUTOCOMMIT")
    engine.dispose()
    with admin.connect() as c:
        c.execute(sa.text(f'ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS false'))
        c.execute(sa.text(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'"))

    def restore():
        with admin.connect() as c:
            c.execute(sa.text(f'ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS true'))
        admin.dispose()

    return restore


def test_viewers_keep_the_last_version_when_the_store_is_down(app_store):
    url, engine = app_store
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert counts_line(at).startswith("13 of 13 events")
    restore = _break(url, engine)
    try:
        time.sleep(2.2)  # past the "latest version" cache
        at.run()
        assert not at.exception
        down = ("cannot be reached", "cannot be opened")  # a database server; a SQLite file (says who must act)
        assert any(any(d in e.value for d in down) and "version 2" in e.value for e in at.error)
        assert counts_line(at).startswith("13 of 13 events")  # still the data
        # a server restarted while the database is down: the versions it cached on disk
        from components.ui import workspace

        workspace._LAST_GOOD.clear()
        fresh = AppTest.from_file(APP, default_timeout=60).run()
        assert not fresh.exception and counts_line(fresh).startswith("13 of 13 events")
        assert any(any(d in e.value for d in down) for e in fresh.error)
    finally:
        restore()
    time.sleep(2.2)
    at.run()
    assert not at.error and counts_line(at).startswith("13 of 13 events")  # back, nothing lost
    assert versions.count(open_store(url)) == 2


def test_the_curate_page_says_clearly_when_it_cannot_write(app_store):
    """The Curate page's own render with no store behind it: a message, no form, nothing written."""

    def page():
        from components.store.roles import User
        from components.ui import curate, workspace

        workspace.set_current(
            workspace.Workspace(User("ed", "editor"), None, None, notice="down", down="The store cannot be reached.")
        )
        curate.render()

    at = AppTest.from_function(page, default_timeout=30).run()
    assert not at.exception
    assert any("cannot be reached" in e.value and "Nothing can be added" in e.value for e in at.error)
    assert not at.text_input and not at.button


def test_the_curate_page_refuses_a_viewer_even_if_reached(app_store):
    url, _ = app_store

    def page():
        import os

        from components.store.db import open_store
        from components.store.roles import User
        from components.ui import curate, workspace

        workspace.set_current(
            workspace.Workspace(User("v", "viewer"), None, open_store(os.environ["FACTIONLINE_STORE"]))
        )
        curate.render()

    at = AppTest.from_function(page, default_timeout=30).run()
    assert not at.exception
    assert any("needs the editor role" in e.value for e in at.error)
    assert not at.text_input and not at.button


def test_roles_from_passwords(monkeypatch):
    monkeypatch.setenv("FACTIONLINE_PASSWORD", "v-pass")
    monkeypatch.setenv("FACTIONLINE_EDITOR_PASSWORD", "e-pass")
    monkeypatch.delenv("FACTIONLINE_ADMIN_PASSWORD", raising=False)
    assert auth.role_of_password("v-pass") == "viewer"
    assert auth.role_of_password("e-pass") == "editor"  # recognised, only to say it is retired
    assert auth.role_of_password("E-pass") is None and auth.role_of_password("") is None
    assert auth.locked()
    user, why = auth.attempt(None, "", "e-pass", "127.0.0.1")
    assert user is None and "no longer accepted" in why
    assert auth.attempt(None, "", "v-pass", "127.0.0.1")[0].role == "viewer"


def test_roles_from_oidc_lists():
    roles = {"admins": ["boss@example.org"], "editors": ["@desk.example.org"], "viewers": ["guest@else.org"]}
    assert auth.role_of_email("Boss@Example.org", roles) == "admin"
    assert auth.role_of_email("ana@desk.example.org", roles) == "editor"
    assert auth.role_of_email("guest@else.org", roles) == "viewer"
    assert auth.role_of_email("stranger@else.org", roles) is None  # on no list: refused
    assert auth.role_of_email("ana@notdesk.example.org.evil", roles) is None
    assert auth.role_of_email("anyone@x.org", None) == "viewer"  # no lists: everyone signed in views


def test_a_store_named_in_the_secrets_is_opened_with_st_connection(tmp_path, monkeypatch):
    monkeypatch.delenv("FACTIONLINE_DATA", raising=False)
    monkeypatch.delenv("FACTIONLINE_STORE", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))  # where the default store would go
    from components.ui import workspace

    workspace._engine.clear()
    workspace._latest.clear()
    url = f"sqlite:///{tmp_path / 'from-secrets.sqlite'}"
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["connections"] = {"factionline": {"url": url}}
    at.run()
    assert not at.exception and counts_line(at).startswith("13 of 13 events")
    assert versions.count(open_store(url)) == 1  # seeded there …
    assert not (tmp_path / "xdg").exists()  # … not in the default store
    workspace._engine.clear()
    workspace._latest.clear()


def test_public_notes_are_marked_as_live_commentary_and_dated_against_a_pinned_version(app_store):
    """A note is not part of a version (issue 27: a note on v3 showed on ?v=1 as if it were): it says it
    is live commentary, and on an older version it says it was written after that version."""
    from components.store import notes

    _, engine = app_store
    notes.add(engine, ADMIN, "event", "ev-2007-rupture", "Dates checked against the archive.", "public")
    for v, marked in (("1", True), (None, False)):
        at = AppTest.from_file(APP, default_timeout=60)
        at.query_params["event"] = "ev-2007-rupture"
        if v:
            at.query_params["v"] = v
        at.run()
        assert not at.exception
        shown = " ".join(m.value for m in at.markdown)
        assert "Dates checked against the archive" in shown
        assert any("not part of any published version" in c.value for c in at.caption)
        assert ("written after version 1" in shown) is marked
