"""Upload your own data: it replaces the view for this browser session only."""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

from components.data.model import Dataset
from components.data.problems import InvalidData
from components.data.safetext import md
from components.io.upload import HELP, MAX_UPLOAD_MB, TYPES, UploadError, open_upload
from components.io.uploadbudget import UploadBudget
from components.ui import filters as ui_filters
from components.ui import state
from components.ui.common import problem_table

KEY = "upload-file"


@st.cache_resource
def _budget(setting: str) -> UploadBudget:
    # One budget for every session of this server (it is meant to be shared and counts for all).
    return UploadBudget.from_environment()


def session_dataset(default: Dataset, base_dir: Path) -> Dataset:
    """The dataset this session views. The uploader's new value is in session state at the start of
    the rerun it triggers, so the switch happens before any filter widget is drawn."""
    file = state.widget(KEY)
    current = state.upload()
    if file is None:
        if current is not None:  # the file was removed: back to the shared data
            state.set_upload(None)
            if current[1].lease:
                current[1].lease.release()
            ui_filters.reset(default)
        state.set_upload_error(None)
        return default
    fresh = (current is None or current[0] != file.file_id) and state.upload_failed() != file.file_id
    if fresh:
        state.set_upload_error(None)
        budget = _budget(os.environ.get("FACTIONLINE_UPLOAD_BUDGET_MB", ""))
        try:
            uploaded = open_upload(
                file.name, file.getvalue(), base_dir, budget, replacing=current[1] if current else None
            )
        except UploadError as err:
            state.set_upload_error((str(err), []), file.file_id)
        except InvalidData as err:
            state.set_upload_error(
                (
                    f"{file.name}: the data directory has {len(err.problems)} problem(s); the view was not changed.",
                    err.problems,
                ),
                file.file_id,
            )
        else:
            state.set_upload((file.file_id, uploaded))
            ui_filters.reset(uploaded.dataset)
            return uploaded.dataset
    return state.upload()[1].dataset if state.upload() else default


def sidebar(dataset: Dataset) -> None:
    """The uploader (bottom of the sidebar) and what is being viewed."""
    current = state.upload()
    with st.sidebar:
        st.divider()
        st.subheader("Your data", anchor=False)
        if current:
            up = current[1]
            c = dataset.counts()
            st.caption(
                f":material/upload_file: Viewing **{md(up.name)}** ({md(up.kind)}): {c['events']:,} events, "
                f"{c['actors']:,} actor{'' if c['actors'] == 1 else 's'} — in this browser session only. Remove the file to go back."
            )
            if up.not_imported:
                with st.expander(f"{len(up.not_imported):,} record(s) not imported"):
                    st.dataframe(
                        [{"Where": k.where, "Why": k.reason} for k in up.not_imported], hide_index=True, width="stretch"
                    )
            unmapped = [r for r in up.names if not r["factions"]]
            if up.names:
                label = f"Names: {len(up.names) - len(unmapped):,} in a faction, {len(unmapped):,} without"
                with st.expander(label):
                    st.caption(
                        "How the file's actor names were matched to factions (the crosswalk and ACLED's "
                        "naming rules). To map a name, add a row to crosswalk.csv and import again."
                    )
                    st.dataframe(
                        [
                            {
                                "Name": r["name"],
                                "Events": r["events"],
                                "Factions": ", ".join(dataset.faction_name.get(f, f) for f in r["factions"]),
                                "How": r["rule"] or "no rule matched",
                            }
                            for r in up.names
                        ],
                        hide_index=True,
                        width="stretch",
                    )
        st.file_uploader("Upload a file", type=TYPES, key=KEY, max_upload_size=MAX_UPLOAD_MB, help=HELP)


def error_report() -> None:
    """An upload that could not be used: said in the main area, with the validation report if any."""
    failure = state.upload_error()
    if not failure:
        return
    message, problems = failure
    st.error(md(message), icon=":material/error:")
    if problems:
        problem_table(problems)
