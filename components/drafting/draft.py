"""A draft of an article: proposed events, quotes and new actors, each with its verbatim passage and
character offsets, for a person to accept or reject (nothing here writes to a data directory).

    draft(text, published, outlet, ds) -> dict   (the JSON document of docs/drafting.md)
"""

from __future__ import annotations

import datetime as dt
import html.parser
import re
from pathlib import Path

from components.data.names import Mention, fold, name_index
from components.data.schema import split_list
from components.drafting import modality, parser, speakers
from components.drafting.grammar import (
    dated_noun,
    datelines,
    dates_a_thing,
    dates_another_action,
    titled_people,
)
from components.drafting.quotes import _TITLED, SPEECH, _and_join, chain_of, find_quotes
from components.drafting.reldates import _VERB, OPEN_BOUND, DateMention, _future, find_dates

MAX_BYTES = 1_000_000
SCHEMA = "factionline-draft/1"
REPORTED = re.compile(r"\b(reportedly|allegedly|according to|is said to|are said to|was said to|were said to)\b", re.I)
# Event verbs -> event types: the bundled types (CAMEO-coded), then two the bundled data lacks (a draft
# proposes them as new types for the editor to add or map).
VERBS = {
    "postponement": r"\b(postponed|postpone|delayed|called off|cancelled|canceled)\b",
    "host_visit": r"\b(received|receives|hosted|hosts|host)\b",
    "meeting": r"\b(met|meet|meets|meeting|talks|discussions|negotiat\w*|sat down|session|take place|took place|round)\b",
    "visit": r"\b(visited|visits|visit|arrived|arrive|arrives|travelled to|traveled to|travel to|flew to|flown to|"
    r"fly to|leave|leaves|left for|depart\w*)\b",
    "invitation": r"\b(invited|invites|invite|invitation)\b",
    "leadership_change": r"\b(resigned|resigns|resignation|stepped down)\b",
    "military_force": r"\b(attacked|attack|strike|strikes|struck|shelled|launched|clash(?:es|ed)?|killed|kill|"
    r"fired|bombed|raided)\b",
    "arrest": r"\b(arrested|arresting|arrests|detained|detaining|rounded up)\b",
    "protest": r"\b(sit-ins?|protest(?:s|ed|ing)?|demonstrat\w+|rall(?:y|ies|ied))\b",
    "reduce_relations": r"\b(closed its|recalled (?:its|his|her|their)|expelled|severed|cut ties)\b",
    "mediation": r"\b(mediat\w+|brokered)\b",
    "consult": r"\b(consult\w*)\b",
    "endorse": r"\b(welcomed|praised|endorsed)\b",
    "agreement": r"\b(agreed|agree|agreement|signed|sign|signing|deal|accord)\b",
    "statement": r"\b(announced|announces|declared|statement|news conference|press conference|briefing)\b",
}
# "said on Wednesday", "told Eastwire on Friday": the day it was said
_SAID_ON = re.compile(rf"\b{SPEECH}(?:\s+(?:the\s+)?[A-Z][\w'’.-]*){{0,3}}\s*$", re.I)
# A sentence whose subject refers back ("she has flown to Doha", "the talks were postponed", "the two
# movements are due to meet"): its actors are the ones named just before.
_REFERS = re.compile(
    r"\b(?:(he|she)|(?:the|its) (?:(group|movement|faction|party|organi[sz]ation))|they|both|"
    r"(?:the|their|his|her) (?:(two|three|four) )?(?:talks|meeting|negotiations|delegations?|negotiators|"
    r"movements|factions|sides|parties|leaders|groups)|the [A-Z]\w+ (?:talks|meeting|negotiations)|(?:an?|the) (?:second|third|next|new|final|further) "
    r"(?:round|meeting|session))\b",
    re.I,
)
# "two days of talks that ended on Sunday", "a three-day meeting ending on Friday": a span ending that day
_N_DAYS = r"\b(?P<n>two|three|four|five|six|seven|\d)[- ]days?\b"
_ENDED = r"\b(?:end|ended|ending|ends|concluded|closed|wrapped up)\b"
_PAREN = re.compile(r"\s*\(.*\)$")  # "(CAMEO 057)" in a type's label: not for a title
_RELAY_SENTENCE = re.compile(r"\b(?:relayed|carried|republished|quoted|reported|published)\s+by\b", re.I)
# "The statement was relayed by Eastwire on Sunday": how the words travelled (the chain), not an event
_RELAYED_WORDS = re.compile(
    r"\b(?:statement|remarks|comments|words|interview|text)\s+(?:was|were)\s+(?:\w+\s+)?"
    r"(?:relayed|carried|republished|quoted|reported|published)\b",
    re.I,
)
_STATED_ON = re.compile(r"\bstatement\s+(?:(?:published|issued|released)\s+)?(?:(?:late |early )?on\s+)?$", re.I)
_LASTS = re.compile(
    r"[^.]{0,30}?\b(?:last|lasting|run|running|for)\s+(two|three|four|five|six|seven|\d)\s+days\b", re.I
)
_SPAN = re.compile(rf"{_N_DAYS}[^.]{{0,60}}?{_ENDED}|{_ENDED}[^.]{{0,40}}?{_N_DAYS.replace('?P<n>', '?P<m>')}", re.I)
_LIVE_ENTRY = re.compile(r"^\d{1,2}[:.]\d{2}\s*[-–—:]", re.M)  # "10:05 - …": a live blog's entry of the day
_DATELINE = re.compile(r"^[A-Z][A-Z .'’-]+,\s*$")  # "MOSCOW, March 1 (Eastwire) -"
NEW_TYPES = {
    "agreement": "Sign or agree an accord (CAMEO 057)",
    "postponement": "Postpone or call off (not in CAMEO)",
    "arrest": "Arrest or detain (CAMEO 173)",
    "protest": "Demonstrate or rally (CAMEO 141)",
    "unclassified": "Event (choose its type)",  # a dated sentence with no verb we know
}


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


def _sentences(text: str):
    for m in re.finditer(r"[^\n.!?]+(?:[.!?][\"”’)]*(?=\s|$)|$)", text):  # a closing quote mark may follow
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        if e - s > 20:
            yield s, e


def _new_people(text: str, doc, mentions, quotes) -> list[dict]:
    """People the article introduces who are not actors yet: with the parse, the titled full names
    ("Central Committee member Karim Haddad") and the named speakers of quotes; without it, the names a
    title introduces. Each with its role (the title alone, never the matched words) and its evidence."""
    known = {m.text for m in mentions}
    found: dict[str, dict] = {}
    if doc is not None:
        for person in titled_people(doc):
            lo, hi = _sentence_of(text, person.start)
            found.setdefault(
                person.text,
                {
                    "name": person.text,
                    "role": person.role,
                    "because": text[lo:hi].strip(),
                    "start": person.start,
                    "end": person.end,
                },
            )
        for q in quotes:
            if q.speaker and not q.speaker_id and len(q.speaker.split()) >= 2 and q.speaker[:1].isupper():
                at = text.find(q.speaker, q.end)
                at = at if at >= 0 else text.find(q.speaker)
                if at >= 0 and not q.speaker.lower().startswith(("a ", "an ", "the ", "one ")):
                    lo, hi = _sentence_of(text, at)
                    found.setdefault(
                        q.speaker,
                        {
                            "name": q.speaker,
                            "role": "",
                            "because": text[lo:hi].strip(),
                            "start": at,
                            "end": at + len(q.speaker),
                        },
                    )
    else:
        for m in _TITLED.finditer(text):
            name = m.group(1)
            role = m.group(0)[: m.start(1) - m.start()].strip(" ,")
            found.setdefault(
                name, {"name": name, "role": role, "because": m.group(0), "start": m.start(), "end": m.end()}
            )
    return [a for name, a in found.items() if name not in known]


def _noun_events(doc, text: str, s: int, e: int, dates, kind: str, chosen: dict) -> list:
    """Events a sentence names by a noun with a date of its own, beside the one its verb tells: (date,
    kind) for "the resignation of the Palestinian government two days ago". Needs the parse."""
    if doc is None:
        return []
    found = []
    for d in dates:
        if not s <= d.start < e or d.edtf in chosen:
            continue
        noun = dated_noun(doc, d.start, d.end)
        noun_kind = next((k for k, p in VERBS.items() if noun is not None and re.fullmatch(p, noun.text, re.I)), None)
        if noun_kind and noun_kind != kind and noun_kind not in ("statement", "agreement"):
            words = sorted(noun.subtree, key=lambda t: t.i)
            found.append((d, noun_kind, words[0].idx, words[-1].idx + len(words[-1].text)))
    return found


def _main_action(doc, s: int, matches: list):
    """Of the event words a sentence matches (in VERBS order), the one that tells its action: with the
    parse, a verb before a noun and the verb nearest the sentence's root ("Abbas welcomed the invitation"
    is a welcome, not an invitation), an announcing verb after the action it announces; without it, the
    first."""
    if not matches:
        return None
    if doc is None or len(matches) == 1:
        return matches[0]

    def rank(pair):
        span = doc.char_span(s + pair[1].start(), s + pair[1].end(), alignment_mode="expand")
        token = span.root if span is not None and len(span) else None
        if token is None or token.pos_ not in ("VERB", "AUX"):
            return (2, 0)
        # "announced that it had invited …": the announcement frames the action it reports
        return (1 if pair[0] == "statement" else 0, sum(1 for _ in token.ancestors))

    return min(matches, key=rank)


def _quoted_apart(quotes, date, verb_start: int) -> bool:
    """A date in someone's quoted words when the event's verb is the narrator's ("Abbas welcomed the
    invitation and stressed “… the coup in 2007 …”"): the speaker's background, not the event's date."""
    return any(
        q.quote_type == "direct" and q.start <= date.start < q.end and not q.start <= verb_start < q.end for q in quotes
    )


def _acting(pattern: str, sentence: str):
    """The first match of an event verb that tells the action, not its setting: "during a meeting of the
    leadership, Abbas welcomed …" is a welcome, not a meeting."""
    for m in re.finditer(pattern, sentence, re.I):
        if not re.search(r"\bduring\s+(?:a|an|the|their|its)\s+(?:[\w-]+\s+)?$", sentence[: m.start()], re.I):
            return m
    return None


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


def draft(text: str, published: dt.date | None, outlet: str, ds) -> dict:
    """Proposed events, quotes and new actors of one article, matched against the dataset ds."""
    index = name_index(ds)
    doc = parser.parse(text)  # None without a verified English model: the rules alone
    lines = datelines(text)
    # "MOSCOW —" heads the wire copy: the dateline's city is not an actor of the story, nor a speaker
    mentions = [m for m in index.find(text) if not any(lo <= m.start < hi for lo, hi in lines)]
    outlets = {fold(name): sid for sid, name in zip(ds.sources["source_id"], ds.sources["name"])}
    outlets |= {fold(sid.replace("-", " ")): sid for sid in ds.sources["source_id"]}
    outlet_id = outlets.get(fold(outlet), "")
    dates = find_dates(text, published)
    people = frozenset(a for a, kind in zip(ds.actors["actor_id"], ds.actors["kind"]) if str(kind) == "person")
    sides = {a: ds.factions_of_actor.get(a, []) for a in ds.actors["actor_id"]}
    quotes = find_quotes(text, index, mentions, outlets, fold, people, sides, doc)
    quotes = speakers.attribute(speakers.Context(text, doc, mentions, people), quotes)
    events, set_aside = [], []
    live = published is not None and len(_LIVE_ENTRY.findall(text)) >= 2
    for s, e in _sentences(text):
        s = next((hi for lo, hi in lines if lo <= s < hi), s)  # the evidence starts after a dateline
        if _RELAYED_WORDS.search(text[s:e]):
            continue
        inside = [m for m in mentions if s <= m.start < e]
        # "since late May she has flown …": a span's start, not the event's date; "Asked whether it could be
        # signed this week, …": a question's date, not an event's
        asked = re.match(r"[^,]*?\bAsked\b[^,]*,", text[s:e])
        when = [
            d
            for d in dates
            if s + (asked.end() if asked else 0) <= d.start < e
            and not re.search(r"\bsince\s*$", text[max(0, d.start - 7) : d.start], re.I)
            and not d.text.lower().startswith("since ")
            # "not on Thursday as earlier reported": a date the article corrects, not the event's
            and not re.search(r"\bnot\s+(?:on\s+|in\s+)?$", text[max(0, d.start - 8) : d.start], re.I)
            and not d.text.lower().startswith("not ")
            # a date on a thing rather than the action ("the coup in 2007", "weeks after the October 7
            # attack"): the story's background
            and not (doc is not None and dates_a_thing(doc, d.start, d.end))
            and d.how != OPEN_BOUND  # "more than six years ago": no day, month or year to date an event by
        ]
        found = _main_action(doc, s, [(k, m) for k, p in VERBS.items() if (m := _acting(p, text[s:e]))])
        # A verb we know classifies the event; without one, a dated sentence naming actors is still
        # proposed ("Hamas answered on 6 October"), unclassified, for the editor to type.
        said = re.search(rf"\b{SPEECH}\b|\binterview\b|\bspeak(?:ing|s)? (?:of|to|about)\b", text[s:e], re.I)
        if found:
            kind, (v_start, v_end) = found[0], (s + found[1].start(), s + found[1].end())
            if doc is not None:  # dates on the event's own verb first: another action's date is not its
                own = [
                    d
                    for d in when
                    if not dates_another_action(doc, d.start, d.end, v_start) and not _quoted_apart(quotes, d, v_start)
                ]
                when = own or when  # none on its verb (the parse missed it): the rules choose, as before
        elif when and not said and not _RELAY_SENTENCE.search(text[s:e]):
            kind, (v_start, v_end) = "unclassified", (when[0].start, e)  # "Last spring she was promoted"
        else:
            continue  # no verb we know: a saying's date belongs to its quote; a relay to the chain
        # a subject that refers back, before any name ("The movement had met Egyptian officials"): its
        # actors join the ones named
        first = inside[0].start if inside else e
        inside = _referred(text[s : min(v_end, first)], mentions, s, people) + inside
        inside += _we(text, s, e, quotes, ds) if not inside else []
        # An undated entry of a live blog happened that day, when the sentence tells it rather than quotes
        # someone ("10:05 - Delegations have arrived"; not "Mansour said the first session was …").
        told = not re.search(rf"\b{SPEECH}\b|[“\"]", text[s:v_start], re.I)
        if (
            found
            and not when
            and live
            and inside
            and told
            and _in_live_entry(text, s)
            and not _future(text, v_start, v_end)
        ):
            when = [DateMention(s, s, "", published.isoformat(), "a live blog's entry: the publication day")]
        if not when or not (inside or found):
            continue  # an event needs a date, and actors or a verb that says what happened
        # The event's date, not the day it was said ("said on Wednesday that they will meet tomorrow");
        # nor a dateline's ("MOSCOW, March 1 (Eastwire) -").
        when = [d for d in when if not _DATELINE.search(text[text.rfind("\n", 0, d.start) + 1 : d.start])]
        own = [d for d in when if not _SAID_ON.search(text[max(s, d.start - 40) : d.start])]
        # only the day it was said: an event only when the sentence says what happened with a verb we know
        # ("Hamas announced on Tuesday …"), not "told Eastwire on Friday that the talks were useful"
        stated = [d for d in when if _STATED_ON.search(text[s : d.start])]
        if stated:
            # "said in a statement on Thursday that it would attend the talks next week": the statement is
            # an event on its day, and the reported clause one of its own when it has a date and a verb
            events.append(_event(ds, text, s, e, stated[0], inside, published, outlets, outlet_id, "statement"))
            that = re.search(r"\bthat\b", text[stated[0].end : e])
            clause_at = stated[0].end + that.end() if that else e
            kind = next((k for k, p in VERBS.items() if re.search(p, text[clause_at:e], re.I)), None)
            own = [d for d in when if d.start >= clause_at]
            if not own or not kind:
                continue
        if not own and found and re.search(r"\bstatement\b", text[s : when[0].start], re.I):
            kind = "statement"  # "in a statement published on Saturday, …": the statement is the event
        when = own or (
            when if found and (kind == "statement" or not re.search(r"\bthat\b", text[when[0].end : e])) else []
        )
        if not when:
            continue
        # "X said (…) that they would attend … next week": the event is in the reported clause.
        that = re.search(rf"\b{SPEECH}\b[^.]*?\bthat\b", text[s:e], re.I)
        if that:
            when = [d for d in when if d.start >= s + that.end()] or when
        when = _narrowest_first(when)
        # Several dates in clauses of their own ("arrived two days ago and met Hamas yesterday"; "in 2011
        # we signed, in 2017 we signed"): one event each.
        between = text[when[0].end : when[-1].start] if len(when) > 1 else ""
        parallel = re.search(r"\band\b", between) or ("," in between and _VERB.search(between))
        chosen = {d.edtf: d for d in reversed(when if parallel else when[:1])}
        aside = modality.set_aside(doc, v_start) if found else None
        if aside and re.search(r"\bstatement\b", text[s:v_start], re.I):
            # "Fatah, in a statement on Sunday, said it would not sign …": the statement is the event
            kind, aside = "statement", None
        for date in chosen.values():  # one per date
            event = _event(ds, text, s, e, _spanned(text, s, date), inside, published, outlets, outlet_id, kind)
            if aside:  # denied, conditional: shown to the curator, never drafted as occurred
                set_aside.append(event | {"status": aside[0], "set_aside_by": aside[1]})
            else:
                events.append(event)
        for date, noun_kind, lo, hi in _noun_events(doc, text, s, e, dates, kind, chosen):
            # "comes after the resignation of the government two days ago": an event of its own, of the
            # actors its noun phrase names
            named = [m for m in inside if lo <= m.start < hi] or inside
            events.append(_event(ds, text, s, e, date, named, published, outlets, outlet_id, noun_kind))
    new_actors = _new_people(text, doc, mentions, quotes)
    roles = {a["name"]: a["role"] for a in new_actors}  # a new person's quote carries their role to its form
    return {
        "schema": SCHEMA,
        "published": published.isoformat() if published else None,
        "outlet": {"name": outlet, "source_id": outlet_id},
        "events": events,
        "quotes": [
            {
                "speaker": q.speaker,
                "speaker_id": q.speaker_id,
                "text": q.text,
                "quote_type": q.quote_type,
                "said_on": next((d.edtf for d in dates if _same_sentence(text, d.start, q.start)), None),
                "chain": q.chain
                + (
                    [{"wording": "via", "outlet": outlet, "source_id": outlet_id}]
                    if outlet and not (q.chain and _same_outlet(q.chain[-1], outlet, outlet_id))
                    else []
                ),
                "start": q.start,
                "end": q.end,
                "confidence": q.confidence,
                "note": q.note,
            }
            | ({"speaker_role": roles[q.speaker]} if not q.speaker_id and q.speaker in roles else {})
            for q in quotes
        ],
        "actors": new_actors,
        "set_aside": set_aside,
        "dates": [{"text": d.text, "edtf": d.edtf, "how": d.how, "start": d.start, "end": d.end} for d in dates],
    }


def _we(text: str, s: int, e: int, quotes: list, ds) -> list:
    """ "we" inside a direct quote is the speaker's side ("In 2011 we signed," said a Hamas leader): the
    speaker's faction when it is an actor too, else the speaker."""
    for q in quotes:
        if q.quote_type == "direct" and q.speaker_id and q.start <= s + 1 and e - 1 <= q.end + 1:
            if re.search(r"\b(?:we|our|us)\b", text[s:e], re.I):
                sides = [
                    f for f in ds.factions_of_actor.get((split_list(q.speaker_id) or [""])[0], []) if f in ds.actor
                ]
                ids = sides or split_list(q.speaker_id)
                return [Mention(q.start, q.start, ds.actor_name(a), a) for a in ids]
    return []


def _spanned(text: str, s: int, date: DateMention) -> DateMention:
    """ "two days of talks that ended on Sunday": the days up to that date, not the last one alone."""
    span = _SPAN.search(text, s, date.start)
    ahead = _LASTS.match(text, date.end)  # "open on November 11 and last three days": from that day
    if not (span or ahead) or not date.resolved or len(date.edtf) != 10:
        return date
    if ahead:
        words = ahead.group(1).lower()
        n = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}.get(words) or int(words)
        first = dt.date.fromisoformat(date.edtf)
        return DateMention(
            date.start,
            date.end,
            date.text,
            f"{first}/{first + dt.timedelta(days=n - 1)}",
            f"{n} days from {first} ({date.how})",
        )
    words = (span.group("n") or span.group("m")).lower()
    n = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}.get(words) or int(words)
    end = dt.date.fromisoformat(date.edtf)
    start = end - dt.timedelta(days=n - 1)
    return DateMention(date.start, date.end, date.text, f"{start}/{end}", f"{n} days ending {end} ({date.how})")


def _referred(before_verb: str, mentions: list, at: int, people: frozenset) -> list:
    """The actors a referring subject stands for: "he"/"she" the last person named, "the two movements"
    the last two organisations, "they"/"the talks" the organisations of the last sentence naming any."""
    ref = _REFERS.search(before_verb)
    if not ref:
        return []
    earlier = [m for m in mentions if m.start < at]
    if ref.group(1):
        persons = [m for m in earlier if m.actor_id in people]
        return persons[-1:]
    groups = [m for m in earlier if m.actor_id not in people]
    if ref.group(2):  # "the movement": the last organisation named
        return groups[-1:]
    if ref.group(3):
        n = {"two": 2, "three": 3, "four": 4}[ref.group(3).lower()]
        picked = list({m.actor_id: m for m in reversed(groups)}.values())[:n]
        return list(reversed(picked)) if len(picked) == n else []
    return _last_named_together(groups) if groups else []


def _last_named_together(groups: list) -> list:
    """The last organisation named and those named just before it ("Hamas, Fatah and Palestinian Islamic
    Jihad"): a run of mentions with gaps under 80 characters."""
    picked = [groups[-1]]
    for m in reversed(groups[:-1]):
        if picked[-1].start - m.end > 80:
            break
        picked.append(m)
    return list(reversed(picked))


def _in_live_entry(text: str, at: int) -> bool:
    """Is the position inside a paragraph that starts with a time ("10:05 - …")?"""
    para = text.rfind("\n\n", 0, at) + 2 if text.rfind("\n\n", 0, at) >= 0 else 0
    return bool(_LIVE_ENTRY.match(text, para))


def _narrowest_first(when: list) -> list:
    """Dates in apposition ("three years ago, in the spring of 2021"): the most precise one first."""
    if len(when) < 2 or not all(d.resolved for d in when[:2]):
        return when
    import pandas as pd  # noqa: PLC0415

    from components.data.dates import parse_column  # noqa: PLC0415

    parsed = parse_column(pd.Series([d.edtf for d in when[:2]]))
    lo, hi = parsed.rows("start"), parsed.rows("end")
    if lo[0] <= lo[1] and hi[1] <= hi[0] and (hi[1] - lo[1]) < (hi[0] - lo[0]):  # the second lies inside the first
        return [when[1], when[0], *when[2:]]
    return when


def _event(ds, text, s, e, date, inside, published, outlets, outlet_id, kind) -> dict:
    """One proposed event of the sentence text[s:e], on one of its dates."""
    sentence = text[s:e]
    ahead = published is not None and date.resolved and date.edtf[:10] > published.isoformat()
    if ahead or _future(text, date.start, date.end):
        status = "planned"  # dated after publication, or spoken of in the future
    else:
        status = "reported" if REPORTED.search(sentence) else "occurred"
    actor_ids = list(dict.fromkeys(m.actor_id for m in inside))
    names = [ds.actor_name(a) for a in actor_ids]
    label = ds.type_label.get(kind) or NEW_TYPES.get(kind, kind.replace("_", " "))
    confidence = round(0.4 + 0.2 * (len(actor_ids) >= 2) + 0.2 * date.resolved + 0.1 * (kind in ds.type_label), 2)
    return {
        "date": date.edtf,
        "date_text": date.text,
        "date_how": date.how,
        "status": status,
        "event_type": kind,
        "event_type_known": kind in ds.type_label,
        "title": f"{_and_join(names)}: {_PAREN.sub('', label).lower()}" if names else label,
        "actors": [
            {"name": m.text, "actor_id": m.actor_id, "faction_ids": ds.factions_of_actor.get(m.actor_id, [])}
            for m in {m.actor_id: m for m in inside}.values()
        ],
        "location": "",
        "evidence": sentence,
        "reported_by": next(
            (c["source_id"] for c in chain_of(sentence, outlets, fold) if c.get("source_id")), outlet_id
        ),
        "start": s,
        "end": e,
        "confidence": confidence,
        "matches": _matches(ds, date, actor_ids),
    }


def _same_sentence(text: str, a: int, b: int) -> bool:
    lo, hi = min(a, b), max(a, b)
    return not re.search(r"[.!?]\s|\n", text[lo:hi])


def _matches(ds, date, actor_ids: list[str]) -> list[str]:
    """Existing events this may be another report of (data/similarity.near_events): overlapping dates and a
    shared actor."""
    if not date.resolved:
        return []
    import pandas as pd  # noqa: PLC0415

    from components.data.dates import parse_column  # noqa: PLC0415 (a small parse, only when matching)

    parsed = parse_column(pd.Series([date.edtf]))
    lo, hi = parsed.rows("start")[0], parsed.rows("end")[0]
    from components.data.similarity import near_events  # noqa: PLC0415

    return near_events(ds.events, lo, hi, actor_ids)


def review_text(result: dict) -> str:
    """The draft as a readable review list."""
    lines = [
        f"Draft of an article by {result['outlet']['name'] or '(outlet not given)'}, published {result['published'] or '(not given: relative dates unresolved)'}",
        "",
    ]
    lines.append(f"Events proposed ({len(result['events'])}):")
    for e in result["events"]:
        lines.append(
            f"  [{e['confidence']:.0%}] {e['date'] or 'UNRESOLVED'} ({e['date_text']}) {e['status']} — {e['title']}"
        )
        lines.append(f"        evidence: {e['evidence'][:160]}")
        if e["matches"]:
            lines.append(f"        may be another report of: {', '.join(e['matches'])}")
    lines += ["", f"Quotes proposed ({len(result['quotes'])}):"]
    for q in result["quotes"]:
        chain = "; ".join(
            f"{s['wording']}: {s.get('source_id') or s.get('outlet', '')}".rstrip(": ") for s in q["chain"]
        )
        who = q["speaker"] or "SPEAKER NOT FOUND"
        lines.append(
            f"  [{q['confidence']:.0%}] {who}{' (' + q['speaker_id'] + ')' if q['speaker_id'] else ''} — {q['quote_type']}: “{q['text'][:140]}”"
        )
        lines.append(f"        chain: {chain or '—'}" + (f"  · {q['note']}" if q["note"] else ""))
    if result.get("set_aside"):
        lines += ["", f"Read but not drafted as events ({len(result['set_aside'])}):"]
        lines += [f"  {e['status']} ({e['set_aside_by']}): {e['evidence'][:160]}" for e in result["set_aside"]]
    if result["actors"]:
        lines += ["", f"New actors proposed ({len(result['actors'])}):"]
        lines += [f"  {a['name']} — “{a['because']}”" for a in result["actors"]]
    unresolved = [d for d in result["dates"] if d["edtf"] is None]
    if unresolved:
        lines += ["", "Dates left unresolved: " + ", ".join(f"“{d['text']}” ({d['how']})" for d in unresolved)]
    return "\n".join(lines)
