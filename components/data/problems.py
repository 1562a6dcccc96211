"""A validation problem: where it is (file, row, column), what is wrong, how to fix it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    row: int | None  # spreadsheet row: the header is row 1, the first record row 2
    column: str | None
    message: str
    fix: str = ""

    def where(self) -> str:
        parts = [self.file]
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column:
            parts.append(f"column {self.column}")
        return ", ".join(parts)

    def __str__(self) -> str:
        text = f"{self.where()}: {self.message}"
        return f"{text} Fix: {self.fix}" if self.fix else text


class InvalidData(Exception):
    """Raised by the loader when a data directory has problems; carries all of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=_sort_key)
        super().__init__(f"{len(self.problems)} problem(s) in the data")


def _sort_key(p: Problem):
    return (p.file, p.row or 0, p.column or "", p.message)


def format_report(problems: list[Problem]) -> str:
    problems = sorted(problems, key=_sort_key)
    lines = [f"{len(problems)} problem(s) found:"]
    lines += [f"- {p}" for p in problems]
    return "\n".join(lines)
