"""Refuse the websocket's `clear_cache` message. Streamlit accepts it from any client (signed in or not:
the message arrives before the app's sign-in runs) and clears every cache of the server for everyone:
the loaded datasets, the store's connection pools (left open, not closed) and the engines. One client
sending it every second held 2.5 GB more memory and slowed every viewer fivefold.

No one needs it: the app's caches are keyed by what they read (file stamps, the latest version) and
refresh themselves, and the hardened config hides the menu that sends it. So the server refuses it from
every client and logs the refusal; the session's own state is left as it is."""

from __future__ import annotations

import logging

from streamlit.runtime import app_session

log = logging.getLogger("factionline")


def _refuse(session) -> None:
    log.warning("Refused a clear_cache message from session %s: caches are not cleared by clients.", session.id)


def refuse_clear_cache() -> None:
    app_session.AppSession._handle_clear_cache_request = _refuse
