"""Add by hand, on the Curate page, what the drafter missed: an event, another report of an existing event, a
quote, an actor, a source (an article: *Add an article*). The store checks the row as publishing would, and
that its passage is in the article word for word (store/by_hand.py); a refusal keeps the form's values."""

from __future__ import annotations

import streamlit as st

from components.data.schema import QUOTE_TYPES, STATUSES
from components.store import by_hand, curation
from components.ui import seen

LONG = ("evidence", "text", "summary", "note", "title")


def render(ws, guard, section) -> None:
    with st.expander("Add by hand (what the drafter missed)", icon=":material/edit_square:"):
        section("by-hand")
        table = st.selectbox("What to add", list(by_hand.KINDS), format_func=by_hand.KINDS.get, key="hand-table")
        st.caption(
            "The passage (an event's or report's evidence, a quote's words) must be copied from the stored article "
            "word for word. Leave the id blank: it is made from the row. New articles are added in the form above."
        )
        ctx = curation.choices(ws.engine)
        articles = curation.listing(ws.engine, "articles")
        form = f"hand-{table}"
        keys = []
        with st.form(form):
            values = {}
            for column in by_hand.columns(table):
                key = f"{form}-{column}"
                keys.append(key)
                values[column] = _widget(table, column, key, ctx, articles)
            go = st.form_submit_button(f"Add {by_hand.KINDS[table].lower()}", type="primary", icon=":material/add:")
        if go:
            made = guard(by_hand.add_row, ws.engine, ws.user, table, values, done=f"Added {table} {{result}}.")
            if made:
                seen.forget_widgets(keys)  # added: the form starts empty; refused: what was typed stays
            st.rerun()


def _widget(table: str, column: str, key: str, ctx: dict, articles: dict):
    """The input for one column: a choice where the data model names another table, else text."""
    label = column + (" (optional: made from the row)" if column == by_hand.TABLE_KEYS[table] else "")
    pick = {
        "event_type": ctx["types"],
        "article_id": articles,
        "event_id": ctx["events"],
        "source_id": ctx["sources"],
        "reported_by": ctx["sources"],
    }
    if column in ("actor_ids", "speaker_id", "faction_ids"):
        options = ctx["factions"] if column == "faction_ids" else ctx["actors"]
        return ";".join(st.multiselect(column, list(options), format_func=options.get, key=key))
    if column == "status":
        return st.selectbox(column, STATUSES, key=key)
    if column == "quote_type":
        return st.selectbox(column, QUOTE_TYPES, key=key)
    if column in pick and not (table == "events" and column == "event_id"):
        options = pick[column]
        chosen = st.selectbox(
            column,
            list(options),
            index=None,
            format_func=lambda k: f"{k} — {options[k]}" if options.get(k) else k,
            placeholder=f"Choose ({len(options)})",
            key=key,
        )
        return chosen or ""
    widget = st.text_area if column in LONG else st.text_input
    return widget(label, key=key)
