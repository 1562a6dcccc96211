"""No outbound lookups from the server. Streamlit asks an outside service for the machine's public IP
(and opens a socket towards 8.8.8.8 for its local one) when it prints its URLs (the config's
browser.serverAddress stops that) and when a websocket arrives from another origin, to see whether that
origin is the machine itself. Factionline answers "unknown" to both: a cross-origin connection is then
refused without asking anyone (same-origin pages, the normal case, never ask)."""

from __future__ import annotations

from streamlit import net_util


def _unknown() -> None:
    return None


def stay_offline() -> None:
    for name in ("get_external_ip", "get_internal_ip"):
        if hasattr(net_util, name):
            setattr(net_util, name, _unknown)
