"""A tap on a chart selects the point under the finger. Plotly picks a clicked point from its last hover, and a
touch screen hovers nothing before it taps: a tap selected the point tapped before it (and the first tap,
nothing). This page script, once per page, turns each touch on a chart into a hover at the same spot first.
It runs in the page (st.html with its script allowed: our own text, no input in it) and adds listeners only:
no request, no data."""

from __future__ import annotations

import streamlit as st

SCRIPT = """<script>
(function () {
  const doc = window.parent.document;
  if (doc.__factionlineTouch) return;
  doc.__factionlineTouch = true;
  doc.addEventListener('touchstart', function (e) {
    const drag = e.target.closest && e.target.closest('.js-plotly-plot .nsewdrag');
    if (!drag || !e.touches.length) return;
    const t = e.touches[0];
    drag.dispatchEvent(new MouseEvent('mousemove', {clientX: t.clientX, clientY: t.clientY, bubbles: true}));
  }, {capture: true, passive: true});
})();
</script>"""


def install() -> None:
    st.html(SCRIPT, unsafe_allow_javascript=True)  # our own script, no input in it
