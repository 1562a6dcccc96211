"""Validate once, at ingest: `factionline ingest DIR --out DATASET` checks a data directory (every rule and
every evidence passage), then writes it as Parquet — events partitioned by year — with a manifest of
checksums, counts and the schema version. A dataset whose manifest matches its files is trusted by the
loader (and, later, by the analytical engines) without checking again; one that does not is refused with a
message saying what differs.

    DATASET/
      manifest.json
      events/partition_year=2024/part-0.parquet …      the events, by the year their date starts
      actors.parquet  factions.parquet …       every other table of the directory, one file each
      articles/…  CURATION.md  LICENSE.md      the article texts and documents, as they were
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from functools import partial
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from components import progress
from components.data import manifest
from components.data.loader import PARTITION, read_table
from components.data.problems import InvalidData, Problem
from components.data.schema import TABLES
from components.engines import rollups
from components.engines.layout import DERIVED, FILTERED_COLUMNS, RANGES, daily, derived, write_daily
from components.io.split import PART_ROWS, events_in, needs_split, split_directory


def _year(date: pd.Series) -> pd.Series:
    """The year an EDTF date starts in, as text ("other" for open or unusual starts: `..`, negative years)."""
    head = date.astype("str").str.strip().str[:4]
    return head.where(head.str.fullmatch(r"\d{4}"), "other")


def ingest(sources: Path | list[Path], out: Path, part_rows: int = PART_ROWS) -> dict:
    """Validate each source directory fully and write them to `out` (a new or empty directory) as one dataset;
    the manifest, returned. Several directories (one export per year, or the parts of a dataset too large for
    memory) are validated one at a time: a table identical in each (factions, actors…) is written once, the
    others are joined, and their ids must be unique across the directories. A directory with more than
    `part_rows` events is streamed into parts of that many first (split.py): memory follows `part_rows`."""
    sources = [Path(s) for s in (sources if isinstance(sources, (list, tuple)) else [sources])]
    out = Path(out)
    if out.exists() and any(out.iterdir()):
        raise FileExistsError(f"{out} is not empty; ingest writes a new dataset into a new or empty directory.")
    for source in sources:
        if not source.is_dir():
            raise FileNotFoundError(f"{source} is not a directory.")
    scratch = Path(tempfile.mkdtemp(prefix=f".{out.name}-parts-", dir=out.resolve().parent))
    try:
        units = []  # (directory to check, how its problems read in the original, where its documents are)
        events = []  # how many events each holds (for progress; a directory's CSV is estimated)
        for source in sources:
            if needs_split(source, part_rows):
                done = split_directory(source, scratch / str(len(units)), part_rows)
                units += [
                    (part.root, partial(done.original, part), source, frozenset(part.text_ids), done.whole)
                    for part in done.parts
                ]
                events += [part.n_events for part in done.parts]
            else:
                units.append((source, None, source, None, {}))
                events.append(events_in(source))
        return _ingest(units, sources, out, None if None in events else sum(events))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _ingest(units: list, sources: list[Path], out: Path, events: int | None = None) -> dict:
    from components.data.load import load

    created = not out.exists()
    out.mkdir(parents=True, exist_ok=True)
    writers: dict[str, pq.ParquetWriter] = {}
    first: dict[str, pd.DataFrame] = {}
    rows: dict[str, int] = {}
    columns: dict[str, list[str]] = {}
    ids: dict[str, list] = {}
    parts: list[dict[str, int]] = []  # each directory's counts
    days: list[pd.DataFrame] = []  # each directory's events per day and lane
    choices: dict[str, pd.Series] = {}  # events per value of each filtered column
    # the sources slider's top, the grades any report has, whether any event has sides (the side filters)
    ranges = {"n_sources_max": 1, "grades_seen": 0, "sides": False}
    warnings = []
    offset = 0
    # each directory or part checked and written in turn; counted once its events are (parts[-1] is its counts)
    checking = progress.track(units, "check", events, size=lambda _: parts[-1]["events"])
    try:
        copied = set()
        whole: dict[str, int] = {}  # tables written from the source once, not joined from its parts
        for i, (source, original, documents, text_ids, from_source) in enumerate(checking):
            try:
                # every rule and every passage; InvalidData lists every problem
                dataset = load(source, texts=documents if documents != source else None, text_ids=text_ids)
            except InvalidData as err:
                if original is None:
                    raise
                raise InvalidData(original(err.problems)) from None  # at the rows of the original files
            part = f"part-{i:03d}"
            for name in TABLES:
                if name in from_source:  # each part holds the share it cites: the source's table, once
                    if name not in first:
                        first[name] = read_table(documents, name)[0].frame
                        columns[name], whole[name] = list(first[name].columns), len(first[name])
                    continue
                table, _ = read_table(source, name)
                if table is None:
                    continue
                frame = table.frame
                columns[name] = list(frame.columns)
                if name == "events":
                    _unique(ids, name, frame["event_id"], source)
                    frame = frame.assign(**{PARTITION: _year(frame["date"])})
                    arrow = pa.Table.from_pandas(frame, preserve_index=False)
                    pq.write_to_dataset(
                        arrow, out / "events", partition_cols=[PARTITION], basename_template=f"{part}-{{i}}.parquet"
                    )
                elif name not in first:
                    first[name] = frame
                elif frame.equals(first[name]):
                    continue  # shared: the same in every directory
                elif name in SAME_IN_EACH:
                    raise InvalidData(
                        [
                            Problem(
                                f"{source.name}/{TABLES[name].file}",
                                None,
                                None,
                                f"{TABLES[name].file} differs from the first directory's; an event's factions "
                                "come from it, so it must be the same in every directory of one dataset.",
                                "Merge the directories first (`factionline merge`), or give each the same file.",
                            )
                        ]
                    )
                else:
                    if name not in writers:  # a second, different table: joined from here on
                        _unique(ids, name, first[name][TABLES[name].key], sources[0])
                        writers[name] = pq.ParquetWriter(out / f"{name}.parquet", _schema(first[name]))
                        writers[name].write_table(
                            pa.Table.from_pandas(first[name], preserve_index=False, schema=_schema(first[name]))
                        )
                    if list(frame.columns) != list(first[name].columns):
                        raise InvalidData(
                            [
                                Problem(
                                    f"{source.name}/{TABLES[name].file}",
                                    None,
                                    None,
                                    f"Its columns differ from the first directory's {TABLES[name].file}.",
                                    "Give the table the same columns, in the same order, in every directory.",
                                )
                            ]
                        )
                    _unique(ids, name, frame[TABLES[name].key], source)
                    writers[name].write_table(pa.Table.from_pandas(frame, preserve_index=False, schema=_schema(frame)))
                rows[name] = rows.get(name, 0) + len(frame)  # shared tables are set right below
            offset += derived(dataset, out / DERIVED, offset, part)
            days.append(daily(dataset))
            ev = dataset.events
            if "n_sources" in ev and len(ev):
                ranges["n_sources_max"] = max(ranges["n_sources_max"], int(ev["n_sources"].max()))
            if "grades" in ev and len(ev):
                ranges["grades_seen"] |= int(np.bitwise_or.reduce(ev["grades"].to_numpy().astype(np.int64)))
            ranges["sides"] |= dataset.has_sides
            for column in FILTERED_COLUMNS:  # the filters' choices, most frequent first: no scan to list them
                if column in dataset.events.columns:
                    found = dataset.events[column].astype("str").str.strip().value_counts()
                    choices[column] = choices.get(column, pd.Series(dtype="int64")).add(found, fill_value=0)
            parts.append(dataset.counts())
            warnings += list(dataset.warnings)
            if documents not in copied:
                _copy_documents(documents, out)
                copied.add(documents)
        _check_unique(ids)
    except BaseException:
        checking.close()  # the phase ends here, before the error is reported
        for writer in writers.values():
            writer.close()
        # nothing half-written is left to be mistaken for a dataset (an empty directory given stays, empty)
        for child in [out] if created else list(out.iterdir()):
            shutil.rmtree(child, ignore_errors=True) if child.is_dir() else child.unlink(missing_ok=True)
        raise
    with progress.phase("write", unit="tables") as written:
        for writer in writers.values():
            writer.close()
        for name, frame in first.items():
            if name not in writers:
                frame.to_parquet(out / f"{name}.parquet", index=False)
                rows[name] = len(frame)
                written.advance()
        write_daily(days, out / DERIVED / "daily.parquet")
        (out / DERIVED / "choices.json").write_text(
            json.dumps(
                {
                    column: [v for v, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])) if v]
                    for column, counts in choices.items()
                }
                | {RANGES: ranges},
                ensure_ascii=False,
            ),
            encoding="utf-8",
        )
    with progress.phase("rollups", unit="rows") as rolled:  # after the tables they sum, before the manifest
        rolled.advance(rollups.write(out))  # whose checksums then vouch for them too
    shared = {name for name in first if name not in writers}
    counts = {k: parts[0][k] if k in shared else sum(c[k] for c in parts) for k in parts[0]} | {
        k: n for k, n in whole.items() if k in parts[0]
    }
    source = (
        ", ".join(s.name for s in sources)
        if len(sources) <= 3
        else f"{sources[0].name} … {sources[-1].name} ({len(sources):,} directories)"
    )
    tables = {name: {"rows": rows[name], "columns": columns[name]} for name in rows}
    return manifest.write(out, source, counts, tables, warnings)


SAME_IN_EACH = ("factions", "actors")  # what decides an event's factions: one version per dataset


def _schema(frame: pd.DataFrame) -> pa.Schema:
    return pa.schema([(c, pa.string()) for c in frame.columns])  # every cell is text, as read


def _unique(seen: dict[str, list], name: str, keys: pd.Series, source: Path) -> None:
    """Note a directory's ids of a table (each directory checks its own; _check_unique checks across them).
    64-bit hashes, not the strings: a hundred million ids fit in 800 MB."""
    seen.setdefault(name, []).append((source, pd.util.hash_array(keys.astype("str").to_numpy(dtype=object))))


def _check_unique(seen: dict[str, list]) -> None:
    """Ids must be unique across the directories of one dataset: equal hashes are looked up in the tables."""
    for name, parts in seen.items():
        hashes = np.concatenate([h for _, h in parts])
        ordered = np.sort(hashes)
        clashes = np.unique(ordered[1:][ordered[1:] == ordered[:-1]])
        if not len(clashes):
            continue
        found: dict[str, Path] = {}
        for source, h in parts:
            table, _ = read_table(source, name)
            keys = table.frame[TABLES[name].key].astype("str").to_numpy(dtype=object)
            for value in keys[np.isin(h, clashes)]:
                if value in found:
                    raise InvalidData(
                        [
                            Problem(
                                f"{source.name}/{TABLES[name].file}",
                                None,
                                TABLES[name].key,
                                f"{TABLES[name].key} {value!r} also occurs in {found[value].name}, an earlier "
                                "directory of this dataset.",
                                "Give each directory its own ids, or merge them first (`factionline merge`).",
                            )
                        ]
                    )
                found[value] = source


def _copy_documents(source: Path, out: Path) -> None:
    """Article texts and documents, as they are (a name already copied from an earlier directory is kept)."""
    for folder, dirs, files in os.walk(source):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for file in sorted(files):
            path = Path(folder, file)
            rel = path.relative_to(source)
            if file.startswith(".") or (len(rel.parts) == 1 and path.suffix.lower() in (".csv", ".parquet")):
                continue
            if not (out / rel).exists():
                (out / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, out / rel)
