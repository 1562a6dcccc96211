"""Exports of exactly the filtered selection: the contract's columns, as CSV or JSON."""
from __future__ import annotations

import json

import pandas as pd

from .schema import OPTIONAL_COLUMNS, TABLES


def _columns(frame: pd.DataFrame, table: str) -> list[str]:
    wanted = list(TABLES[table].columns) + list(OPTIONAL_COLUMNS.get(table, ()))
    derived = ["start", "end", "precision", "uncertain", "approximate", "date_label", "verified", "event_pos"]
    extra = [c for c in frame.columns if c not in wanted and c not in derived]
    return [c for c in wanted if c in frame.columns] + extra


def table_csv(frame: pd.DataFrame, table: str) -> bytes:
    return frame[_columns(frame, table)].to_csv(index=False).encode("utf-8")


def table_json(frame: pd.DataFrame, table: str) -> bytes:
    records = frame[_columns(frame, table)].to_dict(orient="records")
    return json.dumps(records, ensure_ascii=False, indent=1).encode("utf-8")
