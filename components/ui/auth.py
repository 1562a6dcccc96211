"""The access lock of a shared instance: nothing of the data is sent before sign-in.

- OIDC: when Streamlit secrets hold an [auth] section, viewers sign in with st.login.
- Password: FACTIONLINE_PASSWORD (environment) or `password` in Streamlit secrets.
- Neither (a laptop): the app is open.
"""

from __future__ import annotations

import hmac
import os
import time

import streamlit as st


def _secret(name: str):
    try:
        return st.secrets.get(name)
    except Exception:  # no secrets.toml at all: that is the normal local case
        return None


def password() -> str | None:
    value = os.environ.get("FACTIONLINE_PASSWORD") or _secret("password")
    return str(value) if value else None


def matches(given: str, expected: str) -> bool:
    """Constant-time comparison (no timing hint of how much of the password was right)."""
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def gate() -> bool:
    """True when this session may see the data; otherwise draw only the sign-in and return False."""
    if _secret("auth"):
        if st.user.is_logged_in:
            with st.sidebar:
                st.caption(f"Signed in as {st.user.get('email') or st.user.get('name') or 'you'}")
                st.button("Log out", on_click=st.logout, icon=":material/logout:")
            return True
        _title()
        st.button("Log in", on_click=st.login, type="primary", icon=":material/login:")
        return False
    expected = password()
    if expected is None or st.session_state.get("signed-in"):
        return True
    _title()
    column = st.columns([2, 3])[0]
    with column, st.form("sign-in", enter_to_submit=True):
        given = st.text_input("Password", type="password", key="password-input")
        submitted = st.form_submit_button("Sign in", type="primary")
    if submitted:
        if matches(given, expected):
            st.session_state["signed-in"] = True
            st.session_state.pop("password-input", None)
            st.rerun()
        time.sleep(1)  # slows guessing from one session
        column.error("That password is not right. Try again, or ask whoever shared this link.", icon=":material/lock:")
    return False


def _title() -> None:
    st.title("Factionline", anchor=False)
    st.caption("This instance is shared privately. Sign in to see the data.")
