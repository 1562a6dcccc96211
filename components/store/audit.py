"""The append-only log of every change (who, when, what). Written in the same transaction as the change;
the database refuses to alter or delete a row (a trigger, migration 0002)."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import Connection, Engine, select

from components.store.roles import User, require
from components.store.tables import audit


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def log(connection: Connection, user: User, action: str, target: str, **detail) -> None:
    connection.execute(
        audit.insert().values(
            at=now(),
            user_name=user.name,
            role=user.role,
            action=action,
            target=target[:600],
            detail=json.dumps(detail, ensure_ascii=False, default=str),
        )
    )


def entries(engine: Engine, user: User, limit: int = 500) -> list[dict]:
    """The latest entries, newest first (admins only)."""
    require(user, "admin")
    with engine.connect() as connection:
        rows = connection.execute(select(audit).order_by(audit.c.audit_id.desc()).limit(limit)).mappings().all()
    return [dict(r, detail=json.loads(r["detail"])) for r in rows]
