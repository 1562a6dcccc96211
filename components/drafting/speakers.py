"""Quotes, the content found by layout and the coreference stage (after quotes.py's cue, content and
source rules): who the words belong to when the sentence says "he", "she", "the spokesman", "the
statement", "one Western diplomat", or nothing at all (a Q&A interview's answers).

Each rule is a small function over the parse: CONTENT rules add quotes the quotation marks do not show;
COREFERENCE rules take a quote and the article's context and answer (speaker, speaker_id, note), or None
to leave the speaker as it was. Without the parse only the Q&A layout rule runs.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from components.drafting import grammar
from components.drafting.quotes import DraftQuote, and_join

HE, SHE = frozenset("he him his himself".split()), frozenset("she her hers herself".split())
ISSUING = frozenset("issue release publish sign circulate put".split())
STATEMENT_NOUNS = grammar.DOCUMENTS
GROUP_NOUNS = frozenset("movement group faction party organisation organization".split())
DESCRIBING = frozenset("a an one another two three several".split())
# A question of an interview: "Q: …", "Question: …", or a paragraph in bold, or a paragraph that only asks.
QUESTION = re.compile(r"^(?:Q[:.]|Question:|\*\*[^\n]*\?\*\*$)", re.M)
ASKING = re.compile(r"^[A-Z][^\n\"“”]*\?$", re.M)  # a paragraph that only asks: a question when answers follow
NAME_MARK = re.compile(r"[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,2}:")  # "GHALI:", "Tamer Ghali:"
# "A: …", "Answer: …", or the interviewee's name ("Barakat: …")
ANSWER_MARK = re.compile(r"^(?:A[:.]|Answer:|[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,2}:)\s*", re.M)


@dataclass
class Context:
    text: str
    doc: object  # the spaCy parse, or None
    mentions: list  # known actors named (names.Mention)
    people: frozenset  # the known actors who are persons
    interviewee: tuple[str, str] | None = None  # (name, actor id) of a Q&A article's interviewee
    gender: dict = field(default_factory=dict)  # person key -> "he" / "she", from the pronouns near them
    previous: object = None  # the quote before the one being attributed (its speaker as decided)
    quotes: list = field(default_factory=list)  # every quote of the article (their offsets)


def _paragraphs(text: str):
    for m in re.finditer(r"[^\n]+", text):
        yield m.start(), m.end()


def _is_question(text: str, lo: int, hi: int) -> bool:
    return bool(QUESTION.match(text[lo:hi].strip()))


def _questions(text: str, paragraphs: list) -> list[int]:
    """The paragraphs that are an interviewer's questions: marked ones ("Q: …", a bold question), two or
    more; else three or more paragraphs that only ask, each followed by an answer (a rhetorical question
    in a report is not an interview)."""
    marked = [i for i, (lo, hi) in enumerate(paragraphs) if _is_question(text, lo, hi)]
    if len(marked) >= 2:
        return marked
    asking = [i for i, (lo, hi) in enumerate(paragraphs) if ASKING.match(text[lo:hi].strip())]
    answered = [i for i in asking if i + 1 < len(paragraphs) and i + 1 not in asking]
    return asking if len(asking) >= 3 and answered == asking else []


def interviewer_marked(text: str, paragraphs: list, questions: list) -> list:
    """ "GHALI: Is that true?" … "GHALI: There are reports that you will resign.": when every question
    found opens with one name mark, each paragraph opening with it is a question, with or without "?"."""
    marks = {m.group(0).strip() if (m := NAME_MARK.match(text, paragraphs[i][0])) else None for i in questions}
    if len(marks) != 1 or None in marks:
        return questions
    mark = marks.pop()
    return sorted(set(questions) | {i for i, (lo, _) in enumerate(paragraphs) if text.startswith(mark, lo)})


# "Eastwire correspondent Omar Said", "our reporter, Dana Adel": the one asking, not the interviewee
INTERVIEWER = re.compile(r"\b(?:correspondent|reporter|journalist|editor|interviewer|presenter)\b[\s,]*$", re.I)


def interviewee(ctx: Context, before: int) -> tuple[str, str] | None:
    """The person a Q&A article introduces before its first question: the first person named who is not
    introduced as the correspondent asking (a known actor's id when the name is one)."""
    people = [(n.start, n.text) for n in grammar.people(ctx.doc)] if ctx.doc is not None else []
    people += [(m.start, m.text) for m in ctx.mentions if m.actor_id in ctx.people]
    people = sorted(p for p in people if p[0] < before and not INTERVIEWER.search(ctx.text[max(0, p[0] - 40) : p[0]]))
    if not people:
        return _named_subject(ctx, before)
    at, name = people[0]
    known = [m for m in ctx.mentions if m.start <= at < m.end and m.actor_id in ctx.people]
    return (known[0].text, known[0].actor_id) if known else (name, "")


def marked_interviewee(ctx: Context, paragraphs: list, questions: list) -> tuple[str, str] | None:
    """ "SALEH: They signed.": when the answers open with one name mark, the interviewee is the person of
    that name (the full name given, a known actor's id), else the name as marked ("Saleh")."""
    answers = [i for i in range(questions[0] + 1, len(paragraphs)) if i not in questions]
    marks = {m.group(0)[:-1] if (m := NAME_MARK.match(ctx.text, paragraphs[i][0])) else None for i in answers}
    if len(marks) != 1 or None in marks or marks == {"A"} or marks == {"Answer"}:
        return None
    mark = marks.pop().title()
    for _, name, actor_id in _persons(ctx):
        if " " in name and name.split()[-1].lower() == mark.split()[-1].lower():
            return name, actor_id
    return mark, ""


def _named_subject(ctx: Context, before: int) -> tuple[str, str] | None:
    """ "Nadia Khoury heads the water authority." (a name the tagger took for no person): the first full
    proper name that is the subject of a sentence before the first question, as written."""
    for sent in grammar.sentences(ctx.doc) if ctx.doc is not None else []:
        subject = next((c for c in sent.root.children if c.dep_ == "nsubj" and c.pos_ == "PROPN"), None)
        found = grammar.named(subject) if subject is not None and sent.start_char < before else None
        if found is not None and " " in found.text:
            return found.text, ""
    return None


def qa_answers(ctx: Context, quotes: list) -> list:
    """A Q&A interview (_questions): each later paragraph that is no question and has no quotation marks is
    a direct quote of the interviewee ("A: It is ready." → “It is ready.”; "Barakat: …" the same)."""
    paragraphs = list(_paragraphs(ctx.text))
    questions = interviewer_marked(ctx.text, paragraphs, _questions(ctx.text, paragraphs))
    if not questions:
        return []
    ctx.interviewee = marked_interviewee(ctx, paragraphs, questions) or interviewee(ctx, paragraphs[questions[0]][0])
    if ctx.interviewee is None:
        return []
    found = []
    for i, (lo, hi) in enumerate(paragraphs):
        if i < questions[0] or i in questions:
            continue
        mark = ANSWER_MARK.match(ctx.text, lo)
        for start, end in _outside_marks(ctx.text, mark.end() if mark else lo, hi):
            quote = DraftQuote(ctx.text[start:end], start, end, "direct", *ctx.interviewee, confidence=0.6)
            quote.note, quote.rule = "an answer of the interviewee (a Q&A layout): check", "qa_answers"
            found.append(quote)
    return found


def _outside_marks(text: str, lo: int, hi: int) -> list:
    """The answer's words outside quotation marks ("He called it “a good list”. I do not agree." → "He
    called it", ". I do not agree."), trimmed, three words or more each: the words in marks are someone
    the interviewee quotes, attributed by the source rules."""
    parts, at = [], lo
    for m in re.finditer(r"“[^”]*”|\"[^\"\n]*\"", text[lo:hi]):
        parts.append((at, lo + m.start()))
        at = lo + m.end()
    parts.append((at, hi))
    out = []
    for a, b in parts:
        chunk = text[a:b]
        a += len(chunk) - len(chunk.lstrip(" ,.;:—–-"))
        b -= len(chunk) - len(chunk.rstrip())
        if len(text[a:b].split()) >= (3 if len(parts) > 1 else 1):  # a whole answer may be short: "In Doha."
            out.append((a, b))
    return out


CONTENT: list[Callable] = [qa_answers]


def _key(name: str, actor_id: str) -> str:
    return actor_id or name


def _persons(ctx: Context) -> list[tuple[int, str, str]]:
    """Every person named, in order: (position, name, actor id) — known actors by their id, new people by
    their full name."""
    found = [(m.start, m.text, m.actor_id) for m in ctx.mentions if m.actor_id in ctx.people]
    if ctx.doc is not None:
        for n in grammar.people(ctx.doc):
            if not any(m.start <= n.start < m.end or n.start <= m.start < n.end for m in ctx.mentions):
                found.append((n.start, n.text, ""))
    return sorted(found)


def _voted(ctx: Context, persons: list, sent, token):
    """The person a pronoun outside quotes stands for, when the sentence says it plainly: the nearest person
    before it with no speech verb between ("Mansour leads the delegation, and her deputy …"; not "…,
    Barakat said, but she takes notes"), or, for a sentence's first word, the one person the sentence before
    names ("… Barakat said. He was in Moscow")."""
    before = [p for p in persons if sent.start_char <= p[0] < token.idx]
    if before:
        between = ctx.doc.char_span(before[-1][0], token.idx, alignment_mode="expand") or []
        if not any(t.lemma_.lower() in grammar.SPEECH_LEMMAS for t in between):
            return before[-1]
        return None
    if token.i == sent.start and sent.start > 0:
        previous = ctx.doc[sent.start - 1].sent
        named = {_key(p[1], p[2]): p for p in persons if previous.start_char <= p[0] < previous.end_char}
        return next(iter(named.values())) if len(named) == 1 else None
    return None


def _sole_in_paragraph(ctx: Context, persons: list, token):
    """ "Nadir was cautious. “…,” he said": the one person its paragraph names before the speech pronoun
    (with two named, "he" is what is to be resolved, never evidence)."""
    start = grammar.doc_text(ctx.doc).rfind("\n", 0, token.idx) + 1
    named = {_key(p[1], p[2]): p for p in persons if start <= p[0] < token.idx}
    return next(iter(named.values())) if len(named) == 1 else None


# Role nouns that say the person's gender ("Fatah's spokeswoman, Rana Khatib"; "Fatah spokesman Karim Nadir").
GENDERED_ROLES = {"spokeswoman": "she", "chairwoman": "she", "businesswoman": "she", "spokesman": "he"}
GENDERED_ROLES |= {"chairman": "he", "businessman": "he", "congressman": "he", "congresswoman": "she"}


def role_genders(ctx: Context, persons: list) -> dict:
    """Each person a gendered role noun introduces (the noun in apposition to the name, or part of it)."""
    found = {}
    for token in ctx.doc:
        said = GENDERED_ROLES.get(token.lower_)
        if said is None:
            continue
        near = [c for c in token.children if c.dep_ == "appos"]
        near += [token.head] if token.dep_ in ("compound", "appos") else []  # "spokesman Karim Nadir"
        for person in persons:
            if any(person[0] <= t.idx < person[0] + len(person[1]) for t in near):
                found[_key(person[1], person[2])] = said
    return found


def genders(ctx: Context, quotes: list) -> dict:
    """Each person's pronoun ("he"/"she") as the text uses it, by a majority of the plain cases (_voted);
    a tie leaves it unknown. The "he" of "…," he said is what is resolved, never evidence."""
    votes: dict = {}
    persons = _persons(ctx)
    for sent in grammar.sentences(ctx.doc):
        for token in sent:
            word = token.lower_
            if word not in HE | SHE or any(q.start <= token.idx < q.end for q in quotes):
                continue
            if token.head.lemma_.lower() in grammar.SPEECH_LEMMAS and token.dep_ == "nsubj":
                person = _sole_in_paragraph(ctx, persons, token)
            else:
                person = _voted(ctx, persons, sent, token)
            if person is not None:
                votes.setdefault(_key(person[1], person[2]), []).append("he" if word in HE else "she")
    said = {k: v[0] for k, v in votes.items() if v.count(v[0]) * 2 > len(v)}
    return said | role_genders(ctx, persons)


def _subject(ctx: Context, quote):
    return grammar.speech_subject_token(ctx.doc, quote.start, quote.end) if ctx.doc is not None else None


def pronoun_by_gender(ctx: Context, quote):
    """ "…," she said — after "…," he said: the last person named whose gender is not the other one,
    when the speaker found so far is of the other gender."""
    subject = _subject(ctx, quote)
    if subject is None or subject.lower_ not in ("he", "she"):
        return None
    said = subject.lower_
    if ctx.gender.get(_key(quote.speaker, quote.speaker_id), said) == said:
        return None
    before = list(reversed([p for p in _persons(ctx) if p[0] < subject.idx]))
    # one whose pronoun is known to be that one; else a known actor whose pronoun is not known; else anyone
    for fits in (
        lambda p: ctx.gender.get(_key(p[1], p[2])) == said,
        lambda p: p[2] in ctx.people and _key(p[1], p[2]) not in ctx.gender,
        lambda p: _key(p[1], p[2]) not in ctx.gender,
    ):
        person = next((p for p in before if fits(p)), None)
        if person is not None:
            return person[1], person[2], f"“{subject.text}”: the last person named who is “{said}”"
    return None


def _named_pair(ctx: Context, before: int):
    """The two people the last sentence naming two introduces ("The two spokespeople, Bilal Zaqout of
    Islamic Jihad and Rana Khatib of Fatah, faced reporters"), when no one else is named after it before the
    position: ((name, id), (name, id), the sentence's end), or None."""
    persons = [p for p in _persons(ctx) if p[0] < before]
    for sent in reversed([s for s in grammar.sentences(ctx.doc) if s.start_char < before]):
        named = {_key(p[1], p[2]): p for p in persons if sent.start_char <= p[0] < sent.end_char}
        later = {p[1].split()[-1] for p in persons if p[0] >= sent.end_char}  # "Haddad" is Mona Haddad
        if len(named) == 2 and later <= {p[1].split()[-1] for p in named.values()}:
            first, second = named.values()
            return first, second, sent.end_char
        if len(named) > 2 or _unnamed_speaker(ctx, sent):  # one of them named alone: "…," Haddad said
            return None
    return None


def _unnamed_speaker(ctx: Context, sent) -> bool:
    """Does the sentence introduce another speaker unnamed ("One Palestinian official said …"), outside
    quoted words?"""
    return any(
        t.lemma_.lower() in grammar.SPEECH_LEMMAS
        and c.dep_ == "nsubj"
        and c.pos_ == "NOUN"
        and not any(q.start <= c.idx < q.end for q in ctx.quotes)
        for t in sent
        for c in t.children
    )


def pair_in_turn(ctx: Context, quote):
    """ "…," he said. … "…," she said — after two people named together: each pronoun the one of the two
    whose pronoun it is (as the text told it), else, when neither is told, the first pronoun used the
    first named and the other the second (they answer in the order they were named)."""
    subject = _subject(ctx, quote)
    if subject is None or subject.lower_ not in ("he", "she"):
        return None
    pair = _named_pair(ctx, subject.idx)
    if pair is None:
        return None
    person = _pronoun_of_pair(ctx, pair, subject)
    if person is None:
        return None
    return person[1], person[2], f"“{subject.text}”: of the two named together, the one who is “{subject.lower_}”"


OTHER = {"he": "she", "she": "he"}


def _pronoun_of_pair(ctx: Context, pair, subject):
    """Which of the two the pronoun is: by the genders the text told (one told, the other is the other
    pronoun), else by the order of the pronouns used after their naming (the first used, the first named)."""
    first, second, end = pair
    told = [ctx.gender.get(_key(p[1], p[2])) for p in (first, second)]
    if told[0] in OTHER and told[1] != told[0]:
        known = {told[0]: first, OTHER[told[0]]: second}
    elif told[1] in OTHER:
        known = {told[1]: second, OTHER[told[1]]: first}
    else:
        used = [t.lower_ for t in ctx.doc if end <= t.idx <= subject.idx and _speech_pronoun(t)]
        known = {used[0]: first, OTHER[used[0]]: second} if used else {}
    return known.get(subject.lower_)


def _speech_pronoun(token) -> bool:
    return token.lower_ in ("he", "she") and token.dep_ == "nsubj" and token.head.lemma_ in grammar.SPEECH_LEMMAS


# SOURCE rules that guess from the paragraph (the last speaker, the quote before): coreference may do better.
WEAK = frozenset(("pronoun_in_paragraph", "continues_quote"))


def paragraph_continuation(ctx: Context, quote):
    """ "“…,” Mansour told the agency on Wednesday night. “…”": a quote whose sentence has no speech verb,
    later in the paragraph of the quote before it, is that quote's speaker's (as the coreference stage
    decided it: after "“In writing is good,” he said" — Nadir — "“In practice is better.”" is his too)."""
    before = ctx.previous
    if before is None or not before.speaker or quote.quote_type != "direct" or _subject(ctx, quote) is not None:
        return None
    if quote.speaker and quote.rule not in WEAK:
        return None
    if "\n" in ctx.text[before.end : quote.start] or (quote.speaker, quote.speaker_id) == (
        before.speaker,
        before.speaker_id,
    ):
        return None
    return before.speaker, before.speaker_id, "the quote before it in its paragraph"


def role_noun(ctx: Context, quote):
    """ "…," the spokesman said: the person named before with that role ("A Fatah spokesman, Samir Odeh")."""
    subject = _subject(ctx, quote)
    if subject is None or subject.pos_ != "NOUN" or not any(c.lower_ == "the" for c in subject.children):
        return None
    if quote.speaker_id in ctx.people:
        return None
    noun = subject.lemma_.lower()
    if unnamed_last(ctx, noun, subject):
        return None
    titled = [n for n in grammar.titled_people(ctx.doc) if n.start < quote.start and noun in n.role.lower()]
    holder = _role_holder(ctx, noun, subject)
    if holder is not None:
        return holder[1:] if len(holder) == 3 else holder, f"“the {noun}”: {holder[1]}"
    if not titled:
        return None
    person = max(titled, key=lambda n: n.start)
    known = [m for m in ctx.mentions if m.start <= person.start < m.end and m.actor_id in ctx.people]
    return (known[0].text, known[0].actor_id) if known else (person.text, ""), f"“the {noun}”: {person.text}"


def unnamed_last(ctx: Context, noun: str, subject) -> bool:
    """ "Layla Mansour, a Hamas official, said … An Israeli official, speaking on condition of anonymity, denied
    … “…,” the official said": the last earlier use of the role noun introduces someone unnamed ("a"/"an",
    no name beside it) — "the official" is that one, not the person named with the role before (fixes an
    anonymous official's words given to an earlier-named one)."""
    persons = _persons(ctx)
    for t in reversed(ctx.doc[: subject.i]):
        if t.lemma_.lower() == noun or t.lower_ == noun:
            near = [t, t.head, *(c for c in t.subtree if c.dep_ == "appos")]
            named = any(p[0] <= x.idx < p[0] + len(p[1]) for x in near for p in persons)
            return not named and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in t.children)
    return False


def _role_holder(ctx: Context, noun: str, subject):
    """The person the last earlier use of the role noun belongs to: a title before the name ("Russian
    Deputy Foreign Minister Mikhail Bogdanov"), or in apposition ("Layla Mansour, the Hamas spokeswoman";
    "A Fatah spokesman, Samir Odeh"): (position, name, actor id), or None."""
    persons = _persons(ctx)
    for t in reversed(ctx.doc[: subject.i]):
        if t.lemma_.lower() != noun and t.lower_ != noun:
            continue
        near = [t.head] if t.dep_ in ("compound", "appos") else []
        near += [c for c in t.subtree if c.dep_ == "appos"]  # "A spokeswoman for Fatah, Nour Halabi"
        near += [c for a in near for c in a.conjuncts]  # "Both spokesmen, Tarek Odeh of Hamas and Samir Jaber of Fatah"
        found = [(p, token) for token in near for p in persons if p[0] <= token.idx < p[0] + len(p[1])]
        if found:
            return _by_modifier(found, subject)
    return None


def _by_modifier(found: list, subject):
    """Of the people a role noun introduced, the one whose words hold the subject's modifier ("the Fatah
    spokesman": Samir Jaber of Fatah), else the first."""
    words = {c.lower_ for c in subject.children if c.dep_ in ("compound", "amod", "poss")}
    held = [p for p, token in found if words & _own_words(token)]
    return (held or [p for p, _ in found])[0]


def _own_words(token) -> set:
    """The words of a token's phrase, less those of the conjuncts hung on it ("Tarek Odeh of Hamas and
    Samir Jaber of Fatah": Odeh's are "Tarek Odeh of Hamas")."""
    others = {w.i for c in token.children if c.dep_ in ("conj", "cc") for w in c.subtree}
    return {w.lower_ for w in token.subtree if w.i not in others}


def _issuing_verb(token):
    """The verb that issues a statement: "Egypt and Qatar issued a joint statement", "… said in a joint
    statement", "… pledged on Tuesday to keep …, in a joint statement" (whatever they did in it)."""
    if token.dep_ == "dobj" and token.head.lemma_.lower() in ISSUING:
        return token.head
    if token.dep_ == "pobj" and token.head.lower_ == "in":
        # "Fatah and PIJ pledged on Tuesday to keep …, in a joint statement": the verb with a subject above
        verb = token.head.head
        while verb.dep_ in ("xcomp", "advcl") and not any(c.dep_ == "nsubj" for c in verb.children):
            verb = verb.head
        return verb if verb.pos_ in ("VERB", "AUX") else None
    return None


def statement_issuers(ctx: Context, quote):
    """ "…," the statement said — after "Egypt and Qatar issued a joint statement urging Hamas and Fatah …"
    or "Egypt and Qatar said in a joint statement that …": its issuers, the subject of that verb and its
    conjuncts (not the parties the statement names, as the sentence's organisations would be)."""
    subject = _subject(ctx, quote)
    if (
        quote.speaker
        and quote.rule != "statement_said"
        or subject is None
        or subject.lemma_.lower() not in STATEMENT_NOUNS
    ):
        return None
    subject = _issuer(ctx, subject)
    if subject is None:
        return None
    lo, hi = subject.left_edge.idx, subject.right_edge.idx + len(subject.right_edge.text)
    named = list({m.actor_id: m for m in ctx.mentions if lo <= m.start < hi}.values())
    named = named or _group_referent(ctx, subject)
    if not named and not quote.speaker:  # "The committee said in a statement …": not in the data, as written
        return (ctx.text[lo:hi], ""), "the statement's issuer, not in the data: check"
    if not named:
        return None
    return (and_join([m.text for m in named]), ";".join(m.actor_id for m in named)), "the statement's issuers"


def statement_from(ctx: Context, quote):
    """ "A statement from the movement's Jenin branch called the man “…”": the statement's source, its "from"
    or "by" phrase — an organisation it names, or the group "the movement's …" stands for, else as written."""
    subject = _subject(ctx, quote)
    if quote.speaker_id or subject is None or subject.lemma_.lower() not in STATEMENT_NOUNS:
        return None
    source = next((c for c in subject.children if c.dep_ == "prep" and c.lower_ in ("from", "by")), None)
    owner = next((c for c in source.children if c.dep_ == "pobj"), None) if source is not None else None
    if owner is None:
        return None
    lo, hi = owner.left_edge.idx, owner.right_edge.idx + len(owner.right_edge.text)
    named = list({m.actor_id: m for m in ctx.mentions if lo <= m.start < hi}.values())
    named = named or [g for c in owner.children if c.dep_ == "poss" for g in _group_referent(ctx, c)]
    if not named:
        return (ctx.text[lo:hi], ""), "the statement's source, not in the data: check"
    return (and_join([m.text for m in named]), ";".join(m.actor_id for m in named)), "the statement's source"


def _issuer(ctx: Context, statement):
    """The subject of the verb that issued the last statement named before (the nearest subject: a wire
    dateline, "CAIRO, Nov 12 -", may parse as another), or None."""
    verbs = [v for t in ctx.doc[: statement.i] if t.lemma_.lower() in STATEMENT_NOUNS and (v := _issuing_verb(t))]
    subjects = [c for c in verbs[-1].children if c.dep_ == "nsubj"] if verbs else []
    return subjects[-1] if subjects else None


def _group_referent(ctx: Context, token) -> list:
    """ "the movement", "the group" (or "it" whose sentence's subject is one): the last organisation named
    before its sentence, outside quotes — [mention] or []."""
    if token.lower_ == "it":
        token = next((c for c in token.sent.root.children if c.dep_ == "nsubj" and c.i != token.i), token)
    if token.lemma_.lower() not in GROUP_NOUNS or not any(c.lower_ == "the" for c in token.children):
        return []
    start = token.sent.start_char
    groups = [m for m in ctx.mentions if m.start < start and m.actor_id not in ctx.people]
    groups = [m for m in groups if not any(q.start <= m.start < q.end for q in ctx.quotes)]
    return groups[-1:]


def group_referent(ctx: Context, quote):
    """ "…," the movement said; "arrests it said would “…”" after "the movement accused …": the last
    organisation named before the sentence ("Hamas added a grievance of its own. … the movement said")."""
    subject = _subject(ctx, quote)
    if subject is None or quote.speaker_id:
        return None
    found = _group_referent(ctx, subject)
    return (found[0].text, found[0].actor_id, f"“{subject.text}”: the last organisation named") if found else None


def they_referent(ctx: Context, quote):
    """ "Hamas and Fatah negotiators emerged from the talks. “…,” they said": "they" are the organisations
    the nearest sentence before naming any names (outside quotes), together."""
    subject = _subject(ctx, quote)
    if subject is None or subject.lower_ != "they" or quote.speaker_id:
        return None
    groups = [m for m in ctx.mentions if m.start < subject.idx and m.actor_id not in ctx.people]
    groups = [m for m in groups if not any(q.start <= m.start < q.end for q in ctx.quotes)]
    if not groups:
        return None
    sent = ctx.doc.char_span(groups[-1].start, groups[-1].end, alignment_mode="expand")[0].sent
    named = list({m.actor_id: m for m in groups if sent.start_char <= m.start < sent.end_char}.values())
    return and_join([m.text for m in named]), ";".join(m.actor_id for m in named), "“they”: the groups named before"


def unnamed_description(ctx: Context, quote):
    """ "…," said one Western diplomat: an unnamed speaker kept as their description."""
    subject = _subject(ctx, quote)
    if quote.speaker or subject is None or subject.pos_ != "NOUN":
        return None
    if not any(c.lower_ in DESCRIBING for c in subject.children):
        return None
    words = [t for t in subject.subtree if t.i <= subject.i]
    lo, hi = words[0].idx, words[-1].idx + len(words[-1].text)
    inside = [m for m in ctx.mentions if lo <= m.start < hi]
    return (ctx.text[lo:hi], inside[0].actor_id if inside else ""), "an unnamed speaker: check who they speak for"


def _speaking_before(ctx: Context, quote):
    """The subjects of speech verbs earlier in the quote's paragraph, outside quotes, in order."""
    start = ctx.text.rfind("\n", 0, quote.start) + 1
    span = ctx.doc.char_span(start, quote.start, alignment_mode="contract") or []
    return [c for t in span if t.lemma_.lower() in grammar.SPEECH_LEMMAS for c in t.children if c.dep_ == "nsubj"]


def pronoun_of_unnamed(ctx: Context, quote):
    """ "A European diplomat in Moscow said the meeting mattered. “…,” he said": the pronoun stands for the
    unnamed speaker its paragraph introduced (no person named between)."""
    subject = _subject(ctx, quote)
    if subject is None or subject.lower_ not in ("he", "she"):
        return None
    described = [s for s in _speaking_before(ctx, quote) if any(c.lower_ in DESCRIBING for c in s.children)]
    if not described or any(described[-1].idx < p[0] < quote.start for p in _persons(ctx)):
        return None
    words = [t for t in described[-1].subtree if t.i <= described[-1].i]
    return (ctx.text[words[0].idx : words[-1].idx + len(words[-1].text)], ""), "the unnamed speaker “he”/“she” is"


def pronoun_of_the_role(ctx: Context, quote):
    """ "The official, who was not authorised to speak, was more conciliatory. “…,” he said": the pronoun
    stands for "the <role>" (one) its paragraph opened with (no person named in it) — the person that role was
    given to before, else the role as written."""
    subject = _subject(ctx, quote)
    if subject is None or subject.lower_ not in ("he", "she"):
        return None
    start = ctx.text.rfind("\n", 0, quote.start) + 1
    span = ctx.doc.char_span(start, quote.start, alignment_mode="contract") or []
    roles = [t for t in span if t.dep_ == "nsubj" and t.tag_ == "NN" and t.lemma_.lower() in grammar.ROLE_NOUNS]
    roles = [t for t in roles if any(c.lower_ == "the" for c in t.children)]
    if not roles or any(start <= p[0] < quote.start for p in _persons(ctx)):
        return None
    holder = _role_holder(ctx, roles[-1].lemma_.lower(), roles[-1])
    if holder is not None:
        return holder[1], holder[2], f"“{subject.text}”: the {roles[-1].lower_} its paragraph opened with"
    words = [t for t in roles[-1].subtree if t.i <= roles[-1].i]
    return (
        ctx.text[words[0].idx : roles[-1].idx + len(roles[-1].text)],
        "",
        "“he”/“she”: the unnamed role its paragraph opened with",
    )


def pronoun_said_before(ctx: Context, quote):
    """ "“For once,” she said. “Let us see …”": a quote with no speech verb of its own after a "she said"
    in its paragraph: the last person named whose pronoun that is."""
    if quote.speaker and quote.rule not in WEAK or quote.quote_type != "direct" or _subject(ctx, quote) is not None:
        return None
    pronouns = [s for s in _speaking_before(ctx, quote) if s.lower_ in ("he", "she")]
    if not pronouns:
        return None
    said = pronouns[-1].lower_
    for _, name, actor_id in reversed([p for p in _persons(ctx) if p[0] < pronouns[-1].idx]):
        if ctx.gender.get(_key(name, actor_id)) == said:
            return name, actor_id, f"after “{said} said”: the last person named who is “{said}”"
    return None


def written_subject(ctx: Context, quote):
    """ "The Palestinian interior ministry blamed “…”", "the governor of Nablus said": a speaker the data
    does not know and no other rule names, kept as the subject is written (with its "of …")."""
    subject = _subject(ctx, quote)
    if quote.speaker or subject is None or subject.pos_ not in ("NOUN", "PROPN") or subject.lower_ in grammar.PRONOUNS:
        return None
    words = _subject_words(ctx, subject)
    if not words:
        return None
    lo, hi = words[0].idx, max(t.idx + len(t.text) for t in words)
    inside = [m for m in ctx.mentions if lo <= m.start < hi]
    return (ctx.text[lo:hi], inside[0].actor_id if len(inside) == 1 else ""), "the speaker as written: check"


def _subject_words(ctx: Context, subject) -> list:
    """The subject's own words and its "of …" — not quoted ones, nor another paragraph's the parse hung
    on it."""
    words = [t for t in subject.subtree if t.i <= subject.i]
    words += [t for c in subject.children if c.dep_ == "prep" and c.lower_ == "of" for t in c.subtree]
    words = [t for t in words if "\n" not in ctx.text[min(t.idx, subject.idx) : max(t.idx, subject.idx)]]
    marked = [q for q in ctx.quotes if q.rule != "qa_answers"]  # an answer's own words may hold the subject
    return [t for t in words if not any(q.start <= t.idx < q.end + 1 for q in marked) and t.text not in '"“”']


def the_interviewee(ctx: Context, quote):
    """A quote of a Q&A article no other rule attributes (its headline's words): the interviewee's."""
    if quote.speaker or ctx.interviewee is None:
        return None
    return ctx.interviewee, "the interviewee of a Q&A article: check"


def _shaped(answer):
    """Rules answer ((speaker, id), note) or (speaker, id, note): one shape for the caller."""
    if answer is None or len(answer) == 3:
        return answer
    (speaker, actor_id), note = answer
    return speaker, actor_id, note


COREFERENCE: list[Callable] = [
    pronoun_of_the_role,
    pair_in_turn,
    pronoun_by_gender,
    paragraph_continuation,
    pronoun_of_unnamed,
    pronoun_said_before,
    role_noun,
    statement_from,
    statement_issuers,
    group_referent,
    they_referent,
    unnamed_description,
    written_subject,
    the_interviewee,
]


def _overlap(a, b) -> bool:
    return a.start < b.end and b.start < a.end


def attribute(ctx: Context, quotes: list) -> list:
    """The quotes with the content rules' quotes added and each speaker passed through the coreference
    rules in order (the first that answers decides)."""
    for rule in CONTENT:
        added = [q for q in rule(ctx, quotes) if not any(_overlap(q, o) and o.quote_type == "direct" for o in quotes)]
        # an answer holds the interviewee's paraphrases ("We said in October that we would not sit …"): its words
        quotes = sorted([o for o in quotes if not any(_overlap(q, o) for q in added)] + added, key=lambda q: q.start)
    ctx.quotes = quotes
    if ctx.doc is not None:
        ctx.gender = genders(ctx, quotes)
    ctx.previous = None
    for quote in quotes:
        for rule in COREFERENCE:
            answer = _shaped(rule(ctx, quote))
            if answer:
                quote.speaker, quote.speaker_id, quote.note = answer
                quote.rule = rule.__name__
                quote.confidence = 0.7 if quote.speaker_id else 0.5
                break
        if quote.quote_type == "direct":
            ctx.previous = quote
    return quotes
