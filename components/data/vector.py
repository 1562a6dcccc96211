"""Column operations done in Arrow, for tables of a million rows.

pandas' isin on Arrow-backed strings converts every value of the set to a Python scalar
(seconds for a large set); these go straight to Arrow compute.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from components.data.schema import LIST_SEPARATOR


def strings(values) -> pa.Array:
    """An Arrow string array; zero-copy for pandas' Arrow-backed str columns."""
    if isinstance(values, (pa.Array, pa.ChunkedArray)):
        return values
    if isinstance(values, pd.Series) and isinstance(values.dtype, pd.StringDtype):
        return pa.array(values)
    if isinstance(values, pd.Series):
        values = values.to_numpy(dtype=object)
    return pa.array(values, pa.large_string(), from_pandas=True)


def blank(column) -> np.ndarray:
    """Boolean array: is each cell empty or only white space (as str.strip() == "", without copying
    the strings)."""
    values = strings(column)
    return (
        pc.or_(pc.equal(pc.binary_length(values), 0), pc.utf8_is_space(values))
        .fill_null(True)
        .to_numpy(zero_copy_only=False)
    )


def isin(column, values: Iterable[str]) -> np.ndarray:
    """Boolean array: is each cell one of the values (nulls are not)."""
    if not isinstance(values, (pd.Series, np.ndarray)):
        values = list(values)
    return position_in(column, values) >= 0


def position_in(column, values) -> np.ndarray:
    """For each cell of column, the position of the same string in values, or -1 (nulls are -1)."""
    column, values = strings(column), strings(values)
    if column.type != values.type:
        values = values.cast(column.type)
    if len(values) > 4 * len(column):
        # A large set (a million event ids) against a small column: hash the column's distinct values,
        # not the set (building a hash table costs more than probing one).
        distinct = pc.unique(column)
        where = np.full(len(distinct) + 1, -1, dtype=np.int64)  # the last one: nulls
        hits = pc.index_in(values, value_set=distinct, skip_nulls=True)
        valid = hits.is_valid().to_numpy(zero_copy_only=False)
        where[hits.drop_null().to_numpy()[::-1]] = np.flatnonzero(valid)[::-1]  # the first position wins
        return where[
            pc.index_in(column, value_set=distinct, skip_nulls=True)
            .fill_null(len(distinct))
            .to_numpy(zero_copy_only=False)
        ]
    return (
        pc.index_in(column, value_set=values, skip_nulls=True)
        .fill_null(-1)
        .to_numpy(zero_copy_only=False)
        .astype(np.int64)
    )


def split_lists(column: pd.Series) -> tuple[pa.Array, np.ndarray]:
    """Items of ';'-separated list cells (trimmed, blanks dropped), as Arrow strings (no Python
    objects for millions of items), and the row position of each."""
    lists = pc.split_pattern(strings(column), LIST_SEPARATOR)
    items = pc.utf8_trim_whitespace(pc.list_flatten(lists))
    pos = pc.list_parent_indices(lists).to_numpy().astype(np.int64)
    keep = pc.not_equal(items, "").fill_null(False)
    return pc.filter(items, keep), pos[keep.to_numpy(zero_copy_only=False)]


def numbers(column) -> np.ndarray:
    """A text column as floats, NaN for blank and for what is not a number. Arrow's cast (C++) does a
    million cells in milliseconds; only a column holding a non-number falls back to pandas, cell by cell."""
    values = pc.utf8_trim_whitespace(strings(column))
    values = pc.if_else(pc.equal(values, ""), pa.scalar(None, values.type), values)
    try:
        return pc.cast(values, pa.float64()).to_numpy(zero_copy_only=False).astype(float)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        text = pd.Series(values.to_pandas(), copy=False)
        return pd.to_numeric(text, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
