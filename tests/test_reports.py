"""An event told by several reports (issue 13): status history, corroboration, attribution chains, joint
statements, grades, merge attaching a report, exports — on the bundled data plus the fictional follow-up
reports of tests/fixtures/reports."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from components.analysis import provenance, urlstate
from components.analysis.export import reports_of, table_csv, timelinejs
from components.analysis.filters import Filters
from components.analysis.query import apply as select
from components.cli import main
from components.data.load import load
from components.data.problems import InvalidData
from components.io.merge import merge

from . import reports_fixture
from .conftest import BUNDLED, ROOT, edit_row

MEETING = reports_fixture.MEETING


@pytest.fixture
def told(tmp_path):
    return reports_fixture.write(tmp_path / "told")


def _event(ds, event_id=MEETING) -> dict:
    return ds.events.iloc[ds.position_of(event_id)].to_dict()


def test_old_directories_load_unchanged():
    ds = load(BUNDLED)
    raw = pd.read_csv(BUNDLED / "events.csv", dtype=str, keep_default_na=False).set_index("event_id")
    shown = ds.events.set_index("event_id")
    assert ds.reports is None and ds.warnings == ()
    assert (shown["status"].astype(str) == raw.loc[shown.index, "status"]).all()
    assert (shown["date"] == raw.loc[shown.index, "date"]).all()
    assert set(ds.events["n_reports"]) == {1} and set(ds.events["n_sources"]) == {1}
    own = ds.reports_of(ds.position_of(MEETING))
    assert list(own["report_id"]) == [MEETING] and own["status"].iat[0] == "planned"


def test_planned_then_occurred_history(told):
    ds = load(told)
    e = _event(ds)
    assert (e["status"], e["date"], e["date_text"], e["n_reports"]) == ("occurred", "2024-02-29", "on Thursday", 4)
    assert not e["date_conflict"]
    assert provenance.status_history(ds, ds.position_of(MEETING)) == (
        "planned — A Russian news agency (not named in the article), 28 Feb 2024 → occurred — Eastwire (fictional), 1 Mar 2024"
    )
    # The planned report stays in the history; the status filter sees the derived status.
    assert list(ds.reports_of(ds.position_of(MEETING))["status"]) == ["planned", "occurred", "occurred", "occurred"]
    assert MEETING not in set(select(ds, Filters(statuses=("planned",))).events["event_id"])
    assert MEETING in set(select(ds, Filters(statuses=("occurred",))).events["event_id"])


def test_corroboration_counts_a_relay_once(told):
    ds = load(told)
    # First publishers: the Russian agency (28 Feb), Eastwire (1 Mar), Northgate (2 Mar); the Levant Ledger's
    # republication of Eastwire's text counts with Eastwire.
    assert _event(ds)["n_sources"] == 3
    filters, notices = urlstate.parse({"min_sources": ["3"]}, ds)
    assert notices == [] and list(select(ds, filters).events["event_id"]) == [MEETING]
    assert urlstate.to_query_string(filters) == "min_sources=3"
    assert len(select(ds, Filters(min_sources=4)).events) == 0
    edit_row(
        told, "reports", "rp-ll-2024-03-03-relay", reported_by="levant-ledger", chain="published by: levant-ledger"
    )
    assert _event(load(told))["n_sources"] == 4  # its own account now


def test_a_bad_min_sources_is_ignored_with_a_notice(told):
    filters, notices = urlstate.parse({"min_sources": ["lots"]}, load(told))
    assert filters.min_sources == 0 and "min_sources" in notices[0]


def test_every_chain_wording_on_a_card(told):
    ds = load(told)
    lines = {q["quote_id"]: provenance.attribution(ds, q) for q in ds.quotes.to_dict(orient="records")}
    assert lines["q-nadir-2024-02-29-keep-talking"] == "told Eastwire (fictional), 1 Mar 2024"
    assert lines["q-mansour-2024-03-listen"] == (
        "said at a forum on regional security in Moscow · told Northgate Agency (fictional) · via Harbour Post (fictional), 2 Mar 2024"
    )
    assert lines["q-factions-2024-03-02-meet-again"] == (
        "in a statement · published by Northgate Agency (fictional) · via Harbour Post (fictional), 2 Mar 2024"
    )
    assert lines["q-moscow-factions-first-step"] == (
        "published by Northgate Agency (fictional) · relayed by Eastwire (fictional) · via Levant Ledger (fictional), 3 Mar 2024"
    )
    assert lines["q-zomlot-guardian-technocratic"] == "told The Guardian · via Al Jazeera, 28 Feb 2024"
    assert (
        lines["q-abbas-2024-02-18-coup"]
        == "said at a meeting of the Palestinian leadership · via Al Jazeera, 28 Feb 2024"
    )
    # No fixed phrase: a quote without a chain names who reported it and where we read it.
    ds2 = load(BUNDLED)
    q = ds2.quotes[ds2.quotes["quote_id"] == "q-zomlot-guardian-technocratic"].iloc[0].to_dict() | {"chain": ""}
    assert provenance.attribution(ds2, q) == "reported by The Guardian · via Al Jazeera, 28 Feb 2024"


def test_a_chain_with_an_unknown_wording_or_outlet_is_an_error(told):
    edit_row(told, "quotes", "q-nadir-2024-02-29-keep-talking", chain="whispered to: eastwire")
    edit_row(told, "reports", "rp-ll-2024-03-03-relay", chain="published by: nobody")
    with pytest.raises(InvalidData) as err:
        load(told)
    problems = {(p.file, p.column): p.message for p in err.value.problems}
    assert "'whispered to'" in problems[("quotes.csv", "chain")]
    assert "'nobody', which sources.csv does not define" in problems[("reports.csv", "chain")]


def test_a_group_statement(told):
    ds = load(told)
    joint = ds.quotes[ds.quotes["quote_id"] == "q-factions-2024-03-02-meet-again"].iloc[0]
    assert provenance.speaker_names(ds, joint["speaker_id"]) == "Hamas, Fatah and Palestinian Islamic Jihad"
    assert provenance.group_line(ds, joint["speaker_id"]) == "joint statement of 3"
    assert provenance.group_line(ds, "moscow-factions") == "a group of 3: Hamas, Fatah, Palestinian Islamic Jihad"
    # A signatory, and a member of a group speaker, finds the statement.
    by_pij = set(select(ds, Filters(actors=("pij",))).quotes["quote_id"])
    assert {"q-factions-2024-03-02-meet-again", "q-moscow-factions-first-step"} <= by_pij
    assert "q-nadir-2024-02-29-keep-talking" not in by_pij


def test_grades_are_shown_and_filtered(told):
    ds = load(told)
    assert provenance.grade(ds, "eastwire", "2") == (
        "B2",
        "Eastwire (fictional): usually reliable; the account: probably true",
    )
    assert provenance.grade(ds, "aljazeera", "") == ("", "")
    assert list(select(ds, Filters(grades=("B",))).events["event_id"]) == [MEETING]
    assert list(select(ds, Filters(grades=("C", "3"))).events["event_id"]) == [MEETING]
    assert len(select(ds, Filters(grades=("A",))).events) == 0
    assert len(select(ds, Filters(grades=("D",))).events) == 0  # the Ledger only relays Eastwire (B)
    assert set(select(ds, Filters(grades=("B",))).quotes["quote_id"]) == {"q-nadir-2024-02-29-keep-talking"}


def test_each_report_is_checked_against_its_article(told):
    # Evidence must be verbatim ...
    edit_row(told, "reports", "rp-ew-2024-03-01-meeting-held", evidence="Delegations met in Moscow on Thursday")
    with pytest.raises(InvalidData) as err:
        load(told)
    assert [(p.file, p.row, p.column) for p in err.value.problems] == [("reports.csv", 2, "evidence")]


def test_a_report_of_an_occurred_event_after_its_article(told):
    edit_row(told, "reports", "rp-ew-2024-03-01-meeting-held", date="2024-03-05", date_text="next Tuesday")
    found = [str(w) for w in load(told).warnings]
    assert any("reports.csv" in w and "report is 'occurred'" in w and "after its article" in w for w in found)


def test_reports_that_contradict_each_other_on_the_date(told):
    edit_row(told, "reports", "rp-ew-2024-03-01-meeting-held", date="2024-02-27", date_text="on Tuesday")
    ds = load(told)
    e = _event(ds)
    assert e["date_conflict"] and e["date"] == "2024-02-29"  # the latest report's date stands
    assert any("disagree on its date" in str(w) for w in ds.warnings)


def test_validate_lists_no_warning_for_the_fixture(told, capsys):
    assert main(["validate", str(told)]) == 0
    assert "Warning" not in capsys.readouterr().out


def _follow_up(tmp_path):
    """A separate directory holding only Eastwire's account of the meeting, as its own event."""
    d = reports_fixture.write(tmp_path / "followup-src")
    out = tmp_path / "followup"
    out.mkdir()
    for name in ("factions", "actors", "sources", "event_types"):
        shutil.copy(d / f"{name}.csv", out / f"{name}.csv")
    (out / "articles").mkdir()
    shutil.copy(d / "articles" / "ew-2024-03-01-moscow-meeting.txt", out / "articles")
    articles = pd.read_csv(d / "articles.csv", dtype=str, keep_default_na=False)
    articles[articles["article_id"] == "ew-2024-03-01-moscow-meeting"].to_csv(out / "articles.csv", index=False)
    events = pd.read_csv(d / "events.csv", dtype=str, keep_default_na=False)
    held = events[events["event_id"] == MEETING].assign(
        event_id="ev-meeting-held",
        title="Hamas and Fatah delegations meet in Moscow",
        status="occurred",
        date_text="on Thursday",
        article_id="ew-2024-03-01-moscow-meeting",
        evidence="Delegations of Hamas and Fatah held a meeting in Moscow on Thursday",
        reported_by="eastwire",
    )
    held.to_csv(out / "events.csv", index=False)
    quotes = pd.read_csv(d / "quotes.csv", dtype=str, keep_default_na=False)
    mine = quotes[quotes["quote_id"] == "q-nadir-2024-02-29-keep-talking"].assign(event_id="ev-meeting-held")
    mine.to_csv(out / "quotes.csv", index=False)
    load(out)
    return out


def test_merge_attaches_a_confident_duplicate_as_a_report(tmp_path):
    follow = _follow_up(tmp_path)
    out = tmp_path / "merged"
    report = merge([BUNDLED, follow], out)
    assert len(report.attached) == 1 and report.attached[0].startswith("followup:ev-meeting-held → " + MEETING)
    assert "Attached as further reports" in report.text()
    ds = load(out)
    e = _event(ds)
    assert (e["status"], e["n_reports"], e["n_sources"]) == ("occurred", 2, 2)
    assert ds.position_of("followup:ev-meeting-held") is None
    # The quote follows its event; the old id is a link to the event that replaces it.
    nadir = ds.quotes[ds.quotes["quote_id"] == "followup:q-nadir-2024-02-29-keep-talking"]
    assert list(nadir["event_id"]) == [MEETING]
    filters, notices = urlstate.parse({"event": ["followup:ev-meeting-held"]}, ds)
    assert filters.event == MEETING and "was merged into" in notices[0]
    assert ds.warnings == ()


def test_merge_lists_unsure_pairs_without_attaching(tmp_path):
    follow = _follow_up(tmp_path)
    edit_row(follow, "events", "ev-meeting-held", actor_ids="hamas;fatah;russia")  # not the same actors
    report = merge([BUNDLED, follow], tmp_path / "merged")
    assert report.attached == [] and len(report.duplicates) == 1
    assert (tmp_path / "merged" / "duplicates.csv").is_file()


def test_exports_carry_reports_and_chains(told):
    ds = load(told)
    sel = select(ds, Filters(q="moscow meet"))
    exported = reports_of(ds, sel.event_pos)
    mine = exported[exported["event_id"] == MEETING]
    assert list(mine["report_id"])[0] == MEETING and len(mine) == 4
    assert "published by: eastwire; relayed by: levant-ledger" in set(mine["chain"])
    csv_text = table_csv(exported, "reports").decode()
    assert "relayed by Levant Ledger (fictional)" in csv_text
    pos = ds.position_of(MEETING)
    slide = json.loads(timelinejs(ds, ds.events.iloc[[pos]], [pos], ds.quotes))["events"][0]["text"]["text"]
    assert "Status history: planned" in slide and "in a statement · published by Northgate" in slide
    quotes_csv = table_csv(sel.quotes, "quotes").decode()
    assert "told: eastwire" in quotes_csv


def test_details_and_cards_in_the_app(told, monkeypatch):
    monkeypatch.setenv("FACTIONLINE_DATA", str(told))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params.update({"event": MEETING})
    at.run()
    assert not at.exception
    text = " ".join(m.value for m in at.markdown) + " ".join(c.value for c in at.caption)
    assert "Status history: planned — A Russian news agency" in text
    assert "3 sources · 4 reports" in text
    assert "Reports (4)" in text
    assert "said at a forum on regional security in Moscow · told Northgate Agency \\(fictional\\)" in text
    assert "Hamas, Fatah and Palestinian Islamic Jihad" in text and "joint statement of 3" in text
    assert "Graded B2" in text
    assert at.selectbox(key="w_min_sources") is not None


def test_reports_cost_little_at_scale(tmp_path):
    """A synthetic directory with reports for a third of its events loads and derives (the 1M timing is in
    bench/load_check.py)."""
    from components.io.synth import synthesize

    synthesize(3_000, tmp_path / "synth", reports=0.3)
    ds = load(tmp_path / "synth")
    assert ds.has_reports and len(ds.reports) > 900
    assert (ds.events["n_reports"] >= 1).all() and ds.events["n_reports"].max() >= 2
    assert np.isin(ds.reports["event_pos"], np.arange(len(ds.events))).all()


def test_corroboration_and_grades_from_the_link(told, monkeypatch):
    monkeypatch.setenv("FACTIONLINE_DATA", str(told))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params.update({"min_sources": "2", "grade": "B"})
    at.run()
    assert not at.exception
    assert at.selectbox(key="w_min_sources").value == "2"
    assert at.multiselect(key="w_grades").value == ["B"]
    line = next(c.value for c in at.caption if "in the current selection" in c.value)
    assert line.startswith("1 of 13 events")


def test_a_dated_faction_membership(told):
    (told / "roles.csv").write_text(
        "role_id,actor_id,role,from,to,faction_ids\n"
        "nadir-before,nadir,Independent commentator (fictional),,2024-01-31,\n"
        "nadir-spokes,nadir,Fatah spokesperson (fictional),2024-02-01,,fatah;pa\n",
        encoding="utf-8",
    )
    ds = load(told)
    assert ds.factions_at("nadir", "2024-02-29") == ["fatah", "pa"]
    assert ds.factions_at("nadir", "2023-12-01") == ["fatah"]  # no dated factions: actors.faction_ids
    assert ds.role_at("nadir", "2023-12-01") == "Independent commentator (fictional)"
