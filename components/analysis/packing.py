"""Where each mark of the event timeline sits: lanes split into rows so that no two marks (or their
labels) overlap, whatever the density. Pure layout, no drawing.

Marks are packed greedily in date order into the first row of their lane where they fit; a lane has at
a share of a budget of rows (lanes that need more get more, none fewer than a few), and what does not fit joins a *crowd* — one mark per lane and day saying how many
events it holds, which lists them when clicked. Nothing is hidden under another mark.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

import numpy as np
import pandas as pd

DAY = pd.Timedelta(days=1)
PLOT_PX = 600  # the plot's width assumed when sizing marks in time (the chart column of a 1280-1440 px window)
MARK_PX = 16  # a day mark and the gap after it
CHAR_PX = 6.4  # an average character of a label at 11 px
VAGUE_DAYS = 8  # a span longer than a week (ACLED's "within the week" is 7 days) says little about when
PAD = 0.3  # of a row, below the last row of a lane
HEAD = 0.75  # of a row, above the first: the lane's name


@dataclass(frozen=True)
class Packed:
    rows: pd.DataFrame  # lane rows: + x (where the mark sits), row (-1: in a crowd), y, label_left
    crowds: pd.DataFrame  # lane, faction_id, day, n, y, ids
    lanes: list[str]  # top to bottom
    bands: list[tuple[float, float]]  # (top, bottom) y of each lane
    height_rows: float  # y extent of all lanes


def label_text(title: str, limit: int = 34) -> str:
    title = " ".join(str(title).split())
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"


def pack(
    rows: pd.DataFrame,
    lanes: list[str],
    view: tuple[pd.Timestamp, pd.Timestamp],
    labels: bool,
    budget: int,
    least: int = 3,
) -> Packed:
    """rows: lane rows (lane, faction_id, start, end, precision, title, event_id); view: the x range shown
    first. With labels, each mark reserves room for its label after it."""
    rows = rows.copy()
    span = max(view[1] - view[0], DAY)
    px = span / PLOT_PX  # time per pixel
    is_day = (rows["precision"] == "day").to_numpy()
    start = rows["start"].to_numpy(dtype="datetime64[ns]")
    end = rows["end"].to_numpy(dtype="datetime64[ns]") + np.timedelta64(1, "D")  # the last day is in
    noon = start + np.timedelta64(12, "h")
    rows["x"] = np.where(is_day, noon, start)
    mark = np.timedelta64(int(MARK_PX * px.value), "ns")
    left = np.where(is_day, noon - mark // 2, start)
    right = np.where(is_day, noon + mark // 2, np.maximum(end, start + mark))
    # A label runs right of its mark, or left of it in the last third of the view (not off the edge).
    late = np.where(is_day, noon, start) > np.datetime64(view[0] + (view[1] - view[0]) * 0.68)
    rows["label_left"] = late
    anchor = np.where(is_day, noon, np.where(late, end, start))  # a span's label: from its first or last day
    rows["label_x"] = anchor
    if labels:
        width = np.array([len(label_text(t)) for t in rows["title"]]) * CHAR_PX + 10
        reach = (width * px.value).astype("timedelta64[ns]")
        left_labels = rows["label_left"].to_numpy()
        left = np.where(left_labels, np.minimum(left, anchor - reach - mark // 2), left)
        right = np.where(left_labels, right, np.maximum(right, anchor + mark // 2 + reach))
        left = np.where(left_labels & ~is_day, np.minimum(left, end - reach), left)
    lane_no = pd.Categorical(rows["lane"], categories=lanes).codes
    # Day marks are placed first, then short intervals, then vague spans: when a lane is full, what joins
    # a crowd is the least precise.
    days = (end - start) / np.timedelta64(1, "D")
    rank = np.where(is_day, 0, np.where(days <= VAGUE_DAYS, 1, 2))
    order = np.lexsort((start, rank, lane_no))
    lefts, rights = left.astype(np.int64), right.astype(np.int64)
    # First with no limit, to learn how many rows each lane would need; then within each lane's share.
    need = _place(order, lane_no, lefts, rights, {}, budget)[1]  # no lane can have more than the budget
    caps = shares({k: len(v) for k, v in need.items()}, budget, least)
    row_of, lane_rows = _place(order, lane_no, lefts, rights, caps, budget)
    rows["row"] = row_of

    # Crowds: one per lane and day of the marks with no row (grouped on one integer key: fast).
    out = np.flatnonzero(row_of < 0)
    # A crowd stands on its marks' first day in view (a month that began before the view: its first day).
    seen_from = np.maximum(start[out], np.datetime64(pd.Timestamp(view[0]).ceil("D"), "ns"))
    day_no = seen_from.astype("datetime64[D]").astype(np.int64)
    key = lane_no[out].astype(np.int64) * 1_000_000 + (day_no - (day_no.min() if len(out) else 0))
    keys, first, inverse, counts = np.unique(key, return_index=True, return_inverse=True, return_counts=True)
    ids = rows["event_id"].to_numpy(dtype=object)[out]
    members = np.argsort(inverse, kind="stable")
    splits = np.split(ids[members], np.cumsum(counts)[:-1]) if len(out) else []
    crowds = pd.DataFrame(
        {
            "lane": rows["lane"].to_numpy(dtype=object)[out[first]],
            "faction_id": rows["faction_id"].to_numpy(dtype=object)[out[first]],
            "day": pd.to_datetime(seen_from[first]).floor("D"),
            "n": counts.astype(np.int64),
            "ids": [list(x) for x in splits],
        }
    )
    bands, y0 = [], 0.0
    tops = {}
    for k, lane in enumerate(lanes):
        used = len(lane_rows.get(k, [])) + (1 if (crowds["lane"] == lane).any() else 0)
        height = max(used, 1) + HEAD + PAD
        bands.append((y0, y0 + height))
        tops[lane] = y0
        y0 += height
    rows["y"] = rows["lane"].map(tops).astype(float) + HEAD + 0.5 + rows["row"].clip(lower=0)
    if len(crowds):
        crowds["y"] = [tops[lane] + HEAD + 0.5 + len(lane_rows.get(lanes.index(lane), [])) for lane in crowds["lane"]]
    else:
        crowds["y"] = pd.Series(dtype=float)
    return Packed(rows, crowds, lanes, bands, y0)


def _place(order, lane_no, lefts, rights, caps: dict[int, int], default: int):
    """Greedy placement in order: each mark into the first row of its lane where it overlaps nothing, a
    new row while the lane's cap (or the default) allows, else no row (-1: a crowd)."""
    row_of = np.full(len(lefts), -1, dtype=np.int64)
    lane_rows: dict[int, list[list]] = {}  # lane -> rows -> sorted (left, right) intervals taken
    for i in order:
        lane = int(lane_no[i])
        taken = lane_rows.setdefault(lane, [])
        a, b = lefts[i], rights[i]
        for r, intervals in enumerate(taken):
            k = bisect.bisect_left(intervals, (a, a))
            if (k == 0 or intervals[k - 1][1] <= a) and (k == len(intervals) or intervals[k][0] >= b):
                intervals.insert(k, (a, b))
                row_of[i] = r
                break
        else:
            if len(taken) < caps.get(lane, default):
                taken.append([(a, b)])
                row_of[i] = len(taken) - 1
    return row_of, lane_rows


def shares(need: dict[int, int], budget: int, least: int) -> dict[int, int]:
    """Rows per lane: what each needs when all fit the budget, else an equal cap c (the largest with
    sum(min(need, c)) within the budget, at least `least`): small lanes keep all their rows."""
    if sum(need.values()) <= budget:
        return dict(need)
    cap = least
    while sum(min(n, cap + 1) for n in need.values()) <= budget:
        cap += 1
    return {k: min(n, cap) for k, n in need.items()}
