"""Guards at Streamlit's level, for what arrives before (or beside) the app's sign-in runs.

1. Refuse the websocket's `clear_cache` message. Streamlit accepts it from any client (signed in or not:
   the message arrives before the app's sign-in runs) and clears every cache of the server for everyone:
   the loaded datasets, the store's connection pools (left open, not closed) and the engines. One client
   sending it every second held 2.5 GB more memory and slowed every viewer fivefold. No one needs it: the
   app's caches are keyed by what they read and refresh themselves, and the hardened config hides the
   menu that sends it. So the server refuses it from every client and logs the refusal.

2. Nothing before sign-in (issue 35): a session that has not signed in on a locked instance gets no
   upload URLs (`file_urls_request`), may not PUT file bytes (the upload route asks
   `Runtime.is_active_session` before it reads a byte of the body: it now says no), and its component
   messages (`backend_operation_request`) are dropped. Anonymous clients had PUT 5 × 150 MB each, held
   by the server long after they left. The app's sign-in marks each session allowed or not on every
   run (`allow`); a session starts not allowed.
"""

from __future__ import annotations

import logging
import threading

from streamlit.runtime import app_session
from streamlit.runtime.runtime import Runtime

log = logging.getLogger("factionline")
_ALLOWED: set[str] = set()  # the ids of sessions signed in (or on an open instance)
_LOCK = threading.Lock()


def allow(session_id: str | None, allowed: bool) -> None:
    if not session_id:
        return
    with _LOCK:
        (_ALLOWED.add if allowed else _ALLOWED.discard)(session_id)


def allowed(session_id: str | None) -> bool:
    with _LOCK:
        return session_id in _ALLOWED


def _refuse(session) -> None:
    log.warning("Refused a clear_cache message from session %s: caches are not cleared by clients.", session.id)


def refuse_clear_cache() -> None:
    app_session.AppSession._handle_clear_cache_request = _refuse


def install() -> None:
    """Every guard, once per server process (the app calls it when first imported)."""
    refuse_clear_cache()
    if getattr(Runtime.is_active_session, "_factionline", False):
        return
    urls = app_session.AppSession._handle_file_urls_request
    operation = app_session.AppSession._handle_backend_operation_request
    active = Runtime.is_active_session

    def file_urls(self, request):
        if not allowed(self.id):
            log.warning("Refused upload URLs to session %s: it has not signed in.", self.id)
            return
        urls(self, request)

    async def backend_operation(self, request):
        if not allowed(self.id):
            log.warning("Dropped a component message from session %s: it has not signed in.", self.id)
            return
        await operation(self, request)

    def is_active(self, session_id):
        if not allowed(session_id):
            log.warning("Refused an upload to session %s: it has not signed in.", str(session_id)[:40])
            return False
        return active(self, session_id)

    is_active._factionline = True
    app_session.AppSession._handle_file_urls_request = file_urls
    app_session.AppSession._handle_backend_operation_request = backend_operation
    Runtime.is_active_session = is_active
