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
import threading
import time

import streamlit as st

from components.store.roles import User
from components.ui import auth_store, remember, state

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


# Whether an instance is open (no sign-in) is decided from its configuration, never from an error:
# - an OIDC [auth] section or a viewers' password: locked;
# - a data directory and neither: open (it has no accounts to hold);
# - the store and neither: open only once the store has been read and holds no active account. Until it
#   has been read (it is down at start) the instance is locked, and says it is unavailable. Once it holds
#   an account the instance stays locked for the life of the process: neither an error nor disabling every
#   account opens it again (a restart decides anew). An open laptop locks within RECHECK seconds of its
#   owner adding the first account.
RECHECK = 10.0
_DECIDED: dict[str, str] = {}  # store -> "open" | "locked", for this process
_ACCOUNTS_SEEN: dict[str, float] = {}  # store -> when an open instance last looked for accounts
_DECIDING = threading.Lock()


def configured_lock() -> bool:
    return bool(_secret("auth") or passwords())


def locked(store=None) -> bool:
    """Whether this instance needs a sign-in (store: the accounts' store, None when it cannot be opened)."""
    if configured_lock():
        return True
    from components.ui.workspace import store_name

    name = store_name()
    if name is None:
        return False  # a data directory, no password: a laptop's (nothing to sign in to)
    return not _open_store(name, store)


def _open_store(name: str, store) -> bool:
    with _DECIDING:
        decided = _DECIDED.get(name)
        if decided == "locked":
            return False
        if decided == "open" and time.monotonic() - _ACCOUNTS_SEEN.get(name, 0.0) <= RECHECK:
            return True
    if store is None:
        return decided == "open"  # unreachable: an undecided instance stays locked
    from components.store import accounts  # the store's modules only when a store is used

    try:
        has = accounts.any_active(store)
    except Exception as err:  # an error never opens a lock: the decision stands (undecided: locked)
        log.error("Cannot read the accounts: %s", err)
        return decided == "open"
    with _DECIDING:
        if _DECIDED.get(name) != "locked":
            _DECIDED[name] = "locked" if has else "open"
        _ACCOUNTS_SEEN[name] = time.monotonic()
        return _DECIDED[name] == "open"


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
    """The signed-in user of this session; otherwise draw only the sign-in (or, when the sessions cannot
    be read, that the instance is unavailable) and return None. Every run looks the session up again."""
    if _secret("auth"):
        return _oidc()
    from components.ui.workspace import account_store

    store = account_store()
    if not locked(store):
        _allow(True)
        return local_user()
    kept = auth_store.for_sessions(store)  # where sessions and the throttle live (None: cannot be reached)
    try:
        user = _current(kept)
    except Exception as err:  # the store, its accounts or its sessions cannot be read: nobody is let in
        log.error("Cannot check the sign-in: %s", err)
        _allow(False)
        _unavailable()
        return None
    if user is not None:
        _allow(True)
        token = state.take_cookie_to_set()
        if token:
            remember.set_cookie(token)
        _signed_in_as(user.name, user.role, lambda: sign_out(kept))
        return user
    _allow(False)  # no upload URLs, file bytes or component messages before sign-in
    _title()
    remember.clear_stale_cookie(state.take_cookie_to_set() == "")
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
        try:
            user, refusal = attempt(store, name, given, client_address(), kept)
        except Exception as err:
            log.error("Cannot complete a sign-in: %s", err)
            user, refusal = None, UNAVAILABLE
        if user is not None:
            _start_session(kept, user)
            st.rerun()
        column.error(refusal, icon=":material/lock:")
    return None


UNAVAILABLE = (
    "This instance is unavailable right now: its store cannot be reached, so nobody can sign in. "
    "Try again in a few minutes; whoever runs it will find the reason in the server log."
)


def _current(kept) -> User | None:
    """This tab's session (or this browser's cookie: a reload, a link), as the store knows it now."""
    if kept is None:
        raise RuntimeError("the store that keeps the sessions cannot be opened")
    from components.store import sessions

    for token in dict.fromkeys(t for t in (state.session_token(), remember.cookie_token()) if t):
        user = sessions.lookup(kept, token)
        if user is not None:
            if token != state.session_token():
                state.keep_session(token)
            return user
    state.sign_out()  # ended elsewhere (Sign out in another tab, a reset, disabled, expired), or none
    return None


def _unavailable() -> None:
    st.title("Factionline", anchor=False)
    st.error(UNAVAILABLE, icon=":material/cloud_off:")


def sign_out(kept) -> None:
    from components.store import sessions

    token = state.session_token() or remember.cookie_token()
    try:
        sessions.end(kept, token)
    except Exception as err:  # the tab forgets it anyway; the store ends it when it is back (or it expires)
        log.error("Could not end a session in the store: %s", err)
    state.sign_out()
    state.cookie_to_set("")  # the sign-in page clears the browser's cookie


def _allow(yes: bool) -> None:
    """Whether this session may get upload URLs and send file bytes and component messages."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    from components.ui import cache_guard

    ctx = get_script_run_ctx()
    cache_guard.allow(ctx.session_id if ctx else None, yes)


def client_address() -> str:
    try:
        return str(st.context.ip_address or "unknown")
    except Exception:
        return "unknown"


def attempt(store, name: str, given: str, client: str, kept=None) -> tuple[User | None, str]:
    """A sign-in: the user, or why not. One atomic step of the throttle (kept in the store) comes before
    any password is checked; failures and throttled refusals are audited."""
    from components.store import accounts
    from components.ui import throttle

    kept = kept if kept is not None else store if store is not None else auth_store.local()
    account = accounts.key(name) or "(viewers)"
    step = throttle.reserve(kept, client, account)
    if step.wait > 0:
        if step.audit and store is not None:
            _audit_refusal(store, name, client, "throttled: too many failed sign-ins from this client")
        return None, f"Too many failed sign-ins. Try again in {_duration(step.wait)}."
    if step.slow:
        time.sleep(throttle.ACCOUNT_SLOWDOWN)  # this account is being guessed: a pause, never a refusal
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
        throttle.succeeded(kept, client, account)
        return user, ""
    log.warning("Refused a sign-in to account %r from %s.", name.strip()[:100], client)
    if store is not None:
        _audit_refusal(store, name, client, "wrong password or no such account")
    return None, refusal


def _audit_refusal(store, name: str, client: str, reason: str) -> None:
    from components.store import accounts

    try:
        accounts.refused(store, name, client, reason)
    except Exception as err:
        log.error("Could not log the refused sign-in: %s", err)


def _duration(seconds: float) -> str:
    seconds = math.ceil(seconds)
    return f"{seconds} seconds" if seconds < 120 else f"{math.ceil(seconds / 60)} minutes"


def _start_session(kept, user: User) -> None:
    """A new token at every sign-in (the browser's earlier one, if any, ends: no fixation)."""
    from components.store import accounts, sessions

    sessions.end(kept, remember.cookie_token())
    token = sessions.issue(kept, user, account=accounts.key(user.name) if user.name else "")
    state.keep_session(token)
    state.cookie_to_set(token)  # set in the browser on the next run, drawn with the page


def _oidc() -> User | None:
    if not st.user.is_logged_in:
        _allow(False)
        _title()
        st.button("Log in", on_click=st.login, type="primary", icon=":material/login:")
        return None
    email = str(st.user.get("email") or "")
    roles = _secret("roles")
    role = role_of_email(email, dict(roles) if roles else None)
    if role is None:
        _allow(False)
        _title()
        st.error(
            f"{email or 'This account'} is not on this instance's list of people. Ask its administrator to add you.",
            icon=":material/person_off:",
        )
        st.button("Log out", on_click=st.logout, icon=":material/logout:")
        return None
    name = email or str(st.user.get("name") or "you")
    _allow(True)
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
