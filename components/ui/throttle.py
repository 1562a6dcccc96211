"""How often someone may guess a password, kept in the store so that every replica and tab shares it.

Each sign-in first takes one step (`reserve`), in one transaction that locks the client's and the
account's rows: it checks the waits and counts the attempt together, before any password is checked,
so a hundred parallel attempts cannot all pass the check before one of them is counted.

- Per client (its address): FREE attempts, then each one makes the client wait twice as long as the
  last (30 s, 60 s, … up to 15 minutes) before its next. While it waits no password is checked.
- Per account: the same count, but a locked account only slows a client that has no failures
  (ACCOUNT_SLOWDOWN seconds) and never refuses it: guessing from elsewhere cannot lock the right
  person out. A client with failures waits for the account too.
- A count starts over after QUIET seconds without an attempt; a successful sign-in starts the
  account's over and takes back the client's own attempt.
- A refused (throttled) attempt is written to the audit log at most once per AUDIT_EVERY seconds per
  client (a flood would otherwise write the log full).

    step = reserve(engine, client, account)   # step.wait > 0: refused; else check the password
    succeeded(engine, client, account)        # after the right password
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from sqlalchemy import Engine, select

from components.store.tables import throttle

FREE = 5
FIRST_LOCK = 30.0
LONGEST_LOCK = 15 * 60.0
QUIET = 60 * 60.0
ACCOUNT_SLOWDOWN = 1.0
AUDIT_EVERY = 60.0


@dataclass(frozen=True)
class Step:
    wait: float  # > 0: refused, try again after this many seconds
    slow: bool = False  # a client with no failures guessing a locked account: checked, after a pause
    audit: bool = False  # write this refusal to the audit log (rate-limited)


def _wait_after(attempts: int) -> float:
    return min(FIRST_LOCK * 2 ** (attempts - FREE - 1), LONGEST_LOCK) if attempts > FREE else 0.0


def _counted(row: dict, now: float) -> dict:
    attempts = 0 if now - row["last_at"] > QUIET else row["attempts"]
    attempts += 1
    waited = _wait_after(attempts)
    return dict(
        row,
        attempts=attempts,
        last_at=now,
        wait_until=max(row["wait_until"], now + waited) if waited else row["wait_until"],
    )


def decide(client: dict, account: dict, now: float) -> tuple[Step, dict, dict]:
    """The rule, on the two rows as read (pure: the same for every store); the rows to write back."""
    clean = client["attempts"] == 0 or now - client["last_at"] > QUIET
    waits = [client["wait_until"] - now]
    if not clean:
        waits.append(account["wait_until"] - now)
    wait = max(waits)
    if wait > 0:
        audit = now - client["audited_at"] >= AUDIT_EVERY
        return Step(wait, audit=audit), dict(client, audited_at=now if audit else client["audited_at"]), account
    slow = account["wait_until"] > now
    return Step(0.0, slow=slow), _counted(client, now), _counted(account, now)


def _blank(key: str) -> dict:
    return {"key": key, "attempts": 0, "last_at": 0.0, "wait_until": 0.0, "audited_at": 0.0}


def reserve(engine: Engine, client: str, account: str, now: float | None = None) -> Step:
    now = time.time() if now is None else now
    keys = sorted({f"client:{client}"[:300], f"account:{account}"[:300]})
    with engine.begin() as connection:
        for key in keys:  # the rows exist before they are locked (in one order: no deadlock)
            connection.execute(_insert_missing(connection, _blank(key)))
        rows = {
            r["key"]: dict(r)
            for r in connection.execute(select(throttle).where(throttle.c.key.in_(keys)).with_for_update())
            .mappings()
            .all()
        }
        step, client_row, account_row = decide(rows[f"client:{client}"[:300]], rows[f"account:{account}"[:300]], now)
        for row in (client_row, account_row):
            connection.execute(
                throttle.update()
                .where(throttle.c.key == row["key"])
                .values({k: v for k, v in row.items() if k != "key"})
            )
    return step


def succeeded(engine: Engine, client: str, account: str) -> None:
    """The right password: the account's count starts over; the client's own attempt is taken back
    (only failures count against a client — and signing in to one's own account cannot wipe them)."""
    with engine.begin() as connection:
        connection.execute(throttle.delete().where(throttle.c.key == f"account:{account}"[:300]))
        connection.execute(
            throttle.update()
            .where(throttle.c.key == f"client:{client}"[:300], throttle.c.attempts > 0)
            .values(attempts=throttle.c.attempts - 1)
        )


def _insert_missing(connection, row: dict):
    if connection.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(throttle).values(**row).on_conflict_do_nothing(index_elements=["key"])
