"""A sign-in that survives a reload, a link followed (?v=N, Versions' "open") and a deep link to /curate:
the session's token (components/store/sessions.py) in an HttpOnly cookie (components/ui/auth_cookie.py).
The token itself is only in the browser; the store keeps its SHA-256, and every run asks the store
whether the session still holds, so a cookie left behind is worth nothing once its session ended."""

from __future__ import annotations

import streamlit as st

from components.ui import auth_cookie
from components.ui.auth_cookie import COOKIE


def cookie_token() -> str | None:
    try:
        token = st.context.cookies.get(COOKIE)
    except Exception:
        return None
    return str(token) if token else None


def clear_stale_cookie(signed_out: bool = False) -> None:
    """On the sign-in page: a cookie whose session ended (signed out, expired, reset) is cleared."""
    if signed_out or cookie_token():
        auth_cookie.clear_cookie()


def set_cookie(token: str) -> None:
    auth_cookie.set_cookie(token)
