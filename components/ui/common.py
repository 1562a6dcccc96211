"""Small rendering helpers shared by the views."""

from __future__ import annotations

import re

import streamlit as st

from components.data.model import Dataset
from components.data.safetext import chip, md, md_link, safe_url


def problem_table(problems) -> None:
    """The validation report: one row per problem, with where it is and how to fix it."""
    st.dataframe(
        [
            {"File": p.file, "Row": p.row, "Column": p.column or "", "Problem": p.message, "How to fix": p.fix}
            for p in problems
        ],
        hide_index=True,
        width="stretch",
    )


def faction_chips(ds: Dataset, actor_id: str) -> str:
    return "".join(
        chip(ds.faction_name.get(f, f), ds.faction_colour.get(f, "#7F7F7F"))
        for f in ds.factions_of_actor.get(actor_id, [])
    )


def article_line(ds: Dataset, article_id: str) -> str:
    """'Al Jazeera, 2024-02-28 — credit' as escaped Markdown, with a link when the URL is http(s)."""
    art = ds.article.get(article_id, {})
    head = md_link(art.get("title", article_id), art.get("url"))
    parts = [head, md(ds.outlet_name(art.get("source_id", ""))), md(art.get("published_on", ""))]
    credit = art.get("credit", "")
    line = " · ".join(p for p in parts if p)
    return f"{line}  \n{md(credit)}" if credit else line


@st.dialog("Source article", width="large")
def show_article(ds: Dataset, article_id: str, passage: str) -> None:
    """The stored article text with the cited passage in bold."""
    st.markdown(article_line(ds, article_id))
    text = ds.article_texts.get(article_id, "")
    for para in re.split(r"\n\s*\n", text):
        if not para.strip():
            continue
        if passage and passage.strip() in para:
            before, _, after = para.partition(passage.strip())
            st.markdown(f"{md(before)}**{md(passage.strip())}**{md(after)}")
        else:
            st.markdown(md(para))
    if not safe_url(ds.article.get(article_id, {}).get("url")):
        st.caption("The dataset records no web address for this article; this is the stored text.")
