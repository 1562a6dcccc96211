"""Who meets whom, compare and stories (issue 16): the matrix equals the event-level truth, a cell's filter,
change levels on a constructed case, story steps and their export."""

from __future__ import annotations

import datetime as dt
import itertools
import json

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from components.analysis import compare, cooccurrence, query
from components.analysis.export import story_steps, story_timelinejs
from components.analysis.filters import Filters
from components.data.load import load

from .conftest import BUNDLED, ROOT

APP = str(ROOT / "dashboard.py")


def truth(ds, positions) -> dict[tuple[str, str], int]:
    """Shared events per faction pair, counted event by event."""
    out: dict = {}
    for pos in positions:
        factions = sorted(set(ds.event_lanes([int(pos)])["faction_id"]) - {""})
        for a, b in itertools.product(factions, repeat=2):
            out[(a, b)] = out.get((a, b), 0) + 1
    return out


def check(ds, positions):
    m = cooccurrence.faction_matrix(ds, np.asarray(positions, dtype=np.int64))
    expected = truth(ds, positions)
    for i, a in enumerate(m.ids):
        for j, b in enumerate(m.ids):
            assert m.counts[i, j] == expected.get((a, b), 0), (a, b)


def test_the_faction_matrix_equals_the_event_level_truth_on_the_bundled_data():
    ds = load(BUNDLED)
    check(ds, range(len(ds.events)))
    check(ds, query.apply(ds, Filters(dates=(dt.date(2024, 2, 1), None))).event_pos)
    m = cooccurrence.faction_matrix(ds, np.arange(len(ds.events)))
    assert m.pairs()[0] == ("hamas", "fatah", 4)


def test_the_matrix_equals_the_truth_on_synthetic_data(tmp_path):
    from components.io.synth import synthesize

    synthesize(3000, tmp_path / "s", seed=3)
    ds = load(tmp_path / "s")
    rng = np.random.default_rng(0)
    check(ds, np.sort(rng.choice(len(ds.events), 800, replace=False)))
    actors = cooccurrence.actor_matrix(ds, np.arange(len(ds.events)), (ds.factions["faction_id"].iat[0],))
    assert actors is not None and (np.diag(actors.counts) > 0).all()
    assert (actors.counts == actors.counts.T).all()


def test_a_pairs_filter_keeps_the_events_both_take_part_in():
    ds = load(BUNDLED)
    sel = query.apply(ds, Filters(together=("hamas", "fatah")))
    m = cooccurrence.faction_matrix(ds, np.arange(len(ds.events)))
    assert sel.n_events == m.counts[m.ids.index("hamas"), m.ids.index("fatah")] == 4
    for pos in sel.event_pos:
        assert {"hamas", "fatah"} <= set(ds.event_lanes([int(pos)])["faction_id"])
    months, counts = cooccurrence.shared_per_month(ds, np.arange(len(ds.events)), "hamas", "fatah")
    assert counts.sum() == 4


def test_quotes_do_not_count_as_meetings_unless_a_joint_statement(tmp_path):
    from . import reports_fixture

    ds = load(reports_fixture.write(tmp_path / "d"))
    everything = np.arange(len(ds.events))
    plain, joint = cooccurrence.faction_matrix(ds, everything), cooccurrence.faction_matrix(ds, everything, joint=True)
    multi = [q for q in ds.quotes["speaker_id"] if ";" in q]
    assert multi  # the fixture has a joint statement
    assert (joint.counts >= plain.counts).all() and (joint.counts > plain.counts).any()


@pytest.mark.parametrize(
    "before, now, expected",
    [
        (0, 0, "stable"),
        (0, 2, "stable"),
        (0, 3, "new"),
        (4, 0, "gone"),
        (2, 0, "stable"),
        (10, 12, "stable"),
        (10, 13, "up"),
        (10, 7, "down"),
        (2, 4, "stable"),
        (100, 120, "stable"),
        (100, 126, "up"),
    ],
)
def test_change_levels(before, now, expected):
    assert compare.level(before, now) == expected


def test_periods_compared_on_a_constructed_case():
    ds = load(BUNDLED)
    now = compare.Period(dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert now.previous() == compare.Period(dt.date(2024, 1, 3), dt.date(2024, 1, 31))
    from components.backends.memory import Memory

    table = compare.periods_of(Memory(ds), Filters(), now.previous(), now).set_index("faction_id")
    # Fatah: no event in January, several in February -> new; every count equals the selection's
    feb = query.apply(ds, Filters(dates=(now.first, now.last), factions=("fatah",))).n_events
    assert table.loc["fatah", "events now"] == feb and table.loc["fatah", "events before"] == 0
    assert table.loc["fatah", "level"] == "new"


def test_two_factions_side_by_side_count_as_the_selection_does():
    """Side by side, each faction's events and quotes are the selection's with that faction (the per-faction
    totals' one definition), and its main partner shares that many events (the matrix)."""
    from components.backends.memory import Memory

    ds = load(BUNDLED)
    table = compare.factions_side_by_side(Memory(ds), Filters(), "hamas", "fatah")
    for faction in ("hamas", "fatah"):
        alone = query.apply(ds, Filters(factions=(faction,)))
        column = table[ds.faction_name[faction]]
        assert column["events"] == alone.n_events and column["events"] > 0
        assert column["quotes"] == alone.counts()["quotes"]
    partner, shared = table[ds.faction_name["hamas"]]["main partners"].split(";")[0].rsplit(" (", 1)
    pair = Filters(together=("hamas", next(f for f, n in ds.faction_name.items() if n == partner)))
    assert int(shared.rstrip(")")) == query.apply(ds, pair).n_events


def test_the_bundled_story_steps_in_order_and_exports_its_narration():
    ds = load(BUNDLED)
    steps = story_steps(ds, "moscow-talks")
    assert list(steps["step_no"]) == [1, 2, 3, 4, 5, 6]
    assert steps["event_id"].iloc[-1] == "ev-2024-02-29-hamas-fatah-meet-moscow"
    data = json.loads(story_timelinejs(ds, "moscow-talks"))
    assert [s["unique_id"].split("-")[1] for s in data["events"]] == ["1", "2", "3", "4", "5", "6"]
    assert data["events"][0]["text"]["text"].startswith("<p>Step 1 of 6. Late October 2023")
    assert ds.warnings == () or not any("stories" in w.file for w in ds.warnings)


def test_a_story_link_steps_through_its_events():
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"story": "moscow-talks", "step": "2"})
    at.run()
    assert not at.exception
    assert any("step 2 of 6" in m.value for m in at.markdown)
    at.button(key="story-next").click()
    at.run()
    assert any("step 3 of 6" in m.value for m in at.markdown)
    assert at.query_params["event"] in (
        "ev-2024-02-16-russia-invites-factions",
        ["ev-2024-02-16-russia-invites-factions"],
    )
    bad = AppTest.from_file(APP, default_timeout=60)
    bad.query_params.update({"story": "<script>", "step": "x"})
    bad.run()
    assert not bad.exception and any("no story" in w.value for w in bad.warning)


def test_the_new_tabs_draw():
    for view in ("Who meets whom", "Compare"):
        at = AppTest.from_file(APP, default_timeout=60)
        at.query_params["view"] = view
        at.run()
        assert not at.exception, view
