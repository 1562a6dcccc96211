"""The crosswalk: outside actor names and codes (ACLED, CAMEO/GDELT, TimelineJS groups) → our actors
and factions, so imported events land in the same faction lanes as the curated ones.

crosswalk.csv columns: scheme, value, actor_id, faction_ids, note.
- scheme: `acled` (ACLED actor names), `cameo` (CAMEO/GDELT actor codes), `name` (any other name:
  GDELT actor names, TimelineJS groups). Matching ignores case and surrounding spaces.
- actor_id: one of the data directory's actors to merge into (optional).
- faction_ids: ';'-separated factions the outside actor belongs to (optional; defaults to the
  factions of actor_id).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from components.data.schema import split_list

SCHEMES = ("acled", "cameo", "name")
COLUMNS = ("scheme", "value", "actor_id", "faction_ids", "note")
FILE = "crosswalk.csv"


@dataclass(frozen=True)
class Mapping:
    actor_id: str  # "" when the outside actor stays its own actor
    faction_ids: tuple[str, ...]
    via: str  # what matched, e.g. "cameo HMS"


class CrosswalkError(ValueError):
    pass


class Crosswalk:
    def __init__(self, rows: list[dict] | None = None, actor_factions: dict[str, tuple[str, ...]] | None = None):
        self.actor_factions = actor_factions or {}
        self._table: dict[tuple[str, str], Mapping] = {}
        self.source_rows = list(rows or [])
        for row in rows or []:
            scheme, value = row["scheme"].strip().lower(), row["value"].strip()
            actor_id = row.get("actor_id", "").strip()
            factions = tuple(split_list(row.get("faction_ids", "")))
            if not factions and actor_id:
                factions = self.actor_factions.get(actor_id, ())
            self._table[(scheme, value.upper())] = Mapping(actor_id, factions, f"{scheme} {value}")

    def __len__(self) -> int:
        return len(self._table)

    @classmethod
    def read(
        cls,
        path: Path,
        actor_factions: dict[str, tuple[str, ...]] | None = None,
        known_factions: set[str] | None = None,
        known_actors: set[str] | None = None,
    ) -> Crosswalk:
        """Read and check crosswalk.csv; CrosswalkError names the line and the fix."""
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as err:
            raise CrosswalkError(f"{path.name}: cannot be read as UTF-8 text ({err}).") from None
        reader = csv.DictReader(io.StringIO(text))
        missing = [c for c in ("scheme", "value") if c not in (reader.fieldnames or [])]
        if missing:
            raise CrosswalkError(
                f"{path.name}, line 1: the header lacks {', '.join(missing)}. "
                f"Fix: use the columns {', '.join(COLUMNS)}."
            )
        rows = []
        for line, row in enumerate(reader, start=2):
            row = {k: (v or "") for k, v in row.items() if k}
            if row["scheme"].strip().lower() not in SCHEMES:
                raise CrosswalkError(
                    f"{path.name}, line {line}, column scheme: {row['scheme']!r} is not one of {', '.join(SCHEMES)}."
                )
            if not row["value"].strip():
                raise CrosswalkError(f"{path.name}, line {line}, column value: the value is blank.")
            for faction in split_list(row.get("faction_ids", "")):
                if known_factions is not None and faction not in known_factions:
                    raise CrosswalkError(
                        f"{path.name}, line {line}, column faction_ids: {faction!r} is not a "
                        "faction of the data directory. Fix: add it to factions.csv or "
                        "correct the id."
                    )
            actor = row.get("actor_id", "").strip()
            if actor and known_actors is not None and actor not in known_actors:
                raise CrosswalkError(
                    f"{path.name}, line {line}, column actor_id: {actor!r} is not an actor of "
                    "the data directory. Fix: add it to actors.csv or leave it blank."
                )
            rows.append(row)
        return cls(rows, actor_factions)

    def lookup(self, scheme: str, value: str) -> Mapping | None:
        value = value.strip()
        if not value:
            return None
        return self._table.get((scheme, value.upper()))

    def cameo(self, code: str) -> Mapping | None:
        """A CAMEO actor code: the whole code first (PSEGOV), then a known-group part of it (HMS in
        PSEREBHMS), then its longest mapped prefix (ISR in ISRMIL). Codes are built of 3-letter parts."""
        code = code.strip().upper()
        if not code:
            return None
        whole = self.lookup("cameo", code)
        if whole:
            return whole
        parts = [code[i : i + 3] for i in range(3, len(code), 3)]
        for part in reversed(parts):  # the most specific part comes last
            found = self.lookup("cameo", part)
            if found:
                return found
        for end in range(len(code) - 3, 2, -3):
            found = self.lookup("cameo", code[:end])
            if found:
                return found
        return None


# --- ACLED's naming conventions ------------------------------------------------------------------
# ACLED names actors by rules (https://acleddata.com/knowledge-base/ ... "actor names"): state forces as
# "Military Forces of Israel (2022-)" (the years of a government), a regime's part as "Government of
# Palestine (2007-) Hamas Government in Gaza", groups as "PIJ: Palestinian Islamic Jihad", civilians as
# "Civilians (Palestine)". Each rule below turns such a name into simpler names to look up, most
# specific first; the first that matches the crosswalk or a faction/actor name of the data wins.
_YEARS = re.compile(r"\s*\((?:\d{4})?\s*-\s*(?:\d{4})?\)\s*")
_STATE = re.compile(
    r"^(?:Military|Police|Government|Navy|Air Force|Prison Guards|Intelligence)\s+(?:Forces\s+)?of\s+(.+)$", re.I
)
_ABBR = re.compile(r"^([A-Z][A-Za-z0-9\-\.]{1,11}):\s*(.+)$")
_CIVILIANS = re.compile(r"^(?:Civilians|Protesters|Rioters|Labor Group|Refugees/IDPs)\s*\((.+)\)$", re.I)
_GENERIC_END = re.compile(r"\s+(?:Movement|Brigades?|Group|Militia|Party)$", re.I)


def acled_candidates(name: str) -> list[tuple[str, str]]:
    """(simpler name, the rule that produced it) for an ACLED actor name, most specific first.

    "Civilians (Palestine)" gives no candidate: civilians, protesters and rioters are not factions,
    whatever their country.
    """
    name = " ".join(name.split())
    out: list[tuple[str, str]] = []

    def add(value: str, rule: str):
        value = value.strip(" ,;-")
        if value and value.upper() not in {v.upper() for v, _ in out} and value.upper() != name.upper():
            out.append((value, rule))

    if _CIVILIANS.match(name):
        return []
    m = _YEARS.search(name)
    if m:
        before, after = name[: m.start()].strip(), name[m.end() :].strip()
        if after:  # "Government of Palestine (2007-) Hamas Government in Gaza": the part named after the years
            add(after, "the part named after ACLED's years")
        add(before, "ACLED's years removed")
        name_wo_years = before
    else:
        name_wo_years = name
    m = _ABBR.match(name_wo_years)
    if m:
        add(m.group(2), "ACLED's 'ABBR: Name' → the name")
        add(m.group(1), "ACLED's 'ABBR: Name' → the abbreviation")
    m = _GENERIC_END.search(name_wo_years)
    if m:
        add(name_wo_years[: m.start()], f"'{m.group(0).strip()}' removed")
    m = _STATE.match(name_wo_years)
    if m:
        add(m.group(1), "state forces → their country")
    return out


def is_civilians(name: str) -> bool:
    return bool(_CIVILIANS.match(" ".join(name.split())))
