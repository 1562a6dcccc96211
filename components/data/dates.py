"""EDTF (ISO 8601-2) dates: parse once, keep the bounds and the precision honest.

A month-precision date is the whole month (lower and upper bound), never the 1st.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from concurrent.futures import Future
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc


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
    if year < 1:
        raise DateError("years before 0001 are not supported")
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
    # imported at the first date the fast path cannot read: the edtf package builds its pyparsing grammar on
    # import (~0.2 s), which the first view of data written in the simple forms never needs
    from edtf import parse_edtf, struct_time_to_date
    from edtf.parser.edtf_exceptions import EDTFParseException

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


# Many dates at once. Event tables repeat a few thousand distinct dates a million times: callers pass the
# distinct strings. The simple forms and intervals of them are parsed in Arrow and numpy (the same rules
# as _fast; a test checks they agree with parse_date); anything else goes through parse_date one by one.
_SIDE = r"(?P<y{n}>\d{{4}})(?:-(?P<m{n}>\d{{2}})(?:-(?P<d{n}>\d{{2}}))?)?(?P<q{n}>[?~%])?"
_VECTOR = f"^{_SIDE.format(n=1)}(?:(?P<slash>/){_SIDE.format(n=2)})?$"
_MONTHS = [""] + list(calendar.month_name)[1:]
_MON = [""] + list(calendar.month_abbr)[1:]


def _ints(parts: pa.StructArray, name: str) -> tuple[np.ndarray, np.ndarray]:
    text = parts.field(name).fill_null("")
    given = pc.not_equal(text, "").to_numpy(zero_copy_only=False)
    values = pc.cast(pc.if_else(given, text, "0"), pa.int64()).to_numpy(zero_copy_only=False)
    return values, given


def _month_start(months: np.ndarray) -> np.ndarray:
    return months.astype("datetime64[M]").astype("datetime64[D]")


def _bounds(parts: pa.StructArray, n: int):
    """First and last day of one side of each simple date; ok=False for impossible months/days."""
    y, _ = _ints(parts, f"y{n}")
    m, has_m = _ints(parts, f"m{n}")
    d, has_d = _ints(parts, f"d{n}")
    january = (np.clip(y, 1, 9999) - 1970) * 12  # months since 1970-01
    month = january + np.clip(m, 1, 12) - 1
    last_day = _month_start(month + 1) - 1
    start = np.where(has_m, _month_start(month), _month_start(january)) + np.where(has_d, d - 1, 0)
    end = np.where(has_d, start, np.where(has_m, last_day, _month_start(january + 12) - 1))
    ok = (y >= 1) & (~has_m | ((m >= 1) & (m <= 12))) & (~has_d | ((d >= 1) & (start <= last_day)))
    return start, end, ok, has_m, has_d


def _label(
    y1: int, m1: int, d1: int, y2: int, m2: int, d2: int, precision: str, uncertain: bool, approximate: bool
) -> str:
    """describe() from the bounds' year, month and day numbers."""
    if precision == "day":
        core = f"{d1} {_MONTHS[m1]} {y1}"
    elif precision == "month":
        core = f"{_MONTHS[m1]} {y1}"
    elif precision == "year":
        core = f"{y1}"
    else:
        core = f"{d1} {_MON[m1]} {y1} – {d2} {_MON[m2]} {y2}"
    qualifiers = [w for w, on in (("uncertain", uncertain), ("approximate", approximate)) if on]
    return f"{core} ({', '.join(qualifiers)})" if qualifiers else core


def _ymd(days: np.ndarray) -> list[list[int]]:
    months = days.astype("datetime64[M]")
    return [
        (days.astype("datetime64[Y]").astype(np.int64) + 1970).tolist(),
        (months.astype(np.int64) % 12 + 1).tolist(),
        ((days - months).astype(np.int64) + 1).tolist(),
    ]


def parse_many(texts) -> pd.DataFrame:
    """parse_date for many strings: a frame aligned with texts (ok, start, end as datetime64[D] (NaT when
    not ok), precision, uncertain, approximate, label). Blank or unusable strings have ok=False."""
    return _parse_many(pd.Series(texts, copy=False) if isinstance(texts, pd.Index) else texts)


@dataclass(frozen=True)
class ParsedColumn:
    """A column of EDTF strings parsed once per distinct value: what validation and the model share."""

    codes: np.ndarray  # per row: its value's position in uniques
    uniques: pd.Index  # the distinct strings (missing cells read as "")
    parsed: pd.DataFrame  # parse_many(uniques)

    def rows(self, column: str) -> np.ndarray:
        """A column of the parse, one value per row."""
        return self.parsed[column].to_numpy()[self.codes]


def parse_column(values: pd.Series) -> ParsedColumn:
    codes, uniques = pd.factorize(values.fillna(""))
    return ParsedColumn(codes, pd.Index(uniques, dtype="str"), parse_many(pd.Index(uniques, dtype="str")))


def patched(parsed: ParsedColumn, rows: np.ndarray, values: pd.Series) -> ParsedColumn:
    """The parse of a column whose cells at rows now hold values (only the new values are parsed)."""
    if not len(rows):
        return parsed
    new = parse_column(pd.Series(values.to_numpy(dtype=object), dtype="str"))
    codes = parsed.codes.copy()
    codes[rows] = new.codes + len(parsed.uniques)
    return ParsedColumn(
        codes,
        pd.Index([*parsed.uniques, *new.uniques], dtype="str"),
        pd.concat([parsed.parsed, new.parsed], ignore_index=True),
    )


def _parse_many(texts) -> pd.DataFrame:
    values = pa.array(texts, pa.large_string()) if not isinstance(texts, pd.Series) else pa.array(texts)
    values = pc.utf8_trim_whitespace(values.cast(pa.large_string()))
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    n = len(values)
    parts = pc.extract_regex(values, _VECTOR)
    simple = parts.is_valid().to_numpy(zero_copy_only=False)
    s1, e1, ok1, has_m, has_d = _bounds(parts, 1)
    s2, e2, ok2, _, _ = _bounds(parts, 2)
    interval = pc.equal(parts.field("slash").fill_null(""), "/").to_numpy(zero_copy_only=False)
    start = s1
    end = np.where(interval, e2, e1)
    ok = simple & ok1 & (~interval | (ok2 & (end >= start)))
    precision = np.where(interval, "interval", np.where(has_d, "day", np.where(has_m, "month", "year")))
    uncertain = pc.match_substring_regex(values, "[?%]").to_numpy(zero_copy_only=False) & ok
    approximate = pc.match_substring_regex(values, "[~%]").to_numpy(zero_copy_only=False) & ok
    start = np.where(ok, start, np.datetime64("NaT")).astype("datetime64[D]")
    end = np.where(ok, end, np.datetime64("NaT")).astype("datetime64[D]")
    precision = np.where(ok, precision, "").astype(object)
    for i in np.flatnonzero(~simple):  # not of the simple form: one by one (the edtf package)
        try:
            d = parse_date(values[int(i)].as_py())
        except DateError:
            continue
        ok[i], start[i], end[i], precision[i] = True, d.start, d.end, d.precision
        uncertain[i], approximate[i] = d.uncertain, d.approximate
    good = np.flatnonzero(ok)
    label = np.full(n, "", dtype=object)
    label[good] = [
        _label(*row)
        for row in zip(
            *_ymd(start[good]),
            *_ymd(end[good]),
            precision[good].tolist(),
            uncertain[good].tolist(),
            approximate[good].tolist(),
        )
    ]
    return pd.DataFrame(
        {
            "ok": ok,
            "start": start,
            "end": end,
            "precision": precision,
            "uncertain": uncertain,
            "approximate": approximate,
            "label": label,
        }
    )


def date_order(start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """Row order by first day, then last day (stable; missing dates last): the order the model keeps
    events in, and the order factionline writes them in so that loading need not sort."""
    last = np.iinfo(np.int64).max
    start, end = (np.where(np.isnat(a), last, a.astype("datetime64[D]").astype(np.int64)) for a in (start, end))
    return np.lexsort((end, start))


def order_by_date(dates: pd.Series) -> np.ndarray:
    """date_order of a column of EDTF strings."""
    parsed = parse_column(dates)
    return date_order(parsed.rows("start"), parsed.rows("end"))


def resolved(value):
    """A value handed over as a future (computed in a thread beside the caller) or as itself: the
    parsed dates are passed this way from the load pipeline to validation and the model."""
    return value.result() if isinstance(value, Future) else value
