"""Keep the answer to a click in view: after a click on the timeline (or a choice in its events list) the next
run scrolls the event's details, or a "+N" list, into view when they are off screen (on a phone they sit
under the chart; on a wide screen they are sticky beside it, theme.py). A page script of our own, no input
in it but a selector chosen here; it adds no listener and sends nothing."""

from __future__ import annotations

import itertools
import json

import streamlit as st

from components.ui import state

SCRIPT = """<script>
(function () {
  const doc = window.parent.document, win = window.parent;
  let tries = 0;
  function go() {
    const el = doc.querySelector(%s);
    if (!el) { if (tries++ < 50) setTimeout(go, 100); return; }
    const r = el.getBoundingClientRect();
    if (r.top < 0 || r.top > win.innerHeight - 120) el.scrollIntoView({block: 'start'});
  }
  setTimeout(go, 60);
})();
</script><!-- %d -->"""
_RUNS = itertools.count()  # each script differs from the last, so that the page runs it again


def request(selector: str) -> None:
    """Bring `selector` into view after the next run (the details, the crowd's list)."""
    state.request_focus(selector)


def scroll() -> None:
    """Run once per request: the page script that scrolls the requested element into view."""
    selector = state.take_focus()
    if selector:
        st.html(SCRIPT % (json.dumps(selector), next(_RUNS)), unsafe_allow_javascript=True)  # our own script
