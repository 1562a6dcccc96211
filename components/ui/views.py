"""The dashboard's views (its tabs), in order: one record each, for every backend. Adding a view is adding
one record here and its render function, which receives the page: the backend (backends/base.Backend:
the in-memory model or an engine), the filter state and the selection's counts. A view declares the questions
of the data it asks (`asks`: names of analysis/questions.QUESTIONS); the architecture test holds it to them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from components.analysis.query import Filters
from components.backends.base import Backend
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
    asks: tuple[str, ...] = ()  # the questions of the data it asks (backend.ask), by name


VIEWS: tuple[View, ...] = (
    View("Timeline", timeline.view, timeline.PARAMS, timeline.ASKS),
    View("Map", placemap.view, asks=placemap.ASKS),
    View("Who meets whom", together.view, together.PARAMS, together.ASKS),
    View("Who acted on whom", acted.view, acted.PARAMS, acted.ASKS),
    View("Compare", compare.view, compare.PARAMS, compare.ASKS),
    View("Table & downloads", table.view, table.PARAMS),
    View("About this data", about.view),
)

# The page's own URL parameters: the open tab (`view`), the version a link pins (ui/workspace), story mode
# (ui/story) and each view's. The URL state keeps them and reads only the filters'.
PAGE_PARAMS: tuple[str, ...] = ("view", *workspace.PARAMS, *story.PARAMS, *(p for v in VIEWS for p in v.params))
