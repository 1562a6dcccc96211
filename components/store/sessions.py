"""Signed-in sessions, kept in the store so that ending one ends it in every tab and on every replica.

A sign-in gets a random token (32 bytes); the store keeps only its SHA-256, with the user, when it was
made and when it expires. Every run of every tab looks its token up again (`lookup`), so a session ends
on the next run after Sign out (`end`), a password reset or disabling the account (`end_account`, in the
same transaction as the change), or its expiry. An account's session is the account as it is now: its
current name and role, and nothing once it is disabled.

    token = issue(engine, User("Dana Levi", "editor"), account="dana levi")
    lookup(engine, token)   # -> User, or None when ended, expired or unknown
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from sqlalchemy import Connection, Engine, select

from components.store.audit import as_utc, now
from components.store.roles import ROLES, SESSION_HOURS, User
from components.store.tables import accounts, sessions


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def issue(engine: Engine, user: User, account: str = "") -> str:
    """A new session's token (account: the account's key; "" for the viewers' shared password)."""
    token = secrets.token_urlsafe(32)
    moment = now()
    with engine.begin() as connection:
        # the expired ones go as new ones come: the table holds at most a day of sign-ins
        connection.execute(sessions.delete().where(sessions.c.expires_at < moment - dt.timedelta(days=1)))
        connection.execute(
            sessions.insert().values(
                token_hash=digest(token),
                account=account,
                display_name=user.name,
                role=user.role,
                created_at=moment,
                expires_at=moment + dt.timedelta(hours=SESSION_HOURS),
            )
        )
    return token


def lookup(engine: Engine, token: str | None) -> User | None:
    """The token's user as of now; None when unknown, ended or expired (errors reach the caller: the
    sign-in then says the instance is unavailable, never lets anyone in)."""
    if not token or len(token) > 200:
        return None
    with engine.connect() as connection:
        row = connection.execute(
            select(sessions.c.account, sessions.c.display_name, sessions.c.role, sessions.c.expires_at).where(
                sessions.c.token_hash == digest(token), sessions.c.ended_at.is_(None)
            )
        ).first()
        if row is None or as_utc(row.expires_at) <= now() or row.role not in ROLES:
            return None
        if not row.account:
            return User(row.display_name or f"a {row.role}", row.role)  # the viewers' shared password
        found = connection.execute(
            select(accounts.c.display_name, accounts.c.role).where(
                accounts.c.name == row.account, accounts.c.disabled_at.is_(None)
            )
        ).first()
    return User(found.display_name, found.role) if found else None


def end(engine: Engine, token: str | None) -> None:
    """Sign out: this token is no longer accepted anywhere."""
    if token:
        with engine.begin() as connection:
            connection.execute(sessions.update().where(sessions.c.token_hash == digest(token)).values(ended_at=now()))


def end_account(connection: Connection, account: str) -> int:
    """Every session of an account ends (a password reset, the account disabled); how many were open."""
    return connection.execute(
        sessions.update().where(sessions.c.account == account, sessions.c.ended_at.is_(None)).values(ended_at=now())
    ).rowcount


def sessions_table():
    """The table (for tests and maintenance)."""
    return sessions
