"""Checks of meaning (components/data/meaning.py): warnings that never block loading, one broken copy each."""

from __future__ import annotations

import pandas as pd
import pytest

from components.cli import main
from components.data.load import load

from .conftest import BUNDLED, edit_row


def warnings_of(directory) -> list[str]:
    return [str(w) for w in load(directory).warnings]


def test_the_bundled_data_has_no_warnings():
    assert load(BUNDLED).warnings == ()


def test_an_occurred_event_after_its_article(data_copy):
    # The bundled report (28 February) announces the 29 February meeting: "occurred" cannot come from it.
    edit_row(data_copy, "events", "ev-2024-02-29-hamas-fatah-meet-moscow", status="occurred")
    found = warnings_of(data_copy)
    assert len(found) == 1 and "column date" in found[0] and "after its article" in found[0]


def test_a_planned_event_before_its_article(data_copy):
    edit_row(data_copy, "events", "ev-2024-02-16-russia-invites-factions", status="planned")
    found = warnings_of(data_copy)
    assert len(found) == 1 and "column status" in found[0] and "before its article" in found[0]


def test_a_quote_said_after_its_article(data_copy):
    edit_row(data_copy, "quotes", "q-bogdanov-2024-02-16-invited", said_on="2024-03-05")
    found = warnings_of(data_copy)
    assert len(found) == 1 and "column said_on" in found[0]


def test_a_likely_duplicate_under_a_new_id(data_copy):
    path = data_copy / "events.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    copy = frame[frame["event_id"] == "ev-2024-02-16-russia-invites-factions"].assign(
        event_id="ev-2024-02-16-russia-invites-factions-again"
    )
    pd.concat([frame, copy]).to_csv(path, index=False)
    found = warnings_of(data_copy)
    assert len(found) == 1 and "looks like a duplicate of 'ev-2024-02-16-russia-invites-factions'" in found[0]


def test_a_speaker_the_passage_does_not_name(data_copy):
    edit_row(data_copy, "quotes", "q-zomlot-guardian-technocratic", speaker_id="bogdanov")
    found = warnings_of(data_copy)
    assert len(found) == 1 and "column speaker_id" in found[0] and "'bogdanov'" in found[0]


def test_validate_lists_warnings_and_still_succeeds(data_copy, capsys):
    edit_row(data_copy, "events", "ev-2024-02-29-hamas-fatah-meet-moscow", status="occurred")
    assert main(["validate", str(data_copy)]) == 0
    out = capsys.readouterr().out
    assert "valid" in out and "1 warning(s) to look at" in out and "after its article" in out


@pytest.mark.parametrize("tab", ["About this data"])
def test_the_app_shows_the_warnings(data_copy, monkeypatch, tab):
    from .test_app import run

    edit_row(data_copy, "events", "ev-2024-02-29-hamas-fatah-meet-moscow", status="occurred")
    at = run(data=data_copy, monkeypatch=monkeypatch, tab=tab)
    assert not at.exception
    assert any("check of meaning" in c.value for c in at.caption)
    assert any("Checks of meaning (1 warning)" in m.value for m in at.markdown)


def test_a_card_shows_the_role_at_the_quote_date(data_copy, monkeypatch):
    from .test_app import run

    (data_copy / "roles.csv").write_text(
        "role_id,actor_id,role,from,to\nr-envoy,bogdanov,Special Presidential Envoy for the Middle East,2024-03,\n"
        "r-old,bogdanov,Deputy Foreign Minister of the Russian Federation,,2024-02\n",
        encoding="utf-8",
    )
    ds = load(data_copy)
    assert ds.role_at("bogdanov", "2024-03-05") == "Special Presidential Envoy for the Middle East"
    assert ds.role_at("bogdanov", "2024-02-16") == "Deputy Foreign Minister of the Russian Federation"
    assert ds.role_at("bogdanov", "2023-01-01") == "Deputy Foreign Minister of the Russian Federation"
    assert ds.role_at("abbas", "2024-02-18") == ds.actor["abbas"]["role"]  # no dated role: actors.role
    at = run({"faction": "russia"}, data=data_copy, monkeypatch=monkeypatch)
    cards = " ".join(m.value for m in at.markdown)
    assert "Deputy Foreign Minister of the Russian Federation" in cards  # said 16 February
    assert "Special Presidential Envoy" not in cards  # a later title is not put on an earlier quote


def test_a_role_for_an_unknown_actor_is_an_error(data_copy):
    from components.data.problems import InvalidData

    (data_copy / "roles.csv").write_text("role_id,actor_id,role,from,to\nr1,nobody,Envoy,2024,\n", encoding="utf-8")
    with pytest.raises(InvalidData) as err:
        load(data_copy)
    assert [(p.file, p.row, p.column) for p in err.value.problems] == [("roles.csv", 2, "actor_id")]


def test_merge_keeps_places_and_roles(data_copy, tmp_path):
    from components.io.merge import merge

    (data_copy / "roles.csv").write_text(
        "role_id,actor_id,role,from,to\nr-envoy,bogdanov,Special Presidential Envoy,2024-03,\n", encoding="utf-8"
    )
    other = tmp_path / "other"
    import shutil

    shutil.copytree(BUNDLED, other)
    merge([data_copy, other], tmp_path / "out")
    ds = load(tmp_path / "out")
    assert set(ds.places["place"]) == {"Moscow, Russia", "Gaza Strip"}
    assert ds.role_at("bogdanov", "2024-03-05") == "Special Presidential Envoy"
