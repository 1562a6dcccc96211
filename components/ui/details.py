"""The selected event: what happened, when (as the source words it), who, and on what evidence."""

from __future__ import annotations

import streamlit as st

from components.analysis import provenance
from components.analysis.charts.common import STATUS_WORDS
from components.data.model import Dataset
from components.data.safetext import md, md_link, safe_url
from components.data.schema import MEASURES, split_list
from components.ui import notes_ui, state
from components.ui import quotes as ui_quotes
from components.ui.common import article_line, faction_chips, show_article

PRECISION_WORDS = {  # "(…)" after the recorded date: how precise it is, as a phrase that reads
    "day": "precise to the day",
    "month": "precise to the month",
    "year": "precise to the year",
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


def crowd(ds: Dataset, lane: str, day, ids: list[str], last=None) -> None:
    """The events of a lane's crowded day or days (those drawn and those behind its "+N"), each a button that
    selects it."""
    with st.container(border=True, key="crowd"):
        if last is None or last == day:
            st.markdown(f"**{len(ids):,} events in {md(lane)} on {day:%-d %B %Y}** (the day's marks and its +N)")
        else:
            st.markdown(
                f"**{len(ids):,} events in {md(lane)} from {day:%-d %B} to {last:%-d %B %Y}** (those days' marks "
                "and their +N)"
            )
        # A box of its own height that scrolls: the event details below stay in view
        with st.container(border=False, height=min(360, 44 * min(len(ids), 60) + 8)):
            for event_id in ids[:60]:
                pos = ds.position_of(event_id)
                if pos is None:
                    continue
                title = ds.events["title"].iat[pos]
                st.button(title[:90], key=f"crowd-{event_id}", on_click=_choose, args=(event_id,), width="stretch")
            if len(ids) > 60:
                st.caption(f"… and {len(ids) - 60:,} more: narrow the dates to this day to see them all.")
        st.button("Close the list", key="crowd-close", on_click=state.set_crowd, args=(None,), icon=":material/close:")


def _choose(event_id: str) -> None:
    """An event chosen from a "+N" list: selected, and the list closed (it would push the details away)."""
    state.select_event(event_id)
    state.set_crowd(None)
    state.request_focus(".st-key-event-details")


def corroboration_badge(sources: int, reports: int) -> str:
    """ ":green-badge[3 sources]" — independent first publishers (relays of one count once)."""
    if reports <= 1:
        return ":gray-badge[1 report]"
    colour = "green" if sources >= 2 else "orange"
    return f":{colour}-badge[:material/fact_check: {sources} source{'s' if sources != 1 else ''} · {reports} reports]"


def _reports(ds: Dataset, pos: int, event_id: str) -> None:
    """Each report of the event, oldest first: its status and date as that report words them, who carried
    it, its grade and its passage (checked verbatim against the stored article)."""
    told = ds.reports_of(pos)
    several = len(told) > 1
    st.markdown(f"**Reports ({len(told)})**" if several else "**Evidence**")
    for n, r in enumerate(told.to_dict(orient="records")):
        if several:
            when = f"“{md(r['date_text'])}” ({md(r['date_label'])})" if r.get("date_text") else md(r["date_label"])
            st.markdown(f"{n + 1}. **{md(r['status'])}** · {when}")
        st.markdown("> " + md(r["evidence"]).replace("  \n", "  \n> "))
        line = provenance.attribution(ds, r)
        code, meaning = provenance.grade(ds, r.get("first_publisher", ""), r.get("credibility", ""))
        graded = f" · :blue-badge[Graded {md(code)}] {md(meaning)}" if code else ""
        st.caption(f"{md(line)}{graded}  \nFrom: {article_line(ds, r['article_id'])}")
        if r.get("note"):
            st.caption(f":material/info: {md(r['note'])}")
        if st.button("Show in article", key=f"evidence-{event_id}-{n}", icon=":material/article:"):
            show_article(ds, r["article_id"], r["evidence"].split("\n")[0])


def render(ds: Dataset | None, event_id: str | None) -> None:
    """The selected event's details, from a model holding it (backend.event: the whole model, or a slice)."""
    if not event_id:
        st.info(
            "Click an event in the timeline or a row in the table to see its details here.", icon=":material/touch_app:"
        )
        return
    pos = ds.position_of(event_id) if ds is not None else None
    if pos is None:
        st.warning("The selected event is not in this dataset.")
        return
    e = ds.events.iloc[pos].to_dict()
    with st.container(border=True, key="event-details"):
        st.markdown(f"#### {md(e['title'])}")
        status = STATUS_WORDS.get(e["status"], e["status"])
        badge = corroboration_badge(int(e.get("n_sources", 1)), int(e.get("n_reports", 1)))
        st.markdown(
            f"**{md(e['date_label'])}** · {md(status)} · {md(ds.type_label.get(e['event_type'], e['event_type']))}"
            f" {badge}"
        )
        history = provenance.status_history(ds, pos)
        if history:
            st.markdown(f":small[Status history: {md(history)}]")
        if e.get("date_conflict"):
            st.warning(
                "The reports disagree on the date: the latest report's date is shown; each report's "
                "date is listed below.",
                icon=":material/event_busy:",
            )
        said = "The report the date is taken from says" if int(e.get("n_reports", 1)) > 1 else "The source says"
        wording = f"{said} “{md(e['date_text'])}”; " if e["date_text"] else "The source gives no wording for the date; "
        st.caption(f"{wording}recorded as EDTF {md(e['date'])} ({PRECISION_WORDS.get(e['precision'], 'a span')}).")
        if e.get("location"):
            st.markdown(f":material/place: {md(e['location'])}")
        facts = measures_line(ds, pos)
        if facts:
            st.markdown(facts)
        if e.get("summary"):
            st.markdown(md(e["summary"]))
        st.markdown("**Actors**")
        sides = provenance.sides_line(ds, pos)  # who acted on whom, where the source says
        if sides:
            st.markdown(f"{md(sides)}  \n:small[{md(provenance.sides_note(ds, pos))}]")
        for actor_id in split_list(e["actor_ids"]):
            actor = ds.actor.get(actor_id, {})
            line = f"{md(actor.get('name', actor_id))}"
            role = ds.role_at(actor_id, e.get("start"))  # the role at the event's date
            if role:
                line += f" — {md(role)}"
            cols = st.columns([3, 2], vertical_alignment="center")
            cols[0].markdown(line)
            chips = faction_chips(ds, actor_id, e.get("start"))
            if chips:
                with cols[1]:
                    st.html(chips)
        if e.get("source_url") and safe_url(e.get("source_url")):
            st.caption(f":material/link: {md_link('The report this record cites (link)', e['source_url'])}")
        if e.get("note"):
            st.caption(f":material/info: Curators' note: {md(e['note'])}")
        _reports(ds, pos, event_id)
        notes_ui.render("event", event_id)
    quotes = ds.quotes[ds.quotes["event_pos"].to_numpy() == pos]
    if len(quotes):
        st.markdown(f"**Quotes on this event ({len(quotes)})**")
        ui_quotes.render(ds, quotes, key="event-quotes")
