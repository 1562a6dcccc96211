"""The data model contract: tables, columns, identifiers and references.

Columns may be added to any table; the ones listed here may not be dropped or renamed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

STATUSES = ("occurred", "planned", "reported")
QUOTE_TYPES = ("direct", "paraphrase")
LIST_SEPARATOR = ";"


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
    choices: dict[str, tuple[str, ...]] = field(default_factory=dict)

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
            refs=(Ref("faction_ids", "factions", many=True, optional=True),),
            required_text=("name",),
        ),
        Table("sources", "source_id", ("source_id", "name", "kind", "url"), required_text=("name",)),
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
            ),
            dates=("date",),
            required_text=("title", "evidence"),
            choices={"status": STATUSES},
        ),
        Table(
            "quotes",
            "quote_id",
            ("quote_id", "speaker_id", "text", "quote_type", "said_on", "event_id", "reported_by", "article_id"),
            refs=(
                Ref("speaker_id", "actors"),
                Ref("event_id", "events", optional=True),
                Ref("reported_by", "sources"),
                Ref("article_id", "articles"),
            ),
            optional_dates=("said_on",),
            required_text=("text",),
            choices={"quote_type": QUOTE_TYPES},
        ),
    )
}

# Optional columns the app understands when present.
OPTIONAL_COLUMNS = {"events": ("reported_by", "note", "source_url")}  # source_url: the report's link

HEX_COLOUR = r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$"
