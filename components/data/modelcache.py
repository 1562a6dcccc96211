"""A private on-disk copy of validated models, so a restarted server loads in about a second.

Validating and building a million events takes ~9 s on two cores; unpickling the finished model
takes ~1 s. The copy lives in the user's cache directory (never in the data directory, which the
app does not modify), is keyed by every file's name, size and mtime plus the code that built it.
Small directories are kept too: their load is quick, but a cache hit also spares the page importing
the checks (pandera), most of a small dataset's first view. FACTIONLINE_CACHE=off turns it off.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path

from components import progress
from components.data.model import Dataset
from components.paths import PACKAGE

MIN_EVENTS = 0  # every size: even a small directory's load imports the checks and reads every article
KEEP = 2  # cached models kept (each ~0.5 GB per million events)
_CODE = PACKAGE


def cache_dir() -> Path | None:
    setting = os.environ.get("FACTIONLINE_CACHE", "")
    if setting.lower() in {"off", "0", "no", "false"}:
        return None
    if setting:
        return Path(setting)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "factionline"


def fingerprint(root: Path) -> str:
    """Changes when any file of the data directory, or the code that builds the model, changes."""
    digest = hashlib.sha256(str(root.resolve()).encode())
    for base in (root, _CODE):
        for folder, dirs, files in os.walk(base):
            dirs.sort()
            for name in sorted(files):
                path = Path(folder, name)
                if base is _CODE and path.suffix != ".py":
                    continue
                try:
                    stat = path.stat()
                except OSError:  # a dangling link or an unreadable entry: load() reports it
                    continue
                digest.update(f"{path.relative_to(base)}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:32]


def load_cached(root: str | Path, loader=None) -> Dataset:
    """load(root) (or loader(root)), from the private cache when an identical directory was loaded before."""

    def load(root: Path) -> Dataset:
        if loader is not None:
            return loader(root)
        # imported on a miss only: a cache hit needs no validation code (pandera and what it pulls in,
        # pyspark among them: 0.6-1 s of the first view)
        from components.data.load import load as check_and_build

        return check_and_build(root)

    root = Path(root)
    folder = cache_dir()
    if folder is None or not os.path.isdir(root):
        return load(root)
    path = folder / f"{fingerprint(root)}.pickle"
    try:
        with path.open("rb") as handle, progress.phase("saved", os.fstat(handle.fileno()).st_size, "bytes") as read:
            read.follow(handle.tell)  # how far the unpickling has read
            dataset = Dataset(**pickle.load(handle))
        os.utime(path)  # most recently used
        return dataset
    except (OSError, pickle.UnpicklingError, EOFError, TypeError, AttributeError):
        pass  # absent or unreadable: build it again
    dataset = load(root)  # raises InvalidData: nothing is cached for invalid data
    if len(dataset.events) >= MIN_EVENTS:
        with progress.phase("save", unit="bytes"):
            _store(folder, path, dataset)
    return dataset


def _store(folder: Path, path: Path, dataset: Dataset) -> None:
    part = None
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        with tempfile.NamedTemporaryFile(dir=folder, suffix=".part", delete=False) as handle:
            part = Path(handle.name)
            pickle.dump(dataset.state(), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(part, path)  # readers never see a half-written file
        old = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)[KEEP:]
        for stale in old:
            stale.unlink(missing_ok=True)
    except Exception:  # a read-only or full disk only costs speed
        if part is not None:
            part.unlink(missing_ok=True)
