"""The one rule for characters a cell may not hold: C0 control characters but tab and line feed, and DEL. A NUL or a lone carriage return pasted into a cell made every later publish fail (a NUL reads as a
binary file; a bare CR splits a row when the table is written again), so the loader reports them
(file, row, column) and the store refuses them at entry, naming the field. C1 characters (U+0080–U+009F)
are kept: real GDELT rows hold U+0091 from quotes decoded with the wrong code page, and they harm no file.

    found = first_control(value)   # "U+0000 (NUL)" or None
"""

from __future__ import annotations

import re

import pandas as pd

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_NAMES = {0: "NUL", 0x0D: "carriage return", 0x0B: "vertical tab", 0x0C: "form feed", 0x1B: "escape", 0x7F: "DEL"}
FIX = "Remove the control character (retype the text, or paste it as plain text); line breaks and tabs are fine."


def describe(ch: str) -> str:
    code = ord(ch)
    name = _NAMES.get(code, "control character")
    return f"U+{code:04X} ({name})"


def first_control(value: str) -> str | None:
    found = CONTROL.search(value)
    return describe(found.group()) if found else None


def cells_with_controls(frame: pd.DataFrame) -> list[tuple[int, str, str]]:
    """(row index, column, which character) of every cell holding one (vectorised per column)."""
    found = []
    for column in frame.columns:
        values = frame[column]
        if values.dtype == object or isinstance(values.dtype, pd.StringDtype):
            hit = values.astype("str").str.contains(CONTROL.pattern, regex=True, na=False)
            for index in hit[hit].index[:100]:
                found.append((int(frame.index.get_loc(index)), str(column), first_control(str(values[index])) or ""))
    return found
