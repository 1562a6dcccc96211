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


def places(ds: Dataset, event_pos: np.ndarray) -> tuple[pd.DataFrame, int]:
    """The selected events gathered per place (location text and rounded coordinates): lat, lon, place,
    events, fatalities (NaN when the data has none), precision (the vaguest), first event id. At most
    MAX_PLACES, the busiest; returns them and the number of events that have no coordinates."""
    coords = event_coordinates(ds).iloc[event_pos]
    placed = np.isfinite(coords["lat"].to_numpy())
    unplaced = int((~placed).sum())
    pos = np.asarray(event_pos)[placed]
    c = coords[placed]
    if "location" in ds.events.columns:
        name = ds.events["location"].to_numpy(dtype=object)[pos]
    else:
        name = np.full(len(pos), "", dtype=object)
    frame = pd.DataFrame(
        {
            "place": name,
            "lat": c["lat"].round(3).to_numpy(),
            "lon": c["lon"].round(3).to_numpy(),
            "precision": c["precision"].to_numpy(),
            "fatalities": ds.number("fatalities")[pos],
            "event_id": ds.events["event_id"].to_numpy(dtype=object)[pos],
        }
    )
    # One point per named place (its events' median coordinates); unnamed points by their coordinates.
    frame["key"] = np.where(
        frame["place"].astype(str).str.strip() != "",
        frame["place"],
        frame["lat"].astype(str) + "," + frame["lon"].astype(str),
    )
    grouped = (
        frame.groupby("key", sort=False)
        .agg(
            place=("place", "first"),
            lat=("lat", "median"),
            lon=("lon", "median"),
            events=("event_id", "size"),
            fatalities=("fatalities", "sum"),
            precision=("precision", "median"),
            first=("event_id", "first"),
        )
        .reset_index(drop=True)
        .sort_values("events", ascending=False, kind="stable")
    )
    if not ds.has_measure("fatalities"):
        grouped["fatalities"] = np.nan
    return grouped.head(MAX_PLACES).reset_index(drop=True), unplaced
