import datetime as dt

import pytest

from components.analysis.query import Filters, apply
from components.data.load import load

from .conftest import BUNDLED

MEETING = "ev-2024-02-29-hamas-fatah-meet-moscow"


@pytest.fixture(scope="module")
def ds():
    return load(BUNDLED)


def ids(sel):
    return set(sel.events["event_id"])


def test_no_filter_selects_everything(ds):
    sel = apply(ds, Filters())
    assert sel.counts() == {"events": 13, "actors": 14, "quotes": 7}


def test_faction_matches_events_through_any_actor(ds):
    sel = apply(ds, Filters(factions=("pij",)))
    assert ids(sel) == {"ev-2024-02-16-russia-invites-factions"}
    # Abbas is in Fatah and the PA: choosing the PA brings in the event he is in.
    assert "ev-2024-02-18-abbas-welcomes-invitation" in ids(apply(ds, Filters(factions=("pa",))))


def test_several_factions_are_a_union(ds):
    both = ids(apply(ds, Filters(factions=("qatar", "israel"))))
    assert both == ids(apply(ds, Filters(factions=("qatar",)))) | ids(apply(ds, Filters(factions=("israel",))))


def test_quotes_match_by_speaker_faction(ds):
    sel = apply(ds, Filters(factions=("russia",)))
    assert set(sel.quotes["speaker_id"]) == {"bogdanov"}
    fatah = apply(ds, Filters(factions=("fatah",)))
    assert set(fatah.quotes["speaker_id"]) == {"abbas"}


def test_actor_filter(ds):
    sel = apply(ds, Filters(actors=("abu-marzouk",)))
    assert ids(sel) == {"ev-2024-01-19-hamas-delegation-moscow"}
    assert sel.quotes.empty


def test_actor_options_narrow_to_factions(ds):
    assert set(ds.actors_in_factions(("russia",))) == {"russia", "bogdanov"}
    assert len(ds.actors_in_factions(())) == len(ds.actors)


def test_date_range_overlaps_month_precision(ds):
    # The war's start is known only to October 2023: a range touching any day of it matches.
    sel = apply(ds, Filters(dates=(dt.date(2023, 10, 20), dt.date(2023, 10, 25))))
    assert "ev-2023-10-gaza-war" in ids(sel)
    assert "ev-2023-10-26-hamas-in-moscow" not in ids(sel)
    assert "ev-2023-10-07-al-aqsa-flood" not in ids(sel)


def test_status_hides_planned(ds):
    sel = apply(ds, Filters(statuses=("occurred", "reported")))
    assert MEETING not in ids(sel) and len(sel.events) == 12
    assert ids(apply(ds, Filters(statuses=("planned",)))) == {MEETING}


def test_type_filter(ds):
    assert ids(apply(ds, Filters(types=("meeting",)))) == {MEETING}


def test_search_titles_actor_names_and_quotes(ds):
    # His name is an actor of the delegation and is in the war event's evidence.
    assert ids(apply(ds, Filters(q="MARZOUK"))) == {"ev-2024-01-19-hamas-delegation-moscow", "ev-2023-10-gaza-war"}
    by_quote = apply(ds, Filters(q="legitimate weapon"))
    assert "ev-2024-02-18-abbas-welcomes-invitation" in ids(by_quote)
    assert set(by_quote.quotes["quote_id"]) == {"q-abbas-2024-02-18-coup"}
    assert ids(apply(ds, Filters(q="moscow hamas"))) >= {MEETING, "ev-2023-10-26-hamas-in-moscow"}


def test_search_reads_the_evidence(ds):
    import datetime as dt

    # The example: Hamas + February 2024 + "technocratic" — the word is only in the evidence.
    found = apply(ds, Filters(factions=("hamas",), dates=(dt.date(2024, 2, 1), dt.date(2024, 2, 29)), q="technocratic"))
    assert ids(found) == {"ev-2024-02-factions-consult"}
    assert "technocratic" not in ds.events.set_index("event_id").loc["ev-2024-02-factions-consult", "title"].lower()


def test_search_is_literal_not_regex(ds):
    assert apply(ds, Filters(q="(.*")).events.empty


def test_empty_selection(ds):
    sel = apply(ds, Filters(factions=("pij",), statuses=("planned",)))
    assert sel.events.empty and sel.counts()["events"] == 0


def test_selected_event_does_not_narrow(ds):
    assert len(apply(ds, Filters(event=MEETING)).events) == 13


def test_exports_hold_the_contract_columns_of_exactly_the_selection(ds):
    import csv
    import io
    import json

    from components.analysis.export import table_csv, table_json

    sel = apply(ds, Filters(factions=("russia",)))
    rows = list(csv.DictReader(io.StringIO(table_csv(sel.events, "events").decode())))
    assert [r["event_id"] for r in rows] == list(sel.events["event_id"])
    assert list(rows[0])[:11] == [
        "event_id",
        "date",
        "date_text",
        "status",
        "event_type",
        "title",
        "summary",
        "location",
        "actor_ids",
        "article_id",
        "evidence",
    ]
    quotes = json.loads(table_json(sel.quotes, "quotes"))
    assert [q["quote_id"] for q in quotes] == list(sel.quotes["quote_id"])
    assert "event_pos" not in quotes[0] and "verified" not in quotes[0]
