"""Progress of long work: which phase, how many rows, how fast, how long is left.

Long loops report through this module and nothing else:

    with progress.phase("split", total=rows, unit="events") as shown:
        for batch in batches:
            ...
            shown.advance(len(batch))

    for part in progress.track(parts, "check", total=len(parts), unit="parts"):
        ...

Who shows it is chosen once, around the work, with `reporting(reporter)`: the command line shows a bar on a
terminal (tqdm), a plain line every ten seconds or so in a log (`Lines`), nothing with --quiet; the
dashboard shows the phases of a first open on the page (ui/loading.py). With no reporter (a library call, a
test) a phase costs an attribute lookup and shows nothing. Everything goes to stderr: stdout stays the
command's result, machine-readable.

A phase's count is a plain integer the loop adds to; the reporter reads it from its own thread a few
times a second, so a loop over a hundred million records pays nothing per record for being watched.
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

# Every phase, once: its name (what a bar and a log line show) and what it does (the page, the docs). A new
# phase is a line here and a `phase()` around its loop.
PHASES: dict[str, str] = {
    "split": "streaming the events into parts",
    "ids": "checking event ids across the parts",
    "check": "checking every rule and passage",
    "write": "writing the output",
    "rollups": "computing the rollups",
    "checksums": "writing the manifest's checksums",
    "digest": "reading the file's checksum",
    "convert": "converting the records",
    "read": "reading the tables",
    "combine": "combining the inputs' rows",
    "duplicates": "looking for events reported by two inputs",
    "generate": "generating events",
    "verify": "checking the files against the manifest",
    "build": "building the model",
    "saved": "reading the model saved at the last open",
    "save": "saving the model for the next open",
    "engine": "opening the dataset in the engine",
}


@dataclass(eq=False)
class Phase:
    """One phase of the work: its count grows as the loop reports; `total` may be None (unknown) or an
    estimate the loop corrects (CSV rows estimated from the file's size)."""

    name: str
    total: int | None = None
    unit: str = "events"
    done: int = 0
    started: float = field(default_factory=time.monotonic)
    ended: float | None = None
    completed: bool = False  # ended at the end of its loop (not by an error)
    depth: int = 0  # 0 for a phase of the command, 1 for a phase within it…
    counter: Callable[[], int] | None = None  # where the count is read, when the loop keeps one itself

    def advance(self, n: int = 1) -> None:
        self.done += n

    def follow(self, counter: Callable[[], int]) -> None:
        """Read the count from `counter` (called from the reporter's thread) instead of `advance`: for a
        loop that counts its rows anyway (an importer's records)."""
        self.counter = counter

    def sync(self) -> None:
        if self.counter is not None:
            self.done = self.counter()

    @property
    def what(self) -> str:
        return PHASES[self.name]

    @property
    def elapsed(self) -> float:
        return (self.ended or time.monotonic()) - self.started

    def rate(self) -> float | None:
        elapsed = self.elapsed
        return self.done / elapsed if self.done and elapsed > 0 else None

    def left(self) -> float | None:
        """Seconds left at the rate so far (None when the total or the rate is not known)."""
        rate = self.rate()
        if self.total is None or rate is None:
            return None
        return max(self.total - self.done, 0) / rate


class Reporter:
    """Keeps the open phases, and draws them: `started` and `ended` in the thread doing the work,
    `tick` every `interval` seconds from a thread of its own (after `delay`), until `close`."""

    interval = 0.5
    delay = 0.0

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.open: list[Phase] = []
        self.finished: list[Phase] = []
        self.began = time.monotonic()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # what a subclass draws
    def on_start(self, phase: Phase) -> None: ...

    def on_end(self, phase: Phase) -> None: ...

    def tick(self) -> None: ...

    def on_close(self) -> None: ...

    def start(self) -> None:
        self._thread = self.thread(self._run)
        self._thread.start()

    def thread(self, target: Callable[[], None]) -> threading.Thread:
        return threading.Thread(target=target, daemon=True, name="factionline-progress")

    def _run(self) -> None:
        if self._stop.wait(self.delay):
            return
        while True:
            with self.lock:
                if self._stop.is_set():
                    return
                for phase in self.open:
                    phase.sync()
                self._safely(self.tick)
            if self._stop.wait(self.interval):
                return

    def close(self) -> None:
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=5)
        with self.lock:
            for phase in reversed(self.open):  # left open by an error: ended, not completed
                self._end(phase, completed=False)
            self._safely(self.on_close)

    def _start(self, phase: Phase) -> None:
        with self.lock:
            phase.depth = len(self.open)
            self.open.append(phase)
            self._safely(self.on_start, phase)

    @staticmethod
    def _safely(draw: Callable, *args) -> None:
        """Drawing never stops the work: a closed or full stderr (`2>&-`, a gone terminal) only hides it."""
        with contextlib.suppress(OSError, ValueError):
            draw(*args)

    def _end(self, phase: Phase, completed: bool) -> None:
        with self.lock:
            if phase not in self.open:
                return
            phase.sync()
            phase.ended, phase.completed = time.monotonic(), completed
            if completed and phase.total is not None and phase.done != phase.total:
                phase.total = phase.done  # an estimate, corrected: the loop has seen every row
            self.open.remove(phase)
            self.finished.append(phase)
            self._safely(self.on_end, phase)


_REPORTER: contextvars.ContextVar[Reporter | None] = contextvars.ContextVar("factionline_progress", default=None)


@contextlib.contextmanager
def reporting(reporter: Reporter | None) -> Iterator[Reporter | None]:
    """Show the phases started inside this block (in this thread) with `reporter` (None: show nothing)."""
    token = _REPORTER.set(reporter)
    if reporter is not None:
        reporter.start()
    try:
        yield reporter
    finally:
        _REPORTER.reset(token)
        if reporter is not None:
            reporter.close()


@contextlib.contextmanager
def phase(name: str, total: int | None = None, unit: str = "events") -> Iterator[Phase]:
    """A phase of the work, shown while the block runs; `advance(n)` the phase as rows are done."""
    if name not in PHASES:
        raise KeyError(f"{name!r} is not a phase: add it to components.progress.PHASES")
    shown = Phase(name, total, unit)
    reporter = _REPORTER.get()
    if reporter is None:
        yield shown
        return
    reporter._start(shown)
    completed = False
    try:
        yield shown
        completed = True
    finally:
        reporter._end(shown, completed)


def track(items: Iterable, name: str, total: int | None = None, unit: str = "events", size=None) -> Iterator:
    """The items of a loop, one by one, as a phase: each advances it by 1 (or by size(item))."""
    if total is None and hasattr(items, "__len__"):
        total = len(items)
    with phase(name, total, unit) as shown:
        for item in items:
            yield item
            shown.advance(1 if size is None else size(item))


# The command line: a bar on a terminal, plain lines elsewhere, nothing with --quiet.


def _count(n: float | None, unit: str = "") -> str:
    if n is None:
        return "?"
    return f"{n / 1e6:,.0f} MB" if unit == "bytes" else f"{int(n):,}"


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "?"
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min {seconds % 60:02d} s"
    return f"{seconds // 3600} h {seconds % 3600 // 60:02d} min"


def line(phase: Phase) -> str:
    """A phase's state in one line: `check: 1,500,000 of 10,000,000 events (15%), 52,000 events/s, about
    2 min 43 s left` (what is not known yet is left out)."""
    unit = "" if phase.unit == "bytes" else f" {phase.unit}"
    parts = [f"{phase.name}: {_count(phase.done, phase.unit)}"]
    if phase.total:
        parts[0] += f" of {_count(phase.total, phase.unit)}{unit} ({100 * phase.done / phase.total:.0f}%)"
    else:
        parts[0] += unit
    rate = phase.rate()
    if rate is not None:
        parts.append(f"{_count(rate, phase.unit)}{unit}/s")
    left = phase.left()
    if left is not None and left >= 1 and not phase.ended:
        parts.append(f"about {_duration(left)} left")
    parts.append(f"{_duration(phase.elapsed)} so far" if not phase.ended else f"in {_duration(phase.elapsed)}")
    return ", ".join(parts)


class Lines(Reporter):
    """Plain lines for a log (stderr is not a terminal): a phase's start, then the innermost open phase
    every `every` seconds, and its end. With every=0 each start and end is said at once; otherwise only
    a phase that has run for `every` seconds is said at all (a quick command stays quiet)."""

    interval = 1.0

    def __init__(self, label: str, every: float = 10.0, stream=None) -> None:
        super().__init__()
        self.label, self.every, self.stream = label, every, stream
        self.said: set[int] = set()
        self.last = time.monotonic()

    def _say(self, text: str) -> None:
        print(f"{self.label} · {text}", file=self.stream or sys.stderr, flush=True)
        self.last = time.monotonic()

    def on_start(self, phase: Phase) -> None:
        if self.every == 0:
            size = f" ({_count(phase.total, phase.unit)}{'' if phase.unit == 'bytes' else ' ' + phase.unit})"
            self._say(f"{phase.name}: {phase.what}" + (size if phase.total else ""))
            self.said.add(id(phase))

    def tick(self) -> None:
        if self.open and time.monotonic() - self.last >= self.every:
            phase = self.open[-1]
            self._say(line(phase))
            self.said.add(id(phase))

    def on_end(self, phase: Phase) -> None:
        if id(phase) in self.said:
            self._say(line(phase) + ("" if phase.completed else " (stopped)"))


SCALED = ("events", "rows", "records", "bytes")  # counts a bar shows as 1.5M (others are a few dozen)


class Bar(Reporter):
    """A tqdm bar a phase on a terminal: count, percentage, rate and time left, redrawn five times a second."""

    interval = 0.2

    def __init__(self, label: str, stream=None) -> None:
        super().__init__()
        self.label, self.stream = label, stream
        self.bars: dict[int, object] = {}

    def on_start(self, phase: Phase) -> None:
        from tqdm import tqdm

        self.bars[id(phase)] = tqdm(
            total=phase.total,
            unit="B" if phase.unit == "bytes" else f" {phase.unit}",
            unit_scale=phase.unit in SCALED,  # 1.5M events; 12 tables (not 12.0)
            unit_divisor=1024 if phase.unit == "bytes" else 1000,
            desc=f"{self.label} · {phase.name}",
            position=phase.depth,
            leave=phase.depth == 0,
            file=self.stream or sys.stderr,
            dynamic_ncols=True,
            mininterval=0,
        )

    def tick(self) -> None:
        for phase in self.open:
            bar = self.bars[id(phase)]
            if bar.total != phase.total:
                bar.total = phase.total
            bar.update(phase.done - bar.n)

    def on_end(self, phase: Phase) -> None:
        bar = self.bars.pop(id(phase))
        bar.total = phase.total if phase.completed else bar.total
        bar.update(phase.done - bar.n)
        bar.close()


def for_command(command: str, quiet: bool = False, stream=None) -> Reporter | None:
    """The command line's reporter: None with --quiet; a bar when stderr is a terminal; plain lines
    otherwise, every FACTIONLINE_PROGRESS_SECONDS (default 10)."""
    if quiet:
        return None
    stream = stream or sys.stderr
    label = f"factionline {command}"
    if stream.isatty() and os.environ.get("TERM") != "dumb":
        return Bar(label, stream)
    try:
        every = float(os.environ.get("FACTIONLINE_PROGRESS_SECONDS", "10"))
    except ValueError:
        every = 10.0
    return Lines(label, max(every, 0.0), stream)
