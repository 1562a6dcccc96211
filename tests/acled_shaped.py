"""An ACLED-shaped export written here, not downloaded: ACLED's 31 columns, its actor-naming conventions
("PIJ: Palestinian Islamic Jihad", "Military Forces of Israel (2022-)", "Government of Palestine (2007-)
Hamas Government in Gaza", "Civilians (Palestine)"), time and geo precision 1–3, fatalities, and the
density of a real conflict export (dozens of same-day events). Notes are invented sentences.

    python -m tests.acled_shaped 3000 out.csv
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import sys

from components.io.imports.acled import COLUMNS

ACTORS = [  # (name, inter code, weight)
    ("Military Forces of Israel (2022-)", "State forces", 40),
    ("Hamas Movement", "Rebel group", 14),
    ("PIJ: Palestinian Islamic Jihad", "Rebel group", 8),
    ("Al Aqsa Martyrs Brigade", "Rebel group", 3),
    ("PFLP: Popular Front for the Liberation of Palestine", "Rebel group", 2),
    ("DFLP: Democratic Front for the Liberation of Palestine", "Rebel group", 1),
    ("Government of Palestine (2007-) Hamas Government in Gaza", "State forces", 2),
    ("Police Forces of Palestine (2007-) Gaza Strip", "State forces", 2),
    ("Civilians (Palestine)", "Civilians", 20),
    ("Protesters (Palestine)", "Protesters", 4),
    ("Unidentified Armed Group (Palestine)", "Political militia", 3),
]
PLACES = [  # (location, admin1, admin2, lat, lon)
    ("Gaza City", "Gaza Strip", "Gaza City", 31.5017, 34.4668),
    ("Jabalia", "Gaza Strip", "North Gaza", 31.5281, 34.4831),
    ("Beit Lahia", "Gaza Strip", "North Gaza", 31.5500, 34.5000),
    ("Deir al Balah", "Gaza Strip", "Deir El Balah", 31.4181, 34.3517),
    ("Nuseirat Camp", "Gaza Strip", "Deir El Balah", 31.4486, 34.3925),
    ("Khan Younis", "Gaza Strip", "Khan Younis", 31.3462, 34.3063),
    ("Rafah", "Gaza Strip", "Rafah", 31.2969, 34.2455),
    ("Jenin", "West Bank", "Jenin", 32.4600, 35.3000),
    ("Nablus", "West Bank", "Nablus", 32.2211, 35.2544),
]
TYPES = [  # (event_type, sub_event_type, disorder_type, weight)
    ("Explosions/Remote violence", "Air/drone strike", "Political violence", 40),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", "Political violence", 20),
    ("Battles", "Armed clash", "Political violence", 20),
    ("Violence against civilians", "Attack", "Political violence", 8),
    ("Protests", "Peaceful protest", "Demonstrations", 6),
    ("Strategic developments", "Looting/property destruction", "Strategic developments", 6),
]
OUTLETS = ["Example Wire", "Gaza Local Radio", "Coastal Daily", "Fictional News Agency"]


def rows(n: int, seed: int = 7, start: dt.date = dt.date(2023, 10, 7), days: int = 600) -> list[list[str]]:
    rng = random.Random(seed)
    allies = random.Random(seed + 1)  # its own stream: the records' other fields are as they always were
    names = [a for a, _, w in ACTORS for _ in range(w)]
    inter = {a: i for a, i, _ in ACTORS}
    types = [t for t in TYPES for _ in range(t[3])]
    out = []
    for i in range(n):
        # Dense first weeks, then a long tail: clusters of same-day events as in a real export.
        offset = int(days * rng.random() ** 2.2)
        day = start + dt.timedelta(days=offset)
        a1 = rng.choice(names[:-27] or names)  # civilians are rarely actor1
        a2 = rng.choice(names) if rng.random() < 0.8 else ""
        a2 = "" if a2 == a1 else a2
        etype, sub, disorder, _ = rng.choice(types)
        place = rng.choice(PLACES)
        precision = rng.choices(["1", "2", "3"], [80, 18, 2])[0]
        geo = rng.choices(["1", "2", "3"], [56, 42, 2])[0]
        fatalities = str(rng.choice([0, 0, 0, 1, 1, 2, 3, 5, 8, 13, 21])) if etype != "Protests" else "0"
        civ = "Civilian targeting" if a2.startswith("Civilians") else ""
        note = (
            f"On {day:%-d %B %Y}, {a1.split(':')[0].split(' (')[0]} forces were reported in an invented "
            f"incident number {i} near {place[0]}{' involving ' + a2.split(' (')[0] if a2 else ''}. "
            f"[fatalities={fatalities}]"
        )
        record = {
            "event_id_cnty": f"PSE{40000 + i}",
            "event_date": day.isoformat(),
            "year": str(day.year),
            "time_precision": precision,
            "disorder_type": disorder,
            "event_type": etype,
            "sub_event_type": sub,
            "actor1": a1,
            "assoc_actor_1": _ally(allies, a1),
            "inter1": inter[a1],
            "actor2": a2,
            "assoc_actor_2": _ally(allies, a2),
            "inter2": inter.get(a2, ""),
            "interaction": f"{inter[a1]}-{inter.get(a2, 'Sole')}",
            "civilian_targeting": civ,
            "iso": "275",
            "region": "Middle East",
            "country": "Palestine",
            "admin1": place[1],
            "admin2": place[2],
            "admin3": "",
            "location": place[0],
            "latitude": f"{place[3] + rng.uniform(-0.01, 0.01):.4f}",
            "longitude": f"{place[4] + rng.uniform(-0.01, 0.01):.4f}",
            "geo_precision": geo,
            "source": "; ".join(rng.sample(OUTLETS, rng.choice([1, 1, 2]))),
            "source_scale": rng.choice(["National", "International", "Local partner-National"]),
            "notes": note,
            "fatalities": fatalities,
            "tags": "",
            "timestamp": "1718000000",
        }
        out.append([record[c] for c in COLUMNS])
    return out


def _ally(rng: random.Random, actor: str) -> str:
    """An associated actor beside Hamas now and then, as ACLED records allies fighting side by side."""
    if actor != "Hamas Movement" or rng.random() > 0.3:
        return ""
    return rng.choice(["PIJ: Palestinian Islamic Jihad", "PIJ: Palestinian Islamic Jihad", "Al Aqsa Martyrs Brigade"])


def text(n: int, seed: int = 7, sides: bool = False) -> str:
    """n ACLED-shaped records; with `sides`, the SIDES records after them."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(COLUMNS)
    writer.writerows(rows(n, seed))
    if sides:
        writer.writerows(side_rows())
    return buf.getvalue()


# Allies on one side, opponents on the other (issue 38), with known counts: in ACLED's own layout, the
# associated actors beside actor1 and actor2. (times, event type, sub-event type, actor1, assoc_actor_1,
# actor2, assoc_actor_2, civilian targeting, outlet, ACLED timestamp)
ISRAEL, HAMAS, PIJ = "Military Forces of Israel (2022-)", "Hamas Movement", "PIJ: Palestinian Islamic Jihad"
AQMB, FATAH, CIVILIANS = "Al Aqsa Martyrs Brigade", "Fatah Movement", "Civilians (Palestine)"
STAMP = 1718150400  # 2024-06-12 00:00 UTC: the records' own date ("via ACLED, 12 Jun 2024")
SIDES = [
    (6, "Battles", "Armed clash", ISRAEL, "", HAMAS, PIJ, "", "Al Jazeera", STAMP),
    (4, "Battles", "Armed clash", HAMAS, AQMB, ISRAEL, "", "", "Example Wire", STAMP + 86_400 * 30),
    (3, "Violence against civilians", "Attack", ISRAEL, "", CIVILIANS, "", "Civilian targeting", "Al Jazeera", STAMP),
    (2, "Battles", "Armed clash", HAMAS, "", FATAH, "", "", "Coastal Daily", STAMP + 86_400 * 60),
]
SIDES_FROM = dt.date(2024, 6, 1)  # the side records' dates (after every other record and the bundled events)


def side_rows() -> list[list[str]]:
    out, k = [], 0
    for times, etype, sub, a1, assoc1, a2, assoc2, civ, outlet, stamp in SIDES:
        for _ in range(times):
            day = SIDES_FROM + dt.timedelta(days=k)
            record = {c: "" for c in COLUMNS} | {
                "event_id_cnty": f"PSE{90000 + k}",
                "event_date": day.isoformat(),
                "year": str(day.year),
                "time_precision": "1",
                "disorder_type": "Political violence",
                "event_type": etype,
                "sub_event_type": sub,
                "actor1": a1,
                "assoc_actor_1": assoc1,
                "actor2": a2,
                "assoc_actor_2": assoc2,
                "interaction": "invented interaction",
                "civilian_targeting": civ,
                "country": "Palestine",
                "admin1": "Gaza Strip",
                "location": "Gaza City",
                "geo_precision": "1",
                "source": outlet,
                "notes": f"On {day:%-d %B %Y}, an invented side record number {k} in Gaza City. [fatalities=2]",
                "fatalities": "2",
                "timestamp": str(stamp),
            }
            out.append([record[c] for c in COLUMNS])
            k += 1
    return out


if __name__ == "__main__":
    count, path = int(sys.argv[1]), sys.argv[2]
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write(text(count))


def merged_with_bundled(root, n: int, seed: int = 7, sides: bool = False):
    """An n-row ACLED-shaped export (with the SIDES records after them, when asked) imported (root/imp) and
    merged with the bundled data (root/merged), as the README's example does; the merged directory."""
    from pathlib import Path

    from components.io.imports import build, detect
    from components.io.imports.build import Base
    from components.io.merge import merge

    from .conftest import BUNDLED

    root = Path(root)
    data = text(n, seed, sides).encode()
    build(detect("acled.csv", data), "acled.csv", data, Base.read(BUNDLED)).write(root / "imp")
    merge([BUNDLED, root / "imp"], root / "merged")
    return root / "merged"
