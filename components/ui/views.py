"""The dashboard's views (its tabs), in order: one record each, for every backend. Adding a view is adding
one record here and its render function, which receives the page: the backend (analysis/backend.Backend:
the in-memory model or an engine), the filter state and the selection's counts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from components.analysis.backend import Backend
from components.analysis.query import Filters
from components.ui import about, acted, compare, placemap, story, table, timeline, together, workspace


@dataclass(frozen=True)
class Page:
    """What every view draws from (shared, read-only)."""

    backend: Backend
    filters: Filters
    counts: dict  # the selection's events, actors and quotes (None where a backend does not count them)

    @property
    def lookups(self):
        return self.backend.lookups


@dataclass(frozen=True)
class View:
    label: str
    render: Callable[[Page], None]
    params: tuple[str, ...] = ()  # the URL parameters its own widgets are bound to


VIEWS: tuple[View, ...] = (
    View("Timeline", timeline.view, timeline.PARAMS),
    View("Map", placemap.view),
    View("Who meets whom", together.view, together.PARAMS),
    View("Who acted on whom", acted.view, acted.PARAMS),
    View("Compare", compare.view, compare.PARAMS),
    View("Table & downloads", table.view, table.PARAMS),
    View("About this data", about.view),
)

# The page's own URL parameters: the open tab (`view`), the version a link pins (ui/workspace), story mode
# (ui/story) and each view's. The URL state keeps them and reads only the filters'.
PAGE_PARAMS: tuple[str, ...] = ("view", *workspace.PARAMS, *story.PARAMS, *(p for v in VIEWS for p in v.params))
