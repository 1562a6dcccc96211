"""The package's layers: the core never imports streamlit, and no layer imports one above it."""

import ast
from pathlib import Path

from .conftest import ROOT

PACKAGE = ROOT / "components"
# The layers, lowest first: a layer imports only the layers before it (and components/paths.py and progress.py,
# below them all) — never one after it, so no two layers import each other. Issue 40: analysis no longer
# imports the engines (the backends, above both, join them).
LAYERS = ("data", "drafting", "analysis", "store", "engines", "io", "backends", "ui", "cli")
STREAMLIT_IN = ("ui", "cli")  # the core never imports streamlit
BASE = ("components.paths", "components.progress")


def imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def layer_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if parts[0] == "components" and len(parts) > 1 and parts[1] in LAYERS else None


def module_of(path: Path) -> str:
    name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
    return name.removesuffix(".__init__")


def test_layers_import_only_below_them():
    """Every import, at the top of a module or inside a function, goes down the layers (or stays in one)."""
    broken = []
    for path in PACKAGE.rglob("*.py"):
        here = layer_of(module_of(path))
        allowed = LAYERS[: LAYERS.index(here) + 1] if here else ()
        for name in imports(path):
            there = layer_of(name)
            if there and there not in allowed:
                broken.append(f"{path.relative_to(ROOT)} ({here}) imports {name} ({there}), a layer above it")
            if name.startswith(BASE) and module_of(path).startswith(BASE):
                continue
            if (name == "streamlit" or name.startswith("streamlit.")) and here not in STREAMLIT_IN:
                broken.append(f"{path.relative_to(ROOT)} imports streamlit")
    assert not broken, broken
    every = {p.name for p in PACKAGE.iterdir() if p.is_dir() and any(p.glob("*.py"))}
    assert every == set(LAYERS) - {"cli"}, every  # every package is placed in the order


def _graph() -> dict[str, set[str]]:
    """Module -> the package's modules it imports (inside functions too: an import hidden in a function is
    still an edge). `from package import module` counts as importing the module."""
    modules = {module_of(p): p for p in PACKAGE.rglob("*.py")}
    graph = {}
    for name, path in modules.items():
        edges = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                edges |= {a.name for a in node.names if a.name in modules}
            elif isinstance(node, ast.ImportFrom) and node.module in modules:
                sub = {f"{node.module}.{a.name}" for a in node.names} & set(modules)
                edges |= sub or {node.module}
        graph[name] = edges - {name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan): each is an import circle."""
    index, low, stack, on, found = {}, {}, [], set(), []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_no_import_circle():
    """Issue 40: analysis/aggregate.py, backend.py and compare.py imported each other inside functions."""
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]  # the check finds one
    found = cycles(_graph())
    assert not found, found


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
    """No second set of views: every view draws from the page's backend (backends/base.Backend), never
    from a Dataset or Selection handed to it (issue 24); no view asks which backend it is (issue 40)."""
    ui = PACKAGE / "ui"
    assert not (ui / "engine_page.py").exists()
    from components.ui.views import VIEWS

    for view in VIEWS:
        source = Path(view.render.__code__.co_filename).read_text(encoding="utf-8")
        assert "page.ds" not in source and "page.sel" not in source, view.label
    named = [p.name for p in ui.glob("*.py") if "backend.name" in p.read_text(encoding="utf-8")]
    assert not named, named  # views ask capabilities (backend.capabilities, supports), never a name
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


def test_views_ask_only_the_questions_they_declare():
    """A view declares its questions of the data (View.asks, names of QUESTIONS); what its module asks is
    declared, and what it declares exists."""
    import re

    from components.analysis.questions import QUESTIONS
    from components.ui.views import VIEWS

    for view in VIEWS:
        source = Path(view.render.__code__.co_filename).read_text(encoding="utf-8")
        asked = set(re.findall(r"\.ask\(\s*\"(\w+)\"", source))
        assert set(view.asks) <= set(QUESTIONS), view.label
        assert asked <= set(view.asks), (view.label, asked - set(view.asks))


def test_a_backend_missing_part_of_the_interface_cannot_be_made():
    import pytest

    from components.backends.base import Backend
    from components.backends.memory import Memory

    class Half(Backend):  # answers questions, and nothing else
        def answer(self, q, f, params):
            return None

    with pytest.raises(TypeError, match="abstract"):
        Half()
    assert issubclass(Memory, Backend)
