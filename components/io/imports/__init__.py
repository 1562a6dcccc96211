"""Importers: outside files → a Factionline data directory. The formats, in the order they are
detected, are one record each (build.Format, defined beside each converter): the CLI, the upload and
the builder all read FORMATS. Adding a format is a module with its FORMAT and one entry below.

    from components.io.imports import run_import
    summary = run_import("gdelt", Path("20191024143000.export.CSV"), Path("out/"))
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import shutil
from pathlib import Path

from components import progress
from components.io.imports import acled, gdelt, table, timelinejs
from components.io.imports.build import (
    Base,
    Builder,
    Format,
    ImportFailed,
    Skipped,
    decode,
)
from components.paths import bundled_data

FORMATS: dict[str, Format] = {f.name: f for f in (gdelt.FORMAT, acled.FORMAT, timelinejs.FORMAT, table.FORMAT)}
MAX_BYTES = 200_000_000
BINARY = tuple(f".{e}" for f in FORMATS.values() for e in f.binary_extensions)


def extensions() -> list[str]:
    """File endings some format accepts (for the upload)."""
    return sorted({e for f in FORMATS.values() for e in f.extensions + f.binary_extensions})


def labels() -> str:
    """The formats as a person names them: "an ACLED export CSV, a GDELT event export, …"."""
    names = [f.label for f in FORMATS.values()]
    return ", ".join(names[:-1]) + " or " + names[-1]


def detect(name: str, data: bytes) -> str:
    """The format of a file, from its name and first line; ImportFailed when none fits."""
    lower = name.lower()
    first = ""
    if not lower.endswith(BINARY):
        head = decode(data[:200_000], name).lstrip("\ufeff")
        first = head.splitlines()[0] if head.strip() else ""
    for fmt in FORMATS.values():
        if fmt.detect(lower, first):
            return fmt.name
    raise ImportFailed(
        f"{name}, line 1: not a format Factionline imports. Fix: give {labels()}, or a zip of a data directory."
    )


def build(fmt: str, name: str, data: bytes, base: Base, prefix: str | None = None, accessed: str = "") -> Builder:
    """Convert one file into a Builder (not yet written); ImportFailed names the file and line. accessed: the
    day the data were taken from their provider (default today: an upload)."""
    if fmt not in FORMATS:
        raise ImportFailed(f"{fmt!r} is not a format; use one of {', '.join(FORMATS)}.")
    if len(data) > MAX_BYTES:
        raise ImportFailed(
            f"{name}: is larger than {MAX_BYTES // 1_000_000} MB. Fix: split it, or import it "
            "from the command line in parts and merge them."
        )
    b = Builder(FORMATS[fmt], name, hashlib.sha256(data).hexdigest(), base, prefix, accessed=accessed)
    _convert(fmt, name, data, b)
    return b


def _convert(fmt: str, name: str, data, b: Builder) -> None:
    try:
        FORMATS[fmt].convert(name, data, b)
    except ImportFailed:
        raise
    except ValueError as err:
        raise ImportFailed(f"{name}: {err}") from None
    if not b.n_events:
        raise ImportFailed(
            f"{name}: no record could be imported ({len(b.skipped)} not imported; first: "
            + (f"{b.skipped[0].where}: {b.skipped[0].reason}" if b.skipped else "the file is empty")
            + ")."
        )


IMPORT_LIMIT = int(os.environ.get("FACTIONLINE_IMPORT_LIMIT", 4 * 1024**3))  # read whole: bounded by memory


STREAMED = ("acled", "gdelt", "table")  # formats read as they come from the command line: any size


def run_import(fmt: str, path: Path, out: Path, base_dir: Path | None = None, accessed: str = "") -> Builder:
    """Import a file into a new data directory `out`; the base directory's crosswalk and factions apply
    (default: the bundled data). accessed: the day the data were taken from their provider (ISO), for the
    licence's attribution; default, the file's own date (when it was saved). ACLED, GDELT and table files (CSV, Parquet) are streamed: records are read
    line by line, or a chunk of rows at a time, and written as they come (Builder(spill=out)), so a file larger than memory imports; the others are read
    whole, up to IMPORT_LIMIT. Nothing is left in `out` when the import fails."""
    from components.data.inputs import InputRefused, open_input, read_input
    from components.io.split import rows_in

    path, out = Path(path), Path(out)
    if fmt not in FORMATS:
        raise ImportFailed(f"{fmt!r} is not a format; use one of {', '.join(FORMATS)}.")
    base = Base.read(base_dir or bundled_data())
    if not accessed:
        with contextlib.suppress(OSError):  # a file that cannot be read is reported below, by its name
            accessed = dt.date.fromtimestamp(path.stat().st_mtime).isoformat()
    if fmt not in STREAMED:
        try:
            data = read_input(path, IMPORT_LIMIT, "An import")
        except InputRefused as err:
            raise ImportFailed(str(err)) from None
        b = build(fmt, path.name, data, base, accessed=accessed)
        b.write(out)
        return b
    if out.exists() and any(out.iterdir()):
        raise ImportFailed(f"{out} is not empty. Fix: choose a new directory for the import.")
    try:
        digest = hashlib.sha256()
        with open_input(path, "An import") as source:
            for block in progress.track(
                iter(lambda: source.read(1 << 20), b""), "digest", path.stat().st_size, "bytes", len
            ):
                digest.update(block)
            source.seek(0)
            created = not out.exists()
            out.mkdir(parents=True, exist_ok=True)
            try:
                b = Builder(FORMATS[fmt], path.name, digest.hexdigest(), base, spill=out, accessed=accessed)
                with progress.phase("convert", rows_in(path), "records") as converted:
                    converted.follow(lambda: b.n_events + len(b.skipped))  # the Builder counts them
                    _convert(fmt, path.name, source, b)
                with progress.phase("write", unit="tables"):
                    b.write(out)
            except BaseException:
                for child in [out] if created else list(out.iterdir()):
                    shutil.rmtree(child, ignore_errors=True) if child.is_dir() else child.unlink(missing_ok=True)
                raise
    except InputRefused as err:
        raise ImportFailed(str(err)) from None
    return b


__all__ = [
    "FORMATS",
    "Base",
    "Builder",
    "Format",
    "ImportFailed",
    "Skipped",
    "build",
    "detect",
    "extensions",
    "labels",
    "run_import",
]
