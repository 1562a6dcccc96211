"""Sidebar filters, kept in sync with the URL both ways."""
from __future__ import annotations

import datetime as dt

import streamlit as st

from components.analysis import urlstate
from components.data.model import Dataset
from components.analysis.query import Filters, actors_in_factions
from components.data.safetext import text_colour
from components.data.schema import STATUSES

KEYS = {"factions": "w_faction", "actors": "w_actor", "types": "w_type", "statuses": "w_status",
        "q": "w_q", "dates": "w_dates"}
STATUS_LABELS = {"occurred": "Occurred", "planned": "Planned", "reported": "Reported"}


def _bounds(ds: Dataset) -> tuple[dt.date, dt.date]:
    return ds.date_bounds


def _seed(ds: Dataset, f: Filters) -> None:
    """Put a filter state into the widgets (before they are drawn)."""
    lo, hi = _bounds(ds)
    ss = st.session_state
    ss[KEYS["factions"]] = list(f.factions)
    ss[KEYS["actors"]] = list(f.actors)
    ss[KEYS["types"]] = list(f.types)
    ss[KEYS["statuses"]] = list(f.statuses) or list(STATUSES)
    ss[KEYS["q"]] = f.q
    ss[KEYS["dates"]] = (f.date_from or lo, f.date_to or hi)
    ss["event"] = f.event


def reset(ds: Dataset) -> None:
    _seed(ds, Filters())
    st.session_state["notices"] = []


def _query_params() -> dict[str, list[str]]:
    return {name: st.query_params.get_all(name) for name in st.query_params.keys()}


def _colour_tags(ds: Dataset, chosen: list[str]) -> None:
    """Paint each chosen faction's tag in its faction colour (tags are indexed in selection order)."""
    rules = []
    for i, faction in enumerate(chosen):
        colour = ds.faction_colour.get(faction, "#7F7F7F")
        tag = f'.st-key-{KEYS["factions"]} [data-tag-index="{i}"]'
        ink = text_colour(colour)
        rules.append(f"{tag}{{background-color:{colour} !important;color:{ink} !important}}"
                     f"{tag} *{{color:{ink} !important}}")
    if rules:
        st.html(f"<style>{''.join(rules)}</style>")


def sidebar(ds: Dataset) -> Filters:
    ss = st.session_state
    if "seeded" not in ss:
        filters, notices = urlstate.parse(_query_params(), ds)
        _seed(ds, filters)
        ss["notices"] = notices
        ss["seeded"] = True

    if ss.get("drill"):  # a click on a count bubble: that faction and period
        faction_id, start, end = ss.pop("drill")
        if faction_id:
            ss[KEYS["factions"]] = [faction_id]
        ss[KEYS["dates"]] = (start, end)
    lo, hi = _bounds(ds)
    with st.sidebar:
        st.header("Filters")
        factions = st.multiselect(
            "Factions", list(ds.factions["faction_id"]), key=KEYS["factions"],
            format_func=lambda f: ds.faction_name.get(f, f), placeholder="All factions",
            help="An event matches when any of its actors belongs to a chosen faction; "
                 "a quote matches when its speaker does.")
        _colour_tags(ds, factions)
        options = actors_in_factions(ds, tuple(factions))
        ss[KEYS["actors"]] = [a for a in ss.get(KEYS["actors"], []) if a in options]
        actors = st.multiselect(
            "Actors", options, key=KEYS["actors"], placeholder="All actors",
            format_func=lambda a: ds.actor.get(a, {}).get("name", a),
            help="Narrowed to the chosen factions.")
        dates = st.date_input("Date range", key=KEYS["dates"], format="YYYY-MM-DD",
                              help="Events whose dates overlap this range (a month-precision "
                                   "event overlaps every day of its month).")
        types = st.multiselect(
            "Event type", list(ds.event_types["event_type"]), key=KEYS["types"], placeholder="All types",
            format_func=lambda t: f"{ds.type_label.get(t, t)}")
        statuses = st.pills("Status", list(STATUSES), selection_mode="multi", key=KEYS["statuses"],
                            format_func=lambda s: STATUS_LABELS.get(s, s),
                            help="Planned events were announced for a later date at the time of the report.")
        if not statuses:
            st.caption("No status chosen: showing all.")
        q = st.text_input("Search", key=KEYS["q"], max_chars=urlstate.MAX_Q,
                          placeholder="titles, summaries, actors, quotes")
        st.button("Reset filters", on_click=reset, args=(ds,), width="stretch", icon=":material/restart_alt:")

    date_from = date_to = None
    if isinstance(dates, (tuple, list)) and dates:
        date_from = dates[0] if dates[0] != lo else None
        date_to = dates[1] if len(dates) > 1 and dates[1] != hi else None
    filters = Filters(
        factions=tuple(factions), actors=tuple(actors), types=tuple(types),
        statuses=tuple(s for s in STATUSES if s in statuses) if len(statuses or []) < len(STATUSES) else (),
        date_from=date_from, date_to=date_to, q=q.strip(), event=ss.get("event"),
    )
    return filters


def sync_url(filters: Filters) -> None:
    """Write the filter state into the address bar, so a copied link reproduces the view."""
    wanted = urlstate.to_params(filters)
    if wanted != _query_params():
        st.query_params.from_dict(wanted)
