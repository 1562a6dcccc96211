"""Where events happened, for the map: each event's coordinates (its own, or its place's from places.csv)
and the selection gathered per place. Pure functions; no lookup leaves the machine."""

from __future__ import annotations

import numpy as np
import pandas as pd

from components.data.model import Dataset
from components.data.places import event_coordinates, place_table  # noqa: F401 (the map's, re-exported)

MAX_PLACES = 1_500  # places drawn at most (the most events first); the rest are counted in the caption


def places(ds: Dataset, event_pos: np.ndarray) -> tuple[pd.DataFrame, int]:
    """The selected events gathered per place: place, lat, lon, precision, events, fatalities (NaN when the
    data has none), the busiest MAX_PLACES first; and how many selected events have no coordinates.
    Per selection this is two bincounts, whatever the size of the table."""
    codes, table = place_table(ds)
    chosen = codes[np.asarray(event_pos, dtype=np.int64)]
    placed = chosen >= 0
    events = np.bincount(chosen[placed], minlength=len(table))
    out = table.assign(events=events)
    if ds.has_measure("fatalities"):
        weights = np.nan_to_num(ds.number("fatalities")[np.asarray(event_pos)[placed]])
        out["fatalities"] = np.bincount(chosen[placed], weights=weights, minlength=len(table))
    else:
        out["fatalities"] = np.nan
    # The busiest first, ties by name: the engines' order too (engines/sql.places)
    out = out[out["events"] > 0].sort_values(["events", "place"], ascending=[False, True], kind="stable")
    return out.head(MAX_PLACES).reset_index(drop=True), int((~placed).sum())
