"""Untrusted text stays text in a real browser; the lock sends nothing before sign-in."""

import pytest

from .browser import streamlit_server, wait_ready
from .hostile import EMOJI, HOSTILE_EVENT, LONG, SCRIPT, make

pytestmark = pytest.mark.browser
playwright_api = pytest.importorskip("playwright.sync_api")


def watch(page, base: str) -> dict:
    seen = {"dialogs": [], "outbound": []}
    page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
    page.on("request", lambda r: None if r.url.startswith((base, "data:", "blob:")) else seen["outbound"].append(r.url))
    return seen


def assert_inert(page):
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator("img[src='x'], img[src*='evil.example'], svg[onload], [onerror]").count() == 0
    hrefs = page.locator("a[href]").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert not [h for h in hrefs if not h.startswith(("http://", "https://", "/", "#", "?", "./"))], hrefs


def test_hostile_text_renders_as_text_with_no_script_dialog_or_request(browser, tmp_path):
    data = make(tmp_path / "hostile")
    with streamlit_server(data) as base:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        seen = watch(page, base)
        page.goto(f"{base}/?event={HOSTILE_EVENT}")
        wait_ready(page)
        details = page.locator(".st-key-event-details")
        details.wait_for(timeout=20_000)
        text = details.inner_text().replace("\u2060", "")  # the invisible joiner that keeps addresses unlinked
        assert SCRIPT in text  # shown literally, as the data says
        assert "[click me](javascript:window.__pwned=4)" in text and "![tracker](http://evil.example/pixel.png)" in text
        assert "**bold?**" in text  # Markdown in data is not interpreted
        assert LONG[:200] in text
        # a bare address in the data is not made a link, and a right-to-left override is shown, not obeyed
        assert page.locator("a[href*='evil.example']").count() == 0
        assert "\u202e" not in text and "[U+202E]evil" in text
        assert EMOJI.split()[0] in page.inner_text("body")
        # hover labels of the chart are escaped too
        page.locator(".js-plotly-plot").first.hover()
        assert_inert(page)
        for tab in ("Table & downloads", "About this data"):
            page.get_by_role("tab", name=tab).click()
            wait_ready(page)
            page.wait_for_timeout(500)
            assert_inert(page)
        assert seen["dialogs"] == [] and seen["outbound"] == []
        context.close()


def test_locked_instance_sends_no_data_before_sign_in(browser):
    with streamlit_server(extra_env={"FACTIONLINE_PASSWORD": "letmein"}) as base:
        page = browser.new_page()
        received = []
        page.on(
            "websocket",
            lambda ws: ws.on("framereceived", lambda p: received.append(p if isinstance(p, bytes) else p.encode())),
        )
        page.goto(f"{base}/?faction=hamas")
        wait_ready(page)
        page.get_by_text("Sign in to see the data").wait_for()
        blob = b"".join(received)
        for secret in (b"Moscow", b"Abbas", b"Hamas", b"Egypt", b"events"):
            assert secret not in blob, secret
        assert b'"layout"' not in blob  # no chart's figure (the page's styles may name Plotly's CSS classes)
        assert page.locator(".js-plotly-plot").count() == 0
        page.get_by_label("Password", exact=True).fill("nope")
        page.get_by_role("button", name="Sign in").click()
        page.get_by_text("That account and password do not match").wait_for(timeout=15_000)
        assert b"Moscow" not in b"".join(received)
        page.get_by_label("Password", exact=True).fill("letmein")
        page.get_by_role("button", name="Sign in").click()
        page.locator(".js-plotly-plot").first.wait_for(timeout=30_000)
        assert "faction=hamas" in page.url
        page.close()
