"""Turn imported records into a Factionline data directory (the same contract as the curated data).

Provenance for imports: every record's text (ACLED notes, the GDELT record line, a TimelineJS
slide) is stored, one record per paragraph, in `articles/<prefix>-records-<day>-NNNN.txt`: the records
the provider published that day (ACLED's timestamp, GDELT's DATEADDED), so that each record's report
carries its own date ("via ACLED, 12 Jun 2024"); a format without dates writes
`<prefix>-records-NNNN.txt`. That text is the event's evidence, so the verbatim check holds and the event
details can show the record "in the article" it came from. Nothing is dropped silently: a record that
cannot be imported is listed with its line and reason in the report and in IMPORT.md. LICENSE.md gives
the provider's terms and the day the data were accessed.
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

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from components.data.dates import parse_column
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


def _binary(head: bytes) -> bool:
    """A file that is not text: NUL bytes with what text does not hold (bytes that are not UTF-8, many NULs,
    other control bytes). A lone NUL in a cell of a text file is named at its cell by the one rule of
    data/controls.py, as validate and the upload name it."""
    if b"\x00" not in head:
        return False
    try:
        head.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        return err.start < len(head) - 3  # a character cut at the end of the head is still text
    controls = {b for b in head if b < 32 and b not in (9, 10, 13)}
    return len(controls) > 1 or head.count(b"\x00") > max(2, len(head) // 100)


def decode(data: bytes, file: str) -> str:
    if _binary(data[:65536]):
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
    if _binary(head):
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
    sources: dict[str, dict] = field(default_factory=dict)  # its outlets: an imported outlet of one name is one

    def known_outlet(self, name: str) -> dict | None:
        """The base's outlet of this name or id (case, spaces and punctuation ignored: "Al-Jazeera" is
        "Al Jazeera" is aljazeera), or None."""
        if "_outlets_cache" not in self.__dict__:
            outlets: dict[str, dict] = {}
            for source_id, row in self.sources.items():
                for key in (outlet_key(row.get("name", "")), outlet_key(source_id)):
                    outlets.setdefault(key, row)
            outlets.pop("", None)
            self.__dict__["_outlets_cache"] = outlets
        return self.__dict__["_outlets_cache"].get(outlet_key(name))

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
        sources = {r["source_id"]: r for r in rows("sources") if r.get("source_id")}
        actor_factions = {a: tuple(split_list(r.get("faction_ids", ""))) for a, r in actors.items()}
        crosswalk = Crosswalk()
        if (directory / CROSSWALK_FILE).is_file():
            crosswalk = Crosswalk.read(directory / CROSSWALK_FILE, actor_factions, set(factions), set(actors))
        return cls(factions, actors, crosswalk, sources)


SPILL_ROWS = 100_000  # events held in memory while streaming an import to disk (Builder(spill=…))
MERGE_ROWS = 20_000  # rows read at a time from each sorted part when the parts are merged in date order
ORDER_KEY = "_order"  # a spilled part's date order, one integer per event (date_keys)


def date_keys(dates: pd.Series) -> np.ndarray:
    """Each EDTF date's place in the model's order (first day, then last day; unreadable last) as one
    integer: days are offset by 2**22 (year 1 to 9999 fit in 23 bits), the first day shifted above the last."""
    parsed = parse_column(dates)
    off, top = 1 << 22, (1 << 23) - 1

    def days(a):
        return np.where(np.isnat(a), top, a.astype("datetime64[D]").astype(np.int64) + off)

    return (days(parsed.rows("start")) << 23) | days(parsed.rows("end"))


def merged_in_order(parts: list[Path], columns: list[str]):
    """Arrow tables of the rows of sorted parts (each with its ORDER_KEY), in order: a batch of each part is
    held, and every held row up to the smallest of the parts' last held keys is written (those rows can be
    followed only by larger ones); memory follows the number of parts times MERGE_ROWS."""
    readers = [pq.ParquetFile(p).iter_batches(batch_size=MERGE_ROWS, columns=[*columns, ORDER_KEY]) for p in parts]
    held: list = [None] * len(parts)

    def refill(i: int) -> None:
        batch = next(readers[i], None)
        held[i] = pa.Table.from_batches([batch]) if batch is not None and batch.num_rows else None

    for i in range(len(parts)):
        refill(i)
    while any(h is not None for h in held):
        live = [i for i, h in enumerate(held) if h is not None]
        bound = min(held[i][ORDER_KEY][-1].as_py() for i in live)
        chunks = []
        for i in live:
            keys = held[i][ORDER_KEY].to_numpy()
            n = int(np.searchsorted(keys, bound, "right"))
            chunks.append(held[i].slice(0, n))
            held[i] = held[i].slice(n)
            if not held[i].num_rows:
                refill(i)
        table = pa.concat_tables(chunks)
        order = np.argsort(table[ORDER_KEY].to_numpy(), kind="stable")
        yield table.take(pa.array(order)).select(columns)


class Builder:
    def __init__(
        self,
        fmt: Format,
        source_file: str,
        sha256: str,
        base: Base,
        prefix: str | None = None,
        spill: Path | None = None,
        accessed: str = "",
    ):
        """spill: the output directory, written as the records are read (events in parts, article texts
        as they come), so that an import of any size holds SPILL_ROWS events at a time. accessed: the day
        the data were taken from their provider (ISO; the licence says it), default today."""
        self.format, self.fmt, self.file, self.base = fmt, fmt.name, source_file, base
        self.prefix = prefix or fmt.name
        self.sha256 = sha256
        self.spill = Path(spill) if spill is not None else None
        self.n_events = 0  # events so far, spilled or held
        self.n_records = 0
        self.accessed = accessed or dt.date.today().isoformat()
        self.articles: list[dict] = []  # the record articles' rows (written with the tables)
        # Record articles: one per day the provider published its records (ACLED's timestamp, GDELT's
        # DATEADDED), RECORDS_PER_ARTICLE records each, so that a record's report carries its own date.
        self._per_day: dict[str, int] = {}  # published day ("" undated) -> records so far
        self._article_of: dict[str, dict] = {}  # article id -> day, part, records, first record number
        self._parts: list[Path] = []  # the events written so far, in parts (spill)
        self._filled: set[str] = set()  # columns some spilled event has a value in
        self.title = ""
        self.factions: dict[str, dict] = {}
        self.actors: dict[str, dict] = {}
        self.sources: dict[str, dict] = {}
        self.event_types: dict[str, dict] = {}
        self.events: list[dict] = []
        self.skipped: list[Skipped] = []
        self.records: dict[str, list[tuple[str, str]]] = {}  # article id -> (where, evidence) not yet written
        self._held = 0  # records held in self.records
        self.reached: dict[str, int] = {}  # faction -> events that reached it via the crosswalk
        self.names: dict[tuple[str, str], tuple[Mapping | None, str]] = {}  # (scheme, name) -> mapping, note
        self.name_actor: dict[tuple[str, str], str] = {}  # (scheme, name) -> actor id
        self.actor_events: dict[str, int] = {}  # actor id -> events naming it
        self._ids: set[str] = set()
        self._outlet_of: dict[tuple[str, str], str] = {}  # (name as given, kind) -> source id
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
        """The outlet's id: the base's own outlet of that name (one Al Jazeera, whoever cites it), else a new
        one of the import's."""
        if (name, kind) in self._outlet_of:  # the same few outlets, named again on every record
            return self._outlet_of[(name, kind)]
        asked, name = (name, kind), one_line(name)
        known = self.base.known_outlet(name) if kind != "dataset" else None
        if known is not None:
            self.sources.setdefault(known["source_id"], {k: known.get(k, "") for k in TABLES["sources"].columns})
            source_id = known["source_id"]
        else:
            source_id = f"{self.prefix}-src-{slug(name)}"
            if source_id not in self.sources:
                self.sources[source_id] = {"source_id": source_id, "name": name, "kind": kind, "url": url}
        self._outlet_of[asked] = source_id
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
        side_a: list[str] = (),
        side_b: list[str] = (),
        direction: str = "",
        actor_roles: list[tuple[str, str]] = (),
    ) -> None:
        """measures: the record's analytic fields (schema.MEASURES), kept as the source wrote them; published:
        the day the provider published the record (ISO), the date of the record's report — else the import's.
        side_a, side_b: the record's sides (actor ids; data-model.md, "Sides"), direction "directed" when the
        source says side A acted on side B, else "undirected"; actor_roles: (the source's role, its name) of
        each actor, as the source words them (ACLED's actor1, assoc_actor_1 …; GDELT's Actor1, Actor2)."""
        event_id = f"{self.prefix}-{slug(event_id, 80)}"
        if event_id in self._ids:
            base, n = event_id, 2
            while f"{base}-{n}" in self._ids:
                n += 1
            event_id = f"{base}-{n}"
            note = f"{note} The source id repeats an earlier record; this one was renamed {event_id}.".strip()
        self._ids.add(event_id)
        side_a, side_b = list(dict.fromkeys(side_a)), list(dict.fromkeys(side_b))
        actor_ids = list(dict.fromkeys([*actor_ids, *side_a, *side_b])) or [
            self.actor("Actor not named in the record", scheme="name")
        ]
        direction = (direction or "undirected") if side_a or side_b else ""
        for a in actor_ids:
            self.actor_events[a] = self.actor_events.get(a, 0) + 1
        for f in {f for a in actor_ids for f in split_list(self.actors[a]["faction_ids"])}:
            self.reached[f] = self.reached.get(f, 0) + 1
        evidence = one_line(evidence)
        article = self._article_for(published)
        self.records.setdefault(article, []).append((where, evidence))
        self._held += 1
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
                "side_a": ";".join(side_a),
                "side_b": ";".join(side_b),
                "direction": direction,
                "actor_roles": "; ".join(f"{role}: {one_line(name)}" for role, name in actor_roles if name.strip()),
                **{k: one_line(v) for k, v in (measures or {}).items() if k in MEASURES and v.strip()},
            }
        )
        if self.spill is not None:
            if self._held >= RECORDS_PER_ARTICLE:
                self._flush_records(self.spill)
            if len(self.events) >= SPILL_ROWS:
                self._spill_events()

    def _article_for(self, published: str) -> str:
        """The record article of the next record published that day: RECORDS_PER_ARTICLE records each."""
        day = published or ""
        k = self._per_day.get(day, 0)
        self._per_day[day] = k + 1
        part = k // RECORDS_PER_ARTICLE + 1
        article_id = f"{self.prefix}-records-{day + '-' if day else ''}{part:04d}"
        if article_id not in self._article_of:
            self._article_of[article_id] = {"day": day, "part": part, "records": 0}
        self._article_of[article_id]["records"] += 1
        return article_id

    def _flush_records(self, out: Path) -> None:
        """The held records appended to their articles' texts, and let go (a streamed import holds at most
        RECORDS_PER_ARTICLE of them)."""
        (out / "articles").mkdir(parents=True, exist_ok=True)
        for article_id, chunk in self.records.items():
            with (out / "articles" / f"{article_id}.txt").open("a", encoding="utf-8") as handle:
                handle.write("".join(f"[{where} of {self.file}]\n\n{evidence}\n\n" for where, evidence in chunk))
        self.records, self._held = {}, 0

    def _article_rows(self) -> list[dict]:
        """Each record article's row: published the day its records were (else the day of the import)."""
        today = dt.date.today().isoformat()
        rows = []
        for article_id, a in self._article_of.items():
            records = f"{a['records']:,} record{'' if a['records'] == 1 else 's'}"
            what = f"{records} published {a['day']}" if a["day"] else records
            rows.append(
                {
                    "article_id": article_id,
                    "title": f"{self.file}: {what} as imported" + (f" (part {a['part']})" if a["part"] > 1 else ""),
                    "source_id": self._provider,
                    "published_on": a["day"] or today,
                    "url": "",
                    "credit": f"{self.format.provider} file {self.file} (sha256 {self.sha256[:16]}…), "
                    f"imported {today} by factionline import {self.fmt}",
                    "path": f"articles/{article_id}.txt",
                }
            )
        return rows

    def _spill_events(self) -> None:
        """The held events as one more part (Parquet, every column text), in the columns every event has,
        in date order with their order keys (_finish merges the parts in date order)."""
        columns = list(TABLES["events"].columns) + list(OPTIONAL_COLUMNS.get("events", ()))
        frame = pd.DataFrame(self.events, columns=columns, dtype=object).fillna("").astype("str")
        self._filled |= {c for c in OPTIONAL_COLUMNS.get("events", ()) if frame[c].ne("").any()}
        keys = date_keys(frame["date"])
        order = np.argsort(keys, kind="stable")
        frame = frame.iloc[order].assign(**{ORDER_KEY: keys[order]})
        part = self.spill / ".events-parts" / f"{len(self._parts):05d}.parquet"
        part.parent.mkdir(parents=True, exist_ok=True)
        frame.to_parquet(part, index=False)
        self._parts.append(part)
        self.events = []

    # --- output ---------------------------------------------------------------------------------
    def write(self, out: Path) -> dict:
        """Write the data directory (refusing to overwrite a non-empty one), IMPORT.md and LICENSE.md."""
        out = Path(out)
        if self.spill is not None:
            return self._finish(out)
        if out.exists() and any(out.iterdir()):
            raise ImportFailed(f"{out} is not empty. Fix: choose a new directory for the import.")
        (out / "articles").mkdir(parents=True, exist_ok=True)
        self._flush_records(out)
        self._write_rest(out, {"events": self.events}, self.n_events)
        return self.summary()

    def _finish(self, out: Path) -> dict:
        """A streamed import's last records and events, then its tables: the events of every part in date
        order (each part is sorted; they are merged a batch at a time), with the optional columns some event
        has — as CSV below schema.PARQUET_FROM events, as events.parquet from it."""
        self._flush_records(out)
        if self.events or not self._parts:
            self._spill_events()
        keep = list(TABLES["events"].columns) + [c for c in OPTIONAL_COLUMNS.get("events", ()) if c in self._filled]
        if not as_parquet(self.n_events, "events"):  # small enough to sort in memory and write as CSV
            frames = [pd.read_parquet(part, columns=[*keep, ORDER_KEY]) for part in self._parts]
            frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=keep)
            frame = frame.iloc[np.argsort(frame[ORDER_KEY].to_numpy(), kind="stable")][keep]
            events = {"events": frame}
        else:
            schema = pa.schema([(c, pa.string()) for c in keep])
            with pq.ParquetWriter(out / "events.parquet", schema) as writer:
                for batch in merged_in_order(self._parts, keep):
                    writer.write_table(batch.cast(schema))
            events = {}
        shutil.rmtree(out / ".events-parts", ignore_errors=True)
        self._write_rest(out, events, self.n_events)
        return self.summary()

    def _write_rest(self, out: Path, events: dict, n_events: int) -> None:
        write_tables(
            out,
            {
                "factions": list(self.factions.values()),
                "actors": list(self.actors.values()),
                "sources": list(self.sources.values()),
                "articles": self._article_rows(),
                "event_types": list(self.event_types.values()),
                **events,
                "quotes": [],
            },
            n_events=n_events,
        )
        self._copy_crosswalk(out)
        (out / "IMPORT.md").write_text(self.report_text(), encoding="utf-8")
        (out / "LICENSE.md").write_text(self.licence_text(), encoding="utf-8")

    def licence_text(self) -> str:
        """LICENSE.md of the import: whose data it is, under which terms, and when it was accessed (ACLED's
        attribution asks for the date)."""
        f = self.format
        lines = [
            "# Licence",
            "",
            f"The events, actors and record texts imported from `{self.file}` (sha256 {self.sha256[:16]}…) are "
            f"{f.provider}'s"
            + (f" ({f.provider_url})" if f.provider_url else "")
            + f"; imported by `factionline import {self.fmt}` on {dt.date.today().isoformat()}.",
            "",
            f"Accessed: {self.accessed}.",
            "",
            f.terms or f"The data belong to {f.provider}: use them under its terms, and credit it.",
        ]
        return "\n".join(lines) + "\n"

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
    """Each table in the contract's columns (plus any extra ones), all strings, events in date order (the
    model's: loading need not sort): CSV, or Parquet for the big tables from schema.PARQUET_FROM events (CSV
    stays easy to read and edit). A table's rows are dicts, or a DataFrame."""
    n_events = len(tables["events"]) if n_events is None else n_events
    for name, rows in tables.items():
        columns = list(TABLES[name].columns) + list(OPTIONAL_COLUMNS.get(name, ()))
        if isinstance(rows, pd.DataFrame):  # a streamed import's events, already in date order
            rows = rows.reset_index(drop=True)
            extra = [c for c in rows.columns if c not in columns and not c.startswith("_")]
            frame = rows.reindex(columns=columns + extra, fill_value="").fillna("").astype("str")
        else:
            extra = [c for r in rows[:1] for c in r if c not in columns and not c.startswith("_")]
            frame = pd.DataFrame(rows, columns=columns + extra, dtype=object).fillna("").astype("str")
        # An optional column is written when some row has a value (an ACLED import has fatalities,
        # a TimelineJS one does not).
        empty = [c for c in OPTIONAL_COLUMNS.get(name, ()) if not frame[c].ne("").any()]
        frame = frame.drop(columns=empty)
        if name == "events":  # date order, the model's: loading need not sort
            frame = frame.iloc[np.argsort(date_keys(frame["date"]), kind="stable")]
        if as_parquet(n_events, name):
            frame.to_parquet(out / f"{name}.parquet", index=False)
        else:
            frame.to_csv(out / f"{name}.csv", index=False)


def outlet_key(name: str) -> str:
    """An outlet's name for matching across inputs: letters and digits only, case and a leading "the" ignored
    ("Al-Jazeera", "Al Jazeera" and aljazeera are one outlet; "The Guardian" is "Guardian")."""
    plain = slug(str(name or ""), 200).replace("-", " ")
    plain = plain[4:] if plain.startswith("the ") else plain
    return plain.replace(" ", "")


def _key(name: str) -> str:
    """A name for matching: case, spacing, hyphens and apostrophes ignored ("Al-Aqsa" = "Al Aqsa")."""
    return " ".join(re.sub(r"[-'’`]", " ", str(name or "")).upper().split())


def _display(name: str) -> str:
    """GDELT writes names in capitals; show them in title case (the original is kept as an alias)."""
    name = one_line(name)
    return name.title() if name.isupper() and len(name) > 3 else name
