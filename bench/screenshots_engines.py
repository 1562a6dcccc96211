"""Screenshots of the dashboard on DuckDB (FACTIONLINE_ENGINE=duckdb) at 1440 and 390 px, light and dark: the
dense timeline, a faction, a pair, the matrix, the table, About, an empty selection, and a directory that was
not ingested.

    python bench/screenshots_engines.py --out /tmp/engine-shots --data bench/out/engines/ds-1000000
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.screenshots_views import shoot  # noqa: E402

STATES = {
    "timeline": "",
    "faction": "?faction=f00",
    "pair": "?with=f00&with=f01&view=Table+%26+downloads",
    "matrix": "?view=Who+meets+whom",
    "map": "?view=Map&faction=f03",
    "compare": "?view=Compare&from=2023-01-01&to=2023-06-30",
    "about": "?view=About+this+data&q=talks",
    "empty": "?from=2030-01-01&to=2030-01-02",
}


def main() -> None:
    from playwright.sync_api import sync_playwright

    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--data", required=True, help="an ingested dataset")
    ap.add_argument("--widths", default="1440,390")
    ap.add_argument("--schemes", default="light,dark")
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    widths, schemes = [int(w) for w in args.widths.split(",")], args.schemes.split(",")
    env = {"FACTIONLINE_ENGINE": "duckdb"}
    with sync_playwright() as p:
        shoot(p, Path(args.data), STATES, out, widths, schemes, prefix="engine-", env=env)
        shoot(p, ROOT / "data", {"not-ingested": ""}, out, widths[:1], schemes[:1], prefix="engine-", env=env)
    print(f"screenshots in {out}")


if __name__ == "__main__":
    main()
