"""Ingest at scale: the time and the peak memory of `factionline ingest` (the whole process tree, sampled
every 0.2 s from /proc) on one directory of synthetic events, as one table.

    python bench/ingest.py --events 10000000 [--csv] [--part-rows N] [--work DIR]

Writes the directory unless DIR/data exists — with `factionline synth` up to 10 million events; above, as
`synth --part-size` parts joined into one directory batch by batch (one events.parquet, one quotes.parquet,
every article text in one articles/), since synth itself builds its table in memory. Prints one JSON line
and appends it to bench/ingest.jsonl. Not a test: the figures depend on the machine (docs/performance.md).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    parent = int(f.read().rsplit(")", 1)[1].split()[1])
                children.setdefault(parent, []).append(int(entry))
            except OSError:
                continue
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        todo += children.get(p, [])
        try:
            with open(f"/proc/{p}/statm") as f:
                total += int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except OSError:
            continue
    return total


def join_parts(parts: Path, out: Path) -> None:
    """synth parts as one data directory: the big tables appended batch by batch, the shared ones once."""
    import pyarrow.parquet as pq

    folders = sorted(parts.iterdir())
    (out / "articles").mkdir(parents=True)
    for name in ("events", "quotes", "articles"):
        writer = None
        for folder in folders:
            table = pq.read_table(folder / f"{name}.parquet")
            writer = writer or pq.ParquetWriter(out / f"{name}.parquet", table.schema)
            writer.write_table(table.cast(writer.schema))
        writer.close()
    for name in ("actors", "factions", "sources", "event_types"):
        shutil.copyfile(folders[0] / f"{name}.parquet", out / f"{name}.parquet")
    for folder in folders:
        for text in (folder / "articles").iterdir():
            os.replace(text, out / "articles" / text.name)
    shutil.rmtree(parts)


def measure(command: list[str]) -> tuple[float, int, int]:
    start, peak = time.monotonic(), 0
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    while process.poll() is None:
        peak = max(peak, tree_rss(process.pid))
        time.sleep(0.2)
    err = process.stderr.read()
    if process.returncode:
        print(err, file=sys.stderr)
    return time.monotonic() - start, peak, process.returncode


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--csv", action="store_true", help="the events as one CSV file, not Parquet")
    parser.add_argument("--part-rows", type=int, default=None)
    parser.add_argument("--work", default="/tmp/factionline-ingest-bench")
    args = parser.parse_args()
    work = Path(args.work)
    data = work / ("data-csv" if args.csv else "data")
    if not data.exists() and args.events > 10_000_000 and not args.csv:
        parts = work / "parts"
        shutil.rmtree(parts, ignore_errors=True)
        command = ["factionline", "synth", "--events", str(args.events), "--out", str(parts), "--part-size", "2000000"]
        subprocess.run(command, check=True)
        join_parts(parts, data)
    elif not data.exists():
        command = ["factionline", "synth", "--events", str(args.events), "--out", str(data)]
        subprocess.run(command + (["--csv"] if args.csv else []), check=True)
        if args.csv:
            for path in data.glob("*.parquet"):
                path.unlink()
    out = work / "dataset"
    shutil.rmtree(out, ignore_errors=True)
    command = ["factionline", "ingest", str(data), "--out", str(out)]
    if args.part_rows:
        command += ["--part-rows", str(args.part_rows)]
    seconds, peak, code = measure(command)
    result = {
        "date": time.strftime("%Y-%m-%d"),
        "events": args.events,
        "input": "csv" if args.csv else "parquet",
        "part_rows": args.part_rows or "default",
        "seconds": round(seconds, 1),
        "peak_rss_gb": round(peak / 1e9, 2),
        "ok": code == 0,
    }
    print(json.dumps(result))
    with (ROOT / "bench" / "ingest.jsonl").open("a") as log:
        log.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
