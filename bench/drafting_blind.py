"""Drafting on unseen articles, pooled: each held-out round is drafted by the code of the commit that added
its gold (before any rule was tuned on it) and scored with today's gold and scorer (tests/drafting_gold.py).

    python bench/drafting_blind.py      # needs the git history (a full clone); prints per round and pooled

Add the next round's commit to ROUNDS when its gold lands. Not a test: it checks out old commits.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = {5: "e0b2989", 6: "7919b9f", 7: "74996b1", 8: "1f608ae", 9: "0666092", 10: "bc2128a", 11: "d4f8afa"}
# round -> the commit that first drafted it: the one adding its gold (rounds 5-9), or for round 10 (gold in
# 8f5b022, written by a separate session) the first drafter on the parser, which had not read it; round 11
# (gold in 780f4e5) was drafted blind by d4f8afa, the parser drafter after round 10 was tuned
DRAFT = r"""
import sys, json, tempfile
from pathlib import Path
sys.path.insert(0, ".")
from components.data.load import load
from components.drafting.draft import draft, read_article
from tests import reports_fixture
from tests import drafting_gold as G
G.GOLD[:] = [g for g in G.GOLD if g.file.startswith(sys.argv[1])]
ds = load(reports_fixture.write(Path(tempfile.mkdtemp()) / "d"))
print(json.dumps(G.score({g.file: draft(read_article(G.FIXTURES / g.file), g.published, g.outlet, ds) for g in G.GOLD})["counts"]))
"""
ROWS = [
    ("events found", "events_found", "gold_events"),
    ("drafted events right", "drafted_right", "drafted"),
    ("direct quotes found", "found", "quotes"),
    ("right speaker", "speaker", "quotes"),
    ("right chain", "chain", "quotes"),
    ("dates right", "dates_right", "dates"),
]


def main() -> None:
    total: dict[str, int] = {}
    print("| round | " + " | ".join(r[0] for r in ROWS) + " |")
    print("|---|" + "---:|" * len(ROWS))
    for n, commit in ROUNDS.items():
        tree = Path(tempfile.mkdtemp()) / f"round{n}"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "-q", "--detach", str(tree), commit], check=True)
        try:
            shutil.copy(ROOT / "tests/drafting_gold.py", tree / "tests/drafting_gold.py")
            shutil.copytree(ROOT / "tests/fixtures/drafting", tree / "tests/fixtures/drafting", dirs_exist_ok=True)
            out = subprocess.run([sys.executable, "-c", DRAFT, f"ho{n}-"], cwd=tree, capture_output=True, text=True)
            counts = json.loads(out.stdout.strip().splitlines()[-1])
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], check=True)
        print(f"| {n} | " + " | ".join(f"{counts[a]}/{counts[b]}" for _, a, b in ROWS) + " |")
        for k, v in counts.items():
            total[k] = total.get(k, 0) + v
    print(
        "| **pooled** | "
        + " | ".join(f"**{total[a] / total[b]:.0%}** ({total[a]}/{total[b]})" for _, a, b in ROWS)
        + " |"
    )


if __name__ == "__main__":
    main()
