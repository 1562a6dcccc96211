"""Small named rules over the parse (a spaCy Doc from parser.parse): who is the subject of a speech verb,
who a title introduces, where a wire dateline ends. Each answers None when the parse says nothing, and the
drafter's rules decide instead (docs/drafting.md)."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Verbs of saying, as lemmas: the subject of one of these is the speaker of the words it governs.
SPEECH_LEMMAS = frozenset(
    "say tell quote add stress state note warn announce insist explain declare argue indicate confirm affirm caution "
    "recall claim deny describe repeat acknowledge write vow pledge reply respond comment emphasise emphasize "
    "urge predict admit blame call accuse".split()
)
DOCUMENTS = frozenset("statement communique communiqué declaration".split())
PRONOUNS = frozenset("he she they it we i you who which this that".split())
NAME_LABELS = ("PERSON", "ORG", "NORP", "GPE", "FAC")

# A wire dateline at the head of the text: "MOSCOW —", "CAIRO, March 3 (Agency) -", "GAZA CITY, 4 March —".
DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){0,2})"
    r"(?:,\s*(?:[A-Z][a-z]{2,8}\.? \d{1,2}|\d{1,2} [A-Z][a-z]{2,8}))?"
    r"(?:\s*\([^)\n]{1,60}\))?\s*[-–—]{1,2}\s+",
    re.M,
)


@dataclass(frozen=True)
class Named:
    text: str  # the name as written ("Karim Haddad")
    start: int
    end: int
    kind: str  # person / organisation / other
    role: str = ""  # the title that introduced them ("Fatah Central Committee member"), "" when none


def datelines(text: str) -> list[tuple[int, int]]:
    """The character ranges of wire datelines (at the start of a line): their place names the dateline's
    city, not an actor of the story, and never a speaker."""
    return [(m.start(), m.end()) for m in DATELINE.finditer(text)]


def _cached(doc, key: str, make):
    """One computation per parse: the sentence and entity lists are rebuilt by spaCy on every access, and
    the rules ask for them per quote (a 1,500-word article took seconds)."""
    if key not in doc.user_data:
        doc.user_data[key] = make(doc)
    return doc.user_data[key]


def doc_text(doc) -> str:
    return _cached(doc, "text", lambda d: d.text)


def sentences(doc) -> list:
    return _cached(doc, "sents", lambda d: list(d.sents))


def _entity_at(doc) -> dict:
    return {i: e for e in doc.ents for i in range(e.start, e.end)}


def _entity(token):
    return _cached(token.doc, "entity_at", _entity_at).get(token.i)


def _text(tokens) -> str:
    """The words as written (their own spacing: "Islamic Jihad's"), without a leading article or edge commas."""
    tokens = sorted(tokens, key=lambda t: t.i)
    while tokens and (tokens[0].dep_ == "det" or tokens[0].is_punct):
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct:
        tokens = tokens[:-1]
    if not tokens:
        return ""
    return doc_text(tokens[0].doc)[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)].strip()


def _role_of(head) -> str:
    """A title before the name ("Central Committee member Karim Haddad") or in apposition to it ("Karim
    Haddad, a Fatah Central Committee member"; "Islamic Jihad's representative in Cairo, Anwar Qudsi")."""
    ent = _entity(head)
    first = ent.start if ent is not None else head.i
    before = [t for t in head.lefts if t.dep_ == "compound" and t.i < first and t.pos_ == "NOUN"]
    if before:
        return _text([t for t in before[0].subtree if t.i < first])
    for child in head.children:
        if child.dep_ == "appos" and child.pos_ == "NOUN":
            return _text(child.subtree)
    if head.dep_ == "appos" and head.head.pos_ == "NOUN":  # the title is the head: "its envoy, Anwar Qudsi"
        return _text([t for t in head.head.subtree if t.i < first])
    return ""


def _named_in_apposition(token) -> Named | None:
    """A common noun with a name in apposition ("a spokesman, Walid Hamdan"), or a person named in its
    phrase, the apposition hung on a nearer word ("Its representative in Beirut, Ziad Hamdan, said"): that
    name, with the noun phrase as their role when they have none."""
    appos = [c for c in token.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
    appos = appos or [t for t in token.subtree if t.ent_type_ == "PERSON" and t.dep_ == "appos"]
    if not appos:
        return None
    found = named(appos[0])
    if found is None or found.role:
        return found
    role = _text(t for t in token.subtree if t.i < appos[0].left_edge.i)
    return Named(found.text, found.start, found.end, found.kind, role)


KINDS = {"PERSON": "person", "ORG": "organisation", "NORP": "organisation"}


def _proper_name(token) -> Named | None:
    """A proper noun's name: its entity ("Karim Haddad", without a leading "the"), else its proper-noun
    compound."""
    ent = _entity(token)
    if ent is not None and ent.label_ in NAME_LABELS:
        words = [t for t in ent if not (t.i == ent.start and t.lower_ == "the")]
        kind = KINDS.get(ent.label_, "other")
    else:
        words = [t for t in token.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"] + [token]
        kind = "other"
    if not words:
        return None
    start, end = words[0].idx, words[-1].idx + len(words[-1].text)
    return Named(doc_text(token.doc)[start:end], start, end, kind, _role_of(token) if kind != "organisation" else "")


def named(token) -> Named | None:
    """The name a token stands in: its entity, or its proper-noun compound ("Karim Haddad"); a common noun
    with a name in apposition ("a spokesman, Walid Hamdan") gives that name. Pronouns and unnamed nouns
    ("an official") give None."""
    if token.lower_ in PRONOUNS or token.pos_ == "PRON":
        return None
    if token.pos_ == "NOUN":
        return _named_in_apposition(token)
    return _proper_name(token) if token.pos_ == "PROPN" else None


def _tokens_around(doc, start: int, end: int) -> tuple[list, list]:
    """The tokens of the sentences a quote touches, and the first few of the next one when the quote ends
    its sentence (a parser often splits after the closing mark: “…,” | she said) — within its paragraph."""
    found = [s for s in sentences(doc) if s.start_char < end and s.end_char > start]
    tokens, tail = [t for s in found for t in s], []
    if found:
        after = [s for s in sentences(doc) if s.start_char >= found[-1].end_char]
        if after and not doc_text(doc)[end : after[0].start_char].strip(" ,.\"”’'"):
            tail = list(after[0])[:6]

    def inside(t) -> bool:
        return "\n" not in doc_text(doc)[min(t.idx, start) : max(t.idx, end)]

    return [t for t in tokens if inside(t)], [t for t in tail if inside(t)]


def speech_subject_token(doc, start: int, end: int):
    """The subject token of the nearest speech verb outside the words at text[start:end] (or the object of
    "according to"), or None. Asked by several rules per quote: found once."""
    found = _cached(doc, "speech_subjects", lambda d: {})
    if (start, end) not in found:
        found[(start, end)] = _speech_subject_token(doc, start, end)
    return found[(start, end)]


def _speech_subject_token(doc, start: int, end: int):
    """The quote's own sentence first: "Nadir blamed Hamas, saying it had “…”. Mansour called that …"
    is Nadir's (the next sentence's verb counts only when the quote's sentence has none: “…” | she said)."""
    own, tail = _tokens_around(doc, start, end)
    for tokens in (own, tail):
        candidates = [c for t in tokens if not start <= t.idx < end for c in _speech_candidates(t, start, end)]
        if candidates:
            return min(candidates, key=lambda c: c[0])[1]
    return None


def _speech_candidates(token, start: int, end: int) -> list:
    """(distance to the quote, subject) for a speech verb with a subject, or "according to" with its object."""
    distance = min(abs(token.idx - start), abs(token.idx - end))
    if token.lemma_.lower() in SPEECH_LEMMAS and token.pos_ in ("VERB", "AUX"):
        # a subject inside the quoted words is the parse taking them for the clause ("“Our own people,
        # first,” he said": "people" and "he" both under "said"): the speaker is outside them
        subjects = [
            c
            for c in token.children
            if c.dep_ in ("nsubj", "nsubjpass") and not start <= c.idx < end and not _apart(token, c)
        ]
        if not subjects and token.dep_ == "acl" and token.head.lemma_.lower() in DOCUMENTS:
            subjects = [token.head]  # "The statement, signed by …, called the handover “…”": parsed as acl
        # the subject nearest the verb: "CAIRO, Oct 2 (Agency) – Egypt and Qatar called …" parses the dateline
        # as a subject too
        return [(distance, min(subjects, key=lambda c: abs(c.i - token.i)))] if subjects else []
    if token.lower_ == "according":
        to = [c for c in token.children if c.lower_ == "to"]
        objects = [c for c in to[0].children if c.dep_ == "pobj"] if to else []
        return [(distance, objects[0])] if objects else []
    return []


def _apart(verb, subject) -> bool:
    """Are the verb and its parsed subject in different paragraphs (a misparse across a blank line)?"""
    return "\n" in doc_text(verb.doc)[min(verb.idx, subject.idx) : max(verb.idx, subject.idx)]


def speech_subject(doc, start: int, end: int) -> Named | None:
    """Who says the words at text[start:end]: the subject of the nearest speech verb outside them in their
    sentence ("…,” Karim Haddad, a Fatah Central Committee member, told the Moscow Courier), or the one
    "according to" names; "he"/"she" as a pronoun for the caller to resolve. None when the subject is
    unnamed, or there is no such verb."""
    subject = speech_subject_token(doc, start, end)
    if subject is None:
        return None
    if subject.lower_ in ("he", "she"):  # resolved by the caller, who knows the actors: "…,” he said
        return Named(subject.text, subject.idx, subject.idx + len(subject.text), "pronoun")
    found = named(subject)
    if found is not None and " " not in found.text:  # "Haddad said": the full name given before
        full = [
            e
            for e in _cached(doc, "ents", lambda d: list(d.ents))
            if e.label_ == "PERSON" and len(e) > 1 and e[-1].text == found.text
        ]
        full = [e for e in full if e.start_char < found.start] or full
        if full:
            e = full[0]
            return Named(e.text, e.start_char, e.end_char, "person", _role_of(e.root))
        if found.kind == "other" and subject.ent_type_ == "":
            return Named(found.text, found.start, found.end, "person", found.role)
    return found


def _people(doc) -> list[Named]:
    """Every mention of a person the parse gives, in order, by full name: a person's name; a name in
    apposition to a title ("a former negotiator, Hazem Lotfy", which the tagger may take for a place); and
    a surname alone ("For Rahim", "Saadi, 61, moved") once the full name was given."""
    found: list[Named] = []
    for ent in _cached(doc, "ents", lambda d: list(d.ents)):
        if ent.label_ == "PERSON":
            found.append(Named(ent.text, ent.start_char, ent.end_char, "person"))
    found += _appositive_people(doc)
    found.sort(key=lambda n: n.start)
    full: dict[str, str] = {}
    out: list[Named] = []
    starts = {n.start for n in found}
    for token in doc:
        for n in (n for n in found if n.start == token.idx):
            out.append(n)
            if " " in n.text:
                full.setdefault(n.text.split()[-1], n.text)
        if token.pos_ == "PROPN" and token.text in full and token.idx not in starts:
            inside = any(n.start <= token.idx < n.end for n in found)
            if not inside:
                out.append(Named(full[token.text], token.idx, token.idx + len(token.text), "person"))
    return out


def _appositive_people(doc) -> list[Named]:
    """Full names in apposition to a title ("a former negotiator, Hazem Lotfy") or with a role in apposition
    to them (role_in_apposition)."""
    found = []
    for token in doc:
        if token.dep_ == "appos" and token.pos_ == "PROPN" and token.head.pos_ == "NOUN" or role_in_apposition(token):
            name = named(token)
            if name is not None and " " in name.text:
                found.append(Named(name.text, name.start, name.end, "person"))
    return found


def role_in_apposition(token) -> bool:
    """ "Nisreen Abu Eid, the Authority's deputy minister of civil affairs, …" (a name the tagger took for no
    person): a proper noun with a role noun in apposition to it ("minister", "spokesman") names a person."""
    if token.pos_ != "PROPN" or any(t.ent_type_ == "PERSON" for t in token.subtree if t.i <= token.i):
        return False
    return any(c.dep_ == "appos" and c.lemma_.lower() in ROLE_NOUNS for c in token.children)


def people(doc) -> list[Named]:
    """Every mention of a person, in order, by full name (once per parse)."""
    return _cached(doc, "people", _people)


def last_person(doc, before: int) -> Named | None:
    """The last person named before a position, as their full name ("Harb" → "Nabil Harb")."""
    people = [n for n in _cached(doc, "people", _people) if n.end <= before]
    if not people:
        return None
    last = people[-1]
    if " " not in last.text:
        earlier = [n for n in people if " " in n.text and n.text.split()[-1] == last.text]
        if earlier:
            return Named(earlier[0].text, last.start, last.end, "person")
    return last


def titled_people(doc) -> list[Named]:
    """The titled people of the article (_titled_people), once per parse."""
    return _cached(doc, "titled", _titled_people)


def _titled_people(doc) -> list[Named]:
    """People the article introduces with a title ("Central Committee member Karim Haddad", "Islamic
    Jihad's representative in Cairo, Anwar Qudsi"): full names (two words or more) with their role."""
    people: dict[str, Named] = {}
    for ent in _cached(doc, "ents", lambda d: list(d.ents)):
        if ent.label_ != "PERSON" or len(ent) < 2 or ent.text in people:
            continue
        found = named(ent.root)
        if found is not None and found.role and found.kind == "person":
            people[found.text] = found
    return list(people.values())


# Nouns that are events themselves: a date on them dates the event ("the meeting on Thursday").
EVENT_NOUNS = frozenset(
    "meeting talk talks visit summit session conference round election vote ceremony signing agreement deal "
    "statement announcement speech interview trip tour call ceasefire truce negotiation negotiations "
    "resignation".split()
) | {"another", "one", "first", "second", "third", "fourth", "last"}  # "another in Doha in 2012": an agreement


ROLE_NOUNS = frozenset(
    "observer envoy member representative negotiator spokesman spokeswoman spokesperson adviser advisor "
    "chairman chairwoman head minister official mediator delegate guest".split()
)
TIME_NOUNS = frozenset("morning afternoon evening night day week weekend month year hour".split())


def dates_a_thing(doc, start: int, end: int) -> bool:
    """Whether the date at text[start:end] dates a thing named by a noun rather than the sentence's action:
    "the coup in 2007", "the October 7 attack" — a date for the story's background, not for the event the
    sentence tells. A date on an event noun ("the meeting on Thursday") is the event's."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    root = span.root
    while root.head.lemma_.lower() in TIME_NOUNS and root.head.i != root.i:  # "tomorrow morning": one date
        root = root.head
    head = root.head
    if root.dep_ in ("compound", "nmod", "amod", "poss") and head.pos_ == "NOUN" and head.i >= span.end:
        return head.lemma_.lower() not in EVENT_NOUNS
    if root.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ == "NOUN":
        # "sat in on the talks as Islamic Jihad's observer in the autumn of 2025": a role held then is the
        # act's date (the parse hangs it on the role noun), not a thing's
        noun = head.head.lemma_.lower()
        return (
            noun not in EVENT_NOUNS
            and not (noun in ROLE_NOUNS and head.head.dep_ == "pobj")
            and not nth_time(head.head)
        )
    return False


ORDINALS = frozenset("first second third fourth fifth last final next".split())


def nth_time(noun) -> bool:
    """ "will meet for the first time on January 20": "the first time" counts the act, names no thing — the
    date the parse hangs on it dates the act."""
    return noun.lemma_.lower() == "time" and any(c.lower_ in ORDINALS for c in noun.children if c.dep_ == "amod")


def _verb_above(token):
    """The nearest verb a token depends on (itself when it is one)."""
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    return token if token.pos_ in ("VERB", "AUX") else None


def dated_verb(doc, start: int, end: int):
    """The verb the date at text[start:end] hangs from, or None."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return _verb_above(span.root) if span is not None and len(span) else None


CLAUSES = ("advcl", "pcomp", "relcl")  # a clause of its own: "after they launched …", "by ending …", "that began …"


def dates_another_action(doc, date_start: int, date_end: int, verb_start: int) -> bool:
    """Whether a date in the sentence belongs to another action than the event's verb at verb_start: one in
    a clause of its own below where the two meet ("weeks after the resistance launched an operation on
    October 7"; "talks that began last Thursday"; "… by ending the consequences of the coup in 2007"). A
    date on the event's verb, on the verb that reports it ("announced on 16 February that it had invited")
    or in the clause it reports is the event's. The parse attaches a phrase wrongly now and then, so the
    drafter uses this only to prefer the other dates of a sentence, never to drop its only one."""
    span = doc.char_span(date_start, date_end, alignment_mode="expand")
    event = doc.char_span(verb_start, verb_start + 1, alignment_mode="expand")
    if span is None or event is None or not len(span) or not len(event):
        return False
    dated, acting = _verb_above(span.root), _verb_above(event[0])
    if dated is None or acting is None or dated.i == acting.i:
        return False
    above_acting = {acting, *acting.ancestors}
    token = dated
    while token not in above_acting and token.head.i != token.i:
        if token.dep_ in CLAUSES and not _purpose_of(token, acting):
            return True
        token = token.head
    return False


def _purpose_of(clause, acting) -> bool:
    """ "sat down to discuss it in Cairo a day later": an infinitive of purpose right under the event's verb
    is when that verb happened too (the parse hangs the date on the infinitive)."""
    return clause.head.i == acting.i and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)


def dated_noun(doc, date_start: int, date_end: int):
    """The noun a date is on, when it is on one ("the resignation of the government two days ago", "the
    meeting on Thursday"): the token, else None (the date is on a verb, or the parse does not say)."""
    span = doc.char_span(date_start, date_end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    token = span.root
    for _ in range(4):  # through "ago", a preposition, "morning": to the word the date is about
        if token.head.i == token.i:
            return None
        head = token.head
        if head.pos_ == "NOUN" and head.lemma_.lower() not in TIME_NOUNS and not span.start <= head.i < span.end:
            return head
        if head.pos_ in ("VERB", "AUX"):
            return None
        token = head
    return None


def _range(words) -> tuple[int, int]:
    return words[0].idx, words[-1].idx + len(words[-1].text)


def coordinated_clause(doc, date_start: int, date_end: int) -> list[tuple[int, int]] | None:
    """The character ranges of the clause a date is in, when that clause is one of coordinated ones
    ("Hamas closed its office on Sunday, and Qatar recalled its envoy on Monday"): its verb's words without
    the clauses joined to it, and the shared subject when it has none of its own ("Fatah's delegation
    arrived two days ago and met Hamas yesterday": the delegation met). None when the date's verb is
    coordinated with nothing."""
    span = doc.char_span(date_start, date_end, alignment_mode="expand")
    verb = _verb_above(span.root) if span is not None and len(span) else None
    if verb is None or not (verb.dep_ == "conj" or any(c.dep_ == "conj" for c in verb.children)):
        return None
    joined = {t.i for c in verb.children if c.dep_ in ("conj", "cc") for t in c.subtree}
    ranges = [_range([t for t in verb.subtree if t.i not in joined and not t.is_punct])]
    if verb.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        shared = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        ranges += [_range(list(shared[0].subtree))] if shared else []
    return ranges
