"""How often someone may guess a password: per client (its address) and per account, in this server
process. Each key has FREE failed sign-ins; every further one locks the key for twice as long as the
last (30 s, 60 s, … up to 15 minutes). A key's count starts over after QUIET seconds without a failure,
or after a successful sign-in. While a key is locked, no password is checked at all.

    wait = THROTTLE.locked_for(keys)      # seconds to wait (0: may try)
    THROTTLE.failed(keys); THROTTLE.succeeded(keys)

Per process: replicas count apart (each still slows a guesser to a few tries an hour after the first
ones). A locked account unlocks itself; restarting the server clears every count."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable

FREE = 5
FIRST_LOCK = 30.0
LONGEST_LOCK = 15 * 60.0
QUIET = 60 * 60.0


class Throttle:
    def __init__(self, clock=time.monotonic):
        self._clock = clock
        self._lock = threading.Lock()
        self._failures: dict[str, tuple[int, float, float]] = {}  # key -> (count, last failure, locked until)

    def locked_for(self, keys: Iterable[str]) -> float:
        now = self._clock()
        with self._lock:
            return max([0.0, *(self._failures.get(k, (0, 0.0, 0.0))[2] - now for k in keys)])

    def failed(self, keys: Iterable[str]) -> None:
        now = self._clock()
        with self._lock:
            for k in keys:
                count, last, _ = self._failures.get(k, (0, now, 0.0))
                if now - last > QUIET:
                    count = 0
                count += 1
                until = now + min(FIRST_LOCK * 2 ** (count - FREE - 1), LONGEST_LOCK) if count > FREE else 0.0
                self._failures[k] = (count, now, until)
            if len(self._failures) > 100_000:  # bounded: forget the quiet ones
                self._failures = {k: v for k, v in self._failures.items() if now - v[1] <= QUIET}

    def reset(self) -> None:
        with self._lock:
            self._failures.clear()

    def succeeded(self, keys: Iterable[str]) -> None:
        with self._lock:
            for k in keys:
                self._failures.pop(k, None)


THROTTLE = Throttle()
