"""Dates in an article's words, resolved against its publication date, with the precision the words support.

"tomorrow, Thursday" in a report of Wednesday 28 February 2024 is 2024-02-29; "earlier this month" is the
month 2024-02, never a day; "two weeks ago" is 2024-02-14~ (approximate); "on October 26" with no year is
the last 26 October before publication (2023-10-26), or the next one when the sentence speaks of the future.
Without a publication date the relative ones are returned unresolved (edtf None), never guessed.

Rules, not a library: dateparser and spaCy find and parse dates but answer with a datetime, a day, where
the words give a month or a season; the precision and the tense are what an analyst needs kept.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from components.drafting import anchors

MONTHS = {
    m: i
    for i, m in enumerate(
        (
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ),
        1,
    )
}
WEEKDAYS = {d: i for i, d in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))}
NUMBERS = {
    w: i for i, w in enumerate(("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"), 1)
} | {"a": 1, "an": 1}
# Northern-hemisphere meteorological seasons, as intervals (our EDTF reader has no season codes).
SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}
FUTURE = re.compile(
    r"\b(will|shall|'ll|(?:is|are|was|were)\s+(?:\w+\s+)?due to|is to|are to|plans? to|planned to|is expected to|are expected to|"
    r"(?:is|are)\s+(?:now\s+|still\s+|also\s+)?(?:expected|scheduled|set|due)\s+to|(?:is|are)\s+due\s+(?:in|at|back|on)|expects? to|hopes? to|intends? to|"
    r"is scheduled|are scheduled|is set to|are set to|would|is going to|are going to|(?:is|are) planned for|"
    r"call(?:s|ed) for|urg(?:es|ed)|propos(?:es|ed)|invit(?:es|ed) \w+ to|offer(?:s|ed)? to|expects? \w+ to|"
    r"(?-i:could|might|may)\s+(?!not\b|have\b|be\s+\w+ed\b)\w+)\b",  # "could take place in October": ahead  # "called for a conference in June": ahead
    re.IGNORECASE,
)

# Abbreviated months as wire datelines write them ("Aug 5", "Sept. 12"); "May" is already whole.
ABBREVIATIONS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_FULL_MONTH = "|".join(MONTHS)
_MONTH = _FULL_MONTH + "|" + "|".join(rf"{a}\.?" for a in sorted(ABBREVIATIONS, key=len, reverse=True))
_DAY = "|".join(WEEKDAYS)
_NUM = "|".join(NUMBERS) + r"|\d+"
PATTERNS = [
    # Absolute dates first (the longest match wins where two overlap).
    ("iso", r"\b(\d{4})-(\d{2})-(\d{2})\b"),
    ("month_day_year", rf"\b({_MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b"),
    ("day_month_year", rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH}),?\s+(\d{{4}})\b"),
    ("season_year", r"\b(?:the\s+)?(spring|summer|autumn|fall|winter)\s+of\s+(\d{4})\b"),
    # Part of a month ("late May", "the end of June", "mid-July"): still the month, never a guessed day.
    (
        "part_month",
        rf"\b(early|mid|late|the end of|the beginning of|the start of|the middle of|most of|much of)[\s-]+({_MONTH})"
        rf"(?:,?\s+(\d{{4}}))?\b",
    ),
    ("month_year", rf"\b({_MONTH})\s+(?:of\s+)?(\d{{4}})\b"),
    ("month_day", rf"\b({_MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?!,?\s+\d{{4}})"),
    ("day_month", rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH})\b(?!,?\s+\d{{4}})"),
    ("in_year", r"\b(?:in|since|during|of)\s+((?:19|20)\d{2})\b"),
    # "boycotted the 2006 vote", "won the 2006 elections": the year an event noun is named by
    (
        "year_of_event",
        r"(?<=\bthe )((?:19|20)\d{2})(?=\s+(?:votes?|elections?|polls?|war|truce|ceasefire|accords?|agreement|"
        r"uprising|intifada|referendum|summit|talks)\b)",
    ),
    # "from the first of April", "the 3rd of May": a day of a month, as "April 1"
    ("day_of_month", rf"\bthe\s+(first|second|third|fourth|fifth|\d{{1,2}}(?:st|nd|rd|th))\s+of\s+({_FULL_MONTH})\b"),
    # Relative to the publication date.
    ("tomorrow", rf"\btomorrow(?:\s*,\s*({_DAY}))?\b"),
    ("yesterday", rf"\byesterday(?:\s*,\s*({_DAY}))?\b"),
    ("today", r"\b(?:today|tonight|this morning|this afternoon|this evening)\b"),
    # "more than six years ago": a bound, not a date (matched first, so "six years ago" is not taken alone)
    ("open_ago", rf"\b(?:more than|over|nearly|almost|at least|some)\s+({_NUM})\s+(day|week|month|year)s?\s+ago\b"),
    ("ago", rf"\b({_NUM})\s+(day|week|month|year)s?\s+ago\b"),
    ("last_next_day", rf"\b(last|next|this|coming)\s+({_DAY})\b"),
    ("weekday", rf"\b(?:on\s+)?({_DAY})\b"),
    ("this_period", r"\b(earlier|later)\s+this\s+(week|month|year)\b"),
    ("period", r"\b(last|next|this)\s+(week|month|year)\b"),
    ("last_month_name", rf"\b(last|next|this|this coming)\s+({_FULL_MONTH})\b"),
    ("month_end", r"\b(?:by\s+|at\s+|before\s+)?the\s+end\s+of\s+(?:the|this)\s+month\b"),
    ("in_month", rf"\b(?:in|since|during|to|until|by)\s+({_FULL_MONTH})\b"),
    ("weekend", r"\b(?:(?:over|during|at|on)\s+)?(the|this|last|next|coming)\s+weekend\b"),
    ("within", rf"\bwithin\s+(?:the\s+next\s+)?({_NUM})\s+(day|week|month)s?\b"),
    # A season without a year ("over the summer"): this year's, or the one before or after, by tense.
    ("this_season", r"\bthis\s+(spring|summer|autumn|fall)\b"),  # the publication year's, whatever the tense
    (
        "season",
        r"\b(?:over|during|in|through|this|last|next|before|by|until|since)\s+(?:the\s+)?(spring|summer|autumn|fall|winter)\b",
    ),
    (
        "week_of_month",
        rf"\b(?:the\s+)?(first|second|third|last|final)\s+week\s+of\s+({_FULL_MONTH})(?:\s+(\d{{4}}))?\b",
    ),
]
OPEN_BOUND = "an open bound, not a date (no event is dated by it)"
COMPILED = [(name, re.compile(p, re.IGNORECASE)) for name, p in PATTERNS]
COMPILED_BY_NAME = dict(COMPILED)


@dataclass(frozen=True)
class DateMention:
    start: int  # character offsets of the words in the text
    end: int
    text: str  # the words as written
    edtf: str | None  # None: not resolvable without the publication date
    how: str  # how it was resolved, for the reviewer

    @property
    def resolved(self) -> bool:
        return self.edtf is not None


def _sentence_at(text: str, start: int, end: int) -> str:
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    right_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    right = min(right_candidates) if right_candidates else len(text)
    return text[left + 1 : right]


_CLAUSE_BREAK = re.compile(r"[,;:]|\bthat\b|\bbut\b|\band\b|\bafter\b|\bbefore\b", re.IGNORECASE)


def future_clause(text: str, start: int, end: int) -> bool:
    """Does the clause holding the words speak of the future ("will meet on Friday"; not "said on
    Wednesday that they will meet")?"""
    sentence_start = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    sentence = _sentence_at(text, start, end)
    at = start - sentence_start
    breaks = [m.start() for m in _CLAUSE_BREAK.finditer(sentence)]
    lo = max([b for b in breaks if b < at], default=0)
    hi = min([b for b in breaks if b >= at + (end - start)], default=len(sentence))
    # A clause without a verb of its own ("… from Hamas and Fatah in Cairo on Wednesday") is part of the
    # clause before it: the "and" joined two names, not two clauses.
    while lo > 0 and not CLAUSE_VERB.search(sentence[lo:hi]):
        lo = max([b for b in breaks if b < lo], default=0)
    if FUTURE.search(sentence[lo:at]) or agreed_for_later(sentence[lo:at]) or scheduled_present(sentence[lo:at]):
        return True
    if (deadline(sentence[lo:at]) and not done_by(sentence[at + end - start : hi])) or booked_for(
        sentence[lo:at], sentence[at : at + end - start]
    ):
        return True
    if answer_to_a_future_question(text, sentence_start, sentence):
        return True
    # "agreed on Friday on the names from which the chairman will be drawn": the verb the date follows is
    # past; a future later in the clause is another action's.
    after = sentence[at:hi]
    return (
        bool(FUTURE.search(after)) and not _PAST_VERB_JUST_BEFORE.search(sentence[lo:at]) and not future_of_a_wh(after)
    )


_WH = re.compile(r"\b(?:who|whom|whose|which|whether|what|where|how|without)\b", re.I)


def future_of_a_wh(after: str) -> bool:
    """ "ended talks in Cairo on Wednesday without agreeing on who will staff the crossing": a future after
    the date behind "who", "which", "whether", "without" … is another clause's, not the dated act's."""
    future = FUTURE.search(after)
    return bool(future and _WH.search(after[: future.start()]))


def deadline(before: str) -> bool:
    """ "have promised an answer by Sunday": a deadline is ahead (not "had been released by Sunday", "was
    due by November 15")."""
    return bool(re.search(r"\bby\s+$", before, re.I)) and not re.search(r"\b(?:had|was|were)\b", before, re.I)


def done_by(after: str) -> bool:
    """ "by Thursday we had registered 9,000 voters": a pluperfect told right after the deadline (its subject,
    then "had" and a participle) says the limit is past."""
    return bool(re.match(r"\s*,?\s*(?:[\w'’-]+\s+){1,3}?had\s+\w+", after, re.I))


def answer_to_a_future_question(text: str, sentence_start: int, sentence: str) -> bool:
    """ "Q: When will the lot be drawn? | On Saturday, in public.": a sentence with no verb that opens a
    paragraph answering a question in the future takes the question's tense."""
    paragraph = text.rfind("\n", 0, sentence_start + 1) + 1
    opening = re.sub(r"^(?:A[:.]|Answer:|[A-Z][\w'’-]+:)", "", text[paragraph:sentence_start].strip())  # "A. Yes, …"
    if CLAUSE_VERB.search(sentence) or opening.strip():
        return False
    question = text[:paragraph].rstrip().rsplit("\n", 1)[-1]
    return question.endswith(("?", "?**")) and bool(FUTURE.search(question))


_BOOKED_FOR = re.compile(
    r"\b(?:pencil(?:l)?ed(?:\s+in)?|scheduled|slated|set|fixed|earmarked|booked|planned)\s+for\s+(?:next\s+)?$",
    re.I,
)


def booked_for(before: str, words: str) -> bool:
    """ "said a first session had been pencilled in for Thursday", "a vote was set for Sunday": a weekday an
    act is booked for is ahead, whatever the tense of the booking (not a booking "originally set for April
    10", changed since, nor a date with its month: its own words place it)."""
    weekday = re.match(r"(?:on\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", words.strip(), re.I)
    changed = re.search(r"\b(?:originally|initially)\b", before, re.I)
    return bool(weekday and _BOOKED_FOR.search(before)) and not changed


def agreed_for_later(before: str) -> bool:
    """ "said the delegations had agreed to meet again on Sunday": an act agreed, decided or promised for
    later; its date is ahead."""
    return bool(_AGREED_FOR_LATER.search(before))


def scheduled_present(before: str) -> bool:
    """ "The delegations go back to Doha on Thursday", "We sign the contract on Thursday", "I step down in
    June": a journey, a meeting, a signing, a start, or leaving or taking office told
    in the present tense with its date is a scheduled one, ahead (not "to go back", "did not return")."""
    return bool(_SCHEDULED_PRESENT.search(before))


CLAUSE_VERB = re.compile(
    r"\b(will|would|shall|is|are|was|were|has|have|had|did|does|said|says|told|met|meet|meets|held|holds|"
    r"\w{3,}ed|plans?|due)\b",
    re.IGNORECASE,
)
# "agreed on Friday", "met in Cairo on Friday": a past verb just before the date (not "planned on")
_PAST_VERB_JUST_BEFORE = re.compile(
    r"\b(?:(?!(?:need|want|intend|expect|plann|schedul)ed\b)\w{3,}ed|said|told)\s+(?:(?:\w+\s+){0,3}(?:on|in|at|last)\s+)?$",
    re.I,
)
# "agreed to meet again on Sunday", "The delegations go back to Doha on Thursday": an act agreed on for
# later, or a scheduled act told in the present tense, with its date: ahead of publication
_AGREED_FOR_LATER = re.compile(
    r"\b(?:agreed|decided|promised|vowed|undertook)\s+to\s+(?!(?:the|a|an|its|their|his|her|this|that|it)\b)\w+\b[^,;]{0,40}$",
    re.I,
)
_SCHEDULED_PRESENT = re.compile(
    r"(?<!\bto )(?<!\bnot )(?<!\bnever )(?<!\bdid )\b(?:go|goes|come|comes|leave|leaves|return|returns|travel|travels|fly|flies|"
    r"arrive|arrives|resume|resumes|reopen|reopens|sign|signs|meet|meets|start|starts|begin|begins|vote|votes|"
    r"(?:step|steps|stand|stands)\s+down|resign|resigns|retire|retires|quit|quits|(?:hand|hands)\s+over|"
    r"(?:take|takes)\s+office)\b"
    r"[^,;]{0,40}$",
    re.I,
)
_PAST = re.compile(r"\b(was|were|had|did|met|held|signed|visited|\w{3,}ed)\b", re.IGNORECASE)


def _past(text: str, start: int, end: int) -> bool:
    """Does the clause before the words hold a past-tense verb ("met on May 22"; not "has been invited …
    on May 22", whose "invited" follows "been")?"""
    sentence_start = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    before = text[sentence_start:start]
    if re.search(r"\b(has|have) been\b", before, re.IGNORECASE):
        return False
    return bool(_PAST.search(before))


def _day(d: dt.date) -> str:
    return d.isoformat()


def _month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + by
    return index // 12, index % 12 + 1


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month_number(word: str) -> int:
    word = word.lower().rstrip(".")
    return MONTHS.get(word) or ABBREVIATIONS[word]


# Each kind of expression has its resolver: (groups, publication date, future?, past?) -> (EDTF, how).
# The groups come normalised (lower case, months as numbers). Absolute kinds need no publication date.


def _iso(g, pub, future, past):
    d = _safe_date(int(g[0]), int(g[1]), int(g[2]))
    return (_day(d), "as written") if d else (None, "not a calendar date")


def _month_day_year(g, pub, future, past):
    d = _safe_date(int(g[2]), g[0], int(g[1]))
    return (_day(d), "as written") if d else (None, "not a calendar date")


def _day_month_year(g, pub, future, past):
    return _month_day_year([g[1], g[0], g[2]], pub, future, past)


def _season_year(g, pub, future, past):
    year, (lo, hi) = int(g[1]), SEASONS[g[0]]
    # winter: December to February of the next year
    return f"{_month(year, lo)}/{_month(year + (lo > hi), hi)}", f"the {g[0]} as months (meteorological)"


def _month_year(g, pub, future, past):
    return _month(int(g[1]), g[0]), "a month: kept as the month"


def _in_year(g, pub, future, past):
    return g[0], "a year: kept as the year"


def _open_ago(g, pub, future, past):
    return None, OPEN_BOUND


def _month_day(g, pub, future, past):
    month, day = g[0], int(g[1])
    this_year = _safe_date(pub.year, month, day)
    if this_year is None:
        return None, "not a calendar date"
    if future:
        d = this_year if this_year >= pub else _safe_date(pub.year + 1, month, day)
        return _day(d), "no year: the next one after publication (the sentence speaks of the future)"
    if this_year > pub and (this_year - pub).days <= 62 and not past:
        return _day(this_year), "no year: weeks after publication and no past verb — the coming one"
    d = this_year if this_year <= pub else _safe_date(pub.year - 1, month, day)
    return _day(d), "no year: the last one before publication"


ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5}


def _day_of_month(g, pub, future, past):
    day = ORDINALS.get(g[0]) or int(re.match(r"\d+", g[0]).group(0))
    return _month_day([g[1], day], pub, future, past)


def _day_month(g, pub, future, past):
    return _month_day([g[1], g[0]], pub, future, past)


def _last_month_name(g, pub, future, past):
    """ "last October": the latest October before this month; "next": after it."""
    which, month = g
    if which == "last":
        year = pub.year if month < pub.month else pub.year - 1
    elif which == "next":
        year = pub.year if month > pub.month else pub.year + 1
    else:
        year = pub.year if month >= pub.month or not future else pub.year + 1
    return _month(year, month), f"“{which}” and a month: placed from the publication month"


def _this_season(g, pub, future, past):
    """ "this summer": the publication year's, whichever side of it the clause is."""
    lo_m, hi_m = SEASONS[g[0]]
    return f"{_month(pub.year, lo_m)}/{_month(pub.year, hi_m)}", f"this {g[0]}: the publication year's"


def _week_of_month(g, pub, future, past):
    """ "the first week of December": its days 1-7 (the last: its last seven)."""
    which, month, year = g
    if year:
        year = int(year)
    elif future:
        year = pub.year if month >= pub.month else pub.year + 1
    else:
        year = pub.year if month <= pub.month else pub.year - 1
    last_day = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    first = {"first": 1, "second": 8, "third": 15}.get(which, last_day - 6)
    lo, hi = dt.date(year, month, first), dt.date(year, month, min(first + 6, last_day))
    return f"{_day(lo)}/{_day(hi)}", f"the {which} week of a month: its seven days"


def _month_end(g, pub, future, past):
    return _month(pub.year, pub.month), "the end of the publication's month: kept as the month"


def _month_by_tense(month: int, pub, future) -> str:
    if future:
        return _month(pub.year if month >= pub.month else pub.year + 1, month)
    return _month(pub.year if month <= pub.month else pub.year - 1, month)


def _in_month(g, pub, future, past):
    return _month_by_tense(g[0], pub, future), "a month without a year, placed by tense"


def _part_month(g, pub, future, past):
    if g[2]:  # "late May 2024": the year written
        return _month(int(g[2]), g[1]), f"{g[0]} a month: kept as the month"
    return _month_by_tense(g[1], pub, future), "a month without a year, placed by tense"


def _weekend(g, pub, future, past):
    saturday = pub + dt.timedelta(days=(5 - pub.weekday()) % 7)  # this week's Saturday (or today)
    if g[0] in ("next", "coming") or (g[0] in ("the", "this") and future):
        saturday += dt.timedelta(days=7 if g[0] == "next" and pub.weekday() < 5 else 0)
    elif pub.weekday() < 5 or g[0] == "last":
        saturday -= dt.timedelta(days=7)  # the weekend just past
    return f"{_day(saturday)}/{_day(saturday + dt.timedelta(days=1))}", "a weekend: kept as its two days"


def _count(word: str) -> int:
    return NUMBERS.get(word) if not word.isdigit() else int(word)


def _within(g, pub, future, past):
    n = _count(g[0])
    days = {"day": 1, "week": 7}.get(g[1])
    if days:
        return f"{_day(pub)}/{_day(pub + dt.timedelta(days=n * days))}", f"within {n} {g[1]}(s) of publication"
    y, m = _shift_month(pub.year, pub.month, n)
    return f"{_month(pub.year, pub.month)}/{_month(y, m)}", f"within {n} month(s) of publication"


def _season(g, pub, future, past):
    lo_m, hi_m = SEASONS[g[0]]
    if lo_m > hi_m:  # winter, December to February: the current one, else the last (or the coming)
        year = pub.year if pub.month == 12 else pub.year - 1 if pub.month <= hi_m or not future else pub.year
        return f"{_month(year, lo_m)}/{_month(year + 1, hi_m)}", f"the {g[0]} as months, placed by tense"
    if future:
        year = pub.year if pub.month <= hi_m else pub.year + 1
    else:
        year = pub.year if pub.month >= lo_m else pub.year - 1
    return f"{_month(year, lo_m)}/{_month(year, hi_m)}", f"the {g[0]} as months, placed by tense"


def _one_day_off(kind: str):
    def resolver(g, pub, future, past):
        d = pub + dt.timedelta(days=1 if kind == "tomorrow" else -1)
        how = f"{kind}: publication {pub.isoformat()} {'+' if kind == 'tomorrow' else '-'} 1 day"
        if g[0] and WEEKDAYS[g[0]] != d.weekday():
            how += f" (the text says {g[0].capitalize()}, which that day is not: check)"
        return _day(d), how

    return resolver


def _today(g, pub, future, past):
    return _day(pub), "the publication day"


def _ago(g, pub, future, past):
    n, unit = _count(g[0]), g[1]
    if unit == "day":
        return _day(pub - dt.timedelta(days=n)), f"{n} day(s) before publication"
    if unit == "week":
        return _day(pub - dt.timedelta(weeks=n)) + "~", f"{n} week(s) before publication: approximate"
    if unit == "month":
        y, m = _shift_month(pub.year, pub.month, -n)
        return _month(y, m) + "~", f"{n} month(s) before publication: the month, approximate"
    return str(pub.year - n) + "~", f"{n} year(s) before publication: the year, approximate"


def _weekday_date(which, target: int, pub, future) -> dt.date:
    ahead, behind = (target - pub.weekday()) % 7, (pub.weekday() - target) % 7
    if which == "last":
        return pub - dt.timedelta(days=behind or 7)
    if which == "next":  # the weekday of next week ("next Tuesday" on a Monday: eight days on)
        return pub - dt.timedelta(days=pub.weekday()) + dt.timedelta(days=7 + target)
    if which == "coming":
        return pub + dt.timedelta(days=ahead or 7)
    if which == "this" or future:
        return pub + dt.timedelta(days=ahead)
    return pub - dt.timedelta(days=behind)


def _last_next_day(g, pub, future, past):
    d = _weekday_date(g[0], WEEKDAYS[g[1]], pub, future)
    return _day(d), "the weekday " + ("after" if d > pub else "on or before") + " publication"


def _weekday(g, pub, future, past):
    d = _weekday_date(None, WEEKDAYS[g[0]], pub, future)
    how = "the weekday " + ("after" if d > pub else "on or before") + " publication"
    return _day(d), how + (" (the sentence speaks of the future)" if future else "")


def _period(g, pub, future, past):
    which, unit = g
    by = {"last": -1, "next": 1}.get(which, 0)
    if unit == "month":
        y, m = _shift_month(pub.year, pub.month, by)
        return _month(y, m), "a month: kept as the month"
    if unit == "year":
        return str(pub.year + by), "a year: kept as the year"
    monday = pub - dt.timedelta(days=pub.weekday()) + dt.timedelta(days=7 * by)
    lo, hi = monday, monday + dt.timedelta(days=6)
    lo, hi = (lo, pub) if which == "earlier" else (pub, hi) if which == "later" else (lo, hi)
    return f"{_day(lo)}/{_day(hi)}", "a week: kept as its days"


ABSOLUTE = {
    "iso": _iso,
    "month_day_year": _month_day_year,
    "day_month_year": _day_month_year,
    "season_year": _season_year,
    "month_year": _month_year,
    "in_year": _in_year,
    "year_of_event": _in_year,
    "open_ago": _open_ago,
}
RELATIVE = {
    "part_month": _part_month,
    "month_day": _month_day,
    "day_of_month": _day_of_month,
    "day_month": _day_month,
    "last_month_name": _last_month_name,
    "this_season": _this_season,
    "week_of_month": _week_of_month,
    "month_end": _month_end,
    "in_month": _in_month,
    "weekend": _weekend,
    "within": _within,
    "season": _season,
    "tomorrow": _one_day_off("tomorrow"),
    "yesterday": _one_day_off("yesterday"),
    "today": _today,
    "ago": _ago,
    "last_next_day": _last_next_day,
    "weekday": _weekday,
    "this_period": _period,
    "period": _period,
}


def _normalised(groups: tuple) -> list:
    g = [x.lower() if isinstance(x, str) else x for x in groups]
    g = [_month_number(x) if isinstance(x, str) and x.rstrip(".") in ABBREVIATIONS else x for x in g]
    return [x if not isinstance(x, str) or x not in MONTHS else MONTHS[x] for x in g]


def resolve(kind: str, groups: tuple, pub: dt.date | None, future: bool, past: bool = True) -> tuple[str | None, str]:
    """The EDTF date of one matched expression, and how it was found."""
    g = _normalised(groups)
    if kind == "part_month" and g[2]:
        return _part_month(g, pub, future, past)  # a year written: absolute
    if kind in ABSOLUTE:
        return ABSOLUTE[kind](g, pub, future, past)
    if pub is None:
        return None, "relative to the publication date, which was not given"
    if kind in RELATIVE:
        return RELATIVE[kind](g, pub, future, past)
    return None, "not understood"


def _free(taken: list, m) -> bool:
    return not any(m.start() < e and s < m.end() for s, e in taken)


def _matched(text: str, published: dt.date | None) -> list[DateMention]:
    """Every expression the patterns find (anchored ones first, then in PATTERNS order: where two overlap
    the earlier, more specific one wins), resolved against the publication date."""
    taken, found = [], []
    for name, m in anchors.matches(text):  # "a day later": from the event before, resolved by anchors
        if _free(taken, m):
            taken.append((m.start(), m.end()))
            found.append(DateMention(m.start(), m.end(), m.group(0), None, f"anchored:{name}"))
    for kind, pattern in COMPILED:
        for m in (m for m in pattern.finditer(text) if _free(taken, m)):
            future, past = future_clause(text, m.start(), m.end()), _past(text, m.start(), m.end())
            edtf, how = resolve(kind, m.groups(), published, future, past)
            taken.append((m.start(), m.end()))
            found.append(DateMention(m.start(), m.end(), m.group(0), edtf, how))
    return sorted(found, key=lambda d: d.start)


def _within_from_the_day_before(text: str, found: list[DateMention]) -> list[DateMention]:
    """ "said on Thursday … to answer within ten days": counted from the day named before it in its
    sentence, not from publication."""
    out = []
    for d in found:
        base = [b for b in out if b.resolved and len(b.edtf) == 10 and "/" not in b.edtf]
        base = [b for b in base if "." not in text[b.end : d.start] and "\n" not in text[b.end : d.start]]
        if d.how.startswith("within ") and base:
            m = COMPILED_BY_NAME["within"].match(text, d.start)
            edtf, how = resolve("within", m.groups(), dt.date.fromisoformat(base[-1].edtf), False)
            d = DateMention(d.start, d.end, d.text, edtf, how.replace("publication", f"“{base[-1].text}”"))
        out.append(d)
    return out


_NO_YEAR = ("a month without a year", "no year: the last one")
_YEAR_GIVEN = ("a year: kept as the year", "a month: kept as the month", "as written")


def _year_given(d: DateMention) -> bool:
    """A date whose year the words give outright ("in 2024", "March 2023"; not "since 2017")."""
    given = d.resolved and d.how.startswith(_YEAR_GIVEN) and re.match(r"\d{4}", d.edtf)
    return bool(given) and not d.text.lower().startswith("since")


def year_told_before(text: str, found: list[DateMention]) -> list[DateMention]:
    """ "The camp saw similar fighting in 2024, when a raid left 11 dead in April": a month (or a day of
    one) with no year, told in the past after a year given outright in its own sentence (not "since 2017"),
    is of that year, not placed from publication."""
    out = []
    for d in found:
        lo = max(text.rfind(". ", 0, d.start), text.rfind("\n", 0, d.start)) + 1
        years = [b.edtf[:4] for b in out if b.start >= lo and _year_given(b)]
        if (
            years
            and d.resolved
            and d.how.startswith(_NO_YEAR)
            and d.edtf[5:] != "02-29"
            and not future_clause(text, d.start, d.end)
        ):
            d = DateMention(d.start, d.end, d.text, years[-1] + d.edtf[4:], f"the year told before it ({years[-1]})")
        out.append(d)
    return out


def find_dates(text: str, published: dt.date | None) -> list[DateMention]:
    """Every date expression of the text, left to right, each resolved (or marked unresolved)."""
    found = year_told_before(text, _within_from_the_day_before(text, _matched(text, published)))
    return anchors.anchor(found, text)
