"""Notes under an event's details: viewers read the public ones; editors read all, reply and add
(internal by default). Bodies are untrusted text, shown escaped. Notes are live commentary, not data: they
are not part of a version, so the heading says so, and a note written after the version on screen (a link
pinned to an older one) is marked as such."""

from __future__ import annotations

import streamlit as st

from components.data.safetext import md
from components.ui import state, workspace


def render(target_kind: str, target_id: str) -> None:
    try:
        ws = workspace.current()
    except KeyError:  # a page drawn without a workspace (a view tested on its own)
        return
    if ws.engine is None:
        return
    # the store's modules only with a store: a data directory's page never imports SQLAlchemy for notes
    from sqlalchemy.exc import SQLAlchemyError

    from components.store import notes

    editor = ws.user.can("editor")
    try:
        thread = notes.thread(ws.engine, ws.user, target_kind, target_id)
    except SQLAlchemyError:
        st.caption(":gray[Notes cannot be read right now (the store cannot be reached).]")
        return
    if not thread and not editor:
        return
    st.markdown(f"**Notes ({len(thread)})**" if thread else "**Notes**")
    st.caption("Live commentary by the editors: not part of any published version; every version shows them.")
    _show(ws, thread)
    if editor:
        _add_form(ws, thread, target_kind, target_id)


def _show(ws, thread: list[dict]) -> None:
    """Each note, indented under the one it answers; internal ones and those written after the version on
    screen (a link pinned to an older one) badged."""
    shown_version, latest = getattr(ws, "version", None), getattr(ws, "latest", None)
    pinned = shown_version is not None and latest is not None and shown_version.version_id != latest.version_id
    published = shown_version.created_at if pinned else None  # on the latest version every note is current
    for n in thread:
        badge = " :gray-badge[internal]" if n["visibility"] == "internal" else ""
        if published is not None and n["created_at"] is not None and _after(n["created_at"], published):
            badge += f" :orange-badge[written after version {shown_version.version_id}]"
        when = n["created_at"].strftime("%d %b %Y %H:%M") if n["created_at"] else ""
        indent = "\u2003" * min(n["depth"], 4) + ("↳ " if n["depth"] else "")
        st.markdown(f"{indent}:small[**{md(n['author'])}** · {md(when)}{badge}]  \n{indent}{md(n['body'])}")


def _add_form(ws, thread: list[dict], target_kind: str, target_id: str) -> None:
    """An editor's new note or reply. Not cleared on submit: a note the store refused stays in the box
    (cleared once it is saved)."""
    from sqlalchemy.exc import SQLAlchemyError

    from components.store import notes

    body_key = f"note-body-{target_id}"
    if state.take(f"{body_key}-saved"):
        state.forget([body_key])
    with st.form(f"note-{target_kind}-{target_id}"):
        body = st.text_area("Add a note", height=80, key=body_key, max_chars=4000)
        a, b = st.columns(2)
        public = a.toggle("Public (viewers see it)", key=f"note-public-{target_id}")
        parents = {n["note_id"]: f"{n['author']}: {n['body'][:50]}" for n in thread}
        parent = b.selectbox(
            "In reply to",
            list(parents),
            index=None,
            format_func=parents.get,
            placeholder="(a new thread)",
            key=f"note-parent-{target_id}",
        )
        go = st.form_submit_button("Add the note", icon=":material/add_comment:")
    if go and body.strip():
        try:
            notes.add(ws.engine, ws.user, target_kind, target_id, body, "public" if public else "internal", parent)
        except (ValueError, SQLAlchemyError) as err:
            st.error(
                f"The note was not saved: {err if isinstance(err, ValueError) else 'the store cannot be reached.'} "
                "Your text is still in the box."
            )
            return
        state.keep(f"{body_key}-saved", True)
        st.rerun()


def _after(written, published) -> bool:
    """Whether a note was written after the version was published (both read from the store; SQLite gives
    them without a zone, PostgreSQL with one: compare them as UTC)."""
    from components.store.audit import as_utc

    return as_utc(written) > as_utc(published)
