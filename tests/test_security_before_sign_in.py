"""Issue 35: nothing before sign-in. On a locked instance a client that has not signed in gets no upload
URLs, may not PUT file bytes, and its component messages are dropped (a real server, a raw websocket);
the session cookie is HttpOnly and SameSite=Strict, and Sign out ends the session for a reload (a browser)."""

from __future__ import annotations

import asyncio
import time

import pytest

from .browser import streamlit_server
from .conftest import BUNDLED


async def _anonymous_upload_attempt(base: str) -> dict:
    import websockets
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    seen: dict = {"session": None, "file_urls": 0}

    async def drain(ws, seconds: float) -> None:
        try:
            while True:
                raw = await asyncio.wait_for(ws.recv(), seconds)
                msg = ForwardMsg()
                msg.ParseFromString(raw)
                kind = msg.WhichOneof("type")
                if kind == "new_session":
                    seen["session"] = msg.new_session.initialize.session_id
                elif kind == "file_urls_response":
                    seen["file_urls"] += len(msg.file_urls_response.file_urls)
        except TimeoutError:
            pass

    async with websockets.connect(base.replace("http", "ws") + "/_stcore/stream", subprotocols=["streamlit"]) as ws:
        run = BackMsg()
        run.rerun_script.query_string = ""
        await ws.send(run.SerializeToString())  # the sign-in page runs
        await drain(ws, 5)
        ask = BackMsg()
        ask.file_urls_request.request_id = "r1"
        ask.file_urls_request.file_names.extend(["big.csv"] * 5)
        ask.file_urls_request.session_id = seen["session"]
        await ws.send(ask.SerializeToString())
        await drain(ws, 2)
        # a PUT to an upload address made up with its own session id: the headers announce 150 MB; the
        # answer comes before a byte of the body is sent (none is read)
        import http.client
        import urllib.parse

        where = urllib.parse.urlsplit(base)
        connection = http.client.HTTPConnection(where.hostname, where.port, timeout=10)
        connection.putrequest("PUT", f"/_stcore/upload_file/{seen['session']}/made-up")
        connection.putheader("Content-Type", "multipart/form-data; boundary=b")
        connection.putheader("Content-Length", str(150 * 1024 * 1024))
        connection.endheaders()
        seen["put"] = connection.getresponse().status
        connection.close()
    return seen


def test_an_anonymous_client_gets_no_upload_url_and_its_bytes_are_refused(tmp_path):
    log = tmp_path / "server.log"
    env = {"FACTIONLINE_PASSWORD": "viewers-pass-long", "STREAMLIT_SERVER_ENABLE_XSRF_PROTECTION": "false"}
    with streamlit_server(BUNDLED, extra_env=env, log=log) as base:
        seen = asyncio.run(_anonymous_upload_attempt(base))
        time.sleep(0.5)
    assert seen["session"]  # the client did get a session …
    assert seen["file_urls"] == 0  # … but no upload address
    assert seen["put"] >= 400  # and its bytes were refused
    text = log.read_text()
    assert "Refused upload URLs to session" in text and "Refused an upload to session" in text


def test_a_signed_in_session_still_gets_upload_urls():
    from streamlit.runtime import app_session

    from components.ui import cache_guard

    cache_guard.install()
    given = []

    class Manager:
        def get_upload_urls(self, session_id, names):
            given.append(names)
            return []

    class Session:
        id = "signed-in-session"
        _uploaded_file_mgr = Manager()

        def _enqueue_forward_msg(self, msg):
            pass

    class Request:
        request_id = "r"
        file_names = ["a.csv"]

    app_session.AppSession._handle_file_urls_request(Session(), Request())
    assert given == []  # not signed in: refused
    cache_guard.allow("signed-in-session", True)
    app_session.AppSession._handle_file_urls_request(Session(), Request())
    assert given == [["a.csv"]]
    cache_guard.allow("signed-in-session", False)


@pytest.mark.browser
def test_the_session_cookie_is_http_only_and_sign_out_ends_it_for_a_reload(browser, tmp_path):
    from .browser import EDITOR_ACCOUNT, sign_in, store_with_editor, wait_ready

    env = {"FACTIONLINE_STORE": store_with_editor(tmp_path)}
    with streamlit_server(extra_env=env) as base:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        sign_in(page, base, *EDITOR_ACCOUNT)
        deadline = time.time() + 10
        while time.time() < deadline and not [c for c in context.cookies() if c["name"] == "factionline_session"]:
            page.wait_for_timeout(200)
        cookie = next(c for c in context.cookies() if c["name"] == "factionline_session")
        assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
        assert "factionline_session" not in page.evaluate("document.cookie")  # page scripts never see it
        second = context.new_page()  # another tab: signed in by the cookie
        second.goto(base)
        wait_ready(second, 60_000)
        second.get_by_text("Signed in as").wait_for(timeout=30_000)
        page.get_by_role("button", name="Sign out").click()
        wait_ready(page, 60_000)
        page.get_by_role("textbox", name="Password", exact=True).wait_for(timeout=30_000)
        page.reload()  # a reload with whatever cookie is left
        wait_ready(page, 60_000)
        page.get_by_role("textbox", name="Password", exact=True).wait_for(timeout=30_000)
        assert page.get_by_text("Signed in as").count() == 0
        second.reload()
        wait_ready(second, 60_000)
        assert second.get_by_text("Signed in as").count() == 0
        context.close()
