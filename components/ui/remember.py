"""A sign-in that survives a reload, a link followed (?v=N, Versions' "open") and a deep link to /curate:
the session's token (components/store/sessions.py) in a cookie (`factionline_session`, path /,
SameSite=Strict, Secure on https). The token itself is only in the browser; the store keeps its SHA-256.

The cookie is set by a script in the page (st.html), so it is not HttpOnly (docs/security.md says why);
it is worth nothing once its session ended: every run asks the store."""

from __future__ import annotations

import json

import streamlit as st

from components.store.sessions import SESSION_HOURS

COOKIE = "factionline_session"


def cookie_token() -> str | None:
    try:
        token = st.context.cookies.get(COOKIE)
    except Exception:
        return None
    return str(token) if token else None


def clear_stale_cookie() -> None:
    """On the sign-in page: a cookie whose session ended (signed out, expired, reset) is cleared."""
    if cookie_token():
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
