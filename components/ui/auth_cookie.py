"""The session cookie, HttpOnly: page scripts never see the token.

A Streamlit script cannot set an HttpOnly cookie (only an HTTP response can), so the app adds one route
to Streamlit's own web server (Starlette), `POST /_factionline/session`: the signed-in page's script
sends a one-time ticket (random, 60 s, kept in this process) and the response sets
`factionline_session=TOKEN; HttpOnly; SameSite=Strict; Path=/` (`Secure` behind HTTPS, seen from the
request's scheme or X-Forwarded-Proto). `DELETE` on the same route clears the cookie (Sign out; the
session has already ended in the store, so a cookie left behind is worth nothing).

The route is added once, when the app is first imported in a server; the browser then sends the cookie
with the websocket's opening request, where st.context.cookies reads it. Without a server (AppTest) or
when Streamlit's server is not found, the page falls back to a script-set cookie (not HttpOnly) and
logs why."""

from __future__ import annotations

import gc
import json
import logging
import secrets
import threading
import time

import streamlit as st

from components.store.roles import SESSION_HOURS

log = logging.getLogger("factionline")
COOKIE = "factionline_session"
PATH = "/_factionline/session"
TICKET_SECONDS = 60.0
_TICKETS: dict[str, tuple[str, float]] = {}  # ticket -> (token, valid until)
_LOCK = threading.Lock()
_INSTALLED: list[bool] = []


def _take(ticket: str) -> str | None:
    now = time.monotonic()
    with _LOCK:
        for old in [t for t, (_, until) in _TICKETS.items() if until < now]:
            del _TICKETS[old]
        found = _TICKETS.pop(ticket, None)  # single use
    return found[0] if found else None


def ticket_for(token: str) -> str:
    ticket = secrets.token_urlsafe(24)
    with _LOCK:
        _TICKETS[ticket] = (token, time.monotonic() + TICKET_SECONDS)
    return ticket


def _secure(request) -> bool:
    proto = request.headers.get("x-forwarded-proto", request.url.scheme)
    return proto.split(",")[0].strip().lower() == "https"


async def _endpoint(request):
    from starlette.responses import Response

    response = Response(status_code=204, headers={"Cache-Control": "no-store"})
    if request.method == "DELETE":
        response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict", secure=_secure(request))
        return response
    ticket = request.headers.get("x-factionline-ticket", "")
    token = _take(ticket) if 0 < len(ticket) < 100 else None
    if token is None:
        return Response(status_code=403)
    response.set_cookie(
        COOKIE,
        token,
        max_age=SESSION_HOURS * 3600,
        path="/",
        httponly=True,
        samesite="strict",
        secure=_secure(request),
    )
    return response


def _route():
    from starlette.routing import Route
    from streamlit import config

    base = (config.get_option("server.baseUrlPath") or "").strip("/")
    return Route((f"/{base}" if base else "") + PATH, _endpoint, methods=["POST", "DELETE"])


def install_before_start() -> None:
    """Before the server starts (components/ui/serve.py): the route is among Streamlit's own."""
    from streamlit.web.server.starlette import starlette_app

    made = starlette_app.create_streamlit_routes
    if getattr(made, "_factionline", False):
        return

    def routes(runtime):
        return [_route(), *made(runtime)]

    routes._factionline = True
    starlette_app.create_streamlit_routes = routes
    _INSTALLED.append(True)


def install() -> bool:
    """Make sure the route is there (once); whether it is. Started by `streamlit run` instead of
    components/ui/serve.py, the server already runs: the route is added to its router."""
    if _INSTALLED:
        return _INSTALLED[0]
    try:
        from starlette.applications import Starlette

        apps = [o for o in gc.get_objects() if isinstance(o, Starlette)]  # Streamlit keeps no handle to it
        for app in apps:
            app.router.routes.insert(0, _route())
        _INSTALLED.append(bool(apps))
        if not apps:
            log.info("No Streamlit web server in this process: the session cookie is set by the page.")
    except Exception as err:  # a Streamlit whose server is built differently: the script-set cookie
        log.error("Could not add the session cookie's route (the cookie is not HttpOnly): %s", err)
        _INSTALLED.append(False)
    return _INSTALLED[0]


def set_cookie(token: str) -> None:
    if install():
        ticket = json.dumps(ticket_for(token))
        _script(f"fetch(p,{{method:'POST',credentials:'same-origin',headers:{{'X-Factionline-Ticket':{ticket}}}}});")
    else:
        _fallback(token, SESSION_HOURS * 3600)


def clear_cookie() -> None:
    if install():
        _script("fetch(p,{method:'DELETE',credentials:'same-origin'});")
    else:
        _fallback("", 0)


def _script(call: str) -> None:
    from streamlit import config

    base = (config.get_option("server.baseUrlPath") or "").strip("/")
    path = json.dumps((f"/{base}" if base else "") + PATH)
    st.html(f"<script>(function(){{const p={path};{call}}})();</script>", unsafe_allow_javascript=True)


def _fallback(value: str, max_age: int) -> None:
    st.html(
        "<script>(function(){const d=window.parent.document;const secure=window.parent.location.protocol==='https:';"
        f"d.cookie={json.dumps(COOKIE)}+'='+{json.dumps(value)}+'; path=/; max-age={int(max_age)}; SameSite=Strict'"
        "+(secure?'; Secure':'');})();</script>",
        unsafe_allow_javascript=True,  # our own script; the token is JSON-quoted
    )
