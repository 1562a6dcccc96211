"""Which data directory the app opens, one shared loaded copy of it, and what viewers see when it
cannot be opened (never the server's paths: those go to the server log)."""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import time
from pathlib import Path

import streamlit as st

from components import progress
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


class PageProgress(progress.Reporter):
    """The phases of a dataset's first open, on the page while it loads (components/progress.py): what is
    being done, how far, for how long — instead of a spinner that says nothing for a minute. Drawn from a
    thread of its own into a placeholder made before the load (the load itself runs in a cached function,
    where an element would be replayed on every later run); nothing is drawn when the load takes under
    half a second (a loaded dataset: every rerun)."""

    interval = 0.5
    delay = 0.5

    def __init__(self, title: str) -> None:
        super().__init__()
        self.title = title
        self.placeholder = st.empty()
        self.drawn = False

    def thread(self, target) -> threading.Thread:
        from streamlit.runtime.scriptrunner import add_script_run_ctx

        return add_script_run_ctx(super().thread(target))  # it draws into this session's page

    def tick(self) -> None:
        box = self.placeholder.container(border=True)
        box.markdown(page_text(self))
        current = self.open[-1] if self.open else None
        if current is not None and current.total:
            box.progress(min(current.done / current.total, 1.0), text=progress.line(current))
        self.drawn = True

    def on_close(self) -> None:
        if self.drawn:
            self.placeholder.empty()


def page_text(reporter: progress.Reporter) -> str:
    """What the page says while a dataset opens: the title and time so far, each phase done (with its
    time), and the one under way."""
    lines = [f"**{reporter.title}** · {_seconds(time.monotonic() - reporter.began)}"]
    for phase in [*reporter.finished, *reporter.open]:
        indent = "\u2003" * phase.depth
        if phase.ended is None:
            lines.append(f"{indent}:material/pending: {phase.what.capitalize()}… {_seconds(phase.elapsed)} so far")
        else:
            lines.append(f"{indent}:material/check: {phase.what.capitalize()} · {_seconds(phase.elapsed)}")
    if len(lines) == 1:
        lines.append(":material/pending: Finding the data, or waiting for another page that is opening it…")
    return "  \n".join(lines)


def _seconds(seconds: float) -> str:
    return f"{seconds:.1f} s" if seconds < 60 else f"{int(seconds // 60)} min {int(seconds % 60):02d} s"


@contextlib.contextmanager
def opening(title: str):
    """Show the phases of the work inside on the page (after half a second), then clear them."""
    with progress.reporting(PageProgress(title)):
        yield


@st.cache_resource(show_spinner=False, max_entries=4)  # opening() says what is being done
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
    with opening("Opening the event data"):
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
