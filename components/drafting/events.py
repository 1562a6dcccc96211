"""Events of an article: a pipeline of stages over each sentence (trigger → arguments → time anchor →
modality → status), each stage a list of small named rules (docs/drafting.md lists them and the errors
each fixes). A rule takes the sentence's Frame and the article's Context, may narrow or fill the frame,
and answers False when the sentence holds no event.

    drafted(ctx) -> (events, set_aside)
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from components.data.dates import DateError, parse_date
from components.data.names import Mention, fold
from components.data.schema import split_list
from components.data.similarity import near_events
from components.drafting import grammar, modality
from components.drafting.grammar import coordinated_clause, dated_noun, dates_a_thing, dates_another_action
from components.drafting.quotes import SPEECH, and_join, chain_of
from components.drafting.reldates import CLAUSE_VERB, OPEN_BOUND, DateMention, future_clause

REPORTED = re.compile(r"\b(reportedly|allegedly|according to|is said to|are said to|was said to|were said to)\b", re.I)
# "The results were released on Friday": a thing released, not people let go
_THINGS = "results statement report figures video footage list names text details data"
_NOT_PEOPLE = "".join(rf"(?<!{w} )" for w in _THINGS.split())
# Event verbs -> event types: the bundled types (CAMEO-coded), then two the bundled data lacks (a draft
# proposes them as new types for the editor to add or map).
VERBS = {
    "postponement": r"\b(postponed|postpone|delayed|called off|cancelled|canceled)\b",
    "host_visit": r"\b(received|receives|hosted|hosts|host)\b",
    "meeting": r"\b(met|meet|meets|meeting|talks|discussions|negotiat\w*|sat down|session|take place|took place|round)\b",
    "visit": r"\b(visited|visits|visit|arrived|arrive|arrives|travelled to|traveled to|travel to|flew to|flown to|"
    r"fly to|leave|leaves|left for|depart\w*|return(?:s|ed|ing)? (?:to|from)|flew back|came back|go(?:es)? back to|"
    r"went back to)\b",
    "invitation": r"\b(invited|invites|invite|invitation)\b",
    "leadership_change": r"\b(resigned|resigns|resignation|stepped down|appointed|sworn in|(?:was|were|been) named|"
    r"t(?:ake|akes|aking|ook|aken) office)\b",
    "military_force": r"\b(attacked|attack|strike|strikes|struck|shelled|launched|clash(?:es|ed)?|killed|kill|"
    r"fired|bombed|raided|stormed|ambushed|shot dead|shelling|attacking|storming|raiding|bombing|ambushing|mortar(?:s| shells?| rounds?)?|"
    r"dropped (?:a |an |two |several )?(?:grenades?|bombs?|explosives?)|gunfights?|gunfire|firefights?|"
    r"opened fire|wounded|beaten|beatings?)\b",
    "arrest": r"\b(arrest|arrested|arresting|arrests|detain|detained|detaining|rounded up|abduct(?:ed|ing)|kidnap(?:ped|ping))\b",
    # people let go, told in the passive too ("Eight of them were released on Saturday"), not a document
    "release": r"\b(freed|walked free|set free|released from (?:prison|detention|custody|jail)|"
    rf"{_NOT_PEOPLE}(?:was|were|been) "
    r"released(?!\s+(?:in\s+|on\s+)?(?:a|an|the|its|their)?\s*(?:statement|results?|reports?|figures|video|"
    r"footage|list|names|text|details|data)))\b",
    "restrictions": r"\b(curfews?|sealed off|seal off|martial law|state of emergency)\b",
    "protest": r"\b(sit-ins?|protest(?:s|ed|ing)?|demonstrat\w+|rall(?:y|ies|ied)|marched)\b",
    "reduce_relations": r"\b(closed its|recalled (?:its|his|her|their)|expelled|severed|cut ties)\b",
    "mediation": r"\b(mediat\w+|brokered)\b",
    "consult": r"\b(consult\w*)\b",
    "endorse": r"\b(welcomed|praised|endorsed)\b",
    "agreement": r"\b(agreed|agree|agreement|signed|sign|signing|deal|accord)\b",
    "statement": r"\b(announced|announces|declared|statement|news conference|press conference|briefing|called on|"
    r"appealed to|urged)\b",
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
_STATED_ON = re.compile(
    r"\b(?:statement|communiqu[eé]|declaration)\s+(?:(?:published|issued|released)\s+)?(?:(?:late |early )?on\s+|in the (?:early|small) hours of\s+)?$",
    re.I,
)
_LASTS = re.compile(
    r"[^.]{0,30}?\b(?:last|lasting|run|running|for)\s+(two|three|four|five|six|seven|\d)\s+days\b", re.I
)
_SPAN = re.compile(rf"{_N_DAYS}[^.]{{0,60}}?{_ENDED}|{_ENDED}[^.]{{0,40}}?{_N_DAYS.replace('?P<n>', '?P<m>')}", re.I)
LIVE_ENTRY = re.compile(r"^\d{1,2}[:.]\d{2}\s*[-–—:]", re.M)  # "10:05 - …": a live blog's entry of the day
_DATELINE = re.compile(r"^[A-Z][A-Z .'’-]+,\s*$")  # "MOSCOW, March 1 (Eastwire) -"
NEW_TYPES = {
    "agreement": "Sign or agree an accord (CAMEO 057)",
    "postponement": "Postpone or call off (not in CAMEO)",
    "arrest": "Arrest or detain (CAMEO 173)",
    "protest": "Demonstrate or rally (CAMEO 141)",
    "release": "Release a person from detention (CAMEO 084)",
    "restrictions": "Impose a curfew or restrictions (CAMEO 172)",
    "unclassified": "Event (choose its type)",  # a dated sentence with no verb we know
}


@dataclass
class Context:
    """What every sentence's rules may read: the article, its parse, its dates, its quotes and the data."""

    text: str
    doc: object  # the spaCy parse, or None
    ds: object  # the dataset (actors, types, events)
    published: dt.date | None
    outlets: dict
    outlet_id: str
    mentions: list  # known actors named (names.Mention), datelines left out
    dates: list  # every DateMention of the text
    people: frozenset  # the known actors who are persons
    quotes: list  # the quotes found (quotes.DraftQuote)
    datelines: list  # (start, end) of wire datelines
    live: bool = False  # a live blog ("10:05 - …" entries)


@dataclass
class Frame:
    """One sentence on its way through the stages."""

    s: int
    e: int
    inside: list = field(default_factory=list)  # the actors it names (and those it refers to)
    when: list = field(default_factory=list)  # its candidate dates, narrowed stage by stage
    own: list = field(default_factory=list)  # dates not of a saying ("said on Friday")
    found: tuple | None = None  # (kind, match) of the event word that tells its action
    candidates: list = field(default_factory=list)  # every (kind, match) of an event word in the sentence
    kind: str = ""
    v_start: int = 0  # the trigger's offsets
    v_end: int = 0
    emitted: list = field(default_factory=list)  # events the stages drafted already (a statement)
    reported_verb: object = (
        None  # the verb of a dated act a saying or an accusation reports (act_in_saying, accused_act)
    )


def _sentence(ctx: Context, f: Frame) -> str:
    return ctx.text[f.s : f.e]


# --- Stage 1: the trigger -------------------------------------------------------------------------------


def not_relayed_words(ctx: Context, f: Frame) -> bool:
    """ "The statement was relayed by Eastwire on Sunday": how words travelled (the chain), no event."""
    return not _RELAYED_WORDS.search(_sentence(ctx, f))


def _usable(ctx: Context, d, lo: int) -> bool:
    """A date that can date the sentence's event: not a span's start ("since late May"), not one the
    article corrects ("not on Thursday"), not a thing's ("the coup in 2007"), not an open bound."""
    before = ctx.text[max(0, d.start - 8) : d.start]
    return (
        d.start >= lo
        and not re.search(r"\bsince\s*$", before[-7:], re.I)
        and not d.text.lower().startswith(("since ", "not "))
        and not re.search(r"\bnot\s+(?:on\s+|in\s+)?$", before, re.I)
        and not (ctx.doc is not None and dates_a_thing(ctx.doc, d.start, d.end))
        and d.how != OPEN_BOUND
    )


def candidate_dates(ctx: Context, f: Frame) -> bool:
    """The sentence's dates, less a question's ("Asked whether it could be signed this week, …")."""
    asked = re.match(r"[^,]*?\bAsked\b[^,]*,", _sentence(ctx, f))
    lo = f.s + (asked.end() if asked else 0)
    f.inside = [m for m in ctx.mentions if f.s <= m.start < f.e]
    f.when = [d for d in ctx.dates if d.start < f.e and _usable(ctx, d, lo)]
    return True


def trigger(ctx: Context, f: Frame) -> bool:
    """The event word that tells the action (VERBS, the verb nearest the root first); without one, a dated
    sentence that reports no saying is still proposed, unclassified ("Hamas answered on 6 October")."""
    sentence = _sentence(ctx, f)
    f.candidates = [(k, m) for k, p in VERBS.items() if (m := _acting(p, sentence))]
    # the narrator's act before a word in someone's quoted words ("called on them to “return to the table”")
    told = [(k, m) for k, m in f.candidates if not _in_quote(ctx.quotes, f.s + m.start())]
    f.candidates = told or f.candidates
    f.found = _main_action(ctx.doc, f.s, f.candidates)
    if f.found:
        f.kind, f.v_start, f.v_end = f.found[0], f.s + f.found[1].start(), f.s + f.found[1].end()
        return True
    said = re.search(rf"\b{SPEECH}\b|\binterview\b|\bspeak(?:ing|s)? (?:of|to|about)\b", sentence, re.I)
    if f.when and not said and not _RELAY_SENTENCE.search(sentence):
        f.kind, f.v_start, f.v_end = "unclassified", f.when[0].start, f.e  # "Last spring she was promoted"
        return True
    verb = f.reported_verb = act_in_saying(ctx, f) or accused_act(ctx, f) or quoted_own_act(ctx, f)
    if verb is not None:
        f.kind, f.v_start, f.v_end = "unclassified", verb.idx, verb.idx + len(verb.text)
        return True
    return False  # a saying's date belongs to its quote; a relay to the chain


WILL = frozenset(("will", "would", "'ll", "shall"))


def act_in_saying(ctx: Context, f: Frame):
    """ "It said it would give its answer next week", "said that schools would reopen on Thursday": a
    dated clause with "will"/"would" reported by a speech verb is a plan even with no event word we know;
    "said the committee had paid only a third of the salaries in January" an act (the clause's verb, or
    None)."""
    span = ctx.doc.char_span(f.s, f.e, alignment_mode="expand") if ctx.doc is not None else None
    for t in span or []:
        verb = t.head
        told = t.lower_ in WILL or (t.lower_ == "had" and verb.tag_ == "VBN")  # a plan, or an act before it
        told = (told and t.dep_ == "aux") or simple_past_reported(t)
        if not told or verb.dep_ != "ccomp" or _in_quote(ctx.quotes, t.idx):
            continue  # in someone's quoted words: theirs to date, not the narrator's
        if verb.head.lemma_.lower() in grammar.SPEECH_LEMMAS and any(_on_clause(verb, d) for d in f.when):
            return verb
    return None


def simple_past_reported(t) -> bool:
    """ "Hamas said on Sunday that your staff destroyed a box of ballots … the day after the vote": a reported
    clause's own verb in the simple past (its subject named) tells an act as well as "had destroyed" does —
    broadens act_in_saying from the pluperfect; the date must still be on that clause, not the saying's."""
    verb = t.head
    return t.dep_ == "nsubj" and verb.tag_ == "VBD" and verb.lemma_.lower() not in ("be", "have")


def quoted_own_act(ctx: Context, f: Frame):
    """ "“We sent them the text on Monday night,” he said": a dated act the speaker tells in the first person
    inside a quote whose speaker was found (speaker_acting) is an act even with "he said" beside it (the
    dated verb, or None)."""
    if ctx.doc is None or not f.when or not speaker_acting(ctx, f):
        return None
    return grammar.dated_verb(ctx.doc, f.when[0].start, f.when[0].end)


ACCUSING = frozenset(("accuse", "blame"))


def accused_act(ctx: Context, f: Frame):
    """ "Islamic Jihad blamed the Authority for the death of a prisoner on Saturday", "accused Fatah of
    torturing a detainee last month": the dated act of an accusation's complement (its word, or None)."""
    span = ctx.doc.char_span(f.s, f.e, alignment_mode="expand") if ctx.doc is not None else None
    for t in span or []:
        if t.lemma_.lower() not in ACCUSING or _in_quote(ctx.quotes, t.idx):
            continue
        # "of"/"for" on the verb or on its object ("accused Fatah of torturing …")
        preps = [c for x in (t, *t.children) for c in x.children if c.dep_ == "prep" and c.lower_ in ("of", "for")]
        for act in (c for p in preps for c in p.children if c.dep_ in ("pobj", "pcomp")):
            # the date on the act, or on the accusing verb itself ("blamed … for the death … on Saturday")
            if any(_on_clause(act, d) or grammar.dated_verb(ctx.doc, d.start, d.end) == t for d in f.when):
                return act
    return None


def _in_quote(quotes, at: int) -> bool:
    return any(q.quote_type == "direct" and q.start <= at < q.end for q in quotes)


def _on_clause(verb, d) -> bool:
    """Is the date in the verb's clause, not in a clause under it ("would resign if the salaries were not
    paid by the end of the month": the condition's date)?"""
    lo, hi = verb.left_edge.idx, verb.right_edge.idx + len(verb.right_edge.text)
    # a clause under it opens with a subordinator ("if", "when"); the parse's advcl without one ("at the
    # Kerem Shalom crossing on Monday", a noun taken for a verb) is the verb's own — fixes its date lost
    under = [c for c in verb.children if c.dep_ == "advcl" and any(m.dep_ == "mark" for m in c.children)]
    under = [(c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text)) for c in under]
    return lo <= d.start < hi and not any(a <= d.start < b for a, b in under)


TRIGGER: list[Callable] = [not_relayed_words, candidate_dates, trigger]


# --- Stage 2: the arguments (who) ------------------------------------------------------------------------


def referring_subject(ctx: Context, f: Frame) -> bool:
    """A subject that refers back, before any name ("The movement had met Egyptian officials", "he", "the
    two movements"): the actors it stands for join the ones named."""
    first = f.inside[0].start if f.inside else f.e
    if not _they_of_this_sentence(ctx, f, min(f.v_end, first)):
        f.inside = _referred(ctx.text[f.s : min(f.v_end, first)], ctx.mentions, f.s, ctx.people) + f.inside
    return True


def _they_of_this_sentence(ctx: Context, f: Frame, until: int) -> bool:
    """ "Students at the university said they will stage a sit-in": "they" is the sentence's own unnamed
    subject (a common noun above it), not the organisations named before."""
    if ctx.doc is None:
        return False
    span = ctx.doc.char_span(f.s, until, alignment_mode="contract")
    they = next((t for t in span or [] if t.lower_ == "they" and t.dep_ == "nsubj"), None)
    if they is None:
        return False
    subjects = [c for a in they.ancestors for c in a.children if c.dep_ == "nsubj" and c.i < they.i]
    # a definite subject ("The signatories said they …") refers back itself: the rule for "they" stands
    return any(c.pos_ == "NOUN" and not any(d.dep_ in ("det", "poss") for d in c.children) for c in subjects)


def we_in_a_quote(ctx: Context, f: Frame) -> bool:
    """ "In 2011 we signed," said a Hamas leader: "we" is the speaker's side."""
    if not f.inside:
        f.inside = _we(ctx.text, f.s, f.e, ctx.quotes, ctx.ds)
    return True


ARGUMENTS: list[Callable] = [referring_subject, we_in_a_quote]


# --- Stage 3: the time anchor ----------------------------------------------------------------------------


def own_verb_dates(ctx: Context, f: Frame) -> bool:
    """Dates on the event's own verb first: a date in another clause ("weeks after the group launched an
    attack on October 7") or in someone's quoted words is not its — unless no other date is left."""
    if f.found and ctx.doc is not None:
        own = [
            d
            for d in f.when
            if not dates_another_action(ctx.doc, d.start, d.end, f.v_start)
            and not _quoted_apart(ctx.quotes, d, f.v_start)
        ]
        f.when = own or f.when
    return True


def live_blog_day(ctx: Context, f: Frame) -> bool:
    """An undated entry of a live blog happened that day, when the sentence tells it rather than quotes
    someone ("10:05 - Delegations have arrived"; not "Mansour said the first session was …")."""
    told = not re.search(rf"\b{SPEECH}\b|[“\"]", ctx.text[f.s : f.v_start], re.I)
    if f.found and not f.when and ctx.live and f.inside and told and _in_live_entry(ctx.text, f.s):
        if not future_clause(ctx.text, f.v_start, f.v_end):
            day = ctx.published.isoformat()
            f.when = [DateMention(f.s, f.s, "", day, "a live blog's entry: the publication day")]
    return True


OCCASION = re.compile(
    r"\b(?:at|during)\s+(?:the|that|this)\s+(?:same\s+)?(?:meeting|talks|session|visit|summit|round|ceremony|"
    r"conference)\b",
    re.I,
)


def occasion_date(ctx: Context, f: Frame) -> bool:
    """An undated sentence that says it happened at the occasion told before ("On Monday Hamas and Fatah
    met in Cairo. At the meeting, both signed a short accord."): the date of that occasion, the last date
    its paragraph gave before it."""
    if f.when or not f.found or not OCCASION.search(_sentence(ctx, f)):
        return True
    paragraph = ctx.text.rfind("\n", 0, f.s) + 1
    before = [d for d in ctx.dates if paragraph <= d.start < f.s and d.resolved]
    if before:
        how = f"the date of the occasion told before (“{before[-1].text}”)"
        f.when = [DateMention(f.s, f.s, "", before[-1].edtf, how)]
    return True


def dated_with_actors(ctx: Context, f: Frame) -> bool:
    """An event needs a date, and actors or a verb that says what happened (a clash with no faction named
    is an event: "Clashes in the camps killed at least 19 on Monday")."""
    return bool(f.when) and bool(
        f.inside
        or f.found
        or f.reported_verb is not None
        or _planned_unnamed(ctx, f)
        or person_acting(ctx, f)
        or speaker_acting(ctx, f)
        or act_done(ctx, f)
        or passive_act(ctx, f)
        or accused_unnamed(ctx, f)
    )


def not_a_state(ctx: Context, f: Frame) -> bool:
    """ "He was not charged, and he was at his desk the next morning": with no event word and no act a saying
    or an accusation reports, a date on a bare "was" joined to the clause before (a copula, no participle)
    tells the state that followed, no event ("Our delegate was at the crossing on Tuesday" alone still is)."""
    if f.found or f.reported_verb is not None or ctx.doc is None or not f.when:
        return True
    verb = grammar.dated_verb(ctx.doc, f.when[0].start, f.when[0].end)
    return verb is None or verb.lemma_.lower() != "be" or verb.dep_ != "conj"


def accused_unnamed(ctx: Context, f: Frame) -> bool:
    """ "Camp residents accused security forces of cutting the water supply on Wednesday": the dated act of an
    accusation (accused_act) is an event though neither side is an actor in the data."""
    return ctx.doc is not None and accused_act(ctx, f) is not None


def passive_act(ctx: Context, f: Frame) -> bool:
    """ "He was released on Thursday", "A young man … was taken from his home on Tuesday night": in someone's
    own words (an interview's answer, a quote whose speaker was found), a dated past passive (was/were and a
    participle, with its subject) tells a finished act whoever did it — not a saying ("was told") nor a
    birth; the narrator's "The fund was opened on Monday", with no one named, stays no event."""
    verb = grammar.dated_verb(ctx.doc, f.when[0].start, f.when[0].end) if ctx.doc is not None and f.when else None
    if verb is None or verb.tag_ != "VBN" or verb.lemma_.lower() in grammar.SPEECH_LEMMAS | {"bear", "base"}:
        return False
    was = any(c.dep_ == "auxpass" and c.lower_ in ("was", "were") for c in verb.children)
    quoted = [q for q in ctx.quotes if q.quote_type == "direct" and q.start <= verb.idx < q.end]
    own = bool(quoted) and all(q.speaker for q in quoted)
    return was and own and any(c.dep_ == "nsubjpass" for c in verb.children)


def act_done(ctx: Context, f: Frame) -> bool:
    """ "A day later, the funeral of the boy drew several thousand mourners", "The shooting broke out hours
    after the raid": with no event word and no actor named, a dated simple past with a subject and an object
    (or a particle) in the narrator's or a found speaker's words tells an act all the same (not a saying, a
    state)."""
    verb = grammar.dated_verb(ctx.doc, f.when[0].start, f.when[0].end) if ctx.doc is not None and f.when else None
    if verb is None or verb.lemma_.lower() in grammar.SPEECH_LEMMAS or not own_or_narrators(ctx, verb.idx):
        return False
    deps = {c.dep_ for c in verb.children}
    return _told_act(ctx, f) and "nsubj" in deps and bool(deps & {"dobj", "prt"})


def own_or_narrators(ctx: Context, at: int) -> bool:
    """The narrator's words, or the words of a quote whose speaker was found (an interview's answer: "In
    October of that year a court threw out the results") — broadens act_done, as passive_act reads a
    speaker's own words; a quote with no speaker found stays out."""
    quoted = [q for q in ctx.quotes if q.quote_type == "direct" and q.start <= at < q.end]
    return all(q.speaker for q in quoted)


_FIRST_PERSON = re.compile(r"\b(?:[Ww]e|I|[Mm]y|[Oo]ur|[Uu]s|[Mm]e)\b")


def speaker_acting(ctx: Context, f: Frame) -> bool:
    """ "Samia: We reopened the register in March 2024", "Someone called my office on Monday": a dated
    sentence of someone's own words (an interview's answer, a quote with its speaker found) told in the first
    person — the speaker is an actor of it, named or not in the data."""
    me = _FIRST_PERSON.search(_sentence(ctx, f))
    at = f.s + me.start() if me else -1
    own = [q for q in ctx.quotes if q.quote_type == "direct" and q.speaker and q.start <= at < q.end]
    return bool(own) and all(own[0].start <= d.start < own[0].end for d in f.when) and _told_act(ctx, f)


def _told_act(ctx: Context, f: Frame) -> bool:
    """The dated verb tells a finished act (a simple past, "we closed it"), not a state ("That was our
    position in 2017") nor a tally up to now ("I have packed the same suitcase four times this month")."""
    verb = grammar.dated_verb(ctx.doc, f.when[0].start, f.when[0].end) if ctx.doc is not None and f.when else None
    return verb is not None and verb.tag_ == "VBD" and verb.lemma_.lower() not in ("be", "have")


def person_acting(ctx: Context, f: Frame) -> bool:
    """ "Nisreen Abu Eid, the deputy minister, rejected the figures on Wednesday": the dated verb's subject is
    a person the parse names (not in the data): an actor all the same."""
    verb = grammar.dated_verb(ctx.doc, f.when[0].start, f.when[0].end) if ctx.doc is not None and f.when else None
    subjects = [c for c in verb.children if c.dep_ == "nsubj"] if verb is not None else []
    people = grammar.people(ctx.doc) if subjects else []
    return any(p.start <= s.idx < p.end for s in subjects for p in people)


def _planned_unnamed(ctx: Context, f: Frame) -> bool:
    """ "The account will be opened on March 18": a dated plan with no one named (future tense on its date)."""
    return any(future_clause(ctx.text, d.start, d.end) for d in f.when)


def not_a_saying_date(ctx: Context, f: Frame) -> bool:
    """The event's date, not a dateline's ("MOSCOW, March 1 (Eastwire) -") nor the day it was said ("said
    on Wednesday that they will meet tomorrow")."""
    text = ctx.text
    f.when = [d for d in f.when if not _DATELINE.search(text[text.rfind("\n", 0, d.start) + 1 : d.start])]
    f.own = [
        d
        for d in f.when
        if not _SAID_ON.search(before := text[max(f.s, d.start - 40) : d.start]) or passive_saying(before)
    ]
    return bool(f.when)


def passive_saying(before: str) -> bool:
    """ "results will be announced two days after the vote", "the names were declared on Monday": a speech verb
    in the passive tells what is made public on that date (an act), not the day someone said something."""
    return bool(re.search(rf"\b(?:be|been|being|was|were|is|are)\s+{SPEECH}\s*$", before, re.I))


# "a statement on Tuesday urging Hamas and Fatah to resume talks next week": what others are urged to do
URGING = re.compile(r"\b(?:urg(?:ing|ed|es)|call(?:ing|ed|s) (?:on|for)|appeal(?:ing|ed|s) to|asking|asked)\b", re.I)


def statement_and_its_clause(ctx: Context, f: Frame) -> bool:
    """ "said in a statement on Thursday that it would attend the talks next week": the statement is an
    event on its day, and the reported clause one of its own when it has a date and a verb we know."""
    # any date of the sentence: "issued in the early hours of Saturday" dates "hours", a thing, for the parse
    stated = [
        d for d in ctx.dates if f.s <= d.start < f.e and d.resolved and _STATED_ON.search(ctx.text[f.s : d.start])
    ]
    if not stated:
        return True
    f.emitted.append(_event(ctx, f, stated[0], f.inside, "statement"))
    if any(d.start < stated[0].start for d in f.when):  # "agreed on Friday …, they said in a statement issued
        # on Saturday": the act told first is an event too, unless on the statement's day (the same act)
        f.when = [d for d in f.when if d.edtf != stated[0].edtf]
        f.own = [d for d in f.own if d.edtf != stated[0].edtf]
        return bool(f.when)
    # the clause it announces: after "that", else the rest of the sentence ("In a statement on Thursday,
    # the movement accused the police of detaining six students last week": the detentions, last week)
    that = re.search(r"\bthat\b", ctx.text[stated[0].end : f.e])
    clause_at = stated[0].end + (that.end() if that else 0)
    f.kind = next((k for k, p in VERBS.items() if re.search(p, ctx.text[clause_at : f.e], re.I)), None)
    f.own = [d for d in f.when if d.start >= clause_at]
    return bool(f.own and f.kind) and not URGING.search(ctx.text[stated[0].end : f.own[0].start])


SAYING_ACTS = frozenset(("statement", "endorse"))


_SAID_AT = re.compile(
    rf"\b{SPEECH}\s+(?:at|to|during)?\s*(?:a|an|the|his|her|its|their)\s+(?:[\w-]+\s+)?(?:news|press)\s+conference$",
    re.I,
)


def conference_of_a_saying(ctx: Context, f: Frame) -> bool:
    """ "“…,” the governor told a news conference in Tulkarm on Friday", "he said at a news conference on
    Wednesday": the conference is where the words were said (the quote's date and chain), no event of its
    own; "held a news conference on Saturday" still is one."""
    return not (f.kind == "statement" and _SAID_AT.search(ctx.text[f.s : f.v_end]))


def said_or_stated_on(ctx: Context, f: Frame) -> bool:
    """Only the day it was said: an event when a verb we know tells it ("Hamas announced on Tuesday …"; "in
    a statement published on Saturday, …" is the statement), not "told Eastwire on Friday that the talks
    were useful"."""
    if not f.own and f.found and re.search(r"\bstatement\b", ctx.text[f.s : f.when[0].start], re.I):
        f.kind = "statement"
    # saying that one welcomes or endorses is the act itself ("said on Monday that it welcomed the statement")
    framing = f.kind in SAYING_ACTS or not re.search(r"\bthat\b", ctx.text[f.when[0].end : f.e])
    f.when = f.own or (f.when if f.found and framing else [])
    return bool(f.when)


def reported_clause(ctx: Context, f: Frame) -> bool:
    """ "X said (…) that they would attend … next week": the event's date is in the reported clause."""
    # not a second reported clause's "that" ("said they had agreed to meet on Sunday and that the prime
    # minister would join them"): the first clause starts right after the verb
    that = re.search(rf"\b{SPEECH}\b(?:(?!\band\b)[^.])*?\bthat\b", ctx.text[f.s : f.e], re.I)
    if that:
        f.when = [d for d in f.when if d.start >= f.s + that.end()] or f.when
    f.when = _narrowest_first(f.when)  # "three years ago, in the spring of 2021": the precise one
    return True


TIME: list[Callable] = [
    own_verb_dates,
    live_blog_day,
    occasion_date,
    dated_with_actors,
    not_a_state,
    not_a_saying_date,
    statement_and_its_clause,
    conference_of_a_saying,
    said_or_stated_on,
    reported_clause,
]
STAGES = {"trigger": TRIGGER, "arguments": ARGUMENTS, "time anchor": TIME}


# --- Stages 4 and 5: modality (modality.py) and status (_status), then the events -------------------------


def _dates_of_clauses(ctx: Context, f: Frame) -> dict:
    """Several dates in clauses of their own ("arrived two days ago and met Hamas yesterday"; "Hamas closed
    its office on Sunday, and Qatar recalled its envoy on Monday"): one event each; else the first."""
    between = ctx.text[f.when[0].end : f.when[-1].start] if len(f.when) > 1 else ""
    parallel = re.search(r"\band\b", between) or ("," in between and CLAUSE_VERB.search(between))
    parallel = parallel or semicolon_clauses(between)
    return {d.edtf: d for d in reversed(f.when if parallel else f.when[:1])}


def _aside_of_clause(ctx: Context, f: Frame, date, own, aside):
    """The modality of one of several dated clauses: a relative clause's own, an unclassified clause's read
    from its date, else the sentence's."""
    if own is not None:
        return modality.set_aside(ctx.doc, own.s)
    return modality.set_aside(ctx.doc, date.start) if f.kind == "unclassified" else aside


def relative_clause_act(ctx: Context, f: Frame, date) -> Frame | None:
    """ "Islamic Jihad, which boycotted the 2006 vote, did not send a delegation this week": a date inside a
    relative clause, beside another date of the sentence, dates that clause's act — its evidence the clause
    alone, not the main clause's (a Frame over the clause, or None)."""
    verb = grammar.dated_verb(ctx.doc, date.start, date.end) if ctx.doc is not None else None
    if verb is None or verb.dep_ != "relcl":
        return None
    lo, hi = verb.idx, verb.right_edge.idx + len(verb.right_edge.text)
    return Frame(lo, hi, v_start=lo, v_end=verb.idx + len(verb.text))


def semicolon_clauses(between: str) -> bool:
    """ "We spoke to him on Saturday; he had returned the day before": a semicolon between two dates joins
    two clauses, each an act of its own — not when the one after it is a saying ("…; Qasem spoke to the
    Post a day later": the day of his words)."""
    after = between.rsplit(";", 1)[-1]
    return ";" in between and not re.search(rf"\b(?:{SPEECH}|spoke|spoken|speaking)\b", after, re.I)


def _modality(ctx: Context, f: Frame) -> tuple[str, str] | None:
    """Stage 4 (modality.MODALITY) on the trigger: when it sets the action aside, the sentence's event may
    still be another it names ("failed to agree … during two days of talks that ended on Sunday": the
    talks), or the statement that told it ("Fatah, in a statement on Sunday, said it would not sign")."""
    # an unclassified event is read from its date ("were supposed to hand over … on May 1, and they did not")
    aside = modality.set_aside(ctx.doc, f.v_start)
    if aside is None or _same_act_dated_elsewhere(ctx, f):
        return None
    if re.search(r"\bstatement\b", ctx.text[f.s : f.v_start], re.I):
        f.kind = "statement"
        return None
    for kind, m in f.candidates:
        if kind != f.kind and modality.set_aside(ctx.doc, f.s + m.start()) is None:
            f.kind = kind
            return None
    return aside


def _same_act_dated_elsewhere(ctx: Context, f: Frame) -> bool:
    """ "Hamas has not yet signed the Cairo text, which Fatah signed on Monday": the date hangs from another
    word of the trigger's kind, told as happening — that one is the event."""
    if ctx.doc is None or not f.when or f.kind not in VERBS:
        return False
    verb = grammar.dated_verb(ctx.doc, f.when[0].start, f.when[0].end)
    if verb is None or verb.idx == f.v_start or not re.fullmatch(VERBS[f.kind], verb.text, re.I):
        return False
    return modality.set_aside(ctx.doc, verb.idx) is None


def _clause_parts(ctx: Context, f: Frame, date, others: list) -> tuple[list, str]:
    """The actors and the event word of a date's own clause, when the sentence joins clauses of their own
    ("Hamas closed its office on Sunday, and Qatar recalled its envoy on Monday": Hamas's closing, Qatar's
    recall); the sentence's when the parse does not part the dates."""
    ranges = (
        coordinated_clause(ctx.doc, date.start, date.end) if ctx.doc is not None and date.end > date.start else None
    )
    if not ranges or any(ranges[0][0] <= d.start < ranges[0][1] for d in others if d is not date):
        return f.inside, f.kind
    inside = [m for m in f.inside if any(lo <= m.start < hi for lo, hi in ranges)] or f.inside
    lo, hi = ranges[0]
    kind = next((k for k, m in f.candidates if lo <= f.s + m.start() < hi), f.kind)
    return inside, kind


def _emit(ctx: Context, f: Frame, events: list, set_aside: list) -> None:
    chosen = _dates_of_clauses(ctx, f)
    aside = _modality(ctx, f)
    for date in chosen.values():
        inside, kind = _clause_parts(ctx, f, date, list(chosen.values())) if len(chosen) > 1 else (f.inside, f.kind)
        own = relative_clause_act(ctx, f, date) if len(chosen) > 1 else None
        event = _event(ctx, own or f, _spanned(ctx.text, f.s, date), inside, kind)
        this = _aside_of_clause(ctx, f, date, own, aside) if len(chosen) > 1 else aside
        if this:  # denied, conditional: shown to the curator, never drafted as occurred
            set_aside.append(event | {"status": this[0], "set_aside_by": this[1]})
        else:
            events.append(event)
    for date, verb_kind, verb in _verb_events(ctx, f, chosen):
        # "accused them of arresting 27 supporters earlier this month, and said the fighting began when
        # officers tried to detain two more on Monday": another dated act of the sentence, an event of its own
        lo, hi = verb.left_edge.idx, verb.right_edge.idx + len(verb.right_edge.text)
        events.append(_event(ctx, f, date, [m for m in f.inside if lo <= m.start < hi], verb_kind))
    for date, noun_kind, lo, hi in _noun_events(ctx.doc, ctx.text, f.s, f.e, ctx.dates, f.kind, chosen):
        # "comes after the resignation of the government two days ago": an event of its own, of the
        # actors its noun phrase names
        named = [m for m in f.inside if lo <= m.start < hi] or f.inside
        events.append(_event(ctx, f, date, named, noun_kind))


def _sentences(text: str):
    """The sentences of the text; a point inside a number ("pledged $2.4 billion") ends none — fixes the
    words before it lost from the sentence's event."""
    for m in re.finditer(r"(?:[^\n.!?]|\.(?=\d))+(?:[.!?][\"”’)]*(?=\s|$)|$)", text):  # a closing quote may follow
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        if e - s > 20:
            yield s, e


def drafted(ctx: Context) -> tuple[list, list]:
    """The events of the article, and those read but set aside (denied, conditional)."""
    events, set_aside = [], []
    for s, e in _sentences(ctx.text):
        s = next((hi for lo, hi in ctx.datelines if lo <= s < hi), s)  # the evidence starts after a dateline
        f = Frame(s, e)
        passed = all(rule(ctx, f) for rule in TRIGGER + ARGUMENTS + TIME)
        events += f.emitted
        if passed:
            _emit(ctx, f, events, set_aside)
    return [e for i, e in enumerate(events) if not told_again(e, events[:i])], set_aside


def told_again(event: dict, before: list) -> bool:
    """ "… killed in gunfights in the old city on Sunday night. … The gunfights began hours after the
    strike": a sentence whose subject is "the <noun>" the sentence of an earlier event of the same type and
    date named — the same event told again, not another."""
    m = re.match(r"(?:The|These|Those)\s+(\w{4,})\b", event["evidence"])
    return (
        bool(m)
        and names_an_act(m.group(1))
        and any(
            e["date"] == event["date"]
            and e["event_type"] == event["event_type"]
            and re.search(rf"\b{re.escape(m.group(1))}\b", e["evidence"], re.I)
            and e["start"] != event["start"]
            for e in before
        )
    )


def names_an_act(noun: str) -> bool:
    """ "The gunfights began …" names an act (an event word), "The station was hit …" a thing: a sentence
    about a thing an earlier event named ("the shelling of a police station") is no retelling of it."""
    return any(re.fullmatch(p, noun, re.I) for p in VERBS.values())


def _status(ctx: Context, sentence: str, date) -> str:
    """Stage 5: planned when dated after publication or spoken of in the future (will, is expected to,
    plans, invited … to, called for); reported when the sentence says "reportedly", "according to", "is
    said to"; else occurred."""
    ahead = ctx.published is not None and date.resolved and date.edtf[:10] > ctx.published.isoformat()
    if ahead or future_clause(ctx.text, date.start, date.end):
        return "planned"
    return "reported" if REPORTED.search(sentence) else "occurred"


NOT_ACTS = frozenset(("statement", "unclassified"))


def _verb_events(ctx: Context, f: Frame, chosen: dict) -> list:
    """Other dated acts of the sentence (two dated clauses, a relative or "when" clause, an accusation's
    complement): (date, kind, verb) for each date left out of the event that hangs from a verb of its own
    that is an event word we know (VERBS), told as happening (modality) and not inside someone's quote."""
    if ctx.doc is None or not f.found:
        return []
    trigger = grammar.dated_verb(ctx.doc, f.v_start, f.v_end)
    found = []
    for d in ctx.dates:
        if not f.s <= d.start < f.e or not d.resolved or d.edtf in chosen or not _usable(ctx, d, f.s):
            continue
        verb = grammar.dated_verb(ctx.doc, d.start, d.end)
        if verb is None or trigger is None or verb.i == trigger.i or _in_quote(ctx.quotes, verb.idx):
            continue
        kind = next((k for k, p in VERBS.items() if re.match(p, ctx.text[verb.idx : verb.idx + 40], re.I)), None)
        if kind and kind not in NOT_ACTS and modality.set_aside(ctx.doc, verb.idx) is None:
            found.append((d, kind, verb))
    return found


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
    return bool(LIVE_ENTRY.match(text, para))


@functools.lru_cache(maxsize=4096)
def _bounds(edtf: str):
    """The first and last instants an EDTF date can mean (as the data model's columns hold them), or None:
    one small parse per distinct date (a pandas column per event took a second per long article)."""
    try:
        found = parse_date(edtf)
    except DateError:
        return None
    return np.datetime64(found.start, "s"), np.datetime64(found.end, "s")


def _narrowest_first(when: list) -> list:
    """Dates in apposition ("three years ago, in the spring of 2021"): the most precise one first."""
    if len(when) < 2 or not all(d.resolved for d in when[:2]):
        return when
    first, second = _bounds(when[0].edtf), _bounds(when[1].edtf)
    if first is None or second is None:
        return when
    if first[0] <= second[0] and second[1] <= first[1] and (second[1] - second[0]) < (first[1] - first[0]):
        return [when[1], when[0], *when[2:]]  # the second lies inside the first
    return when


# ", damaging the building but causing no casualties": a closing clause that tells what did not happen
_NOTHING_AFTER = re.compile(r"\s+but\s+(?:\w+\s+){0,2}(?:no|not|never)\b[^\"“”,;]*$")


def _evidence(sentence: str, trigger_end: int, date_end: int, denial: int | None = None) -> str:
    """The sentence, less a closing "but … no …" clause after the trigger and the date, or a denial there
    (modality.denial_after): the passage of what happened, not of what did not."""
    if denial is not None:
        sentence = sentence[:denial].rstrip(" ,;")
    m = _NOTHING_AFTER.search(sentence)
    sentence = sentence[: m.start()] if m and m.start() >= max(trigger_end, date_end) else sentence
    return sentence[negated_opening_quote(sentence, trigger_end) :]


_OPENING_QUOTE = re.compile(r"\s*[“\"]([^”\"]+)[”\"],?\s*")


def negated_opening_quote(sentence: str, trigger_end: int) -> int:
    """ "“There are no plans to send troops,” he said at a news conference on Wednesday": a quote opening the
    sentence that says what will not or did not happen, before the narrator's act, is left out of its
    evidence (where the evidence starts: 0 when nothing is left out)."""
    m = _OPENING_QUOTE.match(sentence)
    denies = m is not None and re.search(r"\b(?:no|not|never|nobody|nothing)\b|n't\b", m.group(1), re.I)
    return m.end() if denies and m.end() < trigger_end else 0


def _denial_at(ctx: Context, f: Frame, date, kind: str) -> int | None:
    """The offset in the sentence where a denial after the event's trigger and date begins, or None (a
    statement the sentence dates is told by its date: "In a statement late on Monday, the movement said
    reports that … detained were false")."""
    at = modality.denial_after(
        ctx.doc, f.s, f.e, max(f.v_end if f.found and f.found[0] == kind else date.end, date.end)
    )
    return at - f.s if at is not None else None


def _event(ctx: Context, f: Frame, date, inside, kind) -> dict:
    """One proposed event of the sentence text[f.s:f.e], on one of its dates."""
    ds, sentence = ctx.ds, ctx.text[f.s : f.e]
    actor_ids = list(dict.fromkeys(m.actor_id for m in inside))
    names = [ds.actor_name(a) for a in actor_ids]
    label = ds.type_label.get(kind) or NEW_TYPES.get(kind, kind.replace("_", " "))
    confidence = round(0.4 + 0.2 * (len(actor_ids) >= 2) + 0.2 * date.resolved + 0.1 * (kind in ds.type_label), 2)
    evidence = _evidence(sentence, f.v_end - f.s, date.end - f.s, _denial_at(ctx, f, date, kind))
    start = f.s + max(sentence.find(evidence), 0)  # the passage's own offsets, where a denial was cut from it
    return {
        "date": date.edtf,
        "date_text": date.text,
        "date_how": date.how,
        "status": _status(ctx, sentence, date),
        "event_type": kind,
        "event_type_known": kind in ds.type_label,
        "title": f"{and_join(names)}: {_PAREN.sub('', label).lower()}" if names else label,
        "actors": [
            {"name": m.text, "actor_id": m.actor_id, "faction_ids": ds.factions_of_actor.get(m.actor_id, [])}
            for m in {m.actor_id: m for m in inside}.values()
        ],
        "location": "",
        "evidence": evidence,
        "reported_by": next(
            (c["source_id"] for c in chain_of(sentence, ctx.outlets, fold) if c.get("source_id")), ctx.outlet_id
        ),
        "start": start,
        "end": start + len(evidence),
        "confidence": confidence,
        "matches": _matches(ds, date, actor_ids),
    }


def _matches(ds, date, actor_ids: list[str]) -> list[str]:
    """Existing events this may be another report of (data/similarity.near_events): overlapping dates and a
    shared actor."""
    bounds = _bounds(date.edtf) if date.resolved else None
    return near_events(ds.events, bounds[0], bounds[1], actor_ids) if bounds else []
