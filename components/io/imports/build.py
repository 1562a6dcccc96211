"""Turn imported records into a Factionline data directory (the same contract as the curated data).

Provenance for imports: every record's text (ACLED notes, the GDELT record line, a TimelineJS
slide) is stored, one record per paragraph, in `articles/<prefix>-records-NNNN.txt`; that text
is the event's evidence, so the verbatim check holds and the event details can show the record
"in the article" it came from. Nothing is dropped silently: a record that cannot be imported is
listed with its line and reason in the report and in IMPORT.md.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from components.data.dates import order_by_date
from components.data.loader import read_table
from components.data.schema import MEASURES, OPTIONAL_COLUMNS, TABLES, as_parquet, slug, split_list
from components.io.crosswalk import FILE as CROSSWALK_FILE
from components.io.crosswalk import Crosswalk, Mapping

RECORDS_PER_ARTICLE = 2_000
# Colours for lanes an import adds (Paul Tol's muted scheme: distinct from the bundled Okabe–Ito set).
EXTRA_COLOURS = (
    "#332288",
    "#88CCEE",
    "#44AA99",
    "#117733",
    "#999933",
    "#DDCC77",
    "#CC6677",
    "#882255",
    "#AA4499",
    "#DDDDDD",
)


@dataclass(frozen=True)
class Format:
    """One import format: read by the CLI (names, help), the upload (extensions, detection, help) and
    the builder (converter). Each format module defines FORMAT; imports/__init__.py lists them."""

    name: str  # the CLI's word: factionline import NAME FILE
    label: str  # what a person calls the file ("an ACLED export CSV")
    provider: str  # who publishes such files (the import's outlet)
    provider_url: str
    extensions: tuple[str, ...]  # file endings the upload accepts for it
    detect: Callable[[str, str], bool]  # (lower-cased file name, first line of text) -> is it this format
    # (file name, the bytes or an open binary file, builder): add the records (lines_of / whole read them)
    convert: Callable[[str, object, Builder], None]
    becomes: str = ""  # one line for the docs: what the format's records become
    binary_extensions: tuple[str, ...] = ()  # endings of files that are not text (detected by name alone)
    # The format's own naming rules, for a name of its scheme the crosswalk does not know: simpler names to
    # try, most specific first, each with the rule that made it ("Hamas Government in Gaza" → "Hamas").
    candidates: Callable[[str], list[tuple[str, str]]] | None = None
    # Names of its scheme that are never a faction, with the rule that says so (ACLED's civilians).
    never_faction: Callable[[str], str] | None = None
    # The provider's terms for its data, in words: what a user of the data must say (About this data).
    terms: str = ""


class ImportFailed(ValueError):
    """The whole file cannot be imported (wrong format, wrong columns, unreadable)."""


@dataclass(frozen=True)
class Skipped:
    where: str  # "line 12" or "events[3]"
    reason: str


def decode(data: bytes, file: str) -> str:
    if b"\x00" in data[:65536]:
        raise ImportFailed(f"{file}: is a binary file, not text. Fix: export it as CSV, TSV or JSON.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise ImportFailed(
            f"{file}, line {line}: byte {data[err.start]:#04x} is not UTF-8. Fix: save the file as UTF-8."
        ) from None


def lines_of(data, file: str):
    """The file's lines, as text with their endings: from bytes in memory (an upload), or streamed from an
    open binary file (the command line, any size) and decoded line by line, so that a byte that is not
    UTF-8 is named at its line either way."""
    if isinstance(data, bytes):
        yield from decode(data, file).splitlines(keepends=True)
        return
    head = data.read(65536)
    if b"\x00" in head:
        raise ImportFailed(f"{file}: is a binary file, not text. Fix: export it as CSV, TSV or JSON.")
    data.seek(0)
    for number, raw in enumerate(data, start=1):
        try:
            yield raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as err:
            raise ImportFailed(
                f"{file}, line {number}: byte {raw[err.start]:#04x} is not UTF-8. Fix: save the file as UTF-8."
            ) from None


def whole(data) -> bytes:
    """The file's bytes (formats read whole: a table through pandas, a TimelineJS document)."""
    return data if isinstance(data, bytes) else data.read()


def csv_records(reader, b: Builder):
    """(where, record) for each record after the header; blank rows are reported, not yielded."""
    line = reader.line_num
    for record in reader:
        where = f"line {line + 1}"  # the line the record starts on (records may span lines)
        line = reader.line_num
        if any(cell.strip() for cell in record):
            yield where, record
        else:
            b.skip(where, "blank row")


def one_line(text: str) -> str:
    """Collapse white space (a record's paragraph may not contain a blank line)."""
    return re.sub(r"\s+", " ", text or "").strip()


@dataclass
class Base:
    """The data directory an import lands in: its factions, actors and crosswalk."""

    factions: dict[str, dict] = field(default_factory=dict)
    actors: dict[str, dict] = field(default_factory=dict)
    crosswalk: Crosswalk = field(default_factory=Crosswalk)

    def known_name(self, name: str) -> Mapping | None:
        """A faction's name, or an actor's name or alias, of the base (case and spacing ignored)."""
        return self._names().get(_key(name))

    def known_prefix(self, text: str) -> Mapping | None:
        """The longest known name that starts the text as whole words ("Hamas Government in Gaza")."""
        words = _key(text).split()
        for n in range(len(words) - 1, 0, -1):
            hit = self._names().get(" ".join(words[:n]))
            if hit:
                return hit
        return None

    def _names(self) -> dict[str, Mapping]:
        if "_names_cache" not in self.__dict__:
            names: dict[str, Mapping] = {}
            for f, r in self.factions.items():
                names.setdefault(_key(r.get("name", "")), Mapping("", (f,), f"faction name {r.get('name')!r}"))
            for a, r in self.actors.items():
                factions = tuple(split_list(r.get("faction_ids", "")))
                for n in [r.get("name", ""), *split_list(r.get("aliases", ""))]:
                    names.setdefault(_key(n), Mapping(a, factions, f"actor {a!r} ({n!r})"))
            names.pop("", None)
            self.__dict__["_names_cache"] = names
        return self.__dict__["_names_cache"]

    @classmethod
    def read(cls, directory: Path | None) -> Base:
        if directory is None:
            return cls()
        directory = Path(directory)

        def rows(name: str) -> list[dict]:  # read as the loader reads it (CSV or Parquet)
            table, problems = read_table(directory, name)
            if table is None:
                if os.path.exists(directory / f"{name}.csv") or os.path.exists(directory / f"{name}.parquet"):
                    raise ImportFailed(f"{name} of {directory.name} cannot be read: {problems[0]}")
                return []
            return table.frame.to_dict(orient="records")

        factions = {r["faction_id"]: r for r in rows("factions") if r.get("faction_id")}
        actors = {r["actor_id"]: r for r in rows("actors") if r.get("actor_id")}
        actor_factions = {a: tuple(split_list(r.get("faction_ids", ""))) for a, r in actors.items()}
        crosswalk = Crosswalk()
        if (directory / CROSSWALK_FILE).is_file():
            crosswalk = Crosswalk.read(directory / CROSSWALK_FILE, actor_factions, set(factions), set(actors))
        return cls(factions, actors, crosswalk)


SPILL_ROWS = 100_000  # events held in memory while streaming an import to disk (Builder(spill=…))


class Builder:
    def __init__(
        self,
        fmt: Format,
        source_file: str,
        sha256: str,
        base: Base,
        prefix: str | None = None,
        spill: Path | None = None,
    ):
        """spill: the output directory, written as the records are read (events in parts, article texts
        as each is complete), so that an import of any size holds SPILL_ROWS events at a time."""
        self.format, self.fmt, self.file, self.base = fmt, fmt.name, source_file, base
        self.prefix = prefix or fmt.name
        self.sha256 = sha256
        self.spill = Path(spill) if spill is not None else None
        self.n_events = 0  # events so far, spilled or held
        self.n_records = 0
        self.articles: list[dict] = []  # the record articles written so far (spill)
        self._parts: list[Path] = []  # the events written so far, in parts (spill)
        self._filled: set[str] = set()  # columns some spilled event has a value in
        self.title = ""
        self.factions: dict[str, dict] = {}
        self.actors: dict[str, dict] = {}
        self.sources: dict[str, dict] = {}
        self.event_types: dict[str, dict] = {}
        self.events: list[dict] = []
        self.skipped: list[Skipped] = []
        self.records: list[tuple[str, str, str]] = []  # (where, evidence, published: ISO date or "") in event order
        self.reached: dict[str, int] = {}  # faction -> events that reached it via the crosswalk
        self.names: dict[tuple[str, str], tuple[Mapping | None, str]] = {}  # (scheme, name) -> mapping, note
        self.name_actor: dict[tuple[str, str], str] = {}  # (scheme, name) -> actor id
        self.actor_events: dict[str, int] = {}  # actor id -> events naming it
        self._ids: set[str] = set()
        self._provider = self.source(fmt.provider, fmt.provider_url, kind="dataset")

    # --- building blocks -------------------------------------------------------------------------
    def faction(self, faction_id: str, name: str | None = None) -> str:
        if faction_id not in self.factions:
            row = self.base.factions.get(faction_id)
            if row is None:
                colour = EXTRA_COLOURS[
                    len([f for f in self.factions if f not in self.base.factions]) % len(EXTRA_COLOURS)
                ]
                row = {
                    "faction_id": faction_id,
                    "name": name or faction_id,
                    "kind": "",
                    "color": colour,
                    "description": f"Added by the {self.fmt} import of {self.file}.",
                }
            self.factions[faction_id] = {k: row.get(k, "") for k in TABLES["factions"].columns}
        return faction_id

    def actor(
        self, name: str, *, scheme: str, code: str = "", kind: str = "", role: str = "", own_lane: bool = False
    ) -> str:
        """The actor id for an outside actor, unified through the crosswalk when it maps it.

        own_lane: an actor the crosswalk does not map gets a faction lane of its own (TimelineJS groups).
        """
        mapping = self._reconcile(name, scheme, code)
        if mapping and mapping.actor_id and mapping.actor_id in self.base.actors:
            actor_id = mapping.actor_id
            self.name_actor[(scheme, one_line(name))] = actor_id
            if actor_id not in self.actors:
                row = self.base.actors[actor_id]
                self.actors[actor_id] = {k: row.get(k, "") for k in TABLES["actors"].columns}
                for f in split_list(row.get("faction_ids", "")):
                    self.faction(f.strip())
            return actor_id
        actor_id = f"{self.prefix}-{slug(code + ' ' + name if code else name)}"
        if actor_id not in self.actors:
            factions = mapping.faction_ids if mapping else ()
            if not factions and own_lane:
                factions = (self.faction(f"{self.prefix}-{slug(name)}", one_line(name)),)
            for f in factions:
                self.faction(f)
            aliases = [a for a in (code, name if name != _display(name) else "") if a]
            self.actors[actor_id] = {
                "actor_id": actor_id,
                "name": _display(name) or code,
                "kind": kind,
                "faction_ids": ";".join(factions),
                "role": role,
                "aliases": ";".join(dict.fromkeys(aliases)),
            }
        self.name_actor[(scheme, one_line(name))] = actor_id
        return actor_id

    def _reconcile(self, name: str, scheme: str, code: str) -> Mapping | None:
        """How an outside name maps onto the base's actors and factions (None: it does not), recorded
        with the rule that mapped it for the import report."""
        key = (scheme, one_line(name))
        if key in self.names:
            return self.names[key][0]
        cw = self.base.crosswalk
        # A name the crosswalk knows is the most specific (GDELT codes PSEREB but names it HAMAS).
        mapping = cw.lookup(scheme, name) or cw.lookup("name", name) or (cw.cameo(code) if code else None)
        if mapping is None:
            mapping = self.base.known_name(name)
        own = scheme == self.fmt  # a name in the format's own scheme: its naming rules apply
        never = self.format.never_faction(name) if own and self.format.never_faction else ""
        if mapping is None and own and self.format.candidates and not never:
            for candidate, rule in self.format.candidates(name):
                found = cw.lookup(scheme, candidate) or cw.lookup("name", candidate) or self.base.known_name(candidate)
                if found is None and rule.startswith("the part named after"):
                    found = self.base.known_prefix(candidate)  # "Hamas Government in Gaza" → Hamas
                if found:
                    mapping = Mapping(found.actor_id, found.faction_ids, f"{rule}: {candidate!r} → {found.via}")
                    break
        self.names[key] = (mapping, never)
        return mapping

    def source(self, name: str, url: str = "", kind: str = "") -> str:
        name = one_line(name)
        source_id = f"{self.prefix}-src-{slug(name)}"
        if source_id not in self.sources:
            self.sources[source_id] = {"source_id": source_id, "name": name, "kind": kind, "url": url}
        return source_id

    def event_type(self, type_id: str, label: str, cameo: str = "") -> str:
        if type_id not in self.event_types:
            self.event_types[type_id] = {"event_type": type_id, "label": label, "cameo_code": cameo}
        return type_id

    def skip(self, where: str, reason: str) -> None:
        self.skipped.append(Skipped(where, reason))

    def event(
        self,
        where: str,
        *,
        event_id: str,
        date: str,
        date_text: str,
        status: str,
        event_type: str,
        title: str,
        summary: str,
        location: str,
        actor_ids: list[str],
        evidence: str,
        reported_by: str = "",
        note: str = "",
        source_url: str = "",
        measures: dict[str, str] | None = None,
        published: str = "",
    ) -> None:
        """measures: the record's analytic fields (schema.MEASURES), kept as the source wrote them; published:
        the day the provider published the record (ISO), the date of the record's report — else the import's."""
        event_id = f"{self.prefix}-{slug(event_id, 80)}"
        if event_id in self._ids:
            base, n = event_id, 2
            while f"{base}-{n}" in self._ids:
                n += 1
            event_id = f"{base}-{n}"
            note = f"{note} The source id repeats an earlier record; this one was renamed {event_id}.".strip()
        self._ids.add(event_id)
        actor_ids = list(dict.fromkeys(actor_ids)) or [self.actor("Actor not named in the record", scheme="name")]
        for a in actor_ids:
            self.actor_events[a] = self.actor_events.get(a, 0) + 1
        for f in {f for a in actor_ids for f in split_list(self.actors[a]["faction_ids"])}:
            self.reached[f] = self.reached.get(f, 0) + 1
        evidence = one_line(evidence)
        article = f"{self.prefix}-records-{self.n_records // RECORDS_PER_ARTICLE + 1:04d}"
        self.records.append((where, evidence, published))
        self.n_records += 1
        self.n_events += 1
        self.events.append(
            {
                "event_id": event_id,
                "date": date,
                "date_text": one_line(date_text),
                "status": status,
                "event_type": event_type,
                "title": one_line(title)[:300] or "(untitled record)",
                "summary": summary.strip(),
                "location": one_line(location),
                "actor_ids": ";".join(actor_ids),
                "article_id": article,
                "evidence": evidence,
                "reported_by": reported_by,
                "note": one_line(note),
                "source_url": source_url,
                **{k: one_line(v) for k, v in (measures or {}).items() if k in MEASURES and v.strip()},
            }
        )
        if self.spill is not None:
            if len(self.records) == RECORDS_PER_ARTICLE:
                self._flush_records(self.spill)
            if len(self.events) >= SPILL_ROWS:
                self._spill_events()

    def _write_article(self, out: Path, k: int, chunk: list) -> None:
        """Records k, k+1 … as their article: its text file and its row (self.articles)."""
        article_id = f"{self.prefix}-records-{k // RECORDS_PER_ARTICLE + 1:04d}"
        text = "".join(f"[{where} of {self.file}]\n\n{evidence}\n\n" for where, evidence, _ in chunk)
        today = dt.date.today().isoformat()
        # The provider's own date where it gives one (the latest of the records'), else the import's
        published = max((p for _, _, p in chunk if p), default=today)
        (out / "articles").mkdir(parents=True, exist_ok=True)
        (out / "articles" / f"{article_id}.txt").write_text(text, encoding="utf-8")
        self.articles.append(
            {
                "article_id": article_id,
                "title": f"{self.file}: records {k + 1:,}–{k + len(chunk):,} as imported",
                "source_id": self._provider,
                "published_on": published,
                "url": "",
                "credit": f"{self.format.provider} file {self.file} (sha256 {self.sha256[:16]}…), "
                f"imported {today} by factionline import {self.fmt}",
                "path": f"articles/{article_id}.txt",
            }
        )

    def _flush_records(self, out: Path) -> None:
        """The held records (a streamed import's current article) written, and let go."""
        self._write_article(out, self.n_records - len(self.records), self.records)
        self.records = []

    def _spill_events(self) -> None:
        """The held events as one more part (Parquet, every column text), in the columns every event has."""
        columns = list(TABLES["events"].columns) + list(OPTIONAL_COLUMNS.get("events", ()))
        frame = pd.DataFrame(self.events, columns=columns, dtype=object).fillna("").astype("str")
        self._filled |= {c for c in OPTIONAL_COLUMNS.get("events", ()) if frame[c].ne("").any()}
        part = self.spill / ".events-parts" / f"{len(self._parts):05d}.parquet"
        part.parent.mkdir(parents=True, exist_ok=True)
        frame.to_parquet(part, index=False)
        self._parts.append(part)
        self.events = []

    # --- output ---------------------------------------------------------------------------------
    def write(self, out: Path) -> dict:
        """Write the data directory (refusing to overwrite a non-empty one) and IMPORT.md."""
        out = Path(out)
        if self.spill is not None:
            return self._finish(out)
        if out.exists() and any(out.iterdir()):
            raise ImportFailed(f"{out} is not empty. Fix: choose a new directory for the import.")
        (out / "articles").mkdir(parents=True, exist_ok=True)
        for k in range(0, len(self.records), RECORDS_PER_ARTICLE):
            self._write_article(out, k, self.records[k : k + RECORDS_PER_ARTICLE])
        write_tables(
            out,
            {
                "factions": list(self.factions.values()),
                "actors": list(self.actors.values()),
                "sources": list(self.sources.values()),
                "articles": self.articles,
                "event_types": list(self.event_types.values()),
                "events": self.events,
                "quotes": [],
            },
        )
        self._copy_crosswalk(out)
        (out / "IMPORT.md").write_text(self.report_text(), encoding="utf-8")
        return self.summary()

    def _finish(self, out: Path) -> dict:
        """A streamed import's last records and events, then its other tables: events.parquet joined from
        the parts batch by batch, in the records' order (the loader orders by date), with the optional
        columns some event has."""
        if self.records:
            self._flush_records(out)
        if self.events or not self._parts:
            self._spill_events()
        keep = list(TABLES["events"].columns) + [c for c in OPTIONAL_COLUMNS.get("events", ()) if c in self._filled]
        schema = pa.schema([(c, pa.string()) for c in keep])
        with pq.ParquetWriter(out / "events.parquet", schema) as writer:
            for part in self._parts:
                writer.write_table(pq.read_table(part, columns=keep).cast(schema))
        shutil.rmtree(out / ".events-parts", ignore_errors=True)
        write_tables(
            out,
            {
                "factions": list(self.factions.values()),
                "actors": list(self.actors.values()),
                "sources": list(self.sources.values()),
                "articles": self.articles,
                "event_types": list(self.event_types.values()),
                "quotes": [],
            },
            n_events=self.n_events,
        )
        self._copy_crosswalk(out)
        (out / "IMPORT.md").write_text(self.report_text(), encoding="utf-8")
        return self.summary()

    def _copy_crosswalk(self, out: Path) -> None:
        """Keep the crosswalk beside the import, so a merge unifies through the same mappings."""
        if len(self.base.crosswalk):
            rows = self.base.crosswalk.source_rows
            with (out / CROSSWALK_FILE).open("w", encoding="utf-8", newline="") as handle:
                writer = csv.DictWriter(
                    handle, fieldnames=["scheme", "value", "actor_id", "faction_ids", "note"], extrasaction="ignore"
                )
                writer.writeheader()
                writer.writerows(rows)

    def reconciliation(self) -> list[dict]:
        """Each outside name: its events, where it landed (actor, factions) and by which rule; the
        names without a faction first, most events first (what to map next)."""
        rows = []
        for (scheme, name), actor_id in self.name_actor.items():
            mapping, note = self.names.get((scheme, name), (None, ""))
            factions = split_list(self.actors.get(actor_id, {}).get("faction_ids", ""))
            if mapping is not None:
                via = mapping.via
            elif note:
                via = note
            elif factions:
                via = "its own lane (the file's group)"
            else:
                via = ""
            rows.append(
                {
                    "scheme": scheme,
                    "name": name,
                    "events": self.actor_events.get(actor_id, 0),
                    "actor_id": actor_id,
                    "factions": factions,
                    "rule": via,
                    "never": bool(note) and mapping is None,  # a format's rule says it is never a faction
                }
            )
        rows.sort(key=lambda r: (bool(r["factions"]), -r["events"], r["name"]))
        return rows

    def summary(self) -> dict:
        return {
            "format": self.fmt,
            "file": self.file,
            "events": self.n_events,
            "skipped": len(self.skipped),
            "actors": len(self.actors),
            "factions": len(self.factions),
            "reached": dict(sorted(self.reached.items(), key=lambda kv: -kv[1])),
            "names": self.reconciliation(),
        }

    def report_text(self) -> str:
        s = self.summary()
        lines = [
            f"# Import of {self.file} ({self.format.provider})",
            "",
            f"- file sha256: {self.sha256}",
            f"- records imported as events: {s['events']:,}",
            f"- records not imported: {s['skipped']:,}" + (" (listed below)" if s["skipped"] else ""),
            f"- actors: {s['actors']:,}; faction lanes: {s['factions']:,}",
        ]
        if self.title:
            lines.append(f"- timeline title: {self.title}")
        if s["reached"]:
            lines += ["", "Events per faction (through the crosswalk or the file's groups):", ""]
            lines += [f"- {self.factions.get(f, {}).get('name', f)} ({f}): {n:,}" for f, n in s["reached"].items()]
        lines += reconciliation_text(s["names"], self.factions)
        if self.skipped:
            lines += ["", "## Records not imported", "", "| where | reason |", "|---|---|"]
            lines += [f"| {k.where} | {k.reason.replace('|', '/')} |" for k in self.skipped]
        return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return str(text).replace("|", "/").replace("\n", " ")


def reconciliation_text(names: list[dict], factions: dict[str, dict]) -> list[str]:
    """The report's name reconciliation: unmapped names with counts and the crosswalk row that maps
    each, then the mapped names with the rule that mapped them."""
    unmapped = [r for r in names if not r["factions"]]
    mapped = [r for r in names if r["factions"]]
    lines = ["", "## Names reconciled", ""]
    lines.append(
        f"{len(names):,} actor names in the file: {len(mapped):,} in a faction lane, {len(unmapped):,} without "
        f"a faction ({sum(r['events'] for r in unmapped):,} event mentions)."
    )
    if unmapped:
        lines += [
            "",
            "### Without a faction",
            "",
            "To map a name, add its row to `crosswalk.csv` of the data directory you import into (fill in "
            "faction_ids, or actor_id to merge it into one of your actors) and import again.",
            "",
            "| name | events | why | crosswalk.csv row |",
            "|---|---:|---|---|",
        ]
        for r in unmapped:
            row = f'`{r["scheme"]},"{_cell(r["name"])}",,FACTION_ID,`' if not r.get("never") else "—"
            lines.append(f"| {_cell(r['name'])} | {r['events']:,} | {_cell(r['rule'] or 'no rule matched')} | {row} |")
    if mapped:
        lines += ["", "### Mapped", "", "| name | events | faction lanes | how |", "|---|---:|---|---|"]
        for r in mapped:
            lanes = ", ".join(factions.get(f, {}).get("name", f) for f in r["factions"])
            lines.append(f"| {_cell(r['name'])} | {r['events']:,} | {_cell(lanes)} | {_cell(r['rule'])} |")
    return lines


def write_tables(out: Path, tables: dict[str, list[dict]], n_events: int | None = None) -> None:
    """Each table in the contract's columns (plus any extra ones), all strings: CSV, or Parquet for the
    big tables from schema.PARQUET_FROM events (CSV stays easy to read and edit)."""
    n_events = len(tables["events"]) if n_events is None else n_events
    for name, rows in tables.items():
        columns = list(TABLES[name].columns) + list(OPTIONAL_COLUMNS.get(name, ()))
        extra = [c for r in rows[:1] for c in r if c not in columns and not c.startswith("_")]
        frame = pd.DataFrame(rows, columns=columns + extra, dtype=object).fillna("").astype("str")
        # An optional column is written when some row has a value (an ACLED import has fatalities,
        # a TimelineJS one does not).
        empty = [c for c in OPTIONAL_COLUMNS.get(name, ()) if not frame[c].ne("").any()]
        frame = frame.drop(columns=empty)
        if name == "events":  # date order, the model's: loading need not sort
            frame = frame.iloc[order_by_date(frame["date"])]
        if as_parquet(n_events, name):
            frame.to_parquet(out / f"{name}.parquet", index=False)
        else:
            frame.to_csv(out / f"{name}.csv", index=False)


def _key(name: str) -> str:
    """A name for matching: case, spacing, hyphens and apostrophes ignored ("Al-Aqsa" = "Al Aqsa")."""
    return " ".join(re.sub(r"[-'’`]", " ", str(name or "")).upper().split())


def _display(name: str) -> str:
    """GDELT writes names in capitals; show them in title case (the original is kept as an alias)."""
    name = one_line(name)
    return name.title() if name.isupper() and len(name) > 3 else name
