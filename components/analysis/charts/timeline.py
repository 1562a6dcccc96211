"""The timeline's figures: one mark per event in faction lanes, the heat strip of counts, counts (or sums)
over time, and where a click on them leads. Pure functions of a selection."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from components.analysis.aggregate import NO_FACTION, LaneCounts, focus_days
from components.analysis.charts.common import NO_FACTION_COLOUR, STATUS_WORDS, esc, faction_colours, point_data
from components.analysis.charts.geometry import drawn_boxes, overlapping_pairs
from components.analysis.packing import MIN_PLOT_PX, VAGUE_DAYS, Packed, crowd_text, label_text, pack
from components.analysis.provenance import sides_line
from components.data.families import COLOURS as FAMILY_COLOURS
from components.data.model import Dataset

DAY_MS = 86_400_000
SYMBOLS = {"occurred": "circle", "reported": "square", "planned": "diamond-open"}


LANE_COLUMNS = (
    "event_id",
    "title",
    "status",
    "start",
    "end",
    "precision",
    "uncertain",
    "approximate",
    "date_label",
    "date_text",
    "actor_ids",
    "article_id",
    "reported_by",
    "n_reports",
    "n_sources",
    "event_type",
    "civilian_targeting",
    "location",
    "sub_event_type",
)
MARK_PX = 12  # a mark's size; sized by fatalities, from it up to MARK_MAX_PX (a row is ROW_PX)
MARK_MAX_PX = 22


def lane_rows(ds: Dataset, events: pd.DataFrame, only: tuple[str, ...] = ()) -> pd.DataFrame:
    """One row per (event, faction lane); events with no faction go to the 'No faction' lane.

    With `only` (the factions chosen in the filter), just those lanes are drawn.
    """
    pairs = ds.event_lanes(events.index.to_numpy(), only)  # events' index = their positions
    where = events.index.get_indexer(pairs["event_pos"])
    lone = np.setdiff1d(np.arange(len(events)), where)  # in none of the drawn lanes: "No faction"
    take = np.concatenate([where, lone]).astype(np.int64)
    # take, not merge: a merge re-validates every categorical column's fill value (slow with many labels)
    used = [c for c in LANE_COLUMNS if c in events.columns]  # only what the chart reads: a take is per column
    rows = events[used].rename_axis("event_pos").reset_index().take(take).reset_index(drop=True)
    rows["faction_id"] = np.concatenate(
        [pairs["faction_id"].to_numpy(dtype=object), np.full(len(lone), "", dtype=object)]
    )
    rows["lane"] = rows["faction_id"].map(ds.faction_name | {"": NO_FACTION})
    return rows


def lane_order(ds: Dataset, rows: pd.DataFrame) -> list[str]:
    present = set(rows["lane"])
    lanes = [n for n in ds.factions["name"] if n in present]
    return lanes + ([NO_FACTION] if NO_FACTION in present else [])


def _hover(ds: Dataset, rows: pd.DataFrame, every: pd.DataFrame | None = None) -> list[str]:
    """Hover text per lane row. Columns are turned into Python lists first: iterating Arrow-backed
    frames row by row is what made a thousand-mark view slow."""
    col = {
        c: rows[c].astype("str").tolist() for c in ("event_id", "lane", "title", "date_text", "date_label", "status")
    }
    col |= {c: rows[c].astype("str").tolist() for c in ("actor_ids", "article_id", "reported_by")}
    lanes_per_event: dict[str, list[str]] = {}  # over every lane row (every), drawn or in a crowd
    every = rows if every is None else every
    for event_id, lane in zip(every["event_id"].astype("str").tolist(), every["lane"].astype("str").tolist()):
        lanes_per_event.setdefault(event_id, []).append(lane)
    fatalities = ds.number("fatalities")[rows["event_pos"].to_numpy()] if ds.has_measure("fatalities") else None
    told = rows["n_reports"].to_numpy() if ds.has_reports and "n_reports" in rows else None
    sources = rows["n_sources"].to_numpy() if told is not None else None
    actors_of: dict[str, str] = {}  # the same actor lists recur: name them once
    out = []
    for i, event_id in enumerate(col["event_id"]):
        ids = col["actor_ids"][i]
        if ids not in actors_of:
            actors_of[ids] = esc(", ".join(ds.actor_names(ids)))
        outlet = ds.outlet_name(ds.article_outlet(col["article_id"][i]))
        first = col["reported_by"][i]
        if first and first in ds.source:
            outlet = f"{ds.outlet_name(first)} · via {outlet}"
        if told is not None and told[i] > 1:  # the first report's outlet, and how many stand behind it
            outlet += f" (first of {told[i]} reports, {sources[i]} independent sources)"
        wording = f"“{esc(col['date_text'][i])}” → " if col["date_text"][i] else ""
        others = [lane for lane in lanes_per_event[event_id] if lane != col["lane"][i]]
        also = f"<br>Also in: {esc(', '.join(others))}" if others else ""
        killed = ""
        if fatalities is not None and fatalities[i] == fatalities[i]:
            killed = f"<br>Fatalities: {int(fatalities[i]):,}"
        status = col["status"][i]
        sides = sides_line(ds, int(rows["event_pos"].iat[i]))  # "Israel → Hamas" where the source says so
        who = esc(sides) if sides else actors_of[ids]
        out.append(
            f"<b>{esc(col['title'][i])}</b><br>{wording}{esc(col['date_label'][i])} · "
            f"{esc(STATUS_WORDS.get(status, status))}<br>Actors: {who}<br>Source: {esc(outlet)}{killed}{also}"
        )
    return out


ROW_PX = 24  # a row of marks in a lane
LABELS_UP_TO = 60  # lane marks: below this many, each mark has a short headline beside it
NAMED_UP_TO = 400  # up to this many, a mark has its headline where it fits (its hover always has it)
ROW_BUDGET = 36  # rows of marks in all lanes together (about a screen); labelled marks (few) get more


def timeline(
    ds: Dataset,
    events: pd.DataFrame,
    selected: str | None = None,
    only: tuple[str, ...] = (),
    window: tuple | None = None,
    by_fatalities: bool = False,
    colour_by: str = "type",
) -> go.Figure:
    """One lane per faction, split into rows so that no mark, "+N" box or label touches another at any plot
    width from a phone's (packing.py); day dates are marks at midday, coarser dates and intervals are bars
    over their days, vague ones faint. A crowded day beyond a lane's rows is one "+N" box that lists its
    events when clicked. Colour has one meaning: what happened (`colour_by="type"`, the type's family:
    data/families.py, a palette of its own) or the faction (`"faction"`); the lanes are named, never
    coloured. An event targeting civilians has a cross in its mark; with `by_fatalities`, a mark's area grows
    with the fatalities reported.

    customdata: [event_id] for an event's mark; ["@crowd", faction_id, first day, n, last day] for a crowd.
    layout.meta: marks, marks behind "+N" boxes, and the overlapping pairs of boxes as drawn (geometry.py).
    """
    rows = lane_rows(ds, events, only)
    lanes = lane_order(ds, rows)
    colours = faction_colours(ds)
    fig = go.Figure()
    lo, hi, hidden = view_range(events, window)
    labelled = 0 < len(rows) <= LABELS_UP_TO  # few: each reserves room for its label
    named = len(rows) <= NAMED_UP_TO  # more: labels where they fit (a drilled week's bars)
    rows["size"] = _sizes(ds, rows, by_fatalities)
    rows["fuzzy"] = rows["uncertain"] | rows["approximate"]
    rows["label"] = mark_labels(ds, rows) if named or selected is not None else ""
    if not named and selected is not None:  # many marks: only the selected one is named, where it fits
        rows.loc[rows["event_id"] != selected, "label"] = ""
    packed = pack(
        rows,
        lanes,
        (lo, hi),
        labels=True,
        budget=ROW_BUDGET * (2 if labelled else 1),
        selected=selected,
        reserve=labelled,
    )
    shown = packed.rows[packed.rows["row"] >= 0].copy()  # marks in a crowd are listed, not drawn
    shown["hover"] = _hover(ds, shown, packed.rows) if len(shown) else []
    if colour_by == "faction":
        shown["colour"] = shown["faction_id"].map(colours).fillna(NO_FACTION_COLOUR)
    else:
        shown["colour"] = shown["event_type"].astype(str).map(ds.type_family).fillna("other").map(FAMILY_COLOURS)
    shown["civilians"] = (
        shown["civilian_targeting"].astype(str).str.strip().ne("") if "civilian_targeting" in shown else False
    )
    is_span = shown["precision"] != "day"
    spans, points = shown[is_span], shown[~is_span]
    if len(spans):
        end = spans["end"] + pd.Timedelta(days=1)  # the last day is included in the span
        days = (end - spans["start"]).dt.days.to_numpy()
        vague = (days > VAGUE_DAYS) | spans["fuzzy"].to_numpy()
        fig.add_trace(
            go.Bar(
                name="spans",
                orientation="h",
                y=spans["y"],
                base=spans["start"],
                x=(end - spans["start"]).dt.total_seconds() * 1000,
                width=np.where(vague, 0.3, 0.6),
                customdata=spans[["event_id"]].to_numpy(),
                marker=dict(
                    color=spans["colour"],
                    opacity=np.where(vague, 0.25, 0.4).tolist(),  # light enough that a headline on it reads
                    line=dict(color=spans["colour"], width=np.where(vague, 0.5, 1.5)),
                    pattern=dict(
                        shape=np.where(spans["fuzzy"], "/", np.where(spans["status"] == "planned", ".", "")),
                        fgcolor=spans["colour"],
                        bgcolor="rgba(0,0,0,0)",
                        fillmode="replace",
                        solidity=0.35,
                    ),
                ),
                hovertext=spans["hover"],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
        _span_status(fig, spans[~vague])
    # One trace per status (and civilian targeting), each with one symbol: an array of symbols costs Plotly
    # ~0.5 ms a mark to validate.
    for (status, civilians), part in points.groupby([points["status"].astype(str), points["civilians"]], sort=False):
        planned = status == "planned"
        symbol = SYMBOLS.get(status, "circle")
        if civilians:  # a cross in the mark: civilians were the target
            symbol = symbol.replace("-open", "") + "-x" + ("-open" if planned else "")
        named = part["label"].astype(str).ne("").any()
        fig.add_trace(
            go.Scatter(
                name=("dates" if status == "occurred" else f"dates: {status}") + (", civilians" if civilians else ""),
                y=part["y"],
                x=part["x"],
                mode="markers+text" if named else "markers",
                text=[_shown_label(t, f, u) for t, f, u in zip(part["label"], part["uncertain"], part["approximate"])]
                if named
                else None,
                textposition=np.where(part["label_left"], "middle left", "middle right") if named else None,
                textfont=dict(size=11),
                customdata=part[["event_id"]].to_numpy(),
                hovertext=part["hover"],
                hovertemplate="%{hovertext}<extra></extra>",
                marker=dict(
                    size=part["size"],
                    color=part["colour"],
                    symbol=symbol,
                    opacity=np.where(part["fuzzy"].to_numpy(), 0.45, 1.0),
                    line=dict(width=2.5 if planned else 1.2, color=part["colour"] if planned else "white"),
                ),
            )
        )
    named_spans = spans[spans["label"].astype(str).ne("")] if len(spans) else spans
    if len(named_spans):  # a span's headline on its bar, from its first day (or back from its last)
        fig.add_trace(
            go.Scatter(
                name="span labels",
                y=named_spans["y"],
                x=named_spans["label_x"],
                mode="text",
                text=[
                    _shown_label(t, f, u)
                    for t, f, u in zip(named_spans["label"], named_spans["uncertain"], named_spans["approximate"])
                ],
                textposition=np.where(named_spans["label_left"], "middle left", "middle right"),
                textfont=dict(size=11),
                customdata=named_spans[["event_id"]].to_numpy(),
                hovertext=named_spans["hover"],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    _crowds(fig, packed)
    # Dotted joins between an event's lanes: every one among few marks; among many, the selected event's only
    # (dozens of lines through every lane were clutter)
    _connectors(fig, shown if labelled else shown[shown["event_id"] == selected], lanes)
    _lane_axis(fig, packed)
    if selected is not None and (shown["event_id"] == selected).any():
        sel = shown[shown["event_id"] == selected]
        middle = np.where(
            sel["precision"] == "day", sel["x"], sel["start"] + (sel["end"] + pd.Timedelta(days=1) - sel["start"]) / 2
        )
        fig.add_trace(  # a ring around the mark, within the mark's own reserved room (its label is its own)
            go.Scatter(
                name="Selected event",
                mode="markers",
                x=middle,
                y=sel["y"],
                meta=[selected] * len(sel),
                hoverinfo="skip",
                marker=dict(size=SELECTED_PX, symbol="circle-open", color=SELECTED_COLOUR, line=dict(width=2.5)),
            )
        )
    fig.update_layout(
        height=int(70 + ROW_PX * max(packed.height_rows, 2)),
        barmode="overlay",
        clickmode="event+select",
        dragmode="pan",
        margin=dict(l=6, r=6, t=26 if hidden else 8, b=10),
        showlegend=False,
        hoverlabel=dict(align="left"),
    )
    fig.update_xaxes(type="date", title_text="")
    if len(rows):
        fig.update_xaxes(range=[lo, hi])
    if hidden:
        _earlier_note(fig, hidden)
    # What the caption says, measured on the figure as drawn at the narrowest width (a wider plot only spreads it)
    overlaps = len(overlapping_pairs(drawn_boxes(fig, MIN_PLOT_PX))) if len(rows) else 0
    fig.update_layout(
        meta={
            "behind": int(packed.crowds["n"].sum()) if len(packed.crowds) else 0,
            "marks": len(packed.rows),
            "overlaps": overlaps,
            "labelled": int(shown["label"].astype(str).ne("").sum()),
        }
    )
    return fig


SELECTED_PX = 18  # the selected event's ring: inside the room a mark reserves (packing.MARK_PX)
SELECTED_COLOUR = "#E0115F"
LABEL_CHARS = 30  # a label's longest text: the whole of it fits beside its mark, or it is not drawn


def _shown_label(text: str, uncertain: bool, approximate: bool) -> str:
    if not text:
        return ""
    return ("? " if uncertain else "~ " if approximate else "") + esc(text)


def _sizes(ds: Dataset, rows: pd.DataFrame, by_fatalities: bool) -> np.ndarray:
    """Each day mark's size in pixels: MARK_PX, or by fatalities (area) up to MARK_MAX_PX."""
    if not by_fatalities or not ds.has_measure("fatalities") or not len(rows):
        return np.full(len(rows), float(MARK_PX))
    deaths = np.nan_to_num(ds.number("fatalities")[rows["event_pos"].to_numpy()])
    peak = max(float(deaths.max()), 1.0)
    return MARK_PX + (MARK_MAX_PX - MARK_PX) * np.sqrt(deaths / peak)


def size_key(ds: Dataset, events: pd.DataFrame) -> list[tuple[int, float]]:
    """The size key of marks sized by fatalities: a few fatality counts and the mark size each is drawn at."""
    if not ds.has_measure("fatalities") or not len(events):
        return []
    deaths = np.nan_to_num(ds.number("fatalities")[events.index.to_numpy()])
    peak = max(float(deaths.max()), 1.0)
    steps = sorted({0, int(round(peak / 4)), int(round(peak))})
    return [(n, MARK_PX + (MARK_MAX_PX - MARK_PX) * np.sqrt(n / peak)) for n in steps]


def mark_labels(ds: Dataset, rows: pd.DataFrame) -> list[str]:
    """The shortest text that tells a lane's marks apart: the title when it fits; else (an imported record's
    long title, "Armed clash: Hamas Movement and M…") what happened and where, then the other side's actors
    when neighbours of a lane and day would still read the same. The whole title is in the hover."""
    titles = [" ".join(str(t).split()) for t in rows["title"]]
    place = rows["location"].astype(str).str.split(",").str[0].str.strip() if "location" in rows else None
    sub = rows["sub_event_type"].astype(str).str.strip() if "sub_event_type" in rows else None
    kind = rows["event_type"].astype(str).map(ds.type_label).fillna(rows["event_type"].astype(str))
    cut = pd.Series([label_text(t, LABEL_CHARS) for t in titles], index=rows.index)
    alike = (cut.groupby([rows["lane"], cut]).transform("size") > 1).to_numpy()  # cut titles that read the same
    out = []
    for i, title in enumerate(titles):
        what = (sub.iat[i] if sub is not None and sub.iat[i] else kind.iat[i].split(":")[-1].strip()) or ""
        template = bool(what) and len(title) > LABEL_CHARS and title.lower().startswith(what.lower() + ":")
        if not (alike[i] or template) or place is None or not place.iat[i]:  # a headline that tells it apart
            out.append(title)
            continue
        short = what.split("/")[0] if len(what) > 16 else what  # "Shelling/artillery/missile attack": "Shelling"
        out.append(f"{place.iat[i]} · {short}" if short else place.iat[i])
    labels = pd.Series(out, index=rows.index)
    day = rows["start"].dt.floor("D")
    same = labels.groupby([rows["lane"], day, labels]).transform("size") > 1
    for i in np.flatnonzero(same.to_numpy()):  # neighbours alike: who else took part
        lane = rows["lane"].iat[i]
        others = [n for n in ds.actor_names(str(rows["actor_ids"].iat[i])) if lane.lower() not in n.lower()]
        if others:
            labels.iat[i] = f"{labels.iat[i]} · {others[0].split(' (')[0].split(':')[0]}"
    return [label_text(t, LABEL_CHARS) for t in labels]


def _earlier_note(fig: go.Figure, hidden: int) -> None:
    """A note above the plot: `hidden` earlier events lie left of the first view (a double click shows the
    whole span: no range slider, whose mini chart of every mark was an unreadable smear)."""
    fig.add_annotation(
        x=0,
        xref="paper",
        y=1,
        yref="paper",
        xanchor="left",
        yanchor="bottom",
        showarrow=False,
        font=dict(size=11),
        bgcolor="rgba(128,128,128,0.15)",
        text=f"◀ {hidden:,} earlier event{'' if hidden == 1 else 's'} · double-click for the whole span",
    )


def view_range(events: pd.DataFrame, window: tuple | None) -> tuple[pd.Timestamp, pd.Timestamp, int]:
    """The x range shown first and how many events lie before it: a date filter's window, else the
    range that fits the events (focus_range)."""
    if not len(events):
        today = pd.Timestamp.today().normalize()
        return today - pd.Timedelta(days=30), today, 0
    if window and (window[0] or window[1]):
        lo = pd.Timestamp(window[0]) if window[0] else events["start"].min()
        hi = (pd.Timestamp(window[1]) if window[1] else events["end"].max()) + pd.Timedelta(days=1)
        pad = max((hi - lo) * 0.03, pd.Timedelta(hours=12))
        return lo - pad, hi + pad, 0
    return focus_range(events)


def _lane_axis(fig: go.Figure, packed: Packed) -> None:
    """Lane names inside the plot at the top left of their bands (the width goes to the time axis, which
    a phone needs), in the page's text colour (a faction's colour as text was 1.3:1 for Egypt's yellow), a
    faint line between lanes."""
    fig.update_yaxes(
        range=[packed.height_rows, 0],
        showticklabels=False,
        showgrid=False,
        zeroline=False,
        fixedrange=True,
        title_text="",
        automargin=False,  # no room kept for tick labels it has none of (34 px a phone needs)
    )
    # One layout update for all separators and names (add_hline / add_annotation per lane is slow).
    line = dict(color="rgba(128,128,128,0.35)", width=1)
    fig.update_layout(
        shapes=[dict(type="line", xref="paper", x0=0, x1=1, y0=b, y1=b, line=line) for _, b in packed.bands[:-1]],
        annotations=[
            dict(
                x=0,
                xref="paper",
                y=top,
                yref="y",
                xanchor="left",
                yanchor="top",
                showarrow=False,
                text=f"<b>{esc(name)}</b>",
                font=dict(size=11),
                bgcolor="rgba(128,128,128,0.12)",
                borderpad=1,
            )
            for (top, _), name in zip(packed.bands, packed.lanes)
        ],
    )


def _span_status(fig: go.Figure, spans: pd.DataFrame) -> None:
    """The status glyph (● occurred · ■ reported · ◇ planned) on the first day of a short span, so that a
    two-day meeting that took place does not read as a bar of unknown standing. Long spans (faint bars)
    stay plain: a glyph at their start would read as a day."""
    for status, part in spans.groupby(spans["status"].astype(str), sort=False):
        planned = status == "planned"
        fig.add_trace(
            go.Scatter(
                name=f"span status: {status}",
                mode="markers",
                x=part["start"] + pd.Timedelta(hours=12),
                y=part["y"],
                customdata=part[["event_id"]].to_numpy(),
                hovertext=part["hover"],
                hovertemplate="%{hovertext}<extra></extra>",
                marker=dict(
                    size=MARK_PX - 2,
                    color=part["colour"],
                    symbol=SYMBOLS.get(status, "circle"),
                    line=dict(width=2 if planned else 1, color=part["colour"] if planned else "white"),
                ),
                showlegend=False,
            )
        )


CROWD_COLOUR = "rgba(128,128,128,0.28)"  # a "+N" box: grey, neither a type nor a faction


def _crowds(fig: go.Figure, packed: Packed) -> None:
    """A "+N" box for the events of a lane and day (or run of days) that do not fit its rows."""
    crowds = packed.crowds
    if crowds.empty:
        return
    first_day = (crowds["day"].to_numpy().astype("datetime64[D]") - EPOCH).astype(np.int64)
    last_day = (crowds["last_day"].to_numpy().astype("datetime64[D]") - EPOCH).astype(np.int64)
    fig.add_trace(
        go.Scatter(
            name="crowds",
            mode="markers+text",
            x=crowds["day"] + pd.Timedelta(hours=12),
            y=crowds["y"],
            text=[crowd_text(n) for n in crowds["n"]],
            textposition="middle right",
            textfont=dict(size=10),
            customdata=np.column_stack(
                [
                    np.full(len(crowds), "@crowd", dtype=object),
                    crowds["faction_id"].to_numpy(dtype=object),
                    first_day,
                    crowds["n"],
                    last_day,
                ]
            ),
            hovertext=[
                f"<b>{n:,} more event(s) in {esc(lane)}</b> {_days_words(day, last)}<br>click to list them"
                for n, lane, day, last in zip(crowds["n"], crowds["lane"], crowds["day"], crowds["last_day"])
            ],
            hovertemplate="%{hovertext}<extra></extra>",
            marker=dict(
                size=14,
                symbol="square",
                color=CROWD_COLOUR,
                line=dict(color="rgba(128,128,128,0.9)", width=1),
            ),
        )
    )


def _days_words(day: pd.Timestamp, last: pd.Timestamp) -> str:
    if day == last:
        return f"on {day:%-d %b %Y}"
    return f"from {day:%-d %b} to {last:%-d %b %Y}"


def focus_range(events: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp, int]:
    """The x range to show first, and how many events lie before it (aggregate.focus: the heat strip's
    definition); a double click shows the whole extent."""
    lo, hi, hidden = focus_days(
        events["start"].to_numpy().astype("datetime64[D]"), events["end"].to_numpy().astype("datetime64[D]")
    )
    lo, hi = pd.Timestamp(lo), pd.Timestamp(hi) + pd.Timedelta(days=1)
    pad = max((hi - lo) * 0.04, pd.Timedelta(days=3))
    return lo - pad, hi + pad, hidden


MAX_MARKS = 1500  # above this many lane marks the timeline draws counts instead of events
MAX_CONNECTORS = 40  # beyond this many multi-lane events the dotted joins are clutter (lines through every lane)


def _connectors(fig: go.Figure, rows: pd.DataFrame, lanes: list[str]) -> None:
    """A faint dotted line joins the marks of one event that sits in several lanes, at the marks' x
    (a day mark's midday, a span's middle)."""
    multi = rows[rows.duplicated("event_id", keep=False)]
    if multi.empty or multi["event_id"].nunique() > MAX_CONNECTORS:
        return
    mid = multi["start"] + (multi["end"] + pd.Timedelta(days=1) - multi["start"]) / 2
    ends = (
        multi.assign(mid=mid).groupby("event_id", sort=False).agg(lo=("y", "min"), hi=("y", "max"), x=("mid", "first"))
    )
    xs, ys = [], []
    for x, lo, hi in zip(ends["x"], ends["lo"], ends["hi"]):
        xs += [x, x, None]
        ys += [lo, hi, None]
    fig.add_trace(
        go.Scatter(
            name="Same event in several lanes",
            x=xs,
            y=ys,
            mode="lines",
            hoverinfo="skip",
            line=dict(color="rgba(128,128,128,0.55)", width=1.5, dash="dot"),
        )
    )


HOVER_DATE = {"day": "%-d %b %Y", "week": "week of %-d %b %Y", "month": "%B %Y", "quarter": "Q%q %Y", "year": "%Y"}
EPOCH = np.datetime64("1970-01-01", "D")


STRIP_COLOUR = "#4F86EA"  # the heat strip's one colour: its strength says how many (lanes say which faction)


def density_timeline(
    ds: Dataset, lc: LaneCounts, view: tuple | None = None, hidden: int = 0, selected: list | None = None
) -> go.Figure:
    """The timeline for large selections: a heat strip per faction lane on the same time axis, one cell
    per time bucket, darker for more events. An event in two lanes counts in each (event–faction pairs).

    Colour means one thing here, how many: every cell is one colour, stronger for more (the lanes name the
    factions). `selected`: (faction_id, start, end) of the selected event's lanes, ringed on the strip (a
    story's step on merged data).

    customdata holds numbers only (compact in Plotly's binary encoding): the lane's faction position
    (-1: no faction), the bucket's first and last day as days since 1970, and the count. A click on a
    cell drills into that faction and period.
    """
    factions = list(ds.factions["faction_id"])
    fig = go.Figure()
    first = (lc.starts - EPOCH).astype(np.int64)
    last = (lc.ends - EPOCH).astype(np.int64)
    rows, cols = np.nonzero(lc.counts)
    counts = lc.counts[rows, cols]
    peak = max(int(counts.max()), 1) if counts.size else 1
    names = np.array([name for _, name in lc.lanes] or [""], dtype=object)
    lane = np.array([factions.index(f) if f in factions else -1 for f, _ in lc.lanes] or [-1])
    width_ms = ((lc.ends - lc.starts).astype(np.int64) + 1) * DAY_MS
    # One trace for every cell (colour per cell): Plotly's drawing time grows with the number of traces.
    fig.add_trace(
        go.Bar(
            orientation="h",
            y=rows + 0.62,  # lane i's strip in the lower part of band i; its name above (phones need the width)
            base=lc.starts[cols].astype("datetime64[ms]"),
            x=width_ms[cols],
            width=0.56,
            text=np.array([esc(n) for n in names], dtype=object)[rows],
            textposition="none",
            marker=dict(color=STRIP_COLOUR, opacity=strip_opacity(counts, peak).tolist(), line=dict(width=0)),
            customdata=np.column_stack([lane[rows], first[cols], last[cols], counts]),
            hovertemplate=(
                f"<b>%{{text}}</b> · %{{base|{HOVER_DATE[lc.bucket]}}}<br>"
                "%{customdata[3]:,} events in this lane · click to zoom in<extra></extra>"
            ),
        )
    )
    lanes = [name for _, name in lc.lanes]
    fig.update_layout(
        height=90 + 44 * max(len(lanes), 1),
        showlegend=False,
        clickmode="event+select",
        dragmode="pan",
        barmode="overlay",
        bargap=0,
        margin=dict(l=10, r=10, t=26 if hidden else 10, b=10),
        hoverlabel=dict(align="left"),
    )
    fig.update_yaxes(
        range=[max(len(lanes), 1), 0],
        showticklabels=False,
        fixedrange=True,
        showgrid=False,
        zeroline=False,
        automargin=False,
    )
    fig.update_layout(
        annotations=[
            dict(
                x=0,
                xref="paper",
                y=k + 0.04,
                yref="y",
                xanchor="left",
                yanchor="top",
                showarrow=False,
                text=f"<b>{esc(name)}</b>",
                font=dict(size=11),
            )
            for k, (f, name) in enumerate(lc.lanes)
        ]
    )
    for faction_id, start, end in selected or ():  # the selected event on its lanes' strips
        k = next((i for i, (f, _) in enumerate(lc.lanes) if f == faction_id), None)
        if k is None:
            continue
        middle = pd.Timestamp(start) + (pd.Timestamp(end) + pd.Timedelta(days=1) - pd.Timestamp(start)) / 2
        fig.add_trace(
            go.Scatter(
                name="Selected event",
                x=[middle],
                y=[k + 0.62],
                mode="markers",
                hoverinfo="skip",
                marker=dict(size=SELECTED_PX, symbol="circle-open", color=SELECTED_COLOUR, line=dict(width=3)),
            )
        )
    fig.update_xaxes(type="date")
    if view is not None:
        lo, hi = (pd.Timestamp(v) for v in view)
        pad = max((hi - lo) * 0.02, pd.Timedelta(days=1))
        fig.update_xaxes(range=[lo - pad, hi + pd.Timedelta(days=1) + pad])
    if hidden:
        _earlier_note(fig, hidden)
    return fig


def strip_opacity(counts, peak: int) -> np.ndarray:
    """A heat-strip cell's strength for its count (the square root: a few events still show)."""
    return 0.18 + 0.82 * np.sqrt(np.asarray(counts, dtype=float) / max(peak, 1))


def drill_target(ds: Dataset, customdata) -> tuple[str, object, object] | None:
    """(faction_id or "", first day, last day) for a clicked count bubble, or None if it is not one."""
    customdata = point_data(customdata)
    if len(customdata) != 4:
        return None
    try:
        lane, first, last = (int(v) for v in customdata[:3])
    except (TypeError, ValueError):
        return None
    factions = list(ds.factions["faction_id"])
    faction_id = factions[lane] if 0 <= lane < len(factions) else ""
    to_date = lambda d: (EPOCH + np.timedelta64(d, "D")).astype(object)  # noqa: E731
    return faction_id, to_date(first), to_date(last)


def counts_over_time(
    ds: Dataset, lc: LaneCounts, view: tuple | None = None, values: np.ndarray | None = None, what: str = "events"
) -> go.Figure:
    """Events (or a measure's sum, given as values: lanes x buckets) per faction lane per time bucket
    by start date, stacked. An event in two lanes is in both stacks, and the axis says so."""
    colours = faction_colours(ds)
    fig = go.Figure()
    grid = lc.counts if values is None else values
    for row, (faction_id, name) in enumerate(lc.lanes):
        fig.add_trace(
            go.Bar(
                name=name,
                x=lc.starts,
                y=grid[row],
                marker_color=colours.get(faction_id, NO_FACTION_COLOUR),
                hovertemplate=f"{esc(name)}: %{{y:,}} {what} · %{{x|{HOVER_DATE[lc.bucket]}}}<extra></extra>",
            )
        )
    several = len(lc.lanes) > 1
    fig.update_layout(
        barmode="stack",
        height=320,
        margin=dict(l=10, r=10, t=30, b=10),
        legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0, traceorder="normal"),  # lane order, top first
        yaxis_title=f"{what} per {lc.bucket}",  # short: a long one was clipped at both ends ("ents per week…")
    )
    if several:
        fig.update_layout(meta={"note": "An event in two lanes counts in each."})
    if view is not None:
        lo, hi = (pd.Timestamp(v) for v in view)
        fig.update_xaxes(range=[lo - pd.Timedelta(days=1), hi + pd.Timedelta(days=2)])
    return fig
