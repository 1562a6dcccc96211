"""EDTF (ISO 8601-2) dates: parse once, keep the bounds and the precision honest.

A month-precision date is the whole month (lower and upper bound), never the 1st.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from edtf import parse_edtf, struct_time_to_date
from edtf.parser.edtf_exceptions import EDTFParseException


@dataclass(frozen=True)
class EDTFDate:
    text: str
    start: dt.date  # first day the expression can mean
    end: dt.date  # last day it can mean (inclusive)
    precision: str  # day | month | year | interval | other
    uncertain: bool  # "?" or "%"
    approximate: bool  # "~" or "%"


class DateError(ValueError):
    pass


# The forms nearly all event data uses: YYYY, YYYY-MM, YYYY-MM-DD with an optional ? ~ or %.
_SIMPLE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?([?~%])?")


def _simple_bounds(part: str) -> tuple[dt.date, dt.date] | None:
    """Bounds of one simple EDTF date, or None when it is not of the simple form."""
    m = _SIMPLE.fullmatch(part)
    if not m:
        return None
    year, month, day = int(m[1]), m[2], m[3]
    if month is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if not 1 <= int(month) <= 12:
        raise DateError("not a valid EDTF date")
    last = calendar.monthrange(year, int(month))[1]
    if day is None:
        return dt.date(year, int(month), 1), dt.date(year, int(month), last)
    if not 1 <= int(day) <= last:
        raise DateError("not a valid EDTF date")
    d = dt.date(year, int(month), int(day))
    return d, d


def _fast(text: str) -> tuple[dt.date, dt.date] | None:
    """A pure-Python parse of the simple forms and intervals of them (the edtf package, built on
    pyparsing, takes ~30 ms a string: too slow for a million events). Tests check that it agrees
    with the edtf package; everything else goes to the edtf package."""
    if "/" in text:
        left, _, right = text.partition("/")
        a, b = _simple_bounds(left), _simple_bounds(right)
        return (a[0], b[1]) if a and b else None
    return _simple_bounds(text)


@lru_cache(maxsize=262144)
def parse_date(text: str) -> EDTFDate:
    """Parse an EDTF string; raise DateError with a readable reason."""
    text = text.strip()
    if not text:
        raise DateError("the date is blank")
    if ".." in text or text.startswith("/") or text.endswith("/"):
        raise DateError("open or unknown interval ends are not supported")
    fast = _fast(text)
    if fast is not None:
        return _result(text, *fast)
    return _slow(text)


def _slow(text: str) -> EDTFDate:
    try:
        parsed = parse_edtf(text)
        start = struct_time_to_date(parsed.lower_strict())
        end = struct_time_to_date(parsed.upper_strict())
    except EDTFParseException:
        raise DateError("not a valid EDTF date") from None
    except Exception:  # the edtf package raises assorted errors on odd input
        raise DateError("not a valid EDTF date") from None
    return _result(text, start, end)


def _result(text: str, start: dt.date, end: dt.date) -> EDTFDate:
    is_interval = "/" in text
    if end < start:
        raise DateError(f"the interval ends ({end}) before it starts ({start})")
    return EDTFDate(
        text=text,
        start=start,
        end=end,
        precision=_precision(start, end, is_interval),
        uncertain="?" in text or "%" in text,
        approximate="~" in text or "%" in text,
    )


def _precision(start: dt.date, end: dt.date, is_interval: bool) -> str:
    if is_interval:
        return "interval"
    if start == end:
        return "day"
    if start.day == 1 and (end + dt.timedelta(days=1)).day == 1 and start.month == end.month:
        return "month"
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return "year"
    return "other"


def date_problem(text: str) -> str | None:
    """The reason a date string is unusable, or None when it is fine."""
    try:
        parse_date(text)
    except DateError as err:
        return str(err)
    return None


def describe(d: EDTFDate) -> str:
    """Human wording of a parsed date that does not pretend to more precision than it has."""
    if d.precision == "day":
        core = f"{d.start:%-d %B %Y}"
    elif d.precision == "month":
        core = f"{d.start:%B %Y}"
    elif d.precision == "year":
        core = f"{d.start:%Y}"
    else:
        core = f"{_point(d.start)} – {_point(d.end)}"
    qualifiers = [w for w, on in (("uncertain", d.uncertain), ("approximate", d.approximate)) if on]
    return f"{core} ({', '.join(qualifiers)})" if qualifiers else core


def _point(day: dt.date) -> str:
    return f"{day:%-d %b %Y}"
