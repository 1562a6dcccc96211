"""Issue 35: uploads within budget. A zip is unpacked as a stream with a cap (never a whole entry in
memory, never past what the budget has room for): a 1 MB zip that expands to 950 MB is refused with a
clear message while the server grows by well under 300 MB."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile

import pytest

from .conftest import ROOT

MEASURE = """
import json, resource, sys
from pathlib import Path
from components.io.upload import UploadError, open_upload
from components.io.uploadbudget import UploadBudget
data = Path(sys.argv[1]).read_bytes()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    open_upload("bomb.zip", data, Path(sys.argv[2]), UploadBudget(1024 * 1_000_000))
    said = "accepted"
except UploadError as err:
    said = str(err)
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"said": said, "grew_mb": (after - before) / 1024}))
"""


def _bomb(path, megabytes: int) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        with archive.open("events.csv", "w", force_zip64=True) as entry:
            entry.write(b"event_id,date\n")
            block = b"0" * (1 << 20)
            for _ in range(megabytes):
                entry.write(block)


def test_a_zip_bomb_is_refused_within_300_mb_of_server_growth(tmp_path):
    bomb = tmp_path / "bomb.zip"
    _bomb(bomb, 950)
    assert bomb.stat().st_size < 1_100_000  # about 1 MB
    run = subprocess.run(
        [sys.executable, "-c", MEASURE, str(bomb), str(ROOT / "data")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert "unpacks to more than" in result["said"] and "bomb.zip" in result["said"]
    assert result["grew_mb"] < 300


def test_a_zip_whose_entries_lie_about_their_size_is_stopped_while_streaming(tmp_path, monkeypatch):
    from components.io import upload

    bomb = tmp_path / "bomb.zip"
    _bomb(bomb, 30)
    # the declared sizes pass (as a crafted header would); the bytes written are counted as they come
    monkeypatch.setattr(zipfile.ZipInfo, "file_size", property(lambda self: 1, lambda self, v: None), raising=False)
    with pytest.raises(upload.UploadError, match="unpacks to more than|cannot be unpacked"):
        upload._unzip("bomb.zip", bomb.read_bytes(), tmp_path / "out", cap=10_000_000)
    assert sum(f.stat().st_size for f in (tmp_path / "out").rglob("*") if f.is_file()) <= 10_000_000


def test_the_budget_counts_the_files_own_bytes_and_a_zip_within_what_is_left(tmp_path):
    from components.io.upload import UploadError, open_upload
    from components.io.uploadbudget import UploadBudget

    bomb = tmp_path / "small.zip"
    _bomb(bomb, 150)  # 150 MB unpacked: under the upload cap (200 MB), over what a 100 MB budget leaves
    budget = UploadBudget(100_000_000)
    with pytest.raises(UploadError, match="unpacks to more than|memory for uploads"):
        open_upload("small.zip", bomb.read_bytes(), ROOT / "data", budget)
    assert budget.used() == 0  # nothing kept for a refused upload
