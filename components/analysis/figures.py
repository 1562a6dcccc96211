"""Plotly figures: the faction timeline and counts over time. Pure functions of a selection."""

from __future__ import annotations

import html

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from components.analysis.aggregate import NO_FACTION, LaneCounts
from components.data.model import Dataset

NO_FACTION_COLOUR = "#7F7F7F"
DAY_MS = 86_400_000
SYMBOLS = {"occurred": "circle", "reported": "square", "planned": "diamond-open"}
STATUS_WORDS = {"occurred": "occurred", "reported": "reported", "planned": "planned (announced, not yet happened)"}


def esc(text: object) -> str:
    """Plotly renders a subset of HTML in labels: escape data so it shows as text."""
    return html.escape(str(text), quote=False)


def faction_colours(ds: Dataset) -> dict[str, str]:
    return ds.faction_colour | {"": NO_FACTION_COLOUR}


def lane_rows(ds: Dataset, events: pd.DataFrame, only: tuple[str, ...] = ()) -> pd.DataFrame:
    """One row per (event, faction lane); events with no faction go to the 'No faction' lane.

    With `only` (the factions chosen in the filter), just those lanes are drawn.
    """
    pairs = ds.event_lanes(events.index.to_numpy(), only)  # events' index = their positions
    rows = events.rename_axis("event_pos").reset_index().merge(pairs, on="event_pos", how="left")
    rows["faction_id"] = rows["faction_id"].fillna("")
    rows["lane"] = rows["faction_id"].map(ds.faction_name | {"": NO_FACTION})
    return rows


def lane_order(ds: Dataset, rows: pd.DataFrame) -> list[str]:
    present = set(rows["lane"])
    lanes = [n for n in ds.factions["name"] if n in present]
    return lanes + ([NO_FACTION] if NO_FACTION in present else [])


def _hover(ds: Dataset, rows: pd.DataFrame) -> list[str]:
    lanes_per_event = rows.groupby("event_id")["lane"].agg(list)
    out = []
    for r in rows.itertuples(index=False):
        actors = ", ".join(ds.actor_names(r.actor_ids))
        outlet = ds.outlet_name(ds.article_outlet(r.article_id))
        if r.reported_by and r.reported_by in ds.source:
            outlet = f"{ds.outlet_name(r.reported_by)} · via {outlet}"
        wording = f"“{esc(r.date_text)}” → " if r.date_text else ""
        others = [lane for lane in lanes_per_event[r.event_id] if lane != r.lane]
        also = f"<br>Also in: {esc(', '.join(others))}" if others else ""
        out.append(
            f"<b>{esc(r.title)}</b><br>{wording}{esc(r.date_label)} · {esc(STATUS_WORDS.get(r.status, r.status))}"
            f"<br>Actors: {esc(actors)}<br>Source: {esc(outlet)}{also}"
        )
    return out


def timeline(
    ds: Dataset,
    events: pd.DataFrame,
    selected: str | None = None,
    only: tuple[str, ...] = (),
    window: tuple | None = None,
) -> go.Figure:
    """One lane per faction; day dates are marks, coarser dates and intervals are spans."""
    rows = lane_rows(ds, events, only)
    lanes = lane_order(ds, rows)
    colours = faction_colours(ds)
    rows["hover"] = _hover(ds, rows) if len(rows) else []
    rows["fuzzy"] = rows["uncertain"] | rows["approximate"]
    rows["is_span"] = rows["precision"] != "day"
    rows["colour"] = rows["faction_id"].map(colours).fillna(NO_FACTION_COLOUR)
    rows["symbol"] = rows["status"].astype(str).map(SYMBOLS).fillna("circle")
    ids = rows[["event_id"]].to_numpy()
    # A handful of traces for the whole chart (per-mark colours and symbols), not a few per lane:
    # building and drawing hundreds of traces is what makes a chart slow.
    fig = go.Figure()
    spans, points = rows[rows["is_span"]], rows[~rows["is_span"]]
    if len(spans):
        end = spans["end"] + pd.Timedelta(days=1)  # the last day is included in the span
        fig.add_trace(
            go.Bar(
                name="spans",
                orientation="h",
                y=spans["lane"],
                base=spans["start"],
                x=(end - spans["start"]).dt.total_seconds() * 1000,
                width=0.42,
                customdata=ids[spans.index],
                marker=dict(
                    color=spans["colour"],
                    opacity=0.65,
                    line=dict(color=spans["colour"], width=1.5),
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
        # A clickable, hoverable handle in the middle of each span.
        fig.add_trace(
            go.Scatter(
                name="span handles",
                mode="markers",
                y=spans["lane"],
                x=spans["start"] + (end - spans["start"]) / 2,
                customdata=ids[spans.index],
                hovertext=spans["hover"],
                hovertemplate="%{hovertext}<extra></extra>",
                marker=dict(size=9, color=spans["colour"], symbol=spans["symbol"], line=dict(color="white", width=1)),
            )
        )
    for fuzzy in (False, True):
        part = points[points["fuzzy"] == fuzzy]
        if not len(part):
            continue
        planned = (part["status"] == "planned").to_numpy()
        fig.add_trace(
            go.Scatter(
                name="uncertain dates" if fuzzy else "dates",
                y=part["lane"],
                x=part["start"],
                mode="markers+text" if fuzzy else "markers",
                textposition="top center",
                text=np.where(part["uncertain"], "?", "~") if fuzzy else None,
                customdata=ids[part.index],
                hovertext=part["hover"],
                hovertemplate="%{hovertext}<extra></extra>",
                marker=dict(
                    size=13,
                    color=part["colour"],
                    symbol=part["symbol"],
                    opacity=0.5 if fuzzy else 1.0,
                    line=dict(width=np.where(planned, 2.5, 1.5), color=np.where(planned, part["colour"], "white")),
                ),
            )
        )
    _connectors(fig, rows, lanes)
    if selected is not None and (rows["event_id"] == selected).any():
        sel = rows[rows["event_id"] == selected]
        # On the mark: a day's mark sits at its start, a span's handle in its middle.
        middle = sel["start"] + (sel["end"] + pd.Timedelta(days=1) - sel["start"]) / 2
        x = middle.where(sel["is_span"], sel["start"])
        fig.add_trace(
            go.Scatter(
                name="Selected event",
                mode="markers",
                x=x,
                y=sel["lane"],
                hoverinfo="skip",
                marker=dict(size=26, symbol="circle-open", color="#E0115F", line=dict(width=3)),
            )
        )
    fig.update_layout(
        height=140 + 56 * max(len(lanes), 1),
        barmode="overlay",
        clickmode="event+select",
        dragmode="pan",
        margin=dict(l=10, r=10, t=10, b=10),
        showlegend=False,
        hoverlabel=dict(align="left"),
    )
    fig.update_yaxes(categoryorder="array", categoryarray=list(reversed(lanes)), title_text="", fixedrange=True)
    fig.update_xaxes(type="date", title_text="")
    if len(rows) and window and (window[0] or window[1]):
        # A date filter: show that window; longer spans run off its edges.
        lo = pd.Timestamp(window[0]) if window[0] else rows["start"].min()
        hi = (pd.Timestamp(window[1]) if window[1] else rows["end"].max()) + pd.Timedelta(days=1)
        pad = max((hi - lo) * 0.03, pd.Timedelta(hours=12))
        fig.update_xaxes(range=[lo - pad, hi + pad])
    elif len(rows):
        lo, hi, hidden = focus_range(events)
        fig.update_xaxes(range=[lo, hi])
        if hidden:
            fig.update_xaxes(
                rangeslider=dict(
                    visible=True,
                    thickness=0.08,
                    bgcolor="rgba(128,128,128,0.12)",
                    bordercolor="rgba(128,128,128,0.4)",
                    borderwidth=1,
                )
            )
            fig.add_annotation(
                x=0,
                xref="paper",
                y=1,
                yref="paper",
                xanchor="left",
                yanchor="top",
                showarrow=False,
                font=dict(size=11),
                bgcolor="rgba(128,128,128,0.15)",
                text=f"◀ {hidden} earlier event(s) outside this view: drag the slider below",
            )
    return fig


def focus_range(events: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp, int]:
    """The x range to show first, and how many events lie before it.

    When a few early events, separated by a gap of most of the span, would squash the rest
    into a sliver (the 2007 split beside the 2024 talks), start the view after the gap; a
    range slider keeps the whole extent one drag away.
    """
    lo, hi = events["start"].min(), events["end"].max() + pd.Timedelta(days=1)
    hidden = 0
    starts = events["start"].sort_values().reset_index(drop=True)
    if len(starts) >= 3:
        reach = events.sort_values("start")["end"].cummax().reset_index(drop=True)  # latest end so far
        gaps = starts.iloc[1:].reset_index(drop=True) - reach.iloc[:-1]
        i = int(gaps.to_numpy().argmax())
        before = i + 1
        if gaps.iat[i] > 0.6 * (hi - lo) and before <= max(1, len(starts) // 4):
            hidden, lo = before, starts.iat[i + 1]
    pad = max((hi - lo) * 0.04, pd.Timedelta(days=3))
    return lo - pad, hi + pad, hidden


MAX_MARKS = 1500  # above this many lane marks the timeline draws counts instead of events
MAX_CONNECTORS = 300  # beyond this many multi-lane events the dotted joins would only be clutter


def _connectors(fig: go.Figure, rows: pd.DataFrame, lanes: list[str]) -> None:
    """A faint dotted line joins the marks of one event that sits in several lanes."""
    order = {lane: i for i, lane in enumerate(lanes)}
    spans = (
        rows.assign(i=rows["lane"].map(order))
        .groupby("event_id", sort=False)
        .agg(lo=("i", "min"), hi=("i", "max"), start=("start", "first"), end=("end", "first"))
    )
    spans = spans[spans["lo"] < spans["hi"]]
    if spans.empty or len(spans) > MAX_CONNECTORS:
        return
    mid = spans["start"] + (spans["end"] + pd.Timedelta(days=1) - spans["start"]) / 2
    xs, ys = [], []
    for x, lo, hi in zip(mid, spans["lo"], spans["hi"]):
        xs += [x, x, None]
        ys += [lanes[lo], lanes[hi], None]
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


def density_timeline(ds: Dataset, lc: LaneCounts) -> go.Figure:
    """The timeline for large selections: one bubble per faction lane and time bucket, sized by count.

    customdata holds numbers only (compact in Plotly's binary encoding): the lane's faction
    position (-1: no faction), the bucket's first and last day as days since 1970, and the count.
    A click on a bubble drills into that faction and period.
    """
    colours = faction_colours(ds)
    factions = list(ds.factions["faction_id"])
    fig = go.Figure()
    peak = max(int(lc.counts.max()), 1) if lc.counts.size else 1
    biggest = max(6.0, min(28.0, 900 / max(len(lc.starts), 1)))  # bubbles of neighbouring buckets barely touch
    first = (lc.starts - EPOCH).astype(np.int64)
    last = (lc.ends - EPOCH).astype(np.int64)
    # One trace for all lanes (colour per point): Plotly's drawing time grows with the number of
    # traces, and a trace per lane made the all-factions view the slowest to repaint.
    rows, cols = np.nonzero(lc.counts)
    counts = lc.counts[rows, cols]
    names = np.array([name for _, name in lc.lanes] or [""], dtype=object)
    lane = np.array([factions.index(f) if f in factions else -1 for f, _ in lc.lanes] or [-1])
    colour = np.array([colours.get(f, NO_FACTION_COLOUR) for f, _ in lc.lanes] or [""], dtype=object)
    fig.add_trace(
        go.Scatter(
            mode="markers",
            y=names[rows],
            x=lc.starts[cols],
            text=np.array([esc(n) for n in names], dtype=object)[rows],
            marker=dict(
                size=3 + (biggest - 3) * np.sqrt(counts / peak), color=colour[rows], opacity=0.8, line=dict(width=0)
            ),
            customdata=np.column_stack([lane[rows], first[cols], last[cols], counts]),
            hovertemplate=(
                f"<b>%{{text}}</b> · %{{x|{HOVER_DATE[lc.bucket]}}}<br>"
                "%{customdata[3]:,} events · click to zoom in<extra></extra>"
            ),
        )
    )
    lanes = [name for _, name in lc.lanes]
    fig.update_layout(
        height=140 + 40 * max(len(lanes), 1),
        showlegend=False,
        clickmode="event+select",
        dragmode="pan",
        margin=dict(l=10, r=10, t=10, b=10),
        hoverlabel=dict(align="left"),
    )
    fig.update_yaxes(categoryorder="array", categoryarray=list(reversed(lanes)), fixedrange=True)
    fig.update_xaxes(type="date")
    return fig


def drill_target(ds: Dataset, customdata) -> tuple[str, object, object] | None:
    """(faction_id or "", first day, last day) for a clicked count bubble, or None if it is not one."""
    if not isinstance(customdata, (list, tuple)) or len(customdata) != 4:
        return None
    try:
        lane, first, last = (int(v) for v in customdata[:3])
    except (TypeError, ValueError):
        return None
    factions = list(ds.factions["faction_id"])
    faction_id = factions[lane] if 0 <= lane < len(factions) else ""
    to_date = lambda d: (EPOCH + np.timedelta64(d, "D")).astype(object)  # noqa: E731
    return faction_id, to_date(first), to_date(last)


def counts_over_time(ds: Dataset, lc: LaneCounts) -> go.Figure:
    """Events per faction per time bucket (by start date), stacked."""
    colours = faction_colours(ds)
    fig = go.Figure()
    for row, (faction_id, name) in enumerate(lc.lanes):
        fig.add_trace(
            go.Bar(
                name=name,
                x=lc.starts,
                y=lc.counts[row],
                marker_color=colours.get(faction_id, NO_FACTION_COLOUR),
                hovertemplate=f"{esc(name)}: %{{y:,}} event(s)<extra></extra>",
            )
        )
    fig.update_layout(
        barmode="stack",
        height=320,
        margin=dict(l=10, r=10, t=30, b=10),
        legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0),
        yaxis_title=f"events per {lc.bucket} (by start date)",
    )
    return fig
