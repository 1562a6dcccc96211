"""About this data: articles, outlets, curation note and licence, all shown as text."""

from __future__ import annotations

import streamlit as st

from components.data.safetext import md, safe_url
from components.ui.common import problem_table, show_article


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


MAX_LISTED = 200  # rows of the articles and outlets tables sent to the browser


def render(backend) -> None:
    warnings, n = backend.warnings, backend.warning_count
    for line in backend.describe().lines:  # which engine answers, over which dataset, how it was checked
        st.markdown(line)
    if warnings:
        st.markdown(f"##### Checks of meaning ({n:,} warning{'' if n == 1 else 's'})")
        st.caption(
            "Rows that are well-formed but say something unlikely: an occurred event dated after its article, a "
            "planned one dated before it, a quote said after publication, a likely duplicate, a speaker the "
            "article does not name near the quote. The data is shown as it is; `factionline validate` lists "
            "the same."
        )
        problem_table(warnings[:WARNINGS_SHOWN])
        if n > min(len(warnings), WARNINGS_SHOWN):
            st.caption(
                f"The first {min(len(warnings), WARNINGS_SHOWN):,} of {n:,}; `factionline validate` lists them all."
            )
    shown, n = backend.articles(MAX_LISTED)
    ds = backend.article("")  # the outlets, the notes (and, below, an article asked for by its id)
    st.markdown(f"##### Articles ({n:,})")
    arts = shown.assign(outlet=shown["source_id"].map(ds.outlet_name), link=shown["url"].map(safe_url))
    st.dataframe(
        arts[["article_id", "title", "outlet", "published_on", "credit", "link"]],
        hide_index=True,
        width="stretch",
        column_config={"link": st.column_config.LinkColumn("link", display_text="open")},
    )
    if n > MAX_LISTED:
        st.caption(f"The first {MAX_LISTED:,} of {n:,} articles.")
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    article_id = left.text_input(
        "Read a stored article (its article_id)",
        value=shown["article_id"].iat[0] if n else "",
        key="about-article",
        max_chars=200,
    )
    if right.button("Read", key="about-read", icon=":material/article:", width="stretch"):
        holding = backend.article(article_id)
        if article_id in holding.article_texts:
            show_article(holding, article_id, "")
        else:
            st.warning("No stored article has that id.")
    _datasets(ds)
    st.markdown(f"##### Outlets ({len(ds.sources):,})")
    outlets = ds.sources.head(MAX_LISTED)
    st.dataframe(
        outlets.assign(url=outlets["url"].map(safe_url)),
        hide_index=True,
        width="stretch",
        column_config={"url": st.column_config.LinkColumn("url")},
    )
    for key, title in (("curation", "Curation note"), ("licence", "Licence")):
        if key in ds.notes:
            with st.expander(title, expanded=key == "curation"):
                _note(ds.notes[key])
    counts = backend.dataset_counts()
    st.caption(f"Data directory: {md(ds.root.name)} · " + " · ".join(f"{v:,} {k}" for k, v in counts.items()))


WARNINGS_SHOWN = 500  # checks of meaning listed on the page


def _datasets(ds) -> None:
    """Every dataset the data was imported from (an outlet of kind "dataset"), with its provider's terms:
    what a user of this data must say (ACLED's terms require its attribution)."""
    from components.io.imports import FORMATS

    sources = ds.sources
    if "kind" not in sources.columns:
        return
    datasets = sources[sources["kind"].astype(str).str.strip() == "dataset"]
    if not len(datasets):
        return
    terms = {f.provider.lower(): f.terms for f in FORMATS.values() if f.terms}
    st.markdown(f"##### Datasets in this data ({len(datasets):,})")
    for row in datasets.to_dict(orient="records"):
        url = safe_url(row.get("url"))
        name = f"**{md(row['name'])}**" + (f" ({md(url)})" if url else "")
        said = terms.get(str(row["name"]).strip().lower(), "")
        st.markdown(f"- {name}: {md(said) if said else 'see the licence below and the file it came from.'}")


def view(page) -> None:
    """The About this data tab."""
    render(page.backend)
