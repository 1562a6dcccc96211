"""The engines' layout of an ingested dataset: what `factionline ingest` writes under derived/ for the analytical
engines (engines/sql.py) to query — the in-memory model's own derivations, so that no engine re-derives them.

    derived/events/part-*.parquet          one row per event: position, days, faction mask, filtered columns…
    derived/event_factions/, event_actors/ the event–faction and event–actor pairs (by position)
    derived/event_sides/                   the event–faction pairs of each side (side 0: A, 1: B)
    derived/places/                        the map's places (a name, or rounded coordinates)
    derived/factions.parquet               each faction's bit in the masks
    derived/daily.parquet                  the whole table per first day and lane (the first view scans nothing)
    derived/rollups/events.parquet         the events counted per day, masks, type and status (engines/rollups.py)
    derived/choices.json                   the filters' choices, most frequent first, and under "ranges" the
                                           most sources an event has and the grades seen (the sliders' ends)
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from components.data.places import place_table

DERIVED = "derived"  # what the analytical engines query (components/engines): the model's own derivations
MAX_LANE_BITS = 63  # factions a signed 64-bit mask holds (more: the engines join event_factions instead)
# optional event columns the filters choose from
FILTERED_COLUMNS = ("location", "admin1", "admin2", "sub_event_type", "civilian_targeting", "source_scale")
RANGES = "ranges"  # choices.json's entry of the filters' ends: no scan for them when a dataset is opened
SHOWN = ("title", "date", "date_text", "actor_ids", "article_id")  # the table's page of rows, as written


def derived(dataset, folder: Path, offset: int = 0, part: str = "part-0") -> int:
    """The validated model's derivations an engine needs, so that no engine re-derives them (one definition):
    each event's first and last day as dates and as day and month numbers, its factions as a bit mask (bit i:
    the i-th faction of derived/factions.parquet), its filterable and shown columns; its factions and actors
    as pairs. Written as `part` of each derived table, with positions from `offset`; returns the rows written."""
    ev = dataset.events
    ids = ev["event_id"].astype("str").to_numpy()
    pos = np.arange(offset, offset + len(ev), dtype=np.int64)  # the memory model's order: compared row by row
    first = ev["start"].to_numpy().astype("datetime64[D]")
    factions = list(dataset.factions["faction_id"])
    index = pd.DataFrame(
        {
            "event_id": ids,
            "pos": pos,
            "first_day": first,
            "last_day": ev["end"].to_numpy().astype("datetime64[D]"),
            "day": first.astype(np.int64).astype(np.int32),  # days since 1970-01-01: buckets without date functions
            "month": first.astype("datetime64[M]").astype(np.int64).astype(np.int32),  # months since 1970-01
            "status": ev["status"].astype("str").to_numpy(),
            "event_type": ev["event_type"].astype("str").to_numpy(),
            "n_sources": ev["n_sources"].to_numpy() if "n_sources" in ev else 1,
        }
    )
    lane_pos, lane = dataset.lane_pairs()
    side_pos, side_lane, side = dataset.side_pairs()
    if len(factions) <= MAX_LANE_BITS:  # each event's factions, and those of each side, as bit masks
        index["lanes"] = _masks(len(ev), lane_pos, lane, len(factions))
        index["lanes_a"] = _masks(len(ev), side_pos[side == 0], side_lane[side == 0], len(factions))
        index["lanes_b"] = _masks(len(ev), side_pos[side == 1], side_lane[side == 1], len(factions))
    index["directed"] = dataset.directed().astype(np.int8)  # the source says side A acted on side B
    for column in FILTERED_COLUMNS:
        if column in ev.columns:
            index[column] = ev[column].astype("str").str.strip().to_numpy()
    if "grades" in ev.columns:  # each event's reports' grades, one bit per grade (data/reports.grade_bits)
        index["grades"] = ev["grades"].to_numpy().astype(np.int64)
    for column in SHOWN:
        if column in ev.columns:
            index[column] = ev[column].astype("str").to_numpy()
    index["date_label"] = ev["date_label"].astype("str").to_numpy()
    index["search"] = dataset.event_search.to_numpy()  # what the search filter reads, lower case
    # The map: each event's place (the in-memory map's own table: a name, or rounded coordinates), and
    # its fatalities where the data has them.
    codes, places = place_table(dataset)
    names = np.asarray(places["place"], dtype=object)
    index["place_key"] = np.where(codes >= 0, names[np.maximum(codes, 0)] if len(names) else "", "")
    if dataset.has_measure("fatalities"):
        index["fatalities"] = dataset.number("fatalities")
    keep = lane < len(factions)
    ea = dataset.event_actors
    tables = {
        "events": index,
        "event_factions": pd.DataFrame(
            {"pos": lane_pos[keep] + offset, "faction_id": np.asarray(factions, dtype=object)[lane[keep]]}
        ),
        "event_actors": pd.DataFrame(
            {"pos": ea["event_pos"].to_numpy().astype(np.int64) + offset, "actor_id": ea["actor_id"].astype("str")}
        ),
        "event_sides": pd.DataFrame(
            {
                "pos": side_pos + offset,
                "faction_id": np.asarray(factions, dtype=object)[side_lane],
                "side": side.astype(np.int8),
            }
        ),
    }
    for name, frame in tables.items():
        (folder / name).mkdir(parents=True, exist_ok=True)
        frame.to_parquet(folder / name / f"{part}.parquet", index=False, row_group_size=1 << 20)
    (folder / "places").mkdir(parents=True, exist_ok=True)
    places.to_parquet(folder / "places" / f"{part}.parquet", index=False)
    pd.DataFrame({"faction_id": factions, "bit": range(len(factions))}).to_parquet(
        folder / "factions.parquet", index=False
    )
    return len(ev)


def _masks(n: int, pos: np.ndarray, lane: np.ndarray, n_factions: int) -> np.ndarray:
    """Per event, the bit mask of its lanes (bit i: the i-th faction; "No faction" has no bit)."""
    bits = np.where(lane < n_factions, np.left_shift(np.int64(1), np.minimum(lane, 62)), 0).astype(np.int64)
    masks = np.zeros(n, dtype=np.int64)
    np.bitwise_or.at(masks, pos, bits)
    return masks


def daily(dataset) -> pd.DataFrame:
    """The whole table per first day (days since 1970): events (n), the latest last day (hi), and the events
    in each faction's lane (lane_BIT, the faction's row in derived/factions.parquet) and in no faction's
    (lane_none) — what the engines' timeline shows before any filter, without a scan of the table."""
    ev = dataset.events
    day = ev["start"].to_numpy().astype("datetime64[D]").astype(np.int64)
    last = ev["end"].to_numpy().astype("datetime64[D]").astype(np.int64)
    if not len(day):
        return pd.DataFrame({"day": [], "n": [], "hi": []})
    lo = int(day.min())
    width = int(day.max()) - lo + 1
    frame = pd.DataFrame({"day": np.arange(lo, lo + width), "n": np.bincount(day - lo, minlength=width)})
    hi = np.full(width, np.iinfo(np.int64).min)
    np.maximum.at(hi, day - lo, last)
    frame["hi"] = hi
    pos, lane = dataset.lane_pairs()
    n_factions = len(dataset.factions)
    grid = np.bincount(lane * width + (day[pos] - lo), minlength=(n_factions + 1) * width).reshape(
        n_factions + 1, width
    )
    for i in range(n_factions):
        frame[f"lane_{i}"] = grid[i]
    frame["lane_none"] = grid[n_factions]
    return frame[frame["n"] > 0]


def write_daily(parts: list[pd.DataFrame], path: Path) -> None:
    frame = pd.concat(parts, ignore_index=True)
    sums = frame.drop(columns=["hi"]).groupby("day", as_index=False).sum()
    sums["hi"] = frame.groupby("day")["hi"].max().to_numpy()
    sums["hi"] = sums["hi"].astype(np.int64).astype("datetime64[D]")
    sums.to_parquet(path, index=False)
