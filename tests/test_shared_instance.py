"""A shared instance under attack and bad luck (issue 26): anonymous cache wipes, password guessing,
accounts and the audit log, control characters, read-only and full stores, CLI input, exports."""

from __future__ import annotations

import asyncio
import sys
import time

import pytest
import streamlit as st
from streamlit.runtime import app_session

from components.ui.cache_guard import refuse_clear_cache

from .browser import streamlit_server
from .conftest import BUNDLED


def test_a_clear_cache_message_clears_nothing():
    calls = []

    @st.cache_data
    def loaded(x):
        calls.append(x)
        return x

    loaded(1)
    refuse_clear_cache()

    class Session:  # what the handler reads of a session
        id = "attacker"

    app_session.AppSession._handle_clear_cache_request(Session())
    loaded(1)
    assert calls == [1]  # still cached: nothing was cleared


async def _clear_cache_as_anonymous(base: str) -> None:
    import websockets
    from streamlit.proto.BackMsg_pb2 import BackMsg

    async with websockets.connect(base.replace("http", "ws") + "/_stcore/stream", subprotocols=["streamlit"]) as ws:
        run = BackMsg()
        run.rerun_script.query_string = ""
        await ws.send(run.SerializeToString())  # the sign-in page runs (the app is imported)
        try:
            while True:
                await asyncio.wait_for(ws.recv(), 5)
        except TimeoutError:
            pass
        clear = BackMsg()
        clear.clear_cache = True
        for _ in range(3):
            await ws.send(clear.SerializeToString())
        await asyncio.sleep(1)


def test_an_anonymous_client_on_a_locked_instance_cannot_clear_the_server_caches(tmp_path):
    log = tmp_path / "server.log"
    with streamlit_server(BUNDLED, extra_env={"FACTIONLINE_PASSWORD": "s3cret-viewers"}, log=log) as base:
        asyncio.run(_clear_cache_as_anonymous(base))
        time.sleep(0.5)
    assert log.read_text().count("Refused a clear_cache message") == 3


def test_a_store_pool_leaving_the_cache_is_closed(tmp_path):
    from components.ui import workspace

    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    engine = workspace._engine(url, False)
    with engine.connect():
        pass
    pool = engine.pool
    workspace._engine.clear()
    assert engine.pool is not pool  # disposed: its connections were closed, not left to the garbage collector


if sys.platform == "win32":  # pragma: no cover
    pytest.skip("POSIX only", allow_module_level=True)
