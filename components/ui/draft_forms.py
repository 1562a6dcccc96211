"""The forms that decide a draft on the Curate page: accept (after editing), attach as another report, reject,
reopen. Every button of a draft is inside its form, so every decision uses the values in the form; every
decision carries the draft's version as this session saw it (seen.py), under keys that never change with
the version: a decision from a page opened before someone else's lands in the same form and is refused,
naming them, with the person's values still there."""

from __future__ import annotations

import streamlit as st

from components.data.safetext import md
from components.data.schema import QUOTE_TYPES, STATUSES, split_list
from components.store import audit, curation
from components.ui import seen, state


def draft_card(ws, guard, d, ctx) -> None:
    """One draft as this session saw it: a form while it was proposed (even if someone decided it since:
    what was typed stays, and a decision is refused naming them), else its decision with Reopen."""
    view = seen.draft(d)
    if view["status"] == "proposed":
        if d.status != "proposed" or d.row_version != view["version"]:
            _changed_since(d)
        {"event": _event_draft, "quote": _quote_draft, "actor": _actor_draft}[d.kind](ws, guard, d, ctx, view)
        return
    left, right = st.columns([5, 2], vertical_alignment="center")
    if d.row_version == view["version"]:
        said = f"#{d.draft_id} {d.status} by {d.decided_by} {d.result}"
    else:  # decided as this page saw it; someone changed it since
        verb = "reopened" if d.status == "proposed" else d.status
        said = f"#{d.draft_id} {view['status']} · since {verb} by {d.decided_by} at {audit.utc(d.decided_at)} UTC"
    left.caption(md(said.strip()))
    if right.button("Reopen", key=f"reopen-{d.draft_id}", icon=":material/undo:"):
        _decide(guard, d, curation.reopen, ws.engine, ws.user, d.draft_id, view["version"], done="Reopened: {result}.")


def _changed_since(d) -> None:
    when = f" at {audit.utc(d.decided_at)} UTC" if d.decided_at else ""
    verb = "reopened" if d.status == "proposed" else d.status
    st.warning(
        f"#{d.draft_id} was {md(verb)} by {md(d.decided_by or 'someone')}{md(when)} since you opened it. Your values "
        "stay below, not saved; a decision from this form is refused.",
        icon=":material/sync_problem:",
    )
    st.button(
        "Show their decision",
        key=f"theirs-{d.draft_id}",
        icon=":material/sync:",
        on_click=seen.forget_draft,
        args=(d.draft_id,),
    )


def _accept_or_reject(label: str, icon: str) -> tuple[bool, bool]:
    """A draft form's two buttons, inside the form (so both submit what the form shows)."""
    x, z = st.columns([3, 1])
    accept = x.form_submit_button(label, type="primary", icon=icon)
    return accept, z.form_submit_button("Reject", icon=":material/close:")


def _reject(guard, d, ws, view) -> None:
    """Reject the draft at the version this session saw."""
    _decide(guard, d, curation.reject, ws.engine, ws.user, d.draft_id, view["version"], done="Rejected.")


def _decide(guard, d, action, *args, done: str = "", then=None, **kwargs):
    """Run a decision; once it is saved, the draft is seen afresh (decided, or proposed again)."""
    result = guard(action, *args, done=done, **kwargs)
    if result:
        seen.forget_draft(d.draft_id)
        if then is not None:
            then(result)
    st.rerun()
    return result


def _event_draft(ws, guard, d, ctx, view) -> None:
    p = d.proposal
    key = f"ev-{d.draft_id}"  # never the version (see the module's docstring)
    with st.container(border=True, key=f"draft-{d.draft_id}"):
        st.markdown(
            f"**Event #{d.draft_id}** · {md(p.get('date') or 'date unresolved')} ({md(p.get('date_text', ''))}) · "
            f"{md(p['status'])}"
        )
        st.caption(f"“{md(p['evidence'][:400])}”")
        ranked = curation.attach_candidates(ws.engine, p)
        with st.form(f"{key}-form", border=False):
            title = st.text_input("Neutral title", value=p["title"], key=f"{key}-title")
            a, b, c = st.columns([2, 2, 2])
            date = a.text_input("Date (EDTF)", value=p.get("date") or "", key=f"{key}-date")
            date_text = b.text_input("Date as written", value=p.get("date_text") or "", key=f"{key}-date-text")
            status = c.selectbox("Status", STATUSES, index=STATUSES.index(p["status"]), key=f"{key}-status")
            types = list(ctx["types"])
            kind = p.get("event_type") if p.get("event_type") in types else None
            t, lo = st.columns([2, 2])
            event_type = t.selectbox(
                "Type",
                types,
                index=types.index(kind) if kind else None,
                format_func=ctx["types"].get,
                placeholder="Choose a type",
                key=f"{key}-type",
            )
            location = lo.text_input("Location", value=p.get("location") or "", key=f"{key}-location")
            proposed = [x["actor_id"] for x in p.get("actors", []) if x.get("actor_id") in ctx["actors"]]
            actors = st.multiselect(
                "Actors",
                list(ctx["actors"]),
                default=list(dict.fromkeys(proposed)),
                format_func=ctx["actors"].get,
                key=f"{key}-actors",
            )
            summary = st.text_input("Summary (optional)", key=f"{key}-summary")
            target = _attach_target(key, ranked, ctx)
            x, y, z = st.columns([5, 4, 3])
            accept = x.form_submit_button("Accept as a new event", type="primary", icon=":material/check:")
            attach = y.form_submit_button("Attach as a report", icon=":material/add_link:")
            reject = z.form_submit_button("Reject", icon=":material/close:")
        fields = {
            "title": title,
            "date": date,
            "date_text": date_text,
            "status": status,
            "event_type": event_type or "unclassified",
            "actor_ids": ";".join(actors),
            "summary": summary,
            "location": location,
        }
        if accept:
            _decide(
                guard,
                d,
                curation.accept_event,
                ws.engine,
                ws.user,
                d.draft_id,
                view["version"],
                fields,
                done="Accepted as event {result}. Publish to show it to viewers.",
            )
        if attach:
            if target is None:
                st.error("Choose the event this is another report of (under “…or another report of”).")
                return
            event = curation.row(ws.engine, "events", target)
            was = event.data.get("status", "") if event else ""
            # The first report's status stays as it was (its history is the reports'); only the event's own
            # wording may need a look, so the prompt names the title and note, never the status.
            prompt = (
                f" The event is recorded as {was!r} and this report says {status!r}: its title or note may need "
                "new wording (“to meet…” may now read “met”); it is open below under *Edit the working copy*."
                if was and was != status
                else ""
            )
            made = guard(
                curation.attach_report,
                ws.engine,
                ws.user,
                d.draft_id,
                view["version"],
                target,
                {"date": date, "date_text": date_text, "status": status},
                done=f"Attached to {target} as report {{result}}.{prompt}",
            )
            if made:
                seen.forget_draft(d.draft_id)
                if prompt:
                    state.open_in_editor("events", target)
            st.rerun()
        if reject:
            _reject(guard, d, ws, view)


def _attach_target(key: str, ranked: list[dict], ctx) -> str | None:
    """The event a draft may be another report of: the likeliest first; preselected only when one is
    strong (shares actors and type family within days); else none — a new event."""
    ranked_ids = [c["event_id"] for c in ranked]
    options = ranked_ids + [e for e in ctx["events"] if e not in ranked_ids]
    about = {c["event_id"]: c for c in ranked}

    def described(e: str) -> str:
        c = about.get(e)
        if c is None:
            return ctx["events"].get(e, e)
        why = [f"{c['shared']} actor{'' if c['shared'] == 1 else 's'} shared"] if c["shared"] else []
        if c["apart"] is not None:
            why.append("same dates" if c["apart"] == 0 else f"{c['apart']} day{'' if c['apart'] == 1 else 's'} apart")
        return f"{'★ ' if c['strong'] else ''}{c['label']} ({', '.join(why)})"

    return st.selectbox(
        "…or another report of" + (" (the likeliest first)" if ranked else ""),
        options,
        index=0 if ranked and ranked[0]["strong"] else None,  # a weak match is offered, never chosen for you
        format_func=described,
        placeholder="None: a new event",
        key=f"{key}-attach-to",
    )


def _quote_draft(ws, guard, d, ctx, view) -> None:
    p = d.proposal
    key = f"q-{d.draft_id}"
    with st.container(border=True, key=f"draft-{d.draft_id}"):
        kind = "Direct quote" if p["quote_type"] == "direct" else "Paraphrase"
        who = p.get("speaker") or "speaker not found"
        st.markdown(f"**{kind} #{d.draft_id}** · {md(who)}")
        st.markdown(f"> {md(p['text'][:600])}")
        if p.get("note"):
            st.caption(md(p["note"]))
        article = curation.row(ws.engine, "articles", d.article_id)
        with st.form(f"{key}-form", border=False):
            actors = list(ctx["actors"])
            proposed = [a for a in split_list(p.get("speaker_id", "")) if a in ctx["actors"]]
            made = _made_for(p, ctx)  # a person added since from this article's actor draft: chosen, not re-made
            speakers = st.multiselect(
                "Said by (several for a joint statement)",
                actors,
                default=list(dict.fromkeys(proposed + made)),
                format_func=ctx["actors"].get,
                key=f"{key}-speaker",
            )
            n1, n2, n3 = st.columns(3)
            person = p.get("speaker_role") is not None and not proposed and not made  # a new person, not yet added
            new_name = n1.text_input(
                "…or a new person's name",
                value=p["speaker"] if person else "",
                placeholder=("e.g. " + p["speaker"]) if p.get("speaker") and not proposed and not person else "",
                key=f"{key}-new-name",
                help="Not an actor yet: added as one when you accept, with the factions and role you give.",
            )
            new_factions = n2.multiselect(
                "Their factions", list(ctx["factions"]), format_func=ctx["factions"].get, key=f"{key}-new-factions"
            )
            new_role = n3.text_input("Their role", value=p.get("speaker_role", ""), key=f"{key}-new-role")
            a, b, c = st.columns(3)
            qtype = a.selectbox("Kind", QUOTE_TYPES, index=QUOTE_TYPES.index(p["quote_type"]), key=f"{key}-type")
            said_on = b.text_input("Said on (EDTF, optional)", value=p.get("said_on") or "", key=f"{key}-said")
            reported_by = c.text_input(
                "Reported by (source id)",
                value=(article.data.get("source_id", "") if article else ""),
                key=f"{key}-reported-by",
            )
            events = list(ctx["events"])
            event = st.selectbox(
                "The event it is about (optional)",
                events,
                index=None,
                format_func=ctx["events"].get,
                placeholder="Choose an event",
                key=f"{key}-event",
            )
            chain = st.text_input(
                "Attribution chain",
                value=curation.chain_cell(p.get("chain", []), ctx["sources"]),
                key=f"{key}-chain",
                help="Steps such as “told: guardian; via: aljazeera” (see the data model).",
            )
            outlets = curation.new_outlets(p.get("chain", []), ctx["sources"])
            if outlets:
                st.caption(
                    "New outlets, added as sources when you accept: "
                    + ", ".join(f"{md(name)} ({md(key_)})" for key_, name in outlets.items())
                )
            accept, reject = _accept_or_reject("Accept the quote", ":material/check:")
        if accept:
            _decide(
                guard,
                d,
                curation.accept_quote,
                ws.engine,
                ws.user,
                d.draft_id,
                view["version"],
                {
                    "speaker_id": ";".join(speakers),
                    "quote_type": qtype,
                    "said_on": said_on,
                    "reported_by": reported_by,
                    "chain": chain,
                    "event_id": event or "",
                    "new_speaker_name": new_name,
                    "new_speaker_factions": ";".join(new_factions),
                    "new_speaker_role": new_role,
                },
                done="Accepted as quote {result}.",
            )
        if reject:
            _reject(guard, d, ws, view)


def _made_for(p: dict, ctx) -> list[str]:
    """Actors that already carry the drafted speaker's name (one added from the article's actor draft, or
    an existing one under this name or alias): chosen as the speaker instead of offering to make them again."""
    name = (p.get("speaker") or "").strip()
    if not name or p.get("speaker_id"):
        return []
    return [a for a in curation.likely_same_person(ctx.get("people", {}), name)]


def _forget_new_person(name: str) -> None:
    """The quote forms that offered to make this person (their "new person's name"): drawn afresh, now
    naming the actor just added as the speaker."""
    from components.data.names import fold

    for k in [k for k in st.session_state if isinstance(k, str) and k.startswith("q-") and k.endswith("-new-name")]:
        if fold(str(st.session_state[k] or "")) == fold(name):
            stem = k.removesuffix("-new-name")
            seen.forget_widgets([k, f"{stem}-speaker", f"{stem}-new-role", f"{stem}-new-factions"])


def _actor_draft(ws, guard, d, ctx, view) -> None:
    p = d.proposal
    key = f"a-{d.draft_id}"
    with st.container(border=True, key=f"draft-{d.draft_id}"):
        st.markdown(f"**New actor #{d.draft_id}** · {md(p['name'])}")
        st.caption(f"Because the article says “{md(p.get('because', ''))}”")
        already = curation.likely_same_person(ctx.get("people", {}), p["name"])
        if already:
            st.info(
                "Likely already an actor: "
                + ", ".join(f"{md(ctx['actors'].get(a, a))} ({md(a)})" for a in already)
                + ". Reject this draft and choose them, unless this is someone else.",
                icon=":material/person_search:",
            )
        with st.form(f"{key}-form", border=False):
            n, r = st.columns(2)
            name = n.text_input("Name", value=p["name"], key=f"{key}-name")
            role = r.text_input("Role", value=p.get("role", ""), key=f"{key}-role", help="The title alone, as written.")
            a, b = st.columns(2)
            kind = a.selectbox("Kind", ["person", "organization", "state", "group"], key=f"{key}-kind")
            factions = b.multiselect(
                "Factions", list(ctx["factions"]), format_func=ctx["factions"].get, key=f"{key}-factions"
            )
            accept, reject = _accept_or_reject("Add the actor", ":material/person_add:")
        if accept:
            _decide(
                guard,
                d,
                curation.accept_actor,
                ws.engine,
                ws.user,
                d.draft_id,
                view["version"],
                {"name": name, "kind": kind, "faction_ids": ";".join(factions), "role": role},
                done="Added actor {result}; the article's quotes by them now name them.",
                then=lambda _made: _forget_new_person(name),
            )
        if reject:
            _reject(guard, d, ws, view)
