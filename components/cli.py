"""The `factionline` command."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from components.data.problems import InvalidData, format_report
from components.paths import APP, bundled_data


def _validate(args) -> int:
    from components.data.load import load

    try:
        dataset = load(args.directory)
    except InvalidData as err:
        print(f"{args.directory}: the data is not valid.", file=sys.stderr)
        print(format_report(err.problems), file=sys.stderr)
        return 1
    c = dataset.counts()
    print(f"{args.directory}: valid — {c['events']} events, {c['actors']} actors, "
          f"{c['quotes']} quotes, {c['factions']} factions.")
    return 0


def _synth(args) -> int:
    from components.io.synth import synthesize

    counts = synthesize(args.events, args.out, seed=args.seed, csv=args.csv)
    print(f"{args.out}: wrote " + ", ".join(f"{v:,} {k}" for k, v in counts.items())
          + (" (Parquet and CSV)." if args.csv else " (Parquet)."))
    return 0


def _import(args) -> int:
    from components.data.load import load
    from components.io.crosswalk import CrosswalkError
    from components.io.imports import ImportFailed, run_import

    try:
        b = run_import(args.format, Path(args.file), Path(args.out), Path(args.base) if args.base else None)
    except (ImportFailed, CrosswalkError) as err:
        print(f"factionline import: {err}", file=sys.stderr)
        return 1
    s = b.summary()
    print(f"{args.out}: {s['events']:,} events from {s['file']}; {s['skipped']:,} records not imported"
          + (":" if s["skipped"] else "."))
    for k in b.skipped[:50]:
        print(f"  {k.where}: {k.reason}")
    if len(b.skipped) > 50:
        print(f"  … and {len(b.skipped) - 50:,} more, all listed in {Path(args.out) / 'IMPORT.md'}")
    if s["reached"]:
        print("Events per faction: " + ", ".join(f"{f} {n:,}" for f, n in s["reached"].items()))
    try:
        load(args.out)
    except InvalidData as err:  # a bug in an importer: say so plainly rather than leave a broken directory
        print(f"{args.out}: the imported data does not validate — please report this:", file=sys.stderr)
        print(format_report(err.problems), file=sys.stderr)
        return 1
    return 0


def _merge(args) -> int:
    from components.io.merge import MergeError, merge

    try:
        report = merge([Path(d) for d in args.directories], Path(args.out))
    except MergeError as err:
        print(f"factionline merge: {err}", file=sys.stderr)
        return 1
    except InvalidData as err:
        print("factionline merge: an input is not valid data:", file=sys.stderr)
        print(format_report(err.problems), file=sys.stderr)
        return 1
    print(report.text())
    return 0


def _run(args) -> int:
    import subprocess

    app = APP
    cmd = [sys.executable, "-m", "streamlit", "run", str(app), "--", "--data", args.data]
    return subprocess.call(cmd)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="factionline", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("validate", help="check a data directory and report every problem")
    p.add_argument("directory")
    p.set_defaults(func=_validate)
    p = sub.add_parser("synth", help="write a synthetic data directory of N events (for scale tests)")
    p.add_argument("--events", type=int, required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--csv", action="store_true", help="also write CSV tables beside the Parquet ones")
    p.set_defaults(func=_synth)
    from components.io.imports import FORMATS, labels

    p = sub.add_parser("import", help=f"convert {labels()} into a new data directory")
    p.add_argument("format", choices=list(FORMATS))
    p.add_argument("file")
    p.add_argument("--out", required=True, help="a new (or empty) directory to write")
    p.add_argument("--with", dest="base", default=str(bundled_data()),
                   help="the data directory whose crosswalk.csv and factions the import uses "
                        "(default: the bundled data)")
    p.set_defaults(func=_import)
    p = sub.add_parser("merge", help="combine data directories (e.g. the curated set and imports)")
    p.add_argument("directories", nargs="+")
    p.add_argument("--out", required=True)
    p.set_defaults(func=_merge)
    p = sub.add_parser("run", help="open the dashboard on a data directory")
    p.add_argument("--data", default=str(bundled_data()))
    p.set_defaults(func=_run)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
