"""Where each mark of the event timeline sits: lanes split into rows so that no two marks, "+N" boxes or labels
overlap, whatever the density. Pure layout, no drawing.

Every box is measured in pixels of the narrowest plot the chart is drawn in (a phone's, MIN_PLOT_PX): a wider
plot only spreads them further apart, and zooming in too. Marks are packed greedily in date order into the
first row of their lane where they fit; a lane has a share of a budget of rows (lanes that need more get
more, none fewer than a few), and what does not fit joins a *crowd*: a "+N" box in the lane's last row that
lists its events when clicked. A crowd holds a lane's left-over events of one day, or of several days when
their boxes would touch (a count per span of days: the view aggregates before it overlaps). Labels come last,
only where their whole text fits beside their mark in its row (the selected event's first); the rest have
their hover.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

import numpy as np
import pandas as pd

DAY = pd.Timedelta(days=1)
MIN_PLOT_PX = 330  # the narrowest plot the timeline is drawn in (390 px phone, less page and plot margins)
MARK_PX = 20  # a mark (12 px, or up to 22 sized by fatalities: its own size + 6) and the gap around it
CHAR_PX = 7.0  # a label character at 11 px, generously (measured in Chromium: 5.6-6.6 on average)
CROWD_CHAR_PX = 6.6  # a "+N" character at 10 px
CROWD_MARK_PX = 14
GAP_PX = 4  # between a mark and its label, and between boxes
VAGUE_DAYS = 8  # a span longer than a week (ACLED's "within the week" is 7 days) says little about when
PAD = 0.3  # of a row, below the last row of a lane
HEAD = 0.75  # of a row, above the first: the lane's name


@dataclass(frozen=True)
class Packed:
    rows: pd.DataFrame  # lane rows: + x (where the mark sits), row (-1: in a crowd), y, label, label_left
    crowds: pd.DataFrame  # lane, faction_id, day, last_day, n, ids, y
    lanes: list[str]  # top to bottom
    bands: list[tuple[float, float]]  # (top, bottom) y of each lane
    height_rows: float  # y extent of all lanes


def label_text(title: str, limit: int = 34) -> str:
    title = " ".join(str(title).split())
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"


def crowd_text(n: int) -> str:
    return f"+{n:,}"


def pack(
    rows: pd.DataFrame,
    lanes: list[str],
    view: tuple[pd.Timestamp, pd.Timestamp],
    labels: bool,
    budget: int,
    least: int = 3,
    selected: str | None = None,
    plot_px: int = MIN_PLOT_PX,
    reserve: bool = False,
) -> Packed:
    """rows: lane rows (lane, faction_id, start, end, precision, event_id, and `label` when labelled; `size`,
    a mark's pixels, when sized); view: the x range shown first. With labels, each mark whose label fits
    beside it in its row gets it (`label` kept, else emptied); the selected event's label is placed first. With
    `reserve` (few marks), each mark is packed with its label's room, so that every label can be drawn."""
    rows = rows.copy()
    span = max(view[1] - view[0], DAY)
    ns_px = span.value / plot_px  # nanoseconds per pixel
    is_day = (rows["precision"] == "day").to_numpy()
    start = rows["start"].to_numpy(dtype="datetime64[ns]").astype(np.int64)
    end = rows["end"].to_numpy(dtype="datetime64[ns]").astype(np.int64) + DAY.value  # the last day is in
    noon = start + DAY.value // 2
    rows["x"] = pd.to_datetime(np.where(is_day, noon, start))
    size = rows["size"].to_numpy(dtype=float) if "size" in rows else np.full(len(rows), 12.0)
    half = ((np.maximum(size + 6, MARK_PX)) / 2 * ns_px).astype(np.int64)
    left = np.where(is_day, noon - half, start)
    right = np.where(is_day, noon + half, np.maximum(end, start + 2 * half))
    if labels and reserve and "label" in rows:  # few marks: each reserves its label's room, right or left of it
        width = (rows["label"].astype(str).str.len().to_numpy() * CHAR_PX + GAP_PX * 2) * ns_px
        lo, hi = pd.Timestamp(view[0]).value, pd.Timestamp(view[1]).value
        at = np.where(is_day, noon + half, start)
        on_left = (at + width > hi) & (np.where(is_day, noon - half, end) - width >= lo)
        left = np.where(on_left, np.minimum(left, np.where(is_day, noon - half, end) - width), left).astype(np.int64)
        right = np.where(on_left, right, np.maximum(right, at + width)).astype(np.int64)
    lane_no = pd.Categorical(rows["lane"], categories=lanes).codes
    # Day marks are placed first, then short intervals, then vague spans: when a lane is full, what joins
    # a crowd is the least precise.
    days = (end - start) / DAY.value
    rank = np.where(is_day, 0, np.where(days <= VAGUE_DAYS, 1, 2))
    order = np.lexsort((start, rank, lane_no))
    # First with no limit, to learn how many rows each lane would need; then within each lane's share.
    need = _place(order, lane_no, left, right, {}, budget)[1]  # no lane can have more than the budget
    caps = shares({k: len(v) for k, v in need.items()}, budget, least)
    row_of, lane_rows = _place(order, lane_no, left, right, caps, budget)
    rows["row"] = row_of
    crowds = _crowds(rows, lane_no, start, row_of, view, ns_px)

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
    if labels and "label" in rows:
        _labels(rows, lane_no, lane_rows, is_day, start, end, noon, size, view, ns_px, selected)
    else:
        rows["label"] = ""
        rows["label_left"] = False
        rows["label_x"] = rows["x"]
    return Packed(rows, crowds, lanes, bands, y0)


def _crowds(rows, lane_no, start, row_of, view, ns_px) -> pd.DataFrame:
    """The marks with no row, one "+N" box per lane and run of days whose boxes would touch."""
    out = np.flatnonzero(row_of < 0)
    # A crowd stands on its marks' first day in view (a month that began before the view: its first day).
    first_in_view = pd.Timestamp(view[0]).ceil("D").value
    day_no = np.maximum(start[out], first_in_view) // DAY.value
    lanes_out = lane_no[out]
    order = np.lexsort((day_no, lanes_out))
    records = []  # [lane code, first day, last day, [positions]]
    for i in order:
        lane, day = int(lanes_out[i]), int(day_no[i])
        if records and records[-1][0] == lane:
            last = records[-1]
            if day == last[2]:
                last[3].append(out[i])
                continue
            # The open box: from its first day's noon, its square and its "+N" text (a larger N: wider).
            reach = (CROWD_MARK_PX / 2 + GAP_PX + len(crowd_text(len(last[3]) + 1)) * CROWD_CHAR_PX + GAP_PX) * ns_px
            if (day - last[1]) * DAY.value < reach + CROWD_MARK_PX / 2 * ns_px:
                last[2] = day
                last[3].append(out[i])
                continue
        records.append([lane, day, day, [out[i]]])
    ids = rows["event_id"].to_numpy(dtype=object)
    lane_names = rows["lane"].to_numpy(dtype=object)
    factions = rows["faction_id"].to_numpy(dtype=object)
    firsts = [r[3][0] for r in records]
    return pd.DataFrame(
        {
            "lane": lane_names[firsts] if records else [],
            "faction_id": factions[firsts] if records else [],
            "day": pd.to_datetime([r[1] * DAY.value for r in records]),
            "last_day": pd.to_datetime([r[2] * DAY.value for r in records]),
            "n": np.array([len(r[3]) for r in records], dtype=np.int64),
            "ids": [list(ids[r[3]]) for r in records],
        }
    )


def _labels(rows, lane_no, lane_rows, is_day, start, end, noon, size, view, ns_px, selected) -> None:
    """Each mark's label where its whole text fits beside it in its row (right of the mark, or left of it),
    inside the view; the selected event's first, then in date order. A span's label sits on its own bar."""
    text = rows["label"].astype(str).to_numpy(dtype=object)
    row_of = rows["row"].to_numpy()
    lo, hi = pd.Timestamp(view[0]).value, pd.Timestamp(view[1]).value
    ids = rows["event_id"].to_numpy(dtype=object)
    first = np.flatnonzero(ids == selected) if selected is not None else np.zeros(0, dtype=np.int64)
    rest = np.flatnonzero(ids != selected)
    order = np.concatenate([first, rest[np.argsort(start[rest], kind="stable")]])
    kept = np.full(len(rows), "", dtype=object)
    at = start.copy()
    left_side = np.zeros(len(rows), dtype=bool)
    for i in order:
        if row_of[i] < 0 or not text[i]:
            continue
        taken = lane_rows[int(lane_no[i])][int(row_of[i])]
        width = len(text[i]) * CHAR_PX * ns_px
        if is_day[i]:
            own = (size[i] / 2 + GAP_PX) * ns_px
            spots = ((noon[i] + own, noon[i] + own + width, False), (noon[i] - own - width, noon[i] - own, True))
        else:  # over its own bar, from its first day in view (or back from its last)
            a, b = max(start[i], lo), min(end[i], hi)
            spots = ((a, a + width, False), (b - width, b, True))
        for a, b, on_left in spots:
            a, b = int(a), int(b)
            if a < lo or b > hi:
                continue
            if _free(taken, a, b, int(i)):
                bisect.insort(taken, (a, b, int(i)))
                kept[i], left_side[i], at[i] = text[i], on_left, b if on_left else a
                break
    rows["label"] = kept
    rows["label_left"] = left_side
    rows["label_x"] = pd.to_datetime(at)  # where a span's label is anchored (its left or right end)


def _free(intervals: list, a: int, b: int, owner: int) -> bool:
    """No interval of the row but the mark's own meets [a, b). A row's intervals are disjoint but for a
    label on its own bar: looking a few back from where [a, b) would go is enough."""
    k = bisect.bisect_left(intervals, (a, a, -1))
    for x0, x1, who in intervals[max(k - 3, 0) :]:
        if x0 >= b:
            break
        if x1 > a and who != owner:
            return False
    return True


def _place(order, lane_no, lefts, rights, caps: dict[int, int], default: int):
    """Greedy placement in order: each mark into the first row of its lane where it overlaps nothing, a
    new row while the lane's cap (or the default) allows, else no row (-1: a crowd)."""
    row_of = np.full(len(lefts), -1, dtype=np.int64)
    lane_rows: dict[int, list[list]] = {}  # lane -> rows -> sorted (left, right, mark) intervals taken
    for i in order:
        lane = int(lane_no[i])
        taken = lane_rows.setdefault(lane, [])
        a, b = int(lefts[i]), int(rights[i])
        for r, intervals in enumerate(taken):
            k = bisect.bisect_left(intervals, (a, a, -1))
            if (k == 0 or intervals[k - 1][1] <= a) and (k == len(intervals) or intervals[k][0] >= b):
                intervals.insert(k, (a, b, int(i)))
                row_of[i] = r
                break
        else:
            if len(taken) < caps.get(lane, default):
                taken.append([(a, b, int(i))])
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
