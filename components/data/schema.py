"""The data model contract: tables, columns, identifiers and references.

Columns may be added to any table; the ones listed here may not be dropped or renamed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

STATUSES = ("occurred", "planned", "reported")
QUOTE_TYPES = ("direct", "paraphrase")
# Source grading on the Admiralty scale (optional): an outlet's reliability, a report's credibility.
RELIABILITY = ("A", "B", "C", "D", "E", "F")
CREDIBILITY = ("1", "2", "3", "4", "5", "6")
RELIABILITY_WORDS = dict(
    zip(
        RELIABILITY,
        (
            "completely reliable",
            "usually reliable",
            "fairly reliable",
            "not usually reliable",
            "unreliable",
            "reliability cannot be judged",
        ),
    )
)
CREDIBILITY_WORDS = dict(
    zip(
        CREDIBILITY,
        (
            "confirmed by other sources",
            "probably true",
            "possibly true",
            "doubtful",
            "improbable",
            "truth cannot be judged",
        ),
    )
)
LIST_SEPARATOR = ";"
# An event's sides (optional): side_a and side_b name actors of its actor_ids; `direction` says what the
# source says of them — "directed": side A acted on side B (GDELT's Actor1 on Actor2, CAMEO's source on its
# target); "undirected": two sides, and the source does not say who acted (ACLED's actor1 and actor2).
DIRECTIONS = ("directed", "undirected")
SIDE_COLUMNS = ("side_a", "side_b", "direction", "actor_roles")


def split_list(cell: str) -> list[str]:
    """The items of a ';'-list cell, trimmed, blanks dropped (vector.split_lists does a whole column)."""
    return [part.strip() for part in str(cell or "").split(LIST_SEPARATOR) if part.strip()]


@dataclass(frozen=True)
class Ref:
    column: str
    table: str  # the table whose id the column refers to
    many: bool = False  # a ";"-separated list of ids
    optional: bool = False  # blank allowed


@dataclass(frozen=True)
class Table:
    name: str
    key: str
    columns: tuple[str, ...]
    refs: tuple[Ref, ...] = ()
    dates: tuple[str, ...] = ()  # EDTF columns
    optional_dates: tuple[str, ...] = ()
    required_text: tuple[str, ...] = ()  # columns that may not be blank (besides the key)
    choices: dict[str, tuple[str, ...]] = field(default_factory=dict)  # "" among them: blank allowed
    optional: bool = False  # the file may be absent

    @property
    def file(self) -> str:
        return f"{self.name}.csv"


TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table(
            "factions",
            "faction_id",
            ("faction_id", "name", "kind", "color", "description"),
            required_text=("name", "color"),
        ),
        Table(
            "actors",
            "actor_id",
            ("actor_id", "name", "kind", "faction_ids", "role", "aliases"),
            # members (optional): a group actor's member actors, e.g. the signatories of a joint statement
            refs=(
                Ref("faction_ids", "factions", many=True, optional=True),
                Ref("members", "actors", many=True, optional=True),
            ),
            required_text=("name",),
        ),
        Table(
            "sources",
            "source_id",
            ("source_id", "name", "kind", "url"),
            required_text=("name",),
            choices={"reliability": ("", *RELIABILITY)},  # optional column
        ),
        Table(
            "articles",
            "article_id",
            ("article_id", "title", "source_id", "published_on", "url", "credit", "path"),
            refs=(Ref("source_id", "sources"),),
            dates=("published_on",),
            required_text=("path",),
        ),
        Table(
            "event_types",
            "event_type",
            ("event_type", "label", "cameo_code"),
            required_text=("label",),
        ),
        Table(
            "events",
            "event_id",
            (
                "event_id",
                "date",
                "date_text",
                "status",
                "event_type",
                "title",
                "summary",
                "location",
                "actor_ids",
                "article_id",
                "evidence",
            ),
            refs=(
                Ref("event_type", "event_types"),
                Ref("actor_ids", "actors", many=True),
                Ref("article_id", "articles"),
                Ref("reported_by", "sources", optional=True),
                # the event's two sides (optional columns): actors of actor_ids (data-model.md, "Sides")
                Ref("side_a", "actors", many=True, optional=True),
                Ref("side_b", "actors", many=True, optional=True),
            ),
            dates=("date",),
            required_text=("title", "evidence"),
            choices={"status": STATUSES, "credibility": ("", *CREDIBILITY), "direction": ("", *DIRECTIONS)},
        ),
        Table(
            "quotes",
            "quote_id",
            ("quote_id", "speaker_id", "text", "quote_type", "said_on", "event_id", "reported_by", "article_id"),
            refs=(
                Ref("speaker_id", "actors", many=True),  # several: a joint statement
                Ref("event_id", "events", optional=True),
                Ref("reported_by", "sources"),
                Ref("article_id", "articles"),
            ),
            optional_dates=("said_on",),
            required_text=("text",),
            choices={"quote_type": QUOTE_TYPES, "credibility": ("", *CREDIBILITY)},
        ),
        # Further reports of events (optional): each row is one account of an event in one article. The
        # event's own article_id/evidence/date/status are its first report; the event's status and date
        # are derived from all of them (reports.py).
        Table(
            "reports",
            "report_id",
            ("report_id", "event_id", "article_id", "evidence", "date", "date_text", "status", "reported_by"),
            refs=(
                Ref("event_id", "events"),
                Ref("article_id", "articles"),
                Ref("reported_by", "sources", optional=True),
            ),
            dates=("date",),
            required_text=("evidence",),
            choices={"status": STATUSES, "credibility": ("", *CREDIBILITY)},
            optional=True,
        ),
        # Events merged into another (optional): a link to the old id opens the one that replaces it.
        Table(
            "superseded",
            "event_id",
            ("event_id", "replaced_by", "note"),
            refs=(Ref("replaced_by", "events"),),
            optional=True,
        ),
        # Roles that changed (optional): the role an actor held from one date to another; a quote card shows
        # the role at the quote's date, and actors.role where no dated role covers it.
        Table(
            "roles",
            "role_id",
            ("role_id", "actor_id", "role", "from", "to"),
            # faction_ids (optional): the actor's factions in that period (cards show them at the quote's date)
            refs=(Ref("actor_id", "actors"), Ref("faction_ids", "factions", many=True, optional=True)),
            optional_dates=("from", "to"),
            required_text=("role",),
            optional=True,
        ),
        # Stories (optional): an ordered walk through events with a narrator's text per step; a link
        # ?story=ID&step=N steps through it. `title` names the story (its first step's is used).
        Table(
            "stories",
            "step_id",
            ("step_id", "story_id", "step", "event_id", "title", "text"),
            refs=(Ref("event_id", "events"),),
            required_text=("story_id", "step", "text"),
            optional=True,
        ),
        # Where the places named in events.location are (optional): the map places an event without
        # coordinates of its own by its location. Written by `factionline places` from a gazetteer.
        Table(
            "places",
            "place",
            ("place", "latitude", "longitude", "geo_precision", "gazetteer", "note"),
            required_text=("latitude", "longitude", "geo_precision"),
            optional=True,
        ),
    )
}


@dataclass(frozen=True)
class Measure:
    """An optional analytic column of events (ACLED's and GDELT's fields): blank, or a value of its kind.

    kind: "int" or "float" (numbers, checked against lo..hi), or "text". The model reads numbers as
    floats with NaN for blank, so a column of counts may have gaps without inventing zeros.
    """

    column: str
    kind: str
    meaning: str
    lo: float | None = None
    hi: float | None = None
    origin: str = ""  # the field it comes from on import


MEASURES: dict[str, Measure] = {
    m.column: m
    for m in (
        Measure(
            "fatalities",
            "int",
            "reported fatalities (ACLED's conservative estimate; blank: not given)",
            0,
            None,
            "ACLED fatalities",
        ),
        Measure("latitude", "float", "latitude of the event's place, WGS84 degrees", -90, 90, "ACLED, GDELT ActionGeo"),
        Measure("longitude", "float", "longitude, WGS84 degrees", -180, 180, "ACLED, GDELT ActionGeo"),
        Measure(
            "geo_precision",
            "int",
            "how well the coordinates locate the event: 1 the place itself, 2 a nearby place or district, "
            "3 only a region or the country (ACLED's scale; GDELT's geography types map onto it)",
            1,
            3,
            "ACLED geo_precision, GDELT ActionGeo_Type",
        ),
        Measure("country", "text", "country name", origin="ACLED country, GDELT ActionGeo_CountryCode"),
        Measure("iso", "text", "ISO 3166 country code (ACLED's numeric code, GDELT's FIPS code)", origin="ACLED iso"),
        Measure("admin1", "text", "largest sub-national region (governorate, province)", origin="ACLED admin1"),
        Measure("admin2", "text", "second-level region (district)", origin="ACLED admin2"),
        Measure("admin3", "text", "third-level region", origin="ACLED admin3"),
        Measure("disorder_type", "text", "ACLED's disorder type", origin="ACLED disorder_type"),
        Measure("sub_event_type", "text", "ACLED's sub-event type", origin="ACLED sub_event_type"),
        Measure("inter1", "text", "ACLED's actor-type code or label of actor1", origin="ACLED inter1"),
        Measure("inter2", "text", "ACLED's actor-type code or label of actor2", origin="ACLED inter2"),
        Measure("interaction", "text", "ACLED's interaction of the two actor types", origin="ACLED interaction"),
        Measure(
            "civilian_targeting",
            "text",
            "'Civilian targeting' when civilians were the target (ACLED), else blank",
            origin="ACLED civilian_targeting",
        ),
        Measure("source_scale", "text", "ACLED's source scale (Local, National, International …)"),
        Measure("tags", "text", "ACLED's tags ('; '-separated)", origin="ACLED tags"),
        Measure(
            "goldstein",
            "float",
            "Goldstein scale of the event code (-10 conflict … +10 cooperation)",
            -10,
            10,
            "GDELT GoldsteinScale",
        ),
        Measure("avg_tone", "float", "average tone of the reports (-100 … +100)", -100, 100, "GDELT AvgTone"),
        Measure("num_mentions", "int", "mentions of the event in the news (GDELT)", 0, None, "GDELT NumMentions"),
        Measure("num_sources", "int", "sources that reported it (GDELT)", 0, None, "GDELT NumSources"),
        Measure("num_articles", "int", "articles that reported it (GDELT)", 0, None, "GDELT NumArticles"),
    )
}

# Optional columns the app understands when present (source_url: the report's link; the sides, and the
# source's own roles in words: actor_roles). The model adds the extras as blank when absent; a measure column
# absent is absent (ds.has_measure).
EVENT_EXTRAS = ("reported_by", "note", "source_url", "chain", "credibility", *SIDE_COLUMNS)
OPTIONAL_COLUMNS = {
    "events": (*EVENT_EXTRAS, *MEASURES),
    "reports": ("chain", "credibility", "note", "source_url"),
    "quotes": ("chain", "credibility"),
    "sources": ("reliability",),
    "actors": ("members",),
    "roles": ("faction_ids",),
}

HEX_COLOUR = r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$"


def slug(text: str, limit: int = 60) -> str:
    """An id made from words: ASCII letters and digits joined by hyphens, at most `limit` characters ("x"
    for words with none) — the one rule for ids that imports, merges, uploads and the store make."""
    plain = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:limit].strip("-") or "x"


PARQUET_FROM = 50_000  # events from which a written directory's big tables are Parquet (below: CSV, easy to edit)
PARQUET_TABLES = ("events", "reports", "quotes", "actors", "articles")  # the tables that grow with the events


def as_parquet(n_events: int, table: str) -> bool:
    """Whether a directory written with this many events holds this table as Parquet (imports, merges and
    the store's exports all follow it)."""
    return n_events >= PARQUET_FROM and table in PARQUET_TABLES
