"""Articles and drafts. An editor adds an article; the drafting core (components/drafting) proposes events,
quotes and actors, stored as drafts; each is accepted (maybe edited), attached to an existing event as
another report, or rejected. Accepting writes rows into the working copy — nothing reaches viewers until
an editor publishes a version (versions.py)."""

from __future__ import annotations

import datetime as dt
import functools
import json
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, insert, select, update
from sqlalchemy.exc import IntegrityError, OperationalError

from components.data.names import fold
from components.data.schema import slug, split_list
from components.drafting.draft import NEW_TYPES, draft
from components.store import audit, workcopy
from components.store.roles import User, require
from components.store.tables import drafts
from components.store.workcopy import Conflict, Stale


class Refused(ValueError):
    """An accept that cannot be done as asked; the message says what to change."""


@dataclass(frozen=True)
class Draft:
    draft_id: int
    article_id: str
    kind: str
    proposal: dict
    status: str
    result: str
    row_version: int
    decided_by: str
    decided_at: dt.datetime | None = None


def still_publishable(connection: Connection, table: str, key: str) -> None:
    """Check at entry what publishing checks: the working copy, with this change, is validated as a publish
    would validate it; a problem of the changed row (or one naming its id, as a reference to a deleted row
    does) refuses the change, listing the problems and their fixes, so that no accept, edit or deletion
    can leave a state that blocks every later publish. Problems the copy had before are not this change's."""
    from components.data.problems import InvalidData
    from components.store.versions import validate

    try:
        validate(workcopy.snapshot(connection))
    except InvalidData as err:
        keys = [r.key for r in workcopy.rows(connection, table)]
        row = keys.index(key) + 2 if key in keys else None  # its spreadsheet row (the header is row 1)
        mine = [
            p
            for p in err.problems
            if (p.file.rsplit(".", 1)[0] == table and row is not None and p.row == row) or (key and key in p.message)
        ]
        if mine:
            listed = "; ".join(
                f"{p.file}{f', row {p.row}' if p.row else ''}{f', column {p.column}' if p.column else ''}: {p.message} "
                f"Fix: {p.fix}"
                for p in mine[:5]
            )
            raise Refused(f"Not saved: publishing would then fail. {listed}") from None


def people(connection: Connection) -> dict[str, list[str]]:
    """Every actor's names: id -> its name and aliases (what a likely duplicate is looked up in)."""
    return {
        r.key: [r.data.get("name", ""), *split_list(r.data.get("aliases", ""))]
        for r in workcopy.rows(connection, "actors")
    }


def likely_same_person(known: dict[str, list[str]], name: str) -> list[str]:
    """Actors whose name or an alias is this name, spelling and transliteration aside (fold: "Marzook" is
    "Marzouk"): a new person by this name is likely one of them."""
    wanted = fold(name)
    if not wanted:
        return []
    return [key for key, names in known.items() if any(fold(n) == wanted for n in names if n)]


def _not_a_second(connection: Connection, name: str) -> None:
    """A new person is created once: a name an actor already has is refused, naming them to choose instead."""
    found = likely_same_person(people(connection), name)
    if found:
        listed = ", ".join(found[:5])
        raise Refused(
            f"{name!r} is likely already an actor ({listed}): choose them instead of adding a second. If this is "
            "someone else of the same name, add them by hand with their own id and a note, then choose them."
        )


def _unique(connection: Connection, table: str, base: str) -> str:
    key, n = base, 2
    while workcopy.get(connection, table, key) is not None:
        key, n = f"{base}-{n}", n + 1
    return key


def source_for(connection: Connection, user: User, outlet: str) -> str:
    """The source id of an outlet named by id or name; a new source row when it is not known."""
    outlet = outlet.strip()
    if not outlet:
        raise Refused("Name the outlet that published the article.")
    for r in workcopy.rows(connection, "sources"):
        if outlet == r.key or fold(outlet) == fold(r.data.get("name", "")):
            return r.key
    key = _unique(connection, "sources", slug(outlet, 40))
    workcopy.insert_row(
        connection, user, "sources", {"source_id": key, "name": outlet, "kind": "news outlet", "url": ""}
    )
    return key


def add_article(
    engine: Engine,
    user: User,
    *,
    text: str,
    title: str,
    outlet: str,
    published: dt.date,
    url: str = "",
    credit: str = "",
    dataset=None,
) -> tuple[str, int]:
    """Store an article (its row and its text) and the drafts proposed from it. dataset: the read model
    the drafts are matched against (the latest version). Returns (article_id, number of drafts)."""
    require(user, "editor")
    if not text.strip():
        raise Refused("The article has no text. Paste it, or upload a .txt, .md or .html file.")
    if not title.strip():
        raise Refused("Give the article's title (as the outlet published it).")
    from components.data.loader import MAX_ARTICLE_BYTES

    if len(text.encode("utf-8")) > MAX_ARTICLE_BYTES:  # accepted here, it blocked every later publish
        raise Refused(
            f"The article is larger than {MAX_ARTICLE_BYTES // 1_000_000} MB, more than a published version may "
            "hold. Paste the article itself, without the page around it."
        )
    with engine.begin() as connection:
        _not_added_before(connection, text, url)
        source_id = source_for(connection, user, outlet)
        outlet_name = workcopy.get(connection, "sources", source_id).data.get("name", outlet)
        article_id = _unique(connection, "articles", slug(f"{source_id}-{published.isoformat()}-{title}", 80))
        path = f"articles/{article_id}.txt"
        workcopy.insert_row(
            connection,
            user,
            "articles",
            {
                "article_id": article_id,
                "title": title.strip(),
                "source_id": source_id,
                "published_on": published.isoformat(),
                "url": url.strip(),
                "credit": credit.strip(),
                "path": path,
            },
        )
        workcopy.put_document(connection, user, path, text)
        proposals = (
            draft(text, published, outlet_name, dataset)
            if dataset is not None
            else {"events": [], "quotes": [], "actors": []}
        )
        n = 0
        for kind, items in (
            ("event", proposals["events"]),
            ("quote", proposals["quotes"]),
            ("actor", proposals["actors"]),
        ):
            for item in items:
                connection.execute(
                    insert(drafts).values(
                        article_id=article_id,
                        kind=kind,
                        proposal=json.dumps(item, ensure_ascii=False),
                        status="proposed",
                        result="",
                        row_version=1,
                        created_at=audit.now(),
                        decided_by="",
                    )
                )
                n += 1
        audit.log(connection, user, "add article", f"articles:{article_id}", drafts=n, source_id=source_id)
    return article_id, n


def _not_added_before(connection: Connection, text: str, url: str) -> None:
    """The same article twice (the same address, or the same text give or take spacing) is refused, naming
    the one already there: a second copy could not be told apart and drafts everything again."""
    words = " ".join(text.split())
    for r in workcopy.rows(connection, "articles"):
        same_url = url.strip() and r.data.get("url", "").strip() == url.strip()
        stored = workcopy.document(connection, r.data.get("path", "")) if not same_url else None
        if same_url or (stored is not None and " ".join(stored.split()) == words):
            why = "address" if same_url else "text"
            raise Refused(
                f"This article is already in the working copy as {r.key!r} (the same {why}), added by "
                f"{r.updated_by}. Choose it under *Article* to review its drafts."
            )


def listed(engine: Engine, user: User, article_id: str | None = None, status: str | None = None) -> list[Draft]:
    """Drafts (editors only: viewers never see them)."""
    require(user, "editor")
    query = select(drafts).order_by(drafts.c.draft_id)
    if article_id is not None:
        query = query.where(drafts.c.article_id == article_id)
    if status is not None:
        query = query.where(drafts.c.status == status)
    with engine.connect() as connection:
        return [_draft(r) for r in connection.execute(query).mappings()]


def get(connection: Connection, draft_id: int, lock: bool = False) -> Draft | None:
    """The draft; with lock, its row is held until the transaction ends: a second decision waits here,
    then sees the first."""
    query = select(drafts).where(drafts.c.draft_id == draft_id)
    if lock and connection.dialect.name == "sqlite":  # a write first takes SQLite's one write lock: the read after
        # it sees any decision committed before (else pysqlite reads outside the transaction until its first write)
        connection.execute(update(drafts).where(drafts.c.draft_id == draft_id).values(row_version=drafts.c.row_version))
    found = connection.execute(query.with_for_update() if lock else query).mappings().first()
    return _draft(found) if found else None


def _draft(r) -> Draft:
    return Draft(
        r["draft_id"],
        r["article_id"],
        r["kind"],
        json.loads(r["proposal"]),
        r["status"],
        r["result"],
        r["row_version"],
        r["decided_by"],
        r["decided_at"],
    )


def _decide(
    connection: Connection, user: User, d: Draft, expected_version: int, status: str, result: str, yours=None
) -> None:
    done = connection.execute(
        update(drafts)
        .where(drafts.c.draft_id == d.draft_id, drafts.c.row_version == expected_version, drafts.c.status == "proposed")
        .values(
            status=status,
            result=result,
            row_version=drafts.c.row_version + 1,
            decided_by=user.name,
            decided_at=audit.now(),
        )
    )
    if done.rowcount != 1:
        _decided_meanwhile(get(connection, d.draft_id), yours)
    audit.log(connection, user, status, f"draft:{d.draft_id}", result=result, version=expected_version + 1)


def _decided_meanwhile(now: Draft, yours: dict | None = None):
    """The Stale of a draft someone else decided (or reopened) since it was read: who, when, their decision
    beside the values that were refused."""
    verb = "reopened" if now.status == "proposed" else now.status
    theirs = {"decision": verb, "made": now.result}  # the draft's decision, not the row's fields
    raise Stale(
        f"Draft {now.draft_id}",
        now.decided_by,
        now.decided_at,
        theirs,
        yours or {},
        "Nothing of yours was saved: your values are kept in the form; decide again if it still needs it.",
        verb,
    )


def one_decision(decide):
    """Two editors deciding one draft at the same moment: the first wins; the second's transaction fails
    in the database (a duplicate row, or SQLite's busy snapshot), which is told as the Conflict it is,
    naming who decided and when — never as "the store cannot be reached"."""

    @functools.wraps(decide)
    def run(engine: Engine, user: User, draft_id: int, expected_version: int, *args, **kwargs):
        for attempt in (1, 2):  # nothing was written by a failed attempt: the second reads the winner's decision
            try:
                return decide(engine, user, draft_id, expected_version, *args, **kwargs)
            except (IntegrityError, OperationalError) as err:
                if isinstance(err, OperationalError) and "locked" not in str(err).lower():
                    raise
                if attempt == 2:
                    raise Conflict(
                        "Someone saved the same row at the same moment: nothing of yours was saved. "
                        "Reload and try again."
                    ) from err

    return run


ACCEPTED = {"decision": "accepted"}  # what a refused accept tried (the form keeps its values)


def _open(
    connection: Connection, draft_id: int, kind: str | None = None, expected: int | None = None, yours=None
) -> Draft:
    d = get(connection, draft_id, lock=expected is not None)
    if d is None:
        raise Refused(f"There is no draft {draft_id}.")
    if expected is not None and (d.row_version != expected or d.status != "proposed"):
        _decided_meanwhile(d, yours)
    if kind and d.kind != kind:
        raise Refused(f"Draft {draft_id} is a proposed {d.kind}, not a {kind}.")
    return d


@one_decision
def reject(engine: Engine, user: User, draft_id: int, expected_version: int, reason: str = "") -> None:
    require(user, "editor")
    with engine.begin() as connection:
        d = _open(connection, draft_id, expected=expected_version, yours={"decision": "rejected"})
        _decide(connection, user, d, expected_version, "rejected", reason.strip()[:500], {"decision": "rejected"})


def _article(connection: Connection, article_id: str) -> dict:
    row = workcopy.get(connection, "articles", article_id)
    if row is None:
        raise Refused(f"The article {article_id} is no longer in the working copy.")
    return row.data


@one_decision
def accept_event(engine: Engine, user: User, draft_id: int, expected_version: int, fields: dict) -> str:
    """Accept a proposed event, with the editor's edits (fields: event_id, date, date_text, status,
    event_type, title, summary, location, actor_ids, note). The evidence stays the verbatim passage."""
    require(user, "editor")
    with engine.begin() as connection:
        d = _open(connection, draft_id, "event", expected=expected_version, yours=ACCEPTED)
        p = d.proposal
        article = _article(connection, d.article_id)
        event_type = (fields.get("event_type") or p["event_type"]).strip()
        if workcopy.get(connection, "event_types", event_type) is None:
            if event_type not in NEW_TYPES or event_type == "unclassified":
                raise Refused("Choose the event's type: the draft could not tell it from the text.")
            workcopy.insert_row(
                connection,
                user,
                "event_types",
                {"event_type": event_type, "label": NEW_TYPES[event_type], "cameo_code": ""},
            )
        actor_ids = fields.get("actor_ids")
        if actor_ids is None:
            actor_ids = ";".join(a["actor_id"] for a in p["actors"] if a.get("actor_id"))
        if not str(actor_ids).strip():
            raise Refused("Choose at least one actor of the event.")
        date = (fields.get("date") or p["date"] or "").strip()
        if not date:
            raise Refused("Give the event's date (EDTF, e.g. 2024-03 for a month): the draft could not resolve it.")
        title = (fields.get("title") or p["title"]).strip()
        event_id = (fields.get("event_id") or "").strip() or _unique(
            connection, "events", slug(f"ev-{date}-{title}", 70)
        )
        row = {
            "event_id": event_id,
            "date": date,
            "date_text": (fields.get("date_text") or p.get("date_text") or "").strip(),
            "status": fields.get("status") or p["status"],
            "event_type": event_type,
            "title": title,
            "summary": (fields.get("summary") or "").strip(),
            "location": (fields.get("location") or p.get("location") or "").strip(),
            "actor_ids": actor_ids,
            "article_id": d.article_id,
            "evidence": p["evidence"],
            "reported_by": (fields.get("reported_by") or "").strip()
            or p.get("reported_by")
            or article.get("source_id", ""),
            "note": (fields.get("note") or "").strip(),
        }
        workcopy.insert_row(connection, user, "events", row)
        still_publishable(connection, "events", event_id)
        _decide(connection, user, d, expected_version, "accepted", f"events:{event_id}")
    return event_id


@one_decision
def attach_report(
    engine: Engine, user: User, draft_id: int, expected_version: int, event_id: str, fields: dict | None = None
) -> str:
    """Accept a proposed event as another report of an existing event (reports.csv)."""
    require(user, "editor")
    fields = fields or {}
    with engine.begin() as connection:
        d = _open(connection, draft_id, "event", expected=expected_version, yours={"decision": "attached"})
        if workcopy.get(connection, "events", event_id) is None:
            raise Refused(f"There is no event {event_id} in the working copy.")
        p = d.proposal
        article = _article(connection, d.article_id)
        report_id = _unique(connection, "reports", slug(f"{event_id}--{d.article_id}", 120))
        workcopy.insert_row(
            connection,
            user,
            "reports",
            {
                "report_id": report_id,
                "event_id": event_id,
                "article_id": d.article_id,
                "evidence": p["evidence"],
                "date": (fields.get("date") or p["date"] or "").strip(),
                "date_text": (fields.get("date_text") or p.get("date_text") or "").strip(),
                "status": fields.get("status") or p["status"],
                "reported_by": (fields.get("reported_by") or "").strip()
                or p.get("reported_by")
                or article.get("source_id", ""),
            },
        )
        still_publishable(connection, "reports", report_id)
        _decide(connection, user, d, expected_version, "accepted", f"reports:{report_id}")
    return report_id


def chain_cell(steps: list[dict], known_sources) -> str:
    """A draft's chain in the data model's wording ("told: guardian; via: aljazeera"). An outlet that is not
    yet a source keeps its place, under the id it will have (new_outlets() lists them; accepting the quote
    adds them as sources): a step is never dropped."""
    cells = []
    for s in steps:
        wording, source, outlet = s.get("wording", ""), s.get("source_id", ""), s.get("outlet", "")
        if wording == "in a statement":
            cells.append("in a statement" + (f": {source}" if source else ""))
        elif source and source in known_sources:
            cells.append(f"{wording}: {source}")
        elif outlet or source:
            cells.append(f"{wording}: {slug(outlet or source, 40)}")
    return "; ".join(cells)


def new_outlets(steps: list[dict], known_sources) -> dict[str, str]:
    """The outlets of a draft's chain that are not yet sources: proposed id -> the name the article gives."""
    found = {}
    for s in steps:
        outlet, source = s.get("outlet", ""), s.get("source_id", "")
        if s.get("wording") != "in a statement" and (outlet or source) and source not in known_sources:
            found[slug(outlet or source, 40)] = outlet or source
    return found


def _typed_outlets(cell: str, known) -> tuple[str, dict[str, str]]:
    """A chain in which the editor typed a new outlet by its name ("told: Northgate Agency"): the step names
    it by the id it will have (northgate-agency), and the new source gets the name as typed, not its id."""
    from components.data import chains

    named, parts = {}, []
    for step in chains.parse(cell):
        target = step.target
        if chains.WORDINGS.get(step.wording) == chains.OUTLET and target and target not in known:
            made = slug(target, 40)
            if made != target:
                named[made], target = target, made
        parts.append(f"{step.wording}: {target}" if target else step.wording)
    return ("; ".join(parts) if named else cell), named


def _add_chain_outlets(connection: Connection, user: User, cell: str, proposed: dict[str, str]) -> list[str]:
    """Every outlet a chain cell names that is not a source yet becomes one (named as the article names it),
    so that the accepted quote publishes; the ids added."""
    from components.data import chains

    known = {r.key for r in workcopy.rows(connection, "sources")}
    added = []
    for step in chains.parse(cell):
        if chains.WORDINGS.get(step.wording) == chains.OUTLET and step.target and step.target not in known:
            name = proposed.get(step.target, step.target)
            workcopy.insert_row(
                connection, user, "sources", {"source_id": step.target, "name": name, "kind": "news outlet", "url": ""}
            )
            known.add(step.target)
            added.append(step.target)
    return added


@one_decision
def accept_quote(engine: Engine, user: User, draft_id: int, expected_version: int, fields: dict) -> str:
    """Accept a proposed quote (fields: quote_id, speaker_id, quote_type, said_on, event_id, chain). The
    words stay verbatim."""
    require(user, "editor")
    with engine.begin() as connection:
        d = _open(connection, draft_id, "quote", expected=expected_version, yours=ACCEPTED)
        p = d.proposal
        article = _article(connection, d.article_id)
        speaker = str(fields["speaker_id"] if "speaker_id" in fields else p.get("speaker_id") or "").strip()
        new_person = (fields.get("new_speaker_name") or "").strip()
        if new_person:  # a speaker who is not an actor yet: created here, with the passage as the evidence
            _not_a_second(connection, new_person)
            made = _unique(connection, "actors", slug(new_person, 40))
            workcopy.insert_row(
                connection,
                user,
                "actors",
                {
                    "actor_id": made,
                    "name": new_person,
                    "kind": "person",
                    "faction_ids": fields.get("new_speaker_factions", ""),
                    "role": (fields.get("new_speaker_role") or "").strip(),
                    "aliases": "",
                },
            )
            speaker = ";".join([*split_list(speaker), made])
        if not speaker:
            raise Refused("Choose who said it, or give a new person's name: the draft found no known speaker.")
        sources = {r.key for r in workcopy.rows(connection, "sources")}
        said_on = (fields.get("said_on") if fields.get("said_on") is not None else p.get("said_on") or "") or ""
        quote_id = (fields.get("quote_id") or "").strip() or _unique(
            connection,
            "quotes",
            slug(
                f"q-{(split_list(speaker) or [''])[0]}-{said_on or article.get('published_on', '')}-{p['text'][:40]}",
                80,
            ),
        )
        row = {
            "quote_id": quote_id,
            "speaker_id": speaker,
            "text": p["text"],
            "quote_type": fields.get("quote_type") or p["quote_type"],
            "said_on": said_on.strip(),
            "event_id": (fields.get("event_id") or "").strip(),
            "reported_by": (fields.get("reported_by") or "").strip() or article.get("source_id", ""),
            "article_id": d.article_id,
            "chain": fields.get("chain")
            if fields.get("chain") is not None
            else chain_cell(p.get("chain", []), sources),
        }
        row["chain"], named = _typed_outlets(row["chain"], sources)
        _add_chain_outlets(connection, user, row["chain"], new_outlets(p.get("chain", []), sources) | named)
        event_id = row["event_id"]
        if event_id and workcopy.get(connection, "events", event_id) is None:
            raise Refused(f"There is no event {event_id!r} to link the quote to. Choose one from the list.")
        workcopy.insert_row(connection, user, "quotes", row)
        still_publishable(connection, "quotes", quote_id)
        _decide(connection, user, d, expected_version, "accepted", f"quotes:{quote_id}")
    return quote_id


@one_decision
def accept_actor(engine: Engine, user: User, draft_id: int, expected_version: int, fields: dict) -> str:
    """Accept a proposed new actor (fields: actor_id, name, kind, faction_ids, role)."""
    require(user, "editor")
    with engine.begin() as connection:
        d = _open(connection, draft_id, "actor", expected=expected_version, yours=ACCEPTED)
        name = (fields.get("name") or d.proposal["name"]).strip()
        _not_a_second(connection, name)
        actor_id = (fields.get("actor_id") or "").strip() or _unique(connection, "actors", slug(name, 40))
        row = {
            "actor_id": actor_id,
            "name": name,
            "kind": fields.get("kind") or "person",
            "faction_ids": fields.get("faction_ids", ""),
            "role": (fields["role"] if "role" in fields else d.proposal.get("role", "")).strip(),  # the title alone
            "aliases": "",
        }
        workcopy.insert_row(connection, user, "actors", row)
        still_publishable(connection, "actors", actor_id)
        _decide(connection, user, d, expected_version, "accepted", f"actors:{actor_id}")
        _point_quotes_to(connection, d.article_id, name, actor_id)
    return actor_id


def _point_quotes_to(connection: Connection, article_id: str, name: str, actor_id: str) -> None:
    """The article's proposed quotes by the person just added now name them as their speaker (so accepting
    one does not make the person again). The proposal is the drafter's, not a decision: its version stays."""
    for r in connection.execute(
        select(drafts).where(drafts.c.article_id == article_id, drafts.c.kind == "quote", drafts.c.status == "proposed")
    ).mappings():
        proposal = json.loads(r["proposal"])
        if not proposal.get("speaker_id") and fold(proposal.get("speaker") or "") == fold(name):
            proposal["speaker_id"] = actor_id
            connection.execute(
                update(drafts)
                .where(drafts.c.draft_id == r["draft_id"])
                .values(proposal=json.dumps(proposal, ensure_ascii=False))
            )


def reopen(engine: Engine, user: User, draft_id: int, expected_version: int) -> str:
    """Undo a decision: a rejected draft is proposed again; an accepted one too, and the row it made is
    removed (refused, naming who, if someone changed that row since). What was done, in words."""
    require(user, "editor")
    with engine.begin() as connection:
        d = get(connection, draft_id, lock=True)
        if d is None:
            raise Refused(f"There is no draft {draft_id}.")
        if d.row_version != expected_version:
            _decided_meanwhile(d, {"decision": "reopened"})
        if d.status == "proposed":
            raise Refused(f"Draft {draft_id} is not decided.")
        said = f"draft {draft_id} is proposed again"
        table, _, key = d.result.partition(":")
        if d.status == "accepted" and table and key:
            made = workcopy.get(connection, table, key)
            if made is not None:
                if made.updated_by != d.decided_by or made.row_version != 1:
                    raise workcopy.stale_row(
                        made,
                        table,
                        key,
                        {},
                        f"It was made by accepting draft {draft_id}: nothing was reopened. Delete or edit it under "
                        "*Edit the working copy* instead.",
                    )
                workcopy.delete_row(connection, user, table, key, made.row_version)
                said += f"; {table} {key} removed"
        connection.execute(
            update(drafts)
            .where(drafts.c.draft_id == draft_id)
            .values(
                status="proposed",
                result="",
                row_version=drafts.c.row_version + 1,
                decided_by=user.name,  # who reopened it, and when: a decision against the older version names them
                decided_at=audit.now(),
            )
        )
        audit.log(
            connection, user, "reopened", f"draft:{draft_id}", was=d.status, result=d.result, version=d.row_version + 1
        )
    return said


def delete_row(engine: Engine, user: User, table: str, key: str, expected_version: int) -> None:
    """Delete a row, unless publishing would then fail (a row that others refer to)."""
    with engine.begin() as connection:
        workcopy.delete_row(connection, user, table, key, expected_version)
        still_publishable(connection, table, key)


def article_text(engine: Engine, article_id: str) -> str | None:
    with engine.connect() as connection:
        row = workcopy.get(connection, "articles", article_id)
        return workcopy.document(connection, row.data.get("path", "")) if row else None


def articles(engine: Engine, user: User) -> list[dict]:
    """The working copy's articles, newest first, with their drafts' counts (editors)."""
    require(user, "editor")
    with engine.connect() as connection:
        rows = [r.data for r in workcopy.rows(connection, "articles")]
        counts: dict[str, dict[str, int]] = {}
        for article_id, status in connection.execute(select(drafts.c.article_id, drafts.c.status)):
            counts.setdefault(article_id, {}).setdefault(status, 0)
            counts[article_id][status] += 1
    for row in rows:
        row["drafts"] = counts.get(row["article_id"], {})
    return sorted(rows, key=lambda r: (r.get("published_on", ""), r["article_id"]), reverse=True)


def choices(engine: Engine) -> dict:
    """What the Curate page offers to choose from, read in one transaction: actors, event types (the
    store's and the drafter's new ones), events, factions (id -> label) and the known outlets' ids."""
    with engine.connect() as c:
        actors = {r.key: r.data.get("name", r.key) for r in workcopy.rows(c, "actors")}
        types = {r.key: r.data.get("label", r.key) for r in workcopy.rows(c, "event_types")}
        events = {
            r.key: f"{r.data.get('date', '')} · {r.data.get('title', '')[:70]}" for r in workcopy.rows(c, "events")
        }
        factions = {r.key: r.data.get("name", r.key) for r in workcopy.rows(c, "factions")}
        sources = {r.key: r.data.get("name", r.key) for r in workcopy.rows(c, "sources")}
        known = people(c)
    types |= {k: v for k, v in NEW_TYPES.items() if k not in types and k != "unclassified"}
    return {
        "actors": actors,
        "types": types,
        "events": events,
        "factions": factions,
        "sources": sources,
        "people": known,
    }


NEW_FAMILIES = {"agreement": "05"}  # the drafter's new types' CAMEO root (postponement has none)


def _family(cameo: str) -> str | None:
    """An event type's family: its CAMEO root code (04 consult and meet, 08 yield, 19 fight …)."""
    code = "".join(ch for ch in str(cameo) if ch.isdigit())
    return code[:2] if len(code) >= 2 else None


NEAR_DAYS = 7  # a report within a week of an event may be another account of it (or contradict its date)


def attach_candidates(engine: Engine, proposal: dict, limit: int = 12) -> list[dict]:
    """The working copy's events a drafted event may be another report of, best first: events sharing its
    actors, within NEAR_DAYS of its date (so a report that contradicts a date by days still finds its
    event), and the drafter's own matches. Each: event_id, label (date · status · title), shared actors,
    days apart, strong (shares an actor and the type family and lies within the week: only then is it preselected)."""
    from components.data.dates import parse_date

    def bounds(text: str):
        try:
            d = parse_date(text)
            return d.start, d.end
        except Exception:
            return None

    wanted = {a["actor_id"] for a in proposal.get("actors", []) if a.get("actor_id")}
    mine = bounds(proposal.get("date") or "")
    matches = set(proposal.get("matches", []))
    with engine.connect() as c:
        events = workcopy.rows(c, "events")
        families = {r.key: _family(r.data.get("cameo_code", "")) for r in workcopy.rows(c, "event_types")}
    families |= {k: v for k, v in NEW_FAMILIES.items() if k not in families}
    family = families.get(proposal.get("event_type") or "")
    found = []
    for r in events:
        shared = len(wanted & set(split_list(r.data.get("actor_ids", ""))))
        theirs = bounds(r.data.get("date", ""))
        apart = None
        if mine and theirs:
            apart = max((mine[0] - theirs[1]).days, (theirs[0] - mine[1]).days, 0)
        near = apart is not None and apart <= NEAR_DAYS
        score = 2 * shared + (2 if near else 0) + (1 if r.key in matches else 0)
        if shared or r.key in matches:
            span = (theirs[1] - theirs[0]).days if theirs else 0
            found.append(
                {
                    "event_id": r.key,
                    "label": f"{r.data.get('date', '')} · {r.data.get('status', '')} · {r.data.get('title', '')[:70]}",
                    "shared": shared,
                    "apart": apart,
                    # preselected only with shared actors, the same type family (a resignation is not a
                    # meeting), within the week; a long span overlaps everything: never
                    "strong": bool(
                        shared
                        and near
                        and span <= 31
                        and family is not None
                        and family == families.get(r.data.get("event_type", ""))
                    ),
                    "score": score - (1 if span > 31 else 0),
                }
            )
    found.sort(key=lambda f: (-f["score"], f["apart"] if f["apart"] is not None else 10**6, f["event_id"]))
    return found[:limit]


LABEL_COLUMNS = ("title", "name", "label", "text", "summary")  # what names a row in a list, first found


def tables(engine: Engine) -> list[str]:
    with engine.connect() as c:
        return workcopy.table_names(c)


def listing(engine: Engine, table: str) -> dict[str, str]:
    """One working-copy table's rows as id -> a short label (the row editor's choices), in file order."""
    with engine.connect() as c:
        return {
            r.key: next((str(r.data[k])[:80] for k in LABEL_COLUMNS if str(r.data.get(k, "")).strip()), "")
            for r in workcopy.rows(c, table)
        }


def columns_of(engine: Engine, table: str) -> list[str]:
    with engine.connect() as c:
        return workcopy.columns(c, table)


def row(engine: Engine, table: str, key: str):
    """One working-copy row (its data, version and who changed it last), or None."""
    with engine.connect() as c:
        return workcopy.get(c, table, key)


def update_row(engine: Engine, user: User, table: str, key: str, changes: dict, expected_version: int):
    """Change cells of one working-copy row, if it is still at the version the editor saw (else Conflict)."""
    with engine.begin() as c:
        version = workcopy.update_row(c, user, table, key, changes, expected_version)
        still_publishable(c, table, key)
        return version
