"""Loading a data directory: read → check → build, each step handed the values it needs.

read_directory(root)  -> RawData (string tables, article texts) and file-level problems
parse_dates(raw)      -> every EDTF column parsed once (checked by validation, used by the model)
start_verbatim(raw)   -> the verbatim check, running in a thread (Arrow releases the GIL)
check_tables(raw, …)  -> the per-table rules, while the model is built beside them
build(raw, …)         -> the Dataset; thrown away if any check fails
warnings(raw, dates)  -> checks of meaning (meaning.py): kept with the Dataset, never blocking
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

from components.data.dates import resolved
from components.data.loader import read_directory
from components.data.meaning import of_the_model, warnings
from components.data.model import Dataset, build
from components.data.problems import InvalidData
from components.data.validate import check_tables, parse_dates, report, start_verbatim


def load(root: str | Path, texts: str | Path | None = None, text_ids: frozenset | None = None) -> Dataset:
    """Load and validate a data directory; raise InvalidData listing every problem. `texts`: where its
    article paths lead, when not the directory itself; `text_ids`: the articles whose texts to read, when
    not all (ingest's parts read their own, in their source: components/io/split.py)."""
    raw, problems = read_directory(root, texts, text_ids)
    checking = start_verbatim(raw)
    with ThreadPoolExecutor(max_workers=2) as pool:
        # The dates are parsed beside the other table rules; the date rules and the build wait for them.
        dates = pool.submit(parse_dates, raw)
        model = None if problems else pool.submit(build, raw, dates, checking)
        # The checks of meaning only read the tables: they run beside the build once the dates are parsed.
        meaning = None if problems else pool.submit(lambda: warnings(raw, resolved(dates)))
        problems += check_tables(raw, dates)
        if problems:  # leaving the pool waits for the build; its result or error says nothing new
            for future in (model, meaning):
                if future is not None:
                    future.cancel()
            raise InvalidData(report(problems + checking.result().problems))
        dataset = model.result()
    problems = checking.result().problems
    if problems:
        raise InvalidData(report(problems))
    found = meaning.result() + of_the_model(dataset)
    return replace(
        dataset, warnings=tuple(sorted(found, key=lambda p: (p.file, p.row or 0, p.column or "", p.message)))
    )
