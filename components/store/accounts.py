"""People's own accounts: the name on every change comes from the account someone signed in with.

Passwords are hashed with Argon2id (argon2-cffi's defaults, RFC 9106's low-memory profile), never kept
or logged. Only admins add, disable or reset accounts (the command line acts as an admin: whoever runs
it can open the database anyway); every change, and every refused sign-in, goes to the audit log.

    add(engine, admin, "Dana Levi", "editor", password)
    verify(engine, "dana levi", password)   # -> User("Dana Levi", "editor") or None
"""

from __future__ import annotations

import functools
import threading
import unicodedata

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine, func, select

from components.store import sessions
from components.store.audit import log, log_as, now
from components.store.roles import ROLES, User, require
from components.store.tables import accounts

HASHER = PasswordHasher()
SHORTEST_PASSWORD = 12


@functools.cache
def _nobody() -> str:
    """A hash no password matches: a missing account costs the same time as a wrong password."""
    return HASHER.hash("no account has this password")


# Made beside the first page, not in its way (an Argon2id hash is ~0.2 s; argon2's C code runs without the
# GIL), and before anyone can sign in, so that the first refusal of a missing account is not the slow one.
threading.Thread(target=_nobody, daemon=True, name="factionline-nobody-hash").start()


class AccountRefused(ValueError):
    """An account change that cannot be made; the message says why and what to do."""


def key(name: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", name).split()).casefold()


def _check_name(name: str) -> str:
    shown = " ".join(unicodedata.normalize("NFKC", name).split())
    if not shown or len(shown) > 100:
        raise AccountRefused("An account name has 1 to 100 characters.")
    if any(unicodedata.category(ch).startswith("C") for ch in shown):
        raise AccountRefused("An account name cannot hold control or invisible formatting characters.")
    return shown


def _check_password(password: str) -> None:
    if len(password) < SHORTEST_PASSWORD:
        raise AccountRefused(f"A password has at least {SHORTEST_PASSWORD} characters.")


def add(engine: Engine, by: User, name: str, role: str, password: str) -> User:
    require(by, "admin")
    shown = _check_name(name)
    if role not in ROLES:
        raise AccountRefused(f"The role is one of {', '.join(ROLES)}, not {role!r}.")
    _check_password(password)
    with engine.begin() as connection:
        if connection.execute(select(accounts.c.name).where(accounts.c.name == key(shown))).first():
            raise AccountRefused(f"There is already an account {shown!r}.")
        connection.execute(
            accounts.insert().values(
                name=key(shown),
                display_name=shown,
                role=role,
                password_hash=HASHER.hash(password),
                created_at=now(),
                created_by=by.name,
            )
        )
        log(connection, by, "add account", shown, account_role=role)
    return User(shown, role)


def set_password(engine: Engine, by: User, name: str, password: str) -> None:
    require(by, "admin")
    _check_password(password)
    with engine.begin() as connection:
        done = connection.execute(
            accounts.update().where(accounts.c.name == key(name)).values(password_hash=HASHER.hash(password))
        ).rowcount
        if not done:
            raise AccountRefused(f"There is no account {name!r}.")
        ended = sessions.end_account(connection, key(name))  # a reset password ends the old sign-ins
        log(connection, by, "set password", name, sessions_ended=ended)


def disable(engine: Engine, by: User, name: str) -> None:
    require(by, "admin")
    with engine.begin() as connection:
        done = connection.execute(
            accounts.update()
            .where(accounts.c.name == key(name), accounts.c.disabled_at.is_(None))
            .values(disabled_at=now())
        ).rowcount
        if not done:
            raise AccountRefused(f"There is no active account {name!r}.")
        ended = sessions.end_account(connection, key(name))
        log(connection, by, "disable account", name, sessions_ended=ended)


def listed(engine: Engine) -> list[dict]:
    with engine.connect() as connection:
        rows = connection.execute(
            select(accounts.c.display_name, accounts.c.role, accounts.c.created_at, accounts.c.disabled_at).order_by(
                accounts.c.name
            )
        )
        return [dict(r._mapping) for r in rows]


def any_active(engine: Engine) -> bool:
    with engine.connect() as connection:
        found = connection.execute(
            select(func.count()).select_from(accounts).where(accounts.c.disabled_at.is_(None))
        ).scalar()
    return bool(found)


def active(engine: Engine, name: str) -> User | None:
    """The account's user as it is now (None: disabled or removed), for sessions signed in earlier."""
    with engine.connect() as connection:
        row = connection.execute(
            select(accounts.c.display_name, accounts.c.role).where(
                accounts.c.name == key(name), accounts.c.disabled_at.is_(None)
            )
        ).first()
    return User(row.display_name, row.role) if row else None


def verify(engine: Engine, name: str, password: str) -> User | None:
    with engine.connect() as connection:
        row = connection.execute(
            select(accounts.c.display_name, accounts.c.role, accounts.c.password_hash).where(
                accounts.c.name == key(name), accounts.c.disabled_at.is_(None)
            )
        ).first()
    try:
        HASHER.verify(row.password_hash if row else _nobody(), password)
    except (VerificationError, InvalidHashError):
        return None
    return User(row.display_name, row.role) if row else None


def refused(engine: Engine, name: str, client: str, reason: str) -> None:
    """A refused sign-in, in the audit log (the name tried, never the password)."""
    with engine.begin() as connection:
        log_as(
            connection,
            name.strip()[:100] or "(no account)",
            "anonymous",
            "sign-in refused",
            name[:100],
            client=client,
            reason=reason,
        )
