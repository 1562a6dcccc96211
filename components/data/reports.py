"""An event told by several reports: its status and date derived from them, and how many first publishers
stand behind it.

An event's own row (article_id, evidence, date, date_text, status, reported_by) is its first report;
reports.csv adds the others. The rule, applied when an event has reports beyond its own row:

- reports are ordered by their article's publication date (then the event's row first, then file order);
- **status**: the latest report's status wins (a meeting *planned* on 28 Feb and reported *occurred* on
  1 Mar is occurred; the planned report stays in its history);
- **date**: taken from the reports of that status. When their dates overlap they agree, and the most
  precise one wins ("on Thursday" narrows "this week"); when they do not overlap, the reports contradict
  each other: the latest report's date stands, the event is marked `date_conflict` and its details list
  every report's date;
- **corroboration** (`n_sources`): the number of distinct first publishers among its reports — a report's
  reported_by, else the first outlet its chain names as publisher, else its article's outlet — so that
  relays of one agency count once. `n_reports` counts the reports.

The grades (Admiralty scale) of an event's reports are kept as a bit mask (`grades`): bit i for the i-th
reliability letter of a report's first publisher, bit 6 + j for the j-th credibility digit of a report.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from components.data import chains
from components.data.schema import CREDIBILITY, RELIABILITY, STATUSES
from components.data.vector import blank, position_in, strings

REPORT_COLUMNS = (
    "report_id",
    "event_id",
    "article_id",
    "evidence",
    "date",
    "date_text",
    "status",
    "reported_by",
    "chain",
    "credibility",
    "note",
    "source_url",
)


def first_publishers(frame: pd.DataFrame, article_source: pd.Series, outlets: set[str]) -> pa.Array:
    """Per report row: the source id of its first publisher (see the module's rule), as Arrow strings."""
    origin = strings(frame["reported_by"]).cast(pa.large_string())
    missing = blank(origin)
    if "chain" in frame.columns and missing.any():
        chain = frame["chain"]
        has_chain = missing & ~blank(chain)
        if has_chain.any():
            values = origin.to_numpy(zero_copy_only=False).astype(object)
            cells = chain.to_numpy(dtype=object)[has_chain]
            named = {c: chains.first_publisher(chains.parse(c), outlets) for c in pd.unique(cells)}
            values[has_chain] = [named[c] for c in cells]
            origin = pa.array(values, pa.large_string())
            missing = blank(origin)
    if missing.any():
        at = position_in(frame["article_id"], article_source.index.to_numpy(dtype=object))
        sources = pa.array(np.append(article_source.to_numpy(dtype=object), ""), pa.large_string())
        origin = pc.if_else(
            pa.array(missing), pc.take(sources, pa.array(np.where(at >= 0, at, len(article_source)))), origin
        )
    return origin


def grade_bits(origins, credibility, reliability: dict[str, str]) -> np.ndarray:
    """Per row: the bit mask of its first publisher's reliability and its own credibility."""
    bits = np.zeros(len(origins), dtype=np.uint16)
    if reliability:
        graded = list(reliability)
        at = position_in(origins, graded)
        letters = np.array([reliability[g] for g in graded] + [""], dtype=object)[np.where(at >= 0, at, len(graded))]
        for i, letter in enumerate(RELIABILITY):
            bits[letters == letter] |= np.uint16(1 << i)
    if credibility is not None:
        digit = position_in(pc.utf8_trim_whitespace(strings(credibility)), list(CREDIBILITY))
        for j in range(len(CREDIBILITY)):
            bits[digit == j] |= np.uint16(1 << (6 + j))
    return bits


@dataclass(frozen=True)
class Derived:
    """What derive() found: every report of the events told by more than their own row, as positions
    (`own` True: the event's row, `row` its position; else `row` is a row of reports.csv), sorted by
    event then publication; and the event rows whose date the reports changed."""

    reports: pd.DataFrame  # event_row, own, row, start, end, published, status, first_publisher
    changed_dates: np.ndarray  # event rows whose date now comes from a report
    own_words: pd.DataFrame  # date, date_text of each told event's own row (its `row` when own), as written


def derive(
    events: pd.DataFrame, reports: pd.DataFrame | None, dates: dict, articles, sources, at_event=None
) -> Derived | None:
    """Set each event's derived status, date and date_text (in place, on the unsorted events frame, before
    its date columns are built) and add n_reports, n_sources, date_conflict and, when the data grades its
    sources, grades. Array work only: a million events with 300,000 reports take well under a second."""
    outlets = set(sources["source_id"])
    article_source = pd.Series(
        articles["source_id"].to_numpy(dtype=object), index=articles["article_id"].to_numpy(dtype=object)
    )
    article_source = article_source[~article_source.index.duplicated()]
    reliability = {}
    if "reliability" in sources.columns:
        reliability = {s: g.strip() for s, g in zip(sources["source_id"], sources["reliability"]) if g.strip()}
    graded = bool(reliability) or any(
        "credibility" in f.columns and (~blank(f["credibility"])).any() for f in (events, reports) if f is not None
    )

    n = len(events)
    events["n_reports"] = np.ones(n, dtype=np.int16)
    events["n_sources"] = np.ones(n, dtype=np.int16)
    events["date_conflict"] = np.zeros(n, dtype=bool)
    if graded:
        events["grades"] = grade_bits(
            first_publishers(events, article_source, outlets), events.get("credibility"), reliability
        )
    if reports is None or not len(reports):
        return None
    if at_event is None:  # the load pipeline hands over the lookup its checks made
        at_event = position_in(reports["event_id"], events["event_id"])
    mine = np.flatnonzero(at_event >= 0)  # a report of an unknown event is reported by validation
    if not len(mine):
        return None
    told = np.flatnonzero(np.bincount(at_event[mine], minlength=n))
    k, m = len(told), len(mine)

    # One row per report: the told events' own rows first, then reports.csv's.
    own = np.r_[np.ones(k, dtype=bool), np.zeros(m, dtype=bool)]
    row = np.r_[told, mine]
    event_row = np.r_[told, at_event[mine]]
    pe, pr = dates[("events", "date")], dates[("reports", "date")]
    start = np.r_[pe.rows("start")[told], pr.rows("start")[mine]].astype("datetime64[s]")
    end = np.r_[pe.rows("end")[told], pr.rows("end")[mine]].astype("datetime64[s]")
    columns = ("reported_by", "article_id", "chain", "credibility", "date", "date_text", "status")
    flat = {}  # a million-row Parquet column comes in chunks: Arrow's take would join them on each call
    part = pd.DataFrame({c: _both(events, told, reports, mine, c, flat) for c in columns}, copy=False)
    status = position_in(part["status"], list(STATUSES))
    published = _published(articles, dates)
    at = position_in(part["article_id"], articles["article_id"])
    pub = np.where(at >= 0, published[np.maximum(at, 0)], np.datetime64("NaT"))
    publisher = first_publishers(part, article_source, outlets)

    # Order: event, publication (unknown first), the event's own row, then file order.
    pub_key = pub.astype(np.int64)  # NaT: the smallest int64
    order = np.lexsort((row, ~own, pub_key, event_row))
    event_row, own, row, start, end, status, pub = (a[order] for a in (event_row, own, row, start, end, status, pub))
    publisher = pc.take(publisher, pa.array(order))
    first = np.r_[True, event_row[1:] != event_row[:-1]]
    group = np.cumsum(first) - 1  # 0 … k-1, one per told event in event_row order
    last = np.r_[first[1:], True]
    final = status[last][group]
    same = status == final
    # Agreement among the reports of the final status: the latest start before the earliest end.
    # Per event (its rows are contiguous): reductions over the rows of the final status only.
    starts = np.flatnonzero(first)
    big, small = np.iinfo(np.int64).max, np.iinfo(np.int64).min
    s_int, e_int = start.astype(np.int64), end.astype(np.int64)  # NaT is the smallest int64
    s_int = np.where(np.isnat(start), big, s_int)  # an unreadable date never agrees
    e_int = np.where(np.isnat(end), small, e_int)
    max_start = np.maximum.reduceat(np.where(same, s_int, small), starts)
    min_end = np.minimum.reduceat(np.where(same, e_int, big), starts)
    agree = max_start <= min_end
    width = (end - start).astype("timedelta64[s]").astype(np.int64)
    last_same = np.maximum.reduceat(np.where(same, np.arange(len(same)), -1), starts)
    is_last_same = np.zeros(len(same), dtype=bool)
    is_last_same[last_same] = True
    score = np.where(agree[group], width, np.where(is_last_same, 0, 1))
    score = np.where(same, score, np.iinfo(np.int64).max)
    idx = np.arange(len(score))
    pick = np.lexsort((-idx, score, group))
    chosen = pick[np.r_[True, group[pick][1:] != group[pick][:-1]]]  # one per group, in group order
    target = event_row[chosen]
    from_report = ~own[chosen]
    # Text columns: the chosen report's values where it is a report of reports.csv.
    changed = target[from_report]
    picked = order[chosen][from_report]  # rows of `part` holding the chosen reports of reports.csv
    by_row = np.argsort(changed, kind="stable")  # replace_with_mask fills the masked cells in row order
    changed, picked = changed[by_row], picked[by_row]
    mask = np.zeros(n, dtype=bool)
    moved = changed[:0]  # rows whose date now differs
    for column in ("date", "date_text", "status"):
        new = pc.take(strings(part[column]), pa.array(picked)).cast(pa.large_string())
        values = flat.get(("events", column))
        if values is None:
            values = strings(events[column]).cast(pa.large_string())
            values = values.combine_chunks() if isinstance(values, pa.ChunkedArray) else values
        same = pc.equal(pc.take(values, pa.array(changed)), new).to_numpy(zero_copy_only=False)
        if same.all():
            continue  # every chosen report words it as the event's own row does
        if column == "date":
            moved = changed[~same]
        mask[:] = False
        mask[changed] = True
        new = new.combine_chunks() if isinstance(new, pa.ChunkedArray) else new
        events[column] = pd.Series(pc.replace_with_mask(values, pa.array(mask), new), index=events.index, dtype="str")
    conflict = np.zeros(n, dtype=bool)
    conflict[event_row[first][~agree]] = True
    events["date_conflict"] = conflict
    counts = np.bincount(event_row, minlength=n)
    events["n_reports"] = np.maximum(counts, 1).astype(np.int16)
    codes = pc.dictionary_encode(publisher)
    codes = codes.combine_chunks() if isinstance(codes, pa.ChunkedArray) else codes
    known = ~blank(publisher)
    key = np.sort(
        event_row[known].astype(np.int64) * (len(codes.dictionary) + 1)
        + codes.indices.to_numpy(zero_copy_only=False)[known]
    )
    key = key[np.r_[True, key[1:] != key[:-1]]] if len(key) else key
    n_sources = np.bincount(key // (len(codes.dictionary) + 1), minlength=n)
    events["n_sources"] = np.where(counts > 0, np.maximum(n_sources, 1), 1).astype(np.int16)
    if graded:
        credibility = pa.chunked_array([pc.take(strings(part["credibility"]), pa.array(order))])
        bits = grade_bits(publisher, credibility, reliability)
        mask = events["grades"].to_numpy().copy()
        mask[event_row[starts]] |= np.bitwise_or.reduceat(bits, starts)  # rows of an event are contiguous
        events["grades"] = mask
    # The told events' own dates as written (their row now holds the derived ones); an own report's `row`
    # becomes its place in this small table.
    own_words = pd.DataFrame({c: part[c].iloc[:k].reset_index(drop=True) for c in ("date", "date_text")})
    own_index = np.zeros(n, dtype=np.int64)
    own_index[told] = np.arange(k)
    row = np.where(own, own_index[np.where(own, row, 0)], row)  # (a report's row may exceed the events')
    frame = pd.DataFrame(
        {
            "event_row": event_row,
            "own": own,
            "row": row.astype(np.int32),
            "start": start,
            "end": end,
            "published": pub.astype("datetime64[s]"),
            "status": pd.Categorical.from_codes(np.maximum(status, 0), list(STATUSES)),
            "first_publisher": pd.Series(publisher, dtype="str").astype("category"),  # a few outlets
        }
    )
    return Derived(frame, moved, own_words)


def _both(events: pd.DataFrame, told, reports: pd.DataFrame, mine, column: str, flat: dict) -> pd.Series:
    """A column of the told events' own rows followed by the reports' rows (blank where a table lacks it)."""
    parts = []
    for name, frame, at in (("events", events, told), ("reports", reports, mine)):
        if column in frame.columns:
            values = strings(frame[column]).cast(pa.large_string())
            if isinstance(values, pa.ChunkedArray):
                values = values.combine_chunks()
            flat[(name, column)] = values
            part = pc.take(values, pa.array(at))
            parts.append(part.combine_chunks() if isinstance(part, pa.ChunkedArray) else part)
        else:
            parts.append(pa.array([""] * len(at), pa.large_string()))
    return pd.Series(pa.concat_arrays(parts), dtype="str")


def _published(articles: pd.DataFrame, dates: dict) -> np.ndarray:
    parsed = dates.get(("articles", "published_on"))
    if parsed is None:
        return np.full(len(articles), np.datetime64("NaT"), dtype="datetime64[s]")
    return parsed.rows("start").astype("datetime64[s]")
