"""Map labels that never pile up, at any zoom: after every redraw of a chart (a zoom, a pan, Autoscale), the page
hides each place or country name that would overlap a name already shown, in the order the figure lists them
(the busiest place first, country names last); a hidden name is still in its point's hover. A page script of
our own, once per page: it reads the drawn SVG and sets an opacity, nothing else; no request, no data."""

from __future__ import annotations

import streamlit as st

TRACES = ("names", "countries")  # the map's text traces (analysis/charts/places.py), in order of priority

SCRIPT = """<script>
(function () {
  const doc = window.parent.document;
  if (doc.__factionlineDeclutter) return;
  doc.__factionlineDeclutter = true;
  const wanted = %s;
  function declutter(gd) {
    const shown = [];
    const groups = [...gd.querySelectorAll('.scatterlayer .trace')].filter(g => {
      const t = g.__data__ && g.__data__[0] && g.__data__[0].trace;
      return t && wanted.includes(t.name);
    }).sort((a, b) => wanted.indexOf(a.__data__[0].trace.name) - wanted.indexOf(b.__data__[0].trace.name));
    for (const g of groups) {
      for (const text of g.querySelectorAll('.textpoint text')) {
        text.style.opacity = '';
        if (!text.textContent) continue;
        const r = text.getBoundingClientRect();
        const hit = shown.some(s => r.left < s.right - 1 && s.left < r.right - 1 && r.top < s.bottom - 1 && s.top < r.bottom - 1);
        if (hit) text.style.opacity = '0'; else shown.push(r);
      }
    }
  }
  function watch() {
    doc.querySelectorAll('.js-plotly-plot').forEach(gd => {
      if (gd.__factionlineDeclutter || typeof gd.on !== 'function') return;
      gd.__factionlineDeclutter = true;
      gd.on('plotly_afterplot', () => declutter(gd));
      declutter(gd);
    });
  }
  setInterval(watch, 400);
})();
</script>"""


def install() -> None:
    import json

    st.html(SCRIPT % json.dumps(list(TRACES)), unsafe_allow_javascript=True)  # our own script, no input in it
