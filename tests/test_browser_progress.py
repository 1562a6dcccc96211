"""A dataset's first open says on the page what it is doing (components/ui/loading.py): its phases while it
loads, not a bare spinner; then the dashboard, with the message gone."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from components.io.synth import synthesize

from .browser import streamlit_server, wait_ready, watched_page

SHOTS = os.environ.get("FACTIONLINE_SHOTS")  # a directory: keep a screenshot of each state


def shot(page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / name))


pytestmark = pytest.mark.browser
pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = tmp_path_factory.mktemp("first-open") / "data"
    # Large enough that the open takes seconds on a fast, idle machine too (2,000 events took ~0.5 s once the
    # checks' modules were imported: under the half second after which the page says anything); no model
    # cache, so the directory is read and checked in full.
    synthesize(30_000, root, seed=6)
    with streamlit_server(root, extra_env={"FACTIONLINE_CACHE": "off"}) as base:
        yield base


def test_a_first_open_shows_its_phases_then_the_dashboard(browser, server):
    with watched_page(browser, 1280, 900) as page:
        page.goto(server)
        message = page.get_by_text("Opening the event data")
        message.wait_for(timeout=60_000)
        page.get_by_text("Checking every rule and passage…").wait_for(timeout=30_000)  # the phase under way
        shot(page, "first-open-loading.png")
        wait_ready(page, 120_000)
        assert message.count() == 0  # cleared once the data is open
        assert page.get_by_text("30,000 of 30,000 events").is_visible()
        shot(page, "first-open-done.png")
