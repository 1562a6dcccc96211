"""The audit log (admins): every change, who made it and when, newest first. The store refuses to alter
it; this page only reads."""

from __future__ import annotations

import json

import pandas as pd
import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from components.store import audit
from components.store.roles import Forbidden
from components.ui import workspace


def render() -> None:
    ws = workspace.store_page("Audit log")
    if ws is None:
        return
    try:
        entries = audit.entries(ws.engine, ws.user, limit=1000)
    except Forbidden as err:
        st.error(str(err), icon=":material/lock:")
        return
    except SQLAlchemyError:
        workspace.unreachable()
        return
    st.caption(f"The latest {len(entries):,} changes, newest first. Append-only: the database refuses edits.")
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "when (UTC)": audit.utc(e["at"]),
                    "who": e["user_name"],
                    "role": e["role"],
                    "action": e["action"],
                    "what": e["target"],
                    "detail": json.dumps(e["detail"], ensure_ascii=False)[:300],
                }
                for e in entries
            ]
        ),
        hide_index=True,
        width="stretch",
    )
