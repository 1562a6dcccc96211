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

import numpy as np
import pandas as pd

from components.data import chains
from components.data.schema import CREDIBILITY, RELIABILITY
from components.data.vector import blank, position_in

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


def first_publishers(frame: pd.DataFrame, article_source: pd.Series, outlets: set[str]) -> np.ndarray:
    """Per report row: the source id of its first publisher (see the module's rule)."""
    origin = frame["reported_by"].to_numpy(dtype=object).copy()
    missing = blank(frame["reported_by"])
    if "chain" in frame.columns and missing.any():
        chain = frame["chain"].to_numpy(dtype=object)
        has_chain = missing & ~blank(frame["chain"])
        if has_chain.any():
            named = {c: chains.first_publisher(chains.parse(c), outlets) for c in pd.unique(chain[has_chain])}
            origin[has_chain] = [named[c] for c in chain[has_chain]]
            missing = blank(pd.Series(origin, dtype="str"))
    if missing.any():
        origin[missing] = article_source.reindex(frame["article_id"].to_numpy()[missing]).fillna("").to_numpy()
    return origin


def grade_bits(origins: np.ndarray, credibility: pd.Series | None, reliability: dict[str, str]) -> np.ndarray:
    """Per row: the bit mask of its first publisher's reliability and its own credibility."""
    bits = np.zeros(len(origins), dtype=np.uint16)
    if reliability:
        letters = pd.Series(origins, dtype=object).map(reliability).fillna("").to_numpy(dtype=object)
        for i, letter in enumerate(RELIABILITY):
            bits[letters == letter] |= np.uint16(1 << i)
    if credibility is not None:
        digits = credibility.astype("str").str.strip().to_numpy(dtype=object)
        for j, digit in enumerate(CREDIBILITY):
            bits[digits == digit] |= np.uint16(1 << (6 + j))
    return bits


def derive(events: pd.DataFrame, reports: pd.DataFrame | None, dates: dict, articles, sources) -> pd.DataFrame | None:
    """Set each event's derived status and date (in place, on the unsorted events frame, before its date
    columns are built) and add n_reports, n_sources, date_conflict and, when the data grades its sources,
    grades. Returns every report of the events that have reports beyond their own row (their own row
    included, `implied`), or None when there are none."""
    outlets = set(sources["source_id"])
    article_source = pd.Series(articles["source_id"].to_numpy(), index=articles["article_id"].to_numpy())
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
        origins = first_publishers(events, article_source, outlets)
        events["grades"] = grade_bits(origins, events.get("credibility"), reliability)
    if reports is None or not len(reports):
        return None

    row = position_in(reports["event_id"], events["event_id"])
    keep = np.flatnonzero(row >= 0)  # an unknown event is reported by validation
    reports, row = reports.iloc[keep], row[keep]
    if not len(reports):
        return None
    told = np.unique(row)
    own = events.iloc[told]
    parsed_event, parsed_report = dates[("events", "date")], dates[("reports", "date")]
    frame = pd.concat(
        [
            _report_frame(own, own["event_id"], told, parsed_event, told, implied=True),
            _report_frame(reports, reports["report_id"], row, parsed_report, keep, implied=False),
        ],
        ignore_index=True,
    )
    published = _published(articles, dates)
    at = position_in(frame["article_id"], articles["article_id"])
    frame["published"] = np.where(at >= 0, published[np.maximum(at, 0)], np.datetime64("NaT"))
    frame["first_publisher"] = first_publishers(frame, article_source, outlets)
    # Order: event, publication (unknown first), the event's row, then file order.
    pub = frame["published"].to_numpy().astype("datetime64[s]").astype(np.int64)  # NaT: the smallest int64
    order = np.lexsort((np.arange(len(frame)), ~frame["implied"].to_numpy(), pub, frame["row"].to_numpy()))
    frame = frame.take(order).reset_index(drop=True)

    r = frame["row"].to_numpy()
    last = np.r_[r[1:] != r[:-1], True]
    final_status = pd.Series(frame["status"].to_numpy()[last], index=r[last])
    same = frame["status"].to_numpy() == final_status.reindex(r).to_numpy()
    kin = frame[same]
    g = kin.groupby("row", sort=False)
    agree = (g["start"].transform("max") <= g["end"].transform("min")).to_numpy()
    width = (kin["end"] - kin["start"]).to_numpy().astype("timedelta64[s]").astype(np.int64)
    kr = kin["row"].to_numpy()
    is_last = np.r_[kr[1:] != kr[:-1], True]
    score = np.where(agree, width, np.where(is_last, 0, 1))
    # The chosen report per event: lowest score, the latest among equals.
    pick = np.lexsort((-np.arange(len(kin)), score, kr))
    first_of = np.r_[True, kr[pick][1:] != kr[pick][:-1]]
    chosen = kin.iloc[pick[first_of]]
    rows = chosen["row"].to_numpy()
    for column in ("date", "date_text", "status"):
        values = events[column].to_numpy(dtype=object).copy()
        values[rows] = chosen[column].to_numpy(dtype=object)
        events[column] = pd.Series(values, index=events.index, dtype="str")
    conflict = events["date_conflict"].to_numpy().copy()
    conflict[kr[~agree]] = True
    events["date_conflict"] = conflict
    counts = np.bincount(r, minlength=n)
    events["n_reports"] = np.maximum(counts, 1).astype(np.int16)
    distinct = frame[frame["first_publisher"] != ""].drop_duplicates(["row", "first_publisher"])
    n_sources = np.bincount(distinct["row"].to_numpy(), minlength=n)
    events["n_sources"] = np.where(counts > 0, np.maximum(n_sources, 1), 1).astype(np.int16)
    if graded:
        bits = grade_bits(frame["first_publisher"].to_numpy(dtype=object), frame.get("credibility"), reliability)
        mask = events["grades"].to_numpy().copy()
        np.bitwise_or.at(mask, r, bits)
        events["grades"] = mask
    return frame.drop(columns=["row"])


def _report_frame(frame, ids, rows, parsed, parsed_rows, implied: bool) -> pd.DataFrame:
    out = pd.DataFrame({"report_id": ids.to_numpy(dtype=object)})
    for column in REPORT_COLUMNS[1:]:
        known = column in frame.columns and not (implied and column == "note")  # events.note is about the event
        out[column] = frame[column].to_numpy(dtype=object) if known else ""
    out["row"] = rows
    out["implied"] = implied
    out["start"] = parsed.rows("start")[parsed_rows].astype("datetime64[s]")
    out["end"] = parsed.rows("end")[parsed_rows].astype("datetime64[s]")
    out["date_label"] = parsed.rows("label")[parsed_rows]
    return out


def _published(articles: pd.DataFrame, dates: dict) -> np.ndarray:
    parsed = dates.get(("articles", "published_on"))
    if parsed is None:
        return np.full(len(articles), np.datetime64("NaT"), dtype="datetime64[s]")
    return parsed.rows("start").astype("datetime64[s]")
