"""Where each event happened, as the model knows it: its own coordinates, or its place's from places.csv,
and the dataset's places (a name, or rounded coordinates). Derived once per dataset; read by the map
(analysis/geo.py) and written at ingest for the engines (io/ingest.py)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from components.data.model import Dataset


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
