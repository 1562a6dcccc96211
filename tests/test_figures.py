import pandas as pd
import pytest

from components.analysis.aggregate import lane_counts
from components.analysis.figures import (
    NO_FACTION,
    counts_over_time,
    focus_range,
    timeline,
)
from components.analysis.query import Filters, apply
from components.data.load import load

from .conftest import BUNDLED

MEETING = "ev-2024-02-29-hamas-fatah-meet-moscow"


@pytest.fixture(scope="module")
def ds():
    return load(BUNDLED)


def marks(fig, event_id):
    """(trace type, lane) for every data mark of one event."""
    out = []
    for trace in fig.data:
        if trace.customdata is None:
            continue
        for cd, y in zip(trace.customdata, trace.y):
            if cd[0] == event_id:
                out.append((trace.type, y))
    return out


def test_one_lane_per_faction_plus_no_faction(ds):
    fig = timeline(ds, ds.events)
    lanes = set(fig.layout.yaxis.categoryarray)
    assert lanes == set(ds.factions["name"]) | {NO_FACTION}


def test_multi_faction_event_in_each_lane_with_same_id(ds):
    fig = timeline(ds, ds.events)
    lanes = {y for _, y in marks(fig, MEETING)}
    assert lanes == {"Hamas", "Fatah"}
    connector = [t for t in fig.data if t.name == "Same event in several lanes"]
    assert connector and len(connector[0].x) > 0


def test_day_is_a_mark_month_is_a_span(ds):
    fig = timeline(ds, ds.events)
    assert {t for t, _ in marks(fig, MEETING)} == {"scatter"}
    assert "bar" in {t for t, _ in marks(fig, "ev-2023-10-gaza-war")}
    bar = next(t for t in fig.data if t.type == "bar" and "ev-2023-10-gaza-war" in [c[0] for c in t.customdata])
    i = [c[0] for c in bar.customdata].index("ev-2023-10-gaza-war")
    assert pd.Timestamp(bar.base[i]) == pd.Timestamp("2023-10-01")
    assert float(bar.x[i]) == 31 * 86_400_000  # the whole of October, not the 1st


def test_planned_looks_different(ds):
    fig = timeline(ds, ds.events)
    for trace in fig.data:
        if trace.type == "scatter" and trace.customdata is not None:
            for cd, symbol in zip(trace.customdata, trace.marker.symbol):
                status = ds.events.set_index("event_id").loc[cd[0], "status"]
                assert (symbol == "diamond-open") == (status == "planned")


def test_uncertain_spans_are_hatched(ds):
    fig = timeline(ds, ds.events)
    for trace in fig.data:
        if trace.type == "bar":
            for cd, shape in zip(trace.customdata, trace.marker.pattern.shape):
                row = ds.events.set_index("event_id").loc[cd[0]]
                assert (shape == "/") == bool(row["uncertain"] or row["approximate"])


def test_hover_has_source_wording_actors_outlet_and_is_escaped(ds):
    events = ds.events.copy()
    events.loc[events["event_id"] == MEETING, "title"] = "<img src=x onerror=alert(1)>"
    fig = timeline(ds, events)
    texts = [h for t in fig.data if t.hovertext is not None for h in t.hovertext]
    meeting = [h for h in texts if "tomorrow, Thursday" in h]
    assert meeting and "Actors: Hamas, Fatah" in meeting[0] and "A Russian news agency" in meeting[0]
    assert "&lt;img" in meeting[0] and "<img" not in meeting[0]


def test_selected_event_is_ringed(ds):
    fig = timeline(ds, ds.events, selected=MEETING)
    ring = [t for t in fig.data if t.name == "Selected event"]
    assert ring and len(ring[0].x) == 2
    marks = next(t for t in fig.data if t.name == "dates")
    mark_x = {pd.Timestamp(x) for x, cd in zip(marks.x, marks.customdata) if cd[0] == MEETING}
    assert {pd.Timestamp(x) for x in ring[0].x} == mark_x  # on the day's mark, not half a day off


def test_selected_span_is_ringed_on_its_handle(ds):
    span_id = "ev-2023-10-gaza-war"
    fig = timeline(ds, ds.events, selected=span_id)
    ring = next(t for t in fig.data if t.name == "Selected event")
    handles = next(t for t in fig.data if t.name == "span handles")
    handle_x = {pd.Timestamp(x) for x, cd in zip(handles.x, handles.customdata) if cd[0] == span_id}
    assert {pd.Timestamp(x) for x in ring.x} == handle_x


def test_focus_skips_a_lone_early_event(ds):
    lo, hi, hidden = focus_range(ds.events)
    assert hidden == 1 and lo > pd.Timestamp("2023-01-01") and hi > pd.Timestamp("2024-02-29")
    only_recent = ds.events[ds.events["start"] > "2023-01-01"]
    assert focus_range(only_recent)[2] == 0


def test_empty_selection_makes_an_empty_figure(ds):
    fig = timeline(ds, ds.events.iloc[0:0])
    assert all(t.customdata is None for t in fig.data)


def test_counts_over_time_sum_to_lane_rows(ds):
    sel = apply(ds, Filters(factions=("hamas", "fatah")))
    fig = counts_over_time(ds, lane_counts(ds, sel.event_pos, only=("hamas", "fatah")))
    total = sum(int(sum(t.y)) for t in fig.data)
    pairs = ds.event_factions[ds.event_factions["faction_id"].isin(["hamas", "fatah"])]
    assert total == len(pairs) == 11  # 7 events, 4 of them in both lanes
    assert {t.name for t in fig.data} == {"Hamas", "Fatah"}


def test_chosen_factions_limit_the_lanes(ds):
    sel = apply(ds, Filters(factions=("hamas",)))
    fig = timeline(ds, sel.events, only=("hamas",))
    assert list(fig.layout.yaxis.categoryarray) == ["Hamas"]


def test_a_date_filter_sets_the_visible_window(ds):
    import datetime as dt

    sel = apply(ds, Filters(dates=(dt.date(2024, 2, 15), dt.date(2024, 2, 29))))
    fig = timeline(ds, sel.events, window=(dt.date(2024, 2, 15), dt.date(2024, 2, 29)))
    lo, hi = (pd.Timestamp(x) for x in fig.layout.xaxis.range)
    assert pd.Timestamp("2024-02-14") <= lo <= pd.Timestamp("2024-02-15")
    assert pd.Timestamp("2024-03-01") <= hi <= pd.Timestamp("2024-03-02")
