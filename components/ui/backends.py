"""Which backend answers the dashboard: the in-memory model (the default), or an analytical engine over an
ingested dataset (FACTIONLINE_ENGINE=duckdb, or an engine's URL: spark://HOST:PORT, local[N]). One shared
backend per dataset, for every session; what cannot be opened is said on the page."""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

from components import progress
from components.backends.memory import Memory
from components.data.problems import InvalidData
from components.ui.loading import opening

MEMORY_ENGINES = ("", "memory")


def setting() -> str:
    """The configured engine: "" or "memory" (the in-memory model), "duckdb", or an engine's URL."""
    return os.environ.get("FACTIONLINE_ENGINE", "").strip()


def url_of(name: str) -> str:
    return "duckdb://" if name == "duckdb" else name


def configured() -> bool:
    return setting().lower() not in MEMORY_ENGINES


@st.cache_resource(show_spinner=False, max_entries=2)  # loading.opening() says what is being done
def _open_engine(root: str, url: str, ingested: int):  # ingested: the manifest's time: a new ingest opens anew
    # cache_resource: one engine per dataset and URL, shared by every session (its results cache is locked).
    from components.backends.sql import Engine
    from components.engines.sql import SqlEngine

    with progress.phase("engine"):
        return Engine(SqlEngine(Path(root), url))


def memory(ds) -> Memory:
    """The in-memory backend of a dataset: one per dataset (its selections and figures are the dataset's)."""
    return ds.memo("backend", lambda: Memory(ds))


def open_engine(root: Path):
    """The engine backend over an ingested dataset, or None after saying on the page why it cannot open."""
    from components.data.manifest import MANIFEST, DatasetRefused, is_dataset

    name = setting()
    if not is_dataset(root):
        st.title("Factionline", anchor=False)
        st.error(
            f"FACTIONLINE_ENGINE={name} reads an ingested dataset, and this data directory is not one. Ingest it "
            "once (`factionline ingest DIR --out DATASET`), then open DATASET (`factionline run --data DATASET`); "
            "or unset FACTIONLINE_ENGINE to use the in-memory model.",
            icon=":material/database:",
        )
        return None
    try:
        with opening("Opening the dataset in the engine"):
            return _open_engine(os.path.abspath(root), url_of(name), (Path(root) / MANIFEST).stat().st_mtime_ns)
    except ImportError as err:  # only opening the engine: an import error later is a bug, not a setup
        st.title("Factionline", anchor=False)
        st.error(
            f"The {name} engine is not installed ({err.name}). Install the engines extra: "
            "`pip install 'factionline[engines]'` (Spark: `factionline[spark]`).",
            icon=":material/extension_off:",
        )
    except DatasetRefused as err:
        refused(err)
    except InvalidData:
        raise
    return None


def refused(err) -> None:
    st.title("Factionline", anchor=False)
    st.error(f"The dataset was refused: {err}", icon=":material/gpp_bad:")
