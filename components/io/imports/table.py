"""A single events table (CSV, XLSX or Parquet) → a data directory.

Needs a `date` (EDTF) and a `title` column; understands the contract's other event columns
(event_id, date_text, status, event_type, summary, location, actor_ids, evidence, reported_by,
source_url, note, side_a, side_b, direction). actor_ids and the sides may hold ids or names (';'-separated);
they reach faction lanes through the crosswalk. The record text (evidence, else title and summary) is stored as the import's records.
"""

from __future__ import annotations

import csv
import io

import pandas as pd
import pyarrow.parquet as pq

from components.data.controls import FIX, first_control
from components.data.dates import date_problem
from components.data.safetext import safe_url
from components.data.schema import DIRECTIONS, STATUSES, split_list
from components.io.imports.build import (
    Builder,
    Format,
    ImportFailed,
    decode,
    lines_of,
    one_line,
    slug,
    whole,
)


def convert(frame: pd.DataFrame, b: Builder, first_line: int = 2) -> None:
    frame = frame.rename(columns=lambda c: str(c).strip().lower())
    missing = [c for c in ("date", "title") if c not in frame.columns]
    if missing:
        raise ValueError(
            f"line 1: the table lacks the column(s) {', '.join(missing)}. Fix: an events table "
            "needs at least date (EDTF, e.g. 2024-02-29) and title"
        )
    frame = frame.fillna("").astype("str")
    for i, r in enumerate(frame.to_dict(orient="records")):
        where = f"line {i + first_line}"
        r = {k: v.strip() for k, v in r.items()}
        if not any(r.values()):
            b.skip(where, "blank row")
            continue
        problem = date_problem(r["date"]) if r["date"] else "the date is blank"
        if problem:
            b.skip(where, f"date {r['date']!r}: {problem} (write EDTF, e.g. 2024-02-29, 2024-02 or 2007)")
            continue
        if not r["title"]:
            b.skip(where, "the title is blank")
            continue
        control = next(((c, found) for c, v in r.items() if (found := first_control(v))), None)
        if control:  # the one rule of data/controls.py, as validate and the upload apply it
            b.skip(where, f"{control[0]} holds {control[1]}. Fix: {FIX}")
            continue
        actors = [b.actor(a, scheme="name") for a in split_list(r.get("actor_ids", ""))]
        sides = [[b.actor(a, scheme="name") for a in split_list(r.get(c, ""))] for c in ("side_a", "side_b")]
        direction = r.get("direction", "").lower()
        status = r.get("status", "").lower()
        kind = r.get("event_type", "") or "unspecified"
        type_id = b.event_type(f"table-{slug(kind)}", kind if kind != "unspecified" else "Unspecified")
        outlet = r.get("reported_by", "")
        url = r.get("source_url", "")
        b.event(
            where,
            event_id=r.get("event_id") or where.replace(" ", "-"),
            date=r["date"],
            date_text=r.get("date_text", "") or r["date"],
            status=status if status in STATUSES else "reported",
            event_type=type_id,
            title=r["title"],
            summary=r.get("summary", ""),
            location=r.get("location", ""),
            actor_ids=actors,
            evidence=r.get("evidence", "") or one_line(f"{r['title']}. {r.get('summary', '')}"),
            reported_by=b.source(outlet, kind="outlet") if outlet else "",
            source_url=safe_url(url) or "",
            note=" ".join(
                p
                for p in (
                    r.get("note", ""),
                    "" if status in STATUSES else f"Status {status or '(blank)'} read as 'reported'.",
                    ""
                    if direction in ("", *DIRECTIONS) or not any(sides)
                    else f"Direction {direction!r} read as 'undirected'.",
                )
                if p
            ),
            side_a=sides[0],
            side_b=sides[1],
            direction=direction if direction in DIRECTIONS else "undirected",
            actor_roles=[(c, r[c]) for c in ("side_a", "side_b") if r.get(c)],
        )


CHUNK_ROWS = 100_000  # rows converted at a time from an open CSV or Parquet file


def convert_file(name: str, data, b: Builder) -> None:
    """An upload (bytes) or an XLSX sheet (at most 1,048,576 rows) whole; an open CSV or Parquet file (the
    command line, any size) in chunks of CHUNK_ROWS rows, as the Builder writes them."""
    lower = name.lower()
    if isinstance(data, bytes) or lower.endswith(".xlsx"):
        convert(read_table(name, whole(data)), b)
    elif lower.endswith(".parquet"):
        try:
            batches = pq.ParquetFile(data, pre_buffer=False).iter_batches(batch_size=CHUNK_ROWS)
        except Exception as err:  # pyarrow raises several types for a broken file
            raise ValueError(f"cannot be read as a table ({type(err).__name__}: {str(err)[:200]})") from None
        line = 2
        for batch in batches:
            frame = batch.to_pandas()
            convert(frame, b, line)
            line += len(frame)
    else:
        _convert_csv(lines_of(data, name), b)


def _convert_csv(lines, b: Builder) -> None:
    """A CSV's records in chunks; blank lines skipped and short rows padded, as pandas reads the whole file."""
    reader = csv.reader(lines)
    try:
        header = next(reader, None)
        if header is None:
            raise ValueError("the file is empty")
        rows: list[list[str]] = []
        line = 2  # the row number of the chunk's first record, as convert numbers a whole table
        for record in reader:
            if not record:
                continue
            if len(record) > len(header):
                raise ValueError(
                    f"line {line + len(rows)}: {len(record)} cells, and the header has {len(header)}. Fix: "
                    "wrap a cell holding a comma in double quotes"
                )
            rows.append(record + [""] * (len(header) - len(record)))
            if len(rows) == CHUNK_ROWS:
                convert(pd.DataFrame(rows, columns=header), b, line)
                line, rows = line + len(rows), []
        if rows or line == 2:
            convert(pd.DataFrame(rows, columns=header), b, line)
    except csv.Error as err:
        raise ValueError(f"line {reader.line_num}: the CSV is malformed ({err})") from None


def read_table(name: str, data: bytes) -> pd.DataFrame:
    lower = name.lower()
    try:
        if lower.endswith(".parquet"):
            return pd.read_parquet(io.BytesIO(data))
        if lower.endswith(".xlsx"):
            return pd.read_excel(io.BytesIO(data), dtype=str, engine="openpyxl")
        return pd.read_csv(io.StringIO(decode(data, name)), dtype=str, keep_default_na=False)
    except ImportFailed:
        raise
    except Exception as err:  # pandas and its engines raise many types for broken files
        raise ValueError(f"cannot be read as a table ({type(err).__name__}: {str(err)[:200]})") from None


def _is_table(name: str, first: str) -> bool:
    return name.endswith((".parquet", ".xlsx")) or {"date", "title"} <= {
        h.strip().lower() for h in next(csv.reader([first]), [])
    }


FORMAT = Format(
    "table",
    "an events table (CSV, XLSX or Parquet) with date and title columns",
    "Uploaded table",
    "",
    ("csv", "xlsx", "parquet"),
    detect=_is_table,
    convert=convert_file,
    becomes="the contract's event columns where present (date and title required), the sides (side_a, "
    "side_b, direction) included; actor_ids and the sides may hold names, which reach faction lanes through "
    "the crosswalk",
    binary_extensions=("parquet", "xlsx"),
)
