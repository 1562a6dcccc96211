"""The `factionline` command."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from components import progress
from components.data.problems import InvalidData, format_report
from components.paths import APP, bundled_data, streamlit_config


def _validate(args) -> int:
    from components.data.load import load
    from components.io.split import check_in_parts, events_in, needs_split

    try:
        if needs_split(Path(args.directory), args.part_rows):  # larger than memory: in parts, streamed
            c, warnings = check_in_parts(Path(args.directory), args.part_rows)
        else:
            with progress.phase("check", events_in(Path(args.directory))) as shown:
                dataset = load(args.directory)
                shown.advance(len(dataset.events))
            c, warnings = dataset.counts(), list(dataset.warnings)
    except InvalidData as err:
        print(f"{args.directory}: the data is not valid.", file=sys.stderr)
        print(format_report(err.problems), file=sys.stderr)
        return 1
    print(
        f"{args.directory}: valid — {c['events']:,} events, {c['actors']:,} actors, "
        f"{c['quotes']:,} quotes, {c['factions']:,} factions."
    )
    if warnings:  # checks of meaning: worth a look, not errors (the exit status stays 0)
        print(f"{len(warnings)} warning(s) to look at:")
        for w in warnings[:200]:
            print(f"- {w}")
        if len(warnings) > 200:
            print(f"- … and {len(warnings) - 200} more")
    return 0


def _synth(args) -> int:
    from components.io.synth import synthesize

    if args.part_size:
        from components.io.synth import synthesize_parts

        counts = synthesize_parts(args.events, args.out, args.part_size, seed=args.seed, reports=args.reports)
        print(f"{args.out}: wrote " + ", ".join(f"{v:,} {k}" for k, v in counts.items()) + " (Parquet), as parts;")
        print(f"ingest them as one dataset: factionline ingest {args.out}/part-* --out DATASET")
        return 0
    counts = synthesize(args.events, args.out, seed=args.seed, csv=args.csv, reports=args.reports)
    print(
        f"{args.out}: wrote "
        + ", ".join(f"{v:,} {k}" for k, v in counts.items())
        + (" (Parquet and CSV)." if args.csv else " (Parquet).")
    )
    return 0


def _iso_day(text: str) -> str:
    import datetime as dt

    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a day written YYYY-MM-DD") from None


def _import(args) -> int:
    from components.data.load import load
    from components.io.crosswalk import CrosswalkError
    from components.io.imports import ImportFailed, run_import

    try:
        b = run_import(
            args.format, Path(args.file), Path(args.out), Path(args.base) if args.base else None, args.accessed or ""
        )
    except (ImportFailed, CrosswalkError) as err:
        print(f"factionline import: {err}", file=sys.stderr)
        return 1
    s = b.summary()
    print(
        f"{args.out}: {s['events']:,} events from {s['file']}; {s['skipped']:,} records not imported"
        + (":" if s["skipped"] else ".")
    )
    for k in b.skipped[:50]:
        print(f"  {k.where}: {k.reason}")
    if len(b.skipped) > 50:
        print(f"  … and {len(b.skipped) - 50:,} more, all listed in {Path(args.out) / 'IMPORT.md'}")
    if s["reached"]:
        print("Events per faction: " + ", ".join(f"{f} {n:,}" for f, n in s["reached"].items()))
    try:
        from components.io.split import PART_ROWS, check_in_parts, needs_split

        if needs_split(Path(args.out), PART_ROWS):  # a large import is checked in parts, as validate does
            check_in_parts(Path(args.out), PART_ROWS)
        else:
            with progress.phase("check", s["events"]) as shown:
                shown.advance(len(load(args.out).events))
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
    import os

    # The hardened settings travel with the package: Streamlit reads .streamlit/config.toml only from
    # the working directory, so they are passed as flags (flags win over any other config file).
    cmd = [
        sys.executable,
        "-m",
        "components.ui.serve",  # Streamlit's command line, its guards installed first
        "run",
        str(APP),
        *streamlit_flags(),
        *args.streamlit,
        "--",
        *(["--data", args.data] if args.data else []),
        *(["--store", args.store] if args.store else []),
    ]
    os.execv(sys.executable, cmd)  # the server replaces this process: signals (a container's stop) reach it


def streamlit_flags() -> list[str]:
    import tomllib

    with open(streamlit_config(), "rb") as handle:
        config = tomllib.load(handle)
    flags = []

    def add(prefix: str, options: dict) -> None:
        for name, value in options.items():
            if isinstance(value, dict):  # a nested table: [theme.light]
                add(f"{prefix}.{name}", value)
                continue
            value = str(value).lower() if isinstance(value, bool) else value
            value = ",".join(value) if isinstance(value, list) else value
            if value != "":  # an empty list (e.g. no extra CORS origins) is the default already
                flags.append(f"--{prefix}.{name}={value}")

    for section, options in config.items():
        add(section, options)
    return flags


def _health(args) -> int:
    """For a container's health check: the server answers on its port (STREAMLIT_SERVER_PORT) and the
    data directory can be read. Exit 0 when healthy; otherwise 1 and one line saying why."""
    import os
    import urllib.request

    from components.data.loader import directory_problem, unreadable_table

    port = os.environ.get("STREAMLIT_SERVER_PORT") or "8501"
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=4) as reply:
            ok = reply.read() == b"ok"
    except OSError as err:
        print(f"unhealthy: no answer on port {port} ({err})", file=sys.stderr)
        return 1
    if not ok:
        print(f"unhealthy: the server on port {port} did not say ok", file=sys.stderr)
        return 1
    if not (args.data or os.environ.get("FACTIONLINE_DATA")):
        return _store_health()
    data = Path(args.data or os.environ.get("FACTIONLINE_DATA"))
    problem = directory_problem(data) or unreadable_table(data)
    if problem:
        print(f"unhealthy: {problem}", file=sys.stderr)
        return 1
    print("ok")
    return 0


def _store_health() -> int:
    """The configured store opens. A SQLite store that cannot be opened (a volume owned by root, a missing
    directory) is a broken container: unhealthy. A database server that is down is not fixed by a
    restart, and the server still shows viewers the last version it read: healthy, and says so."""
    import os

    from sqlalchemy import text
    from sqlalchemy.exc import SQLAlchemyError

    from components.store.db import StoreUnavailable, describe, open_store, store_url

    url = os.environ.get("FACTIONLINE_STORE") or _secrets_store_url() or store_url()
    if not _sqlite_exists(url):  # checked, never created here (the app creates it at its first start)
        from sqlalchemy.engine import make_url

        folder = Path(make_url(url).database).expanduser().parent
        while not folder.exists():
            folder = folder.parent
        if not (folder.is_dir() and os.access(folder, os.W_OK)):
            print(f"unhealthy: the store {describe(url)} cannot be opened (its folder cannot be made)", file=sys.stderr)
            return 1
        print("ok")  # the app makes the store at its first use; nothing to check yet, nothing made here
        return 0
    try:
        engine = open_store(url, migrate_now=False)
        with engine.begin() as connection:
            connection.execute(text("SELECT 1"))
            if connection.dialect.name == "sqlite":  # can it write there? (a read-only volume cannot)
                connection.execute(text("CREATE TEMP TABLE IF NOT EXISTS factionline_health (x INTEGER)"))
        engine.dispose()
    except (StoreUnavailable, SQLAlchemyError, OSError) as err:
        reason = str(getattr(err, "orig", None) or err).strip().splitlines()[0]
        if url.startswith("sqlite"):
            print(f"unhealthy: the store {describe(url)} cannot be opened ({reason})", file=sys.stderr)
            return 1
        print(f"ok (the store {describe(url)} cannot be reached: viewers see the last version read)")
        return 0
    print("ok")
    return 0


def _secrets_store_url() -> str | None:
    """The store the app opens from Streamlit's secrets ([connections.factionline]: `url`, or its parts),
    read from the same files Streamlit reads (the working directory's, then the user's)."""
    import tomllib

    from sqlalchemy.engine import URL

    for path in (Path.cwd() / ".streamlit" / "secrets.toml", Path.home() / ".streamlit" / "secrets.toml"):
        try:
            with path.open("rb") as handle:
                settings = tomllib.load(handle).get("connections", {}).get("factionline")
        except (OSError, tomllib.TOMLDecodeError):
            continue
        if not settings:
            continue
        if settings.get("url"):
            return str(settings["url"])
        driver = settings.get("dialect", "") + (f"+{settings['driver']}" if settings.get("driver") else "")
        return URL.create(
            driver,
            username=settings.get("username"),
            password=settings.get("password"),
            host=settings.get("host"),
            port=settings.get("port"),
            database=settings.get("database"),
        ).render_as_string(hide_password=False)
    return None


def _places(args) -> int:
    """Write places.csv for the locations of a data directory's events that have no coordinates."""
    from components.data.loader import read_directory
    from components.io.gazetteer import geocode, write

    directory = Path(args.directory)
    raw, problems = read_directory(directory)
    events = raw.tables.get("events")
    if events is None:
        print(f"{directory}: no readable events table ({problems[0] if problems else 'missing'})", file=sys.stderr)
        return 1
    frame = events.frame
    has_coords = frame["latitude"].str.strip().ne("") if "latitude" in frame.columns else False
    wanted = frame.loc[~has_coords if has_coords is not False else slice(None), "location"].str.strip()
    locations = sorted({v for v in wanted if v})
    rows, unmatched = geocode(locations)
    target = directory / "places.csv"
    if target.exists() and not args.force:
        print(f"{target} exists: pass --force to replace it", file=sys.stderr)
        return 1
    write(target, rows)
    print(f"{target}: {len(rows)} of {len(locations)} places found in the offline gazetteer")
    for location in unmatched:
        print(f"  not found: {location}")
    return 0


def _draft(args) -> int:
    """Propose events, quotes and actors from an article for a person to review (nothing is written)."""
    import datetime as dt
    import json

    from components.data.load import load
    from components.data.problems import InvalidData
    from components.drafting.draft import DraftError, draft, read_article, review_text
    from components.paths import bundled_data

    published = None
    if args.published:
        try:
            published = dt.date.fromisoformat(args.published)
        except ValueError:
            print(
                f"factionline draft: --published {args.published!r} is not a date: write YYYY-MM-DD.", file=sys.stderr
            )
            return 2
    try:
        text = read_article(Path(args.article))
        ds = load(Path(args.data) if args.data else bundled_data())
    except DraftError as err:
        print(f"factionline draft: {err}", file=sys.stderr)
        return 1
    except InvalidData as err:
        print(f"factionline draft: the data to match against is not valid:\n{err}", file=sys.stderr)
        return 1
    result = draft(text, published, args.outlet or "", ds)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
    else:
        print(review_text(result))
    return 0


def _ingest(args) -> int:
    from components.io.ingest import ingest

    try:
        manifest = ingest([Path(d) for d in args.directories], Path(args.out), part_rows=args.part_rows)
    except InvalidData as err:
        print(f"{', '.join(args.directories)}: the data is not valid; nothing was written.", file=sys.stderr)
        print(format_report(err.problems), file=sys.stderr)
        return 1
    except (FileExistsError, OSError) as err:
        print(f"factionline ingest: {err}", file=sys.stderr)
        return 1
    c = manifest["counts"]
    print(
        f"{args.out}: {c['events']:,} events, {c['actors']:,} actors, {c['quotes']:,} quotes validated once and "
        f"written as Parquet ({len(manifest['files']) + manifest.get('documents', 0):,} files, checksums in manifest.json"
        " and documents.tsv)."
    )
    return 0


def _cli_user():
    import getpass

    from components.store.roles import User

    try:
        who = getpass.getuser()
    except Exception:
        who = "unknown"
    return User(f"{who} (command line)", "admin")  # whoever can run it can open the database itself


def _open(args, must_exist: bool = False):
    """The store; None (and one line saying why) when it cannot be opened. must_exist: a command that only
    reads (export, versions) never creates a SQLite store at a mistyped path."""
    from components.store.db import StoreUnavailable, describe, open_store, store_url

    if must_exist and not _sqlite_exists(store_url(args.store)):
        print(
            f"factionline: there is no store at {describe(store_url(args.store))}. Fix: check the path "
            "(--store sqlite:///PATH or FACTIONLINE_STORE); `factionline store import DIR` creates one.",
            file=sys.stderr,
        )
        return None
    try:
        engine = open_store(args.store)
    except StoreUnavailable as err:
        print(f"factionline: {err}", file=sys.stderr)
        return None
    print(f"store: {describe(store_url(args.store))}", file=sys.stderr)
    return engine


def _sqlite_exists(url: str) -> bool:
    """False only for a SQLite store whose file is not there (any other store: asked when opened)."""
    from sqlalchemy.engine import make_url

    try:
        parsed = make_url(url)
    except Exception:
        return True  # open_store says what is wrong with it
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return True
    return Path(parsed.database).expanduser().is_file()


def _store_import(args) -> int:
    from components.data.inputs import InputRefused
    from components.store import versions, workcopy

    engine = _open(args)
    if engine is None:
        return 1
    user = _cli_user()
    message = args.message or f"Imported from {Path(args.directory).name}"
    published = []
    if versions.has_history(args.directory):  # an export with --history: its versions, numbers kept

        def then(c):
            published.append(versions.restore_in(c, user, Path(args.directory)))
    else:

        def then(c):
            published.append(versions.publish_in(c, user, message))

    try:  # the import and its versions are one transaction: all or nothing
        counts = workcopy.import_directory(engine, user, Path(args.directory), then=then)
        version = versions.get(engine, published[0])
    except InvalidData as err:
        print(f"{args.directory}: the data is not valid; nothing was imported.", file=sys.stderr)
        print(format_report(err.problems), file=sys.stderr)
        return 1
    except (workcopy.ImportRefused, versions.HistoryRefused, InputRefused, OSError) as err:
        print(f"factionline store import: {err}", file=sys.stderr)
        return 1
    print(
        f"Imported {args.directory}: "
        + ", ".join(f"{n:,} {t}" for t, n in counts.items())
        + (
            f". Restored versions 1–{version.version_id} from its history."
            if versions.has_history(args.directory)
            else f". Published as version {version.version_id}."
        )
    )
    return 0


def _store_publish(args) -> int:
    from components.store import versions

    engine = _open(args)
    if engine is None:
        return 1
    try:
        version = versions.publish(engine, _cli_user(), args.message)
    except InvalidData as err:
        print("The working copy is not valid; nothing was published.", file=sys.stderr)
        print(format_report(err.problems), file=sys.stderr)
        return 1
    print(f"Published version {version.version_id}: {version.summary()}.")
    return 0


def _store_versions(args) -> int:
    from components.store import versions

    engine = _open(args, must_exist=True)
    if engine is None:
        return 1
    listed = versions.listed(engine)
    if not listed:
        print("No version published yet: `factionline store import DIR` seeds the store.")
    for v in listed:
        print(f"{v.version_id:>5}  {v.created_at:%Y-%m-%d %H:%M}  {v.created_by}  {v.n_events:,} events  {v.message}")
        print(f"       {v.summary()}")
    return 0


def _export(args) -> int:
    from components.store import versions

    engine = _open(args, must_exist=True)
    if engine is None:
        return 1
    try:
        version, out = versions.export(engine, Path(args.out), args.version, history=args.history)
    except (LookupError, FileExistsError) as err:
        print(f"factionline export: {err}", file=sys.stderr)
        return 1
    print(f"{out}: version {version.version_id} ({version.n_events:,} events, {version.message!r}).")
    return 0


def _password(args) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    import getpass

    first = getpass.getpass("Password (at least 12 characters): ")
    if getpass.getpass("The same password again: ") != first:
        raise ValueError("The two passwords differ; nothing was changed.")
    return first


def _accounts(args) -> int:
    from components.store import accounts

    engine = _open(args)
    if engine is None:
        return 1
    try:
        if args.accounts_command == "add":
            user = accounts.add(engine, _cli_user(), args.name, args.role, _password(args))
            print(f"Added the account {user.name!r} ({user.role}).")
        elif args.accounts_command == "password":
            accounts.set_password(engine, _cli_user(), args.name, _password(args))
            print(f"Set a new password for {args.name!r}.")
        elif args.accounts_command == "disable":
            accounts.disable(engine, _cli_user(), args.name)
            print(f"Disabled the account {args.name!r}: its sessions end on their next step.")
        else:
            listed = accounts.listed(engine)
            if not listed:
                print("No accounts yet: `factionline accounts add NAME --role editor` adds one.")
            for a in listed:
                state = f"disabled {a['disabled_at']:%Y-%m-%d}" if a["disabled_at"] else "active"
                print(f"{a['display_name']}  {a['role']}  {state}")
    except (accounts.AccountRefused, ValueError) as err:
        print(f"factionline accounts: {err}", file=sys.stderr)
        return 1
    return 0


def _store_grant(args) -> int:
    from components.store.grants import grant

    engine = _open(args)
    if engine is None:
        return 1
    if engine.dialect.name != "postgresql":
        print("factionline store grant: grants are for a PostgreSQL store.", file=sys.stderr)
        return 1
    from sqlalchemy import text

    with engine.begin() as connection:
        if connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": args.role}).first() is None:
            print(
                f"factionline store grant: there is no database role {args.role!r}. Fix: create it first "
                f"(CREATE ROLE {args.role} LOGIN PASSWORD '…'), or check its spelling.",
                file=sys.stderr,
            )
            return 1
        grant(connection, args.role)
    print(
        f"{args.role} may now read and write the working tables; only read and add to the published versions "
        "and the audit log; only read the accounts."
    )
    return 0


def _store_migrate(args) -> int:
    if _open(args) is None:  # opening migrates
        return 1
    print("The store's schema is up to date.")
    return 0


def _shows_progress(p: argparse.ArgumentParser) -> None:
    """A command that can run for minutes: its progress on stderr (components/progress.py), or none."""
    p.add_argument("--quiet", action="store_true", help="show no progress on stderr (the result is printed as usual)")


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} events: give 1 or more")
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="factionline", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("draft", help="propose events, quotes and actors from an article, for a person to review")
    p.add_argument("article", help="a .txt, .md or .html file")
    p.add_argument("--published", help="the article's publication date, YYYY-MM-DD (relative dates need it)")
    p.add_argument("--outlet", help="the outlet that published it")
    p.add_argument("--data", help="the data directory to match actors and events against (default: bundled)")
    p.add_argument("--json", action="store_true", help="one JSON document (docs/drafting.md) instead of a list")
    p.set_defaults(func=_draft)
    from components.io.split import PART_ROWS

    p = sub.add_parser("validate", help="check a data directory and report every problem")
    p.add_argument("directory")
    p.add_argument(
        "--part-rows",
        type=_positive,
        default=PART_ROWS,
        help=f"events checked at a time when the directory is larger (default {PART_ROWS:,})",
    )
    _shows_progress(p)
    p.set_defaults(func=_validate)
    p = sub.add_parser("synth", help="write a synthetic data directory of N events (for scale tests)")
    p.add_argument("--events", type=_positive, required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--csv", action="store_true", help="also write CSV tables beside the Parquet ones")
    p.add_argument(
        "--reports", type=float, default=0.0, help="share of events with one further report (0.3: 1.3 per event)"
    )
    p.add_argument(
        "--part-size",
        type=_positive,
        help="stream: write parts of this many events (out/part-000 …), two at a time; for data beyond memory",
    )
    _shows_progress(p)
    p.set_defaults(func=_synth)
    from components.io.imports import FORMATS, labels

    p = sub.add_parser("import", help=f"convert {labels()} into a new data directory")
    p.add_argument("format", choices=list(FORMATS))
    p.add_argument("file")
    p.add_argument("--out", required=True, help="a new (or empty) directory to write")
    p.add_argument(
        "--with",
        dest="base",
        default=str(bundled_data()),
        help="the data directory whose crosswalk.csv and factions the import uses (default: the bundled data)",
    )
    p.add_argument(
        "--accessed",
        type=_iso_day,
        default=None,
        help="the day the data were taken from their provider, YYYY-MM-DD, for the licence's attribution "
        "(default: the file's own date)",
    )
    _shows_progress(p)
    p.set_defaults(func=_import)
    p = sub.add_parser("merge", help="combine data directories (e.g. the curated set and imports)")
    p.add_argument("directories", nargs="+")
    p.add_argument("--out", required=True)
    _shows_progress(p)
    p.set_defaults(func=_merge)
    p = sub.add_parser("places", help="write places.csv (coordinates of the events' places) from an offline gazetteer")
    p.add_argument("directory")
    p.add_argument("--force", action="store_true", help="replace an existing places.csv")
    p.set_defaults(func=_places)
    store_help = "the store's URL (default: FACTIONLINE_STORE, else a SQLite file in the user's data directory)"
    p = sub.add_parser(
        "store", help="the curation workspace's database: import a data directory, publish, list versions"
    )
    store = p.add_subparsers(dest="store_command", required=True)
    q = store.add_parser(
        "import",
        help="seed an empty store from a data directory and publish it as version 1 "
        "(or as its versions, when it was exported with --history)",
    )
    q.add_argument("directory")
    q.add_argument("--store", help=store_help)
    q.add_argument("--message", help="the version's message (default: 'Imported from DIR')")
    q.set_defaults(func=_store_import)
    q = store.add_parser("publish", help="validate the working copy and publish it as the next version")
    q.add_argument("--store", help=store_help)
    q.add_argument("--message", required=True)
    q.set_defaults(func=_store_publish)
    q = store.add_parser("versions", help="list the published versions, newest first")
    q.add_argument("--store", help=store_help)
    q.set_defaults(func=_store_versions)
    q = store.add_parser("migrate", help="bring the store's schema up to date (run as the tables' owner)")
    q.add_argument("--store", help=store_help)
    q.set_defaults(func=_store_migrate)
    q = store.add_parser("grant", help="PostgreSQL: let the app's role work, but only read and add to the audit log")
    q.add_argument("role", help="the role the app connects as (not the tables' owner)")
    q.add_argument("--store", help=store_help + " (connect as the tables' owner)")
    q.set_defaults(func=_store_grant)
    p = sub.add_parser("accounts", help="people's own accounts: add, list, reset a password, disable")
    accounts_sub = p.add_subparsers(dest="accounts_command", required=True)
    for name, text in (
        ("add", "add an account"),
        ("password", "set a new password for an account"),
        ("disable", "disable an account (its sessions end)"),
        ("list", "list the accounts"),
    ):
        q = accounts_sub.add_parser(name, help=text)
        if name != "list":
            q.add_argument("name", help="the account's name, as shown on its changes")
        if name == "add":
            q.add_argument("--role", required=True, choices=("viewer", "editor", "admin"))
        if name in ("add", "password"):
            q.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
        q.add_argument("--store", help=store_help)
        q.set_defaults(func=_accounts)
    p = sub.add_parser("export", help="write a published version of the store as a data directory")
    p.add_argument("--store", help=store_help)
    p.add_argument("--version", type=int, help="the version (default: the latest)")
    p.add_argument("--out", required=True, help="a new (or empty) directory to write")
    p.add_argument(
        "--history",
        action="store_true",
        help="also write the versions before it (history/); `store import` of the directory keeps them",
    )
    p.set_defaults(func=_export)
    p = sub.add_parser(
        "ingest", help="validate data directories once and write them as one dataset (Parquet with a manifest)"
    )
    p.add_argument("directories", nargs="+", help="one data directory, or several (e.g. synth parts) joined as one")
    p.add_argument("--out", required=True, help="a new (or empty) directory: the dataset")
    p.add_argument(
        "--part-rows",
        type=_positive,
        default=PART_ROWS,
        help=f"events checked at a time (default {PART_ROWS:,}; about 3 KB of memory each): a larger table is "
        "streamed in parts of this many, so memory follows this setting, not the input's size",
    )
    _shows_progress(p)
    p.set_defaults(func=_ingest)
    p = sub.add_parser("run", help="open the dashboard: on the store (default) or on a data directory")
    p.add_argument("--data", help="a data directory to show read-only, instead of the store")
    p.add_argument("--store", help=store_help)
    p.add_argument("streamlit", nargs="*", help="further Streamlit options, after --, e.g. -- --server.port 8502")
    p.set_defaults(func=_run)
    p = sub.add_parser(
        "health", help="exit 0 when the server answers and its data directory can be read (a container's health check)"
    )
    p.add_argument("--data", help="the data directory (default: FACTIONLINE_DATA; none: the store)")
    p.set_defaults(func=_health)
    args = parser.parse_args(argv)
    problem = _out_problem(getattr(args, "out", None))
    if problem:
        print(f"factionline {args.command}: {problem}", file=sys.stderr)
        return 1
    return _run_command(args)


def _out_problem(out: str | None) -> str | None:
    """Why --out cannot be written (checked before any work), or None."""
    if not out:
        return None
    path = Path(out)
    if path.exists() and not path.is_dir():
        return f"{path} exists and is a file. Give a new folder, or an empty one, for --out."
    ancestor = path if path.exists() else next((a for a in path.parents if a.exists()), Path("."))
    if not ancestor.is_dir() or not os.access(ancestor, os.W_OK | os.X_OK):
        return f"{path}: cannot be written here ({ancestor} is not a folder this user may write). Choose another --out."
    return None


def _run_command(args) -> int:
    """The command, with every expected failure as one line (never a traceback; FACTIONLINE_DEBUG=1 shows one)."""
    from sqlalchemy.exc import SQLAlchemyError

    from components.store.db import failure

    name = f"factionline {args.command}"
    try:
        with progress.reporting(progress.for_command(args.command, args.quiet) if hasattr(args, "quiet") else None):
            result = args.func(args)
        sys.stdout.flush()  # here, not at exit: a closed pipe is then caught below
        return result
    except BrokenPipeError:  # `factionline store versions | head`: the reader has what it wanted
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 (Python flushes stdout at exit)
        return 0
    except KeyboardInterrupt:
        print(f"{name}: interrupted; nothing half-written is kept.", file=sys.stderr)
        return 130
    except SQLAlchemyError as err:
        print(f"{name}: {failure(err)}", file=sys.stderr)
        return 1
    except OSError as err:
        where = f"{err.filename}: " if err.filename else ""
        print(f"{name}: {where}{err.strerror or err}", file=sys.stderr)
        return 1
    except EOFError:  # a password asked of a closed or empty input
        print(f"{name}: the input ended before anything was typed; nothing was changed.", file=sys.stderr)
        return 1
    except OverflowError as err:  # a count or a date beyond what can be represented
        print(f"{name}: a number is too large ({err}). Fix: give a smaller one.", file=sys.stderr)
        return 1
    except MemoryError:
        print(
            f"{name}: ran out of memory. Try a smaller input (or, for large tables, `factionline ingest`).",
            file=sys.stderr,
        )
        return 1
    except Exception as err:
        if os.environ.get("FACTIONLINE_DEBUG"):
            raise
        print(
            f"{name}: an unexpected error ({type(err).__name__}: {err}). Please report it; "
            "FACTIONLINE_DEBUG=1 shows where it happened.",
            file=sys.stderr,
        )
        return 2


if __name__ == "__main__":
    sys.exit(main())
