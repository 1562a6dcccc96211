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
from components.drafting.draft import DraftError, read_article
from components.store import audit, curation, versions
from components.store.curation import Refused
from components.store.db import failure, read_only
from components.store.roles import Forbidden
from components.store.workcopy import Conflict, Stale
from components.ui import add_by_hand, draft_forms, rows_editor, seen, state, workspace
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
    conflict = state.widget(seen.CONFLICT)
    if conflict and conflict[0] == name:
        state.take(seen.CONFLICT)
        _theirs_beside_yours(conflict[1])


def _theirs_beside_yours(err: Stale) -> None:
    """A refused write's values: theirs (as the store holds them now) beside yours (kept in the form)."""
    import pandas as pd

    rows = err.differing()
    if not rows:
        return
    st.caption(f"Theirs ({md(err.by)}, {audit.utc(err.at)} UTC) beside yours — yours are still in the form:")
    st.dataframe(
        pd.DataFrame(rows, columns=["Field", f"Theirs ({err.by})", "Yours (not saved)"]),
        hide_index=True,
        width="stretch",
        key=None,
    )


def _guard(action, *args, done: str = "", **kwargs):
    """Run a store action; turn every expected failure into a clear message (nothing half-written)."""
    try:
        result = action(*args, **kwargs)
    except (Conflict, Refused, Forbidden, ValueError) as err:
        _flash("error", str(err).split(" Where you differ — ")[0] if isinstance(err, Stale) else str(err))
        if isinstance(err, Stale):
            state.keep(seen.CONFLICT, (state.section(), err))
        return None
    except SQLAlchemyError as err:
        log.error("A store action failed: %s", err)
        _flash("error", failure(err))
        return None
    if done:
        _flash("success", done.format(result=result))
    return True if result is None else result  # None: refused (a message says why)


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
    add_by_hand.render(ws, _guard, _section)
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
            # A new uploader after each article added (its key counts them): an old upload never stays to
            # override the next article's pasted text.
            added = state.memo("articles-added")
            upload = st.file_uploader(
                "Upload the article (.txt, .md, .html)",
                type=["txt", "md", "html", "htm"],
                key=f"article-upload-{added.get('n', 0)}",
            )
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
            added["n"] = added.get("n", 0) + 1
            _flash("success", f"Added {article_id}: {n} proposal{'' if n == 1 else 's'} to review below.")
        st.rerun()


def _article_text(upload, pasted: str) -> str:
    if upload is not None and pasted.strip():
        raise DraftError(
            "Both a file and pasted text: nothing was added. Remove the file (×) to add the pasted text, or empty the "
            "text box to add the file."
        )
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
    # Labels that never change with the counts: a select box whose option labels change is reset by the
    # browser to its first option (the newest article) — a decision on an older article then jumped away.
    labels = {a["article_id"]: f"{a.get('published_on', '')} · {a.get('title', '')[:80]}" for a in articles}
    ids = list(labels)
    if state.picked_article() not in ids:
        state.pick_article(ids[0])
    article_id = st.selectbox("Article", ids, format_func=labels.get, key=state.CURATE_PICK)
    counts = next(a["drafts"] for a in articles if a["article_id"] == article_id)
    elsewhere = sum(a["drafts"].get("proposed", 0) for a in articles if a["article_id"] != article_id)
    st.caption(
        f"This article: {counts.get('proposed', 0)} to review · {counts.get('accepted', 0)} accepted · "
        f"{counts.get('rejected', 0)} rejected. Other articles: {elsewhere} to review."
    )
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
                # proposed first (as this session saw them), then the decided ones with Reopen
                for d in sorted(mine, key=lambda d: seen.draft(d)["status"] != "proposed"):
                    draft_forms.draft_card(ws, _guard, d, context)


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
