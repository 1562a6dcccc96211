"""Events, stage 4 — modality: is the action the trigger names told as having happened (or as planned)?

Each rule is a small function over the parse: given the trigger token (the word that names the event),
it answers a status that keeps the event out of the drafted events — "denied", "not occurred" or
"conditional" — or None.
The drafter lists such events under `set_aside` with the rule's name, so a curator sees what was read and
why it is no event (docs/drafting.md, "Modality"). Without the parse no rule answers.
"""

from __future__ import annotations

from collections.abc import Callable

from components.drafting import grammar

DENYING = frozenset("deny reject dismiss refute".split())
FALSE = frozenset("false untrue baseless unfounded fabricated incorrect groundless".split())
IF = frozenset("if unless".split())
# A clause boundary the walk up from the trigger does not cross: a relative clause describes a noun, an
# adverbial one ("after they denied …") is another action.
BOUNDARY = frozenset("relcl advcl".split())


def _up(trigger):
    """The trigger and the words it hangs from, up to its clause's edge."""
    token = trigger
    yield token
    while token.head.i != token.i and token.dep_ not in BOUNDARY:
        token = token.head
        yield token


def _own_clause(trigger):
    """The trigger and the words above it up to its clause's verb ("the talks" → "attend")."""
    for token in _up(trigger):
        yield token
        if token.pos_ in ("VERB", "AUX"):
            return


def _governors(trigger):
    """The words the trigger's action hangs from, not across a preposition: "denied carrying out the
    strike" reaches "denied"; "failed to agree … during two days of talks" does not reach "failed" from
    "talks" (the talks are the setting, and took place), nor from "negotiators" (who failed, not what)."""
    token = trigger
    while token.head.i != token.i and token.dep_ not in BOUNDARY | {"pobj", "nsubj", "nsubjpass"}:
        if another_verb_joined(token):
            return
        token = token.head
        yield token


def another_verb_joined(token) -> bool:
    """ "denied any leak and said the movement will hold a rally": a verb joined by "and" to the one before
    is an act of its own — what hangs from it does not hang from the first (the rally is not denied)."""
    return token.dep_ == "conj" and token.pos_ == "VERB" and token.head.pos_ == "VERB"


def negated(trigger) -> str | None:
    """ "Hamas did not attack the border post", "Hamas did not attend the talks": a `neg` dependent on
    the trigger or on its clause's verb."""
    clause = _relative_clause(trigger) or list(_own_clause(trigger))
    return "denied" if any(c.dep_ == "neg" for t in clause for c in t.children) else None


def _relative_clause(trigger) -> list:
    """ "… could not have come at a worse moment for the talks, which are due to resume next week": a noun
    whose act a relative clause tells is as that clause tells it, not as the clause the noun sits in."""
    return [c for c in trigger.children if c.dep_ == "relcl"][:1]


REFUSING = frozenset("refuse decline fail".split())


def refused(trigger) -> str | None:
    """ "Fatah refused to attend the talks on Monday": an action someone refused or failed to take."""
    return "not occurred" if any(t.lemma_.lower() in REFUSING for t in _governors(trigger)) else None


def denied_by_verb(trigger) -> str | None:
    """ "Hamas denied carrying out the strike": the trigger under a verb of denial."""
    if the_denial_dated(trigger):
        return None
    return "denied" if any(t.lemma_.lower() in DENYING for t in _governors(trigger)) else None


def the_denial_dated(trigger) -> bool:
    """ "Abu Eid rejected the figures on Wednesday": with no event word, the date read as the trigger hangs
    from the verb of denial itself — the rejection is the act, and it happened."""
    return trigger.dep_ == "prep" and trigger.head.lemma_.lower() in DENYING and trigger.head.pos_ == "VERB"


def declared_false(trigger) -> str | None:
    """ "Reports that Nadir had met Hamas leaders were false": a clause whose words are called false."""
    for token in _up(trigger):
        if any(c.dep_ in ("acomp", "attr") and c.lemma_.lower() in FALSE for c in token.children):
            return "denied"
    return None


def no_such(trigger) -> str | None:
    """ "There were no negotiations between Hamas and Fatah": "no" determines the event noun."""
    return "denied" if any(c.dep_ == "det" and c.lower_ == "no" for c in trigger.children) else None


def no_plan_to(trigger) -> str | None:
    """ "There are no plans to send troops into the camp", "there is no intention of closing it": a word the
    trigger's act hangs from is a noun that "no" determines — the act is ruled out, not told."""
    no = any(c.dep_ == "det" and c.lower_ == "no" for g in _governors(trigger) if g.pos_ == "NOUN" for c in g.children)
    return "denied" if no else None


def left_undone(trigger) -> str | None:
    """ "They were supposed to hand over the records on May 1, and they did not": a clause the trigger
    hangs from is joined to a bare "did not" (a "do" with a `neg` and no verb of its own)."""
    for token in _up(trigger):
        for c in token.children:
            if c.dep_ == "conj" and c.lemma_.lower() == "do" and any(g.dep_ == "neg" for g in c.children):
                return "not occurred"
    return None


REPORT_NOUNS = frozenset("report claim allegation rumour rumor suggestion story".split())


def _denies(noun) -> bool:
    """Is the report noun called false ("untrue reports") or under a verb of denial ("dismissed … reports",
    "reports … were false")?"""
    if any(c.dep_ in ("amod", "acomp", "attr") and c.lemma_.lower() in FALSE for c in noun.children):
        return True
    for token in list(noun.ancestors)[:3]:
        if token.lemma_.lower() in DENYING or any(
            c.dep_ in ("acomp", "attr") and c.lemma_.lower() in FALSE for c in token.children
        ):
            return True
    return False


def report_denied(trigger) -> str | None:
    """ "She dismissed as untrue reports that she had travelled to the camp": the trigger's clause tells
    what a report says (it hangs from "reports", "claims", "allegations"), and the report is denied."""
    for token in [trigger, *trigger.ancestors]:
        if token.dep_ in ("acl", "relcl") and token.head.lemma_.lower() in REPORT_NOUNS:
            return "denied" if _denies(token.head) else None
        of = token.head if token.dep_ == "pobj" and token.head.lower_ == "of" else None
        if of is not None and of.head.lemma_.lower() in REPORT_NOUNS:  # "dismissed reports of a meeting"
            return "denied" if _denies(of.head) else None
    return None


def _if_clause(token) -> bool:
    return token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in IF for c in token.children)


def _quoted(token) -> bool:
    """Inside quotation marks: an odd number of straight marks, or an opening curly one, before it in its
    sentence."""
    before = grammar.doc_text(token.doc)[token.sent.start_char : token.idx]
    return before.count('"') % 2 == 1 or before.rfind("“") > before.rfind("”")


def conditional(trigger) -> str | None:
    """Someone's quoted words under a condition ("ready to sign a truce tomorrow if the arrests stop"): the
    speaker's terms, no event of the article. (A reported "said it would send an observer next week if …"
    stays a planned event: the narrator tells the plan.)"""
    if not _quoted(trigger):
        return None
    for token in _up(trigger):
        if _if_clause(token) or any(_if_clause(c) for c in token.children):
            return "conditional"
        if token.dep_ == "ccomp":  # the reported clause's edge: "said (…) if" belongs to the saying
            break
    return None


MODALITY: list[Callable] = [
    negated,
    denied_by_verb,
    declared_false,
    no_such,
    no_plan_to,
    refused,
    left_undone,
    report_denied,
    conditional,
]


def set_aside(doc, at: int) -> tuple[str, str] | None:
    """The status and the rule's name when a rule keeps the event whose trigger starts at character `at`
    out of the draft; None when it is told as happening (or without the parse)."""
    if doc is None:
        return None
    span = doc.char_span(at, at + 1, alignment_mode="expand")
    if span is None or not len(span):
        return None
    for rule in MODALITY:
        status = rule(span[0])
        if status:
            return status, rule.__name__
    return None


def negated_conjunct(doc, t) -> int | None:
    """ "received the draft on Wednesday and had not been asked to sign it": a verb joined to the act by
    "and"/"but" and negated is what did not happen; where its clause begins (at the "and"), else None."""
    if t.dep_ != "conj" or t.pos_ not in ("VERB", "AUX") or not any(c.dep_ == "neg" for c in t.children):
        return None
    first = t.left_edge
    joined = first.i > 0 and doc[first.i - 1].lower_ in ("and", "but")
    return doc[first.i - 1].idx if joined else None


def denial_after(doc, start: int, end: int, after: int) -> int | None:
    """Where a clause telling what did not happen begins in text[start:end], after the event's own words:
    "welcomed the pledge on Wednesday but denied that it had been consulted" (at "but denied"); "said
    reports that its members were among the men detained were false" (at "reports"). The event's evidence
    stops there: the passage of what happened, not of what the text denies. None without one."""
    span = doc.char_span(start, end, alignment_mode="expand") if doc is not None else None
    for t in span or []:
        joined_denial = negated_conjunct(doc, t)
        if joined_denial is not None and joined_denial >= after:
            return joined_denial
        if t.lemma_.lower() in DENYING and t.pos_ == "VERB" and t.idx >= after:
            joined = t.i > 0 and doc[t.i - 1].lower_ in ("but", "and")
            return doc[t.i - 1].idx if joined else t.idx
        called_false = any(c.dep_ in ("acomp", "attr") and c.lemma_.lower() in FALSE for c in t.children)
        subject = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
        if called_false and subject and subject[0].left_edge.idx >= after:
            return subject[0].left_edge.idx
    return None
