"""The kinds of filter, one record each: a kind owns its value's type and canonical form, its default (the
value that restricts nothing), how it is read from the URL (never trusting it) and how it is written there.
A filter record (filters.FILTERS) names its kind; its widget is the kind's widget in ui/filters.WIDGETS.

- "choices": a tuple of ids (a repeatable URL parameter);
- "dates": a (from, to) pair of dates or None (two URL parameters, ISO dates);
- "text": a search string (one URL parameter);
- "minimum": a whole number, 0 when it does not restrict (one URL parameter).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

MAX_Q = 200  # characters of search text
MAX_VALUES = 200  # per repeatable parameter


@dataclass(frozen=True)
class Kind:
    name: str
    default: Any
    normal: Callable[[Any], Any]  # a value in its canonical form, so that equal states are equal
    parse: Callable[[Any, Mapping, Any, list], Any]  # (filter, query params, lookups, notices) -> value
    to_params: Callable[[Any, Any], dict[str, list[str]]]  # (filter, value) -> query parameters


def clip(value: str, n: int = 60) -> str:
    """A value from the URL as a notice may quote it: printable, and short."""
    value = "".join(ch if ch.isprintable() else "?" for ch in value)
    return value if len(value) <= n else value[: n - 1] + "…"


def values(params: Mapping[str, list[str]], name: str) -> list[str]:
    raw = params.get(name) or []
    if isinstance(raw, str):
        raw = [raw]
    return [str(v) for v in raw][:MAX_VALUES]


def first(params, name: str) -> str:
    found = values(params, name)
    return found[0] if found else ""


def _parse_choices(flt, params, lookups, notices: list[str]):
    (name,) = flt.params
    allowed = set(flt.options(lookups, {}))
    ok, bad = [], []
    for value in values(params, name):
        (ok if value in allowed else bad).append(value)
    if bad:
        notices.append(f"Ignored unknown {name} value(s): " + ", ".join(repr(clip(b)) for b in bad))
    return tuple(ok)


def _parse_dates(flt, params, lookups, notices: list[str]):
    dates = []
    for name in flt.params:
        text, value = first(params, name), None
        if text:
            try:
                value = dt.date.fromisoformat(text) if len(text) == 10 else None
            except ValueError:
                pass
            if value is None:
                notices.append(f"Ignored {name}={clip(text)!r}: not an ISO date (YYYY-MM-DD)")
        dates.append(value)
    if dates[0] and dates[1] and dates[0] > dates[1]:
        notices.append(f"Ignored {'/'.join(flt.params)}: the range ends before it starts")
        return (None, None)
    return tuple(dates)


def _parse_text(flt, params, lookups, notices: list[str]):
    (name,) = flt.params
    text = first(params, name)
    if len(text) > MAX_Q:
        notices.append(f"The search text was cut to {MAX_Q} characters")
        text = text[:MAX_Q]
    return "".join(ch for ch in text if ch.isprintable())


def _parse_minimum(flt, params, lookups, notices: list[str]):
    (name,) = flt.params
    text = first(params, name)
    if not text:
        return 0
    if text.isdigit() and 1 <= int(text) <= 99:
        return int(text)
    notices.append(f"Ignored {name}={clip(text)!r}: not a whole number from 1 to 99")
    return 0


def _normal_dates(value):
    lo, hi = value or (None, None)
    return (lo if isinstance(lo, dt.date) else None, hi if isinstance(hi, dt.date) else None)


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind(
            "choices",
            (),
            lambda value: tuple(dict.fromkeys(str(v) for v in value or ())),  # de-duplicated, in order
            _parse_choices,
            lambda flt, value: {flt.params[0]: list(value)},
        ),
        Kind(
            "dates",
            (None, None),
            _normal_dates,
            _parse_dates,
            lambda flt, value: {name: [d.isoformat()] for name, d in zip(flt.params, value) if d},
        ),
        Kind("text", "", lambda value: str(value or ""), _parse_text, lambda flt, value: {flt.params[0]: [value]}),
        Kind(
            "minimum",
            0,
            lambda value: int(value or 0),
            _parse_minimum,
            lambda flt, value: {flt.params[0]: [str(value)]},
        ),
    )
}
