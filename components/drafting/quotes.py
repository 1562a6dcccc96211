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
_TITLED = re.compile(rf"\b{TITLES}(?:\s+(?:for|of)\s+the\s+\w+)?,?\s+((?:[A-Z][\w'’-]+\s){{0,2}}[A-Z][\w'’-]+)")
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


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    lo = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start), text.rfind(".” ", 0, start)) + 1
    hits = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    return lo, (min(hits) + 1 if hits else len(text))


def _person(text: str, lo: int, hi: int) -> tuple[str, int] | None:
    """An unknown titled name in text[lo:hi] ("spokesperson Oren Tal"), with its position."""
    found = list(_TITLED.finditer(text, lo, hi))
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


def _and_join(names: list[str]) -> str:
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
        if known and (new is None or known[-1].end >= new.end or new.start <= known[-1].start < new.end):
            return known[-1].text, known[-1].actor_id
        found = new
    if found is None or found.kind != "person":
        return None
    known = [x for x in mentions if found.start <= x.start < found.end or x.start <= found.start < x.end]
    return (known[0].text, known[0].actor_id) if known else (found.text, "")


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
    """Direct quotes and paraphrases, with speakers and chains (left to right). With the parse (doc), the
    subject of the speech verb names a person speaker first; the rules decide the rest."""
    found: list[DraftQuote] = []
    last_speaker: tuple[str, str] = ("", "")
    last_at = 0  # the end of the sentence where the last speaker was named
    # Who speaks where: a named actor followed closely by a speech verb ("Zomlot indicated"), for pronouns.
    speaking = [x for x in mentions if re.match(rf"[^.]{{0,80}}?\b{SPEECH}\b", text[x.end : x.end + 120])]
    covered: list[tuple[int, int]] = []
    for m in _DIRECT.finditer(text):
        group = 1 if m.group(1) is not None else 2
        words = m.group(group).strip()
        lo, hi = _sentence_bounds(text, m.start(), m.end())
        said_before = re.search(rf"\b{SPEECH}\b", text[lo : m.start()], re.I)
        said_after = re.search(rf"\b{SPEECH}\b", text[m.end() : hi], re.I)
        named_before = any(lo <= x.start < m.start() for x in mentions)
        if len(words.split()) < 3 and not (said_before or (said_after and named_before)):
            continue  # a term in quotation marks ("the coup"), not a quotation; but 'said it was "calm"' is
        start = m.start(group) + (len(m.group(group)) - len(m.group(group).lstrip()))
        quote = DraftQuote(words.rstrip(",").rstrip(), start, start + len(words.rstrip(",").rstrip()), "direct")
        after = text[m.end() : hi]
        before = text[lo : m.start()]
        speaker = _parsed_speaker(doc, quote.start, quote.end, mentions, people)
        earlier = [x for x in speaking if last_at <= x.start < m.start()]
        # Or a person named since then ("Layla Mansour remembers the mood. “…,” she said").
        earlier = earlier or [x for x in mentions if last_at <= x.start < m.start() and x.actor_id in people]
        if earlier:  # someone was named speaking since the last attributed quote: the subject of its sentence
            lo_last, _ = _sentence_bounds(text, earlier[-1].start, earlier[-1].end)
            in_sentence = [x for x in earlier if x.start >= lo_last]
            # "Hamas spokesperson Layla Mansour said": the person speaks, not her organisation
            subject = next((x for x in in_sentence if x.actor_id in people), in_sentence[0])
            last_speaker = (subject.text, subject.actor_id)
        titled = {n.group(1) for n in _TITLED.finditer(text, 0, m.start())}  # people a title introduced
        named = _SAID_NAME.match(after) or _NAME_SAID.match(after)
        name = named.group(1).strip() if named else ""
        known = [x for x in mentions if m.end() <= x.start <= m.end() + len(after) and x.text in name]
        if (
            speaker is None and name and not known
        ):  # a person not in the data: the full name a title gave, else as written
            full = next((t for t in titled if t == name or t.split()[-1] == name), name)
            if full[:1].isupper() and full.lower() not in ("he", "she", "they", "it"):
                speaker = (full, "")
        unnamed = _UNNAMED.match(after)
        back = _ANAPHOR.match(after)
        if (
            unnamed
            and back
            and unnamed.group(1).lower().startswith("the ")
            and _introduced(text, back.group(1), m.start(), mentions)
        ):
            unnamed = None  # "the official said": the one introduced before, below
        if speaker is None and unnamed:  # "…," an Egyptian official told Northgate: as written, for Egypt
            inside = [x for x in mentions if m.end() + unnamed.start(1) <= x.start < m.end() + unnamed.end(1)]
            if not inside and re.search(r"\bthe (?:movement|group|faction|party)$", unnamed.group(1)):
                inside = [x for x in mentions if x.start < m.start() and x.actor_id not in people][-1:]
            speaker = (unnamed.group(1), inside[0].actor_id if inside else "")
            quote.note = (
                "an unnamed speaker" + (f" of {inside[0].text}" if inside else "") + ": check who they speak for"
            )
        if speaker is None and known:
            speaker = (known[0].text, known[0].actor_id)
        if speaker is None and (_PRONOUN_AFTER.match(after) or _PRONOUN_BEFORE.search(before)) and last_speaker[0]:
            speaker, quote.note = last_speaker, "the pronoun's speaker: the last one named"
        elif speaker is None:
            near_after = [x for x in mentions if m.end() <= x.start < m.end() + 120 and x.start < hi]
            near_before = [x for x in mentions if lo <= x.start < m.start()]
            if _VERB_AFTER.match(after) or (near_after and re.search(SPEECH, text[m.end() : near_after[0].end + 40])):
                if near_after:
                    # "…," Hamas spokesperson Layla Mansour told …: the person before the verb speaks
                    verb = re.search(rf"\b{SPEECH}\b", text[m.end() : hi], re.I)
                    until = m.end() + verb.start() if verb else hi
                    persons = [x for x in near_after if x.start < until and x.actor_id in people]
                    titled = _person(text, m.end(), until)  # "an Egyptian official, Hani Fawzi, told"
                    pick = persons[-1] if persons else None if titled else near_after[0]
                    speaker = (pick.text, pick.actor_id) if pick else (titled[0], "")
                else:
                    person = _person(text, m.end(), min(hi, m.end() + 160))
                    speaker = (person[0], "") if person else None
            verbs = list(re.finditer(rf"\b{SPEECH}\b", before, re.I))
            if speaker is None and verbs:
                # the subject of the speech verb before the quote: the nearest person named before it ("…,"
                # Karim Nadir, who led the Fatah delegation, said, "…"; the deputy leader, Samir Haddad, said
                # the movement had met Egyptian officials …), else the nearest name
                at = lo + verbs[-1].start()
                person = _person(text, lo, at)
                known_people = [x for x in mentions if lo <= x.start < at and x.actor_id in people]
                if person and not (known_people and known_people[-1].start >= person[1]):
                    speaker = (person[0], "")
                elif known_people:
                    speaker = (known_people[-1].text, known_people[-1].actor_id)
                elif near_before and near_before[0].start < at:
                    pick = [x for x in near_before if x.start < at][-1]
                    speaker = (pick.text, pick.actor_id)
            if speaker is None and _GROUP_SAID.search(after) and near_before:
                groups = [x for x in near_before if x.actor_id not in people] or near_before
                speaker = (groups[-1].text, groups[-1].actor_id)
            if speaker is None and _GROUP_SAID.search(after):  # "the group said": the last group named
                groups = [x for x in mentions if x.start < m.start() and x.actor_id not in people]
                # a sentence's subject first ("Palestinian Islamic Jihad announced …"), not a place in it
                groups = [x for x in groups if _starts_sentence(text, x.start)] or groups
                speaker = (groups[-1].text, groups[-1].actor_id) if groups else None
            if speaker is None:
                person = _person(text, lo, m.start()) or _person(text, m.end(), hi)
                speaker = (person[0], "") if person else None
            if speaker is None and _STATEMENT_SUBJECT.search(text[lo:hi]):
                # "The statement accused …", "…," the statement said: who issued the last statement
                issued = [q for q in found if q.speaker and any(c["wording"] == "in a statement" for c in q.chain)]
                signed = _signatories(text, mentions, m.start(), people)
                if issued:
                    speaker = (issued[-1].speaker, issued[-1].speaker_id)
                    quote.note = "the statement's issuer, named before"
                elif signed:  # "In a joint statement, Hamas, Fatah and PIJ called …": every signatory
                    speaker = (_and_join([x.text for x in signed]), ";".join(x.actor_id for x in signed))
                    quote.note = "the statement's signatories, named before" + (
                        " (a joint statement)" if len(signed) > 1 else ""
                    )
            back = _ANAPHOR.match(after) or _SUBJECT_ANAPHOR.match(before)
            if (
                speaker is None and back
            ):  # "…," the official said: the one introduced before ("A Hamas official told …")
                intro = _introduced(text, back.group(1), m.start(), mentions)
                if intro:
                    speaker, quote.note = (intro[0], intro[1]), "the speaker introduced before: check"
                    told_then = chain_of(text[slice(*_sentence_bounds(text, intro[2], intro[2] + 1))], outlets, fold)
                    quote.chain = told_then  # kept when this sentence names no chain of its own (below)
            if speaker is None and before.rstrip().endswith(":"):  # "Abu Marzook was brief: “…”"
                named = [x for x in mentions if lo <= x.start < m.start()]
                pick = next((x for x in reversed(named) if x.actor_id in people), named[-1] if named else None)
                if pick:
                    speaker = (pick.text, pick.actor_id)
            described = _DESCRIBED.search(before)
            if speaker is None and described and sides is not None:
                # "the senior Hamas figure preferred to speak of “…”": the last person of that side named
                org = [x for x in mentions if lo + described.start() <= x.start < lo + described.end()]
                side = set(sides.get(org[0].actor_id, [org[0].actor_id])) if org else set()
                persons = [
                    x
                    for x in mentions
                    if x.start < m.start() and x.actor_id in people and side & set(sides.get(x.actor_id, []))
                ]
                if persons:
                    speaker, quote.note = (
                        (persons[-1].text, persons[-1].actor_id),
                        f"“{described.group(0)}”: the last person of that side named",
                    )
            subject = [
                x for x in mentions if lo <= x.start < m.start() and not text[lo : x.start].strip(" -–—:0123456789")
            ]
            if speaker is None and subject and not found_speech(before):
                # no speech verb: the sentence's subject ("Qatar's mediator opened with a call for '…'")
                speaker, quote.note = (subject[0].text, subject[0].actor_id), "the sentence's subject: check"
            paragraph = text[max(text.rfind("\n", 0, m.start()), 0) : m.start()]
            if speaker is None and last_speaker[1] in people and re.search(r"\b(?:he|she)\b", paragraph, re.I):
                # "Asked about Hamas, he smiled. “They are our brothers.”": the person the pronoun stands for
                speaker, quote.note = last_speaker, "the pronoun's speaker: the last one named"
            if speaker is None and found and found[-1].quote_type == "direct" and found[-1].speaker:
                # A quote with no attribution of its own, right after another in the same paragraph.
                if "\n" not in text[found[-1].end : m.start()].strip(' "“”,.') and m.start() - found[-1].end < 80:
                    speaker, quote.note = (found[-1].speaker, found[-1].speaker_id), "continues the quote before it"
        if speaker is None and doc is not None:  # last: an organisation the parse finds speaking ("the
            # movement said it “takes note …”"), as the actor it names or the one "the movement" refers to
            speaker = _parsed_organisation(doc, quote.start, quote.end, mentions, people)
        if speaker:
            quote.speaker, quote.speaker_id = speaker
            last_speaker, last_at = speaker, hi
            quote.confidence = 0.8 if quote.speaker_id else 0.6
        else:
            quote.confidence, quote.note = 0.3, "no speaker found: check who said it"
        quote.chain = chain_of(text[lo:hi], outlets, fold) or quote.chain
        following = text[hi : _sentence_bounds(text, hi + 1, hi + 1)[1]] if hi < len(text) else ""
        if _RELAYED_NEXT.match(following) and not any(c["wording"] == "relayed by" for c in quote.chain):
            quote.chain = quote.chain + [c for c in chain_of(following, outlets, fold) if c["wording"] == "relayed by"]
        if (
            not quote.chain
            and found
            and (
                quote.note == "continues the quote before it"
                or (
                    quote.speaker
                    and (quote.speaker, quote.speaker_id) == (found[-1].speaker, found[-1].speaker_id)
                    and "\n" not in text[found[-1].end : quote.start]
                    and not found_speech(text[lo : m.start()] + " " + text[m.end() : hi])  # no "he said" of its own
                )
            )
        ):
            quote.chain = found[-1].chain  # the same remarks in one paragraph, carried the same way
        found.append(quote)
        covered.append((lo, hi))
    for x in mentions:  # "Mousa Abu Marzook said the atmosphere was calm."
        m = re.match(rf"\s+{SPEECH}\s+(?!that\b)([a-z][^.“”\"]{{12,}})", text[x.end :])
        if m and not any(lo <= x.start < hi for lo, hi in covered):
            at = x.end + m.start(1)
            words = m.group(1).strip().rstrip(",")
            lead = _THAT.match(words)  # "announced on Tuesday that it would …": the words after "that"
            if lead:
                at, words = at + lead.end(), words[lead.end() :]
            quote = DraftQuote(words, at, at + len(words), "paraphrase", x.text, x.actor_id, confidence=0.6)
            lo, hi = _sentence_bounds(text, x.start, at)
            quote.chain = chain_of(text[lo:hi], outlets, fold)
            found.append(quote)
            covered.append((lo, hi))
    for m in _PARAPHRASE.finditer(text):
        if any(lo <= m.start() < hi for lo, hi in covered):
            continue
        lo, hi = _sentence_bounds(text, m.start(), m.end())
        speakers = [x for x in mentions if lo <= x.start < m.start()]
        person = _person(text, lo, m.start())
        words = m.group(1).strip().rstrip(",")
        quote = DraftQuote(words, m.start(1), m.start(1) + len(words), "paraphrase")
        if speakers:
            quote.speaker, quote.speaker_id = speakers[-1].text, speakers[-1].actor_id
        elif person:
            quote.speaker = person[0]
        quote.confidence = 0.6 if quote.speaker_id else 0.4
        quote.chain = chain_of(text[lo:hi], outlets, fold)
        found.append(quote)
    return sorted(found, key=lambda q: q.start)
