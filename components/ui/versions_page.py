"""The Versions page: every published version (who, when, the message, what changed), a link that pins
each, and "What changed" between any two — every table's rows and the documents added, changed or removed,
and the events whose shown date, status or sources changed because their reports did."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from components.store import audit, versions
from components.ui import workspace
from components.ui.loading import load_dataset

# The two cells that name a row in each table's list (any other table: its first two columns after the key).
SHOWN = {
    "events": ("title", "date"),
    "reports": ("event_id", "date"),
    "quotes": ("speaker_id", "text"),
    "actors": ("name", "faction_ids"),
    "factions": ("name", "kind"),
    "sources": ("name", "kind"),
    "articles": ("title", "published_on"),
    versions.TEXTS: ("size", "sha256"),
}


def render() -> None:
    ws = workspace.store_page("Versions")
    if ws is None:
        return
    try:
        listed = versions.listed(ws.engine)
    except SQLAlchemyError:
        workspace.unreachable()
        return
    if not listed:
        st.info("Nothing has been published yet.", icon=":material/inventory_2:")
        return
    st.caption(
        "Every published version is kept. Viewers see the latest; a link with `?v=N` shows version N "
        "(the dashboard's link includes the version it shows)."
    )
    table = pd.DataFrame(
        [
            {
                "version": v.version_id,
                "published (UTC)": audit.utc(v.created_at),
                "by": v.created_by,
                "message": v.message,
                "events": v.n_events,
                "what changed": v.summary(),
                "open": f"/?v={v.version_id}",
            }
            for v in listed
        ]
    )
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_config={"open": st.column_config.LinkColumn("open", display_text="open this version")},
    )
    if len(listed) < 2:
        return
    st.subheader("What changed", anchor=False)
    numbers = [v.version_id for v in listed]
    a, b = st.columns(2)
    newer = a.selectbox("Version", numbers, index=0, key="diff-newer")
    older = b.selectbox("compared with", [n for n in numbers if n < newer] or numbers[-1:], index=0, key="diff-older")
    changes = versions.compare(ws.engine, older, newer)
    for table_name, rows in changes.items():
        if rows:
            _changed_rows(table_name, rows)
    shown = versions.shown_changes(
        load_dataset(versions.materialize(ws.engine, older)), load_dataset(versions.materialize(ws.engine, newer))
    )
    if shown:
        st.markdown(f"**Shown on the dashboard** — {len(shown)}")
        st.caption("Events whose shown date, status or number of sources changed, because their reports did.")
        st.dataframe(pd.DataFrame(shown), hide_index=True, width="stretch")
    if not any(changes.values()) and not shown:
        st.caption("Nothing changed between these versions.")


def _changed_rows(table_name: str, rows: list[dict]) -> None:
    some = rows[0]["after"] or rows[0]["before"]
    label, detail = SHOWN.get(table_name) or (list(some)[1:3] + ["", ""])[:2]
    st.markdown(f"**{table_name.capitalize()}** — {len(rows)}")
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "change": r["change"],
                    "id": r["id"],
                    label: (r["after"] or r["before"]).get(label, ""),
                    detail: (r["after"] or r["before"]).get(detail, ""),
                    "cells changed": ", ".join(
                        k for k in (r["after"] or {}) if r["before"] and r["before"].get(k) != r["after"].get(k)
                    ),
                }
                for r in rows
            ]
        ),
        hide_index=True,
        width="stretch",
    )
