"""Issue 35: the guessing limit as one atomic step kept in the store. A hundred parallel sign-ins from one
address get at most six passwords checked (SQLite and PostgreSQL); guessing from elsewhere never locks
the right person out; throttled refusals are audited, at most once a minute per client."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from components.store import accounts, audit
from components.store.db import open_store
from components.store.roles import User
from components.ui import throttle
from components.ui.auth import attempt

OPERATOR = User("Operator", "admin")


@pytest.fixture
def store(store_url):
    engine = open_store(store_url)
    accounts.add(engine, OPERATOR, "Dana Levi", "editor", "correct horse battery")
    yield engine
    engine.dispose()


@pytest.fixture
def checks(monkeypatch):
    """How many passwords were actually checked (Argon2 verify calls)."""
    counted = []
    lock = threading.Lock()
    verify = accounts.verify

    def counting(*args, **kwargs):
        with lock:
            counted.append(1)
        return verify(*args, **kwargs)

    monkeypatch.setattr(accounts, "verify", counting)
    return counted


def test_a_hundred_parallel_sign_ins_from_one_address_get_at_most_six_passwords_checked(store, checks):
    def guess(i):
        return attempt(store, "Dana Levi", f"guess-{i}", "198.51.100.7")[1]

    with ThreadPoolExecutor(max_workers=25) as pool:
        answers = list(pool.map(guess, range(100)))
    assert len(checks) <= throttle.FREE + 1
    assert sum("Too many failed sign-ins" in a for a in answers) >= 100 - throttle.FREE - 1


def test_guessing_from_elsewhere_never_locks_the_right_person_out(store, checks, monkeypatch):
    monkeypatch.setattr(throttle, "ACCOUNT_SLOWDOWN", 0.0)
    for i in range(12):  # an attacker's address, then many
        attempt(store, "Dana Levi", f"guess-{i}", "203.0.113.9")
    for i in range(10):
        attempt(store, "Dana Levi", f"guess-{i}", f"203.0.113.{100 + i}")
    user, why = attempt(store, "dana levi", "correct horse battery", "192.0.2.44")  # her own, clean address
    assert user == User("Dana Levi", "editor"), why
    # the attacker's address waits, longer each time; its guesses are not checked
    before = len(checks)
    assert "Try again in" in attempt(store, "Dana Levi", "guess-x", "203.0.113.9")[1]
    assert len(checks) == before


def test_the_viewers_shared_password_is_not_locked_out_from_another_address(store, monkeypatch):
    monkeypatch.setenv("FACTIONLINE_PASSWORD", "viewers-shared-pass")
    monkeypatch.setattr(throttle, "ACCOUNT_SLOWDOWN", 0.0)
    for i in range(6):
        attempt(store, "", f"wrong-{i}", "203.0.113.9")
    user, why = attempt(store, "", "viewers-shared-pass", "192.0.2.1")
    assert user is not None and user.role == "viewer", why


def test_waits_grow_per_client_and_a_quiet_hour_starts_over():
    blank = {"attempts": 0, "last_at": 0.0, "wait_until": 0.0, "audited_at": 0.0}
    client, account, now, waits = dict(blank, key="c"), dict(blank, key="a"), 1000.0, []
    for _ in range(10):
        step, client, account = throttle.decide(client, account, now)
        assert step.wait == 0
        waits.append(client["wait_until"] - now if client["wait_until"] > now else 0.0)
        now = max(now, client["wait_until"]) + 0.001
    assert waits[:5] == [0.0] * 5 and waits[5:8] == pytest.approx([30.0, 60.0, 120.0], abs=0.01)
    refused, client2, _ = throttle.decide(client, account, client["wait_until"] - 1)
    assert refused.wait == pytest.approx(1.0) and client2["attempts"] == client["attempts"]  # not counted
    step, client, _ = throttle.decide(client, account, now + throttle.QUIET + throttle.LONGEST_LOCK + 1)
    assert step.wait == 0 and client["attempts"] == 1


def test_throttled_refusals_are_audited_at_most_once_a_minute_per_client(store):
    for i in range(30):
        attempt(store, "Dana Levi", f"guess-{i}", "198.51.100.8")
    entries = audit.entries(store, OPERATOR)
    throttled = [e for e in entries if e["action"] == "sign-in refused" and "throttled" in e["detail"]["reason"]]
    wrong = [e for e in entries if e["action"] == "sign-in refused" and "wrong password" in e["detail"]["reason"]]
    assert len(throttled) == 1 and throttled[0]["detail"]["client"] == "198.51.100.8"
    assert len(wrong) == throttle.FREE + 1


def test_a_success_does_not_wipe_a_clients_failures(store):
    for i in range(throttle.FREE):
        attempt(store, "Dana Levi", f"guess-{i}", "198.51.100.9")
    assert attempt(store, "Dana Levi", "correct horse battery", "198.51.100.9")[0]  # own account, right password
    attempt(store, "Dana Levi", "guess-again", "198.51.100.9")  # the 6th failure: the client now waits
    assert "Try again in" in attempt(store, "Dana Levi", "guess-more", "198.51.100.9")[1]
