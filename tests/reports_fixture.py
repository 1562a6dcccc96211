"""The bundled data plus fictional follow-up reports of its 29 February meeting (tests/fixtures/reports):
an event told by several reports, attribution chains, a joint statement, a group actor and source grades.

    python -m tests.reports_fixture OUT    # writes the directory (for screenshots and trying it out)
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "reports"
MEETING = "ev-2024-02-29-hamas-fatah-meet-moscow"


def write(dest: Path) -> Path:
    """A copy of the bundled data with the fixture's rows added (new tables written as they are)."""
    shutil.copytree(ROOT / "data", dest)
    shutil.copytree(FIXTURE / "articles", dest / "articles", dirs_exist_ok=True)
    for extra in sorted(FIXTURE.glob("*.csv")):
        added = pd.read_csv(extra, dtype=str, keep_default_na=False)
        target = dest / extra.name
        if target.exists():
            base = pd.read_csv(target, dtype=str, keep_default_na=False)
            added = pd.concat([base, added], ignore_index=True).fillna("")
        added.to_csv(target, index=False)
    return dest


if __name__ == "__main__":
    print(write(Path(sys.argv[1])))
