"""Events, stage 3 — time anchors relative to another event: "a day later", "within hours", "hours after the
strike", "three days later", "in November of that year". Such words date an event from the one told just
before, not from the publication date: each rule resolves them from the last date the text gave before
them (in the same or an earlier sentence), itself possibly anchored ("a day later … three days later").

A rule is (name, pattern, resolver); the resolver takes the match and the anchor's EDTF and answers the
EDTF and how it was found, or None when the anchor is not precise enough (a month for "a day later").
Without an anchor the date stays unresolved and says why (never the publication date instead).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import replace

COUNTS = {
    w: i for i, w in enumerate(("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"), 1)
} | {"a": 1, "an": 1}
_COUNT = "|".join(COUNTS) + r"|\d+"
_MONTHS = "january february march april may june july august september october november december".split()
UNANCHORED = "relative to an event told before it, and none before it is dated"


def _day(edtf: str) -> dt.date | None:
    return dt.date.fromisoformat(edtf) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", edtf) else None


def unit_days(unit: str) -> int:
    """The days of one unit an anchor counts in: a day, a week, a fortnight ("A fortnight later": fourteen
    days, as "two weeks later")."""
    return {"day": 1, "week": 7, "fortnight": 14}[unit.lower()]


def units_later(m, base: str):
    """ "a day later", "three days later", "two weeks later", "a fortnight later": the anchor's day plus
    that many days (a week counted from a day the text gives is exact, as "two weeks after that" is)."""
    day = _day(base)
    n = COUNTS.get(m.group(1).lower()) or int(m.group(1))
    if day is None:
        return None
    days = n * unit_days(m.group(2))
    return (day + dt.timedelta(days=days)).isoformat(), f"{days} day(s) after {base}"


def units_after(m, base: str):
    """ "two days after that", "a week after the chairman takes office": the anchor's day plus that many
    days or weeks, exact (the text counts from a day it names, not from an approximate "later")."""
    day = _day(base)
    n = COUNTS.get(m.group(1).lower()) or int(m.group(1))
    if day is None:
        return None
    days = n * unit_days(m.group(2))
    return (day + dt.timedelta(days=days)).isoformat(), f"{days} day(s) after {base}"


def units_earlier(m, base: str):
    """ "three days earlier", "a week before the truce": the anchor's day (or the named event's) minus that
    many days or weeks."""
    day = _day(base)
    if day is None:
        return None
    days = (COUNTS.get(m.group(1).lower()) or int(m.group(1))) * unit_days(m.group(2))
    return (day - dt.timedelta(days=days)).isoformat(), f"{days} day(s) before {base}"


def day_before(m, base: str):
    """ "the day before", "the night before", "the day after the vote": the anchor's day (or the named
    event's) minus one, or plus one after "after"."""
    day = _day(base)
    step = 1 if m.group(1).lower() == "after" else -1
    return ((day + dt.timedelta(days=step)).isoformat(), f"the day {m.group(1).lower()} {base}") if day else None


def years_later(m, base: str):
    """ "five years later", "two years earlier": the anchor's year plus (or minus) that many years — the year,
    not a day ("began in 2006, and … five years later": 2011)."""
    n = COUNTS.get(m.group(1).lower()) or int(m.group(1))
    step = -n if m.group(2).lower() in ("earlier", "before") else n
    if not base[:4].isdigit():
        return None
    return f"{int(base[:4]) + step:04d}", f"{n} year(s) {m.group(2).lower()} {base[:4]}"


def next_day(m, base: str):
    """ "the next day", "the following morning": the anchor's day plus one."""
    day = _day(base)
    return ((day + dt.timedelta(days=1)).isoformat(), f"the day after {base}") if day else None


def same_day(m, base: str):
    """ "within hours", "hours after the strike", "hours later", "later that day": the anchor's day."""
    day = _day(base)
    return (day.isoformat(), f"the same day as {base}") if day else None


def month_of_that_year(m, base: str):
    """ "in November of that year": the month of the anchor's year."""
    month = _MONTHS.index(m.group(1).lower()) + 1
    return f"{base[:4]}-{month:02d}", f"a month of the year of {base}"


def following_week(m, base: str):
    """ "the following week": the Monday-to-Sunday week after the anchor's day."""
    day = _day(base)
    if day is None:
        return None
    monday = day - dt.timedelta(days=day.weekday()) + dt.timedelta(days=7)
    return f"{monday}/{monday + dt.timedelta(days=6)}", f"the week after {base}"


def week_after(m, base: str):
    """ "the week after the Cairo meeting", "the week before the vote": the Monday-to-Sunday week after (or
    before) the anchor's day."""
    day = _day(base)
    if day is None:
        return None
    step = 7 if m.group(1).lower() == "after" else -7
    monday = day - dt.timedelta(days=day.weekday()) + dt.timedelta(days=step)
    return f"{monday}/{monday + dt.timedelta(days=6)}", f"the week {m.group(1).lower()} {base}"


def that_month(m, base: str):
    """ "later that month", "that same month": the anchor's month."""
    return (base[:7], f"the month of {base}") if re.match(r"\d{4}-\d{2}", base) else None


def that_year(m, base: str):
    """ "later that year", "that same year": the anchor's year."""
    return base[:4], f"the year of {base}"


ANCHORS: list[tuple[str, str, Callable]] = [
    ("units_later", rf"\b({_COUNT})\s+(day|week|fortnight)s?\s+(?:later|afterwards?)\b", units_later),
    ("units_after", rf"\b({_COUNT})\s+(day|week|fortnight)s?\s+after(?:\s+that)?\b", units_after),
    ("units_earlier", rf"\b({_COUNT})\s+(day|week|fortnight)s?\s+(?:earlier|before(?:\s+that)?)\b", units_earlier),
    ("day_before", r"\bthe\s+(?:day|night|evening)\s+(before|after)\b(?!\s+\w+day\b)", day_before),
    ("years_later", rf"\b({_COUNT})\s+years?\s+(later|afterwards?|earlier)\b", years_later),
    ("next_day", r"\b(?:the\s+)?(?:next|following)\s+(?:day|morning|afternoon|evening|night)\b", next_day),
    (
        "same_day",
        r"\b(?:within\s+(?:a\s+few\s+)?hours|(?:a\s+few\s+|several\s+)?hours\s+(?:later|after)|"
        r"later\s+(?:that|the\s+same)\s+day|(?:that|the\s+same)\s+(?:day|evening|night))\b",
        same_day,
    ),
    (
        "month_of_that_year",
        rf"\b(?:in\s+)?({'|'.join(_MONTHS)})\s+of\s+(?:that|the\s+same)\s+year\b",
        month_of_that_year,
    ),
    ("following_week", r"\bthe\s+following\s+week\b", following_week),
    ("week_after", r"\bthe\s+week\s+(after|before)\b", week_after),  # not "in the next week": ahead of publication
    ("that_month", r"\b(?:later\s+|earlier\s+)?(?:that|the\s+same)\s+month\b", that_month),
    ("that_year", r"\b(?:later\s+|earlier\s+)?(?:that|the\s+same)\s+year\b", that_year),
]
# Rules that need only the anchor's year: an interval within one year ("the spring of 2017") anchors them.
YEAR_RULES = frozenset(("month_of_that_year", "that_year", "years_later"))
# "later that month" needs a month: a day or a month told before (not a year)
COMPILED = [(name, re.compile(p, re.IGNORECASE), resolver) for name, p, resolver in ANCHORS]


def matches(text: str):
    """(name, match) for every anchored expression, for the date finder to take before its own patterns."""
    for name, pattern, _ in COMPILED:
        for m in pattern.finditer(text):
            yield name, m


# "a week after the chairman takes office": the event named after "after" (its subject's noun and verb)
# ("the Doha session ended": a proper name before the noun modifies it, the noun is "session")
_NAMED_EVENT = re.compile(
    r"\s+(?:that\s+)?(?:the|its|his|her|their)\s+(?:[A-Z][\w-]*\s+)?(\w+)\s+"
    r"(?:(?:was|were|is|are|had|has|have|been)\s+)*(\w+)"
)


def named_event(text: str, d, earlier: list):
    """ "a week after the chairman takes office": the last date before whose sentence names that event (the
    noun, and a verb of the same stem: "is expected to take office on January 5"), else None."""
    after = text and d.text.lower().rstrip().endswith(("after", "before"))
    pronoun = _PRONOUN_ACT.match(text, d.end) if after else None
    if pronoun:
        return pronoun_act(text, pronoun.group(1), earlier, d.start)
    m = _NAMED_EVENT.match(text, d.end) if after else None
    if m is None:  # "three days after the meeting, once …": the noun alone
        alone = re.match(r"\s+(?:the|its|his|her|their)\s+(\w+)\b", text[d.end :]) if after else None
        noun = alone.group(1).lower() if alone else ""
        return _event_of_noun(text, noun, earlier, d.start) if alone else None
    noun, stem = m.group(1).lower(), m.group(2).lower()[:3]
    for p in reversed(earlier):
        lo, hi = _sentence_of(text, p, d.start)
        sentence = text[lo:hi].lower()
        if re.search(rf"\b{re.escape(noun)}\b", sentence) and re.search(rf"\b{re.escape(stem)}", sentence):
            return nearest_the_verb(text, stem, lo, hi, earlier, d.start) or p
    return introduced_event(text, noun, earlier, d.start) or kin_event(text, noun, earlier, d.start)


def nearest_the_verb(text: str, stem: str, lo: int, hi: int, earlier: list, until: int):
    """ "Abbas signed the decree on Wednesday, and it was published a day later … the day before the decree was
    signed": of the dates of the sentence naming the act, the one nearest its verb (Wednesday), not the last."""
    words = [w.start() for w in re.finditer(rf"\b{re.escape(stem)}", text[lo:hi], re.I)]
    same = [x for x in earlier if _sentence_of(text, x, until)[0] == lo and not in_dateline(text, x)]
    return min(same, key=lambda x: min(abs(x.start - lo - w) for w in words)) if words and same else None


_PRONOUN_ACT = re.compile(r"\s+(?:we|they|he|she|I)\s+(\w{5,})\b", re.I)


def pronoun_act(text: str, verb: str, earlier: list, until: int):
    """ "We arrived on November 15, and the next morning we sat … Four days after we arrived, …": an act
    told with a pronoun for its subject counts from the earlier sentence telling it (a word of the verb's
    stem, `stem_event`), its date nearest that word — not the last date of that sentence."""
    return stem_event(text, verb, earlier, until)


def _event_of_noun(text: str, noun: str, earlier: list, until: int):
    """The dated event "the <noun>" names alone ("a week before the truce", "two days before the collapse")."""
    return (
        introduced_event(text, noun, earlier, until)
        or kin_event(text, noun, earlier, until)
        or deadline_event(text, noun, earlier)
        or stem_event(text, noun, earlier, until)
    )


def stem_event(text: str, noun: str, earlier: list, until: int):
    """ "Two days before the collapse, …": the last earlier dated sentence telling that act with a word of
    the noun's stem ("the talks collapsed in Cairo on November 19" — a span's start after "since" too), its
    date nearest that word; else None."""
    stem = re.compile(rf"\b{re.escape(noun[:5])}\w*", re.I) if len(noun) >= 5 else None
    for p in reversed(earlier if stem else []):
        lo, hi = _sentence_of(text, p, until)
        words = [w.start() for w in stem.finditer(text, lo, hi)]
        if words:
            same = [x for x in earlier if _sentence_of(text, x, until)[0] == lo and not in_dateline(text, x)]
            return min(same or [p], key=lambda x: min(abs(x.start - w) for w in words))
    return None


_BY = re.compile(r"\b(?:by|until|no later than|deadline(?: of)?)\s+(?:the\s+)?$", re.I)


def deadline_event(text: str, noun: str, earlier: list):
    """ "If they hand in their weapons by Sunday, … Two days before the deadline, …": "the deadline" (an
    ultimatum) is the last date given before as a limit ("by Sunday", "until Friday"); else None."""
    if noun not in ("deadline", "ultimatum"):
        return None
    limits = [
        p for p in earlier if _BY.search(text[max(0, p.start - 20) : p.start]) or p.text.lower().startswith("by ")
    ]
    return limits[-1] if limits else None


# "two days after the shooting": the act a noun of force names, told before with another word of its kind
FORCE_NOUNS = frozenset("shooting attack strike raid clashes fighting bombing shelling ambush assault".split())
_FORCE_WORDS = re.compile(
    r"\b(?:opened fire|shot|shooting|attack\w*|struck|strikes?|raid\w*|clash\w*|fighting|bomb\w*|shell\w*|"
    r"ambush\w*|killed|killing|wounded|wounding|gunfights?|grenades?|drones?|rockets?|missiles?)\b",
    re.I,
)


# "hours after the Doha session ended": a meeting's noun, told before as "met" or "talks"
MEETING_NOUNS = frozenset("session meeting talks round summit negotiations conference".split())
_MEETING_WORDS = re.compile(r"\b(?:met|meeting|talks|sessions?|negotiat\w*|summit|conference)\b", re.I)
# "the day after the vote": an election's noun, told before as "the polls closed", "voted", "the election"
ELECTION_NOUNS = frozenset("vote voting election elections polls polling ballot".split())
_ELECTION_WORDS = re.compile(r"\b(?:poll\w*|vot(?:e|ed|ing)|elections?)\b", re.I)


def kin_words(noun: str):
    """The words that tell, in an earlier sentence, the act a noun of force, of meeting or of voting names
    ("the vote": "the polls closed on February 20"; "the conference": "donors meeting in Cairo"), or None."""
    kinds = ((FORCE_NOUNS, _FORCE_WORDS), (MEETING_NOUNS, _MEETING_WORDS), (ELECTION_NOUNS, _ELECTION_WORDS))
    return next((words for nouns, words in kinds if noun in nouns), None)


def kin_event(text: str, noun: str, earlier: list, until: int):
    """ "Two days after the shooting": the last dated sentence before that tells an act of force ("gunmen
    opened fire on a rally on Sunday"), its date nearest those words; else None. `meeting_kin` too."""
    planned = noun in MEETING_NOUNS and planned_kin(text, until)
    words = _PLANNED_MEETING if planned else kin_words(noun)
    for p in reversed(earlier if words else []):
        lo, hi = _sentence_of(text, p, until)
        found = None if not planned and held_not_planned(text, noun, lo, hi) else words.search(text, lo, hi)
        same = [x for x in earlier if _sentence_of(text, x, until)[0] == lo]
        same = meeting_kin(same, planned) if noun in MEETING_NOUNS else same
        if found and same:
            same = [x for x in same if not in_dateline(text, x)] or same
            return min(same, key=lambda x: abs(x.start - found.start()))
    return None


_PLANNED_MEETING = re.compile(r"\b(?:meet|meets|meeting|talks|sessions?|summit)\b", re.I)


def planned_kin(text: str, until: int) -> bool:
    """ "will arrive in Ramallah the week after the Cairo meeting": an anchor in a sentence of the future names
    a meeting still to come — the last sentence planning one ("will meet in Cairo on March 8"), its date
    after publication, not a meeting held."""
    lo = max(text.rfind(".", 0, until), text.rfind("\n", 0, until)) + 1
    return bool(re.search(r"\b(?:will|shall|is to|are to|is due to|are due to)\b", text[lo:until], re.I))


def held_not_planned(text: str, noun: str, lo: int, hi: int) -> bool:
    """ "Egyptian officials had hosted … the day before the conference": a meeting held is not the one a
    sentence of the future plans ("Ministers will meet again … and a follow-up conference will be held in
    June") — fixes a flashback counted from a planned meeting's date."""
    return noun in MEETING_NOUNS and bool(_FUTURE_WORDS.search(text, lo, hi))


def meeting_kin(same: list, planned: bool = False) -> list:
    """ "hours after the Doha session ended": a meeting's noun names one held, not one a sentence plans
    ("will reconvene on January 5 … after the session"): that sentence's dates after publication are left
    out, and so is the sentence when none is left."""
    return [x for x in same if ("after publication" in x.how) == planned]


def in_dateline(text: str, d) -> bool:
    """ "NABLUS, Oct 9 (Northgate Agency) –": the date heads the wire copy (the day it was filed), so it dates
    no act the sentence tells — "Three people were killed … on Tuesday. The shooting broke out hours after
    the raid" counts from Tuesday, not from the dateline nearer the word "killed"."""
    return bool(re.match(r"\s*\([^)\n]{1,60}\)\s*[–—-]", text[d.end : d.end + 70]))


def last_stop(text: str, until: int) -> int:
    """The last full stop before `until`, not a point inside a number ("pledged $2.4 billion", -1 for none) —
    fixes a sentence's start taken after "$2." so that its words and dates part."""
    stops = [m.start() for m in re.finditer(r"\.(?!\d)", text[:until])]
    return stops[-1] if stops else -1


def _sentence_of(text: str, d, until: int) -> tuple[int, int]:
    """The bounds of the sentence holding a date, up to the anchored words when it holds them too."""
    hi = re.search(r"\.(?!\d)", text[d.end :])
    hi = d.end + hi.start() if hi else len(text)
    return last_stop(text, d.start) + 1, min(hi, until)


def introduced_event(text: str, noun: str, earlier: list, until: int):
    """ "hours after the statement was released": the last dated sentence that introduced the thing ("…
    pledged on Tuesday …, in a joint statement issued …"), its date nearest before the words that introduce
    it (not a dateline's), else None."""
    introducing = re.compile(rf"\b(?:a|an)\s+(?:[\w-]+\s+)?{re.escape(noun)}\b", re.I)
    held = not planned_kin(text, until)  # "had hosted … the day before the conference": not a planned one
    for p in reversed(earlier):
        lo, hi = _sentence_of(text, p, until)
        found = None if held and held_not_planned(text, noun, lo, hi) else introducing.search(text, lo, hi)
        if found:
            same = [x for x in earlier if _sentence_of(text, x, until)[0] == lo]
            holding = [x for x in same if x.start <= found.start() < x.end]  # "the movements signed a truce"
            holding = holding or own_date_after(text, found.end(), same)
            return (holding or [x for x in same if x.end <= found.start()] or same)[-1]
    return None


def own_date_after(text: str, end: int, same: list) -> list:
    """ "were released on Wednesday, the ministry said in a statement on Thursday": a date right after the
    words introducing the thing ("a statement on Thursday", "a statement issued late on Monday") is its own."""
    between = r"\s*(?:(?:issued|released|published|read out)\s+)?(?:(?:late|early)\s+)?(?:on\s+)?"
    return [x for x in same if x.start >= end and re.fullmatch(between, text[end : x.start], re.I)][:1]


# a clause telling an act ("the two movements met in Cairo"), not a noun alone ("the meeting")
_TOLD_ACT = re.compile(
    r"^\S+\s+\S+.*\b(?:\w{3,}ed|met|held|took|began|left|came|went|won|broke|made|fell|struck)\b", re.I
)
_ACT_WORDS = re.compile(r"\s+((?:the|its|his|her|their)\s+[^,.;:\n]+)")


_ACT_VERB = re.compile(
    r"^\S+\s+\S+.*?\b(?:\w{3,}ed|met|held|took|began|left|came|went|won|broke|made|fell|struck)\b", re.I
)


def act_words(clause: str) -> str:
    """ "the two movements swapped written proposals for a joint cabinet" → "the two movements swapped": the
    act's words end at its verb (its subject and what it did), the words "a day after …" name."""
    m = _ACT_VERB.match(clause)
    return m.group(0) if m else clause.rstrip()


def undated_act(text: str, d, base, m):
    """ "pledged on Tuesday …, in a joint statement issued a week after the two movements met in Cairo": the
    act after "after" is dated nowhere before, and the sentence's own date comes first — the words date the
    sentence's act (Tuesday), and the act they name is that much before it (a date of its own, at its
    words). (answer, the act's DateMention) or None."""
    same_sentence = base is not None and not re.search(r"[.!?\n]", text[base.end : d.start])
    act = _ACT_WORDS.match(text, d.end) if same_sentence and _day(base.edtf) else None
    if act is None or not _TOLD_ACT.search(act.group(1)):
        return None
    days = (COUNTS.get(m.group(1).lower()) or int(m.group(1))) * unit_days(m.group(2))
    day = _day(base.edtf) - dt.timedelta(days=days)
    words = act_words(act.group(1))
    mention = replace(d, start=act.start(1), end=act.start(1) + len(words), text=words, edtf=day.isoformat())
    mention = replace(mention, how=f"{days} day(s) before “{base.text}” ({base.edtf}), as the text counts")
    return (base.edtf, f"the same day, {days} day(s) after the act it names"), mention


def topic_event(text: str, d, earlier: list):
    """ "Three days earlier, the official had attended a rally. The arrest was condemned by Fatah the
    following day": a sentence whose subject is "the <noun>" counts from the last earlier dated sentence
    that tells that act (a word of the noun's stem: "arrested … on Monday"), its date nearest that word;
    else None."""
    lo = max(text.rfind(".", 0, d.start), text.rfind("\n", 0, d.start)) + 1
    m = re.match(r"\s*The\s+(\w{4,})\s+(?:was|were|had|has|is|came|began|ended)\b", text[lo : d.start])
    if m is None:
        return None
    stem = re.compile(rf"\b{re.escape(m.group(1).lower()[:5])}\w*", re.I)
    for p in reversed(earlier):
        s_lo, s_hi = _sentence_of(text, p, lo)
        words = [w.start() for w in stem.finditer(text, s_lo, s_hi)]
        if s_hi <= lo and words:
            same = [x for x in earlier if _sentence_of(text, x, lo)[0] == s_lo]
            return min(same, key=lambda x: min(abs(x.start - w) for w in words))
    return None


def _since(text: str, d) -> bool:
    """Is the date the start of a span ("since March", "since talks broke down in March")?"""
    lo = max(text.rfind(".", 0, d.start), text.rfind(",", 0, d.start), text.rfind("\n", 0, d.start)) + 1
    return bool(re.search(r"\bsince\b", text[lo : d.start + 6], re.I))


_FUTURE_WORDS = re.compile(r"\b(?:will|shall|going to|is to|are to|due to|scheduled|expected to)\b", re.I)


def paragraph_base(text: str, d, last_past, plain):
    """ "… read out the next morning.\n\nA day earlier, Israeli forces had shut the crossing": a flashback that
    opens a paragraph counts from the last date the text gave outright (the story's own day), not from a
    relative one told in passing; within a paragraph the chain goes on ("a day later … three days later")."""
    # a flashback, not a chain forward ("the day after" goes forward)
    backward = d.how.split(":", 1)[1] in ("units_earlier", "day_before") and "after" not in d.text.lower()
    opens = backward and text[: d.start].rstrip(" ").endswith("\n") and plain is not None
    return plain if opens else last_past


def past_base(text: str, d, last, last_past):
    """ "… its nine members would be named on October 15. A day earlier, Israeli forces had shut the
    crossing": a sentence telling the past counts from the last date on or before publication, not from one
    the text places ahead of it (a plan); a sentence speaking of the future keeps the last date."""
    lo = max(text.rfind(".", 0, d.start), text.rfind("\n", 0, d.start)) + 1
    hi = text.find(".", d.end)
    return last if _FUTURE_WORDS.search(text[lo : hi if hi >= 0 else len(text)]) else last_past or last


RULES = {name: (pattern, resolver) for name, pattern, resolver in COMPILED}


def dated_in_clause(text: str, d, later: list):
    """ "three days before the Cairo round opened on April 18", "a week after the truce took effect on May 2":
    the event named after "after"/"before" carries its own date in the same clause — the base, though told
    after the anchor — fixes such a flashback counted from the last date told before it."""
    if not d.text.lower().rstrip().endswith(("after", "before")):
        return None
    nxt = next((x for x in later if not x.how.startswith("anchored:")), None)
    gap = text[d.end : nxt.start] if nxt is not None and _day(nxt.edtf or "") else "."
    return nxt if len(gap) < 80 and not re.search(r"[.,;:!?\n]", gap) else None


def _resolved(text: str, d, out: list, last, last_year, later: list = ()):
    """One anchored date resolved (the act it names too, for undated_act): from the event it names, the
    sentence's topic, else the last date (the last year's for the year rules)."""
    name = d.how.split(":", 1)[1]
    pattern, resolver = RULES[name]
    dated = [x for x in out if _day(x.edtf or "")]  # a day counts from a day, not from "in March"
    named = None if name in YEAR_RULES else dated_in_clause(text, d, later) or named_event(text, d, dated)
    named = named or (None if name in YEAR_RULES else topic_event(text, d, dated))
    base = last_year if name in YEAR_RULES else named or last
    act = undated_act(text, d, base, pattern.match(d.text)) if name == "units_after" and not named else None
    answer = act[0] if act else resolver(pattern.match(d.text), base.edtf) if base is not None else None
    return (
        replace(d, edtf=answer[0], how=f"{answer[1]} (“{base.text}”)") if answer else replace(d, how=UNANCHORED)
    ), act


def anchor(found: list, text: str = "") -> list:
    """The date mentions (in text order) with each anchored one resolved from the last date before it (or
    from the event it names, when the article dated that event before)."""
    out, last, last_year, last_past, plain = [], None, None, None, None
    for i, d in enumerate(found):
        act, relative = None, d.how.startswith("anchored:")
        if relative:
            base = past_base(text, d, last, paragraph_base(text, d, last_past, plain))
            d, act = _resolved(text, d, out, base, last_year, found[i + 1 :])
        if d.edtf and "/" not in d.edtf and not _since(text, d):
            last = last_year = d  # not "since talks broke down in March": the span's start, background
            last_past = d if "after publication" not in d.how else last_past
            plain = d if "after publication" not in d.how and not relative else plain
        elif d.edtf and d.edtf[:4] == d.edtf.split("/")[-1][:4]:
            last_year = d  # "the spring of 2017 … in November of that year": an interval within one year
        out += [d, act[1]] if act else [d]
    return out
