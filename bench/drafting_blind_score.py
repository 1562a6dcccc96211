"""Score the drafter of the current PYTHONPATH checkout on a blind round: python eval_blind.py /work/blind/round12"""
import json, runpy, sys, tempfile
from pathlib import Path
sys.path.insert(0, ".")
from components.data.load import load
from components.drafting.draft import draft, read_article
from tests import reports_fixture
from tests import drafting_gold as G

rd = Path(sys.argv[1])
ns = runpy.run_path(str(rd / "gold.py"))
G.GOLD[:] = ns["GOLD"]
ds = load(reports_fixture.write(Path(tempfile.mkdtemp()) / "d"))
res = {g.file: draft(read_article(rd / g.file), g.published, g.outlet, ds) for g in G.GOLD}
out = G.score(res)
c = out["counts"]
anch = sum(any(G._overlap(d["text"], w) and d["edtf"] == e for d in res[f]["dates"]) for f, w, e in ns["ANCHORED"])
neg = sum(any(w in e["evidence"] and e.get("status") == "occurred" for e in res[f]["events"]) for f, w in ns["NEGATED"])
print(json.dumps({k: round(v, 3) for k, v in out.items() if k != "counts"}))
print(json.dumps(c))
print(f"anchored {anch}/{len(ns['ANCHORED'])}  negated drafted as occurred {neg}/{len(ns['NEGATED'])}")
