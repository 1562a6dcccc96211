"""The bundled first view does only what it shows (issue 40): a server started on a data directory whose
model is cached imports neither the checks (pandera, and pyspark through it), nor the store (SQLAlchemy,
Argon2), nor the EDTF grammar, nor Plotly Express; each was most of a second of the first view, slower
than the naive page (bench/first_view.py). A fresh process, as a server's first page is."""

from __future__ import annotations

import os
import subprocess
import sys

from components.data.manifest import load_any
from components.data.modelcache import load_cached

from .conftest import BUNDLED, ROOT

HEAVY = ("pandera", "pyspark", "sqlalchemy", "argon2", "edtf", "plotly.express", "hypothesis")
FIRST_VIEW = """
import sys
from streamlit.testing.v1 import AppTest

at = AppTest.from_file(sys.argv[1], default_timeout=120).run()
assert not at.exception, at.exception
assert any("13 of 13 events" in c.value for c in at.caption), [c.value for c in at.caption]
print(" ".join(m for m in sys.argv[2:] if m in sys.modules))
"""


def test_the_bundled_first_view_imports_only_what_it_draws(tmp_path, monkeypatch):
    monkeypatch.setenv("FACTIONLINE_CACHE", str(tmp_path / "cache"))
    load_cached(os.path.abspath(BUNDLED), load_any)  # a server restarted on it: the model is cached
    env = dict(os.environ, FACTIONLINE_DATA=str(BUNDLED))
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    done = subprocess.run(
        [sys.executable, "-c", FIRST_VIEW, str(ROOT / "dashboard.py"), *HEAVY],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.split() == [], f"the first view imported {done.stdout.split()}"
