"""An uploaded file → a validated Dataset for one browser session (no Streamlit here).

Accepted: a zip of a data directory; an ACLED, GDELT or TimelineJS file; a single events table
(CSV, XLSX or Parquet). The file is unpacked or converted in a private temporary directory that is
deleted as soon as the model is built (the model keeps the article texts in memory); nothing is
written anywhere else, least of all into the bundled data.
"""

from __future__ import annotations

import io
import stat
import tempfile
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from zlib import error as zlib_error

from components.data.model import Dataset
from components.data.schema import slug
from components.io.imports import Base, ImportFailed, build, detect, extensions, labels
from components.io.uploadbudget import (
    ESTIMATE_FACTOR,
    Lease,
    OverBudget,
    UploadBudget,
    dataset_bytes,
)

MAX_UPLOAD_MB = 200
# A zip may unpack to at most this much (and to no more than the upload budget has room for): checked on
# the declared sizes first, then on the bytes actually written while streaming, 1 MB at a time — never a
# whole entry in memory. A 1 MB zip of 950 MB was accepted (the server grew by 1.6–1.9 GB).
MAX_UNZIPPED = 200_000_000
MAX_MEMBERS = 20_000
CHUNK = 1 << 20
TYPES = ["zip", *extensions()]  # a zipped data directory, or any import format


HELP = (
    f"A zip of a Factionline data directory, or {labels()}. It is checked like the bundled data and "
    "shown to you alone; nothing is stored on the server."
)


class UploadError(ValueError):
    """The upload cannot be used; the message names the file (and line) and the fix."""


@dataclass(frozen=True)
class Uploaded:
    name: str
    kind: str  # "data directory" or the import format
    dataset: Dataset
    not_imported: tuple  # Skipped records (imports only)
    names: tuple = ()  # the import's name reconciliation (build.Builder.reconciliation)
    lease: Lease | None = None  # its share of the upload budget, given back when this is dropped


def open_upload(
    name: str, data: bytes, base_dir: Path, budget: UploadBudget | None = None, replacing: Uploaded | None = None
) -> Uploaded:
    """The upload as a dataset of its own, within the budget of all sessions' uploads (when given).
    Raise UploadError, or InvalidData (the validation report) for a zipped data directory."""
    if budget is None:
        return _open(name, data, base_dir)
    shown = display_name(name)
    # the budget counts what is held: the file's own bytes (Streamlit keeps them while the uploader shows
    # the file) and, once built, the model; before that, an estimate
    try:
        lease = budget.reserve(len(data) * ESTIMATE_FACTOR, replacing.lease if replacing else None)
    except OverBudget as err:
        raise UploadError(f"{shown}: not opened: {err}") from None

    def unpacked(nbytes: int) -> None:  # a zip's real size known: its model holds at least that much
        lease.settle(len(data) + nbytes)

    try:
        room = budget.room(lease) - len(data)  # a zip may unpack to no more than the budget has left
        uploaded = _open(name, data, base_dir, unpacked, room)
        lease.settle(len(data) + dataset_bytes(uploaded.dataset))
    except OverBudget as err:
        raise UploadError(f"{shown}: opened but too large to keep: {err}") from None
    except BaseException:
        lease.release()
        raise
    return replace(uploaded, lease=lease)


def display_name(name: str) -> str:
    """The file's own name, without any folders a browser sent (never a path to trust)."""
    return PurePosixPath(name.replace("\\", "/")).name or "upload"


def _open(name: str, data: bytes, base_dir: Path, unpacked=None, room: int | None = None) -> Uploaded:
    from components.data.load import load  # here: the page need not import the checks until an upload

    name = display_name(name)
    if len(data) > MAX_UPLOAD_MB * 1_000_000:
        raise UploadError(
            f"{name}: larger than {MAX_UPLOAD_MB} MB. Fix: narrow the export, or import it from "
            "the command line (factionline import) and run the app on the result."
        )
    if not data:
        raise UploadError(f"{name}: the file is empty.")
    with tempfile.TemporaryDirectory(prefix="factionline-upload-") as tmp:
        target = Path(tmp) / slug(Path(name).stem, 40)
        is_zip = name.lower().endswith(".zip") or (data[:4] == b"PK\x03\x04" and not name.lower().endswith(".xlsx"))
        if is_zip:  # (an .xlsx file is a zip too)
            nbytes = _unzip(name, data, target, MAX_UNZIPPED if room is None else min(MAX_UNZIPPED, room))
            if unpacked is not None:
                unpacked(nbytes)
            return Uploaded(name, "data directory", load(_data_root(name, target)), ())
        try:
            fmt = detect(name, data)
            builder = build(fmt, name, data, Base.read(base_dir), prefix=None)
            builder.write(target)
        except ImportFailed as err:
            raise UploadError(str(err)) from None
        return Uploaded(name, fmt, load(target), tuple(builder.skipped), tuple(builder.reconciliation()))


def _unzip(name: str, data: bytes, target: Path, cap: int = MAX_UNZIPPED) -> int:
    """Unpack into target, at most `cap` bytes in all (refused past it); the bytes written."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise UploadError(f"{name}: not a readable zip file. Fix: zip the data directory again.") from None
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise UploadError(f"{name}: holds {len(members):,} files (at most {MAX_MEMBERS:,}).")
    too_big = (
        f"{name}: unpacks to more than {cap / 1e6:,.0f} MB (what an upload may unpack to now). Fix: upload a "
        "smaller data directory, or import it from the command line (factionline import)."
    )
    if sum(m.file_size for m in members) > cap:
        raise UploadError(too_big)
    target.mkdir(parents=True)
    root = target.resolve()
    written = 0
    for m in members:
        path = PurePosixPath(m.filename.replace("\\", "/"))
        if m.is_dir() or path.name.startswith(".") or "__MACOSX" in path.parts:
            continue
        mode = m.external_attr >> 16
        if path.is_absolute() or ".." in path.parts or stat.S_ISLNK(mode):
            raise UploadError(
                f"{name}: the entry {m.filename!r} points outside the archive. "
                "Fix: zip the data directory itself, with relative paths only."
            )
        out = (target / path).resolve()
        if not out.is_relative_to(root):
            raise UploadError(f"{name}: the entry {m.filename!r} points outside the archive.")
        out.parent.mkdir(parents=True, exist_ok=True)
        try:
            with archive.open(m) as source, out.open("wb") as sink:
                while chunk := source.read(CHUNK):  # streamed: the cap holds whatever the headers said
                    written += len(chunk)
                    if written > cap:
                        raise UploadError(too_big)
                    sink.write(chunk)
        except (zipfile.BadZipFile, NotImplementedError, RuntimeError, EOFError, zlib_error) as err:
            raise UploadError(f"{name}: the entry {m.filename!r} cannot be unpacked ({err}).") from None
    return written


def _data_root(name: str, target: Path) -> Path:
    """The folder holding events.csv / events.parquet: the zip's root or its one top folder."""
    for candidate in [target, *sorted(p for p in target.iterdir() if p.is_dir())]:
        if (candidate / "events.csv").is_file() or (candidate / "events.parquet").is_file():
            return candidate
    raise UploadError(
        f"{name}: no events.csv or events.parquet at the top of the zip (or in its one folder). "
        "Fix: zip a Factionline data directory, or upload an ACLED, GDELT or TimelineJS file."
    )
