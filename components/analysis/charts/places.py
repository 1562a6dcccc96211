"""The map's figure: the selection's places, sized by events or fatalities, and the view it opens on."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from components.analysis.charts.common import esc

PRECISION_WORDS = {1: "the place itself", 2: "a nearby place or district", 3: "only the region"}


def place_map(
    places: pd.DataFrame, size_by: str = "events", highlight: str | None = None, tiles: str | None = None
) -> go.Figure:
    """The selection's places, sized by events or fatalities; vaguer coordinates drawn fainter.

    Without tiles (the default) the points are drawn on longitude/latitude axes at the right aspect over
    the coast and country borders (data/basemap.py, shipped with the package): nothing is fetched. With an
    operator's tile URL ({z}/{x}/{y}), over those tiles. customdata: [place].
    """
    from components.data.families import COLOURS, FAMILIES

    family = places["family"].fillna("other") if "family" in places else pd.Series(["other"] * len(places))
    size = places[size_by].fillna(0).to_numpy(dtype=float) if len(places) else np.zeros(0)
    peak = max(float(size.max()), 1.0) if size.size else 1.0
    diameter = 5 + 29 * np.sqrt(size / peak)
    precision = places["precision"].fillna(3).round().clip(1, 3).to_numpy() if len(places) else np.zeros(0)
    opacity = np.choose((precision - 1).astype(int), [0.85, 0.6, 0.3]) if len(places) else []
    fatal = places["fatalities"].notna().any() if len(places) else False
    hover = [
        f"<b>{esc(p or 'unnamed place')}</b><br>{n:,} event(s), mostly {esc(fam)}"
        + (f" · {int(f):,} fatalities" if fatal and f == f else "")
        + f"<br>coordinates locate {PRECISION_WORDS.get(int(q), 'the region')} · click to filter"
        for p, n, f, q, fam in zip(places["place"], places["events"], places["fatalities"], precision, family)
    ]
    names = [esc(str(p).split(",")[0]) for p in places["place"]]
    labels, positions = place_labels(places, names, diameter) if len(places) else ([], [])
    marker = dict(size=diameter, color=list(family.map(COLOURS).fillna(COLOURS["other"])), opacity=list(opacity))
    common = dict(
        customdata=places[["place"]].to_numpy(dtype=object),
        hovertext=hover,
        hovertemplate="%{hovertext}<extra></extra>",
        name="places",
        showlegend=False,
    )
    fig = go.Figure()
    if not tiles and len(places):
        _base_layer(fig, places)
    if tiles:
        fig.add_trace(go.Scattermap(lat=places["lat"], lon=places["lon"], mode="markers", marker=marker, **common))
    else:
        fig.add_trace(
            go.Scatter(
                x=places["lon"],
                y=places["lat"],
                mode="markers",
                marker=marker | dict(line=dict(color="white", width=0.5)),
                **common,
            )
        )
        # The names, busiest first: the page hides a name that would overlap one before it at any zoom
        # (ui/declutter.py); the first view's are placed here so that none does.
        order = np.argsort(-places["events"].to_numpy(dtype=float), kind="stable")
        more = set(order[:NAMES_AT_MOST].tolist())
        labels = [lab or (names[i] if i in more else "") for i, lab in enumerate(labels)]
        fig.add_trace(  # the names above every point (a label is never under another place's point)
            go.Scatter(
                x=places["lon"].to_numpy()[order],
                y=places["lat"].to_numpy()[order],
                mode="markers+text",
                marker=dict(size=diameter[order], opacity=0),  # unseen: sets each label's distance from its point
                text=[labels[i] for i in order],
                textposition=[positions[i] for i in order],
                textfont=dict(size=10, shadow="auto"),  # a halo: a name over a point or a coast still reads
                hoverinfo="skip",
                name="names",
                showlegend=False,
            )
        )
    for name in [f for f in FAMILIES if (family == f).any()]:  # the legend: what a colour means
        kind = go.Scattermap if tiles else go.Scatter
        fig.add_trace(
            kind(
                **(dict(lat=[None], lon=[None]) if tiles else dict(x=[None], y=[None])),
                mode="markers",
                marker=dict(size=10, color=COLOURS[name]),
                name=name,
                showlegend=True,
                hoverinfo="skip",
            )
        )
    if highlight is not None and (places["place"] == highlight).any():
        at = places[places["place"] == highlight]
        ring = dict(size=30, color="#E0115F")
        if tiles:
            fig.add_trace(
                go.Scattermap(
                    lat=at["lat"],
                    lon=at["lon"],
                    mode="markers",
                    marker=ring,
                    opacity=0.35,
                    hoverinfo="skip",
                    name="selected",
                    showlegend=False,
                )
            )
        else:
            fig.add_trace(
                go.Scatter(
                    x=at["lon"],
                    y=at["lat"],
                    mode="markers",
                    hoverinfo="skip",
                    name="selected",
                    showlegend=False,
                    marker=dict(size=30, symbol="circle-open", color="#E0115F", line=dict(width=3)),
                )
            )
    fig.update_layout(
        height=480,
        showlegend=True,
        legend=dict(orientation="h", x=0, y=1.0, yanchor="bottom", title_text="Mostly: ", font=dict(size=11)),
        margin=dict(l=10, r=10, t=30, b=10),
        clickmode="event+select",
        dragmode="pan",
    )
    if tiles:
        lat0 = float(places["lat"].mean()) if len(places) else 0.0
        lon0 = float(places["lon"].mean()) if len(places) else 0.0
        fig.update_layout(
            map=dict(
                style={
                    "version": 8,
                    "sources": {"tiles": {"type": "raster", "tiles": [tiles], "tileSize": 256}},
                    "layers": [{"id": "tiles", "type": "raster", "source": "tiles"}],
                },
                center=dict(lat=lat0, lon=lon0),
                zoom=8,
            )
        )
    else:
        core = map_focus(places)
        mid = float(core["lat"].mean()) if len(core) else 0.0
        fig.update_xaxes(title_text="longitude °E", showgrid=True, zeroline=False)
        fig.update_yaxes(
            title_text="latitude °N",
            showgrid=True,
            zeroline=False,
            scaleanchor="x",
            scaleratio=1 / max(np.cos(np.radians(mid)), 0.2),
        )
        # The busy area (a few far places would shrink it to a dot), never the base layer's padded extent
        if len(core):
            pad_lat = max(float(core["lat"].max() - core["lat"].min()) * 0.15, 0.05)
            pad_lon = max(float(core["lon"].max() - core["lon"].min()) * 0.15, 0.05)
            fig.update_xaxes(range=[core["lon"].min() - pad_lon, core["lon"].max() + pad_lon])
            fig.update_yaxes(range=[core["lat"].min() - pad_lat, core["lat"].max() + pad_lat])
            # Autoscale (and a double click) shows every place with the geography around it, not the whole world
            # the base layer covers: its range is clipped to the places' box, padded.
            reach = max(
                float(places["lon"].max() - places["lon"].min()), float(places["lat"].max() - places["lat"].min())
            )
            margin = max(reach * 0.15, 0.5)
            fig.update_xaxes(
                autorangeoptions=dict(
                    clipmin=float(places["lon"].min()) - margin, clipmax=float(places["lon"].max()) + margin
                )
            )
            fig.update_yaxes(
                autorangeoptions=dict(
                    clipmin=float(places["lat"].min()) - margin, clipmax=float(places["lat"].max()) + margin
                )
            )
    return fig


LABELS_AT_MOST = 12  # placed for the first view
NAMES_AT_MOST = 40  # named, the page showing those that do not overlap at the zoom shown
_PLOT_PX = 400  # the map's drawing height in pixels (460 less margins and the axis title), for label boxes
_CHAR_PX, _LINE_PX = 6.0, 13.0  # a 10 px label's character width and line height
_SPOTS = (
    ("top center", 0, 1),
    ("bottom center", 0, -1),
    ("middle right", 1, 0),
    ("middle left", -1, 0),
    ("top right", 1, 1),
    ("bottom right", 1, -1),
    ("top left", -1, 1),
    ("bottom left", -1, -1),
)


def place_labels(places: pd.DataFrame, names: list[str], diameter: np.ndarray) -> tuple[list[str], list[str]]:
    """Names for the busiest places where they fit: each label tries above, below, right and left of its
    point and is left out (its hover stays) when every spot would overlap a label already placed. Boxes
    are measured in approximate pixels of the first view (labels once overlapped in Gaza's dense strip);
    the busiest points count as taken too, so that no label hides under a point."""
    core = map_focus(places)
    lat_span = max(float(core["lat"].max() - core["lat"].min()) * 1.3, 0.1)
    mid = float(core["lat"].mean())
    px_lat = _PLOT_PX / lat_span
    px_lon = px_lat * max(np.cos(np.radians(mid)), 0.2)
    order = np.argsort(-places["events"].to_numpy(dtype=float), kind="stable")
    labels, positions = [""] * len(places), ["top center"] * len(places)
    x = places["lon"].to_numpy(dtype=float) * px_lon
    y = places["lat"].to_numpy(dtype=float) * px_lat
    radius = diameter / 2
    taken = [(x[j] - radius[j], x[j] + radius[j], y[j] - radius[j], y[j] + radius[j]) for j in order[:200]]  # points
    for i in order[: LABELS_AT_MOST * 3]:
        if sum(1 for v in labels if v) >= LABELS_AT_MOST:
            break
        w, h, r = len(names[i]) * _CHAR_PX, _LINE_PX, diameter[i] / 2 + 2
        for spot, dx, dy in _SPOTS:
            cx = x[i] + dx * ((r if dy == 0 else r * 0.7) + w / 2)
            cy = y[i] + dy * ((r if dx == 0 else r * 0.7) + h / 2)
            box = (cx - w / 2, cx + w / 2, cy - h / 2, cy + h / 2)
            if not any(b[0] < box[1] and box[0] < b[1] and b[2] < box[3] and box[2] < b[3] for b in taken):
                taken.append(box)
                labels[i], positions[i] = names[i], spot
                break
    return labels, positions


BASE_INK = "rgba(128,128,128,0.75)"  # reads on light and dark pages
LAND = "rgba(128,128,128,0.16)"  # land filled, the sea left as the page


def _base_layer(fig: go.Figure, places: pd.DataFrame) -> None:
    """Land (filled), coast (solid) and country borders (dotted) for the whole world at 1:110m, the countries
    near the places at 1:10m, and those countries' names: under the points, never hovered or clicked. However
    far the map is zoomed out, there is geography under it."""
    from components.data.basemap import BasemapRefused, world_near

    core = map_focus(places)
    lon0, lon1 = float(core["lon"].min()), float(core["lon"].max())
    lat0, lat1 = float(core["lat"].min()), float(core["lat"].max())
    try:
        layer = world_near(round(lon0, 2), round(lon1, 2), round(lat0, 2), round(lat1, 2))
    except (BasemapRefused, OSError) as err:  # the points still show; the page says why the lines do not
        fig.add_annotation(text=esc(f"No base map: {err}"), x=0, y=1, xref="paper", yref="paper", showarrow=False)
        return
    common = dict(mode="lines", hoverinfo="skip", showlegend=False)
    fig.add_trace(
        go.Scatter(
            x=layer.land[0], y=layer.land[1], fill="toself", fillcolor=LAND, line=dict(width=0), name="land", **common
        )
    )
    fig.add_trace(
        go.Scatter(x=layer.coast[0], y=layer.coast[1], line=dict(color=BASE_INK, width=1.1), name="coast", **common)
    )
    fig.add_trace(
        go.Scatter(
            x=layer.borders[0],
            y=layer.borders[1],
            line=dict(color=BASE_INK, width=1, dash="dot"),
            name="borders",
            **common,
        )
    )
    if layer.names:
        fig.add_trace(
            go.Scatter(
                x=[x for _, x, _ in layer.names],
                y=[y for _, _, y in layer.names],
                text=[esc(n) for n, _, _ in layer.names],
                mode="text",
                textfont=dict(size=11, color=BASE_INK, shadow="auto"),
                hoverinfo="skip",
                showlegend=False,
                name="countries",
            )
        )


FOCUS_SHARE = 0.9  # the first map view holds the places of at least this share of the events


def map_focus(places: pd.DataFrame) -> pd.DataFrame:
    """The places the first view shows: the busiest, holding FOCUS_SHARE of the events, and any others
    inside their box; all of them when the rest are few (a far place is one zoom-out away)."""
    if len(places) < 3:
        return places
    order = places.sort_values("events", ascending=False)
    share = order["events"].cumsum() / max(order["events"].sum(), 1)
    busy = order[share.shift(fill_value=0) < FOCUS_SHARE]
    lat0, lat1, lon0, lon1 = busy["lat"].min(), busy["lat"].max(), busy["lon"].min(), busy["lon"].max()
    inside = places[places["lat"].between(lat0, lat1) & places["lon"].between(lon0, lon1)]
    span = max(lat1 - lat0, lon1 - lon0)
    whole = max(places["lat"].max() - places["lat"].min(), places["lon"].max() - places["lon"].min())
    return places if whole <= 3 * max(span, 0.5) else inside
