"""The Curate page (editors): add an article, review what the drafting assistant proposes beside the
text — accept (after editing), attach to an existing event as another report, or reject — edit events of
the working copy, and publish a version. Viewers never reach this page (it is not registered for them)
and the store refuses their writes anyway."""

from __future__ import annotations

import datetime as dt
import html
import logging
import tempfile
from pathlib import Path

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from components.data.problems import InvalidData
from components.data.safetext import md
from components.data.schema import QUOTE_TYPES, STATUSES, split_list
from components.drafting.draft import DraftError, read_article
from components.store import audit, curation, versions
from components.store.curation import Refused
from components.store.db import failure, read_only
from components.store.roles import Forbidden
from components.store.workcopy import Conflict
from components.ui import rows_editor, state, workspace
from components.ui.common import problem_table
from components.ui.loading import load_dataset

log = logging.getLogger("factionline")

ARTICLE_FIELDS = ("article-text", "article-title", "article-other-outlet", "article-url", "article-credit")
KINDS = {"event": "Events", "quote": "Quotes", "actor": "New actors"}


def _flash(kind: str, message: str) -> None:
    state.flash(kind, message)


def _section(name: str) -> None:
    """Enter a section of the page: the message of what was done here last run shows here, by the item."""
    state.enter_section(name)
    kind, message = state.take_flash(name)
    if message:
        {"success": st.success, "error": st.error, "warning": st.warning}[kind](message)


def _guard(action, *args, done: str = "", **kwargs):
    """Run a store action; turn every expected failure into a clear message (nothing half-written)."""
    try:
        result = action(*args, **kwargs)
    except (Conflict, Refused, Forbidden, ValueError) as err:
        _flash("error", str(err))
        return None
    except SQLAlchemyError as err:
        log.error("A store action failed: %s", err)
        _flash("error", failure(err))
        return None
    if done:
        _flash("success", done.format(result=result))
    return result


def render() -> None:
    ws = workspace.current()
    st.title("Curate", anchor=False)
    if ws.engine is None:
        st.error(
            (ws.down or "This instance shows a data directory, read-only.")
            + " Nothing can be added or changed now; what you see on the dashboard is the last published version.",
            icon=":material/cloud_off:",
        )
        return
    user, engine = ws.user, ws.engine
    if read_only(engine):
        st.warning(
            "The store is read-only (its file or disk cannot be written): you can read the working copy, but "
            "nothing can be added, changed or published until whoever runs this instance makes it writable.",
            icon=":material/lock:",
        )
    try:
        pending = audit.since_last_publish(engine)
        articles = curation.articles(engine, user)
    except Forbidden as err:  # not reachable from the pages a viewer is given; refused all the same
        st.error(str(err), icon=":material/lock:")
        return
    except SQLAlchemyError:
        st.error("The store cannot be reached right now. Nothing was changed; try again in a moment.")
        return
    waiting = sum(a["drafts"].get("proposed", 0) for a in articles)
    st.caption(
        "What you accept goes into the working copy; viewers see it once you publish a version. "
        f"Version {ws.latest.version_id if ws.latest else '—'} is published · {pending} change"
        f"{'' if pending == 1 else 's'} since · {waiting} draft{'' if waiting == 1 else 's'} waiting."
    )
    _section("top")
    _publish(ws, pending)
    _add_article(ws, articles)
    if articles:
        _review(ws, articles)
    rows_editor.edit_rows(ws, _guard, _section)
    rows_editor.recent_changes(ws, _guard, _section)


def _publish(ws, pending: int) -> None:
    with st.container(border=True, key="publish"):
        _section("publish")
        st.markdown("**Publish a version** — every validation rule and check of meaning runs first.")
        with st.form("publish-form", border=False, clear_on_submit=True):
            message = st.text_input("What changed, in a sentence", key="publish-message", max_chars=300)
            go = st.form_submit_button(
                "Publish", type="primary", icon=":material/publish:", disabled=pending == 0 and ws.latest is not None
            )
        if go:
            try:
                v = versions.publish(ws.engine, ws.user, message)
            except InvalidData as err:
                st.error(
                    f"Not published: the working copy has {len(err.problems)} problem(s). Fix them (below) and "
                    "publish again; viewers still see the previous version.",
                    icon=":material/error:",
                )
                problem_table(err.problems)
                rows_editor.fix_buttons(ws, err.problems)
                return
            except (Forbidden, SQLAlchemyError) as err:
                if isinstance(err, SQLAlchemyError):
                    log.error("Publishing failed: %s", err)
                st.error(f"Not published. {err if isinstance(err, Forbidden) else failure(err)}")
                return
            workspace.forget_latest()
            warned = v.changes.get("warnings", [])
            note = (
                f" {len(warned)} check{'' if len(warned) == 1 else 's'} of meaning to look at (see *About this data*)."
                if warned
                else ""
            )
            _flash(
                "success", f"Version {v.version_id} published: {v.summary()}. Viewers see it on their next click.{note}"
            )
            st.rerun()


def _parser_notice() -> None:
    """Which drafter runs: on the verified English parser, or on its rules alone (and why)."""
    from components.drafting import parser

    found = parser.status()
    if found.available:
        st.caption(f":material/verified: Drafts read the grammar with {found.model}.")
    else:
        st.warning(
            f"Drafting without the English parser: {found.reason}. Proposals come from the rules alone, which "
            "miss more speakers and dates: check each one. (docs/drafting.md: installing the parser)",
            icon=":material/rule:",
        )


def _add_article(ws, articles: list[dict]) -> None:
    state.apply_clearing()
    with st.expander("Add an article", expanded=not articles or state.has_flash("article"), icon=":material/note_add:"):
        _section("article")
        _parser_notice()
        with st.form("add-article", clear_on_submit=False):
            upload = st.file_uploader("Upload the article (.txt, .md, .html)", type=["txt", "md", "html", "htm"])
            pasted = st.text_area("…or paste its text", height=200, key="article-text")
            title = st.text_input("Title, as the outlet published it", key="article-title")
            a, b = st.columns(2)
            known = _sources(ws)
            outlet = a.selectbox("Outlet", [*known.values(), "Another outlet…"], key="article-outlet")
            other = b.text_input("Another outlet's name", key="article-other-outlet")
            c, d = st.columns(2)
            published = c.date_input(
                "Published on", value=dt.date.today(), key="article-published", format="YYYY-MM-DD"
            )
            url = d.text_input("Web address (optional)", key="article-url")
            credit = st.text_input("Credit (optional)", key="article-credit")
            go = st.form_submit_button("Add and draft", type="primary", icon=":material/auto_awesome:")
        if not go:
            return
        try:
            text = _article_text(upload, pasted)
        except DraftError as err:
            st.error(str(err), icon=":material/error:")
            return
        name = other.strip() if outlet == "Another outlet…" else outlet
        dataset = load_dataset(ws.root) if ws.root else None
        result = _guard(
            curation.add_article,
            ws.engine,
            ws.user,
            text=text,
            title=title,
            outlet=name,
            published=published,
            url=url,
            credit=credit,
            dataset=dataset,
        )
        if result:
            article_id, n = result
            state.pick_article(article_id)  # open it for review
            state.clear_on_next_run(ARTICLE_FIELDS)  # the form empties for the next article
            _flash("success", f"Added {article_id}: {n} proposal{'' if n == 1 else 's'} to review below.")
        st.rerun()


def _article_text(upload, pasted: str) -> str:
    if upload is not None:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / Path(upload.name).name
            path.write_bytes(upload.getvalue())
            return read_article(path)  # HTML reduced to text; empty, binary and huge files refused
    if len(pasted.encode("utf-8")) > 1_000_000:
        raise DraftError("The pasted text is larger than 1 MB. Add one article at a time.")
    if not pasted.strip():
        raise DraftError("Upload the article or paste its text.")
    return pasted


def _sources(ws) -> dict[str, str]:
    return curation.choices(ws.engine)["sources"]


def _review(ws, articles: list[dict]) -> None:
    labels = {
        a["article_id"]: f"{a.get('published_on', '')} · {a.get('title', '')[:80]} "
        f"({a['drafts'].get('proposed', 0)} to review)"
        for a in articles
    }
    ids = list(labels)
    if state.picked_article() not in ids:
        state.pick_article(ids[0])
    article_id = st.selectbox("Article", ids, format_func=labels.get, key=state.CURATE_PICK)
    drafts = curation.listed(ws.engine, ws.user, article_id)
    text = curation.article_text(ws.engine, article_id) or ""
    left, right = st.columns([5, 6], gap="large")
    with left:
        st.markdown("**The article** — proposed passages highlighted")
        with st.container(key="article-text-box"):
            st.html(_highlighted(text, drafts))
    with right:
        _section("review")
        # Labels that do not change with the counts, and a key: after an accept the same tab stays open.
        tabs = st.tabs(list(KINDS.values()), key=f"proposal-tabs-{article_id}", on_change="rerun")
        context = _choices(ws)
        for tab, kind in zip(tabs, KINDS):
            with tab:
                mine = [d for d in drafts if d.kind == kind]
                if not mine:
                    st.caption("None proposed from this article.")
                else:
                    waiting = sum(d.status == "proposed" for d in mine)
                    st.caption(f"{waiting} to review · {len(mine) - waiting} decided")
                for d in mine:
                    if d.status == "proposed":
                        {"event": _event_draft, "quote": _quote_draft, "actor": _actor_draft}[kind](ws, d, context)
                decided = [d for d in mine if d.status != "proposed"]
                for d in decided:
                    left, right = st.columns([5, 2], vertical_alignment="center")
                    left.caption(f"#{d.draft_id} {md(d.status)} by {md(d.decided_by)} {md(d.result)}".strip())
                    if right.button("Reopen", key=f"reopen-{d.draft_id}-{d.row_version}", icon=":material/undo:"):
                        _guard(
                            curation.reopen, ws.engine, ws.user, d.draft_id, d.row_version, done="Reopened: {result}."
                        )
                        st.rerun()


def _highlighted(text: str, drafts) -> str:
    """The article as escaped HTML, each draft's passage marked (proposed amber, accepted green,
    rejected struck through). Nothing of the text is ever interpreted."""
    spans = sorted(
        {(d.proposal["start"], d.proposal["end"], d.status, d.draft_id) for d in drafts if "start" in d.proposal},
        key=lambda s: (s[0], -s[1]),
    )
    colours = {
        "proposed": "rgba(255,170,0,.35)",
        "accepted": "rgba(40,167,69,.30)",
        "rejected": "rgba(128,128,128,.25)",
    }
    out, at = [], 0
    for start, end, status, draft_id in spans:
        if start < at or end > len(text):
            continue  # nested or overlapping: the outer passage is marked
        out.append(html.escape(text[at:start]))
        style = f"background:{colours[status]};border-radius:3px;padding:0 1px"
        if status == "rejected":
            style += ";text-decoration:line-through"
        out.append(
            f'<mark style="{style};color:inherit" title="draft {draft_id}: {status}">{html.escape(text[start:end])}</mark>'
        )
        at = end
    out.append(html.escape(text[at:]))
    # Its own scrolling box, reachable by keyboard (tabindex): a scrolled region must be (axe-core).
    return (
        '<div role="region" aria-label="The article" tabindex="0" style="white-space:pre-wrap;font-size:0.92rem;'
        f"line-height:1.5;max-height:640px;overflow:auto;padding:0.6rem;border:1px solid rgba(128,128,128,.35);"
        f'border-radius:0.5rem">{"".join(out)}</div>'
    )


def _choices(ws) -> dict:
    return curation.choices(ws.engine)


def _reject_button(where, ws, d, key: str) -> None:
    if where.button("Reject", key=f"{key}-reject", icon=":material/close:"):
        _guard(curation.reject, ws.engine, ws.user, d.draft_id, d.row_version, done="Rejected.")
        st.rerun()


def _event_draft(ws, d, ctx) -> None:
    p = d.proposal
    key = f"ev-{d.draft_id}-{d.row_version}"
    with st.container(border=True, key=f"draft-{d.draft_id}"):
        st.markdown(
            f"**Event #{d.draft_id}** · {md(p.get('date') or 'date unresolved')} ({md(p.get('date_text', ''))}) · {md(p['status'])}"
        )
        st.caption(f"“{md(p['evidence'][:400])}”")
        with st.form(f"{key}-form", border=False):
            title = st.text_input("Neutral title", value=p["title"], key=f"{key}-title")
            a, b, c = st.columns([2, 2, 2])
            date = a.text_input("Date (EDTF)", value=p.get("date") or "", key=f"{key}-date")
            status = b.selectbox("Status", STATUSES, index=STATUSES.index(p["status"]), key=f"{key}-status")
            types = list(ctx["types"])
            kind = p.get("event_type") if p.get("event_type") in types else None
            event_type = c.selectbox(
                "Type",
                types,
                index=types.index(kind) if kind else None,
                format_func=ctx["types"].get,
                placeholder="Choose a type",
                key=f"{key}-type",
            )
            proposed = [x["actor_id"] for x in p.get("actors", []) if x.get("actor_id") in ctx["actors"]]
            actors = st.multiselect(
                "Actors",
                list(ctx["actors"]),
                default=list(dict.fromkeys(proposed)),
                format_func=ctx["actors"].get,
                key=f"{key}-actors",
            )
            s1, s2 = st.columns([3, 2])
            summary = s1.text_input("Summary (optional)", key=f"{key}-summary")
            location = s2.text_input("Location", value=p.get("location") or "", key=f"{key}-location")
            accept = st.form_submit_button("Accept as a new event", type="primary", icon=":material/check:")
        if accept:
            _guard(
                curation.accept_event,
                ws.engine,
                ws.user,
                d.draft_id,
                d.row_version,
                {
                    "title": title,
                    "date": date,
                    "status": status,
                    "event_type": event_type or "unclassified",
                    "actor_ids": ";".join(actors),
                    "summary": summary,
                    "location": location,
                },
                done="Accepted as event {result}. Publish to show it to viewers.",
            )
            st.rerun()
        ranked = curation.attach_candidates(ws.engine, p)
        ranked_ids = [c["event_id"] for c in ranked]
        options = ranked_ids + [e for e in ctx["events"] if e not in ranked_ids]
        about = {c["event_id"]: c for c in ranked}

        def described(e: str) -> str:
            c = about.get(e)
            if c is None:
                return ctx["events"][e]
            why = [f"{c['shared']} actor{'' if c['shared'] == 1 else 's'} shared"] if c["shared"] else []
            if c["apart"] is not None:
                why.append(
                    "same dates" if c["apart"] == 0 else f"{c['apart']} day{'' if c['apart'] == 1 else 's'} apart"
                )
            return f"{'★ ' if c['strong'] else ''}{c['label']} ({', '.join(why)})"

        x, y, z = st.columns([4, 2, 1.3], vertical_alignment="bottom")
        target = x.selectbox(
            "…or another report of" + (" (the likeliest first)" if ranked else ""),
            options,
            index=0 if ranked and ranked[0]["strong"] else None,  # a weak match is offered, never chosen for you
            format_func=described,
            placeholder="Choose an event",
            key=f"{key}-attach-to",
        )
        if y.button("Attach as a report", key=f"{key}-attach", disabled=target is None, icon=":material/add_link:"):
            event = curation.row(ws.engine, "events", target)
            was = event.data.get("status", "") if event else ""
            prompt = (
                f" The event is recorded as {was!r} and this report says {status!r}: check its title, status and "
                "note (“to meet…” may now read “met”), opened below under *Edit the working copy*."
                if was and was != status
                else ""
            )
            if (
                _guard(
                    curation.attach_report,
                    ws.engine,
                    ws.user,
                    d.draft_id,
                    d.row_version,
                    target,
                    {"date": date, "status": status},
                    done=f"Attached to {target} as report {{result}}.{prompt}",
                )
                and prompt
            ):
                state.open_in_editor("events", target)
            st.rerun()
        _reject_button(z, ws, d, key)


def _quote_draft(ws, d, ctx) -> None:
    p = d.proposal
    key = f"q-{d.draft_id}-{d.row_version}"
    with st.container(border=True, key=f"draft-{d.draft_id}"):
        kind = "Direct quote" if p["quote_type"] == "direct" else "Paraphrase"
        who = p.get("speaker") or "speaker not found"
        st.markdown(f"**{kind} #{d.draft_id}** · {md(who)}")
        st.markdown(f"> {md(p['text'][:600])}")
        if p.get("note"):
            st.caption(md(p["note"]))
        with st.form(f"{key}-form", border=False):
            actors = list(ctx["actors"])
            proposed = [a for a in split_list(p.get("speaker_id", "")) if a in ctx["actors"]]
            speakers = st.multiselect(
                "Said by (several for a joint statement)",
                actors,
                default=proposed,
                format_func=ctx["actors"].get,
                key=f"{key}-speaker",
            )
            n1, n2, n3 = st.columns(3)
            person = p.get("speaker_role") is not None and not proposed  # the drafter found a new person
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
            a, b = st.columns(2)
            qtype = a.selectbox("Kind", QUOTE_TYPES, index=QUOTE_TYPES.index(p["quote_type"]), key=f"{key}-type")
            said_on = b.text_input("Said on (EDTF, optional)", value=p.get("said_on") or "", key=f"{key}-said")
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
            accept = st.form_submit_button("Accept the quote", type="primary", icon=":material/check:")
        if accept:
            _guard(
                curation.accept_quote,
                ws.engine,
                ws.user,
                d.draft_id,
                d.row_version,
                {
                    "speaker_id": ";".join(speakers),
                    "quote_type": qtype,
                    "said_on": said_on,
                    "chain": chain,
                    "event_id": event or "",
                    "new_speaker_name": new_name,
                    "new_speaker_factions": ";".join(new_factions),
                    "new_speaker_role": new_role,
                },
                done="Accepted as quote {result}.",
            )
            st.rerun()
        _reject_button(st, ws, d, key)


def _actor_draft(ws, d, ctx) -> None:
    p = d.proposal
    key = f"a-{d.draft_id}-{d.row_version}"
    with st.container(border=True, key=f"draft-{d.draft_id}"):
        st.markdown(f"**New actor #{d.draft_id}** · {md(p['name'])}")
        st.caption(f"Because the article says “{md(p.get('because', ''))}”")
        with st.form(f"{key}-form", border=False):
            n, r = st.columns(2)
            name = n.text_input("Name", value=p["name"], key=f"{key}-name")
            role = r.text_input("Role", value=p.get("role", ""), key=f"{key}-role", help="The title alone, as written.")
            a, b = st.columns(2)
            kind = a.selectbox("Kind", ["person", "organization", "state", "group"], key=f"{key}-kind")
            factions = b.multiselect(
                "Factions", list(ctx["factions"]), format_func=ctx["factions"].get, key=f"{key}-factions"
            )
            accept = st.form_submit_button("Add the actor", type="primary", icon=":material/person_add:")
        if accept:
            _guard(
                curation.accept_actor,
                ws.engine,
                ws.user,
                d.draft_id,
                d.row_version,
                {"name": name, "kind": kind, "faction_ids": ";".join(factions), "role": role},
                done="Added actor {result}.",
            )
            st.rerun()
        _reject_button(st, ws, d, key)
