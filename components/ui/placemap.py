"""The Map tab: the selection's places, linked to the timeline (a click filters by that place)."""

from __future__ import annotations

import os

import streamlit as st

from components.analysis.charts.common import point_data
from components.analysis.charts.places import map_focus, place_map
from components.analysis.geo import MAX_PLACES
from components.data.safetext import md
from components.ui import declutter, state

ASKS = ("places",)  # its questions of the data (analysis/questions.py)
TILES_SETTING = "FACTIONLINE_MAP_TILES"  # an operator's tile URL (https://…/{z}/{x}/{y}.png): off by default


def view(page) -> None:
    backend, filters = page.backend, page.filters
    found = backend.ask("places", filters)
    if found is None:
        st.info(
            "This dataset was ingested before the map ran on engines: ingest it again to map it here.",
            icon=":material/location_off:",
        )
        return
    shown, unplaced, from_places = found
    highlight = None
    if filters.event:
        ds = backend.event(filters.event)
        pos = ds.position_of(filters.event) if ds is not None else None
        if pos is not None and "location" in ds.events.columns:
            highlight = ds.events["location"].iat[pos]
    draw(
        shown,
        unplaced,
        page.counts["events"],
        filters,
        fatalities=backend.lookups.has_measure("fatalities"),
        highlight=highlight,
        from_places=from_places,
        memo=lambda key, make: backend.kept(filters, key, make),
    )


def draw(
    shown, unplaced: int, n_events: int, filters, fatalities: bool, highlight=None, from_places: int = 0, memo=None
):
    """The map of the selection's places (analysis/geo.places' frame) with its caption; a click on a place
    filters to it."""
    if not len(shown):
        st.info(
            "None of these events has coordinates. Events get them from latitude/longitude columns (ACLED and "
            "GDELT imports have them) or from places.csv (`factionline places DIR` writes it from an offline "
            "gazetteer).",
            icon=":material/location_off:",
        )
        return
    size_by = "events"
    if fatalities:
        size_by = (
            st.segmented_control("Size by", ["events", "fatalities"], default="events", key="map-size") or "events"
        )
    tiles = os.environ.get(TILES_SETTING, "").strip() or None
    make = lambda: place_map(shown, size_by, highlight, tiles)  # noqa: E731
    fig = memo(("map", size_by, highlight, tiles), make) if memo else make()
    declutter.install()  # names that would overlap are hidden at every zoom, the busiest place's kept
    points = state.clicked(fig, "map", scrollZoom=True)
    for point in points:
        data = point_data(point.get("customdata"))
        if data and data[0] and tuple(filters.places) != (str(data[0]),):
            state.queue_drill({"places": (str(data[0]),)})
    if points:
        st.rerun()  # the map under its renewed key: the next click is never reported under the old one
    more = f" The {MAX_PLACES:,} busiest places are drawn." if len(shown) >= MAX_PLACES else ""
    outside = len(shown) - len(map_focus(shown)) if not tiles else 0
    if outside:
        more += (
            f" The view opens on the busiest area; {outside:,} "
            f"{'place lies' if outside == 1 else 'places lie'} outside it "
            "(zoom out, or *Autoscale* in the chart's toolbar)."
        )
    st.caption(
        f":material/map: {len(shown):,} places · {n_events - unplaced:,} of {n_events:,} events placed"
        + (f" ({from_places:,} by their place name in places.csv)" if from_places else "")
        + (f"; {unplaced:,} without coordinates are not on the map." if unplaced else ".")
        + more
        + " Fainter points are located only roughly (a district or a region). Click a place to filter the "
        "timeline to it; clear it under Places in the sidebar."
        + (
            ""
            if tiles
            else " Coast and country borders: Natural Earth (public domain), drawn from the copy shipped with "
            "Factionline — nothing is fetched from a map server."
        )
    )
    if filters.places:
        st.caption(f"Filtered to: {md(', '.join(filters.places))}")
