"""Counts per faction lane and time bucket, straight from row positions (no per-event frames).

This is what the timeline draws when a selection is too large for one mark per event, and what
the counts-over-time view draws at every size: its size depends on lanes x buckets, never on N.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from components.data.model import Dataset

NO_FACTION = "No faction"
# (name, numpy unit, days) from fine to coarse; the first giving at most MAX_BUCKETS buckets is used.
BUCKETS = [("day", "D", 1), ("week", "W", 7), ("month", "M", 30.4), ("quarter", "Q", 91.3), ("year", "Y", 365.25)]
MAX_BUCKETS = 160
# Bubbles the counts-mode timeline draws at most: each is an SVG shape, and the browser's time to draw
# the chart grows with them (2,556 bubbles: ~0.8 s in headless Chromium; ~900: ~0.3 s).
MAX_BUBBLES = 1_000


@dataclass(frozen=True)
class LaneCounts:
    lanes: list[tuple[str, str]]  # (faction_id or "", lane name), top to bottom
    bucket: str  # day | week | month | quarter | year
    starts: np.ndarray  # datetime64[D]: first day of each bucket
    ends: np.ndarray  # datetime64[D]: last day of each bucket
    counts: np.ndarray  # int64, lanes x buckets

    @property
    def total(self) -> int:
        return int(self.counts.sum())


def choose_bucket(first: np.datetime64, last: np.datetime64) -> str:
    days = (last - first).astype("timedelta64[D]").astype(int) + 1
    for name, _, size in BUCKETS:
        if days / size <= MAX_BUCKETS:
            return name
    return "year"


def coarser_for_bubbles(lc: LaneCounts) -> str | None:
    """A coarser bucket when lanes x buckets would draw more than MAX_BUBBLES, else None."""
    if len(lc.lanes) * len(lc.starts) <= MAX_BUBBLES or not len(lc.starts):
        return None
    days = int((lc.ends[-1] - lc.starts[0]).astype(int)) + 1
    names = [name for name, _, _ in BUCKETS]
    for name, _, size in BUCKETS[names.index(lc.bucket) + 1 :]:
        if len(lc.lanes) * (days / size + 1) <= MAX_BUBBLES:
            return name
    return "year" if lc.bucket != "year" else None


def _bucket_index(days: np.ndarray, bucket: str) -> np.ndarray:
    """Bucket number of each datetime64[D] (weeks start on Monday)."""
    if bucket == "week":
        return (days.astype("datetime64[D]").astype(np.int64) + 3) // 7  # 1970-01-01 was a Thursday
    if bucket == "quarter":
        return days.astype("datetime64[M]").astype(np.int64) // 3
    unit = {"day": "D", "month": "M", "year": "Y"}[bucket]
    return days.astype(f"datetime64[{unit}]").astype(np.int64)


def _bucket_bounds(index: np.ndarray, bucket: str) -> tuple[np.ndarray, np.ndarray]:
    if bucket == "week":
        start = (index * 7 - 3).astype("datetime64[D]")
        return start, start + np.timedelta64(6, "D")
    if bucket == "quarter":
        start = (index * 3).astype("datetime64[M]")
        return start.astype("datetime64[D]"), (start + 3).astype("datetime64[D]") - np.timedelta64(1, "D")
    unit = {"day": "D", "month": "M", "year": "Y"}[bucket]
    start = index.astype(f"datetime64[{unit}]")
    end = (start + 1).astype("datetime64[D]") - np.timedelta64(1, "D")
    return start.astype("datetime64[D]"), end


def _event_buckets(ds: Dataset, bucket: str) -> np.ndarray:
    """Bucket number of every event's start, computed once per dataset and bucket size."""
    return ds.memo(
        f"buckets-{bucket}", lambda: _bucket_index(ds.events["start"].to_numpy().astype("datetime64[D]"), bucket)
    )


def lane_counts(
    ds: Dataset, event_pos: np.ndarray, only: tuple[str, ...] = (), bucket: str | None = None
) -> LaneCounts:
    """Events per (faction lane, time bucket) by start date; an event counts once in each of its lanes."""
    n = len(ds.events)
    mask = np.zeros(n, dtype=bool)
    mask[event_pos] = True
    starts = ds.events["start"].to_numpy().astype("datetime64[D]")
    chosen = starts[event_pos]
    if bucket is None:
        bucket = choose_bucket(chosen.min(), chosen.max()) if len(chosen) else "month"
    factions = list(ds.factions["faction_id"])
    pair_pos, lane = ds.lane_pairs()  # lane len(factions): "No faction"
    keep = mask[pair_pos]
    if only:
        keep &= np.isin(lane, [factions.index(f) for f in only if f in factions])
    event_bucket = _event_buckets(ds, bucket)
    lanes_idx = lane[keep]
    times = event_bucket[pair_pos[keep]]
    if len(times) == 0:
        return LaneCounts(
            [], bucket, np.array([], "datetime64[D]"), np.array([], "datetime64[D]"), np.zeros((0, 0), np.int64)
        )
    t0, t1 = times.min(), times.max()
    width = int(t1 - t0 + 1)
    grid = np.bincount(lanes_idx * width + (times - t0), minlength=(len(factions) + 1) * width)
    grid = grid.reshape(len(factions) + 1, width)
    present = np.flatnonzero(grid.sum(axis=1))
    names = list(ds.factions["name"]) + [NO_FACTION]
    ids = factions + [""]
    b_start, b_end = _bucket_bounds(np.arange(t0, t1 + 1), bucket)
    return LaneCounts([(ids[i], names[i]) for i in present], bucket, b_start, b_end, grid[present])
