"""The URL is the API: filter state <-> query parameters, never trusting a value from the URL.

The parameters are the filter records' (filters.FILTERS), read and written by their kind, plus
`event` (the selected event). Unknown names or values are dropped and reported as notices; nothing
here raises on input.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from urllib.parse import urlencode

from components.analysis.filters import FILTERS, MAX_Q, Filter, Filters
from components.data.model import Dataset

__all__ = ["MAX_Q", "parse", "to_params", "to_query_string"]

MAX_VALUES = 200  # per repeatable parameter
# embed, embed_options: Streamlit's own.
# Parameters of the page that widgets bound to the URL own (the open tab), kept when filters change.
# v: the published version a link pins (ui/workspace.py); cmp…: the Compare tab's periods and factions
# story, step: story mode (ui/story.py)
PAGE = ("view", "sort", "desc", "v", "cmp", "cmp_now", "cmp_before", "cmp_x", "cmp_y", "story", "step")
KNOWN = {p for f in FILTERS.values() for p in f.params} | {"event", "embed", "embed_options", *PAGE}


def _clip(value: str, n: int = 60) -> str:
    value = "".join(ch if ch.isprintable() else "?" for ch in value)
    return value if len(value) <= n else value[: n - 1] + "…"


def _values(params: Mapping[str, list[str]], name: str) -> list[str]:
    raw = params.get(name) or []
    if isinstance(raw, str):
        raw = [raw]
    return [str(v) for v in raw][:MAX_VALUES]


def _first(params, name: str) -> str:
    values = _values(params, name)
    return values[0] if values else ""


def _parse_choices(flt: Filter, params, ds: Dataset, notices: list[str]):
    (name,) = flt.params
    allowed = set(flt.options(ds, {}))
    ok, bad = [], []
    for value in _values(params, name):
        (ok if value in allowed else bad).append(value)
    if bad:
        notices.append(f"Ignored unknown {name} value(s): " + ", ".join(repr(_clip(b)) for b in bad))
    return tuple(ok)


def _parse_dates(flt: Filter, params, ds: Dataset, notices: list[str]):
    dates = []
    for name in flt.params:
        text, value = _first(params, name), None
        if text:
            try:
                value = dt.date.fromisoformat(text) if len(text) == 10 else None
            except ValueError:
                pass
            if value is None:
                notices.append(f"Ignored {name}={_clip(text)!r}: not an ISO date (YYYY-MM-DD)")
        dates.append(value)
    if dates[0] and dates[1] and dates[0] > dates[1]:
        notices.append(f"Ignored {'/'.join(flt.params)}: the range ends before it starts")
        return (None, None)
    return tuple(dates)


def _parse_text(flt: Filter, params, ds: Dataset, notices: list[str]):
    (name,) = flt.params
    text = _first(params, name)
    if len(text) > MAX_Q:
        notices.append(f"The search text was cut to {MAX_Q} characters")
        text = text[:MAX_Q]
    return "".join(ch for ch in text if ch.isprintable())


def _parse_minimum(flt: Filter, params, ds: Dataset, notices: list[str]):
    (name,) = flt.params
    text = _first(params, name)
    if not text:
        return 0
    if text.isdigit() and 1 <= int(text) <= 99:
        return int(text)
    notices.append(f"Ignored {name}={_clip(text)!r}: not a whole number from 1 to 99")
    return 0


PARSE = {"choices": _parse_choices, "dates": _parse_dates, "text": _parse_text, "minimum": _parse_minimum}


def parse(params: Mapping[str, list[str]], ds: Dataset) -> tuple[Filters, list[str]]:
    """Filters from query parameters (name -> list of values) plus notices naming what was ignored."""
    notices: list[str] = []
    values = {key: PARSE[flt.kind](flt, params, ds, notices) for key, flt in FILTERS.items()}
    event = _first(params, "event") or None
    if event is not None and ds.position_of(event) is None:
        replaced_by = ds.replacement(event)
        if replaced_by:  # a link made before a merge keeps working
            notices.append(f"Event {_clip(event)!r} was merged into {_clip(replaced_by)!r}: showing that one")
        else:
            notices.append(f"Ignored unknown event {_clip(event)!r}")
        event = replaced_by
    unknown = sorted(set(params) - KNOWN)
    if unknown:
        notices.append("Ignored unknown parameter(s): " + ", ".join(repr(_clip(u)) for u in unknown[:10]))
    return Filters(event=event, **values), notices


def to_params(f: Filters) -> dict[str, list[str]]:
    """Query parameters for a filter state; defaults are left out so links stay short."""
    params: dict[str, list[str]] = {}
    for flt, value in f.active():
        if flt.kind == "choices":
            params[flt.params[0]] = list(value)
        elif flt.kind == "dates":
            params.update({name: [d.isoformat()] for name, d in zip(flt.params, value) if d})
        elif flt.kind == "minimum":
            params[flt.params[0]] = [str(value)]
        else:
            params[flt.params[0]] = [value]
    if f.event:
        params["event"] = [f.event]
    return params


def to_query_string(f: Filters) -> str:
    return urlencode(to_params(f), doseq=True)
