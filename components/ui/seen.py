"""What this session saw of each thing it may write (a working-copy row, a draft): its version, and for a
row its cells. Every write carries the version the person saw — not the one the store holds when the
click arrives — so that a save from a page opened before someone else's is refused (Stale) instead of
silently landing on, or under, theirs. Forms draw from what was seen, under keys that do not change with
the version, so what the person typed survives the refusal and can be applied again."""

from __future__ import annotations

from components.ui import state

_ROWS, _DRAFTS = "seen-rows", "seen-drafts"
CONFLICT = "curate-conflict"  # the last refused write's Stale, shown beside its section's message


def row(table: str, key: str, current) -> dict:
    """The row as this session first saw it ({version, data, by, at}); remembered from the current row."""
    seen = state.memo(_ROWS)
    if (table, key) not in seen:
        seen[(table, key)] = _snapshot(current)
    return seen[(table, key)]


def see_row(table: str, key: str, current) -> None:
    """Now seen at the current version (after a save of one's own, or on asking for their version)."""
    state.memo(_ROWS)[(table, key)] = _snapshot(current)


def forget_row(table: str, key: str) -> None:
    state.memo(_ROWS).pop((table, key), None)


def _snapshot(current) -> dict:
    return {
        "version": current.row_version,
        "data": dict(current.data),
        "by": current.updated_by,
        "at": current.updated_at,
    }


def draft(d) -> dict:
    """A draft as this session first saw it: {version, status}."""
    seen = state.memo(_DRAFTS)
    if d.draft_id not in seen:
        seen[d.draft_id] = {"version": d.row_version, "status": d.status}
    return seen[d.draft_id]


def forget_draft(draft_id: int) -> None:
    state.memo(_DRAFTS).pop(draft_id, None)


def forget_widgets(keys) -> None:
    """Drop the session's values of a form's widgets: drawn afresh from what is seen."""
    state.forget(keys)
