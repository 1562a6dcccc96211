"""The dashboard's views (its tabs), in order: one record each. Adding a view is adding one record
here and its render function, which receives the page: the dataset, the selection, its lane counts
and the filter state."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from components.analysis.aggregate import LaneCounts
from components.analysis.query import Filters, Selection
from components.data.model import Dataset
from components.ui import about, compare, placemap, table, timeline, together


@dataclass(frozen=True)
class Page:
    """What every view draws from (shared, read-only)."""

    ds: Dataset
    sel: Selection
    lanes: LaneCounts
    filters: Filters


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
