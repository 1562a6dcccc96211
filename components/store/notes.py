"""Editors' notes on events, reports and quotes: threaded, each internal (editors only) or public
(shown to viewers too). Not part of a version: a note is a conversation, not data."""

from __future__ import annotations

from sqlalchemy import Engine, insert, select

from components.store import audit
from components.store.roles import User, require
from components.store.tables import notes

TARGETS = ("event", "report", "quote")
VISIBILITY = ("internal", "public")


def add(
    engine: Engine,
    user: User,
    target_kind: str,
    target_id: str,
    body: str,
    visibility: str = "internal",
    parent_id: int | None = None,
) -> int:
    require(user, "editor")
    if target_kind not in TARGETS or visibility not in VISIBILITY:
        raise ValueError(f"a note is on an {'/'.join(TARGETS)} and {'/'.join(VISIBILITY)}")
    body = body.strip()
    if not body:
        raise ValueError("The note is empty.")
    with engine.begin() as connection:
        if parent_id is not None:
            parent = connection.execute(select(notes).where(notes.c.note_id == parent_id)).mappings().first()
            if parent is None or (parent["target_kind"], parent["target_id"]) != (target_kind, target_id):
                raise ValueError("A reply must answer a note on the same item.")
        note_id = connection.execute(
            insert(notes)
            .values(
                target_kind=target_kind,
                target_id=target_id,
                parent_id=parent_id,
                author=user.name,
                created_at=audit.now(),
                body=body,
                visibility=visibility,
            )
            .returning(notes.c.note_id)
        ).scalar_one()
        audit.log(connection, user, "note", f"{target_kind}:{target_id}", note_id=note_id, visibility=visibility)
    return note_id


def thread(engine: Engine, user: User | None, target_kind: str, target_id: str) -> list[dict]:
    """The notes on an item that this user may read (viewers: public ones only), oldest first, each with
    its depth in the thread."""
    query = select(notes).where(notes.c.target_kind == target_kind, notes.c.target_id == target_id)
    if user is None or not user.can("editor"):
        query = query.where(notes.c.visibility == "public")
    with engine.connect() as connection:
        found = [dict(r) for r in connection.execute(query.order_by(notes.c.note_id)).mappings()]
    by_parent: dict = {}
    for n in found:
        by_parent.setdefault(n["parent_id"], []).append(n)
    ordered: list[dict] = []

    def walk(parent, depth):
        for n in by_parent.get(parent, []):
            ordered.append(n | {"depth": depth})
            walk(n["note_id"], depth + 1)

    walk(None, 0)
    seen = {n["note_id"] for n in ordered}  # a reply whose parent this user may not read: shown at the top
    ordered += [n | {"depth": 0} for n in found if n["note_id"] not in seen]
    return ordered
