"""The selected event: what happened, when (as the source words it), who, and on what evidence."""

from __future__ import annotations

import streamlit as st

from components.analysis.figures import STATUS_WORDS
from components.data.model import Dataset
from components.data.safetext import md, md_link, safe_url
from components.data.schema import MEASURES, split_list
from components.ui import quotes as ui_quotes
from components.ui import state
from components.ui.common import article_line, faction_chips, show_article

PRECISION_WORDS = {
    "day": "to the day",
    "month": "to the month",
    "year": "to the year",
    "interval": "an interval",
    "other": "a span",
}


def measures_line(ds: Dataset, pos: int) -> str:
    """The event's analytic fields that have a value, as one line ("Fatalities 3 · Air/drone strike …")."""
    parts = []
    for m in MEASURES.values():
        if m.column not in ds.events.columns or m.column in ("latitude", "longitude"):
            continue
        value = str(ds.events[m.column].iat[pos]).strip()
        if value:
            parts.append(f"{m.column.replace('_', ' ').capitalize()} **{md(value)}**")
    lat, lon = ds.number("latitude")[pos], ds.number("longitude")[pos]
    if lat == lat and lon == lon:
        parts.append(f"at {lat:.4f}, {lon:.4f}")
    return " · ".join(parts)


def crowd(ds: Dataset, lane: str, day, ids: list[str]) -> None:
    """The events of a lane's crowded day (those drawn and those behind its "+N"), each a button that
    selects it."""
    with st.container(border=True, key="crowd"):
        st.markdown(f"**{len(ids):,} events in {md(lane)} on {day:%-d %B %Y}** (the day's marks and its +N)")
        for event_id in ids[:60]:
            pos = ds.position_of(event_id)
            if pos is None:
                continue
            title = ds.events["title"].iat[pos]
            st.button(
                title[:90], key=f"crowd-{event_id}", on_click=state.select_event, args=(event_id,), width="stretch"
            )
        if len(ids) > 60:
            st.caption(f"… and {len(ids) - 60:,} more: narrow the dates to this day to see them all.")
        st.button("Close the list", key="crowd-close", on_click=state.set_crowd, args=(None,), icon=":material/close:")


def render(ds: Dataset, event_id: str | None) -> None:
    if not event_id:
        st.info(
            "Click an event in the timeline or a row in the table to see its details here.", icon=":material/touch_app:"
        )
        return
    pos = ds.position_of(event_id)
    if pos is None:
        st.warning("The selected event is not in this dataset.")
        return
    e = ds.events.iloc[pos].to_dict()
    with st.container(border=True, key="event-details"):
        st.markdown(f"#### {md(e['title'])}")
        status = STATUS_WORDS.get(e["status"], e["status"])
        st.markdown(
            f"**{md(e['date_label'])}** · {md(status)} · {md(ds.type_label.get(e['event_type'], e['event_type']))}"
        )
        wording = (
            f"The source says “{md(e['date_text'])}”; "
            if e["date_text"]
            else "The source gives no wording for the date; "
        )
        st.caption(
            f"{wording}recorded as EDTF {md(e['date'])} (precise {PRECISION_WORDS.get(e['precision'], 'a span')})."
        )
        if e.get("location"):
            st.markdown(f":material/place: {md(e['location'])}")
        facts = measures_line(ds, pos)
        if facts:
            st.markdown(facts)
        if e.get("summary"):
            st.markdown(md(e["summary"]))
        st.markdown("**Actors**")
        for actor_id in split_list(e["actor_ids"]):
            actor = ds.actor.get(actor_id, {})
            line = f"{md(actor.get('name', actor_id))}"
            role = ds.role_at(actor_id, e.get("start"))  # the role at the event's date
            if role:
                line += f" — {md(role)}"
            cols = st.columns([3, 2], vertical_alignment="center")
            cols[0].markdown(line)
            chips = faction_chips(ds, actor_id)
            if chips:
                with cols[1]:
                    st.html(chips)
        st.markdown("**Evidence**")
        st.markdown("> " + md(e["evidence"]).replace("  \n", "  \n> "))
        reported = e.get("reported_by")
        first = f"First reported by {md(ds.outlet_name(reported))}. " if reported else ""
        st.caption(f"{first}From: {article_line(ds, e['article_id'])}")
        if safe_url(e.get("source_url")):
            st.caption(f":material/link: {md_link('The report this record cites (link)', e['source_url'])}")
        if e.get("note"):
            st.caption(f":material/info: Curators' note: {md(e['note'])}")
        if st.button("Show in article", key=f"evidence-{event_id}", icon=":material/article:"):
            show_article(ds, e["article_id"], e["evidence"].split("\n")[0])
    quotes = ds.quotes[ds.quotes["event_pos"].to_numpy() == pos]
    if len(quotes):
        st.markdown(f"**Quotes on this event ({len(quotes)})**")
        ui_quotes.render(ds, quotes, key="event-quotes")
