import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "data"
SHARED = ROOT.parent / "shared"

# Tests never write model caches into the user's cache directory (test_modelcache sets its own).
os.environ["FACTIONLINE_CACHE"] = "off"


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A private copy of the bundled data directory that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(BUNDLED, target)
    return target


def edit(directory: Path, file: str, old: str, new: str, count: int = 1) -> None:
    """Replace text in one file of a data directory; fail loudly if the text is absent."""
    path = directory / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {file}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def edit_row(directory: Path, table: str, row_id: str, **values) -> None:
    """Set cells of the row whose id (first column) is row_id in a table of a data directory."""
    import pandas as pd

    path = directory / f"{table}.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    key = frame.columns[0]
    assert (frame[key] == row_id).any(), row_id
    for column, value in values.items():
        frame.loc[frame[key] == row_id, column] = value
    frame.to_csv(path, index=False)


@pytest.fixture(scope="module")
def browser():
    """One Chromium for a test module (the browser tests' shared fixture)."""
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        from .browser import launch_chromium

        b = launch_chromium(p)
        yield b
        b.close()
