"""The dashboard's views (its tabs), in order: one record each, for every backend. Adding a view is adding
one record here and its render function, which receives the page: the backend (analysis/backend.Backend:
the in-memory model or an engine), the filter state and the selection's counts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from components.analysis.backend import Backend
from components.analysis.query import Filters
from components.ui import about, compare, placemap, table, timeline, together


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


VIEWS: tuple[View, ...] = (
    View("Timeline", timeline.view),
    View("Map", placemap.view),
    View("Who meets whom", together.view),
    View("Compare", compare.view),
    View("Table & downloads", table.view),
    View("About this data", about.view),
)
