"""Sessions as a model-based test (Hypothesis stateful): sign-ins, sign-outs, password resets, disabled
accounts and the clock in any order; the store's answer for every token ever issued always equals the
model's (a session is live iff not signed out, not reset or disabled since, and not expired)."""

from __future__ import annotations

import datetime as dt
import itertools
import tempfile

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from components.store import accounts, sessions
from components.store.db import open_store
from components.store.roles import User

OPERATOR = User("Operator", "admin")
PEOPLE = ("Ana", "Ben", "Cai")
ENGINE = []  # one store for every example (migrated once); each example has accounts of its own
RUNS = itertools.count()


def _engine():
    if not ENGINE:
        ENGINE.append(open_store(f"sqlite:///{tempfile.mkdtemp()}/store.sqlite"))
    return ENGINE[0]


class Sessions(RuleBasedStateMachine):
    @initialize()
    def store(self):
        from argon2 import PasswordHasher

        self.hasher = accounts.HASHER
        accounts.HASHER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)  # fast: not under test here
        self.engine = _engine()
        self.run = next(RUNS)
        for name in PEOPLE:
            accounts.add(self.engine, OPERATOR, self._name(name), "editor", "a long enough password")
        self.live: dict[str, str] = {}  # token -> account (the model)
        self.dead: set[str] = set()
        self.disabled: set[str] = set()
        self.offset = dt.timedelta(0)  # how far the clock moved on
        sessions.now = self._now  # the store's clock for sessions: the model's

    def _name(self, person: str) -> str:
        return f"{person} {self.run}"

    def _now(self):
        return dt.datetime.now(dt.UTC) + self.offset

    @rule(person=st.sampled_from(PEOPLE))
    def sign_in(self, person):
        if person in self.disabled:
            return  # a disabled account cannot sign in (verify refuses it)
        token = sessions.issue(
            self.engine, User(self._name(person), "editor"), account=accounts.key(self._name(person))
        )
        self.live[token] = person

    @rule(pick=st.integers(0, 50))
    def sign_out(self, pick):
        if self.live:
            token = list(self.live)[pick % len(self.live)]  # in issue order: the same draws every time
            sessions.end(self.engine, token)
            self.dead.add(token)
            del self.live[token]

    @rule(person=st.sampled_from(PEOPLE))
    def reset_password(self, person):
        if person in self.disabled:
            return
        accounts.set_password(self.engine, OPERATOR, self._name(person), "another long password")
        self._end(person)

    @rule(person=st.sampled_from(PEOPLE))
    def disable(self, person):
        if person in self.disabled:
            return
        accounts.disable(self.engine, OPERATOR, self._name(person))
        self.disabled.add(person)
        self._end(person)

    @rule(hours=st.sampled_from([1, 6, 13]))
    def time_passes(self, hours):
        self.offset += dt.timedelta(hours=hours)
        expired = [t for t in self.live if self._expired(t)]
        for token in expired:
            self.dead.add(token)
            del self.live[token]

    def _expired(self, token: str) -> bool:
        return self.issued_at(token) + dt.timedelta(hours=sessions.SESSION_HOURS) <= self._now()

    def issued_at(self, token: str):
        from sqlalchemy import select

        from components.store.audit import as_utc
        from components.store.tables import sessions as table

        with self.engine.connect() as c:
            return as_utc(
                c.execute(select(table.c.created_at).where(table.c.token_hash == sessions.digest(token))).scalar()
            )

    def _end(self, person):
        for token in [t for t, p in self.live.items() if p == person]:
            self.dead.add(token)
            del self.live[token]

    @invariant()
    def the_store_agrees_with_the_model(self):
        if not hasattr(self, "engine"):
            return
        for token, person in self.live.items():
            assert sessions.lookup(self.engine, token) == User(self._name(person), "editor")
        for token in self.dead:
            assert sessions.lookup(self.engine, token) is None

    def teardown(self):
        from components.store import audit

        sessions.now = audit.now
        if hasattr(self, "hasher"):
            accounts.HASHER = self.hasher


Sessions.TestCase.settings = settings(max_examples=30, stateful_step_count=15, deadline=None)
test_sessions_end_exactly_when_they_should = Sessions.TestCase
