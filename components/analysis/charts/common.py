"""What every chart shares: escaping data for Plotly's labels, the factions' colours, and the data a clicked
point carries."""

from __future__ import annotations

import html

from components.data.model import Dataset

NO_FACTION_COLOUR = "#7F7F7F"
STATUS_WORDS = {"occurred": "occurred", "reported": "reported", "planned": "planned (announced, not yet happened)"}


def esc(text: object) -> str:
    """Plotly renders a subset of HTML in labels: escape data so it shows as text."""
    from components.data.safetext import visible_overrides

    return html.escape(visible_overrides(str(text)), quote=False)


def faction_colours(ds: Dataset) -> dict[str, str]:
    return ds.faction_colour | {"": NO_FACTION_COLOUR}


def point_data(customdata) -> list:
    """A clicked point's customdata as a list: the browser may send an array as an object keyed
    "0", "1", … (what Plotly's binary encoding becomes), or a lone value."""
    if isinstance(customdata, dict):
        try:
            return [customdata[k] for k in sorted(customdata, key=int)]
        except (TypeError, ValueError):
            return []
    if isinstance(customdata, (list, tuple)):
        return list(customdata)
    return [] if customdata is None else [customdata]
