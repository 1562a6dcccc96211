"""Which data directory the app opens, and one shared loaded copy of it."""
from __future__ import annotations

import argparse
import os
import sys
import threading
from pathlib import Path

import streamlit as st

from components.paths import bundled_data

from components.data.model import Dataset
from components.data.modelcache import load_cached

SEARCH_INDEX_DELAY = 15  # seconds after a load before the search text is built in the background


def data_dir() -> Path:
    """From `-- --data DIR`, else FACTIONLINE_DATA, else the bundled data. Never from the URL."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--data")
    args, _ = parser.parse_known_args(sys.argv[1:])
    return Path(args.data or os.environ.get("FACTIONLINE_DATA") or bundled_data())


def _signature(root: Path) -> tuple:
    """Changes when a table file or the articles folder changes, so edits are picked up without a
    restart. Cheap on every rerun: a dozen stat calls, whatever the number of articles."""
    entries = []
    for path in sorted(root.glob("*")):
        try:
            stat = path.stat()
            entries.append((path.name, stat.st_mtime_ns, stat.st_size))
        except OSError:
            continue
    return tuple(entries)


@st.cache_resource(show_spinner="Loading the event data…", max_entries=4)
def _load(root: str, signature: tuple) -> Dataset:
    # cache_resource: one copy shared by every session and rerun; views never mutate it.
    dataset = load_cached(root)
    # Build the search text in the background, so the first search does not wait for it.
    # Started a little later, so that it does not compete with the first page for the one interpreter.
    timer = threading.Timer(SEARCH_INDEX_DELAY, lambda: (dataset.event_search, dataset.quote_search))
    timer.daemon = True
    timer.start()
    return dataset


def load_dataset(root: Path) -> Dataset:
    return _load(str(root.resolve()), _signature(root))
