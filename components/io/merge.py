"""`factionline merge DIR... --out DIR`: one data directory from several (the curated set plus imports).

- The first directory keeps its ids (links to it keep working); events, quotes and articles of the
  others are namespaced `<name>:<id>` and their article files copied under articles/<name>/.
- Factions, actors, outlets and event types are unified by id (imports made with the crosswalk
  already use the curated ids); actors of later directories that the crosswalk maps (by name or
  CAMEO code) are merged into the mapped actor. A clash (one id, two different names) keeps the
  first and is reported.
- Likely duplicates — events of different inputs on the same date, sharing a faction lane, with
  similar titles, the same event type or the same place — are reported. A *confident* one (the same
  date, event type and actors, and a similar title or the same place: another account of one event, like
  a meeting announced as planned and then reported as held) is attached to the earlier input's event as a
  report (reports.csv); its quotes and reports follow, and superseded.csv points its old id to the event
  that replaces it, so links to it keep working. The unsure pairs are listed in duplicates.csv for a
  person to decide; both of those events are kept.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from components import progress
from components.data.load import load
from components.data.loader import read_directory
from components.data.schema import LIST_SEPARATOR, TABLES, slug, split_list
from components.data.similarity import content_words, similar_titles
from components.io.crosswalk import FILE as CROSSWALK_FILE
from components.io.crosswalk import Crosswalk
from components.io.imports.build import outlet_key, write_tables


class MergeError(ValueError):
    pass


@dataclass
class MergeReport:
    inputs: list[tuple[str, Path, int]] = field(default_factory=list)  # (namespace, dir, events)
    clashes: list[str] = field(default_factory=list)
    attached: list[str] = field(default_factory=list)  # "old → event" for confident duplicates
    unified: list[str] = field(default_factory=list)
    duplicates: pd.DataFrame = field(default_factory=pd.DataFrame)
    events: int = 0
    out: Path | None = None

    def text(self) -> str:
        lines = [f"{self.out}: {self.events:,} events from {len(self.inputs)} directories."]
        lines += [f"  {ns or '(ids kept)'}: {d} ({n:,} events)" for ns, d, n in self.inputs]
        if self.unified:
            lines.append(f"Actors merged through the crosswalk ({len(self.unified)}):")
            lines += [f"  {u}" for u in self.unified[:30]]
        if self.clashes:
            lines.append(f"Clashes (the first definition kept) ({len(self.clashes)}):")
            lines += [f"  {c}" for c in self.clashes[:30]]
        if self.attached:
            lines.append(f"Attached as further reports of an earlier input's event ({len(self.attached)}):")
            lines += [f"  {a}" for a in self.attached[:30]]
        n = len(self.duplicates)
        lines.append(
            f"Unsure duplicates: {n:,} pair(s)"
            + (" — listed in duplicates.csv for a person to decide; both events kept." if n else ".")
        )
        for r in self.duplicates.head(20).itertuples():
            lines.append(f"  {r.date}: {r.event_a} ~ {r.event_b} ({r.why})")
        return "\n".join(lines)


def _namespaces(dirs: list[Path]) -> list[str]:
    names, seen = [], set()
    for i, d in enumerate(dirs):
        if i == 0:
            names.append("")
            continue
        base = slug(d.resolve().name, 30)
        name, n = base, 2
        while name in seen:
            name, n = f"{base}{n}", n + 1
        seen.add(name)
        names.append(name)
    return names


def merge(dirs: list[Path], out: Path) -> MergeReport:
    if len(dirs) < 2:
        raise MergeError("give at least two data directories to merge.")
    if out.exists() and any(out.iterdir()):
        raise MergeError(f"{out} is not empty. Fix: choose a new directory for the merge.")
    if any(out.resolve() == d.resolve() for d in dirs):
        raise MergeError("the output directory is one of the inputs. Fix: choose a new directory.")
    # raises InvalidData, naming file, row and column
    datasets = [load(d) for d in progress.track(dirs, "check", unit="directories")]
    raws = [read_directory(d)[0] for d in dirs]
    report = MergeReport(out=out)
    crosswalk = _crosswalk(dirs[0], raws[0])
    tables: dict[str, dict[str, dict]] = {t: {} for t in ("factions", "actors", "sources", "event_types")}
    events, quotes, articles, reports, superseded = [], [], [], [], []
    (out / "articles").mkdir(parents=True, exist_ok=True)
    for ns, d, raw, ds in progress.track(
        zip(_namespaces(dirs), dirs, raws, datasets), "combine", len(dirs), "directories"
    ):
        report.inputs.append((ns, d, len(ds.events)))
        tag = (lambda i, ns=ns: f"{ns}:{i}") if ns else (lambda i: i)
        outlet_map = _outlet_map(raw, tables["sources"], report) if ns else {}  # one Al Jazeera, not two
        for name in tables:
            key = TABLES[name].key
            for row in raw.tables[name].frame.to_dict(orient="records"):
                if name != "sources" or row[key] not in outlet_map:
                    _unify(tables[name], row, key, name, d, report)
        actor_map = _actor_map(raw, crosswalk, tables["actors"], report) if ns else {}
        for row in raw.tables["articles"].frame.to_dict(orient="records"):
            src = (d / row["path"]).resolve()
            rel = Path("articles") / ns / row["path"] if ns else Path(row["path"])
            (out / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, out / rel)
            articles.append(
                {**_outlets_in(row, outlet_map), "article_id": tag(row["article_id"]), "path": rel.as_posix()}
            )
        for row in raw.tables["events"].frame.to_dict(orient="records"):
            events.append(
                {
                    **_outlets_in(row, outlet_map),
                    "event_id": tag(row["event_id"]),
                    "article_id": tag(row["article_id"]),
                    **_actors_in(row, actor_map),
                    "_input": ns or d.name,
                }
            )
        for row in raw.tables["quotes"].frame.to_dict(orient="records"):
            quotes.append(
                {
                    **_outlets_in(row, outlet_map),
                    "quote_id": tag(row["quote_id"]),
                    "article_id": tag(row["article_id"]),
                    "event_id": tag(row["event_id"]) if row["event_id"].strip() else "",
                    "speaker_id": actor_map.get(row["speaker_id"], row["speaker_id"]),
                }
            )
        for name, rows in (("reports", reports), ("superseded", superseded)):
            if name in raw.tables:
                for row in raw.tables[name].frame.to_dict(orient="records"):
                    ids = ("report_id", "event_id", "article_id") if name == "reports" else ("event_id", "replaced_by")
                    rows.append({**_outlets_in(row, outlet_map), **{c: tag(row[c]) for c in ids}})
    optional = _optional_tables(raws, _namespaces(dirs), tables["actors"])
    if (dirs[0] / CROSSWALK_FILE).is_file():  # the curated set's crosswalk travels with it
        shutil.copyfile(dirs[0] / CROSSWALK_FILE, out / CROSSWALK_FILE)
    event_frame = pd.DataFrame(events)
    pairs = likely_duplicates(event_frame, tables["actors"])
    confident = pairs["confident"].astype(bool).to_numpy()  # (an empty object column would select columns)
    event_frame = _attach(event_frame, pairs[confident], reports, quotes, superseded, report)
    report.duplicates = pairs[~confident].drop(columns="confident")
    if "stories" in optional:  # a step on an event merged into another follows it; a step with no event goes
        replaced = {r["event_id"]: r["replaced_by"] for r in superseded}
        kept = set(event_frame["event_id"])
        steps = [{**r, "event_id": replaced.get(r["event_id"], r["event_id"])} for r in optional["stories"]]
        optional["stories"] = [r for r in steps if r["event_id"] in kept]
    report.events = len(event_frame)
    write_tables(
        out,
        {
            **{k: list(v.values()) for k, v in tables.items()},
            "articles": articles,
            "events": event_frame.drop(columns="_input").to_dict(orient="records"),
            "quotes": quotes,
            **({"reports": reports} if reports else {}),
            **({"superseded": superseded} if superseded else {}),
            **optional,
        },
    )
    if len(report.duplicates):
        report.duplicates.to_csv(out / "duplicates.csv", index=False)
    (out / "MERGE.md").write_text("# Merge\n\n```\n" + report.text() + "\n```\n", encoding="utf-8")
    (out / "LICENSE.md").write_text(licence_of(report, raws), encoding="utf-8")
    (out / "CURATION.md").write_text(curation_of(report), encoding="utf-8")
    with progress.phase("check", report.events):
        load(out)  # the result must validate like any data directory
    return report


def _inputs(report: MergeReport) -> list[tuple[str, Path, int, str]]:
    """(namespace, directory, events, how its rows' ids read) of each input."""
    return [(ns, d, n, f"ids `{ns}:…`" if ns else "ids as they were") for ns, d, n in report.inputs]


def _body(text: str) -> str:
    """A note's text under a heading of the merged note: its title dropped, its headings one level down."""
    lines = text.strip().splitlines()
    if lines and lines[0].startswith("# "):
        lines = lines[1:]
    return "\n".join("#" + line if line.startswith("#") else line for line in lines).strip()


def _provider_terms(raw) -> str:
    """The terms of the datasets an input was imported from (its outlets of kind "dataset"), for an input
    with no LICENSE.md of its own (an import made before imports wrote one)."""
    from components.io.imports import FORMATS

    terms = {f.provider.lower(): f for f in FORMATS.values() if f.terms}
    sources = raw.tables["sources"].frame
    found = [
        terms[str(name).strip().lower()]
        for name, kind in zip(sources["name"], sources.get("kind", [""] * len(sources)))
        if str(kind).strip() == "dataset" and str(name).strip().lower() in terms
    ]
    return "\n\n".join(f"{f.provider}: {f.terms} (The access date is not recorded: add it.)" for f in found)


def licence_of(report: MergeReport, raws) -> str:
    """LICENSE.md of a merged directory: each input's terms for its own rows (never one licence over all)."""
    lines = [
        "# Licence",
        "",
        f"This directory was merged by `factionline merge` on {dt.date.today().isoformat()} from "
        f"{len(report.inputs)} inputs. Each row keeps the terms of the input it came from; the rows of a later "
        "input have ids beginning with its name (events, quotes, reports and articles).",
    ]
    for (ns, d, n, ids), raw in zip(_inputs(report), raws):
        own = d / "LICENSE.md"
        text = _body(own.read_text(encoding="utf-8")) if own.is_file() else _provider_terms(raw)
        lines += ["", f"## The rows of {ns or d.name} ({n:,} events, {ids})", ""]
        lines.append(text or "No licence came with this input: ask whoever provided it before reusing its rows.")
    return "\n".join(lines) + "\n"


def curation_of(report: MergeReport) -> str:
    """CURATION.md of a merged directory: every input, what it holds and how it was made, with its own note
    (each about its own rows), and what the merge did."""
    lines = [
        "# Curation note",
        "",
        f"This directory merges {len(report.inputs)} inputs (`factionline merge`, {dt.date.today().isoformat()}), "
        "each described below with its own note, which speaks of its own rows only:",
        "",
    ]
    sections = []
    for ns, d, n, ids in _inputs(report):
        name = ns or d.name
        imported = (d / "IMPORT.md").is_file()
        head = (d / "IMPORT.md").read_text(encoding="utf-8").splitlines()[0].lstrip("# ") if imported else ""
        how = f"imported: {head}" if imported else "curated (its note below)"
        lines.append(f"- {name}: {n:,} events, {ids}; {how}.")
        if (d / "CURATION.md").is_file():
            sections += [
                "",
                f"## {name}: its own note (about its {n:,} events)",
                "",
                _body((d / "CURATION.md").read_text(encoding="utf-8")),
            ]
        elif imported:
            summary = [x for x in (d / "IMPORT.md").read_text(encoding="utf-8").splitlines()[1:] if x.startswith("- ")]
            sections += ["", f"## {name}: how it was imported", "", *summary]
    lines += [
        "",
        f"The merge attached {len(report.attached):,} events as further reports of an earlier input's event, "
        f"left {len(report.duplicates):,} unsure pairs of likely duplicates for a person to decide "
        "(duplicates.csv), and unified actors and outlets named alike across inputs "
        f"({len(report.unified):,}; MERGE.md lists them).",
    ]
    return "\n".join(lines + sections) + "\n"


REPORT_OF_EVENT = ("article_id", "evidence", "date", "date_text", "status", "reported_by", "chain", "credibility")


def _attach(
    events: pd.DataFrame, pairs: pd.DataFrame, reports: list, quotes: list, superseded: list, report
) -> pd.DataFrame:
    """Turn each confident duplicate (the later input's event) into a report of the earlier one."""
    into: dict[str, str] = {}
    for a, b, why in zip(pairs["event_a"], pairs["event_b"], pairs["why"]):
        keep, old = into.get(a, a), b
        if old in into or keep == old:
            continue
        into[old] = keep
        report.attached.append(f"{old} → {keep} ({why})")
    if not into:
        return events
    gone = events[events["event_id"].isin(list(into))]
    for row in gone.to_dict(orient="records"):
        target = into[row["event_id"]]
        reports.append(
            {
                "report_id": row["event_id"],
                "event_id": target,
                **{c: row.get(c, "") for c in REPORT_OF_EVENT},
                "note": f"Reported as “{row['title']}” ({row['event_id']}); attached by factionline merge.",
            }
        )
        superseded.append(
            {"event_id": row["event_id"], "replaced_by": target, "note": "another report of the same event (merge)"}
        )
    for row in reports:
        row["event_id"] = into.get(row["event_id"], row["event_id"])
    for row in quotes:
        row["event_id"] = into.get(row["event_id"], row["event_id"])
    for row in superseded:
        row["replaced_by"] = into.get(row["replaced_by"], row["replaced_by"])
    return events[~events["event_id"].isin(list(into))].reset_index(drop=True)


def _optional_tables(raws, namespaces, actors: dict) -> dict[str, list[dict]]:
    """The optional tables (places, roles, stories) of every input: places by name (the first input's row
    wins), roles and stories with a later input's ids namespaced (actor ids are shared across inputs, as in
    actors.csv; a story's events are namespaced as the events are)."""
    out: dict[str, list[dict]] = {}
    places: dict[str, dict] = {}
    roles: list[dict] = []
    stories: list[dict] = []
    for ns, raw in zip(namespaces, raws):
        if "places" in raw.tables:
            for row in raw.tables["places"].frame.to_dict(orient="records"):
                places.setdefault(row["place"], row)
        if "roles" in raw.tables:
            for row in raw.tables["roles"].frame.to_dict(orient="records"):
                roles.append({**row, "role_id": f"{ns}:{row['role_id']}" if ns else row["role_id"]})
        if "stories" in raw.tables:
            for row in raw.tables["stories"].frame.to_dict(orient="records"):
                ids = {c: (f"{ns}:{row[c]}" if ns else row[c]) for c in ("step_id", "story_id", "event_id") if c in row}
                stories.append({**row, **ids})
    if stories:
        out["stories"] = stories
    if places:
        out["places"] = list(places.values())
    if roles:
        out["roles"] = [r for r in roles if r["actor_id"] in actors]
    return out


def _outlet_map(raw, known: dict[str, dict], report: MergeReport) -> dict[str, str]:
    """Outlets of a later input that are an earlier input's outlet under another id (the same name, case,
    spaces and punctuation ignored: ACLED's "Al Jazeera" is the curated aljazeera), mapped to that id."""
    keys: dict[str, str] = {}
    for source_id, row in known.items():
        for key in (outlet_key(row.get("name", "")), outlet_key(source_id)):
            keys.setdefault(key, source_id)
    keys.pop("", None)
    mapping = {}
    for row in raw.tables["sources"].frame.to_dict(orient="records"):
        if str(row.get("kind", "")).strip() == "dataset":
            continue  # a dataset (ACLED) is its provider, not an outlet that reported
        found = keys.get(outlet_key(row["name"]))
        if found and found != row["source_id"]:
            mapping[row["source_id"]] = found
            report.unified.append(f"outlet {row['source_id']} → {found} (the same name)")
    return mapping


def _outlets_in(row: dict, outlets: dict[str, str]) -> dict:
    """A row with its outlet ids (source_id, reported_by, and those an attribution chain names) mapped."""
    if not outlets:
        return row
    out = dict(row)
    for column in ("source_id", "reported_by"):
        if column in out:
            out[column] = outlets.get(out[column], out[column])
    if str(out.get("chain", "")).strip():
        from components.data import chains

        out["chain"] = chains.rename(out["chain"], outlets)
    return out


def _actors_in(row: dict, actors: dict[str, str]) -> dict:
    """An event's actor lists (actor_ids and its sides) with the actors merged through the crosswalk."""
    out = {}
    for column in ("actor_ids", "side_a", "side_b"):
        if column in row:
            ids = [actors.get(a, a) for a in split_list(row[column])]
            out[column] = LIST_SEPARATOR.join(dict.fromkeys(ids))
    return out


def _crosswalk(first: Path, raw) -> Crosswalk:
    if not (first / CROSSWALK_FILE).is_file():
        return Crosswalk()
    actors = raw.tables["actors"].frame
    factions = dict(zip(actors["actor_id"], (tuple(split_list(s)) for s in actors["faction_ids"])))
    return Crosswalk.read(first / CROSSWALK_FILE, factions)


def _unify(table: dict[str, dict], row: dict, key: str, name: str, d: Path, report: MergeReport) -> None:
    rid = row[key]
    if rid not in table:
        table[rid] = row
    elif table[rid].get("name", table[rid].get("label")) != row.get("name", row.get("label")):
        report.clashes.append(
            f"{name} {rid!r}: {d} calls it {row.get('name', row.get('label'))!r}, kept "
            f"{table[rid].get('name', table[rid].get('label'))!r}"
        )


def _actor_map(raw, crosswalk: Crosswalk, actors: dict[str, dict], report: MergeReport) -> dict[str, str]:
    """Actors of a later input that the crosswalk maps onto an actor of the merged set."""
    mapping = {}
    for row in raw.tables["actors"].frame.to_dict(orient="records"):
        names = [row["name"]] + split_list(row.get("aliases", ""))
        hit = next(
            (
                m
                for n in names
                for m in (
                    crosswalk.lookup("acled", n),
                    crosswalk.lookup("name", n),
                    crosswalk.cameo(n) if re.fullmatch(r"[A-Z]{3,}", n.strip()) else None,
                )
                if m and m.actor_id
            ),
            None,
        )
        if hit and hit.actor_id in actors and hit.actor_id != row["actor_id"]:
            mapping[row["actor_id"]] = hit.actor_id
            report.unified.append(f"{row['actor_id']} → {hit.actor_id} ({hit.via})")
    return mapping


def likely_duplicates(events: pd.DataFrame, actors: dict[str, dict]) -> pd.DataFrame:
    """Pairs of events from different inputs: same date, a shared faction, and similar titles, the same
    event type or the same place."""
    factions = {a: set(split_list(r.get("faction_ids", ""))) for a, r in actors.items()}
    rows = []
    for date, group in progress.track(
        events.groupby("date", sort=True), "duplicates", events["date"].nunique(), "days"
    ):
        if group["_input"].nunique() < 2 or len(group) > 500:
            continue  # a day with hundreds of machine-coded events is compared by nobody
        recs = group.to_dict(orient="records")
        for i, a in enumerate(recs):
            fa = set().union(*(factions.get(x, set()) for x in split_list(a["actor_ids"])))
            wa = _words(a)
            for b in recs[i + 1 :]:
                if a["_input"] == b["_input"]:
                    continue
                fb = set().union(*(factions.get(x, set()) for x in split_list(b["actor_ids"])))
                if not fa & fb:
                    continue
                wb = _words(b)
                shared = sorted(wa & wb)
                similar = similar_titles(wa, wb)
                place = a["location"].strip().lower()
                reasons = [
                    f"titles share {', '.join(shared)}" if similar else "",
                    "same event type" if a["event_type"] == b["event_type"] else "",
                    f"both in {a['location']}" if place and place == b["location"].strip().lower() else "",
                ]
                if any(reasons):
                    why = f"same day, lanes {', '.join(sorted(fa & fb))}, " + ", ".join(r for r in reasons if r)
                    same_actors = set(split_list(a["actor_ids"])) == set(split_list(b["actor_ids"]))
                    confident = same_actors and bool(reasons[1]) and bool(reasons[0] or reasons[2])
                    rows.append(
                        {
                            "date": date,
                            "event_a": a["event_id"],
                            "event_b": b["event_id"],
                            "title_a": a["title"],
                            "title_b": b["title"],
                            "why": why,
                            "confident": confident,
                        }
                    )
    return pd.DataFrame(rows, columns=["date", "event_a", "event_b", "title_a", "title_b", "why", "confident"])


def _words(event: dict) -> set[str]:
    """Content words of an event's title and place (what two reports of one event would share)."""
    return content_words(f"{event['title']} {event['location']}")
