"""The access lock of a shared instance, and each session's role: nothing of the data is sent before
sign-in, and the role decides what the server does (the store checks it again on every write).

- OIDC: when Streamlit secrets hold an [auth] section, people sign in with st.login; [roles] lists the
  emails (or "@domain" for a whole domain) of `admins`, `editors` and `viewers`. Someone signed in but on
  no list is refused. Without a [roles] section everyone signed in is a viewer.
- Accounts: each person's own, in the store (`factionline accounts add NAME --role editor`). Editors and
  admins sign in with theirs, so the name on a change is the account's, never a typed one.
- The viewers' shared password: FACTIONLINE_PASSWORD (environment) or `password` in Streamlit secrets.
  Shared editor and admin passwords are no longer accepted (the sign-in says so).
- None of these (a laptop): the app is open and its one user is this computer's, with every role.

Guessing is throttled per client and per account (components/ui/throttle.py); refused sign-ins go to
the audit log.
"""

from __future__ import annotations

import getpass
import hmac
import logging
import math
import os
import time

import streamlit as st

from components.store.roles import ROLES, User
from components.ui import remember, state
from components.ui.throttle import THROTTLE

VIEWERS_PASSWORD = ("FACTIONLINE_PASSWORD", "password")  # (environment variable, secrets key)
RETIRED = {  # shared passwords of roles that now need an account
    "editor": ("FACTIONLINE_EDITOR_PASSWORD", "editor_password"),
    "admin": ("FACTIONLINE_ADMIN_PASSWORD", "admin_password"),
}
PASSWORDS = {"viewer": VIEWERS_PASSWORD, **RETIRED}
log = logging.getLogger("factionline")
RETIRED_MESSAGE = (
    "Shared editor and admin passwords are no longer accepted: each editor and admin signs in with their own "
    "account, so that every change carries their name. Ask the administrator to create yours "
    "(`factionline accounts add NAME --role editor`)."
)


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


_ACCOUNTS_SEEN: dict[str, tuple[float, bool]] = {}  # store -> (when asked, whether it has accounts)


def _has_accounts(store) -> bool:
    """Whether the store holds an active account (asked at most every 10 s: a laptop whose owner adds the
    first account locks within seconds)."""
    if store is None:
        return False
    url, now = str(store.url), time.monotonic()
    seen = _ACCOUNTS_SEEN.get(url)
    if seen is None or now - seen[0] > 10:
        from components.store import accounts  # the store's modules only when a store is used

        try:
            seen = (now, accounts.any_active(store))
        except Exception as err:  # the store went away between two questions
            log.error("Cannot read the accounts: %s", err)
            seen = (now, False)
        _ACCOUNTS_SEEN[url] = seen
    return seen[1]


def locked(store=None) -> bool:
    return bool(_secret("auth") or passwords() or _has_accounts(store))


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
    from components.ui.workspace import account_store

    store = account_store()
    if not locked(store):
        return local_user()
    signed = state.signed_in() or remember.recall()  # this tab's sign-in, or this browser's (a reload, a link)
    if signed and signed.get("role") in ROLES:
        user = _still_valid(signed, store)
        if user is not None:
            if state.signed_in() is None:
                state.sign_in(signed)
            token = state.take_cookie_to_set()
            if token:
                remember.set_cookie(token)
            _signed_in_as(user.name, user.role, sign_out)
            return user
        sign_out()
    _title()
    remember.clear_stale_cookie()
    column = st.columns([2, 3])[0]
    with column, st.form("sign-in", enter_to_submit=True):
        name = st.text_input(
            "Account",
            key="name-input",
            help="Your own account's name. Viewers with the shared password leave it empty.",
        )
        given = st.text_input("Password", type="password", key="password-input")
        submitted = st.form_submit_button("Sign in", type="primary")
    if submitted:
        user, refusal = attempt(store, name, given, client_address())
        if user is not None:
            record = {"name": user.name, "role": user.role, "account": bool(user.name)}
            state.sign_in(record)
            state.cookie_to_set(remember.issue(record))  # set on the next run, drawn with the page
            st.rerun()
        column.error(refusal, icon=":material/lock:")
    return None


def sign_out() -> None:
    remember.forget()
    state.sign_out()


def client_address() -> str:
    try:
        return str(st.context.ip_address or "unknown")
    except Exception:
        return "unknown"


def attempt(store, name: str, given: str, client: str) -> tuple[User | None, str]:
    """A sign-in: the user, or why not. Throttled before any password is checked; failures are logged."""
    from components.store import accounts

    keys = [f"client:{client}", f"account:{accounts.key(name) or '(viewers)'}"]
    wait = THROTTLE.locked_for(keys)
    if wait > 0:
        return None, f"Too many failed sign-ins. Try again in {_duration(wait)}."
    user, refusal = None, "That account and password do not match. Try again, or ask whoever shared this link."
    if name.strip():
        if store is None:
            refusal = "Accounts are kept in the store, which cannot be reached right now. Try again in a moment."
        else:
            user = accounts.verify(store, name, given)
    if user is None:
        role = role_of_password(given)
        if role == "viewer":
            user = User("", "viewer")
        elif role in RETIRED:
            refusal = RETIRED_MESSAGE
    if user is not None:
        THROTTLE.succeeded(keys)
        return user, ""
    THROTTLE.failed(keys)
    log.warning("Refused a sign-in to account %r from %s.", name.strip()[:100], client)
    if store is not None:
        try:
            accounts.refused(store, name, client, "wrong password or no such account")
        except Exception as err:
            log.error("Could not log the refused sign-in: %s", err)
    return None, refusal


def _duration(seconds: float) -> str:
    seconds = math.ceil(seconds)
    return f"{seconds} seconds" if seconds < 120 else f"{math.ceil(seconds / 60)} minutes"


def _still_valid(signed: dict, store) -> User | None:
    """A session signed in with an account ends when the account is disabled (checked on every run)."""
    if not signed.get("account") or store is None:
        return User(signed["name"] or f"a {signed['role']}", signed["role"])
    from components.store import accounts

    try:
        return accounts.active(store, signed["name"])
    except Exception:
        return User(signed["name"], signed["role"])  # the store is down: nothing can be written anyway


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
