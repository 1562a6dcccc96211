"""Where events happened, for the map: each event's coordinates (its own, or its place's from places.csv)
and the selection gathered per place. Pure functions; no lookup leaves the machine."""

from __future__ import annotations

import numpy as np
import pandas as pd

from components.data.model import Dataset

MAX_PLACES = 1_500  # places drawn at most (the most events first); the rest are counted in the caption


def event_coordinates(ds: Dataset) -> pd.DataFrame:
    """Per event (aligned with ds.events): lat, lon, precision (1 the place, 2 nearby, 3 region; NaN:
    not placed) and how it was placed ("data" or "places.csv"). Computed once per dataset."""

    def make():
        lat, lon = ds.number("latitude").copy(), ds.number("longitude").copy()
        precision = ds.number("geo_precision").copy()
        how = np.where(np.isfinite(lat) & np.isfinite(lon), "data", "")
        precision[(how == "data") & ~np.isfinite(precision)] = 1
        places = ds.places
        if places is not None and len(places) and "location" in ds.events.columns:
            table = places.assign(key=places["place"].str.strip().str.lower()).drop_duplicates("key").set_index("key")
            key = ds.events["location"].astype("str").str.strip().str.lower()
            missing = how == ""
            found = key.map(table["latitude"]).notna().to_numpy() & missing
            if found.any():
                lat[found] = pd.to_numeric(key[found].map(table["latitude"])).to_numpy()
                lon[found] = pd.to_numeric(key[found].map(table["longitude"])).to_numpy()
                precision[found] = pd.to_numeric(key[found].map(table["geo_precision"])).to_numpy()
                how = np.where(found, "places.csv", how)
        return pd.DataFrame({"lat": lat, "lon": lon, "precision": precision, "how": how})

    return ds.memo("coordinates", make)


def place_table(ds: Dataset) -> tuple[np.ndarray, pd.DataFrame]:
    """Per dataset, once: each event's place code (-1: no coordinates) and per place its name, median
    coordinates and median precision. A place is a named location; events with coordinates but no
    name are placed by their coordinates (rounded to 0.001°)."""

    def make():
        coords = event_coordinates(ds)
        lat, lon = coords["lat"].to_numpy(), coords["lon"].to_numpy()
        placed = np.isfinite(lat) & np.isfinite(lon)
        if "location" in ds.events.columns:
            name = ds.events["location"].astype("str").str.strip().to_numpy(dtype=object)
        else:
            name = np.full(len(lat), "", dtype=object)
        unnamed = placed & (name == "")
        if unnamed.any():
            name = name.copy()
            name[unnamed] = [f"{a:.3f}, {b:.3f}" for a, b in zip(lat[unnamed], lon[unnamed])]
        codes = np.full(len(lat), -1, dtype=np.int64)
        found, uniques = pd.factorize(name[placed])
        codes[placed] = found
        table = (
            pd.DataFrame(
                {
                    "code": found,
                    "lat": lat[placed],
                    "lon": lon[placed],
                    "precision": coords["precision"].to_numpy()[placed],
                }
            )
            .groupby("code")
            .median()
            .reindex(range(len(uniques)))
        )
        table.insert(0, "place", np.asarray(uniques, dtype=object))
        return codes, table.reset_index(drop=True)

    return ds.memo("place-table", make)


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
    out = out[out["events"] > 0].sort_values("events", ascending=False, kind="stable")
    return out.head(MAX_PLACES).reset_index(drop=True), int((~placed).sum())
