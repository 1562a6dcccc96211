"""The filters and aggregates on an analytical engine (DuckDB through Ibis) give exactly the in-memory
model's results on the same ingested dataset (issue 17)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from components.analysis import cooccurrence, query
from components.analysis.filters import FILTERS, Filters
from components.io.ingest import ingest, load_trusted

from .conftest import BUNDLED

pytest.importorskip("ibis")
pytest.importorskip("duckdb")
from components.engines.sql import SqlEngine, Unsupported  # noqa: E402


def states(ds) -> list[Filters]:
    factions = list(ds.factions["faction_id"])
    actors = list(ds.actors["actor_id"])
    types = list(ds.event_types["event_type"])
    first = ds.events["start"].min().date()
    middle = first + (ds.events["end"].max().date() - first) / 2
    out = [
        Filters(),
        Filters(factions=(factions[0],)),
        Filters(factions=tuple(factions[:3])),
        Filters(together=tuple(factions[:2])),
        Filters(actors=(actors[0], actors[-1])),
        Filters(dates=(middle, None)),
        Filters(dates=(None, middle)),
        Filters(dates=(middle, middle + dt.timedelta(days=40))),
        Filters(types=tuple(types[:2])),
        Filters(statuses=("planned",)),
        Filters(statuses=("occurred", "reported"), factions=(factions[1],), dates=(middle, None)),
        Filters(min_sources=2),
    ]
    if "location" in ds.events.columns and ds.events["location"].str.strip().ne("").any():
        out.append(Filters(places=(ds.events["location"][ds.events["location"].str.strip() != ""].iloc[0].strip(),)))
    return out


@pytest.fixture(scope="module", params=["bundled", "synthetic"])
def pair(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp("engines")
    source = BUNDLED
    if request.param == "synthetic":
        from components.io.synth import synthesize

        synthesize(3000, folder / "synth", seed=5, reports=0.3)
        source = folder / "synth"
    ingest(source, folder / "ds")
    return load_trusted(folder / "ds"), SqlEngine(folder / "ds")


def test_every_filter_selects_the_same_events(pair):
    ds, engine = pair
    for f in states(ds):
        memory = query.apply(ds, f).event_pos
        assert np.array_equal(engine.positions(f), np.sort(memory)), f


def test_counts_per_faction_and_the_matrix_are_the_same(pair):
    ds, engine = pair
    for f in states(ds)[:6]:
        sel = query.apply(ds, f)
        m = cooccurrence.faction_matrix(ds, sel.event_pos)
        expected = {
            (a, b): int(m.counts[i, j]) for i, a in enumerate(m.ids) for j, b in enumerate(m.ids) if m.counts[i, j]
        }
        assert engine.faction_matrix(f) == expected, f
        assert engine.per_faction(f) == {a: n for (a, b), n in expected.items() if a == b}, f


def test_a_filter_not_yet_compiled_is_refused_clearly(pair):
    _, engine = pair
    assert FILTERS["q"].sql is None
    with pytest.raises(Unsupported, match="Search filter does not run on an engine yet"):
        engine.count(Filters(q="moscow"))
