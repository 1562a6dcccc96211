"""Synthetic data directories of any size, with the shape of real event data.

Used for benchmarks and scale tests: a few dozen factions, hundreds of actors in one to three
factions each, several years of dates of mixed precision, every status, quotes on about a tenth of
events, and evidence that occurs verbatim in generated article texts.
"""

from __future__ import annotations

import colorsys
from pathlib import Path

import numpy as np
import pandas as pd

from components import progress
from components.data.dates import order_by_date
from components.data.schema import TABLES

PLACES = [
    "Moscow",
    "Cairo",
    "Doha",
    "Gaza City",
    "Ramallah",
    "Beirut",
    "Amman",
    "Istanbul",
    "Tehran",
    "Riyadh",
    "Damascus",
    "Algiers",
    "Geneva",
    "Paris",
    "London",
    "New York",
    "Khan Younis",
    "Jenin",
]
# Approximate coordinates of PLACES (for the map at scale; rounded, from general knowledge).
COORDINATES = {
    "Moscow": (55.76, 37.62),
    "Cairo": (30.04, 31.24),
    "Doha": (25.29, 51.53),
    "Gaza City": (31.50, 34.47),
    "Ramallah": (31.90, 35.20),
    "Beirut": (33.89, 35.50),
    "Amman": (31.95, 35.93),
    "Istanbul": (41.01, 28.98),
    "Tehran": (35.69, 51.39),
    "Riyadh": (24.71, 46.68),
    "Damascus": (33.51, 36.29),
    "Algiers": (36.75, 3.06),
    "Geneva": (46.20, 6.14),
    "Paris": (48.86, 2.35),
    "London": (51.51, -0.13),
    "New York": (40.71, -74.01),
    "Khan Younis": (31.35, 34.31),
    "Jenin": (32.46, 35.30),
}
WORDS_A = [
    "Northern",
    "Southern",
    "Eastern",
    "Western",
    "Popular",
    "National",
    "United",
    "Democratic",
    "Islamic",
    "Liberation",
    "Reform",
    "Unity",
]
WORDS_B = ["Front", "Movement", "Council", "Alliance", "Party", "Bloc", "Committee", "Coalition", "League"]
FIRST = [
    "Ahmad",
    "Sara",
    "Omar",
    "Lina",
    "Yusuf",
    "Maya",
    "Khalid",
    "Rana",
    "Samir",
    "Dina",
    "Tariq",
    "Huda",
    "Nabil",
    "Rima",
    "Walid",
    "Leila",
    "Fadi",
    "Noor",
    "Ivan",
    "Olga",
    "Daniel",
    "Miriam",
    "Hassan",
    "Amal",
]
LAST = [
    "Haddad",
    "Khoury",
    "Nasser",
    "Saleh",
    "Aziz",
    "Mansour",
    "Darwish",
    "Barakat",
    "Qasim",
    "Hamdan",
    "Petrov",
    "Levy",
    "Farouk",
    "Shami",
    "Odeh",
    "Zayed",
    "Rahman",
    "Jaber",
    "Karimi",
    "Sabbagh",
]
TYPES = [
    ("statement", "Make statement", "010"),
    ("appeal", "Appeal", "020"),
    ("intent", "Express intent to cooperate", "030"),
    ("consult", "Consult", "040"),
    ("visit", "Make a visit", "042"),
    ("host_visit", "Host a visit", "043"),
    ("meeting", "Meet at a third location", "044"),
    ("mediation", "Mediate", "045"),
    ("negotiation", "Engage in negotiation", "046"),
    ("endorse", "Praise or endorse", "051"),
    ("agreement", "Sign formal agreement", "057"),
    ("aid", "Provide aid", "070"),
    ("demand", "Demand", "100"),
    ("criticize", "Criticize or denounce", "111"),
    ("reject", "Reject", "120"),
    ("threaten", "Threaten", "130"),
    ("protest", "Demonstrate or rally", "141"),
    ("reduce_relations", "Reduce relations", "160"),
    ("arrest", "Arrest, detain, or charge with legal action", "173"),
    ("military_force", "Use conventional military force", "190"),
]
VERBS = {t: label.split(",")[0].lower() for t, label, _ in TYPES}


def _colours(n: int) -> list[str]:
    out = []
    for i in range(n):
        r, g, b = colorsys.hls_to_rgb((i * 0.618034) % 1.0, 0.45 + 0.15 * (i % 3) / 2, 0.65)
        out.append(f"#{int(r * 255):02X}{int(g * 255):02X}{int(b * 255):02X}")
    return out


def synthesize(
    n_events: int,
    out: str | Path,
    seed: int = 0,
    csv: bool = False,
    events_per_article: int = 200,
    reports: float = 0.0,
    part: int | None = None,
) -> dict[str, int]:
    """reports: the share of events told by one further report (in another article): 0.3 gives 1.3
    reports per event. part: one part of a larger dataset (synthesize_parts): the same factions, actors and
    outlets as every other part of this seed, its own events, and ids of its own."""
    with progress.phase("generate", n_events) as made:
        counts = _synthesize(n_events, Path(out), seed, csv, events_per_article, reports, part)
        made.advance(n_events)
    return counts


def _synthesize(n_events, out, seed, csv, events_per_article, reports, part) -> dict[str, int]:
    rng = np.random.default_rng(seed)
    out = Path(out)
    (out / "articles").mkdir(parents=True, exist_ok=True)
    n_factions = 36
    n_actors = 480
    n_sources = 40

    factions = pd.DataFrame(
        {
            "faction_id": [f"f{i:02d}" for i in range(n_factions)],
            "name": [
                f"{WORDS_A[i % len(WORDS_A)]} {WORDS_B[(i // len(WORDS_A) + i) % len(WORDS_B)]} {i:02d}"
                for i in range(n_factions)
            ],
            "kind": rng.choice(["political movement", "state", "armed group", "party"], n_factions),
            "color": _colours(n_factions),
            "description": "Synthetic faction",
        }
    )
    k = rng.integers(1, 4, n_actors)  # one to three factions each
    actor_factions = [";".join(sorted(set(rng.choice(factions["faction_id"], size=j, replace=False)))) for j in k]
    people = rng.random(n_actors) < 0.7
    actors = pd.DataFrame(
        {
            "actor_id": [f"a{i:03d}" for i in range(n_actors)],
            "name": [
                f"{FIRST[i % len(FIRST)]} {LAST[(i * 7) % len(LAST)]} {i:03d}" if p else f"Office {i:03d}"
                for i, p in enumerate(people)
            ],
            "kind": np.where(people, "person", "organization"),
            "faction_ids": actor_factions,
            "role": rng.choice(
                ["Spokesperson", "Minister", "Delegation head", "Commander", "Ambassador", "Council"], n_actors
            ),
            "aliases": "",
        }
    )
    sources = pd.DataFrame(
        {
            "source_id": [f"s{i:02d}" for i in range(n_sources)],
            "name": [f"Outlet {i:02d}" for i in range(n_sources)],
            "kind": rng.choice(["newspaper", "broadcaster", "news agency"], n_sources),
            "url": [f"https://outlet{i:02d}.example.org/" for i in range(n_sources)],
        }
    )
    event_types = pd.DataFrame(TYPES, columns=["event_type", "label", "cameo_code"])

    prefix = ""
    if part is not None:  # the shared tables above come from the seed alone; the events from the part too
        rng = np.random.default_rng([seed, part])
        prefix = f"{part:03d}-"
    # Dates: mostly days, some months, years and intervals, a few uncertain or approximate.
    n = n_events
    day0 = np.datetime64("2019-01-01")
    # Activity grows over time with bursts (a few crisis months), as in real conflict data.
    month_weight = np.linspace(1, 3, 72) * np.where(rng.random(72) < 0.1, 4, 1)
    month = rng.choice(72, n, p=month_weight / month_weight.sum())
    offsets = np.sort(np.minimum(month * 30 + rng.integers(0, 30, n), 6 * 365 - 1))  # exports come in date order
    days = day0 + offsets.astype("timedelta64[D]")
    day_text = pd.Series(np.datetime_as_string(days, unit="D"))
    kind = rng.choice(["day", "month", "year", "interval"], n, p=[0.8, 0.1, 0.03, 0.07])
    length = rng.integers(1, 20, n).astype("timedelta64[D]")
    end_text = pd.Series(np.datetime_as_string(days + length, unit="D"))
    date = day_text.where(kind == "day", day_text.str[:7].where(kind == "month", day_text.str[:4]))
    date = date.where(kind != "interval", day_text + "/" + end_text)
    qual = rng.choice(["", "?", "~"], n, p=[0.94, 0.03, 0.03])
    date = date + pd.Series(np.where(kind == "interval", "", qual))
    status = rng.choice(["occurred", "planned", "reported"], n, p=[0.85, 0.05, 0.10])

    n_act = rng.choice([1, 2, 3], n, p=[0.3, 0.5, 0.2])
    weight = 1 / np.arange(1, n_actors + 1) ** 0.8  # a few actors are in most events
    weight = rng.permutation(weight / weight.sum())
    a1, a2, a3 = (rng.choice(n_actors, n, p=weight) for _ in range(3))
    ids = actors["actor_id"].to_numpy()
    actor_ids = pd.Series(ids[a1])
    # each actor once, in order of mention (vectorised: a hundred million rows are generated in parts)
    actor_ids = actor_ids.where((n_act < 2) | (a2 == a1), actor_ids + ";" + ids[a2])
    actor_ids = actor_ids.where((n_act < 3) | (a3 == a1) | (a3 == a2), actor_ids + ";" + ids[a3])
    etype = rng.choice(event_types["event_type"], n)
    place = rng.choice(PLACES, n)
    names = actors["name"].to_numpy()
    event_id = pd.Series([f"e{prefix}{i:07d}" for i in range(n)])
    title = pd.Series(names[a1]) + " — " + pd.Series(etype).map(VERBS) + " (" + pd.Series(place) + ")"
    n_articles = max(1, -(-n // events_per_article))
    article_of = np.arange(n) // events_per_article
    article_ids = np.array([f"art{prefix}{i:05d}" for i in range(n_articles)])
    evidence = (
        "Report "
        + event_id
        + ": "
        + pd.Series(names[a1])
        + " was involved in a "
        + pd.Series(etype).map(VERBS)
        + " in "
        + pd.Series(place)
        + " on "
        + day_text
        + "."
    )
    events = pd.DataFrame(
        {
            "event_id": event_id,
            "date": date,
            "date_text": np.where(kind == "day", "on " + day_text, ""),
            "status": status,
            "event_type": etype,
            "title": title,
            "summary": "Synthetic event for scale testing: " + title,
            "location": place,
            "actor_ids": actor_ids,
            "article_id": article_ids[article_of],
            "evidence": evidence,
            "reported_by": "",
            "note": "",
            # Analytic fields, as an ACLED import has them: the map and fatalities views at scale.
            "fatalities": np.where(rng.random(n) < 0.6, "0", rng.integers(1, 30, n).astype(str)),
            "latitude": pd.Series(place).map({p: f"{lat:.2f}" for p, (lat, _) in COORDINATES.items()}),
            "longitude": pd.Series(place).map({p: f"{lon:.2f}" for p, (_, lon) in COORDINATES.items()}),
            "geo_precision": rng.choice(["1", "2", "3"], n, p=[0.6, 0.35, 0.05]),
        }
    )

    # Quotes on about a tenth of events, spoken by one of the event's actors.
    has_quote = rng.random(n) < 0.1
    qi = np.flatnonzero(has_quote)
    qtype = rng.choice(["direct", "paraphrase"], len(qi))
    quote_text = (
        "Statement "
        + event_id.iloc[qi].reset_index(drop=True)
        + ": we will continue talks in "
        + pd.Series(place[qi])
        + "."
    )
    quotes = pd.DataFrame(
        {
            "quote_id": [f"q{prefix}{i:07d}" for i in range(len(qi))],
            "speaker_id": ids[a1[qi]],
            "text": quote_text,
            "quote_type": qtype,
            "said_on": "",
            "event_id": event_id.iloc[qi].to_numpy(),
            "reported_by": sources["source_id"].to_numpy()[rng.integers(0, n_sources, len(qi))],
            "article_id": article_ids[article_of[qi]],
        }
    )

    # Further reports: a follow-up in the next article, the event now occurred, its first publisher an agency.
    ri = np.flatnonzero(rng.random(n) < reports)
    report_rows = pd.DataFrame(
        {
            "report_id": [f"r{prefix}{i:07d}" for i in range(len(ri))],
            "event_id": event_id.iloc[ri].to_numpy(),
            "article_id": article_ids[(article_of[ri] + 1) % n_articles],
            "evidence": ("Follow-up on " + events["evidence"].iloc[ri].str.removeprefix("Report ")).to_numpy(),
            "date": date.iloc[ri].to_numpy(),
            "date_text": np.where(kind[ri] == "day", "on " + day_text.iloc[ri].to_numpy(), ""),
            "status": "occurred",
            "reported_by": sources["source_id"].to_numpy()[rng.integers(0, n_sources, len(ri))],
        }
    )

    # Article texts: every evidence sentence and quote of the article's events, in order.
    article_source = sources["source_id"].to_numpy()[rng.integers(0, n_sources, n_articles)]
    text_rows = pd.concat(
        [
            pd.DataFrame({"article_id": events["article_id"], "pos": np.arange(n) * 2, "text": events["evidence"]}),
            pd.DataFrame({"article_id": quotes["article_id"], "pos": qi * 2 + 1, "text": "“" + quotes["text"] + "”"}),
            pd.DataFrame({"article_id": report_rows["article_id"], "pos": 2 * n + ri, "text": report_rows["evidence"]}),
        ]
    ).sort_values("pos")
    groups = text_rows.groupby("article_id", sort=False)
    for article_id, group in progress.track(groups, "write", n_articles, "articles"):
        (out / "articles" / f"{article_id}.txt").write_text("\n\n".join(group["text"]) + "\n", encoding="utf-8")
    articles = pd.DataFrame(
        {
            "article_id": article_ids,
            "title": [f"Synthetic report {i}" for i in range(n_articles)],
            "source_id": article_source,
            "published_on": "2025-01-01",
            "url": "",
            "credit": "Synthetic",
            "path": [f"articles/{a}.txt" for a in article_ids],
        }
    )

    events = events.iloc[order_by_date(events["date"])]  # date order, as the importers write: no sort on load
    tables = {
        "factions": factions,
        "actors": actors,
        "sources": sources,
        "articles": articles,
        "event_types": event_types,
        "events": events,
        "quotes": quotes,
    }
    if len(report_rows):
        tables["reports"] = report_rows
    for name, frame in tables.items():
        frame = frame.astype(str)
        frame.to_parquet(out / f"{name}.parquet", index=False)
        if csv:
            frame.to_csv(out / TABLES[name].file, index=False)
    return {
        "events": n,
        "actors": n_actors,
        "factions": n_factions,
        "quotes": len(quotes),
        "articles": n_articles,
        "reports": len(report_rows),
    }


def _part(job: tuple) -> dict[str, int]:
    n, folder, seed, reports, part = job
    return synthesize(n, folder, seed=seed, reports=reports, part=part)


def _events(counts: dict[str, int]) -> int:
    return counts["events"]


def synthesize_parts(
    n_events: int, out: str | Path, part_size: int = 1_000_000, seed: int = 0, reports: float = 0.0, workers: int = 2
) -> dict[str, int]:
    """A dataset too large for memory, streamed as parts: out/part-000/, part-001/ … each a valid data
    directory of at most part_size events (its own ids, the same factions and actors), written by `workers`
    processes; `factionline ingest out/part-* --out DATASET` joins them. Memory stays that of one part per
    worker, whatever n_events is."""
    from concurrent.futures import ProcessPoolExecutor

    out = Path(out)
    sizes = [min(part_size, n_events - start) for start in range(0, n_events, part_size)]
    jobs = [(n, out / f"part-{i:03d}", seed, reports, i) for i, n in enumerate(sizes)]
    totals: dict[str, int] = {}
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for counts in progress.track(pool.map(_part, jobs), "generate", n_events, size=_events):
            for key, value in counts.items():
                totals[key] = (
                    totals.get(key, 0) + value if key in ("events", "quotes", "articles", "reports") else value
                )
    return totals | {"parts": len(sizes)}
