"""A sign-in that survives a reload, a link followed (?v=N, Versions' "open") and a deep link to /curate.

A password sign-in lived in the tab's Streamlit session, which a reload or a new address ends. Now a
successful sign-in also gets a random token (32 bytes), kept server-side only as its SHA-256 with the
user and an expiry (SESSION_HOURS), and set in the browser as a cookie (`factionline_session`, path /,
SameSite=Strict, Secure on https) by a script in the page (st.html). A new session reads the cookie
(st.context.cookies) and, if the token is known and current, is signed in as that user — an account's
user is checked again on every run (a disabled account ends). Signing out forgets the token on the server
and clears the cookie. Tokens are per server process (replicas: sticky sessions, as Streamlit needs)."""

from __future__ import annotations

import hashlib
import json
import secrets
import threading
import time

import streamlit as st

COOKIE = "factionline_session"
SESSION_HOURS = 12
_TOKENS: dict[str, tuple[dict, float]] = {}  # sha256(token) -> (the signed-in record, expiry)
_LOCK = threading.Lock()


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue(record: dict) -> str:
    """A new token for this sign-in (kept as its digest); set in the browser by set_cookie()."""
    token = secrets.token_urlsafe(32)
    now = time.time()
    with _LOCK:
        for key in [k for k, (_, until) in _TOKENS.items() if until < now]:
            del _TOKENS[key]  # the expired ones
        _TOKENS[_digest(token)] = (dict(record), now + SESSION_HOURS * 3600)
    return token


def recall() -> dict | None:
    """The signed-in record of this browser's cookie, when it is known and current."""
    token = _cookie()
    if not token:
        return None
    with _LOCK:
        found = _TOKENS.get(_digest(str(token)))
    if not found or found[1] < time.time():
        return None
    return dict(found[0])


def _cookie() -> str | None:
    try:
        token = st.context.cookies.get(COOKIE)
    except Exception:
        return None
    return str(token) if token else None


def forget() -> None:
    """Sign-out: the token is no longer known here (the sign-in page then clears the cookie)."""
    token = _cookie()
    if token:
        with _LOCK:
            _TOKENS.pop(_digest(token), None)


def clear_stale_cookie() -> None:
    """On the sign-in page: a cookie whose token is unknown (signed out, expired, restarted) is cleared."""
    if _cookie() and recall() is None:
        _write_cookie("", 0)


def set_cookie(token: str) -> None:
    _write_cookie(token, SESSION_HOURS * 3600)


def _write_cookie(value: str, max_age: int) -> None:
    # A script in the page sets its cookie; nothing else is read or sent.
    st.html(
        "<script>(function(){const d=window.parent.document;const secure=window.parent.location.protocol==='https:';"
        f"d.cookie={json.dumps(COOKIE)}+'='+{json.dumps(value)}+'; path=/; max-age={int(max_age)}; SameSite=Strict'"
        "+(secure?'; Secure':'');})();</script>",
        unsafe_allow_javascript=True,  # our own script; the token is JSON-quoted
    )
