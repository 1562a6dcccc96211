"""TimelineJS JSON, and its Google-Sheets template as CSV → events.

Dates keep their precision (a year-only slide is the year, not 1 January); an end date makes an
interval. Groups become faction lanes (through the crosswalk when it knows the name); media credits
become outlets; eras are kept as spans (event type "TimelineJS era"); the title slide names the import.
Slide HTML is reduced to its text: nothing from the file is ever rendered as HTML.
"""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser

from components.data.safetext import safe_url
from components.io.imports.build import Builder, Format, csv_records, decode, one_line, whole

CSV_HEADER = (
    "Year",
    "Month",
    "Day",
    "Time",
    "End Year",
    "End Month",
    "End Day",
    "End Time",
    "Display Date",
    "Headline",
    "Text",
    "Media",
    "Media Credit",
    "Media Caption",
    "Media Thumbnail",
    "Type",
    "Group",
    "Background",
)


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data):
        self.parts.append(data)

    def handle_starttag(self, tag, attrs):
        if tag in ("p", "br", "li", "div", "blockquote"):
            self.parts.append(" ")


def text_of(html: str) -> str:
    parser = _Text()
    parser.feed(str(html or ""))
    parser.close()
    return one_line("".join(parser.parts))


def looks_like_csv(header: list[str]) -> bool:
    return {"Year", "Headline"} <= {h.strip() for h in header}


def date_of(parts: dict) -> tuple[str, str]:
    """(EDTF, display) from TimelineJS date parts; precision is that of the parts given."""

    def num(key, lo, hi):
        value = str(parts.get(key, "") or "").strip()
        if not value:
            return None
        n = int(float(value))  # raises ValueError on junk
        if not lo <= n <= hi:
            raise ValueError(f"{key} {value!r} is out of range")
        return n

    year = num("year", -9999, 9999)
    if year is None:
        raise ValueError("the slide has no year")
    if year < 1:
        raise ValueError(f"year {year} is before 1 CE, which the timeline cannot draw")
    month, day = num("month", 1, 12), num("day", 1, 31)
    if month is None:
        return f"{year:04d}", f"{year}"
    if day is None:
        return f"{year:04d}-{month:02d}", f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}", f"{year:04d}-{month:02d}-{day:02d}"


def _add(b: Builder, where: str, slide: dict, era: bool = False) -> None:
    try:
        start, shown = date_of(slide.get("start_date") or {})
        end_parts = slide.get("end_date") or {}
        date = start
        if any(str(v).strip() for k, v in end_parts.items() if k in ("year", "month", "day")):
            end, end_shown = date_of(end_parts)
            date, shown = (f"{start}/{end}", f"{shown} – {end_shown}") if end != start else (start, shown)
    except (ValueError, TypeError) as err:
        b.skip(where, f"unusable date: {err}")
        return
    text = slide.get("text") or {}
    headline, body = text_of(text.get("headline", "")), text_of(text.get("text", ""))
    media = slide.get("media") or {}
    credit = text_of(media.get("credit", ""))
    group = one_line(str(slide.get("group") or ""))
    actor = (
        b.actor(group, scheme="name", role="TimelineJS group", own_lane=True)
        if group
        else b.actor("Slides without a group", scheme="name")
    )
    source = b.source(credit, kind="media credit") if credit else ""
    url = str(media.get("url", "") or "").strip()
    caption = text_of(media.get("caption", ""))
    display = text_of(slide.get("display_date") or (slide.get("start_date") or {}).get("display_date") or "")
    evidence = one_line(f"{headline}. {body}" if headline and body else headline or body)
    if era:
        type_id = b.event_type("timelinejs-era", "TimelineJS era (a span named in the timeline)")
    else:
        type_id = b.event_type("timelinejs-slide", "TimelineJS slide")
    b.event(
        where,
        event_id=str(slide.get("unique_id") or where.replace(" ", "-")),
        date=date,
        date_text=display or shown,
        status="occurred",
        event_type=type_id,
        title=("Era: " if era else "") + (headline or body[:120] or "(untitled slide)"),
        summary=body,
        location=text_of((slide.get("location") or {}).get("name", ""))
        if isinstance(slide.get("location"), dict)
        else "",
        actor_ids=[actor],
        evidence=evidence or f"(slide with no text, dated {shown})",
        reported_by=source,
        source_url=safe_url(url) or "",
        note="; ".join(
            p for p in (f"media caption: {caption}" if caption else "", f"media: {url}" if url else "") if p
        ),
    )


def convert_json(text: str, b: Builder) -> None:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise ValueError(f"line {err.lineno}: not valid JSON ({err.msg})") from None
    if not isinstance(data, dict) or not isinstance(data.get("events"), list):
        raise ValueError('line 1: a TimelineJS file is an object with an "events" list')
    title = data.get("title") or {}
    b.title = text_of((title.get("text") or {}).get("headline", "")) if isinstance(title, dict) else ""
    for i, slide in enumerate(data["events"]):
        if not isinstance(slide, dict):
            b.skip(f"events[{i}]", "not an object")
            continue
        _add(b, f"events[{i}]", slide)
    for i, era in enumerate(data.get("eras") or []):
        if isinstance(era, dict):
            _add(b, f"eras[{i}]", era, era=True)
        else:
            b.skip(f"eras[{i}]", "not an object")


def convert_csv(text: str, b: Builder) -> None:
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [h.strip() for h in next(reader, [])]
    missing = [c for c in ("Year", "Headline", "Text") if c not in header]
    if missing:
        raise ValueError(f"line 1: the header lacks {', '.join(missing)} — is this the TimelineJS template?")
    for where, record in csv_records(reader, b):
        r = dict(zip(header, record + [""] * (len(header) - len(record))))
        kind = r.get("Type", "").strip().lower()
        if kind == "title":
            b.title = text_of(r.get("Headline", ""))
            b.skip(where, "title slide: its headline names the import, it is not an event")
            continue
        slide = {
            "start_date": {"year": r.get("Year"), "month": r.get("Month"), "day": r.get("Day")},
            "end_date": {"year": r.get("End Year"), "month": r.get("End Month"), "day": r.get("End Day")},
            "display_date": r.get("Display Date"),
            "group": r.get("Group"),
            "text": {"headline": r.get("Headline"), "text": r.get("Text")},
            "media": {"url": r.get("Media"), "credit": r.get("Media Credit"), "caption": r.get("Media Caption")},
        }
        _add(b, where, slide, era=kind == "era")


def _convert(name: str, data, b: Builder) -> None:
    text = decode(whole(data), name)
    if text.lstrip().startswith("{"):
        convert_json(text, b)
    else:
        convert_csv(text, b)


FORMAT = Format(
    "timelinejs",
    "a TimelineJS JSON or template CSV",
    "TimelineJS",
    "https://timeline.knightlab.com/",
    ("json", "csv"),
    detect=lambda name, first: name.endswith(".json") or looks_like_csv(next(csv.reader([first]), [])),
    terms="A TimelineJS file's content belongs to its authors: credit them as the file does.",
    convert=_convert,
    becomes="dates keep their precision (a year-only slide is the year); end dates make intervals; groups "
    "become faction lanes; media credits become outlets; eras are kept as spans; slide HTML is "
    "reduced to text",
)
