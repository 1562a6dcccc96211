"""About this data: articles, outlets, curation note and licence, all shown as text."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from .model import Dataset
from .safetext import md, safe_url
from .ui_common import show_article


def _note(text: str) -> None:
    """Render a note file as text: headings and bullets kept, no Markdown from data interpreted."""
    for block in text.strip().split("\n\n"):
        block = block.strip().replace("**", "").replace("`", "")
        if block.startswith("#"):
            st.markdown(f"##### {md(block.lstrip('#').strip())}")
        elif block:
            items: list[list] = []  # [is_bullet, text]
            for line in block.splitlines():  # "- " starts a bullet; indented lines continue it
                if line.startswith("- ") or not items or not items[-1][0]:
                    items.append([line.startswith("- "), line[2:] if line.startswith("- ") else line])
                else:
                    items[-1][1] += " " + line.strip()
            st.markdown("  \n".join(("• " if bullet else "") + md(text) for bullet, text in items))


def render(ds: Dataset) -> None:
    st.markdown("##### Articles")
    arts = ds.articles.assign(
        outlet=ds.articles["source_id"].map(lambda s: ds.source.get(s, {}).get("name", s)),
        link=ds.articles["url"].map(safe_url))
    st.dataframe(arts[["title", "outlet", "published_on", "credit", "link"]], hide_index=True, width="stretch",
                 column_config={"link": st.column_config.LinkColumn("link", display_text="open")})
    for article_id in ds.articles["article_id"]:
        if st.button("Read the stored article", key=f"about-{article_id}", icon=":material/article:",
                     help=ds.article[article_id]["title"] or article_id):
            show_article(ds, article_id, "")
    st.markdown("##### Outlets")
    st.dataframe(ds.sources.assign(url=ds.sources["url"].map(safe_url)), hide_index=True, width="stretch",
                 column_config={"url": st.column_config.LinkColumn("url")})
    for key, title in (("curation", "Curation note"), ("licence", "Licence")):
        if key in ds.notes:
            with st.expander(title, expanded=key == "curation"):
                _note(ds.notes[key])
    st.caption(f"Data directory: {md(ds.root.name)} · " + " · ".join(f"{v:,} {k}" for k, v in ds.counts().items()))
