"""Source-attributed quote cards."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.analysis import provenance
from components.data.model import Dataset
from components.data.safetext import md, md_link, safe_url
from components.ui.common import faction_chips, show_article

PAGE = 8  # cards per page: each one is several elements to redraw on every filter change


def card(ds: Dataset, quote: dict, key: str) -> None:
    speakers = ds.speakers(quote["speaker_id"])
    with st.container(border=True):
        head = f"**{md(provenance.speaker_names(ds, quote['speaker_id']))}**"
        if len(speakers) == 1:
            role = ds.role_at(speakers[0], quote.get("start"))  # the role when it was said
            if role:
                head += f" · {md(role)}"
        group = provenance.group_line(ds, quote["speaker_id"])
        if group:
            head += f"  \n:small[:gray[{md(group)}]]"
        words = (
            f"> “{md(quote['text'])}”" if quote["quote_type"] == "direct" else f"> _Paraphrase:_ {md(quote['text'])}"
        )
        date = quote.get("date_label") or "undated"
        if quote.get("verified"):
            what = "Verified verbatim" if quote["quote_type"] == "direct" else "Paraphrase wording found"
            mark = f":green[:material/verified: {what} in the stored article]"
        else:
            mark = ":orange[:material/warning: Not found verbatim in the stored article]"
        code, meaning = provenance.grade(ds, quote.get("reported_by", ""), quote.get("credibility", ""))
        if code:
            mark += f" · :blue-badge[Graded {md(code)}] :small[:gray[{md(meaning)}]]"
        url = ds.article.get(quote["article_id"], {}).get("url")
        link = f" · {md_link('read the article', url)}" if safe_url(url) else ""
        # One Markdown element for the words and their source: every element of a card is re-sent and
        # redrawn on each rerun, a dozen cards at a time.
        line = provenance.attribution(ds, quote)
        st.markdown(f"{head}\n\n{words}\n\n:small[:gray[{md(date)} · {md(line)}]{link}]  \n:small[{mark}]")
        chips = "".join(dict.fromkeys(faction_chips(ds, s, quote.get("start")) for s in speakers))
        if chips:
            st.html(chips)
        if st.button("Show in article", key=f"{key}-{quote['quote_id']}", icon=":material/article:"):
            show_article(ds, quote["article_id"], quote["text"])


def render(ds: Dataset, quotes: pd.DataFrame, positions=None, key: str = "quotes") -> None:
    """Cards for the quotes at `positions` of `quotes` (all of them when None), a page at a time."""
    total = len(quotes) if positions is None else len(positions)
    if not total:
        st.caption("No quotes in this selection.")
        return
    pages = max(1, -(-total // PAGE))
    page = 1
    if pages > 1:
        page = st.number_input(f"Page (of {pages:,})", 1, pages, 1, key=f"{key}-page")
        st.caption(f"Showing quotes {(page - 1) * PAGE + 1:,}–{min(page * PAGE, total):,} of {total:,}, by date")
    window = slice((page - 1) * PAGE, page * PAGE)
    shown = quotes.iloc[window] if positions is None else quotes.iloc[positions[window]]
    for quote in shown.to_dict(orient="records"):
        card(ds, quote, key)
