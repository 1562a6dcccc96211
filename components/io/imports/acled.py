"""ACLED export CSV (31 columns) → events.

time_precision: 1 = the day is known, 2 = within a week of event_date (an interval of 3 days either
side), 3 = only the month is known. event_date as ACLED writes it (2024-02-28, or 28 February 2024
in older exports) or as spreadsheets reformat it (28-Feb-24, 28-Feb-2024, 28 Feb 2024); a two-digit
year is checked against the `year` column.
"""

from __future__ import annotations

import csv
import datetime as dt

from components.data.schema import split_list
from components.io.crosswalk import acled_candidates, is_civilians
from components.io.imports.build import (
    Builder,
    Format,
    csv_records,
    lines_of,
    one_line,
    slug,
)

COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)
# ACLED fields kept as they are, as the contract's measure columns of the same names (schema.MEASURES).
KEPT = (
    "fatalities",
    "latitude",
    "longitude",
    "geo_precision",
    "country",
    "iso",
    "admin1",
    "admin2",
    "admin3",
    "disorder_type",
    "sub_event_type",
    "inter1",
    "inter2",
    "interaction",
    "civilian_targeting",
    "source_scale",
    "tags",
)
REQUIRED = ("event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "notes")
DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%b-%y", "%d-%b-%Y", "%d %b %Y", "%d-%B-%Y", "%d-%B-%y")


def looks_like(header: list[str]) -> bool:
    return {"event_id_cnty", "event_date", "actor1"} <= {h.strip().lower() for h in header}


def parse_date(text: str, year: str = "") -> dt.date:
    text = text.strip()
    for fmt in DATE_FORMATS:
        try:
            day = dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
        if year.strip().isdigit() and day.year != int(year):
            if "%y" in fmt and day.year % 100 == int(year) % 100:
                return day.replace(year=int(year))  # a two-digit year in another century
            raise ValueError(f"event_date {text!r} is in {day.year} but the year column says {year}")
        return day
    raise ValueError(
        f"event_date {text!r} is not a date ACLED or a spreadsheet writes "
        "(e.g. 2024-02-28, 28 February 2024, 28-Feb-24)"
    )


def edtf(day: dt.date, precision: str) -> tuple[str, str]:
    """(EDTF date, how precise ACLED says it is)."""
    if precision in ("", "1"):
        return day.isoformat(), "day"
    if precision == "2":
        return (
            f"{day - dt.timedelta(days=3)}/{day + dt.timedelta(days=3)}",
            "ACLED time precision 2: within the week around this date",
        )
    if precision == "3":
        return f"{day:%Y-%m}", "ACLED time precision 3: only the month is known"
    raise ValueError(f"time_precision {precision!r} is not 1, 2 or 3")


def convert(lines, b: Builder) -> None:
    """lines: the file's lines with their endings (build.lines_of), read as they come."""
    reader = csv.reader(lines)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        raise ValueError("the file is empty") from None
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ValueError(
            f"line 1: the header lacks the ACLED column(s) {', '.join(missing)} — is this an "
            "ACLED export? Fix: export from ACLED with all columns"
        )
    col = {name: header.index(name) for name in COLUMNS if name in header}
    for where, record in csv_records(reader, b):
        if len(record) != len(header):
            b.skip(where, f"{len(record)} fields where the header has {len(header)} (a broken or cut row)")
            continue
        r = {name: record[i].strip() for name, i in col.items()}
        try:
            day = parse_date(r["event_date"], r.get("year", ""))
            date, precision_note = edtf(day, r["time_precision"])
        except ValueError as err:
            b.skip(where, str(err))
            continue
        actors, sides, roles = [], ([], []), []
        for side, column in ((0, "actor1"), (0, "assoc_actor_1"), (1, "actor2"), (1, "assoc_actor_2")):
            for name in split_list(r.get(column, "")):
                actors.append(b.actor(name, scheme="acled", kind="", role=f"ACLED {column}"))
                sides[side].append(actors[-1])
                roles.append((column, name))
        outlets = split_list(r.get("source", ""))
        sources = [b.source(name, kind="outlet") for name in outlets]
        type_id = b.event_type(
            f"acled-{slug(r['sub_event_type'] or r['event_type'])}",
            f"{r['event_type']}: {r['sub_event_type']}".strip(": "),
        )
        place = ", ".join(p for p in (r.get("location"), r.get("admin1"), r.get("country")) if p)
        who = r["actor1"] + (f" and {r['actor2']}" if r.get("actor2") else "")
        notes = one_line(r["notes"])
        details = [
            f"ACLED {r['event_id_cnty']}",
            precision_note,
            f"fatalities {r['fatalities']}" if r.get("fatalities") else "",
            f"sources: {r['source']}" if r.get("source") else "",
            f"source scale: {r['source_scale']}" if r.get("source_scale") else "",
            f"disorder type: {r['disorder_type']}" if r.get("disorder_type") else "",
        ]
        b.event(
            where,
            event_id=r["event_id_cnty"] or where,
            date=date,
            date_text=f"{r['event_date']} (ACLED)",
            status="occurred",
            event_type=type_id,
            title=f"{r['sub_event_type'] or r['event_type']}: {who}"
            + (f" in {r['location']}" if r.get("location") else ""),
            summary=notes,
            location=place,
            actor_ids=actors,
            evidence=notes or f"ACLED record {r['event_id_cnty']}: {', '.join(record)}",
            reported_by=sources[0] if sources else "",
            note="; ".join(d for d in details if d) + ".",
            published=_published(r.get("timestamp", ""), day),
            measures={k: r[k] for k in KEPT if k in r},
            side_a=sides[0],
            side_b=sides[1],
            # ACLED: actor1 and actor2 "do not imply directionality" — except that civilians targeted are the
            # target (civilian_targeting names actor2's civilians as such)
            direction="directed" if r.get("civilian_targeting") else "undirected",
            actor_roles=roles,
        )


def _header(first_line: str) -> list[str]:
    return next(csv.reader([first_line]), [])


FORMAT = Format(
    "acled",
    "an ACLED export CSV",
    "ACLED",
    "https://acleddata.com/",
    ("csv", "txt"),
    detect=lambda name, first: looks_like(_header(first)),
    convert=lambda name, data, b: convert(lines_of(data, name), b),
    candidates=acled_candidates,
    terms="ACLED's data are used under its Terms of Use and Attribution Policy (acleddata.com): every use names "
    "ACLED as the source — “Armed Conflict Location & Event Data Project (ACLED); www.acleddata.com” — with the "
    "date the data were accessed; redistributing the data itself is limited by those terms.",
    never_faction=lambda name: "civilians: never a faction" if is_civilians(name) else "",
    becomes="dates as ACLED writes them or as spreadsheets reformat them; time_precision 1 → the day, "
    "2 → the week around it (an interval), 3 → the month; actor1, assoc_actor_1, actor2, "
    "assoc_actor_2 → actors (named through the crosswalk and ACLED's naming rules) and two sides, actor1 "
    "with assoc_actor_1 (side A) and actor2 with assoc_actor_2 (side B), undirected (ACLED's order does not "
    "say who acted) except where civilians were targeted (side A acted on them), each actor's ACLED role "
    "and name kept in actor_roles; timestamp → the record's own report date; source → outlets (one with "
    "the base's outlet of the same name); "
    "notes → summary and evidence; event type and sub-event type → event types; fatalities, coordinates "
    "and geo_precision, country/iso, admin1–3, disorder and sub-event type, inter codes, interaction, "
    "civilian targeting, source scale and tags → the same-named columns",
)


def _published(timestamp: str, day: dt.date) -> str:
    """The record's report date: ACLED's timestamp (its last update, Unix seconds), never before the event's
    day (a timestamp earlier than the event it describes is a slip, and would date the report before it)."""
    try:
        stamped = dt.datetime.fromtimestamp(int(timestamp), dt.UTC).date()
    except (ValueError, OverflowError, OSError):
        stamped = day
    return max(stamped, day).isoformat()
