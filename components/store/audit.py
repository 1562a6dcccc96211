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


def as_utc(moment: dt.datetime) -> dt.datetime:
    """A stored time in UTC (SQLite hands back naive UTC; PostgreSQL an aware time in its zone)."""
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


def utc(moment: dt.datetime | None) -> str:
    """A stored time as UTC text."""
    return "" if moment is None else as_utc(moment).strftime("%Y-%m-%d %H:%M")


def log(connection: Connection, user: User, action: str, target: str, **detail) -> None:
    log_as(connection, user.name, user.role, action, target, **detail)


def log_as(connection: Connection, who: str, role: str, action: str, target: str, **detail) -> None:
    """An entry by someone who is not (yet) a user: a refused sign-in is logged as role "anonymous"."""
    connection.execute(
        audit.insert().values(
            at=now(),
            user_name=who[:200],
            role=role,
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


CHANGES = ("insert", "update", "delete", "add document", "accepted", "rejected", "add article")


def since_last_publish(engine: Engine) -> int:
    """How many changes the working copy has had since the last publish (what Publish would add)."""
    from sqlalchemy import func

    with engine.connect() as connection:
        last = connection.execute(select(func.max(audit.c.audit_id)).where(audit.c.action == "publish")).scalar() or 0
        return connection.execute(
            select(func.count())
            .select_from(audit)
            .where(audit.c.audit_id > last, audit.c.action.in_(("insert", "update", "delete")))
        ).scalar()
