"""The package's layers: the core never imports streamlit, and no layer imports one above it."""

import ast
from pathlib import Path

from .conftest import ROOT

PACKAGE = ROOT / "components"
ABOVE = {  # a layer may not import these
    "data": ("streamlit", "components.analysis", "components.io", "components.ui", "components.cli"),
    "analysis": ("streamlit", "components.io", "components.ui", "components.cli"),
    "io": ("streamlit", "components.analysis", "components.ui", "components.cli"),
    "drafting": (
        "streamlit",
        "components.analysis",
        "components.io",
        "components.store",
        "components.ui",
        "components.cli",
    ),
    # the store: the working copy and versions, over the data model and the drafting core
    "store": ("streamlit", "components.analysis", "components.io", "components.ui", "components.cli"),
    # the engines compile the analysis layer's filter records for SQL engines
    "engines": ("streamlit", "components.ui", "components.cli", "components.store"),
}


def imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_layers_import_only_below_them():
    broken = []
    for layer, forbidden in ABOVE.items():
        for path in (PACKAGE / layer).rglob("*.py"):
            bad = [n for n in imports(path) if n.startswith(forbidden)]
            broken += [f"{path.relative_to(ROOT)} imports {n}" for n in bad]
    assert not broken, broken


def test_every_module_is_in_a_layer():
    top = {p.name for p in PACKAGE.glob("*.py")}
    assert top == {"__init__.py", "cli.py", "paths.py"}, top


def test_filters_formats_and_views_are_registries():
    from components.analysis.filters import FILTERS
    from components.io.imports import FORMATS
    from components.ui.views import VIEWS

    assert list(FILTERS) == [
        "factions",
        "together",
        "actors",
        "dates",
        "types",
        "statuses",
        "min_sources",
        "grades",
        "regions",
        "subtypes",
        "places",
        "q",
    ]
    assert list(FORMATS) == ["gdelt", "acled", "timelinejs", "table"]
    assert [v.label for v in VIEWS] == [
        "Timeline",
        "Map",
        "Who meets whom",
        "Compare",
        "Table & downloads",
        "About this data",
    ]
