"""Rows added by hand (what the drafter missed): an event, another report of an existing event, a quote, an
actor, a source. The same checks at entry as publishing applies (curation.still_publishable), a passage
proven verbatim in its stored article as a draft's is, and a new person created once (a likely duplicate
by name or alias is named instead). An article by hand is curation.add_article without drafting."""

from __future__ import annotations

from sqlalchemy import Engine

from components.data.schema import TABLES, slug, split_list
from components.data.textmatch import mismatch, occurs_in
from components.store import curation, workcopy
from components.store.curation import Refused
from components.store.roles import User, require

KINDS = {  # table -> what the Curate page calls it
    "events": "An event",
    "reports": "Another report of an existing event",
    "quotes": "A quote",
    "actors": "An actor (a person or group)",
    "sources": "A source (an outlet)",
}
TABLE_KEYS = {t: TABLES[t].key for t in KINDS}
PASSAGES = {"events": "evidence", "reports": "evidence", "quotes": "text"}  # must be in the article, verbatim


def columns(table: str) -> tuple[str, ...]:
    """The data model's columns of a table, its id first (left blank: made from the row)."""
    return TABLES[table].columns


def add_row(engine: Engine, user: User, table: str, data: dict) -> str:
    """Add one row; refused (Refused/BadValue/Conflict, the message says what to change) unless publishing
    would still succeed. Returns its id."""
    require(user, "editor")
    if table not in KINDS:
        raise Refused(f"Rows of {table} are not added here.")
    data = {k: str(v or "").strip() for k, v in data.items()}
    spec = TABLES[table]
    with engine.begin() as connection:
        if table == "actors":
            curation._not_a_second(connection, data.get("name", ""))
        if table in PASSAGES:
            _verbatim(connection, table, data)
        if not data.get(spec.key):
            data[spec.key] = curation._unique(connection, table, _id_of(table, data))
        if table == "quotes" and not data.get("reported_by"):
            article = workcopy.get(connection, "articles", data.get("article_id", ""))
            data["reported_by"] = article.data.get("source_id", "") if article else ""
        key = workcopy.insert_row(connection, user, table, data)
        curation.still_publishable(connection, table, key)
    return key


def _id_of(table: str, d: dict) -> str:
    """A new row's id, made as accepting a draft makes it."""
    if table == "events":
        return slug(f"ev-{d.get('date', '')}-{d.get('title', '')}", 70)
    if table == "reports":
        return slug(f"{d.get('event_id', '')}--{d.get('article_id', '')}", 120)
    if table == "quotes":
        speaker = (split_list(d.get("speaker_id", "")) or [""])[0]
        return slug(f"q-{speaker}-{d.get('said_on', '')}-{d.get('text', '')[:40]}", 80)
    return slug(d.get("name", "") or "row", 40)


def _verbatim(connection, table: str, data: dict) -> None:
    """The row's passage must occur in its stored article, as a draft's does (white space and quote styles
    aside); the message shows where it parts from the article."""
    column, article_id = PASSAGES[table], data.get("article_id", "")
    passage = data.get(column, "")
    article = workcopy.get(connection, "articles", article_id)
    if article is None:
        raise Refused(f"Choose the article that reports it: there is no article {article_id!r}.")
    text = workcopy.document(connection, article.data.get("path", "")) or ""
    if not passage:
        raise Refused(f"Copy the {column} from the article: it may not be blank.")
    if not occurs_in(passage, text):
        raise Refused(
            f"The {column} is not in the article {article_id} word for word ({mismatch(passage, text)}). Copy one "
            "unbroken passage exactly from the article."
        )
