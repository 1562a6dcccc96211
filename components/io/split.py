"""A data directory too large to read whole, streamed into parts for `factionline ingest` (issue 29).

Its events table (CSV or Parquet, of any size) is read in batches of `part_rows` events; each batch becomes a
part directory in scratch space, with the rows of the tables that refer to events (quotes, reports, story
steps, superseded ids) that belong to those events, and links to every other table (actors, factions,
sources …) and the articles its rows cite (the first part also those nobody cites); the article texts are
read in the source (load(part, texts=source, text_ids=…)). Ingest then validates and writes the parts one at a time, as
it does the directories of a dataset split by hand (`synth --part-size`): memory grows with `part_rows`,
not with the input. Problems found in a part are reported at the row of the original file.

What a part cannot see: checks that compare events with each other (likely duplicates) run within a part.
"""

from __future__ import annotations

import csv
import os
import shutil
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from components import progress
from components.data.loader import RawTable
from components.data.problems import InvalidData, Problem
from components.data.schema import TABLES

PART_ROWS = 500_000  # events per part: about 1.5 GB of memory while a part is checked (docs/performance.md)
# The tables whose rows go with an event, by the column that names it.
REFERRING = {"quotes": "event_id", "reports": "event_id", "stories": "event_id", "superseded": "replaced_by"}


@dataclass
class Part:
    root: Path
    first_event_row: int  # the spreadsheet row of its first event in the original events file
    n_events: int = 0
    rows: dict[str, np.ndarray] = field(default_factory=dict)  # referring table -> its rows' original rows
    # the articles whose texts this part reads: the ones its rows cite (the verbatim checks need them), and
    # for the first part those nobody cites (so every text is checked once); not all half a million
    text_ids: set[str] = field(default_factory=set)


@dataclass
class Split:
    source: Path
    files: dict[str, str]  # table -> its original file name (events.csv, quotes.parquet …)
    parts: list[Part]
    # tables each part holds a share of that overlap (an article cited from two parts is in both): their
    # rows in the source, which ingest writes whole, once
    whole: dict[str, int] = field(default_factory=dict)

    def original(self, part: Part, problems: list[Problem]) -> list[Problem]:
        """Problems found in a part, at the file and row of the original directory."""
        out = []
        for p in problems:
            name = next((n for n, f in self.files.items() if p.file in (f, TABLES[n].file, f"{n}.parquet")), None)
            row = p.row
            if name is not None and row is not None and row >= 2:
                if name == "events":
                    row = part.first_event_row + row - 2
                elif name in part.rows and row - 2 < len(part.rows[name]):
                    row = int(part.rows[name][row - 2])
            out.append(replace(p, file=self.files.get(name, p.file) if name else p.file, row=row))
        return out


def _events_file(source: Path) -> Path | None:
    for candidate in (source / "events.parquet", source / "events.csv"):
        if candidate.is_file():
            return candidate
    return None


def needs_split(source: Path, part_rows: int) -> bool:
    """Whether the directory's events are more than one part: Parquet by its row count, CSV by its size
    (about 200 bytes an event, so that a file that may not fit is never read whole to count it)."""
    path = _events_file(source)
    if path is None:
        return False
    if path.suffix == ".parquet":
        try:
            return pq.ParquetFile(path).metadata.num_rows > part_rows
        except (OSError, pa.ArrowException):
            return False  # the loader says what is wrong with it
    return path.stat().st_size > part_rows * 200


def rows_in(path: Path | None) -> int | None:
    """A table file's rows, for progress: a Parquet file's from its footer; a CSV file's estimated from
    the lines of its first megabyte and its size (the count is corrected when the file has been read)."""
    if path is None or not path.is_file():
        return None
    suffix = path.suffix.lower()
    if suffix not in (".parquet", ".csv", ".tsv", ".txt"):
        return None  # a spreadsheet or an archive: not counted ahead
    try:
        if suffix == ".parquet":
            return pq.ParquetFile(path).metadata.num_rows
        with path.open("rb") as handle:
            sample = handle.read(1 << 20)
    except (OSError, pa.ArrowException):
        return None  # the loader says what is wrong with it
    lines = sample.count(b"\n")
    if len(sample) < 1 << 20:
        return max(lines - 1, 0)  # read whole: exact, but for cells holding line breaks
    return round(path.stat().st_size * lines / len(sample)) - 1


def events_in(source: Path) -> int | None:
    """A data directory's events (estimated for CSV: rows_in)."""
    return rows_in(_events_file(Path(source)))


def _csv_batches(path: Path, rows: int, file: str):
    """(header, records, index of the first record) in batches, read as the loader reads CSV (strict
    quoting, blank lines skipped, the header's cells stripped); a decoding or quoting error names its row."""
    with path.open("rb") as raw:
        reader = csv.reader(_lines(raw), strict=True)
        index = 0
        try:
            header = [h.strip() for h in next(reader)]
            batch: list[list[str]] = []
            for record in reader:
                if not record:
                    continue
                batch.append(record)
                if len(batch) == rows:
                    yield header, batch, index
                    index += len(batch)
                    batch = []
            if batch or index == 0:
                yield header, batch, index
        except UnicodeDecodeError as err:
            raise InvalidData(
                [
                    Problem(
                        file,
                        RawTable.row(index + len(batch)),
                        None,
                        f"The file is not UTF-8 text (byte 0x{err.object[err.start]:02x}).",
                        "Save the file as 'CSV UTF-8'.",
                    )
                ]
            ) from None
        except csv.Error as err:
            raise InvalidData(
                [
                    Problem(
                        file,
                        RawTable.row(index + len(batch)),
                        None,
                        f"The CSV is malformed in this row ({err}; line {reader.line_num} of the file).",
                        "Check the quoting: a cell containing a comma, quote or line break must be wrapped in "
                        'double quotes, and a quote inside it doubled ("").',
                    )
                ]
            ) from None
        except StopIteration:
            return


def _lines(raw):
    """The file's lines as text, decoded one at a time (so that a byte that is not UTF-8 is met on its own
    line, and its row is exact); a leading byte-order mark dropped."""
    for number, line in enumerate(raw):
        yield line.decode("utf-8-sig" if number == 0 else "utf-8")


def _parquet_batches(path: Path, rows: int):
    """(columns, an Arrow record batch, index of the first row) in batches. The cells stay in Arrow: only the
    id columns a split needs become Python strings (_column) — turning every cell of a hundred million rows
    into Python objects grew the process past 8 GB. Read without pre-buffering: the reader keeps every range
    it pre-buffered until it is done, 64 bytes an event here (6 GB of a hundred million)."""
    handle = pq.ParquetFile(path, pre_buffer=False)
    index = 0
    for batch in handle.iter_batches(batch_size=rows):
        yield list(batch.schema.names), batch, index
        index += batch.num_rows


def _rows_of(batch: tuple) -> int:
    return len(batch[1])


def _hashes(values) -> np.ndarray:
    return pd.util.hash_array(np.asarray(values, dtype=object).astype(str))


def split_directory(source: Path, scratch: Path, part_rows: int = PART_ROWS) -> Split:
    """Stream the directory's events into parts under scratch (a new, empty folder), with the rows that
    refer to them; every other table and the article texts linked, not copied."""
    source = Path(source).resolve()
    tables = [_events_file(source)] + [_table_file(source, name) for name in (*REFERRING, "articles")]
    known = [rows_in(path) for path in tables if path is not None]
    with progress.phase("split", None if None in known else sum(known), unit="rows") as shown:
        return _split(source, Path(scratch), part_rows, shown)


def _table_file(source: Path, name: str) -> Path | None:
    return next((p for p in (source / f"{name}.parquet", source / TABLES[name].file) if p.is_file()), None)


def _split(source: Path, scratch: Path, part_rows: int, shown: progress.Phase) -> Split:
    events = _events_file(source)
    files = {"events": events.name}
    parts: list[Part] = []
    keys: list[np.ndarray] = []  # the events' id hashes, part by part: where a quote's event is
    if events.suffix == ".parquet":
        batches = _parquet_batches(events, part_rows)
    else:
        batches = _csv_batches(events, part_rows, events.name)
    for header, batch, index in batches:
        root = scratch / f"{source.name} (events from row {RawTable.row(index):,})"
        root.mkdir(parents=True)
        if isinstance(batch, pa.RecordBatch):
            pq.write_table(pa.Table.from_batches([batch]), root / "events.parquet")
        else:
            _write_csv(root / "events.csv", header, batch)
        keys.append(_hashes([str(i).strip() for i in _column(header, batch, "event_id")]))
        parts.append(Part(root, RawTable.row(index), len(keys[-1]), text_ids=_cited(header, batch)))
        shown.advance(len(keys[-1]))
        del batch
        pa.default_memory_pool().release_unused()  # Arrow keeps freed batches for reuse: give them back
    if not parts:
        raise InvalidData([Problem(events.name, None, None, "The file has no header.", "Add a header row.")])
    # Which part holds each event: (hash, part) pairs sorted in place by hash, 12 bytes an event (an argsort
    # and its copies took 10 GB at a hundred million)
    owners = np.empty(sum(len(k) for k in keys), dtype=[("hash", "<u8"), ("part", "<u4")])
    at = 0
    for n, k in enumerate(keys):
        owners["hash"][at : at + len(k)], owners["part"][at : at + len(k)] = k, n
        at += len(k)
    del keys
    owners.sort(order="hash", kind="stable")
    owner_hash, owner_part = owners["hash"], owners["part"]
    for name, column in REFERRING.items():
        path = _table_file(source, name)
        if path is not None:
            files[name] = path.name
            _route(path, name, column, parts, owner_hash, owner_part, part_rows, shown)
    articles = _table_file(source, "articles")
    totals = {}
    if articles is not None:
        files["articles"] = articles.name
        totals["articles"] = _route_articles(articles, parts, part_rows, shown)
    for entry in sorted(source.iterdir()):  # every other table: linked into each part
        stem = entry.stem
        routed = ("events", "articles", *REFERRING)
        if entry.name.startswith(".") or (stem in routed and entry.suffix in (".csv", ".parquet")):
            continue
        if not entry.is_file() or entry.suffix.lower() not in (".csv", ".parquet"):
            continue  # the article texts are read where they are (load(part, texts=source)); documents copied
        for part in parts:
            os.symlink(entry, part.root / entry.name)
        if entry.is_file() and stem in TABLES:
            files.setdefault(stem, entry.name)
    return Split(source, files, parts, totals)


class _PartWriters:
    """One table's rows written into the parts, each part's file opened at its first row (Parquet or CSV,
    as the source is); a part that gets none has the header alone. Remembers each row's original row."""

    def __init__(self, path: Path, name: str, parts: list[Part]):
        self.name, self.parts, self.parquet = name, parts, path.suffix == ".parquet"
        self.schema = pq.ParquetFile(path).schema_arrow if self.parquet else None
        self.header: list[str] = list(self.schema.names) if self.parquet else []
        self.open: dict[int, object] = {}
        self.rows: dict[int, list[np.ndarray]] = {}

    def add(self, n: int, header: list[str], batch, mine: np.ndarray, originals: np.ndarray) -> None:
        self.header = header
        self.rows.setdefault(n, []).append(originals[mine])
        if self.parquet:
            table = pa.Table.from_batches([batch.take(pa.array(mine))])
            if n not in self.open:
                self.open[n] = pq.ParquetWriter(self.parts[n].root / f"{self.name}.parquet", table.schema)
            self.open[n].write_table(table)
        else:
            if n not in self.open:
                handle = (self.parts[n].root / TABLES[self.name].file).open("w", encoding="utf-8", newline="")
                self.open[n] = (handle, csv.writer(handle))
                self.open[n][1].writerow(header)
            self.open[n][1].writerows(batch[i] for i in mine)

    def close(self) -> None:
        for w in self.open.values():
            w.close() if self.parquet else w[0].close()
        for n, part in enumerate(self.parts):
            if n not in self.open:
                if self.parquet:
                    pq.write_table(self.schema.empty_table(), part.root / f"{self.name}.parquet")
                else:
                    _write_csv(part.root / TABLES[self.name].file, self.header, [])
            part.rows[self.name] = np.concatenate(self.rows[n]) if n in self.rows else np.array([], dtype=np.int64)


def _batches(path: Path, part_rows: int, shown: progress.Phase):
    """A table's batches (Parquet or CSV), each counted in the split's progress as it is done."""
    batches = (
        _parquet_batches(path, part_rows) if path.suffix == ".parquet" else _csv_batches(path, part_rows, path.name)
    )
    for header, batch, index in batches:
        yield header, batch, index
        shown.advance(len(batch))


def _route(path, name, column, parts, owner_hash, owner_part, part_rows, shown) -> None:
    """Write each row of a referring table into the part of the event it names (a blank or unknown id:
    the first part, where the loader reports it)."""
    writers = _PartWriters(path, name, parts)
    try:
        for header, batch, index in _batches(path, part_rows, shown):
            values = _column(header, batch, column)
            h = _hashes([str(v).strip() for v in values])
            spot = np.searchsorted(owner_hash, h).clip(0, max(len(owner_hash) - 1, 0))
            found = (owner_hash[spot] == h) if len(owner_hash) else np.zeros(len(h), bool)
            target = np.where(found, owner_part[spot], 0)
            originals = np.arange(index, index + len(values)) + 2  # spreadsheet rows
            cited = _column(header, batch, "article_id")
            for n in np.unique(target):
                mine = np.flatnonzero(target == n)
                parts[n].text_ids.update(str(cited[i]).strip() for i in mine)
                writers.add(int(n), header, batch, mine, originals)
    finally:
        writers.close()


def _route_articles(path: Path, parts: list[Part], part_rows: int, shown: progress.Phase) -> int:
    """Each part gets the articles its rows cite, and the first also those nobody cites (so every article
    is checked, and a part holds thousands of articles, not half a million). Returns the table's rows."""
    cited = set().union(*(p.text_ids for p in parts))
    writers = _PartWriters(path, "articles", parts)
    total = 0
    try:
        for header, batch, index in _batches(path, part_rows, shown):
            ids = np.array([str(v).strip() for v in _column(header, batch, "article_id")], dtype=object)
            originals = np.arange(index, index + len(ids)) + 2
            # (sets and hash tables: numpy's isin compares object arrays pair by pair, 500,000² at 100M)
            parts[0].text_ids.update(i for i in ids if i not in cited)
            lookup = pd.Index(ids)  # a hash table once per batch; each part looks up its few ids in it
            for n, part in enumerate(parts):
                wanted = np.array(sorted(part.text_ids), dtype=object)
                if lookup.is_unique:
                    at = lookup.get_indexer(wanted)
                    mine = np.sort(at[at >= 0])
                else:  # repeated ids (validation reports them): every row of each
                    mine = np.flatnonzero(pd.Series(ids).isin(part.text_ids).to_numpy())
                if len(mine):
                    writers.add(n, header, batch, mine, originals)
            total += len(ids)
    finally:
        writers.close()
    return total


def _column(header: list[str], batch, column: str) -> np.ndarray:
    """One column of a batch (a DataFrame, or CSV records), blank where the column or the cell is missing."""
    if isinstance(batch, pa.RecordBatch):
        if column not in batch.schema.names:
            return np.full(batch.num_rows, "", dtype=object)
        values = batch.column(column).cast(pa.string()).fill_null("")
        return np.asarray(values.to_numpy(zero_copy_only=False), dtype=object)
    at = header.index(column) if column in header else None
    return np.array([r[at] if at is not None and at < len(r) else "" for r in batch], dtype=object)


def _cited(header: list[str], batch) -> set[str]:
    return {str(v).strip() for v in _column(header, batch, "article_id")} - {""}


def _write_csv(path: Path, header: list[str], records: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(records)


def remove(split: Split) -> None:
    for part in split.parts:
        shutil.rmtree(part.root, ignore_errors=True)


def check_in_parts(source: Path, part_rows: int = PART_ROWS) -> tuple[dict[str, int], list[Problem]]:
    """`factionline validate` of a directory too large to read whole: every part checked as a directory is,
    each problem at its original row (all of them, part after part), event ids checked across parts.
    Returns the counts and the checks of meaning (warnings); raises InvalidData listing every problem."""
    import tempfile

    from components.data.load import load

    scratch = Path(tempfile.mkdtemp(prefix="factionline-validate-"))
    try:
        done = split_directory(source, scratch / "parts", part_rows)
        problems: list[Problem] = _repeated_across_parts(done, part_rows)
        counts: dict[str, int] = {}
        warnings: list[Problem] = []
        for part in progress.track(done.parts, "check", sum(p.n_events for p in done.parts), size=_events_of):
            try:
                dataset = load(part.root, texts=done.source, text_ids=frozenset(part.text_ids))
            except InvalidData as err:
                problems += done.original(part, err.problems)
                continue
            warnings += done.original(part, list(dataset.warnings))
            for name, n in dataset.counts().items():  # a table linked into every part is counted once
                if name in REFERRING or name == "events":
                    counts[name] = counts.get(name, 0) + n
                else:
                    counts.setdefault(name, done.whole.get(name, n))
        if problems:  # a problem of a table every part shares (its header) is said once
            raise InvalidData(list(dict.fromkeys(problems)))
        return counts, list(dict.fromkeys(warnings))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _events_of(part: Part) -> int:
    return part.n_events


def _repeated_across_parts(done: Split, part_rows: int) -> list[Problem]:
    """An event id in two parts (each part finds its own repeats): named at the later row, with the first."""
    file = done.files["events"]
    path = done.source / file
    batches = _parquet_batches(path, part_rows) if path.suffix == ".parquet" else _csv_batches(path, part_rows, file)
    hashes, rows = [], []
    for header, batch, index in progress.track(batches, "ids", sum(p.n_events for p in done.parts), size=_rows_of):
        hashes.append(_hashes([str(v).strip() for v in _column(header, batch, "event_id")]))
        rows.append(np.arange(index, index + len(hashes[-1])) + 2)
    if not hashes:
        return []
    h, r = np.concatenate(hashes), np.concatenate(rows)
    order = np.argsort(h, kind="stable")
    h, r = h[order], r[order]
    again = np.flatnonzero(h[1:] == h[:-1]) + 1
    starts = np.array([p.first_event_row for p in done.parts])
    problems = []
    for i in again:
        first = i - 1
        while first > 0 and h[first - 1] == h[i]:
            first -= 1
        if np.searchsorted(starts, r[first], "right") != np.searchsorted(starts, r[i], "right"):
            problems.append(
                Problem(
                    file,
                    int(r[i]),
                    "event_id",
                    f"The event_id is also used in row {int(r[first]):,}.",
                    "Give every event its own event_id.",
                )
            )
    return problems
