"""One memory budget for all sessions' uploads together, so that uploads cannot exhaust the server.

Each upload builds a model of its own (hundreds of MB for a large file), held by one browser session.
The budget (FACTIONLINE_UPLOAD_BUDGET_MB, default 1024) is shared by every session of the server: an
upload first reserves an estimate, then its measured size; past the budget it is refused with a clear
message. A lease is given back when its session lets go of the upload (the file removed or replaced)
or when the lease is garbage: a session that ended has its state dropped by Streamlit, and with it the
upload. Models hold reference cycles, so a full collection runs before an upload is refused.
"""

from __future__ import annotations

import gc
import itertools
import os
import threading
import weakref

import pandas as pd

DEFAULT_MB = 1024
ESTIMATE_FACTOR = 4  # a model takes a few times its file's bytes; settled to the measured size once built


class OverBudget(Exception):
    """No room for this upload now; the message says how much is in use and what to do."""


class Lease:
    """Bytes of the budget held by one upload; given back by release() or when garbage."""

    def __init__(self, budget: UploadBudget, key: int):
        self._budget, self.key = budget, key
        self._finalizer = weakref.finalize(self, budget._free, key)

    @property
    def bytes(self) -> int:
        return self._budget._held.get(self.key, 0)

    def settle(self, nbytes: int) -> None:
        """Replace the estimate by the measured size; OverBudget (and released) when that does not fit."""
        self._budget._settle(self, nbytes)

    def release(self) -> None:
        self._finalizer()


class UploadBudget:
    def __init__(self, limit_bytes: int):
        self.limit = limit_bytes
        self._held: dict[int, int] = {}  # lease key -> bytes
        self._lock = threading.Lock()
        self._keys = itertools.count()

    @classmethod
    def from_environment(cls) -> UploadBudget:
        text = os.environ.get("FACTIONLINE_UPLOAD_BUDGET_MB", "")
        try:
            mb = float(text) if text else DEFAULT_MB
        except ValueError:
            mb = DEFAULT_MB
        return cls(int(max(mb, 0) * 1_000_000))

    def room(self, lease: Lease | None = None) -> int:
        """Bytes still free, counting `lease`'s own share as free (what it may grow to)."""
        with self._lock:
            return max(self.limit - sum(n for k, n in self._held.items() if lease is None or k != lease.key), 0)

    def used(self) -> int:
        with self._lock:
            return sum(self._held.values())

    def reserve(self, nbytes: int, returning: Lease | None = None) -> Lease:
        """Hold nbytes for a new upload; OverBudget when they do not fit. returning: the lease of the upload
        this one replaces (it is given back once the new one is in place)."""
        excluding = returning.key if returning else None
        try:
            with self._lock:
                self._check(nbytes, excluding)
        except OverBudget:
            gc.collect()  # ended sessions' uploads sit in reference cycles until a full collection
        with self._lock:
            self._check(nbytes, excluding)
            key = next(self._keys)
            self._held[key] = nbytes
        return Lease(self, key)

    def _settle(self, lease: Lease, nbytes: int) -> None:
        with self._lock:
            if lease.key not in self._held:
                return
            try:
                self._check(nbytes, lease.key)
            except OverBudget:
                self._held.pop(lease.key, None)
                raise
            self._held[lease.key] = nbytes

    def _check(self, nbytes: int, excluding: int | None) -> None:
        used = sum(n for k, n in self._held.items() if k != excluding)
        if used + nbytes > self.limit:
            raise OverBudget(
                f"the server's memory for uploads is in use ({used / 1e6:,.0f} of {self.limit / 1e6:,.0f} MB "
                f"held by open uploads; this one needs about {nbytes / 1e6:,.0f} MB). Fix: try again later, "
                "upload a smaller file, or import it from the command line (factionline import) and run the "
                "app on the result. The operator can raise FACTIONLINE_UPLOAD_BUDGET_MB."
            )

    def _free(self, key: int) -> None:
        with self._lock:
            self._held.pop(key, None)


def dataset_bytes(dataset) -> int:
    """Memory a model holds: its frames (strings counted) and its article texts."""
    total = dataset.article_texts.bodies.nbytes
    for value in vars(dataset).values():
        if isinstance(value, pd.DataFrame):
            total += int(value.memory_usage(deep=True, index=True).sum())
    return total
