"""Dates in an article's words, resolved against its publication date (components/drafting/reldates.py).
The texts are fictional, written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from components.drafting.reldates import find_dates

from .conftest import BUNDLED

WEDNESDAY = dt.date(2024, 2, 28)


def dates(text: str, published=WEDNESDAY) -> list[tuple[str, str | None]]:
    return [(d.text, d.edtf) for d in find_dates(text, published)]


def test_the_seed_article_gives_the_curated_dates():
    found = dict(dates((BUNDLED / "articles" / "aj-2024-02-28-moscow-talks.txt").read_text(encoding="utf-8")))
    assert found["tomorrow, Thursday"] == "2024-02-29"
    assert found["two days ago"] == "2024-02-26"
    assert found["February 16"] == "2024-02-16" and found["February 18"] == "2024-02-18"
    assert found["January 19"] == "2024-01-19"
    assert found["October 26"] == "2023-10-26" and found["October 7"] == "2023-10-07"  # before publication
    assert found["in 2007"] == "2007"
    assert found["on Wednesday"] == "2024-02-28"  # "said on Wednesday that … will meet": the saying is past


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The harbour council will meet on Friday.", "2024-03-01"),
        ("The harbour council met on Friday.", "2024-02-23"),
        ("Ferry talks are due to resume next month.", "2024-03"),  # a month, never a day
        ("The mayor said earlier this month that fares would rise.", "2024-02"),
        ("The accord, signed in the summer of 2021, lapsed.", "2021-06/2021-08"),
        ("The envoy arrived two weeks ago.", "2024-02-14~"),  # approximate
        ("Elections will be held on March 3.", "2024-03-03"),  # the coming one
        ("Elections were held on March 3.", "2023-03-03"),  # the last one before publication
        ("The strike began last Tuesday.", "2024-02-27"),
        ("The union was founded in May 2019.", "2019-05"),
        ("The delegation will travel in June.", "2024-06"),
        ("The port reopened yesterday.", "2024-02-27"),
        ("Crews worked through the night and finished today.", "2024-02-28"),
        ("The strike ran all of last week.", "2024-02-19/2024-02-25"),
        ("The ministry published the figures on 12 January 2023.", "2023-01-12"),
        ("Officials met three days ago.", "2024-02-25"),
        ("The strike began in late January.", "2024-01"),  # part of a month: still the month
        ("Talks are due to resume in mid-March.", "2024-03"),
        ("The ferry company will report at the end of April 2025.", "2025-04"),
        # the "and" joins two names, not two clauses: the clause's verb is "will host"
        ("The mayors will host delegates from Harlow and Denby on Friday, aides said.", "2024-03-01"),
        ("The council called for a vote in April.", "2024-04"),  # what is called for lies ahead
        ("ROTTERDAM, Feb 12 (Wire) - Dockers walked out.", "2024-02-12"),  # a dateline's abbreviated month
        ("The board will decide within two weeks.", "2024-02-28/2024-03-13"),
        ("The port was rebuilt over the summer.", "2023-06/2023-08"),  # last summer: it was spoken of in the past
        ("The port will be rebuilt over the summer.", "2024-06/2024-08"),
        ("The board met over the weekend.", "2024-02-24/2024-02-25"),  # the weekend just past
        ("The board will meet this weekend.", "2024-03-02/2024-03-03"),
        ("The round is now expected to open on March 4.", "2024-03-04"),  # "is now expected to": ahead
        ("Nadir expects to travel in early March.", "2024-03"),
    ],
)
def test_relative_and_partial_dates(text, expected):
    found = dates(text)
    assert len(found) == 1, found
    assert found[0][1] == expected


def test_without_a_publication_date_relative_dates_stay_unresolved():
    found = find_dates("The envoy arrived yesterday and will leave on Sunday, 3 March 2024.", None)
    assert [(d.text, d.edtf) for d in found] == [
        ("yesterday", None),
        ("on Sunday", None),
        ("3 March 2024", "2024-03-03"),
    ]
    assert "not given" in found[0].how


def test_a_weekday_that_contradicts_tomorrow_is_flagged():
    (mention,) = find_dates("The talks resume tomorrow, Friday.", WEDNESDAY)
    assert mention.edtf == "2024-02-29" and "check" in mention.how


def test_offsets_point_at_the_words():
    text = "Fictional wire copy. The council will meet tomorrow, Thursday, in the port."
    (mention,) = find_dates(text, WEDNESDAY)
    assert text[mention.start : mention.end] == "tomorrow, Thursday"
