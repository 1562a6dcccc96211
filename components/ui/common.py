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


def faction_chips(ds: Dataset, actor_id: str, when=None) -> str:
    """The actor's faction chips (on a date, when dated roles move it between factions)."""
    return "".join(
        chip(ds.faction_name.get(f, f), ds.faction_colour.get(f, "#7F7F7F")) for f in ds.factions_at(actor_id, when)
    )


def article_line(ds: Dataset, article_id: str) -> str:
    """'Al Jazeera, 2024-02-28 — credit' as escaped Markdown, with a link when the URL is http(s)."""
    art = ds.article.get(article_id, {})
    head = md_link(art.get("title", article_id), art.get("url"))
    parts = [head, md(ds.outlet_name(art.get("source_id", ""))), md(art.get("published_on", ""))]
    credit = art.get("credit", "")
    line = " · ".join(p for p in parts if p)
    return f"{line}  \n{md(credit)}" if credit else line


CONTEXT = 2  # paragraphs shown before and after the cited one
WHOLE_UP_TO = 150  # paragraphs: a longer text (an import's records file) is shown around the passage only


@st.dialog("Source article", width="large")
def show_article(ds: Dataset, article_id: str, passage: str) -> None:
    """The cited passage, highlighted, in its paragraph and the ones around it, opened at that place
    (an import's records file holds thousands of records: only the cited one's neighbours are drawn)."""
    st.markdown(article_line(ds, article_id))
    paragraphs = [p for p in re.split(r"\n\s*\n", ds.article_texts.get(article_id, "")) if p.strip()]
    at = cited_paragraph(paragraphs, passage)
    if at is None:
        st.warning("The passage was not found in the stored text; the text is shown from its start.")
        at = 0
    whole = len(paragraphs) <= WHOLE_UP_TO and st.toggle(
        f"The whole text ({len(paragraphs):,} paragraphs)", key=f"whole-{article_id}"
    )
    lo, hi = (0, len(paragraphs)) if whole else (max(0, at - CONTEXT), min(len(paragraphs), at + CONTEXT + 1))
    if not whole:
        st.caption(f"Paragraphs {lo + 1:,}–{hi:,} of {len(paragraphs):,}: the cited one is highlighted.")
    for i in range(lo, hi):
        para = paragraphs[i]
        if i == at and passage and passage.strip() in para:
            before, _, after = para.partition(passage.strip())
            st.markdown(f"{md(before)}:orange-background[**{md(passage.strip())}**]{md(after)}")
        elif i == at:
            st.markdown(f":orange-background[{md(para)}]")
        else:
            st.markdown(f":gray[{md(para)}]")
    if not safe_url(ds.article.get(article_id, {}).get("url")):
        st.caption("The dataset records no web address for this article; this is the stored text.")


def cited_paragraph(paragraphs: list[str], passage: str) -> int | None:
    """The index of the paragraph holding the passage (white space compared loosely), or None."""
    wanted = " ".join(str(passage or "").split())
    if not wanted:
        return None
    for i, para in enumerate(paragraphs):
        if wanted in " ".join(para.split()):
            return i
    return None
