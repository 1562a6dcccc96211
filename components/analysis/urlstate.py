"""The URL is the API: filter state <-> query parameters, never trusting a value from the URL.

Parameters: faction, actor, type, status (repeatable), from, to (ISO dates), q (search), event.
Unknown names or values are dropped and reported as notices; nothing here raises on input.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from urllib.parse import urlencode

from components.data.model import Dataset
from components.analysis.query import Filters
from components.data.schema import STATUSES

MAX_VALUES = 200  # per repeatable parameter
MAX_Q = 200  # characters of search text
REPEATABLE = {"faction": "factions", "actor": "actors", "type": "types", "status": "statuses"}
KNOWN = set(REPEATABLE) | {"from", "to", "q", "event", "embed", "embed_options"}  # embed*: Streamlit's own


def _clip(value: str, n: int = 60) -> str:
    value = "".join(ch if ch.isprintable() else "?" for ch in value)
    return value if len(value) <= n else value[: n - 1] + "…"


def _values(params: Mapping[str, list[str]], name: str) -> list[str]:
    raw = params.get(name) or []
    if isinstance(raw, str):
        raw = [raw]
    return [str(v) for v in raw][:MAX_VALUES]


def _allowed(ds: Dataset) -> dict[str, list[str]]:
    return {
        "faction": list(ds.factions["faction_id"]),
        "actor": list(ds.actors["actor_id"]),
        "type": list(ds.event_types["event_type"]),
        "status": list(STATUSES),
    }


def parse(params: Mapping[str, list[str]], ds: Dataset) -> tuple[Filters, list[str]]:
    """Filters from query parameters (name -> list of values) plus notices naming what was ignored."""
    notices: list[str] = []
    allowed = _allowed(ds)
    chosen: dict[str, tuple[str, ...]] = {}
    for name, attr in REPEATABLE.items():
        ok, bad = [], []
        for value in _values(params, name):
            (ok if value in allowed[name] else bad).append(value)
        if bad:
            notices.append(f"Ignored unknown {name} value(s): " + ", ".join(repr(_clip(b)) for b in bad))
        chosen[attr] = tuple(dict.fromkeys(ok))  # de-duplicate, keep order

    dates: dict[str, dt.date | None] = {}
    for name in ("from", "to"):
        values = _values(params, name)
        dates[name] = None
        if values and values[0]:
            try:
                dates[name] = dt.date.fromisoformat(values[0][:10]) if len(values[0]) == 10 else None
            except ValueError:
                pass
            if dates[name] is None:
                notices.append(f"Ignored {name}={_clip(values[0])!r}: not an ISO date (YYYY-MM-DD)")
    if dates["from"] and dates["to"] and dates["from"] > dates["to"]:
        notices.append("Ignored from/to: the range ends before it starts")
        dates = {"from": None, "to": None}

    q_values = _values(params, "q")
    q = q_values[0] if q_values else ""
    if len(q) > MAX_Q:
        notices.append(f"The search text was cut to {MAX_Q} characters")
        q = q[:MAX_Q]
    q = "".join(ch for ch in q if ch.isprintable())

    event = None
    event_values = _values(params, "event")
    if event_values and event_values[0]:
        if event_values[0] in set(ds.events["event_id"]):
            event = event_values[0]
        else:
            notices.append(f"Ignored unknown event {_clip(event_values[0])!r}")

    unknown = sorted(set(params) - KNOWN)
    if unknown:
        notices.append("Ignored unknown parameter(s): " + ", ".join(repr(_clip(u)) for u in unknown[:10]))
    return Filters(date_from=dates["from"], date_to=dates["to"], q=q, event=event, **chosen), notices


def to_params(f: Filters) -> dict[str, list[str]]:
    """Query parameters for a filter state; defaults are left out so links stay short."""
    params: dict[str, list[str]] = {}
    for name, attr in REPEATABLE.items():
        values = getattr(f, attr)
        if values:
            params[name] = list(values)
    if f.date_from:
        params["from"] = [f.date_from.isoformat()]
    if f.date_to:
        params["to"] = [f.date_to.isoformat()]
    if f.q:
        params["q"] = [f.q]
    if f.event:
        params["event"] = [f.event]
    return params


def to_query_string(f: Filters) -> str:
    return urlencode(to_params(f), doseq=True)
