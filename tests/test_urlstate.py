import datetime as dt
import random
import string

import pytest

from components.analysis.query import Filters
from components.analysis.urlstate import MAX_Q, parse, to_params, to_query_string
from components.data.load import load

from .conftest import BUNDLED


@pytest.fixture(scope="module")
def ds():
    return load(BUNDLED)


def test_round_trip(ds):
    f = Filters(
        factions=("hamas", "fatah"),
        actors=("abbas",),
        types=("meeting",),
        statuses=("planned",),
        dates=(dt.date(2024, 1, 1), dt.date(2024, 2, 29)),
        q="Moscow talks",
        event="ev-2024-02-29-hamas-fatah-meet-moscow",
    )
    assert parse(to_params(f), ds) == (f, [])


def test_default_state_is_an_empty_query(ds):
    assert to_params(Filters()) == {} and to_query_string(Filters()) == ""


def test_query_string_is_repeatable_params():
    assert to_query_string(Filters(factions=("hamas", "fatah"), q="a b")) == "faction=hamas&faction=fatah&q=a+b"


def test_unknown_values_are_dropped_and_named(ds):
    f, notices = parse(
        {"faction": ["hamas", "hezbollah"], "status": ["rumoured"], "event": ["ev-x"], "colour": ["red"]}, ds
    )
    assert f == Filters(factions=("hamas",))
    text = " ".join(notices)
    assert "'hezbollah'" in text and "'rumoured'" in text and "'ev-x'" in text and "'colour'" in text


def test_bad_dates_are_ignored_with_notice(ds):
    f, notices = parse({"from": ["2024-02-30"], "to": ["yesterday"]}, ds)
    assert f.dates == (None, None) and len(notices) == 2
    f, notices = parse({"from": ["2024-03-01"], "to": ["2024-01-01"]}, ds)
    assert f.dates == (None, None) and "ends before it starts" in notices[0]


def test_long_search_is_cut(ds):
    f, notices = parse({"q": ["x" * 5000]}, ds)
    assert len(f.q) == MAX_Q and notices


def test_duplicates_collapse(ds):
    f, _ = parse({"faction": ["hamas", "hamas", "fatah"]}, ds)
    assert f.factions == ("hamas", "fatah")


def test_fuzzed_parameters_never_raise(ds):
    rng = random.Random(7)
    alphabet = string.printable + "éß中文\u202e\x00<>\"'%&;"
    names = ["faction", "actor", "type", "status", "from", "to", "q", "event", "zzz"]
    for _ in range(500):
        params = {
            rng.choice(names): [
                "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 300))) for _ in range(rng.randint(0, 4))
            ]
            for _ in range(rng.randint(0, 5))
        }
        f, notices = parse(params, ds)
        assert isinstance(f, Filters) and all(isinstance(n, str) and len(n) < 2000 for n in notices)
        assert set(f.factions) <= set(ds.factions["faction_id"])


def test_links_in_markdown_cannot_break_out():
    from components.data.safetext import md_link, safe_url

    assert safe_url("javascript:alert(1)") is None and safe_url("data:text/html,x") is None
    assert safe_url("/relative") is None and safe_url("https://ok.example/a") == "https://ok.example/a"
    link = md_link("read", "https://x.example/a)[evil](javascript:alert(1)")
    assert "](javascript" not in link and "%29" in link and link.startswith("[read](https://x.example/a%29")
    assert md_link("t", "javascript:alert(1)") == "t"
