"""When two events may be one: the one definition behind the checks of meaning ("a likely duplicate"),
merging datasets (unsure and confident pairs) and drafting ("may be another report of"). Each caller adds
what it alone knows (a merge: the inputs and the event type; validation: the passages cited), never a
second idea of "similar".

- Their titles are similar when they share at least SHARED_WORDS content words, or SIMILAR_TITLES of them
  (Jaccard): content words are words of three letters or more that are not numbers or STOPWORDS.
- Two reports may tell one event when their dates overlap (or lie within NEAR_DAYS of each other: a report
  that contradicts a date still finds its event) and they share an actor.
"""

from __future__ import annotations

import re

import numpy as np

from components.data.schema import split_list

SIMILAR_TITLES = 0.5  # share of content words (Jaccard) from which two titles count as similar
SHARED_WORDS = 2  # …or this many content words in common
NEAR_DAYS = 7  # dates this close may be one event told twice (one report contradicting another's date)
STOPWORDS = frozenset(
    "the and for with from into over after before about its their his her other was were are has have had "
    "been will would that this than then they them who whom which what when where while".split()
)
_WORD = re.compile(r"\w+")


def content_words(text: str) -> set[str]:
    return {w for w in _WORD.findall(str(text).lower()) if len(w) >= 3 and w not in STOPWORDS and not w.isdigit()}


def title_similarity(a: set[str], b: set[str]) -> float:
    return len(a & b) / max(len(a | b), 1)


def similar_titles(a: set[str], b: set[str]) -> bool:
    """Two titles' content words (content_words) say the same thing."""
    return len(a & b) >= SHARED_WORDS or title_similarity(a, b) >= SIMILAR_TITLES


def near_events(events, lo, hi, actor_ids, limit: int = 5, near_days: int = 0) -> list[str]:
    """Events of a model (start/end columns, actor_ids) whose dates overlap [lo, hi] widened by near_days and
    that share an actor: the closest in time first, then the most actors shared."""
    pad = np.timedelta64(near_days, "D")
    start, end = events["start"].to_numpy(), events["end"].to_numpy()
    near = np.flatnonzero((start <= np.datetime64(hi) + pad) & (end >= np.datetime64(lo) - pad))
    wanted = set(actor_ids)
    found = []
    for i in near:
        shared = len(set(split_list(events["actor_ids"].iat[i])) & wanted)
        if shared:
            gap = max(np.datetime64(lo) - end[i], start[i] - np.datetime64(hi), np.timedelta64(0, "s"))
            found.append((gap, -shared, int(i)))
    return [str(events["event_id"].iat[i]) for _, _, i in sorted(found)[:limit]]
