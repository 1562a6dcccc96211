"""Issue 35: sessions that end. A sign-in is a token the store keeps (as its SHA-256); Sign out, a
password reset, disabling the account and the expiry end it in every tab on its next run, and a reload
with the old cookie is not signed in. Each sign-in gets a new token."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

from components.store import accounts, sessions
from components.store.roles import User

from .test_app import APP
from .test_security_fail_closed import locked_store  # noqa: F401 (a fixture)

OPERATOR = User("Operator", "admin")


@pytest.fixture
def browser_cookie(monkeypatch):
    """One browser's cookie jar: every tab opened in it reads the same cookie."""
    from components.ui import remember

    jar: dict[str, str] = {}
    monkeypatch.setattr(remember, "cookie_token", lambda: jar.get("factionline_session"))
    return jar


def _tab():
    return AppTest.from_file(APP, default_timeout=60).run()


def _signed_in(at) -> bool:
    return (
        not at.exception
        and bool(at.get("plotly_chart"))
        and not [t for t in at.text_input if t.key == "password-input"]
    )


def _sign_in(at, jar, name="Dana Levi", password="correct horse battery"):
    at.text_input(key="name-input").input(name)
    at.text_input(key="password-input").input(password)
    at.button[0].click()
    at.run()
    jar["factionline_session"] = at.session_state["signed-in"]  # what the page's script set in the browser
    return at


def _sign_out(engine, at, tab):
    next(b for b in tab.sidebar.button if b.label == "Sign out").click()
    tab.run()


ENDINGS = {
    "sign out": _sign_out,
    "password reset": lambda engine, at, tab: accounts.set_password(
        engine, OPERATOR, "Dana Levi", "a new long password"
    ),
    "account disabled": lambda engine, at, tab: accounts.disable(engine, OPERATOR, "Dana Levi"),
}


@pytest.mark.parametrize("ending", list(ENDINGS))
def test_a_session_ends_in_every_open_tab_and_a_reload(locked_store, browser_cookie, ending):  # noqa: F811
    first = _sign_in(_tab(), browser_cookie)
    second = _tab()  # another tab of the same browser: signed in by the cookie
    assert _signed_in(first) and _signed_in(second)
    ENDINGS[ending](locked_store, first, second)
    for tab in (first, second):
        tab.run()  # each open tab's next run
        assert not _signed_in(tab) and tab.text_input(key="password-input")
    assert not _signed_in(_tab())  # a reload, or a new tab, with the old cookie


def test_a_session_expires(locked_store, browser_cookie):  # noqa: F811
    tab = _sign_in(_tab(), browser_cookie)
    assert _signed_in(tab)
    with locked_store.begin() as c:
        c.execute(
            sessions.sessions_table().update().values(expires_at=dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1))
        )
    tab.run()
    assert not _signed_in(tab)


def test_each_sign_in_gets_a_new_token_never_the_cookie_it_came_with(locked_store, browser_cookie):  # noqa: F811
    browser_cookie["factionline_session"] = "planted-by-someone-else"  # a fixation attempt
    tab = _sign_in(_tab(), browser_cookie)
    old = browser_cookie["factionline_session"]
    assert _signed_in(tab) and old != "planted-by-someone-else"
    _sign_out(locked_store, None, tab)
    _sign_in(tab, browser_cookie)
    new = browser_cookie["factionline_session"]
    assert _signed_in(tab) and new != old
    assert sessions.lookup(locked_store, old) is None and sessions.lookup(locked_store, new)
    with locked_store.connect() as c:
        stored = c.execute(sa.text("SELECT token_hash FROM sessions")).scalars().all()
    assert new not in stored and sessions.digest(new) in stored  # only the digest is kept


def test_a_token_is_only_good_for_its_own_session(locked_store):  # noqa: F811
    token = sessions.issue(locked_store, User("Dana Levi", "editor"), account="dana levi")
    assert sessions.lookup(locked_store, token) == User("Dana Levi", "editor")
    for wrong in ("", None, token[:-1], token + "x", "x" * 1000):
        assert sessions.lookup(locked_store, wrong) is None
    sessions.end(locked_store, token)
    assert sessions.lookup(locked_store, token) is None
