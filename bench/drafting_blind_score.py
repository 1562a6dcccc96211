"""Score today's drafter on one blind round (gold in tests/blind/roundNN.py, articles in tests/fixtures/drafting):

    python bench/drafting_blind_score.py 12

Prints the shares of tests/drafting_gold.py's `score`, its counts, and two figures the gold adds: dates
relative to another event resolved right (ANCHORED) and events the text says did not happen that were
drafted as occurred (NEGATED; the goal is none).
"""

from __future__ import annotations

import json
import runpy
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from components.data.load import load  # noqa: E402
from components.drafting.draft import draft, read_article  # noqa: E402
from tests import drafting_gold as G  # noqa: E402
from tests import reports_fixture  # noqa: E402


def main(round_number: str) -> None:
    gold = runpy.run_path(str(ROOT / "tests" / "blind" / f"round{round_number}.py"))
    G.GOLD[:] = gold["GOLD"]
    ds = load(reports_fixture.write(Path(tempfile.mkdtemp()) / "d"))
    res = {g.file: draft(read_article(G.FIXTURES / g.file), g.published, g.outlet, ds) for g in G.GOLD}
    out = G.score(res)
    anchored = sum(
        any(G._overlap(d["text"], words) and d["edtf"] == edtf for d in res[file]["dates"])
        for file, words, edtf in gold["ANCHORED"]
    )
    negated = sum(
        any(words in e["evidence"] and e.get("status") == "occurred" for e in res[file]["events"])
        for file, words in gold["NEGATED"]
    )
    print(json.dumps({k: round(v, 3) for k, v in out.items() if k != "counts"}))
    print(json.dumps(out["counts"]))
    print(f"anchored {anchored}/{len(gold['ANCHORED'])}  negated drafted as occurred {negated}/{len(gold['NEGATED'])}")


if __name__ == "__main__":
    main(sys.argv[1])
