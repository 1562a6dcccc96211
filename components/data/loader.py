"""Read a data directory into string tables, turning every file-level fault into a Problem.

Rows are numbered as a spreadsheet shows them: the header is row 1, the first record row 2, whatever
line of the file a record starts on (a quoted cell may span lines)."""

from __future__ import annotations

import codecs
import csv
import errno
import io
import os
import stat
import threading
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from components.data import controls
from components.data.problems import Problem
from components.data.schema import TABLES
from components.data.textmatch import ArticleTexts

MAX_ARTICLE_BYTES = 5_000_000


@dataclass
class RawTable:
    name: str
    file: str
    frame: pd.DataFrame  # every cell a str; blanks are ""

    @staticmethod
    def row(index: int) -> int:
        """The spreadsheet row of the record at this position (the header is row 1)."""
        return index + 2


@dataclass
class RawData:
    root: Path
    texts: Path | None = None  # where the article paths lead, when not root (ingest's parts: their source)
    text_ids: frozenset | None = None  # the articles whose texts to read (ingest's parts: theirs); None: all
    tables: dict[str, RawTable] = field(default_factory=dict)
    article_texts: ArticleTexts = field(default_factory=lambda: ArticleTexts([], pa.array([], pa.large_string())))
    _memo: dict = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def positions(self, table: str, column: str, target: str, key: str) -> np.ndarray:
        """For each cell of table.column, the row of the same id in target.key, or -1: computed once and
        shared by the checks and the model build, which run in two threads (hashing a million ids is not
        free)."""
        from components.data.vector import position_in

        with self._lock:
            lock = self._memo.setdefault(("lock", table, column), threading.Lock())
        with lock:
            if (table, column) not in self._memo:
                self._memo[(table, column)] = position_in(
                    self.tables[table].frame[column], self.tables[target].frame[key]
                )
            return self._memo[(table, column)]


def read_directory(
    root: str | Path, texts: str | Path | None = None, text_ids: frozenset | None = None
) -> tuple[RawData, list[Problem]]:
    """The tables and article texts of a directory, and every problem met reading them (file names in
    problems are relative to the directory: viewers are never shown the server's paths). `texts`: the
    directory the article paths are relative to, when not this one (given by the caller, never by data)."""
    root = Path(root)
    problems: list[Problem] = []
    raw = RawData(root=root, texts=Path(texts) if texts is not None else None, text_ids=text_ids)
    unusable = directory_problem(root)
    if unusable:
        return raw, [unusable]
    # The article texts (thousands of small files) are read beside the big tables.
    article_problems: list[Problem] = []
    reader = None
    for name in sorted(TABLES, key=lambda n: n != "articles"):
        table, found = read_table(root, name)
        if table is None and TABLES[name].optional and not os.path.exists(root / TABLES[name].file):
            found = []  # an optional table that is absent
        problems += found
        if table is not None:
            raw.tables[name] = table
        if name == "articles" and table is not None:
            reader = threading.Thread(target=lambda: article_problems.extend(_read_articles(raw)))
            reader.start()
    if reader is not None:
        reader.join()
    return raw, problems + article_problems


DIRECTORY = "(the data directory)"  # the file named by a problem of the directory itself


def directory_problem(root: Path) -> Problem | None:
    """Why a data directory cannot be read at all (missing, not a directory, not readable), or None."""
    try:
        os.listdir(root)
        return None
    except FileNotFoundError:
        message = "The data directory does not exist."
    except NotADirectoryError:
        message = "The data directory is not a directory."
    except PermissionError:
        return Problem(
            DIRECTORY,
            None,
            None,
            "The data directory cannot be read: permission denied for the user running Factionline.",
            "Give that user read and search permission on the directory and its files "
            "(e.g. chmod -R a+rX), or point FACTIONLINE_DATA at a readable copy.",
        )
    except OSError as err:
        message = f"The data directory cannot be read ({err.strerror})."
    return Problem(
        DIRECTORY,
        None,
        None,
        message,
        "Pass a directory holding events.csv, actors.csv, factions.csv, quotes.csv, sources.csv, "
        "articles.csv and event_types.csv.",
    )


def unreadable_table(root: Path) -> Problem | None:
    """The first table file that exists but cannot be opened (a cheap check: one byte of each, no
    parsing — for a health check that runs every few seconds), or None."""
    for name, spec in TABLES.items():
        for path in (root / f"{name}.parquet", root / spec.file):
            if os.path.isfile(path):
                try:
                    with open(path, "rb") as handle:
                        handle.read(1)
                except OSError as err:
                    return Problem(
                        path.name,
                        None,
                        None,
                        f"The file cannot be read ({err.strerror}).",
                        "Give the user running Factionline read permission on it (e.g. chmod a+r).",
                    )
                break
    return None


PARTITION = "partition_year"  # an ingested table's partition column (io/ingest.py), not a data column
# (not "_…": pyarrow skips paths starting with "_" or ".")
PARTITIONED = ("events",)  # (articles/ is the folder of article texts, not a table)


def read_table(root: Path, name: str) -> tuple[RawTable | None, list[Problem]]:
    spec = TABLES[name]
    parquet = root / f"{name}.parquet"
    if os.path.isfile(parquet):  # os.path: never raises (a file that cannot be read is reported below)
        return _read_parquet(parquet, name)
    if name in PARTITIONED and os.path.isdir(root / name):  # `factionline ingest`: events/partition_year=…/*.parquet
        return _read_parquet(root / name, name)
    path = root / spec.file
    if not os.path.isfile(path):
        return None, [
            Problem(
                spec.file,
                None,
                None,
                "The file is missing.",
                f"Create {spec.file} with the header: {','.join(spec.columns)}",
            )
        ]
    try:
        data = path.read_bytes()
    except OSError as err:
        return None, [
            Problem(
                spec.file,
                None,
                None,
                f"The file cannot be read ({err.strerror}).",
                "Give the user running Factionline read permission on it (e.g. chmod a+r).",
            )
        ]
    return parse_csv(data, spec.file, name)


def parse_csv(data: bytes, file: str, name: str) -> tuple[RawTable | None, list[Problem]]:
    def fail(message: str, fix: str, row: int | None = None):
        return None, [Problem(file, row, None, message, fix)]

    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or (len(data) > 3 and data[1:4:2] == b"\x00\x00"):
        return fail("The file is UTF-16 text.", "Save the file as 'CSV UTF-8'.")
    if b"\x00" in data and (data.count(b"\x00") > len(data) // 100 or not _is_utf8(data)):
        return fail("This is a binary file, not CSV text.", "Export the table as CSV (UTF-8).")  # else: at its cell
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        return fail(
            f"The file is not UTF-8 text (byte 0x{data[err.start]:02x} on line {line} of the file).",
            "Save the file as 'CSV UTF-8'.",
            _row_at(data[: err.start]),
        )
    if not text.strip():
        return fail("The file is empty.", f"Add a header row: {','.join(TABLES[name].columns)}")

    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[list[str]] = []
    problems: list[Problem] = []
    try:
        header = next(reader)
        for record in reader:
            if record:  # skip blank lines
                rows.append(record)
    except csv.Error as err:
        return fail(
            f"The CSV is malformed in this row ({err}; line {reader.line_num} of the file).",
            "Check the quoting: a cell containing a comma, quote or line break must be "
            'wrapped in double quotes, and a quote inside it doubled ("").',
            RawTable.row(len(rows)),
        )
    header = [h.strip() for h in header]
    dupes = sorted({h for h in header if header.count(h) > 1})
    for col in dupes:
        problems.append(
            Problem(file, 1, col, "The column appears more than once in the header.", "Keep one column of that name.")
        )
    for index, record in enumerate(rows):
        if len(record) != len(header):
            problems.append(
                Problem(
                    file,
                    RawTable.row(index),
                    None,
                    f"The row has {len(record)} cells but the header has {len(header)}.",
                    "Make every row have one cell per header column (quote cells that contain commas).",
                )
            )
    if problems:
        return None, problems
    frame = (
        pd.DataFrame(rows, columns=header, dtype=str)
        if rows
        else pd.DataFrame({h: pd.Series([], dtype=str) for h in header})
    )
    problems = control_problems(frame, file)
    return (None, problems) if problems else (RawTable(name, file, frame), [])


def control_problems(frame: pd.DataFrame, file: str) -> list[Problem]:
    """A control character in any cell, at its row and column (controls.py says why)."""
    return [
        Problem(file, RawTable.row(index), column, f"The cell holds a control character, {which}.", controls.FIX)
        for index, column, which in controls.cells_with_controls(frame)
    ]


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _row_at(prefix: bytes) -> int | None:
    """The spreadsheet row in which the byte after prefix stands (records may span lines)."""
    text = prefix.decode("utf-8", errors="replace")
    try:
        records = sum(1 for _ in csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error:
        return None
    return records + 1 if text.endswith("\n") or not text else records


def _read_parquet(path: Path, name: str) -> tuple[RawTable | None, list[Problem]]:
    try:
        frame = pd.read_parquet(path)
    except Exception as err:  # pyarrow raises many types for corrupt files
        return None, [
            Problem(
                path.name,
                None,
                None,
                f"The Parquet file cannot be read ({err}).",
                "Rewrite it with pandas.DataFrame.to_parquet or delete it to use the CSV.",
            )
        ]
    if PARTITION in frame.columns:  # the partitions come back in path order, which is the data's order
        frame = frame.drop(columns=[PARTITION])
    for column in frame.columns:  # every cell a str, blanks "" (as from CSV), without needless copies
        if not isinstance(frame[column].dtype, pd.StringDtype):
            frame[column] = frame[column].astype("str")
        if frame[column].hasnans:
            frame[column] = frame[column].fillna("")
    problems = control_problems(frame, path.name)
    return (None, problems) if problems else (RawTable(name, path.name, frame), [])


def _read_file(path: str, limit: int, follow: bool) -> bytes:
    """At most limit bytes of a regular file (never blocks on a FIFO or device in the directory).
    Without follow, a symlink raises OSError(ELOOP), so that the caller checks where it leads."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | (0 if follow else os.O_NOFOLLOW))
    with os.fdopen(fd, "rb") as file:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise IsADirectoryError(path)
        return file.read(limit)


def _article_bytes(root: str, rel: str, real_dirs: dict[str, str]) -> bytes | str:
    """The bytes of the article at rel, or why they cannot be read: "outside", "missing" or "unreadable".
    Plain os.path on strings: pathlib costs more than the reads for thousands of files."""
    folder, name = os.path.split(rel)
    if os.path.isabs(rel):
        return "outside"
    if name in ("", ".", "..") or ".." in rel.split(os.sep):
        target = os.path.realpath(os.path.join(root, rel))
    else:  # thousands of articles share a folder: resolve it once
        if folder not in real_dirs:
            real_dirs[folder] = os.path.realpath(os.path.join(root, folder))
        target = os.path.join(real_dirs[folder], name)
    for follow in (False, True):
        if not (target == root or target.startswith(root + os.sep)):
            return "outside"
        try:
            return _read_file(target, MAX_ARTICLE_BYTES + 1, follow)
        except PermissionError:
            return "unreadable"
        except OSError as err:
            if err.errno != errno.ELOOP or follow:
                return "missing"
            target = os.path.realpath(target)  # a symlink: read it only if it stays inside
    return "missing"


def _read_articles(raw: RawData) -> list[Problem]:
    problems = []
    table = raw.tables["articles"]
    if not {"article_id", "path"} <= set(table.frame.columns):
        return problems  # missing columns are reported by validation
    root = os.path.realpath(raw.texts or raw.root)
    real_dirs: dict[str, str] = {}
    ids, bodies, lines = [], [], []
    for i, (article_id, rel) in enumerate(zip(table.frame["article_id"], table.frame["path"])):
        line = table.row(i)
        if not rel.strip():
            continue  # blank paths are reported by validation
        if raw.text_ids is not None and article_id.strip() not in raw.text_ids:
            continue  # another part of the same ingest reads this text (split.py)
        data = _article_bytes(root, rel, real_dirs)
        if data == "outside":
            problems.append(
                Problem(
                    table.file,
                    line,
                    "path",
                    f"The article path {rel!r} leaves the data directory.",
                    "Store the article text inside the data directory, e.g. "
                    "articles/<article_id>.txt, and give that relative path.",
                )
            )
        elif data == "unreadable":
            problems.append(
                Problem(
                    table.file,
                    line,
                    "path",
                    f"The article text {rel!r} cannot be read (permission denied).",
                    "Give the user running Factionline read permission on it (e.g. chmod a+r).",
                )
            )
        elif data == "missing":
            problems.append(
                Problem(
                    table.file,
                    line,
                    "path",
                    f"The article text {rel!r} does not exist (or is not a regular file).",
                    "Save the article's text at that path, relative to the data directory.",
                )
            )
        elif len(data) > MAX_ARTICLE_BYTES or b"\x00" in data:
            problems.append(
                Problem(
                    table.file,
                    line,
                    "path",
                    f"The article text {rel!r} is binary or larger than 5 MB.",
                    "Store the article as plain UTF-8 text.",
                )
            )
        else:
            ids.append(article_id)
            bodies.append(data.removeprefix(codecs.BOM_UTF8))
            lines.append((line, rel))
    # The texts stay bytes until Arrow checks them all as UTF-8 at once (one by one only to name a bad
    # one), in one joined buffer: pa.array() of a hundred MB of bytes objects takes a second.
    offsets = np.zeros(len(bodies) + 1, dtype=np.int64)
    np.cumsum([len(b) for b in bodies], out=offsets[1:])
    texts = pa.LargeStringArray.from_buffers(len(bodies), pa.py_buffer(offsets), pa.py_buffer(b"".join(bodies)))
    try:
        texts.validate(full=True)
    except pa.ArrowInvalid:
        good = []
        for body, (line, rel) in zip(bodies, lines):
            try:
                body.decode("utf-8")
                good.append(True)
            except UnicodeDecodeError:
                good.append(False)
                problems.append(
                    Problem(
                        table.file,
                        line,
                        "path",
                        f"The article text {rel!r} is not UTF-8.",
                        "Save the article text as UTF-8.",
                    )
                )
        ids = [i for i, g in zip(ids, good) if g]
        texts = pa.array([b.decode("utf-8") for b, g in zip(bodies, good) if g], pa.large_string())
    raw.article_texts = ArticleTexts(ids, texts)
    return problems
