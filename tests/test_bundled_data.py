"""The curated dataset: it validates, and the facts that matter are pinned."""

import datetime as dt
import re

import pytest

from components.data.load import load
from components.data.textmatch import occurs_in

from .conftest import BUNDLED, SHARED


@pytest.fixture(scope="module")
def ds():
    return load(BUNDLED)


def event(ds, event_id):
    rows = ds.events[ds.events["event_id"] == event_id]
    assert len(rows) == 1
    return rows.iloc[0]


def actors_of(ds, event_id):
    return set(ds.actors_of_event(event_id))


def factions_of(ds, event_id):
    return set(ds.factions_of_event(event_id))


def test_counts(ds):
    c = ds.counts()
    assert c["events"] >= 12 and c["quotes"] >= 7 and c["factions"] >= 8 and c["actors"] >= 12


def test_the_moscow_meeting_is_planned_in_moscow_with_hamas_and_fatah(ds):
    e = event(ds, "ev-2024-02-29-hamas-fatah-meet-moscow")
    assert e["status"] == "planned"
    assert e["date"] == "2024-02-29" and e["precision"] == "day"
    assert e["date_text"] == "tomorrow, Thursday"
    assert "Moscow" in e["location"]
    assert {"hamas", "fatah"} <= factions_of(ds, e["event_id"])
    assert e["reported_by"] == "russian-agency"


def test_relative_dates_resolved_against_publication_day(ds):
    published = dt.date.fromisoformat(ds.articles.iloc[0]["published_on"])
    assert published == dt.date(2024, 2, 28) and published.strftime("%A") == "Wednesday"
    resign = event(ds, "ev-2024-02-26-pa-government-resigns")
    assert resign["date_text"] == "two days ago"
    assert resign["start"].date() == published - dt.timedelta(days=2)
    meet = event(ds, "ev-2024-02-29-hamas-fatah-meet-moscow")
    assert meet["start"].date() == published + dt.timedelta(days=1)


def test_events_span_2007_to_29_february_2024(ds):
    assert ds.events["start"].min().date() == dt.date(2007, 1, 1)
    assert ds.events["end"].max().date() == dt.date(2024, 2, 29)
    assert set(ds.events["status"]) == {"occurred", "planned", "reported"}


def test_2007_is_a_year_and_the_war_start_a_month(ds):
    e = event(ds, "ev-2007-rupture")
    assert (e["precision"], e["start"].date(), e["end"].date()) == ("year", dt.date(2007, 1, 1), dt.date(2007, 12, 31))
    war = event(ds, "ev-2023-10-gaza-war")
    assert war["precision"] == "month" and war["end"].date() == dt.date(2023, 10, 31)


def test_undated_statements_are_marked_uncertain_or_approximate(ds):
    assert event(ds, "ev-2024-02-zomlot-guardian-interview")["uncertain"]
    assert event(ds, "ev-2024-02-qatar-egypt-help-form-government")["approximate"]


def test_every_evidence_and_quote_occurs_in_its_article(ds):
    for _, e in ds.events.iterrows():
        assert occurs_in(e["evidence"], ds.article_texts[e["article_id"]]), e["event_id"]
    assert ds.quotes["verified"].all()


def test_direct_quotes_are_verbatim(ds):
    direct = ds.quotes[ds.quotes["quote_type"] == "direct"]
    assert len(direct) == 2
    texts = set(direct["text"])
    assert (
        "a purely technocratic government without factions, and it is designed to unify the "
        "Palestinians, their geography, and their political system."
    ) in texts
    assert any(t.startswith("and ending the consequences of the coup in 2007") for t in texts)


def test_quote_attribution_chain(ds):
    q = ds.quotes.set_index("quote_id")
    zomlot = q[q["speaker_id"] == "zomlot"]
    assert len(zomlot) == 3
    assert set(zomlot["reported_by"]) == {"guardian"}
    assert set(zomlot["article_id"]) == {"aj-2024-02-28-moscow-talks"}
    assert set(q["quote_type"]) == {"direct", "paraphrase"}


def test_people_and_offices(ds):
    a = ds.actors.set_index("actor_id")
    af = ds.actor_factions
    assert set(af.loc[af["actor_id"] == "abbas", "faction_id"]) == {"fatah", "pa"}
    assert "Deputy Foreign Minister" in a.loc["bogdanov", "role"]
    assert "Ambassador to the United Kingdom" in a.loc["zomlot", "role"]
    assert "International Relations" in a.loc["abu-marzouk", "role"]
    assert "Prime Minister" in a.loc["shtayyeh", "role"]


def test_outlets_from_byline_caption_and_text(ds):
    assert {"aljazeera", "reuters", "guardian", "russian-agency", "british-press"} <= set(ds.sources["source_id"])
    credit = ds.articles.iloc[0]["credit"]
    assert "Reuters" in credit and "British press" in credit


LOADED = ["coup", "aggression", "resistance", "war on gaza", "terror", "martyr", "occupation"]


def _outside_quotes(text: str) -> str:
    return re.sub(r"“[^”]*”|\"[^\"]*\"", "", text).lower()


def test_titles_and_summaries_keep_loaded_terms_inside_quotes(ds):
    for _, e in ds.events.iterrows():
        for column in ("title", "summary"):
            bare = _outside_quotes(e[column])
            assert not [w for w in LOADED if w in bare], (e["event_id"], column, e[column])


def test_faction_colours_distinct_hex(ds):
    colours = ds.factions["color"].str.upper()
    assert colours.is_unique


def test_event_types_are_cameo_codes():
    cameo = SHARED / "fixtures/external/cameo/CAMEO.eventcodes.txt"
    if not cameo.exists():
        pytest.skip("shared CAMEO fixture not present")
    codes = {line.split("\t")[0] for line in cameo.read_text(encoding="utf-8").splitlines()[1:]}
    ds = load(BUNDLED)
    assert set(ds.event_types["cameo_code"]) <= codes


def test_curation_note_and_licence_present(ds):
    assert "curation" in ds.notes and "relative" in ds.notes["curation"].lower()
    assert "licence" in ds.notes


def test_stored_article_is_the_seed():
    seed = SHARED / "seed/article.txt"
    if not seed.exists():
        pytest.skip("shared seed not present")
    assert (BUNDLED / "articles/aj-2024-02-28-moscow-talks.txt").read_bytes() == seed.read_bytes()
