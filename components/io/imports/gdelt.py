"""GDELT event exports (tab-separated, no header) → events. The layout is detected per row:
61 fields = GDELT 2.0; 58 = GDELT 1.0 daily files; 57 = the 1.0 historical backfile (no SOURCEURL).

The columns up to AvgTone (35) are the same in all three; 2.0 adds an ADM2Code to each of the three
geography blocks (8 fields instead of 7); DATEADDED follows, then SOURCEURL (not in the backfile).
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from urllib.parse import urlsplit

from components.data.safetext import safe_url
from components.io.imports.build import Builder, Format, lines_of
from components.paths import RESOURCES

CAMEO_FILE = RESOURCES / "cameo_eventcodes.tsv"
LAYOUTS = {61: "GDELT 2.0", 58: "GDELT 1.0 (daily)", 57: "GDELT 1.0 (historical backfile)"}
ACTOR_FIELDS = (
    "Code",
    "Name",
    "CountryCode",
    "KnownGroupCode",
    "EthnicCode",
    "Religion1Code",
    "Religion2Code",
    "Type1Code",
    "Type2Code",
    "Type3Code",
)
EVENT_FIELDS = (
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
)
GEO_FIELDS_2 = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
# GDELT's ActionGeo_Type → the contract's geo_precision (1 the place, 2 nearby/district, 3 region or country):
# 1 country, 2 US state, 3 US city, 4 world city, 5 world state (ADM1).
GEO_PRECISION = {"1": "3", "2": "3", "3": "1", "4": "1", "5": "3"}
QUAD = {"1": "verbal cooperation", "2": "material cooperation", "3": "verbal conflict", "4": "material conflict"}


def column_names(n_fields: int) -> list[str]:
    geo = GEO_FIELDS_2 if n_fields == 61 else tuple(f for f in GEO_FIELDS_2 if f != "ADM2Code")
    names = ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
    names += [f"Actor1{f}" for f in ACTOR_FIELDS] + [f"Actor2{f}" for f in ACTOR_FIELDS] + list(EVENT_FIELDS)
    for prefix in ("Actor1Geo_", "Actor2Geo_", "ActionGeo_"):
        names += [prefix + f for f in geo]
    names.append("DATEADDED")
    if n_fields != 57:
        names.append("SOURCEURL")
    assert len(names) == n_fields
    return names


@lru_cache(maxsize=1)
def cameo_labels() -> dict[str, str]:
    rows = CAMEO_FILE.read_text(encoding="utf-8").splitlines()[1:]
    return dict(line.split("\t", 1) for line in rows if "\t" in line)


def looks_like(first_line: str) -> bool:
    fields = first_line.rstrip("\r\n").split("\t")
    return len(fields) in LAYOUTS and fields[0].strip().isdigit() and len(fields[1].strip()) == 8


def outlet(url: str) -> str:
    host = urlsplit(url).hostname or ""
    return host[4:] if host.startswith("www.") else host


def _rounded(number: str) -> str:
    try:
        return f"{float(number):.1f}"
    except ValueError:
        return number


def convert(lines, b: Builder) -> None:
    """lines: the file's lines (build.lines_of), read as they come."""
    names = {n: column_names(n) for n in LAYOUTS}
    labels = cameo_labels()
    for number, raw in enumerate((line.rstrip("\r\n") for line in lines), start=1):
        where = f"line {number}"
        if not raw.strip():
            b.skip(where, "blank line")
            continue
        fields = raw.split("\t")
        if len(fields) not in LAYOUTS:
            b.skip(where, f"{len(fields)} tab-separated fields; GDELT rows have 57, 58 or 61")
            continue
        r = dict(zip(names[len(fields)], (f.strip() for f in fields)))
        try:
            day = dt.datetime.strptime(r["SQLDATE"], "%Y%m%d").date()
        except ValueError:
            b.skip(where, f"SQLDATE {r['SQLDATE']!r} is not a YYYYMMDD date")
            continue
        actors, who, sides, roles = [], [], ([], []), []
        for k, side in enumerate(("Actor1", "Actor2")):
            code, name = r[f"{side}Code"], r[f"{side}Name"]
            if code or name:
                actors.append(b.actor(name or code, scheme="name", code=code, role=f"GDELT {side}"))
                who.append(b.actors[actors[-1]]["name"])
                sides[k].append(actors[-1])
                roles.append((side, f"{name} ({code})" if name and code else name or code))
        code = r["EventCode"]
        label = labels.get(code) or labels.get(r["EventBaseCode"]) or f"CAMEO event {code}"
        type_id = b.event_type(f"cameo-{code or 'none'}", label, code)
        url = r.get("SOURCEURL", "")
        host = outlet(url)
        source = b.source(host, kind="outlet") if host else ""
        place = r["ActionGeo_FullName"]
        title = f"{who[0] if who else 'Uncoded actor'}: {label}" + (f" – {who[1]}" if len(who) > 1 else "")
        summary = (
            f"GDELT coded this report as CAMEO {code} ({label}, {QUAD.get(r['QuadClass'], 'quad class ?')})"
            + (f" between {' and '.join(who)}" if who else "")
            + (f", at {place}" if place else "")
            + f". Goldstein scale {_rounded(r['GoldsteinScale'])}, {r['NumMentions']} mentions in "
            f"{r['NumSources']} source(s) and {r['NumArticles']} article(s), average tone "
            f"{_rounded(r['AvgTone'])}. "
            "Machine-coded from news text: check the source before relying on it."
        )
        b.event(
            where,
            event_id=r["GLOBALEVENTID"] or where,
            date=day.isoformat(),
            date_text=f"SQLDATE {r['SQLDATE']}",
            status="reported",
            event_type=type_id,
            title=title,
            summary=summary,
            location=place,
            actor_ids=actors,
            evidence=raw,
            reported_by=source,
            source_url=safe_url(url) or "",
            note=f"{LAYOUTS[len(fields)]} event {r['GLOBALEVENTID']}, added {r['DATEADDED']}.",
            published=_added(r["DATEADDED"], day),
            # CAMEO codes an event as its source actor (Actor1) acting on its target (Actor2)
            side_a=sides[0],
            side_b=sides[1],
            direction="directed",
            actor_roles=roles,
            measures={
                "goldstein": r["GoldsteinScale"],
                "avg_tone": r["AvgTone"],
                "num_mentions": r["NumMentions"],
                "num_sources": r["NumSources"],
                "num_articles": r["NumArticles"],
                "latitude": r["ActionGeo_Lat"],
                "longitude": r["ActionGeo_Long"],
                "geo_precision": GEO_PRECISION.get(r["ActionGeo_Type"], "") if r["ActionGeo_Lat"] else "",
                "iso": r["ActionGeo_CountryCode"],
                "admin1": r["ActionGeo_ADM1Code"],
            },
        )


def _added(stamp: str, day: dt.date) -> str:
    """The record's own date: DATEADDED (YYYYMMDDHHMMSS in 2.0, YYYYMMDD in 1.0), never before the event's day."""
    try:
        added = dt.datetime.strptime(stamp.strip()[:8], "%Y%m%d").date()
    except ValueError:
        return ""
    return max(added, day).isoformat()


FORMAT = Format(
    "gdelt",
    "a GDELT event export (tab-separated)",
    "The GDELT Project",
    "https://www.gdeltproject.org/",
    ("csv", "tsv", "txt"),
    detect=lambda name, first: looks_like(first),
    terms="GDELT's data are free and open for any use, with citation: “The GDELT Project, "
    "https://www.gdeltproject.org/”.",
    convert=lambda name, data, b: convert(lines_of(data, name), b),
    becomes="2.0 (61 columns) and 1.0 (58, or 57 in the historical backfile), detected per row; CAMEO "
    "event codes → event types with GDELT's labels; Actor1/Actor2 code and name → actors and the event's "
    "directed sides (CAMEO's source acting on its target; roles kept in actor_roles); DATEADDED → the record's "
    "own report date; SOURCEURL "
    "→ the outlet and a link to the report; status reported (machine-coded from news text); Goldstein "
    "scale, average tone, numbers of mentions/sources/articles and the action geography (coordinates, "
    "type as geo_precision, country and ADM1 codes) → the same-meaning columns",
)
