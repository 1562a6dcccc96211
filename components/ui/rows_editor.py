"""Fix anything in the working copy, in the UI: edit or delete a row of any table, and undo a change.
Every save is version-checked (a second editor is told who changed the row and when) and audited; a
deletion keeps the row's cells in the audit log, so that Undo can restore it."""

from __future__ import annotations

import streamlit as st

from components.data.safetext import md
from components.store import audit, curation, workcopy
from components.ui import seen, state

LONG = ("summary", "note", "text", "evidence", "title", "role", "aliases", "chain", "credit")


def edit_rows(ws, guard, section) -> None:
    """The row editor: a table, a row, its cells; Save and Delete."""
    state.take_editor_target()
    with st.expander(
        "Edit the working copy",
        icon=":material/edit:",
        expanded=state.widget(state.EDIT_ROW) is not None or state.has_flash("editor"),
    ):
        section("editor")  # this section's messages show here, by the row
        table, key = _pick_row(ws)
        if key is None:
            return
        row = curation.row(ws.engine, table, key)
        mine = seen.row(table, key, row) if row is not None else None
        if row is None and mine is None:
            st.warning("That row is no longer in the working copy (someone removed it).")
            return
        columns = curation.columns_of(ws.engine, table)
        # One key per row, never per version: a save submitted from a page opened before someone else's
        # lands in this same form (and is refused, naming them), instead of in a form that no longer exists.
        form_key = f"edit-{table}-{key}"
        if row is None or row.row_version != mine["version"]:
            _changed_since(table, key, row, mine, [f"{form_key}-{c}" for c in columns])
        values, saved, deleted, confirmed = _row_form(form_key, table, key, mine, columns)
        if saved:
            _save(ws, guard, table, key, mine, values)
        if deleted:
            _delete(ws, guard, table, key, mine, confirmed, [f"{form_key}-{c}" for c in columns])


def _pick_row(ws) -> tuple[str | None, str | None]:
    """The table and row chosen (None until a row of the table is)."""
    names = curation.tables(ws.engine)  # only the chosen table's rows are read
    tables = sorted(names, key=lambda t: (t not in FIRST, FIRST.index(t) if t in FIRST else 0, t))
    a, b = st.columns([1, 3])
    table = a.selectbox("Table", tables, key=state.EDIT_TABLE)
    rows = curation.listing(ws.engine, table) if table else {}
    key = b.selectbox(
        "Row",
        list(rows),
        index=None,
        format_func=lambda k: f"{k} — {rows[k]}" if rows.get(k) else k,
        placeholder=f"Choose one of {len(rows):,} rows (type to search)",
        key=state.EDIT_ROW,
    )
    return table, (key if key is not None and key in rows else None)


def _row_form(form_key: str, table: str, key: str, mine: dict, columns: list[str]):
    """The row's cells as this person saw them (its id left out: it stays); (values, saved, deleted, confirmed)."""
    id_column = next((c for c in columns if mine["data"].get(c) == key), None)
    with st.form(form_key):
        st.caption(
            f"{md(table)} · {md(key)} · version {mine['version']}, last changed by {md(mine['by'])} "
            f"at {audit.utc(mine['at'])} UTC. The id stays; everything else can change."
        )
        values = {}
        for column in columns:
            if column == id_column:
                continue
            value = str(mine["data"].get(column, ""))
            widget = st.text_area if column in LONG or len(value) > 80 else st.text_input
            values[column] = widget(column, value=value, key=f"{form_key}-{column}")
        save, remove, sure = st.columns([1, 1, 2], vertical_alignment="center")
        saved = save.form_submit_button("Save", type="primary", icon=":material/save:")
        deleted = remove.form_submit_button("Delete", icon=":material/delete:")
        confirmed = sure.checkbox("Yes, delete this row", key=f"{form_key}-sure")
    return values, saved, deleted, confirmed


def _save(ws, guard, table: str, key: str, mine: dict, values: dict) -> None:
    changes = {k: v for k, v in values.items() if str(mine["data"].get(k, "")) != v}
    if not changes:
        st.info("Nothing changed.")
        return
    done = guard(
        curation.update_row,
        ws.engine,
        ws.user,
        table,
        key,
        changes,
        mine["version"],  # the version this person saw, not the one the store holds now
        done=f"Saved {key} ({', '.join(changes)}). Undo it under *Recent changes*; publish to show it.",
    )
    if done is not None:
        seen.forget_row(table, key)  # seen again, at the version just saved
    st.rerun()


def _delete(ws, guard, table: str, key: str, mine: dict, confirmed: bool, widgets: list[str]) -> None:
    if not confirmed:
        st.warning("Tick “Yes, delete this row” to delete it.")
        return
    done = guard(
        curation.delete_row,
        ws.engine,
        ws.user,
        table,
        key,
        mine["version"],
        done=f"Deleted {table} {key}. Undo it under *Recent changes*.",
    )
    if done:
        seen.forget_row(table, key)
        seen.forget_widgets(widgets)
        state.open_in_editor(table, None)
    st.rerun()


def _changed_since(table: str, key: str, row, mine: dict, widgets: list[str]) -> None:
    """Someone changed (or removed) the row since this page showed it: say who and when; the form keeps
    the version this person opened (and what they typed) until they choose to keep theirs or take the other."""
    if row is None:
        st.warning(
            f"{table} {key} was removed since you opened it. Your values stay below; nothing can be saved to it.",
            icon=":material/sync_problem:",
        )
        return
    st.warning(
        f"{md(row.updated_by)} changed {md(key)} at {audit.utc(row.updated_at)} UTC (version {row.row_version}) "
        f"since you opened it at version {mine['version']}. Saving now is refused: keep your values and save "
        "them over theirs, or take their version.",
        icon=":material/sync_problem:",
    )
    a, b = st.columns(2)
    a.button(
        "Keep my values, then save again",
        key=f"edit-keep-{table}-{key}",
        icon=":material/edit_note:",
        on_click=seen.see_row,
        args=(table, key, row),
    )

    def take_theirs():
        seen.see_row(table, key, row)
        seen.forget_widgets(widgets)

    b.button("Take their version", key=f"edit-theirs-{table}-{key}", icon=":material/sync:", on_click=take_theirs)


FIRST = ("events", "reports", "quotes", "actors", "factions", "sources", "articles", "event_types", "stories")


def recent_changes(ws, guard, section) -> None:
    """The working copy's latest changes, each with Undo."""
    with st.expander("Recent changes (undo)", icon=":material/undo:", expanded=state.has_flash("changes")):
        section("changes")
        changes = workcopy.recent_changes(ws.engine, 15)
        if not changes:
            st.caption("No changes yet.")
        for change in changes:
            table, _, key = change["target"].partition(":")
            detail = change["detail"]
            what = {
                "insert": "added",
                "update": "changed " + ", ".join(detail.get("after", {})),
                "delete": "deleted",
            }[change["action"]]
            left, right = st.columns([5, 1], vertical_alignment="center")
            left.markdown(
                f"{md(audit.utc(change['at']))} · **{md(change['user_name'])}** {md(what)} · {md(table)} {md(key)}"
            )
            if right.button("Undo", key=f"undo-{change['audit_id']}", icon=":material/undo:"):
                guard(workcopy.undo, ws.engine, ws.user, change["audit_id"], done="Undone: {result}.")
                st.rerun()


def fix_buttons(ws, problems) -> None:
    """Under a publish refusal: each problem's row opens in the editor."""
    seen, keys = set(), {}  # each table's ids read once
    for problem in problems[:20]:
        table = problem.file.removesuffix(".csv").removesuffix(".parquet")
        if not problem.row or (table, problem.row) in seen:
            continue
        seen.add((table, problem.row))
        if table not in keys:
            keys[table] = list(curation.listing(ws.engine, table))
        index = problem.row - 2  # spreadsheet row 2 is the table's first row
        key = keys[table][index] if 0 <= index < len(keys[table]) else None
        if key:  # a callback: it runs before the next run, when this refusal is no longer drawn
            st.button(
                f"Fix {table} {key} ({problem.column or 'row'}: {problem.message[:60]})",
                key=f"fix-{table}-{problem.row}",
                icon=":material/build:",
                on_click=state.open_in_editor,
                args=(table, key),
            )
