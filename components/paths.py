"""Where the package's own files are — the bundled data, resources and the app script — in a source
checkout (or editable install) and in an installed wheel alike."""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
RESOURCES = PACKAGE / "resources"
# The script `factionline run` hands to Streamlit: it ships inside the package, so an ordinary
# `pip install .` can run the app (dashboard.py, beside the package, is the same wiring for a checkout).
APP = PACKAGE / "ui" / "streamlit_app.py"
# A wheel carries the repository's data/ as components/bundled_data and .streamlit/config.toml as
# components/hosting/config.toml (pyproject.toml's package-dir).
_INSTALLED_DATA = PACKAGE / "bundled_data"
_CHECKOUT_DATA = PACKAGE.parent / "data"
_INSTALLED_CONFIG = PACKAGE / "hosting" / "config.toml"
_CHECKOUT_CONFIG = PACKAGE.parent / ".streamlit" / "config.toml"


def bundled_data() -> Path:
    """The bundled, curated data directory (read-only: nothing writes into it)."""
    return _INSTALLED_DATA if _INSTALLED_DATA.is_dir() else _CHECKOUT_DATA


def streamlit_config() -> Path:
    """The hardened Streamlit settings (.streamlit/config.toml of the repository)."""
    return _INSTALLED_CONFIG if _INSTALLED_CONFIG.is_file() else _CHECKOUT_CONFIG
