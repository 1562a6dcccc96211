"""Quotes in an article: direct quotes in straight or curly marks (each part of a split quote on its own,
so that every passage stays verbatim), paraphrases introduced by a speech verb, their speakers and the
chain that brought the words to the article ("told X", "quoted by X", "according to X", "in a statement").

Speakers are known actors (names.NameIndex) or capitalised names a title introduces ("spokesperson Oren
Tal"); a pronoun ("he said") is the last named speaker. Everything is a proposal for a person to check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from components.data.names import Mention, NameIndex

SPEECH = (
    r"(?:said|says|told|added|stressed|stated|noted|warned|announced|insisted|explained|declared|argued|"
    r"considered|indicated|confirmed|affirmed|pointed out|welcomed|quoted|saying|recalls|recalled(?!\s+(?:its|his|her|their)\s+(?:envoy|ambassador))|cautioned|blamed)"
)
_DIRECT = re.compile(r"“([^”]{3,}?)”|\"([^\"\n]{3,}?)\"")
_PRONOUN_AFTER = re.compile(rf"^[,\s]*(?:he|she|they|it)\s+{SPEECH}\b", re.IGNORECASE)
_VERB_AFTER = re.compile(rf"^[,\s]*{SPEECH}\b", re.IGNORECASE)
_PARAPHRASE = re.compile(rf"\b{SPEECH}\s+(?:[\w,]+\s+){{0,4}}?that\s+([^.“”\"]{{12,}})", re.IGNORECASE)
_PRONOUN_BEFORE = re.compile(rf"\b(?:he|she|they)\s+(?:also\s+)?{SPEECH}\b[^.“”\"]*$", re.IGNORECASE)
TITLES = r"(?:spokesman|spokeswoman|spokesperson|leader|minister|official|ambassador|envoy|commander|chief|president|mayor|director)"
# "spokesman Oren Tal", "a spokesman for the group, Tariq Salem"
TITLED = re.compile(rf"\b{TITLES}(?:\s+(?:for|of)\s+the\s+\w+)?,?\s+((?:[A-Z][\w'’-]+\s){{0,2}}[A-Z][\w'’-]+)")
_TOLD = re.compile(r"\btold\s+(?:the\s+)?((?:[A-Z][\w'’.-]*\s?){1,5})")
_SAID_TO = re.compile(
    r"\b(?:said|confirmed|explained|denied|described|stressed|repeated|insisted)\s+(?:[\w-]+\s+){0,3}?to\s+"
    r"(?:the\s+)?((?:[A-Z][\w'’.-]*\s?){1,5})"
)
_QUOTED_BY = re.compile(r"\b(?:quoted by|according to|reported by|cited by)\s+(?:the\s+)?((?:[A-Z][\w'’.-]*\s?){1,5})")
_STATEMENT = re.compile(r"\bin an? (?:joint\s+|brief\s+|short\s+|written\s+|separate\s+)?statement\b", re.IGNORECASE)
_RELAYED = re.compile(r"\b(?:carried|relayed|republished)\s+by\s+(?:the\s+)?((?:[A-Z][\w'’.-]*\s?){1,5})")
_GROUP_SAID = re.compile(rf"\bthe\s+(?:group|movement|faction|party|organisation|organization)\s+{SPEECH}\b", re.I)
_SAID_NAME = re.compile(rf"^[,\s]*{SPEECH}\s+((?:[A-Z][\w'’-]+\s?){{1,3}})")  # "…," said Rami Saleh
_NAME_SAID = re.compile(rf"^[,\s]*([A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+){{0,2}})\s+{SPEECH}\b")  # "…," Saleh said
_THAT = re.compile(r"^(?:[\w,]+\s+){0,6}?that\s+")
# An unnamed speaker ("…," an Egyptian official told …; a Qatari diplomat said): kept as written.
_UNNAMED = re.compile(
    rf"^[,\s]*((?:an?|the|one)\s+(?:senior\s+|other\s+)?(?:[A-Z][\w'’-]+\s+)?(?:official|diplomat|source|spokesperson|"
    rf"spokesman|spokeswoman|mediator|negotiator|delegate|aide|member)s?(?:\s+(?:of|for|from)\s+the\s+[\w-]+)?)"
    rf"\s+(?:was\s+quoted\b|{SPEECH}\b)"
)
_STATEMENT_SUBJECT = re.compile(r"\b(?:the|its|their) (?:joint )?statement (?:said|says|read|reads|\w+ed)\b", re.I)


@dataclass
class DraftQuote:
    text: str
    start: int
    end: int
    quote_type: str  # direct / paraphrase
    speaker: str = ""  # the name as written ("" when none was found)
    speaker_id: str = ""  # a known actor
    chain: list[dict] = field(default_factory=list)  # [{"wording": "told", "outlet": name, "source_id": id}]
    confidence: float = 0.5
    note: str = ""
    rule: str = ""  # the rule that named the speaker (SOURCE, speakers.COREFERENCE), for the reviewer


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    lo = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start), text.rfind(".” ", 0, start)) + 1
    hits = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    return lo, (min(hits) + 1 if hits else len(text))


def _person(text: str, lo: int, hi: int) -> tuple[str, int] | None:
    """An unknown titled name in text[lo:hi] ("spokesperson Oren Tal"), with its position."""
    found = list(TITLED.finditer(text, lo, hi))
    return (found[-1].group(1), found[-1].start(1)) if found else None  # the nearest before a quote


def _outlet(words: str, outlets: dict[tuple[str, ...], str], fold) -> tuple[str, str]:
    """The outlet named by the first words (a known source id when it matches), as written."""
    words = words.strip().rstrip(".,;:")
    tokens = words.split()
    for n in range(len(tokens), 0, -1):
        key = fold(" ".join(tokens[:n]))
        if key in outlets:
            return " ".join(tokens[:n]), outlets[key]
    return " ".join(tokens[:3]), ""


_NOUNS = (
    r"official|diplomat|source|spokesperson|spokesman|spokeswoman|mediator|negotiator|envoy|ministry|office|"
    r"presidency|government|delegate|aide|member|council|committee|bureau"
)
_SUBJECT_ANAPHOR = re.compile(rf"^[\s\d:–—-]*the\s+(?:[\w-]+\s+)?({_NOUNS})\b", re.I)  # "The council, which …"
_ANAPHOR = re.compile(rf"^[,\s]*the\s+(?:[\w-]+\s+)?({_NOUNS})\s+{SPEECH}\b", re.I)
_DESCRIBED = re.compile(
    r"\bthe\s+(?:senior\s+|veteran\s+|top\s+|exiled\s+)?[A-Z][\w'’-]+\s+(?:figure|leader|official|negotiator|politician)\b"
)


def _introduced(text: str, noun: str, before: int, mentions: list[Mention]) -> tuple[str, str, int] | None:
    """The phrase that introduced "the official" or "the ministry" before: "A Hamas official", "Egypt's
    foreign ministry" — with the actor it names, if any, and where it is."""
    found = list(
        re.finditer(
            rf"\b((?:an?|[A-Z][\w-]*['’]s)\s+(?:[\w-]+\s+){{0,2}}?{noun}(?:\s+(?:of|for|from)\s+the\s+[\w-]+)?)\b",
            text[:before],
            re.I,
        )
    )
    if not found:
        return None
    intro = found[-1]
    inside = [x for x in mentions if intro.start(1) <= x.start < intro.end(1)]
    if not inside and re.search(r"\bthe (?:movement|group|faction|party)$", intro.group(1)):
        inside = [x for x in mentions if x.start < intro.start(1)][-1:]  # "of the movement": the one named
    return intro.group(1), inside[0].actor_id if inside else "", intro.start(1)


def _starts_sentence(text: str, at: int) -> bool:
    lead = text[max(0, at - 12) : at]
    return not lead.strip(" -–—:0123456789") or bool(re.search(r"(?:[.!?]\s+|\n)[\s\d:–—-]*$", lead))


def and_join(names: list[str]) -> str:
    if len(names) < 2:
        return names[0] if names else ""
    return ", ".join(names[:-1]) + " and " + names[-1]


# A statement the text introduces ("in a joint statement", "according to a statement signed by …")
_A_STATEMENT = re.compile(
    r"\b(?:in|according to|under|with)\s+a\s+(?:joint\s+)?statement\b|\bstatement\s+signed\s+by\b", re.I
)


def _signatories(text: str, mentions: list[Mention], before: int, people: frozenset) -> list[Mention]:
    """The organisations named in the last sentence before `before` that speaks of a statement."""
    statements = [m for m in _A_STATEMENT.finditer(text, 0, before)]
    if not statements:
        return []
    lo, hi = _sentence_bounds(text, statements[-1].start(), statements[-1].end())
    return list(
        {x.actor_id: x for x in mentions if lo <= x.start < min(hi, before) and x.actor_id not in people}.values()
    )


def found_speech(words: str) -> bool:
    return bool(re.search(rf"\b{SPEECH}\b", words, re.I))


def chain_of(sentence: str, outlets: dict, fold) -> list[dict]:
    steps = []
    if _STATEMENT.search(sentence) or _STATEMENT_SUBJECT.search(sentence):
        steps.append({"wording": "in a statement"})
    m = _TOLD.search(sentence)
    if m:
        name, source_id = _outlet(m.group(1), outlets, fold)
        if source_id or name:
            steps.append({"wording": "told", "outlet": name, "source_id": source_id})
    else:  # "confirmed the date to Eastwire": told a known outlet
        m = _SAID_TO.search(sentence)
        name, source_id = _outlet(m.group(1), outlets, fold) if m else ("", "")
        if source_id:
            steps.append({"wording": "told", "outlet": name, "source_id": source_id})
    m = _RELAYED.search(sentence)
    if m:
        name, source_id = _outlet(m.group(1), outlets, fold)
        if source_id or name:  # an outlet not yet a source is kept by name: curation proposes it as one
            steps.append({"wording": "relayed by", "outlet": name, "source_id": source_id})
    m = _QUOTED_BY.search(sentence)
    if m:
        name, source_id = _outlet(m.group(1), outlets, fold)
        if source_id:  # "according to" a person is not a chain step
            steps.append({"wording": "published by", "outlet": name, "source_id": source_id})
    return steps


# The next sentence passing the words on: "His remarks were relayed by Meridian News Agency."
_RELAYED_NEXT = re.compile(
    r"^\s*(?:his|her|their|the|these|those|its)\s+(?:remarks|comments|words|quotes?|interview)\s+"
    r"(?:were|was)\s+(?:later\s+)?(?:carried|relayed|republished)\s+by\b",
    re.I,
)


def _parsed_speaker(doc, start: int, end: int, mentions: list[Mention], people: frozenset) -> tuple[str, str] | None:
    """The subject of the speech verb by the parse (grammar.speech_subject), when it is a named person: as
    the known actor it names, else as written. A person, not their organisation named beside them."""
    if doc is None:
        return None
    from components.drafting.grammar import last_person, speech_subject

    found = speech_subject(doc, start, end)
    if found is not None and found.kind == "pronoun":  # "he said": the last person named, known or new
        known = [x for x in mentions if x.end <= found.start and x.actor_id in people]
        new = last_person(doc, found.start)
        if known and _known_is_last(known[-1], new):
            return known[-1].text, known[-1].actor_id
        found = new
    if found is None:
        return None
    known = [x for x in mentions if found.start <= x.start < found.end or x.start <= found.start < x.end]
    if found.kind != "person":  # the tagger missed the person; the data knows them ("Karim Nadir of Fatah")
        known = [x for x in known if x.actor_id in people and x.start == found.start]
        return (known[0].text, known[0].actor_id) if known else None
    return (known[0].text, known[0].actor_id) if known else (found.text, "")


def _known_is_last(known, new) -> bool:
    """Is the last known person named at or after the last person the parse names?"""
    return new is None or known.end >= new.end or new.start <= known.start < new.end


def _parsed_organisation(doc, start: int, end: int, mentions: list[Mention], people) -> tuple[str, str] | None:
    from components.drafting.grammar import speech_subject_token

    subject = speech_subject_token(doc, start, end)
    if subject is None:
        return None
    lo = subject.left_edge.idx
    hi = subject.right_edge.idx + len(subject.right_edge.text)
    named_here = [x for x in mentions if lo <= x.start < hi and x.actor_id not in people]
    if named_here:
        return named_here[0].text, named_here[0].actor_id
    if subject.lemma_.lower() in ("movement", "group", "faction", "party", "organisation", "organization"):
        earlier = [x for x in mentions if x.end <= lo and x.actor_id not in people]
        if earlier:
            return earlier[-1].text, earlier[-1].actor_id
    return None


@dataclass
class _Quotes:
    """The article as the quote stages read it, and what they remember from one quote to the next."""

    text: str
    mentions: list[Mention]
    outlets: dict
    fold: object
    people: frozenset
    sides: dict | None
    doc: object
    speaking: list = field(default_factory=list)  # actors named right before a speech verb ("Zomlot indicated")
    found: list = field(default_factory=list)  # the quotes so far, left to right
    covered: list = field(default_factory=list)  # (lo, hi) of sentences whose quotes were taken
    last_speaker: tuple = ("", "")
    last_at: int = 0  # the end of the sentence where the last speaker was named


@dataclass
class _Mark:
    """One quotation in marks on its way through the stages."""

    m: re.Match
    quote: DraftQuote
    lo: int  # its sentence
    hi: int

    text: str  # the article

    @property
    def before(self) -> str:
        return self.text[self.lo : self.m.start()]

    @property
    def after(self) -> str:
        return self.text[self.m.end() : self.hi]


# --- Cue and content: quotation marks ---------------------------------------------------------------------


def _marks(c: _Quotes):
    """Words in straight or curly quotation marks, each part of a split quote on its own; a one- or
    two-word quote only when a speech verb frames it ("said it was “calm”", "“For once,” she said"), else
    it is a term."""
    text = c.text
    for m in _DIRECT.finditer(text):
        group = 1 if m.group(1) is not None else 2
        words = m.group(group).strip()
        lo, hi = _sentence_bounds(text, m.start(), m.end())
        said_before = re.search(rf"\b{SPEECH}\b", text[lo : m.start()], re.I)
        said_after = re.search(rf"\b{SPEECH}\b", text[m.end() : hi], re.I)
        named_before = any(lo <= x.start < m.start() for x in c.mentions)
        # "“For once,” she said": a speech verb right after the closing mark frames it too
        framed = re.match(rf"[\s,]*(?:[\w'’-]+\s+){{0,3}}{SPEECH}\b", text[m.end() : hi], re.I)
        # "“…,” she said. “Not yet.”": quoted words that are their whole sentence are words said, not a term
        alone = not text[lo : m.start()].strip() and not text[m.end() : hi].strip().strip(".!?")
        if len(words.split()) < 3 and not (said_before or (said_after and named_before) or framed or alone):
            continue
        start = m.start(group) + (len(m.group(group)) - len(m.group(group).lstrip()))
        words = words.rstrip(",").rstrip()
        yield _Mark(m, DraftQuote(words, start, start + len(words), "direct"), lo, hi, text)


# --- Source: who says the words (the first rule that answers decides) -------------------------------------


def parsed_person(c: _Quotes, q: _Mark):
    """The parse's subject of the speech verb, when it is a named person (grammar.speech_subject)."""
    return _parsed_speaker(c.doc, q.quote.start, q.quote.end, c.mentions, c.people)


def new_name_after(c: _Quotes, q: _Mark):
    """ "…," said Rami Saleh — a person not in the data: the full name a title gave, else as written."""
    named = _SAID_NAME.match(q.after) or _NAME_SAID.match(q.after)
    name = named.group(1).strip() if named else ""
    if not name or _known_after(c, q, name):
        return None
    titled = {n.group(1) for n in TITLED.finditer(c.text, 0, q.m.start())}
    full = next((t for t in titled if t == name or t.split()[-1] == name), name)
    return (full, "") if full[:1].isupper() and full.lower() not in ("he", "she", "they", "it") else None


def _known_after(c: _Quotes, q: _Mark, name: str) -> list:
    return [x for x in c.mentions if q.m.end() <= x.start <= q.m.end() + len(q.after) and x.text in name]


def unnamed_after(c: _Quotes, q: _Mark):
    """ "…," an Egyptian official told Northgate: as written, tied to the actor it names (Egypt); "the
    official said" is the one introduced before (anaphor, below)."""
    unnamed, back = _UNNAMED.match(q.after), _ANAPHOR.match(q.after)
    if not unnamed:
        return None
    if (
        back
        and unnamed.group(1).lower().startswith("the ")
        and _introduced(c.text, back.group(1), q.m.start(), c.mentions)
    ):
        return None
    at = q.m.end()
    inside = [x for x in c.mentions if at + unnamed.start(1) <= x.start < at + unnamed.end(1)]
    if not inside and re.search(r"\bthe (?:movement|group|faction|party)$", unnamed.group(1)):
        inside = [x for x in c.mentions if x.start < q.m.start() and x.actor_id not in c.people][-1:]
    q.quote.note = "an unnamed speaker" + (f" of {inside[0].text}" if inside else "") + ": check who they speak for"
    return unnamed.group(1), inside[0].actor_id if inside else ""


def known_name_after(c: _Quotes, q: _Mark):
    """ "…," Nadir said: a known actor named right after the quote."""
    named = _SAID_NAME.match(q.after) or _NAME_SAID.match(q.after)
    known = _known_after(c, q, named.group(1).strip() if named else "")
    return (known[0].text, known[0].actor_id) if known else None


def pronoun_last_speaker(c: _Quotes, q: _Mark):
    """ "…," he said: the last speaker named (speakers.py corrects it by gender)."""
    if (_PRONOUN_AFTER.match(q.after) or _PRONOUN_BEFORE.search(q.before)) and c.last_speaker[0]:
        q.quote.note = "the pronoun's speaker: the last one named"
        return c.last_speaker
    return None


def possessor(text: str, mention) -> bool:
    """ "…", but warned that Egypt's patience was not unlimited: a name with "'s" owns a thing; it speaks
    no quote (the speaker is named elsewhere)."""
    return bool(re.match(r"['’]s?\b", text[mention.end : mention.end + 3]))


def name_after_verb(c: _Quotes, q: _Mark):
    """ "…," Hamas spokesperson Layla Mansour told …: the person before the verb speaks, not her
    organisation; "an Egyptian official, Hani Fawzi, told": the titled name."""
    text, end, hi = c.text, q.m.end(), q.hi
    near_after = [x for x in c.mentions if end <= x.start < end + 120 and x.start < hi and not possessor(text, x)]
    if not (_VERB_AFTER.match(q.after) or (near_after and re.search(SPEECH, text[end : near_after[0].end + 40]))):
        return None
    if not near_after:
        person = _person(text, end, min(hi, end + 160))
        return (person[0], "") if person else None
    verb = re.search(rf"\b{SPEECH}\b", text[end:hi], re.I)
    until = end + verb.start() if verb else hi
    persons = [x for x in near_after if x.start < until and x.actor_id in c.people]
    titled = _person(text, end, until)
    pick = persons[-1] if persons else None if titled else near_after[0]
    return (pick.text, pick.actor_id) if pick else (titled[0], "")


def subject_before_verb(c: _Quotes, q: _Mark):
    """The subject of the speech verb before the quote: the nearest person named before it ("Karim Nadir,
    who led the Fatah delegation, said, “…”"), else the nearest name."""
    verbs = list(re.finditer(rf"\b{SPEECH}\b", q.before, re.I))
    if not verbs:
        return None
    at = q.lo + verbs[-1].start()
    person = _person(c.text, q.lo, at)
    known_people = [x for x in c.mentions if q.lo <= x.start < at and x.actor_id in c.people]
    if person and not (known_people and known_people[-1].start >= person[1]):
        return person[0], ""
    if known_people:
        return known_people[-1].text, known_people[-1].actor_id
    near_before = [x for x in c.mentions if q.lo <= x.start < at]
    return (near_before[-1].text, near_before[-1].actor_id) if near_before else None


def group_said(c: _Quotes, q: _Mark):
    """ "…," the group said: the organisation named before in the sentence, else the last one named
    (a sentence's subject first, not a place in it)."""
    if not _GROUP_SAID.search(q.after):
        return None
    near_before = [x for x in c.mentions if q.lo <= x.start < q.m.start()]
    if near_before:
        groups = [x for x in near_before if x.actor_id not in c.people] or near_before
        return groups[-1].text, groups[-1].actor_id
    groups = [x for x in c.mentions if x.start < q.m.start() and x.actor_id not in c.people]
    groups = [x for x in groups if _starts_sentence(c.text, x.start)] or groups
    return (groups[-1].text, groups[-1].actor_id) if groups else None


def titled_in_sentence(c: _Quotes, q: _Mark):
    """A titled name anywhere in the sentence ("spokesperson Oren Tal")."""
    person = _person(c.text, q.lo, q.m.start()) or _person(c.text, q.m.end(), q.hi)
    return (person[0], "") if person else None


def statement_said(c: _Quotes, q: _Mark):
    """ "The statement accused …", "…," the statement said: who issued the last statement, or every
    signatory of a joint one ("In a joint statement, Hamas, Fatah and PIJ called …")."""
    if not _STATEMENT_SUBJECT.search(c.text[q.lo : q.hi]):
        return None
    issued = [x for x in c.found if x.speaker and any(s["wording"] == "in a statement" for s in x.chain)]
    if issued:
        q.quote.note = "the statement's issuer, named before"
        return issued[-1].speaker, issued[-1].speaker_id
    signed = _signatories(c.text, c.mentions, q.m.start(), c.people)
    if not signed:
        return None
    q.quote.note = "the statement's signatories, named before" + (" (a joint statement)" if len(signed) > 1 else "")
    return and_join([x.text for x in signed]), ";".join(x.actor_id for x in signed)


def introduced_before(c: _Quotes, q: _Mark):
    """ "…," the official said: the one introduced before ("A Hamas official told the Levant Ledger …"),
    with that sentence's chain when this one names none."""
    back = _ANAPHOR.match(q.after) or _SUBJECT_ANAPHOR.match(q.before)
    intro = _introduced(c.text, back.group(1), q.m.start(), c.mentions) if back else None
    if not intro:
        return None
    q.quote.note = "the speaker introduced before: check"
    q.quote.chain = chain_of(c.text[slice(*_sentence_bounds(c.text, intro[2], intro[2] + 1))], c.outlets, c.fold)
    return intro[0], intro[1]


def name_before_colon(c: _Quotes, q: _Mark):
    """ "Abu Marzook was brief: “…”": the person (else the name) before the colon."""
    if not q.before.rstrip().endswith(":"):
        return None
    named = [x for x in c.mentions if q.lo <= x.start < q.m.start()]
    pick = next((x for x in reversed(named) if x.actor_id in c.people), named[-1] if named else None)
    return (pick.text, pick.actor_id) if pick else None


def described_side(c: _Quotes, q: _Mark):
    """ "the senior Hamas figure preferred to speak of “…”": the last person of that side named."""
    described = _DESCRIBED.search(q.before)
    if not described or c.sides is None:
        return None
    org = [x for x in c.mentions if q.lo + described.start() <= x.start < q.lo + described.end()]
    side = set(c.sides.get(org[0].actor_id, [org[0].actor_id])) if org else set()
    persons = [
        x
        for x in c.mentions
        if x.start < q.m.start() and x.actor_id in c.people and side & set(c.sides.get(x.actor_id, []))
    ]
    if not persons:
        return None
    q.quote.note = f"“{described.group(0)}”: the last person of that side named"
    return persons[-1].text, persons[-1].actor_id


def sentence_subject(c: _Quotes, q: _Mark):
    """No speech verb: the sentence's subject ("Qatar's mediator opened with a call for “…”")."""
    subject = [
        x for x in c.mentions if q.lo <= x.start < q.m.start() and not c.text[q.lo : x.start].strip(" -–—:0123456789")
    ]
    if not subject or found_speech(q.before):
        return None
    q.quote.note = "the sentence's subject: check"
    return subject[0].text, subject[0].actor_id


def pronoun_in_paragraph(c: _Quotes, q: _Mark):
    """ "Asked about Hamas, he smiled. “They are our brothers.”": the person the pronoun stands for."""
    paragraph = c.text[max(c.text.rfind("\n", 0, q.m.start()), 0) : q.m.start()]
    if c.last_speaker[1] in c.people and re.search(r"\b(?:he|she)\b", paragraph, re.I):
        q.quote.note = "the pronoun's speaker: the last one named"
        return c.last_speaker
    return None


def continues_quote(c: _Quotes, q: _Mark):
    """A quote with no attribution of its own, right after another in the same paragraph."""
    last = c.found[-1] if c.found else None
    if last is None or last.quote_type != "direct" or not last.speaker:
        return None
    if "\n" in c.text[last.end : q.m.start()].strip(' "“”,.') or q.m.start() - last.end >= 80:
        return None
    q.quote.note = "continues the quote before it"
    return last.speaker, last.speaker_id


def parsed_organisation(c: _Quotes, q: _Mark):
    """Last: an organisation the parse finds speaking ("the movement said it “takes note …”"), as the actor
    it names or the one "the movement" refers to."""
    return _parsed_organisation(c.doc, q.quote.start, q.quote.end, c.mentions, c.people) if c.doc is not None else None


SOURCE = [
    parsed_person,
    new_name_after,
    unnamed_after,
    known_name_after,
    pronoun_last_speaker,
    name_after_verb,
    subject_before_verb,
    group_said,
    titled_in_sentence,
    statement_said,
    introduced_before,
    name_before_colon,
    described_side,
    sentence_subject,
    pronoun_in_paragraph,
    continues_quote,
    parsed_organisation,
]


def _track_speaking(c: _Quotes, q: _Mark) -> None:
    """Someone named speaking since the last attributed quote is the last speaker (for "he said"): the
    subject of their sentence, the person rather than their organisation ("Hamas spokesperson Layla
    Mansour said"); else a person named since then ("Layla Mansour remembers the mood")."""
    earlier = [x for x in c.speaking if c.last_at <= x.start < q.m.start()]
    earlier = earlier or [x for x in c.mentions if c.last_at <= x.start < q.m.start() and x.actor_id in c.people]
    if earlier:
        lo_last, _ = _sentence_bounds(c.text, earlier[-1].start, earlier[-1].end)
        in_sentence = [x for x in earlier if x.start >= lo_last]
        subject = next((x for x in in_sentence if x.actor_id in c.people), in_sentence[0])
        c.last_speaker = (subject.text, subject.actor_id)


def _speaker(c: _Quotes, q: _Mark) -> None:
    speaker = None
    for rule in SOURCE:
        speaker = rule(c, q)
        if speaker is not None:
            break
        if rule is parsed_person:  # who spoke since the last quote: for the pronoun rules that follow
            _track_speaking(c, q)
    if speaker:
        q.quote.speaker, q.quote.speaker_id = speaker
        q.quote.rule = rule.__name__
        c.last_speaker, c.last_at = speaker, q.hi
        q.quote.confidence = 0.8 if q.quote.speaker_id else 0.6
    else:
        q.quote.confidence, q.quote.note = 0.3, "no speaker found: check who said it"


# --- The chain: how the words came to the article ---------------------------------------------------------


def _same_remarks(c: _Quotes, q: _Mark, last) -> bool:
    """The same remarks in one paragraph, with no "he said" of their own."""
    quote = q.quote
    return (
        quote.speaker
        and (quote.speaker, quote.speaker_id) == (last.speaker, last.speaker_id)
        and "\n" not in c.text[last.end : quote.start]
        and not found_speech(q.before + " " + q.after)
    )


def _chain(c: _Quotes, q: _Mark) -> None:
    """The sentence's chain ("told X", "quoted by X", "in a statement"); "His remarks were relayed by …"
    in the next sentence; else the chain of the quote it continues."""
    quote = q.quote
    quote.chain = chain_of(c.text[q.lo : q.hi], c.outlets, c.fold) or quote.chain
    following = c.text[q.hi : _sentence_bounds(c.text, q.hi + 1, q.hi + 1)[1]] if q.hi < len(c.text) else ""
    if _RELAYED_NEXT.match(following) and not any(s["wording"] == "relayed by" for s in quote.chain):
        quote.chain = quote.chain + [s for s in chain_of(following, c.outlets, c.fold) if s["wording"] == "relayed by"]
    last = c.found[-1] if c.found else None
    if not quote.chain and last and (quote.note == "continues the quote before it" or _same_remarks(c, q, last)):
        quote.chain = last.chain


# --- Paraphrases ------------------------------------------------------------------------------------------


def name_said_paraphrases(c: _Quotes) -> None:
    """ "Mousa Abu Marzook said the atmosphere was calm.": a known actor, a speech verb, the words after
    it ("announced on Tuesday that it would …": the words after "that")."""
    for x in c.mentions:
        m = re.match(rf"\s+{SPEECH}\s+(?!that\b)([a-z][^.“”\"]{{12,}})", c.text[x.end :])
        if not m or any(lo <= x.start < hi for lo, hi in c.covered):
            continue
        at, words = x.end + m.start(1), m.group(1).strip().rstrip(",")
        lead = _THAT.match(words)
        if lead:
            at, words = at + lead.end(), words[lead.end() :]
        quote = DraftQuote(words, at, at + len(words), "paraphrase", x.text, x.actor_id, confidence=0.6)
        quote.rule = "name_said_paraphrases"
        lo, hi = _sentence_bounds(c.text, x.start, at)
        quote.chain = chain_of(c.text[lo:hi], c.outlets, c.fold)
        c.found.append(quote)
        c.covered.append((lo, hi))


def said_that_paraphrases(c: _Quotes) -> None:
    """ "… said that talks would resume": the words after "that", by the last name (or titled person)
    before the verb."""
    for m in _PARAPHRASE.finditer(c.text):
        if any(lo <= m.start() < hi for lo, hi in c.covered):
            continue
        lo, hi = _sentence_bounds(c.text, m.start(), m.end())
        speakers = [x for x in c.mentions if lo <= x.start < m.start()]
        person = _person(c.text, lo, m.start())
        words = m.group(1).strip().rstrip(",")
        quote = DraftQuote(words, m.start(1), m.start(1) + len(words), "paraphrase")
        if speakers:
            quote.speaker, quote.speaker_id = speakers[-1].text, speakers[-1].actor_id
        elif person:
            quote.speaker = person[0]
        quote.confidence = 0.6 if quote.speaker_id else 0.4
        quote.rule = "said_that_paraphrases" if quote.speaker else ""
        quote.chain = chain_of(c.text[lo:hi], c.outlets, c.fold)
        c.found.append(quote)


def find_quotes(
    text: str,
    names: NameIndex,
    mentions: list[Mention],
    outlets: dict,
    fold,
    people: frozenset = frozenset(),
    sides: dict | None = None,
    doc=None,
) -> list[DraftQuote]:
    """Direct quotes and paraphrases, with speakers and chains (left to right): the cue and content
    (_marks), the source (SOURCE, in order), the chain; then the paraphrases. With the parse (doc), the
    subject of the speech verb names a person speaker first; the rules decide the rest."""
    c = _Quotes(text, mentions, outlets, fold, people, sides, doc)
    c.speaking = [x for x in mentions if re.match(rf"[^.]{{0,80}}?\b{SPEECH}\b", text[x.end : x.end + 120])]
    for q in _marks(c):
        _speaker(c, q)
        _chain(c, q)
        c.found.append(q.quote)
        c.covered.append((q.lo, q.hi))
    name_said_paraphrases(c)
    said_that_paraphrases(c)
    return sorted(c.found, key=lambda q: q.start)
