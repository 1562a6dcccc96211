import datetime as dt

import pytest

from components.data.dates import DateError, describe, parse_date

D = dt.date


@pytest.mark.parametrize(
    "text, start, end, precision",
    [
        ("2024-02-29", D(2024, 2, 29), D(2024, 2, 29), "day"),
        ("2024-02", D(2024, 2, 1), D(2024, 2, 29), "month"),
        ("2007", D(2007, 1, 1), D(2007, 12, 31), "year"),
        ("2024-02-29/2024-03-02", D(2024, 2, 29), D(2024, 3, 2), "interval"),
        ("2023-10/2024-02", D(2023, 10, 1), D(2024, 2, 29), "interval"),
    ],
)
def test_bounds_and_precision(text, start, end, precision):
    d = parse_date(text)
    assert (d.start, d.end, d.precision) == (start, end, precision)


def test_a_month_is_a_month_not_its_first_day():
    d = parse_date("2023-10")
    assert d.start != d.end and d.end == D(2023, 10, 31)


def test_qualifiers():
    assert parse_date("2024-02?").uncertain and not parse_date("2024-02?").approximate
    assert parse_date("2024-02~").approximate and not parse_date("2024-02~").uncertain
    both = parse_date("2024-02%")
    assert both.uncertain and both.approximate
    assert parse_date("2024-02?").precision == "month"


@pytest.mark.parametrize(
    "bad",
    ["", "2024-13", "2024-02-30", "29/02/2024", "Feb 2024", "2024-02-26/..", "2024-03-02/2024-02-29", "/2024", "0000"],
)
def test_rejects(bad):
    with pytest.raises(DateError):
        parse_date(bad)


def test_reversed_interval_says_so():
    with pytest.raises(DateError, match="ends .* before it starts"):
        parse_date("2024-03-02/2024-02-29")


def test_describe_keeps_precision():
    assert describe(parse_date("2024-02-29")) == "29 February 2024"
    assert describe(parse_date("2023-10")) == "October 2023"
    assert describe(parse_date("2007")) == "2007"
    assert describe(parse_date("2024-02?")) == "February 2024 (uncertain)"
    assert describe(parse_date("2024-02-29/2024-03-02")) == "29 Feb 2024 – 2 Mar 2024"


def test_fast_path_agrees_with_the_edtf_package():
    """The pure-Python parse of simple forms must give the edtf package's answer."""
    import random

    from components.data.dates import _fast, _result, _slow

    rng = random.Random(3)

    def simple():
        y = f"{rng.randint(1000, 2999):04d}"
        form = rng.choice(["y", "ym", "ymd"])
        m = f"{rng.randint(0, 13):02d}"
        d = f"{rng.randint(0, 32):02d}"
        text = y if form == "y" else (f"{y}-{m}" if form == "ym" else f"{y}-{m}-{d}")
        return text + rng.choice(["", "", "?", "~", "%"])

    checked = 0
    for _ in range(300):
        text = simple() if rng.random() < 0.6 else f"{simple().rstrip('?~%')}/{simple().rstrip('?~%')}"
        try:
            fast = _fast(text)
            fast = _result(text, *fast) if fast else None
        except DateError:
            fast = "error"
        try:
            slow = _slow(text)
        except DateError:
            slow = "error"
        if fast is None:
            continue
        assert (fast if fast == "error" else (fast.start, fast.end)) == (
            slow if slow == "error" else (slow.start, slow.end)
        ), text
        checked += 1
    assert checked > 250


def test_parse_many_agrees_with_parse_date():
    """The vectorised parse (used for whole columns) must give parse_date's answer and wording."""
    import random

    from components.data.dates import parse_many

    rng = random.Random(5)

    def side():
        y = rng.choice([f"{rng.randint(0, 2999):04d}", "2024", "2000", "1900"])
        m, d = f"{rng.randint(0, 13):02d}", f"{rng.randint(0, 32):02d}"
        return rng.choice([y, f"{y}-{m}", f"{y}-{m}-{d}", f"{y}-02-29"]) + rng.choice(["", "", "?", "~", "%"])

    texts = [side() if rng.random() < 0.6 else f"{side()}/{side()}" for _ in range(3000)]
    texts += [
        "",
        "  ",
        "2024-02-29 ",
        "x",
        "2024-02-26/..",
        "1985-04-12T23:20:30",
        "2004-06-11%",
        "Feb 2024",
        "2024-21",
        "2024-02-29/2024-03-02",
    ]
    many = parse_many(texts)
    ok = 0
    for text, row in zip(texts, many.itertuples()):
        try:
            d = parse_date(text)
        except DateError:
            assert not row.ok, text
            continue
        ok += 1
        assert row.ok, text
        assert (row.start.date(), row.end.date(), row.precision, row.uncertain, row.approximate) == (
            d.start,
            d.end,
            d.precision,
            d.uncertain,
            d.approximate,
        ), text
        assert row.label == describe(d), text
    assert 1000 < ok < len(texts) - 300  # both kinds were exercised
