"""Where events happened, for the map: each event's coordinates (its own, or its place's from places.csv)
and the selection gathered per place. Pure functions; no lookup leaves the machine."""

from __future__ import annotations

import numpy as np
import pandas as pd

from components.data.model import Dataset
from components.data.places import event_coordinates, place_table  # noqa: F401 (the map's, re-exported)

MAX_PLACES = 1_500  # places drawn at most (the most events first); the rest are counted in the caption


def main_family(counts: pd.DataFrame, type_family: dict[str, str]) -> pd.Series:
    """Per place, the family of most of its events (place, event_type, n rows in; ties: the family listed
    first in data/families.FAMILIES) — what colours its point. Memory and the engines both use it."""
    from components.data.families import FAMILIES

    if not len(counts):
        return pd.Series(dtype=object)
    fam = counts.assign(family=counts["event_type"].astype(str).map(type_family).fillna("other"))
    fam = fam.groupby(["place", "family"], as_index=False)["n"].sum()
    fam["rank"] = fam["family"].map({f: i for i, f in enumerate(FAMILIES)})
    fam = fam.sort_values(["place", "n", "rank"], ascending=[True, False, True], kind="stable")
    return fam.drop_duplicates("place").set_index("place")["family"]


def places(ds: Dataset, event_pos: np.ndarray) -> tuple[pd.DataFrame, int]:
    """The selected events gathered per place: place, lat, lon, precision, events, fatalities (NaN when the
    data has none), family (of most of its events), the busiest MAX_PLACES first; and how many selected events have no coordinates.
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
    kinds = ds.events["event_type"].to_numpy()[np.asarray(event_pos)[placed]]
    per_type = pd.DataFrame({"place": table["place"].to_numpy()[chosen[placed]], "event_type": kinds})
    out["family"] = out["place"].map(main_family(per_type.value_counts().rename("n").reset_index(), ds.type_family))
    # The busiest first, ties by name: the engines' order too (engines/sql.places)
    out = out[out["events"] > 0].sort_values(["events", "place"], ascending=[False, True], kind="stable")
    return out.head(MAX_PLACES).reset_index(drop=True), int((~placed).sum())
