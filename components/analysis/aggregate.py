"""Counts per faction lane and time bucket, straight from row positions (no per-event frames).

This is what the timeline draws when a selection is too large for one mark per event, and what
the counts-over-time view draws at every size: its size depends on lanes x buckets, never on N.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from components.data.model import Dataset

NO_FACTION = "No faction"
# (name, numpy unit, days) from fine to coarse; the first giving at most MAX_BUCKETS buckets is used.
BUCKETS = [("day", "D", 1), ("week", "W", 7), ("month", "M", 30.4), ("quarter", "Q", 91.3), ("year", "Y", 365.25)]
MAX_BUCKETS = 160
# Cells the counts-mode heat strip draws at most: each is an SVG shape, and the browser's time to draw
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


def daily(first: np.ndarray, last: np.ndarray) -> pd.DataFrame:
    """Events per first day (days since 1970: day, n) with the latest last day of those events (hi, the same
    unit) — what the engines answer in one scan, made here from row arrays (datetime64[D])."""
    if not len(first):
        return pd.DataFrame({"day": np.array([], np.int64), "n": np.array([], np.int64), "hi": np.array([], np.int64)})
    d, e = first.astype(np.int64), last.astype(np.int64)
    if len(d) > 1 and not (d[1:] >= d[:-1]).all():  # the model keeps date order: sorting is rarely needed
        order = np.argsort(d, kind="stable")
        d, e = d[order], e[order]
    starts = np.flatnonzero(np.r_[True, d[1:] != d[:-1]])
    n = np.diff(np.r_[starts, len(d)])
    return pd.DataFrame({"day": d[starts], "n": n, "hi": np.maximum.reduceat(e, starts)})


def focus_days(first: np.ndarray, last: np.ndarray) -> tuple[np.datetime64, np.datetime64, int]:
    """focus() of events with these first and last days (datetime64[D])."""
    return focus(daily(first, last))


def focus(days) -> tuple[np.datetime64, np.datetime64, int]:
    """(first day, last day) worth showing of a selection given per first day (backend.days: day, n, hi in
    days since 1970), and how many events lie before it: a few early events separated by a gap of most of the
    span (the 2007 split beside a 2024 export) would squash the rest into a sliver, so the view starts after
    the gap. The one definition for the timeline's marks and its heat strip, in memory and on the engines: at
    most OUTLIERS of the events (at least one) are left before the view."""
    if not len(days):
        today = np.datetime64("today", "D")
        return today, today, 0
    day = days["day"].to_numpy().astype(np.int64)
    order = np.argsort(day, kind="stable")
    day, n, hi = day[order], days["n"].to_numpy()[order], days["hi"].to_numpy().astype(np.int64)[order]
    lo, top = day[0], int(hi.max())
    if len(day) >= 3:
        reach = np.maximum.accumulate(hi)  # the latest last day of the events so far
        counts = np.cumsum(n)  # events starting up to each day
        gaps = day[1:] - day[:-1]
        i = int(gaps.argmax())
        before = int(counts[i])
        span = top - lo + 1
        if gaps[i] > 0.6 * span and before <= max(1, int(counts[-1] * OUTLIERS)) and reach[i] < day[i + 1]:
            return np.datetime64(int(day[i + 1]), "D"), np.datetime64(top, "D"), before
    return np.datetime64(int(lo), "D"), np.datetime64(top, "D"), 0


OUTLIERS = 0.01  # the share of a selection the view may leave before it, as "a lone early event"


def bucket_for(first: np.datetime64, last: np.datetime64, n_lanes: int) -> str:
    """The finest bucket for this range whose cells (lanes x buckets) the chart can draw quickly."""
    days = int((last - first).astype(np.int64)) + 1
    names = [name for name, _, _ in BUCKETS]
    for name, _, size in BUCKETS[names.index(choose_bucket(first, last)) :]:
        if max(n_lanes, 1) * (days / size + 1) <= MAX_BUBBLES:
            return name
    return "year"


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
    ds: Dataset,
    event_pos: np.ndarray,
    only: tuple[str, ...] = (),
    bucket: str | None = None,
    weights: np.ndarray | None = None,
) -> LaneCounts:
    """Events per (faction lane, time bucket) by start date; an event counts once in each of its lanes.
    With weights (one number per event of ds, NaN for none), their sums instead of counts."""
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
    if only:  # a lookup per lane number: np.isin would sort two million pairs
        chosen_lane = np.zeros(len(factions) + 1, dtype=bool)
        chosen_lane[[factions.index(f) for f in only if f in factions]] = True
        keep &= chosen_lane[lane]
    event_bucket = _event_buckets(ds, bucket)
    lanes_idx = lane[keep]
    times = event_bucket[pair_pos[keep]]
    if len(times) == 0:
        return LaneCounts(
            [], bucket, np.array([], "datetime64[D]"), np.array([], "datetime64[D]"), np.zeros((0, 0), np.int64)
        )
    t0, t1 = times.min(), times.max()
    width = int(t1 - t0 + 1)
    w = None if weights is None else np.nan_to_num(weights[pair_pos[keep]])
    grid = np.bincount(lanes_idx * width + (times - t0), weights=w, minlength=(len(factions) + 1) * width)
    if weights is None:
        present_in = grid
    else:
        present_in = np.bincount(lanes_idx * width + (times - t0), minlength=(len(factions) + 1) * width)
        grid = np.round(grid).astype(np.int64)
    grid = grid.reshape(len(factions) + 1, width)
    present = np.flatnonzero(present_in.reshape(len(factions) + 1, width).sum(axis=1))
    names = list(ds.factions["name"]) + [NO_FACTION]
    ids = factions + [""]
    b_start, b_end = _bucket_bounds(np.arange(t0, t1 + 1), bucket)
    return LaneCounts([(ids[i], names[i]) for i in present], bucket, b_start, b_end, grid[present])
