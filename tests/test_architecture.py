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
    assert top == {"__init__.py", "cli.py", "paths.py", "progress.py"}, top


def test_progress_is_below_every_layer():
    """Every layer reports its long loops through components/progress.py: it imports no layer, and no
    display library at import (tqdm only when a bar is drawn)."""
    names = imports(PACKAGE / "progress.py")
    assert not [n for n in names if n.startswith(("components", "streamlit"))], names
    tree = ast.parse((PACKAGE / "progress.py").read_text(encoding="utf-8"))
    at_import = {a.name for node in tree.body if isinstance(node, ast.Import) for a in node.names}
    at_import |= {node.module for node in tree.body if isinstance(node, ast.ImportFrom)}
    assert "tqdm" in names and "tqdm" not in at_import


def test_filters_formats_and_views_are_registries():
    """The registries' shape, not their lists: adding a filter, a format or a view is one record."""
    from components.analysis.filters import FILTERS
    from components.analysis.kinds import KINDS
    from components.io.imports import FORMATS
    from components.ui.filters import WIDGETS
    from components.ui.views import PAGE_PARAMS, VIEWS

    assert set(WIDGETS) == set(KINDS)  # every kind has its widget
    params = [p for f in FILTERS.values() for p in f.params]
    assert len(params) == len(set(params)) and not set(params) & set(PAGE_PARAMS)  # one owner per parameter
    for key, flt in FILTERS.items():
        assert flt.key == key and flt.kind in KINDS and flt.label and flt.params and callable(flt.events)
        assert flt.sql is None or callable(flt.sql)
        assert flt.kind != "choices" or callable(flt.options)
    assert len({f.name for f in FORMATS.values()}) == len(FORMATS)
    for name, fmt in FORMATS.items():
        assert fmt.name == name and callable(fmt.detect) and callable(fmt.convert) and fmt.label
    labels = [v.label for v in VIEWS]
    assert len(labels) == len(set(labels)) and all(callable(v.render) for v in VIEWS)
    assert len(PAGE_PARAMS) == len(set(PAGE_PARAMS))


def test_one_dashboard_over_one_backend():
    """No second set of views: every view draws from the page's backend (analysis/backend.Backend), never
    from a Dataset or Selection handed to it (issue 24)."""
    ui = PACKAGE / "ui"
    assert not (ui / "engine_page.py").exists()
    from components.ui.views import VIEWS

    for view in VIEWS:
        source = Path(view.render.__code__.co_filename).read_text(encoding="utf-8")
        assert "page.ds" not in source and "page.sel" not in source, view.label
    tabs = [p.name for p in ui.glob("*.py") if 'key="view"' in p.read_text(encoding="utf-8")]
    assert tabs == ["app.py"], tabs  # the views' tabs are drawn in one place


def test_page_state_is_written_in_state_py_only():
    import re

    # st.session_state, or a local alias of it (ss = st.session_state), written
    writes = re.compile(r"\b(session_state|ss)\[[^\]]+\]\s*=[^=]|\b(session_state|ss)\.(pop|setdefault|update|clear)\(")
    found = [
        f"{p.relative_to(ROOT)}:{n}"
        for p in (PACKAGE / "ui").glob("*.py")
        if p.name != "state.py"
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if writes.search(line)
    ]
    assert not found, found
