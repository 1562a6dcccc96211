"""A draft of an article: proposed events, quotes and new actors, each with its verbatim passage and
character offsets, for a person to accept or reject (nothing here writes to a data directory).

    draft(text, published, outlet, ds) -> dict   (the JSON document of docs/drafting.md)
"""

from __future__ import annotations

import datetime as dt
import html.parser
import re
from pathlib import Path

from components.data.names import fold, name_index
from components.drafting import events, parser, speakers
from components.drafting.events import NEW_TYPES  # noqa: F401 (curation proposes the new types by it)
from components.drafting.grammar import datelines, titled_people
from components.drafting.quotes import TITLED, find_quotes
from components.drafting.reldates import find_dates

MAX_BYTES = 1_000_000
SCHEMA = "factionline-draft/1"


class DraftError(ValueError):
    """An article that cannot be drafted: the message says why and what to do."""


class _Text(html.parser.HTMLParser):
    SKIP = {"script", "style", "noscript", "template", "head"}
    BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section", "article"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        self.skip += tag in self.SKIP
        if tag in self.BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        self.skip -= tag in self.SKIP and self.skip > 0
        if tag in self.BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def read_article(path: Path) -> str:
    """The article's text: .txt and .md as they are, .html reduced to its text (scripts and styles
    dropped). Empty, binary and huge files raise DraftError."""
    from components.data.inputs import InputRefused, read_input

    try:
        data = read_input(path, MAX_BYTES, "An article")
    except InputRefused as err:  # the file's name only: an upload's temporary path is the server's business
        if err.too_big:
            raise DraftError(f"{path.name}: more than 1 MB of text. Draft one article at a time.") from None
        raise DraftError(f"{path.name}: {err.reason}") from None
    if b"\x00" in data:
        raise DraftError(f"{path.name}: a binary file, not text. Save the article as .txt, .md or .html (UTF-8).")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise DraftError(f"{path.name}: not UTF-8 text (byte {err.start}). Save it as UTF-8.") from err
    if path.suffix.lower() in (".html", ".htm"):
        parser = _Text()
        parser.feed(text)
        text = re.sub(r"\n\s*\n\s*", "\n\n", re.sub(r"[ \t]+", " ", "".join(parser.parts))).strip()
    if not text.strip():
        raise DraftError(f"{path.name}: the file is empty. Give the article's text.")
    return text


def _person_found(text: str, name: str, role: str, start: int, end: int) -> dict:
    lo, hi = _sentence_of(text, start)
    return {"name": name, "role": role, "because": text[lo:hi].strip(), "start": start, "end": end}


def _named_speakers(text: str, quotes) -> dict[str, dict]:
    """The named speakers of quotes who are not actors ("Hisham Barakat"), not descriptions ("one Western
    diplomat"), where the text names them."""
    found: dict[str, dict] = {}
    for q in quotes:
        if not q.speaker or q.speaker_id or len(q.speaker.split()) < 2 or not q.speaker[:1].isupper():
            continue
        at = text.find(q.speaker, q.end)
        at = at if at >= 0 else text.find(q.speaker)
        if at >= 0 and not q.speaker.lower().startswith(("a ", "an ", "the ", "one ")):
            found.setdefault(q.speaker, _person_found(text, q.speaker, "", at, at + len(q.speaker)))
    return found


def _new_people(text: str, doc, mentions, quotes) -> list[dict]:
    """People the article introduces who are not actors yet: with the parse, the titled full names
    ("Central Committee member Karim Haddad") and the named speakers of quotes; without it, the names a
    title introduces. Each with its role (the title alone, never the matched words) and its evidence."""
    known = {m.text for m in mentions}
    found: dict[str, dict] = {}
    if doc is not None:
        for person in titled_people(doc):
            found.setdefault(person.text, _person_found(text, person.text, person.role, person.start, person.end))
        found = found | {k: v for k, v in _named_speakers(text, quotes).items() if k not in found}
    else:
        for m in TITLED.finditer(text):
            name, role = m.group(1), m.group(0)[: m.start(1) - m.start()].strip(" ,")
            found.setdefault(
                name, {"name": name, "role": role, "because": m.group(0), "start": m.start(), "end": m.end()}
            )
    return [a for name, a in found.items() if name not in known]


def _same_outlet(step: dict, outlet: str, outlet_id: str) -> bool:
    """A chain that already ends with the article's outlet ("relayed by Meridian", read on Meridian): no
    "via" step repeating it."""
    if outlet_id and step.get("source_id") == outlet_id:
        return True
    return bool(step.get("outlet")) and fold(step["outlet"]) == fold(outlet)


def _sentence_of(text: str, at: int) -> tuple[int, int]:
    lo = max(text.rfind(". ", 0, at) + 2, text.rfind("\n", 0, at) + 1, 0)
    ends = [i for i in (text.find(". ", at), text.find("\n", at)) if i >= 0]
    return lo, (min(ends) + 1 if ends else len(text))


def _outlets(ds) -> dict:
    """Known outlets by folded name and by their id's words ("levant-ledger" → "levant ledger")."""
    outlets = {fold(name): sid for sid, name in zip(ds.sources["source_id"], ds.sources["name"])}
    return outlets | {fold(sid.replace("-", " ")): sid for sid in ds.sources["source_id"]}


def _context(text: str, published: dt.date | None, ds, outlet_id: str, outlets: dict) -> events.Context:
    """The article read once for every stage: its parse, datelines, actors named, dates."""
    doc = parser.parse(text)  # None without a verified English model: the rules alone
    lines = datelines(text)
    # "MOSCOW —" heads the wire copy: the dateline's city is not an actor of the story, nor a speaker
    mentions = [m for m in name_index(ds).find(text) if not any(lo <= m.start < hi for lo, hi in lines)]
    people = frozenset(a for a, kind in zip(ds.actors["actor_id"], ds.actors["kind"]) if str(kind) == "person")
    live = published is not None and len(events.LIVE_ENTRY.findall(text)) >= 2
    dates = find_dates(text, published)
    return events.Context(text, doc, ds, published, outlets, outlet_id, mentions, dates, people, [], lines, live)


def _quotes(ctx: events.Context) -> list:
    """Quotes: the cue, content and source stages (quotes.py), then the layout and coreference stages
    (speakers.py)."""
    ds = ctx.ds
    sides = {a: ds.factions_of_actor.get(a, []) for a in ds.actors["actor_id"]}
    index = name_index(ds)
    found = find_quotes(ctx.text, index, ctx.mentions, ctx.outlets, fold, ctx.people, sides, ctx.doc)
    return speakers.attribute(speakers.Context(ctx.text, ctx.doc, ctx.mentions, ctx.people), found)


def _quote_document(q, ctx: events.Context, outlet: str, roles: dict) -> dict:
    """One quote as the draft document gives it: the article's outlet closes its chain as "via"."""
    via = [{"wording": "via", "outlet": outlet, "source_id": ctx.outlet_id}]
    closed = outlet and not (q.chain and _same_outlet(q.chain[-1], outlet, ctx.outlet_id))
    return {
        "speaker": q.speaker,
        "speaker_id": q.speaker_id,
        "text": q.text,
        "quote_type": q.quote_type,
        "said_on": next((d.edtf for d in ctx.dates if _same_sentence(ctx.text, d.start, q.start)), None),
        "chain": q.chain + (via if closed else []),
        "start": q.start,
        "end": q.end,
        "confidence": q.confidence,
        "note": q.note,
        "speaker_rule": q.rule,
    } | ({"speaker_role": roles[q.speaker]} if not q.speaker_id and q.speaker in roles else {})


def draft(text: str, published: dt.date | None, outlet: str, ds) -> dict:
    """Proposed events, quotes and new actors of one article, matched against the dataset ds."""
    outlets = _outlets(ds)
    ctx = _context(text, published, ds, outlets.get(fold(outlet), ""), outlets)
    ctx.quotes = _quotes(ctx)
    proposed, set_aside = events.drafted(ctx)
    new_actors = _new_people(text, ctx.doc, ctx.mentions, ctx.quotes)
    roles = {a["name"]: a["role"] for a in new_actors}  # a new person's quote carries their role to its form
    return {
        "schema": SCHEMA,
        "published": published.isoformat() if published else None,
        "outlet": {"name": outlet, "source_id": ctx.outlet_id},
        "events": proposed,
        "quotes": [_quote_document(q, ctx, outlet, roles) for q in ctx.quotes],
        "actors": new_actors,
        "set_aside": set_aside,
        "dates": [{"text": d.text, "edtf": d.edtf, "how": d.how, "start": d.start, "end": d.end} for d in ctx.dates],
    }


def _same_sentence(text: str, a: int, b: int) -> bool:
    lo, hi = min(a, b), max(a, b)
    return not re.search(r"[.!?]\s|\n", text[lo:hi])


def _event_lines(e: dict) -> list[str]:
    lines = [f"  [{e['confidence']:.0%}] {e['date'] or 'UNRESOLVED'} ({e['date_text']}) {e['status']} — {e['title']}"]
    lines.append(f"        evidence: {e['evidence'][:160]}")
    if e["matches"]:
        lines.append(f"        may be another report of: {', '.join(e['matches'])}")
    return lines


def _quote_lines(q: dict) -> list[str]:
    chain = "; ".join(f"{s['wording']}: {s.get('source_id') or s.get('outlet', '')}".rstrip(": ") for s in q["chain"])
    who = (q["speaker"] or "SPEAKER NOT FOUND") + (f" ({q['speaker_id']})" if q["speaker_id"] else "")
    return [
        f"  [{q['confidence']:.0%}] {who} — {q['quote_type']}: “{q['text'][:140]}”",
        f"        chain: {chain or '—'}" + (f"  · {q['note']}" if q["note"] else ""),
    ]


def _section(title: str, items: list, lines_of) -> list[str]:
    if not items:
        return []
    return ["", f"{title} ({len(items)}):"] + [line for item in items for line in lines_of(item)]


def review_text(result: dict) -> str:
    """The draft as a readable review list."""
    published = result["published"] or "(not given: relative dates unresolved)"
    lines = [f"Draft of an article by {result['outlet']['name'] or '(outlet not given)'}, published {published}"]
    lines += ["", f"Events proposed ({len(result['events'])}):"]
    lines += [line for e in result["events"] for line in _event_lines(e)]
    lines += ["", f"Quotes proposed ({len(result['quotes'])}):"]
    lines += [line for q in result["quotes"] for line in _quote_lines(q)]
    lines += _section(
        "Read but not drafted as events",
        result.get("set_aside", []),
        lambda e: [f"  {e['status']} ({e['set_aside_by']}): {e['evidence'][:160]}"],
    )
    lines += _section("New actors proposed", result["actors"], lambda a: [f"  {a['name']} — “{a['because']}”"])
    unresolved = [d for d in result["dates"] if d["edtf"] is None]
    if unresolved:
        lines += ["", "Dates left unresolved: " + ", ".join(f"“{d['text']}” ({d['how']})" for d in unresolved)]
    return "\n".join(lines)
