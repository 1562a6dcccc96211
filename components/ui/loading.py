"""Which data directory the app opens, one shared loaded copy of it, and what viewers see when it
cannot be opened (never the server's paths: those go to the server log)."""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

import streamlit as st

from components.analysis.geo import place_table
from components.data.manifest import load_any
from components.data.model import Dataset
from components.data.modelcache import load_cached
from components.data.problems import Problem
from components.ui.common import problem_table

SEARCH_INDEX_DELAY = 15  # seconds after a load before the search text is built in the background
log = logging.getLogger("factionline")


def _signature(root: Path) -> tuple:
    """Changes when a table file or the articles folder changes, so edits are picked up without a
    restart. Cheap on every rerun: a dozen stat calls, whatever the number of articles."""
    entries = []
    try:
        names = sorted(os.listdir(root))
    except OSError as err:  # unreadable or gone: load() says so; retry when that changes
        return (("error", err.errno),)
    for name in names:
        try:
            stat = os.stat(root / name)
            entries.append((name, stat.st_mtime_ns, stat.st_size))
        except OSError:
            continue
    return tuple(entries)


@st.cache_resource(show_spinner="Loading the event data…", max_entries=4)
def _load(root: str, signature: tuple) -> Dataset:
    # cache_resource: one copy shared by every session and rerun; views never mutate it.
    dataset = load_cached(root, load_any)  # an ingested dataset is trusted by its manifest
    # Build the search text and the map's places in the background, so the first search or map does not
    # wait for them. Started a little later, so that it does not compete with the first page.
    timer = threading.Timer(
        SEARCH_INDEX_DELAY, lambda: (dataset.event_search, dataset.quote_search, place_table(dataset))
    )
    timer.daemon = True
    timer.start()
    return dataset


def load_dataset(root: Path) -> Dataset:
    return _load(os.path.abspath(root), _signature(root))


def report_invalid(root: Path, problems: list[Problem]) -> None:
    """The validation report on the page. The directory is named as the operator set it (by which
    setting, and its last part), its full path only in the server log."""
    from components.ui.workspace import data_setting

    setting, _ = data_setting()
    name = "the published version" if setting == "the store" else f"{Path(root).name or root} (set by {setting})"
    log.error(
        "The data directory %s cannot be opened: %d problem(s): %s",
        os.path.abspath(root),
        len(problems),
        "; ".join(str(p) for p in problems[:20]),
    )
    st.error(
        f"The data in {name} cannot be opened: {len(problems)} problem(s). Nothing was changed.",
        icon=":material/error:",
    )
    problem_table(problems)
    st.caption(
        "Rows are counted as a spreadsheet shows them: the header is row 1. Fix the files, or check "
        "them from a terminal with `factionline validate DIR`; the page reloads the data when the "
        "files change."
    )
