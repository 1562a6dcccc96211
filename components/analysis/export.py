"""Exports of exactly the filtered selection: the contract's columns as CSV or JSON, and TimelineJS JSON."""

from __future__ import annotations

import csv
import html
import json
import re

import numpy as np
import pandas as pd

from components.data.reports import REPORT_COLUMNS
from components.data.safetext import safe_url
from components.data.schema import OPTIONAL_COLUMNS, TABLES


def _columns(frame: pd.DataFrame, table: str) -> list[str]:
    wanted = list(TABLES[table].columns) + list(OPTIONAL_COLUMNS.get(table, ()))
    derived = ["start", "end", "precision", "uncertain", "approximate", "date_label", "verified", "event_pos"]
    extra = [c for c in frame.columns if c not in wanted and c not in derived]
    return [c for c in wanted if c in frame.columns] + extra


def readable(ds, events: pd.DataFrame) -> pd.DataFrame:
    """The events with what an analyst reads beside the ids and the EDTF date: the first and last day
    it may fall on, and the actors' and factions' names ('; '-separated)."""
    lanes = ds.event_lanes(events.index.to_numpy())  # events' index = their positions
    lanes = lanes[lanes["faction_id"] != ""]
    names = lanes.assign(name=lanes["faction_id"].map(ds.faction_name)).groupby("event_pos")["name"].agg("; ".join)
    out = events.copy()
    out["first_day"] = events["start"].dt.strftime("%Y-%m-%d")
    out["last_day"] = events["end"].dt.strftime("%Y-%m-%d")
    out["actor_names"] = events["actor_ids"].map(lambda ids: "; ".join(ds.actor_names(ids)))
    out["faction_names"] = names.reindex(events.index, fill_value="").to_numpy()
    return out


def reports_of(ds, positions) -> pd.DataFrame:
    """Every report of the events at positions (an event's own row is its first report), in the events'
    order, with how each reached us in words (`attribution`) and its first publisher."""
    from components.analysis.provenance import attribution  # the words of the cards

    positions = np.asarray(positions, dtype=np.int64)
    frames = []
    has_more = np.zeros(len(ds.events), dtype=bool)
    if ds.has_reports:
        has_more[ds.reports["event_pos"].to_numpy()] = True
    chosen = np.zeros(len(ds.events), dtype=bool)
    chosen[positions] = True
    explicit = ds.report_records(np.flatnonzero(chosen[ds.reports["event_pos"].to_numpy()])) if ds.has_reports else None
    lone = positions[~has_more[positions]]
    if len(lone):
        e = ds.events.iloc[lone]
        frames.append(
            pd.DataFrame(
                {
                    "report_id": e["event_id"].to_numpy(dtype=object),
                    **{
                        c: e[c].astype("str").to_numpy(dtype=object)
                        for c in REPORT_COLUMNS[1:]
                        if c in e and c != "note"
                    },
                    "event_pos": lone,
                }
            )
        )
    if explicit is not None:
        frames.append(explicit.drop(columns=["start", "end", "published", "implied", "date_label"], errors="ignore"))
    if not frames:
        return pd.DataFrame(columns=list(REPORT_COLUMNS))
    out = pd.concat(frames, ignore_index=True).fillna("")
    rank = np.zeros(len(ds.events), dtype=np.int64)
    rank[positions] = np.arange(len(positions))
    out = out.iloc[np.argsort(rank[out["event_pos"].to_numpy(dtype=np.int64)], kind="stable")].reset_index(drop=True)
    if len(out) <= REPORTS_WITH_WORDS:
        out["attribution"] = [attribution(ds, r) for r in out.to_dict(orient="records")]
    return out.drop(columns=["event_pos", "first_publisher"], errors="ignore")


REPORTS_WITH_WORDS = 20_000  # rows that get the attribution in words (each a few lookups)

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # OWASP: cells a spreadsheet would run as a formula


def _inert(column: pd.Series) -> pd.Series:
    """Text cells a spreadsheet would run get a leading ' so they show as text (OWASP guidance)."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        column = column.astype("str")
    if not (column.dtype == object or isinstance(column.dtype, pd.StringDtype)):
        return column  # numbers and booleans are not formulas
    text = column.astype("str")
    return text.where(~text.str.startswith(FORMULA_START), "'" + text)


def table_csv(frame: pd.DataFrame, table: str) -> bytes:
    """CSV of the contract's columns; formula-like cells are neutralised (JSON keeps values as they are)."""
    out = frame[_columns(frame, table)].apply(_inert)
    # Every cell quoted: a cell holding a lone carriage return must not split its row.
    return out.to_csv(index=False, quoting=csv.QUOTE_ALL).encode("utf-8")


def table_json(frame: pd.DataFrame, table: str) -> bytes:
    records = frame[_columns(frame, table)].to_dict(orient="records")
    return json.dumps(records, ensure_ascii=False, indent=1).encode("utf-8")


# --- TimelineJS --------------------------------------------------------------------------------
TIMELINEJS_MAX = 2_000  # slides; TimelineJS itself becomes unusable well before this
_PARTS = re.compile(r"^(-?\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def _tl_date(edtf_side: str) -> dict:
    """TimelineJS date parts with the EDTF date's own precision (a month stays a month)."""
    m = _PARTS.match(edtf_side.strip())
    if not m:
        return {}
    year, month, day = m.groups()
    parts = {"year": str(int(year))}
    if month and int(month) <= 12:
        parts["month"] = str(int(month))
        if day and int(day) <= 31:
            parts["day"] = str(int(day))
    return parts


def _p(text: str) -> str:
    return f"<p>{html.escape(text)}</p>" if text else ""


def timelinejs(ds, events: pd.DataFrame, positions, quotes: pd.DataFrame, title: str = "Factionline export") -> bytes:
    """The events as TimelineJS JSON: one slide per event, grouped by faction lane; evidence and
    quotes as slide text, outlets as media credits. TimelineJS renders slide text as HTML, so every
    string from the data is HTML-escaped here."""
    from components.analysis.provenance import attribution, speaker_names, status_history

    lanes = ds.event_lanes(positions)
    lanes = lanes[lanes["faction_id"] != ""]
    first_faction = dict(zip(lanes["event_pos"].to_numpy()[::-1], lanes["faction_id"].to_numpy()[::-1]))
    by_event: dict[str, list[dict]] = {}
    for q in quotes.to_dict(orient="records"):
        by_event.setdefault(q.get("event_id", ""), []).append(q)
    slides = []
    for pos, e in zip(positions, events.to_dict(orient="records")):
        left, _, right = str(e["date"]).partition("/")
        outlet = ds.outlet_name(e.get("reported_by") or ds.article_outlet(e["article_id"]))
        quote_html = "".join(
            f"<blockquote>{html.escape(q['text'])}</blockquote><p>— {html.escape(speaker_names(ds, q['speaker_id']))}"
            f" ({'direct quote' if q['quote_type'] == 'direct' else 'paraphrase'}; "
            f"{html.escape(attribution(ds, q))})</p>"
            for q in by_event.get(e["event_id"], [])
        )
        history = status_history(ds, pos) if int(e.get("n_reports", 1)) > 1 else ""
        faction = first_faction.get(pos)
        slide = {
            "unique_id": str(e["event_id"]),
            # The shown date says how precise and how sure it is ("February 2024 (uncertain)").
            "start_date": _tl_date(left) | {"display_date": html.escape(str(e.get("date_label") or e["date"]))},
            "text": {
                "headline": html.escape(e["title"]),
                "text": _p(e.get("summary", ""))
                + f"<blockquote>{html.escape(e['evidence'])}</blockquote>"
                + quote_html
                + _p(f"Date as the source words it: {e['date_text']}." if e.get("date_text") else "")
                + _p(f"Status: {e['status']}. Source: {outlet}." if outlet else f"Status: {e['status']}.")
                + _p(f"Status history: {history}." if history else "")
                + _p(
                    f"Reported by {int(e['n_sources'])} independent sources in {int(e['n_reports'])} reports."
                    if int(e.get("n_reports", 1)) > 1
                    else ""
                ),
            },
            "group": html.escape(ds.faction_name.get(faction, "No faction") if faction else "No faction"),
        }
        if right:
            slide["end_date"] = _tl_date(right)
        url = e.get("source_url") or ds.article.get(e["article_id"], {}).get("url", "")
        if outlet:
            slide["media"] = {"url": safe_url(url) or "", "credit": html.escape(outlet)}
        slides.append(slide)
    data = {
        "title": {
            "text": {"headline": html.escape(title), "text": _p(f"{len(slides):,} events exported from Factionline.")}
        },
        "events": slides,
    }
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")


def story_steps(ds, story_id: str) -> pd.DataFrame:
    """A story's steps in order (step_no, event_id, event_pos, text), its title on each row; empty when
    the data has no such story."""
    if ds.stories is None:
        return pd.DataFrame(columns=["step_no", "event_id", "event_pos", "text", "title"])
    steps = ds.stories[ds.stories["story_id"] == story_id].copy()
    steps["event_pos"] = [ds.position_of(e) for e in steps["event_id"]]
    steps = steps[steps["event_pos"].notna()]
    steps["title"] = steps["title"].iloc[0] if len(steps) and steps["title"].iloc[0] else story_id
    return steps.reset_index(drop=True)


def story_timelinejs(ds, story_id: str) -> bytes:
    """A story as TimelineJS JSON: its steps in order, each slide's text the narration first, then the
    event's evidence and quotes (escaped). Each slide's group is "Step N", so the order survives
    TimelineJS's sorting by date even where two steps share a day."""
    steps = story_steps(ds, story_id)
    positions = [int(p) for p in steps["event_pos"]]
    events = ds.events.iloc[positions]
    quotes = ds.quotes[ds.quotes["event_pos"].isin(positions)]
    data = json.loads(
        timelinejs(ds, events, positions, quotes, title=str(steps["title"].iloc[0]) if len(steps) else story_id)
    )
    for i, (slide, text) in enumerate(zip(data["events"], steps["text"]), start=1):
        slide["text"]["text"] = _p(f"Step {i} of {len(steps)}. {text}") + slide["text"]["text"]
        slide["unique_id"] = f"step-{i}-{slide['unique_id']}"
    data["title"]["text"]["text"] = _p(f"A story in {len(steps)} steps, exported from Factionline.")
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
