"""The checks of a read data directory, reporting every problem at once.

Per-table rules are pandera schemas built from the contract in schema.py (check_tables); evidence
and direct quotes are looked up in the stored article text (start_verbatim). validate() runs both;
the load pipeline (load.py) runs the same two beside the model build.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pandera.pandas as pa
import pyarrow
import pyarrow.compute as pc

from components.data import chains
from components.data.dates import ParsedColumn, date_problem, parse_column, resolved
from components.data.loader import RawData, RawTable
from components.data.problems import Problem
from components.data.schema import (
    HEX_COLOUR,
    MEASURES,
    OPTIONAL_COLUMNS,
    TABLES,
    Table,
    split_list,
)
from components.data.textmatch import mismatch, verbatim
from components.data.vector import blank, isin, numbers, split_lists, strings


def _not_blank(s: pd.Series) -> pd.Series:
    return pd.Series(~blank(s), index=s.index)


def _unique(s: pd.Series) -> pd.Series:
    if len(pc.unique(strings(s))) == len(s):  # the usual case, found with one hash table
        return pd.Series(True, index=s.index)
    return ~(s.duplicated(keep=False) & _not_blank(s))


def _valid_dates(dates, key: tuple[str, str], optional: bool):
    def check(s: pd.Series) -> pd.Series:
        parsed = resolved(dates)[key]
        verdict = parsed.parsed["ok"].to_numpy() | (optional & (parsed.uniques.str.strip() == ""))
        return pd.Series(verdict[parsed.codes], index=s.index)

    return check


def _valid_measure(column: str):
    m = MEASURES[column]

    def check(s: pd.Series) -> pd.Series:
        if m.kind == "text":
            return pd.Series(True, index=s.index)
        x = numbers(s)
        ok = np.isfinite(x)
        if m.kind == "int":
            ok &= np.mod(np.where(ok, x, 0), 1) == 0
        if m.lo is not None:
            ok &= ~(x < m.lo)
        if m.hi is not None:
            ok &= ~(x > m.hi)
        return pd.Series(ok | blank(s), index=s.index)

    return check


def measure_rule(column: str) -> tuple[str, str]:
    m = MEASURES[column]
    what = "a whole number" if m.kind == "int" else "a number"
    if m.lo is not None and m.hi is not None:
        what += f" from {m.lo:g} to {m.hi:g}"
    elif m.lo is not None:
        what += f" of at least {m.lo:g}"
    return f"{{value!r}} is not {what} ({m.meaning}).", f"Write {what} (digits, '.' for decimals), or leave it blank."


def parse_dates(raw: RawData) -> dict[tuple[str, str], ParsedColumn]:
    """Every EDTF column of the contract, parsed once per distinct value: validation checks them and
    the model builds its date columns from the same parse."""
    parsed = {}
    for name, table in TABLES.items():
        raw_table = raw.tables.get(name)
        for column in table.dates + table.optional_dates:
            if raw_table is not None and column in raw_table.frame.columns:
                parsed[(name, column)] = parse_column(raw_table.frame[column])
    return parsed


def _valid_chains(outlets: set[str]):
    def check(s: pd.Series) -> pd.Series:
        bad = [v for v in pd.unique(s.to_numpy()) if str(v).strip() and chains.problem(v, outlets)]
        return pd.Series(~isin(s, bad) if bad else np.ones(len(s), dtype=bool), index=s.index)

    return check


def _known_events(raw: RawData):
    def check(s: pd.Series) -> pd.Series:
        return pd.Series(raw.positions("reports", "event_id", "events", "event_id") >= 0, index=s.index)

    return check


def _refs_exist(ids: pd.Series, many: bool, optional: bool):
    def check(s: pd.Series) -> pd.Series:
        if many:
            items, pos = split_lists(s)
            bad = np.zeros(len(s), dtype=bool)
            bad[pos[~isin(items, ids)]] = True
            if not optional:
                has_item = np.zeros(len(s), dtype=bool)
                has_item[pos] = True
                bad |= ~has_item
            return pd.Series(~bad, index=s.index)
        ok = isin(s, ids)
        if optional:
            ok |= blank(s)
        return pd.Series(ok, index=s.index)

    return check


def _sides_among_actors(frame: pd.DataFrame):
    """A side names only actors of the event's own actor_ids."""

    def check(s: pd.Series) -> pd.Series:
        ok = np.ones(len(s), dtype=bool)
        rows = np.flatnonzero(~blank(s))  # most events of most data have no sides
        sides, actors = s.to_numpy(dtype=object)[rows], frame["actor_ids"].to_numpy(dtype=object)[rows]
        ok[rows] = [set(split_list(a)) <= set(split_list(b)) for a, b in zip(sides, actors)]
        return pd.Series(ok, index=s.index)

    return check


def _direction_with_sides(frame: pd.DataFrame):
    """A direction is given exactly when a side is."""

    def check(s: pd.Series) -> pd.Series:
        sided = np.zeros(len(frame), dtype=bool)
        for column in ("side_a", "side_b"):
            if column in frame.columns:
                sided |= ~blank(frame[column])
        return pd.Series(sided == ~blank(s), index=s.index)

    return check


# error key -> (message, fix); {value} is the offending cell
RULES = {
    "side": (
        "The side {value!r} names an actor that is not in the event's actor_ids.",
        "Name in side_a and side_b only actors of actor_ids (';'-separated), or leave the side blank.",
    ),
    "direction": (
        "The direction {value!r} does not match the sides: a direction is given exactly when side_a or side_b is.",
        "Write directed (side A acted on side B) or undirected (two sides; the source does not say who acted) "
        "when the event has sides; leave it blank when it has none.",
    ),
    "blank": ("The cell is blank.", "Fill it in."),
    "blank_id": ("The id is blank.", "Give every row a unique id."),
    "duplicate_id": ("The id {value!r} is used by more than one row.", "Make every id unique."),
    "choice": ("{value!r} is not one of the allowed values ({allowed}).", "Use one of: {allowed}."),
    "date": (
        "{value!r} is not a usable EDTF date: {reason}.",
        "Write an EDTF date such as 2024-02-29, 2024-02 (a month), 2007 (a year), "
        "2024-02-29/2024-03-02 (an interval), 2024-02? (uncertain) or 2024-02~ (approximate).",
    ),
    "colour": ("{value!r} is not a hex colour.", "Write a colour like #0072B2."),
    "chain": (
        "The attribution chain {value!r} is not usable: {reason}.",
        "Write the steps as 'wording: object' separated by ';', e.g. '"
        + chains.EXAMPLE
        + "'; the wordings are "
        + ", ".join(chains.WORDINGS)
        + "; outlets are named by their source_id.",
    ),
    "ref": (
        "{value!r} names {what}, which {target_file} does not define.",
        "Add {what} to {target_file} or correct the id (lists are separated by ';').",
    ),
}


def _schema(table: Table, raw: RawData, dates) -> pa.DataFrameSchema:
    cols: dict[str, pa.Column] = {}

    def add(column: str, *checks: pa.Check):
        if column in cols:
            cols[column].checks.extend(checks)
        else:
            required = column in table.columns
            cols[column] = pa.Column(str, checks=list(checks), required=required, nullable=False)

    for column in table.columns:
        add(column)
    for column in OPTIONAL_COLUMNS.get(table.name, ()):
        add(column)
    for column in (*table.columns, *OPTIONAL_COLUMNS.get(table.name, ())):
        if column in MEASURES and MEASURES[column].kind != "text":
            add(column, pa.Check(_valid_measure(column), error="measure"))
    add(table.key, pa.Check(_not_blank, error="blank_id"), pa.Check(_unique, error="duplicate_id"))
    for column in table.required_text:
        add(column, pa.Check(_not_blank, error="blank"))
    for column, allowed in table.choices.items():
        add(column, pa.Check(lambda s, a=allowed: pd.Series(isin(s, a), index=s.index), error="choice"))
    frame = raw.tables[table.name].frame
    for column in table.dates + table.optional_dates:
        if column in frame.columns:  # parse_dates parsed it (a missing column is reported on its own)
            optional = column in table.optional_dates
            add(column, pa.Check(_valid_dates(dates, (table.name, column), optional), error="date"))
    if table.name == "factions":
        add("color", pa.Check.str_matches(HEX_COLOUR, error="colour"))
    if table.name == "events" and "actor_ids" in frame.columns:
        for column in ("side_a", "side_b"):
            if column in frame.columns:
                add(column, pa.Check(_sides_among_actors(frame), error="side"))
        if "direction" in frame.columns:
            add("direction", pa.Check(_direction_with_sides(frame), error="direction"))
    if "chain" in OPTIONAL_COLUMNS.get(table.name, ()) and "sources" in raw.tables:
        outlets = set(raw.tables["sources"].frame.get("source_id", pd.Series([], dtype=str)))
        add("chain", pa.Check(_valid_chains(outlets), error="chain"))
    for ref in table.refs:
        target = raw.tables.get(ref.table)
        key = TABLES[ref.table].key
        if target is None or key not in target.frame.columns:
            continue  # the missing table is reported on its own
        ids = target.frame[key]
        if (table.name, ref.column) == ("reports", "event_id"):  # the lookup is shared with the model build
            add(ref.column, pa.Check(_known_events(raw), error=f"ref:{ref.table}"))
        else:
            add(ref.column, pa.Check(_refs_exist(ids, ref.many, ref.optional), error=f"ref:{ref.table}"))
    return pa.DataFrameSchema(cols, strict=False, coerce=False)


def _explain(raw: RawData, raw_table: RawTable, table: Table, case: pd.Series) -> Problem:
    key, column, value = case["check"], case["column"], case["failure_case"]
    if key == "column_in_dataframe":
        return Problem(
            table.file,
            1,
            str(value),
            "A required column is missing from the header.",
            f"Add the column {value!r} (the header must include: {', '.join(table.columns)}).",
        )
    row = raw_table.row(int(case["index"])) if pd.notna(case["index"]) else None
    value = "" if pd.isna(value) else str(value)
    if key.startswith("ref:"):
        target = TABLES[key[4:]]
        if not split_list(value):
            return Problem(
                table.file,
                row,
                column,
                "The cell is blank.",
                f"Name at least one {target.key} defined in {target.file}.",
            )
        known = set(raw.tables[target.name].frame[target.key])
        missing = [v for v in split_list(value) if v not in known] or [value]
        what = f"the {target.key} {', '.join(repr(m) for m in missing)}"
        message, fix = RULES["ref"]
        return Problem(
            table.file,
            row,
            column,
            message.format(value=value, what=what, target_file=target.file),
            fix.format(what=f"that {target.key}", target_file=target.file),
        )
    if key == "measure":
        message, fix = measure_rule(column)
        return Problem(table.file, row, column, message.format(value=value), fix)
    if key not in RULES:  # a pandera built-in we did not expect (e.g. dtype)
        return Problem(table.file, row, column, f"{value!r} failed the check {key}.", "Correct the cell.")
    message, fix = RULES[key]
    choices = table.choices.get(column, ())
    allowed = ", ".join(c for c in choices if c) + (" or blank" if "" in choices else "")
    reason = (date_problem(value) or "it is blank") if key == "date" else ""
    if key == "chain":
        outlets = set(raw.tables["sources"].frame["source_id"])
        reason = chains.problem(value, outlets) or ""
    return Problem(
        table.file,
        row,
        column,
        message.format(value=value, allowed=allowed, reason=reason),
        fix.format(allowed=allowed),
    )


def validate(raw: RawData) -> list[Problem]:
    """Every problem of a read directory, in file and row order (the checks load() runs)."""
    verbatim = start_verbatim(raw)
    return report(check_tables(raw, parse_dates(raw)) + verbatim.result().problems)


def report(problems: list[Problem]) -> list[Problem]:
    return sorted(set(problems), key=lambda p: (p.file, p.row or 0, p.column or "", p.message))


def check_tables(raw: RawData, dates) -> list[Problem]:
    """The per-table rules (pandera schemas); dates: parse_dates(raw), or a future of it (parsed in a
    thread while the other rules run)."""
    problems: list[Problem] = []
    for name, table in TABLES.items():
        raw_table = raw.tables.get(name)
        if raw_table is None:
            continue
        try:
            _schema(table, raw, dates).validate(raw_table.frame, lazy=True)
        except pa.errors.SchemaErrors as errors:
            for _, case in errors.failure_cases.iterrows():
                problems.append(_explain(raw, raw_table, table, case))
    return problems


@dataclass(frozen=True)
class Verbatim:
    problems: list[Problem]
    quotes_found: np.ndarray | None  # per quote row: does its text occur in its article (None: not checked)


def start_verbatim(raw: RawData) -> Future:
    """Start the verbatim checks of evidence and quotes in a thread: they are Arrow work that releases
    the GIL, so they run beside the table checks and the model build. The future gives a Verbatim."""
    run = _verbatim(raw)  # picks its rows and columns now, in the caller's thread
    pool = ThreadPoolExecutor(max_workers=1)
    future = pool.submit(run)
    pool.shutdown(wait=False)
    return future


DETAILED_MISSES = 200  # passages not found whose mismatch is located (each a few substring searches)
FIX = {
    "evidence": "Copy one unbroken passage exactly from the stored article text (white space and quote "
    "styles may differ; the passage may not join sentences from different places).",
    "direct quote": "Copy the quoted words exactly from the stored article text (white space and quote "
    "styles may differ), or record words the article reports in its own wording as a "
    "'paraphrase'.",
}


def _verbatim(raw: RawData):
    """Evidence and direct quotes must occur in the stored article text (looked up together)."""
    checks = []  # (table, its frame, column, row positions checked)
    for name, column in (("events", "evidence"), ("reports", "evidence"), ("quotes", "text")):
        table = raw.tables.get(name)
        needed = {column, "article_id"} | ({"quote_type"} if name == "quotes" else set())
        if table is None or not needed <= set(table.frame.columns):
            continue
        frame = table.frame  # unknown articles and blank cells are reported elsewhere
        rows = isin(frame["article_id"], raw.article_texts) & ~blank(frame[column])
        checks.append((table, frame, column, np.flatnonzero(rows)))

    def cells(column_of) -> pyarrow.ChunkedArray:
        parts = [strings(f[column_of(c)]) for _, f, c, _ in checks]
        parts = [p if len(r) == len(p) else p.take(r) for p, (*_, r) in zip(parts, checks)]  # all: no copy
        chunks = [c for p in parts for c in (p.chunks if isinstance(p, pyarrow.ChunkedArray) else [p])]
        return pyarrow.chunked_array([c.cast(pyarrow.large_string()) for c in chunks], pyarrow.large_string())

    def run() -> Verbatim:
        if not checks:
            return Verbatim([], None)
        found_all = verbatim(raw.article_texts, cells(lambda c: c), cells(lambda c: "article_id"))
        problems, start, quotes_found = [], 0, None
        for table, frame, column, rows in checks:
            found, start = found_all[start : start + len(rows)], start + len(rows)
            if table.name == "quotes":
                # Paraphrases are looked up too (the model shows whether their wording was found): once, here.
                quotes_found = np.zeros(len(frame), dtype=bool)
                quotes_found[rows] = found
                direct = isin(frame["quote_type"], ["direct"])[rows]
                rows, found = rows[direct], found[direct]
            what = "direct quote" if table.name == "quotes" else "evidence"
            for n, i in enumerate(rows[~found]):
                passage, article_id = frame[column].iat[i], frame["article_id"].iat[i]
                where = mismatch(passage, raw.article_texts[article_id]) if n < DETAILED_MISSES else ""
                problems.append(
                    Problem(
                        table.file,
                        table.row(int(i)),
                        column,
                        f"The {what} does not occur verbatim in article {article_id!r}"
                        + (f": {where}." if where else f": {passage[:80]!r}."),
                        FIX[what],
                    )
                )
        return Verbatim(problems, quotes_found)

    return run
