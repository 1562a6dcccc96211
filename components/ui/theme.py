"""The page's own styles, in one place: what Streamlit's theme settings (.streamlit/config.toml) cannot say.

- The dark theme's red is light enough to read as text on the dark page (selected pills); white on it, as
  Streamlit draws a primary button's label, is not (2.8:1): those labels are dark there (axe-core).
- Every control at least 24 × 24 px (WCAG 2.2 target size): the date range's day and month segments were 18 px.
- The event details sit beside the timeline and stay in view while the chart scrolls by (sticky) on a wide
  screen; on a phone the columns stack and they come directly under the chart.
- A coloured note or code in a caption at full strength: the caption's fading took them to 2.8:1 and 4.2:1.
- The legends under the charts, and the charts' labels, in the page's text colour.
"""

from __future__ import annotations

import re

import streamlit as st

CSS = """<style>
@media (prefers-color-scheme: dark) {
  button[kind="primary"]:not(:disabled) p, button[kind="primaryFormSubmit"]:not(:disabled) p {color: #141414 !important}
}
[data-testid="stDateInput"] [role="spinbutton"] {
  display: inline-block; min-width: 24px; min-height: 24px; line-height: 24px; text-align: center;
}
@media (min-width: 640px) {
  [data-testid="stColumn"]:has(.st-key-details-side) > [data-testid="stVerticalBlock"] {height: 100%}
  .st-key-details-side {
    position: sticky; top: 0.5rem; max-height: calc(100vh - 1rem); overflow-y: auto; overscroll-behavior: contain;
  }
}
/* A caption is faded (opacity 0.6): a coloured note in one (":orange[Open instance…]") fell to 2.8:1, code in one
   (Versions: `?v=N`) to 4.2:1 */
[data-testid="stCaptionContainer"]:has(.stMarkdownColoredText, code) {opacity: 1}
.factionline-legend {font-size: 0.875rem; line-height: 1.9}
/* Chart labels (headlines on and beside marks, "+N", lane and place names) in the page's text colour: the charts'
   muted grey on a light bar was hard to read, and lane names in their faction's colour were 1.3:1 (Egypt) */
.js-plotly-plot .scatterlayer .textpoint text, .js-plotly-plot .annotation-text {fill: #262730 !important}
@media (prefers-color-scheme: dark) {
  .js-plotly-plot .scatterlayer .textpoint text, .js-plotly-plot .annotation-text {fill: #e8e8ea !important}
}
</style>"""


def install() -> None:
    # Comments stay here for the reader; the page gets the rules only (they name factions and views, and a
    # locked instance's sign-in page sends nothing about the data).
    st.html(re.sub(r"/\*.*?\*/\n?", "", CSS, flags=re.S))
