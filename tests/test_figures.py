import pandas as pd
import pytest

from components.analysis.aggregate import NO_FACTION, lane_counts
from components.analysis.charts.timeline import counts_over_time, focus_range, timeline
from components.analysis.query import Filters, apply
from components.data.load import load

from .conftest import BUNDLED

MEETING = "ev-2024-02-29-hamas-fatah-meet-moscow"


@pytest.fixture(scope="module")
def ds():
    return load(BUNDLED)


def lane_of_y(fig):
    """Lane name of a y value: the lane annotations sit at the tops of their bands."""
    tops = sorted(
        (a.y, a.text.removeprefix("<b>").removesuffix("</b>")) for a in fig.layout.annotations if a.yref == "y"
    )
    return lambda y: [name for top, name in tops if top <= y][-1]


def marks(fig, event_id):
    """(trace type, lane) for every data mark of one event."""
    lane = lane_of_y(fig)
    out = []
    for trace in fig.data:
        if trace.customdata is None or trace.name in ("span labels", "crowds"):
            continue
        for cd, y in zip(trace.customdata, trace.y):
            if cd[0] == event_id:
                out.append((trace.type, lane(y)))
    return out


def dots(fig) -> list[dict]:
    """Every day mark of the figure (one trace per status), as records."""
    out = []
    for t in fig.data:
        if t.name.startswith("dates"):
            texts = t.text if t.text is not None else [None] * len(t.x)
            for x, y, cd, text, op in zip(t.x, t.y, t.customdata, texts, t.marker.opacity):
                out.append({"x": pd.Timestamp(x), "y": y, "id": cd[0], "text": text, "opacity": op, "mode": t.mode})
    return out


def lanes_drawn(fig):
    return [a.text.removeprefix("<b>").removesuffix("</b>") for a in fig.layout.annotations if a.yref == "y"]


def test_one_lane_per_faction_plus_no_faction(ds):
    fig = timeline(ds, ds.events)
    assert set(lanes_drawn(fig)) == set(ds.factions["name"]) | {NO_FACTION}


def test_multi_faction_event_in_each_lane_with_same_id(ds):
    fig = timeline(ds, ds.events)
    lanes = {y for _, y in marks(fig, MEETING)}
    assert lanes == {"Hamas", "Fatah"}
    connector = [t for t in fig.data if t.name == "Same event in several lanes"]
    assert connector and len(connector[0].x) > 0


def test_joins_sit_on_the_marks(ds):
    fig = timeline(ds, ds.events)
    mark_x = {d["x"] for d in dots(fig) if d["id"] == MEETING}
    join = next(t for t in fig.data if t.name == "Same event in several lanes")
    assert mark_x and mark_x <= {pd.Timestamp(x) for x in join.x if x is not None}
    assert {x.hour for x in mark_x} == {12}  # a day's mark at its middle, as the join


def test_day_is_a_mark_month_is_a_span_without_a_handle(ds):
    fig = timeline(ds, ds.events)
    assert {t for t, _ in marks(fig, MEETING)} == {"scatter"}
    assert {t for t, _ in marks(fig, "ev-2023-10-gaza-war")} == {"bar"}
    bar = next(t for t in fig.data if t.type == "bar" and "ev-2023-10-gaza-war" in [c[0] for c in t.customdata])
    i = [c[0] for c in bar.customdata].index("ev-2023-10-gaza-war")
    assert pd.Timestamp(bar.base[i]) == pd.Timestamp("2023-10-01")
    assert float(bar.x[i]) == 31 * 86_400_000  # the whole of October, not the 1st
    assert "span handles" not in {t.name for t in fig.data}


def test_vague_spans_are_faint_and_thin(ds):
    fig = timeline(ds, ds.events)
    bar = next(t for t in fig.data if t.type == "bar")
    ids = [c[0] for c in bar.customdata]
    month = ids.index("ev-2023-10-gaza-war")
    assert bar.marker.opacity[month] <= 0.3 and bar.width[month] < 0.5
    lowest = min(d["opacity"] for d in dots(fig))
    assert lowest >= 0.45 and bar.marker.opacity[month] < lowest


def test_planned_looks_different(ds):
    fig = timeline(ds, ds.events)
    for trace in fig.data:
        if trace.name.startswith("dates"):
            for cd in trace.customdata:
                status = ds.events.set_index("event_id").loc[cd[0], "status"]
                assert (trace.marker.symbol == "diamond-open") == (status == "planned")


def test_uncertain_spans_are_hatched(ds):
    fig = timeline(ds, ds.events)
    for trace in fig.data:
        if trace.type == "bar":
            for cd, shape in zip(trace.customdata, trace.marker.pattern.shape):
                row = ds.events.set_index("event_id").loc[cd[0]]
                assert (shape == "/") == bool(row["uncertain"] or row["approximate"])


def test_few_marks_have_headlines(ds):
    fig = timeline(ds, ds.events)
    marks = dots(fig)
    assert {d["mode"] for d in marks} == {"markers+text"}
    assert any(str(d["text"]).startswith("Hamas and Fatah") for d in marks)


def test_hover_has_source_wording_actors_outlet_and_is_escaped(ds):
    events = ds.events.copy()
    events.loc[events["event_id"] == MEETING, "title"] = "<img src=x onerror=alert(1)>"
    fig = timeline(ds, events)
    texts = [h for t in fig.data if t.hovertext is not None for h in t.hovertext]
    meeting = [h for h in texts if "tomorrow, Thursday" in h]
    assert meeting and "Actors: Hamas, Fatah" in meeting[0] and "A Russian news agency" in meeting[0]
    assert "&lt;img" in meeting[0] and "<img" not in meeting[0]
    labels = [str(x) for t in fig.data if t.text is not None and not isinstance(t.text, str) for x in t.text]
    assert not any("<img" in x for x in labels)


def test_selected_event_is_ringed_on_its_marks(ds):
    fig = timeline(ds, ds.events, selected=MEETING)
    ring = [t for t in fig.data if t.name == "Selected event"]
    assert ring and len(ring[0].x) == 2
    at = {(d["x"], d["y"]) for d in dots(fig) if d["id"] == MEETING}
    assert {(pd.Timestamp(x), y) for x, y in zip(ring[0].x, ring[0].y)} == at


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
    assert lanes_drawn(fig) == ["Hamas"]


def test_a_date_filter_sets_the_visible_window(ds):
    import datetime as dt

    sel = apply(ds, Filters(dates=(dt.date(2024, 2, 15), dt.date(2024, 2, 29))))
    fig = timeline(ds, sel.events, window=(dt.date(2024, 2, 15), dt.date(2024, 2, 29)))
    lo, hi = (pd.Timestamp(x) for x in fig.layout.xaxis.range)
    assert pd.Timestamp("2024-02-14") <= lo <= pd.Timestamp("2024-02-15")
    assert pd.Timestamp("2024-03-01") <= hi <= pd.Timestamp("2024-03-02")


def test_a_short_span_shows_its_status_glyph_on_its_first_day(data_copy):
    """A two-day meeting that took place is a bar with the occurred glyph (issue 27: it read as reported);
    a long, faint span has no glyph, which would read as a day."""
    from .conftest import edit_row

    edit_row(data_copy, "events", MEETING, date="2024-03-01/2024-03-02", status="occurred")
    edit_row(
        data_copy, "events", "ev-2024-02-26-pa-government-resigns", date="2024-02-26/2024-02-27", status="reported"
    )
    two_days = load(data_copy)
    fig = timeline(two_days, two_days.events)
    glyphs = {
        cd[0]: (t.marker.symbol, pd.Timestamp(x))
        for t in fig.data
        if t.name.startswith("span status")
        for cd, x in zip(t.customdata, t.x)
    }
    assert glyphs[MEETING] == ("circle", pd.Timestamp("2024-03-01 12:00"))
    status = two_days.events.set_index("event_id")["status"]
    for event_id, (symbol, _) in glyphs.items():
        assert symbol == {"occurred": "circle", "reported": "square", "planned": "diamond-open"}[status[event_id]]
    assert "ev-2023-10-gaza-war" not in glyphs  # a month: a faint bar, no glyph


# --- issue 39: nothing drawn overlaps, at a phone's width and a desktop's ------------------------------------
@pytest.fixture(scope="module")
def dense(tmp_path_factory):
    from .acled_shaped import merged_with_bundled

    return load(merged_with_bundled(tmp_path_factory.mktemp("dense-figures"), 3000))


DENSE_VIEWS = {  # (factions, dates): the merged Hamas view, a drilled week, every lane in a week, a day
    "hamas": (("hamas",), None),
    "hamas-week": (("hamas",), ("2023-10-09", "2023-10-15")),
    "all-week": ((), ("2023-10-09", "2023-10-15")),
    "all-month": ((), ("2024-01-01", "2024-01-31")),
    "israel-day": (("israel",), ("2023-10-10", "2023-10-10")),
}


def dense_figure(dense, name, **kwargs):
    import datetime as dt

    factions, dates = DENSE_VIEWS[name]
    dates = tuple(dt.date.fromisoformat(d) for d in dates) if dates else None
    sel = apply(dense, Filters(factions=factions, dates=dates))
    return timeline(dense, sel.events, only=factions, window=dates, **kwargs), sel


@pytest.mark.parametrize("name", list(DENSE_VIEWS))
@pytest.mark.parametrize("width", [330, 700])
def test_no_mark_box_or_label_overlaps_another_at_a_phones_or_a_desktops_width(dense, name, width):
    """Issue 39: on the merged Hamas view 54 "+N" boxes overlapped (223 pairs) while the caption said none did;
    on a phone ordinary marks overlapped too. Boxes measured from the figure itself."""
    from components.analysis.charts.geometry import drawn_boxes, overlapping_pairs

    fig, _ = dense_figure(dense, name)
    boxes = drawn_boxes(fig, width)
    assert len(boxes) > 10
    pairs = overlapping_pairs(boxes)
    assert not pairs, [(boxes.loc[a].to_dict(), boxes.loc[b].to_dict()) for a, b in pairs[:3]]


def test_the_bundled_view_and_a_selected_label_overlap_nothing(ds, dense):
    from components.analysis.charts.geometry import drawn_boxes, overlapping_pairs

    for fig in (timeline(ds, ds.events), timeline(ds, ds.events, selected=MEETING)):
        for width in (330, 700):
            assert not overlapping_pairs(drawn_boxes(fig, width))
    fig, sel = dense_figure(dense, "hamas-week")
    chosen = sel.events["event_id"].iloc[len(sel.events) // 2]
    fig = timeline(dense, sel.events, selected=chosen, only=("hamas",), window=DENSE_VIEWS["hamas-week"][1])
    assert not overlapping_pairs(drawn_boxes(fig, 330))


def test_colour_means_one_thing_and_the_family_palette_shares_no_faction_colour(ds):
    """Issue 39: Hamas green was also "pressure & strategy", Fatah orange "protest", the PA's blue "talks". The
    families have colours no bundled faction uses; lanes are named, never coloured; a switch colours by faction."""
    from components.data.families import COLOURS

    assert not set(COLOURS.values()) & set(ds.factions["color"])
    fig = timeline(ds, ds.events)
    marks = {c for t in fig.data if t.name.startswith("dates") for c in t.marker.color}
    assert marks <= set(COLOURS.values())
    assert all(a.font.color is None for a in fig.layout.annotations)  # lane names in the page's text colour
    by_faction = timeline(ds, ds.events, colour_by="faction")
    marks = {c for t in by_faction.data if t.name.startswith("dates") for c in t.marker.color}
    assert marks <= set(ds.factions["color"]) | {"#7F7F7F"}


def test_a_selected_event_on_the_heat_strip_and_the_counts_chart_reads_whole(ds):
    """Issue 39: on merged data a story step's event was never highlighted (the timeline stays a heat strip); the
    counts chart's y title was clipped ("ents per week…") and its legend ran in reverse lane order."""
    from components.analysis.charts.timeline import density_timeline

    lc = lane_counts(ds, apply(ds, Filters()).event_pos)
    fig = density_timeline(ds, lc, selected=[("hamas", pd.Timestamp("2024-02-29"), pd.Timestamp("2024-02-29"))])
    ring = [t for t in fig.data if t.name == "Selected event"]
    hamas = [f for f, _ in lc.lanes].index("hamas")
    assert ring and ring[0].y[0] == pytest.approx(hamas + 0.62)
    counts = counts_over_time(ds, lc)
    assert len(counts.layout.yaxis.title.text) <= 20 and counts.layout.legend.traceorder == "normal"
    assert [t.name for t in counts.data] == [name for _, name in lc.lanes]


def test_labels_tell_same_lane_neighbours_apart(dense):
    """Issue 39: after drilling into a week nearly every label read "Armed clash: Hamas Movement and M…"."""
    fig, _ = dense_figure(dense, "hamas-week")
    labels = [str(x) for t in fig.data if t.text is not None and not isinstance(t.text, str) for x in t.text if x]
    assert len(labels) >= 5
    assert not [x for x in labels if x.startswith(("Armed clash: Hamas", "Air/drone strike: Military"))]
    assert len(set(labels)) >= 0.6 * len(labels)
    assert any(" · " in x for x in labels)  # "Gaza City · Armed clash"
