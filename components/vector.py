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

from .schema import LIST_SEPARATOR


def strings(values) -> pa.Array:
    """An Arrow string array; zero-copy for pandas' Arrow-backed str columns."""
    if isinstance(values, (pa.Array, pa.ChunkedArray)):
        return values
    if isinstance(values, pd.Series) and isinstance(values.dtype, pd.StringDtype):
        return pa.array(values)
    if isinstance(values, pd.Series):
        values = values.to_numpy(dtype=object)
    return pa.array(values, pa.large_string(), from_pandas=True)


def isin(column, values: Iterable[str]) -> np.ndarray:
    """Boolean array: is each cell one of the values (nulls are not)."""
    if not isinstance(values, (pd.Series, np.ndarray)):
        values = list(values)
    column, values = strings(column), strings(values)
    if column.type != values.type:
        values = values.cast(column.type)
    found = pc.is_in(column, value_set=values)
    return found.fill_null(False).to_numpy(zero_copy_only=False)


def split_lists(column: pd.Series) -> tuple[pa.Array, np.ndarray]:
    """Items of ';'-separated list cells (trimmed, blanks dropped), as Arrow strings (no Python
    objects for millions of items), and the row position of each."""
    lists = pc.split_pattern(strings(column), LIST_SEPARATOR)
    items = pc.utf8_trim_whitespace(pc.list_flatten(lists))
    pos = pc.list_parent_indices(lists).to_numpy().astype(np.int64)
    keep = pc.not_equal(items, "").fill_null(False)
    return pc.filter(items, keep), pos[keep.to_numpy(zero_copy_only=False)]
