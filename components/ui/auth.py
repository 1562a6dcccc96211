"""The access lock of a shared instance, and each session's role: nothing of the data is sent before
sign-in, and the role decides what the server does (the store checks it again on every write).

- OIDC: when Streamlit secrets hold an [auth] section, people sign in with st.login; [roles] lists the
  emails (or "@domain" for a whole domain) of `admins`, `editors` and `viewers`. Someone signed in but on
  no list is refused. Without a [roles] section everyone signed in is a viewer.
- Passwords: FACTIONLINE_PASSWORD (viewers), FACTIONLINE_EDITOR_PASSWORD, FACTIONLINE_ADMIN_PASSWORD
  (environment), or `password`, `editor_password`, `admin_password` in Streamlit secrets.
- Neither (a laptop): the app is open and its one user is this computer's, with every role.
"""

from __future__ import annotations

import getpass
import hmac
import os
import time

import streamlit as st

from components.store.roles import ROLES, User
from components.ui import state

PASSWORDS = {  # role -> (environment variable, secrets key)
    "viewer": ("FACTIONLINE_PASSWORD", "password"),
    "editor": ("FACTIONLINE_EDITOR_PASSWORD", "editor_password"),
    "admin": ("FACTIONLINE_ADMIN_PASSWORD", "admin_password"),
}


def _secret(name: str):
    try:
        return st.secrets.get(name)
    except Exception:  # no secrets.toml at all: that is the normal local case
        return None


def passwords() -> dict[str, str]:
    """The configured password of each role that has one."""
    found = {}
    for role, (env, key) in PASSWORDS.items():
        value = os.environ.get(env) or _secret(key)
        if value:
            found[role] = str(value)
    return found


def locked() -> bool:
    return bool(_secret("auth") or passwords())


def matches(given: str, expected: str) -> bool:
    """Constant-time comparison (no timing hint of how much of the password was right)."""
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def role_of_password(given: str) -> str | None:
    """The highest role whose password this is (every one compared, in constant time each)."""
    found = None
    for role, expected in passwords().items():
        if matches(given, expected):
            found = role
    return found


def role_of_email(email: str, roles: dict | None) -> str | None:
    """An OIDC user's role from the [roles] lists; None when on no list (a viewer when there are none)."""
    if not roles:
        return "viewer"
    email = email.strip().lower()
    found = None
    for role, key in (("viewer", "viewers"), ("editor", "editors"), ("admin", "admins")):
        for entry in roles.get(key, []) or []:
            entry = str(entry).strip().lower()
            if entry and (email == entry or (entry.startswith("@") and email.endswith(entry))):
                found = role
    return found


def local_user() -> User:
    try:
        who = getpass.getuser()
    except Exception:
        who = "local"
    return User(f"{who} (this computer)", "admin")


def gate() -> User | None:
    """The signed-in user of this session; otherwise draw only the sign-in and return None."""
    if _secret("auth"):
        return _oidc()
    if not passwords():
        return local_user()
    signed = state.signed_in()
    if signed and signed.get("role") in ROLES:
        _signed_in_as(signed["name"], signed["role"], state.sign_out)
        return User(signed["name"] or f"a {signed['role']}", signed["role"])
    _title()
    column = st.columns([2, 3])[0]
    with column, st.form("sign-in", enter_to_submit=True):
        name = st.text_input("Your name", key="name-input", help="Signs your notes and the versions you publish.")
        given = st.text_input("Password", type="password", key="password-input")
        submitted = st.form_submit_button("Sign in", type="primary")
    if submitted:
        role = role_of_password(given)
        if role and role != "viewer" and not name.strip():
            column.error("Give your name: it signs your changes for the team.", icon=":material/badge:")
            return None
        if role:
            state.sign_in({"name": name.strip()[:100], "role": role})
            st.rerun()
        time.sleep(1)  # slows guessing from one session
        column.error("That password is not right. Try again, or ask whoever shared this link.", icon=":material/lock:")
    return None


def _oidc() -> User | None:
    if not st.user.is_logged_in:
        _title()
        st.button("Log in", on_click=st.login, type="primary", icon=":material/login:")
        return None
    email = str(st.user.get("email") or "")
    roles = _secret("roles")
    role = role_of_email(email, dict(roles) if roles else None)
    if role is None:
        _title()
        st.error(
            f"{email or 'This account'} is not on this instance's list of people. Ask its administrator to add you.",
            icon=":material/person_off:",
        )
        st.button("Log out", on_click=st.logout, icon=":material/logout:")
        return None
    name = email or str(st.user.get("name") or "you")
    _signed_in_as(name, role, None)
    return User(name, role)


def _signed_in_as(name: str, role: str, forget) -> None:
    with st.sidebar:
        st.caption(f"Signed in as {name} · {role}" if name else f"Signed in as a {role}")
        if forget is None:
            st.button("Log out", on_click=st.logout, icon=":material/logout:")
        else:
            st.button("Sign out", on_click=forget, icon=":material/logout:")


def _title() -> None:
    st.title("Factionline", anchor=False)
    st.caption("This instance is shared privately. Sign in to see the data.")
