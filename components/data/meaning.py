"""Checks of meaning: rows that are well-formed but say something unlikely. They are warnings, not errors —
the data loads, and `factionline validate` and the app list them for a person to look at:

- an *occurred* event dated after its article was published (a report cannot precede what it reports);
- a *planned* event dated wholly before its article was published (by then it was no longer ahead);
- a quote said after its article was published;
- a likely duplicate: an event on the same dates as an earlier row, sharing an actor, with a similar title
  (data/similarity.py),
  unless the two cite different passages of one article, or two records of a dataset (an import); compared where
  at most MAX_GROUP events share those dates (beyond, an import's template titles);
- a speaker not named (name or alias) near the quoted passage in the article (checked for up to
  SPEAKER_CHECK_UP_TO quotes: each is a text search).

Dates compare bounds: an event "after publication" begins after the last day the publication date can
mean; "before" ends before its first day.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow.compute as pc

from components.data.dates import ParsedColumn
from components.data.loader import RawData
from components.data.problems import Problem
from components.data.schema import split_list
from components.data.similarity import content_words, similar_titles, title_similarity
from components.data.textmatch import ArticleTexts
from components.data.vector import isin, position_in, split_lists

NEAR = 600  # characters either side of a quoted passage in which the speaker should be named
SPEAKER_CHECK_UP_TO = 20_000  # quotes
LISTED = 500  # warnings of one kind listed row by row; beyond, one line counts the rest
MAX_GROUP = 50  # events on the same dates beyond which titles are not compared (see _duplicates)


def warnings(raw: RawData, dates: dict[tuple[str, str], ParsedColumn]) -> list[Problem]:
    """Every check of meaning, in file and row order."""
    found: list[Problem] = []
    published = _published(raw, dates)
    if published is not None:
        found += _against_publication(raw, dates, published)
    found += _duplicates(raw, dates)
    found += _speakers(raw)
    return sorted(found, key=lambda p: (p.file, p.row or 0, p.column or "", p.message))


def _published(raw: RawData, dates) -> pd.DataFrame | None:
    articles = raw.tables.get("articles")
    parsed = dates.get(("articles", "published_on"))
    if articles is None or parsed is None:
        return None
    return pd.DataFrame(
        {"first": parsed.rows("start"), "last": parsed.rows("end"), "label": articles.frame["published_on"].to_numpy()},
        index=pd.Index(articles.frame["article_id"].to_numpy(dtype=object)),
    ).loc[lambda f: ~f.index.duplicated()]


def _against_publication(raw: RawData, dates, published: pd.DataFrame) -> list[Problem]:
    out = []
    for name in ("events", "reports"):  # each report against its own article
        out += _report_dates(raw.tables.get(name), dates.get((name, "date")), published)
    out += _quotes_said(raw, dates, published)
    return out


def _report_dates(events, parsed, published: pd.DataFrame) -> list[Problem]:
    out = []
    if events is not None and parsed is not None and {"status", "article_id"} <= set(events.frame.columns):
        f = events.frame
        at = position_in(f["article_id"], published.index.to_numpy(dtype=object))
        known = at >= 0
        start, end = parsed.rows("start"), parsed.rows("end")
        pub_first = np.where(known, published["first"].to_numpy()[np.maximum(at, 0)], np.datetime64("NaT"))
        pub_last = np.where(known, published["last"].to_numpy()[np.maximum(at, 0)], np.datetime64("NaT"))
        label = published["label"].to_numpy(dtype=object)
        late = known & isin(f["status"], ["occurred"]) & (start > pub_last)
        early = known & isin(f["status"], ["planned"]) & (end < pub_first)
        date, article = f["date"], f["article_id"]
        what = "event" if events.name == "events" else "report"
        out += _more(events.file, f"occurred {what}s dated after their article's publication", late)
        out += _more(events.file, f"planned {what}s dated before their article's publication", early)
        wrong = (
            (
                late,
                "date",
                "occurred",
                "after",
                "If the article announced it, make the status 'planned'; otherwise check the date and the article.",
            ),
            (
                early,
                "status",
                "planned",
                "before",
                "By publication it was no longer ahead: 'occurred' or 'reported', or check the date.",
            ),
        )
        for flagged, column, status, when, fix in wrong:
            for i in np.flatnonzero(flagged)[:LISTED]:
                out.append(
                    Problem(
                        events.file,
                        events.row(int(i)),
                        column,
                        f"Warning: the {what} is '{status}' but dated {date.iat[i]}, {when} its article "
                        f"{article.iat[i]!r} was published ({label[at[i]]}).",
                        fix,
                    )
                )
    return out


def _quotes_said(raw: RawData, dates, published: pd.DataFrame) -> list[Problem]:
    out = []
    quotes, said = raw.tables.get("quotes"), dates.get(("quotes", "said_on"))
    if quotes is not None and said is not None:
        f = quotes.frame
        at = position_in(f["article_id"], published.index.to_numpy(dtype=object))
        start = said.rows("start")
        pub_last = np.where(at >= 0, published["last"].to_numpy()[np.maximum(at, 0)], np.datetime64("NaT"))
        after = (at >= 0) & (start > pub_last)
        out += _more(quotes.file, "quotes said after their article's publication", after)
        for i in np.flatnonzero(after)[:LISTED]:
            out.append(
                Problem(
                    quotes.file,
                    quotes.row(int(i)),
                    "said_on",
                    f"Warning: said on {f['said_on'].iat[i]}, after its article {f['article_id'].iat[i]!r} was "
                    f"published ({published['label'].iat[at[i]]}).",
                    "Check said_on (blank: the date of its event) and the article.",
                )
            )
    return out


def of_the_model(ds) -> list[Problem]:
    """Checks that need the built model: reports that contradict each other on an event's date, and a
    superseded id that is still an event."""
    out = []
    conflict = np.flatnonzero(ds.events["date_conflict"].to_numpy()) if "date_conflict" in ds.events else []
    for pos in conflict[:LISTED]:
        told = ds.reports_of(int(pos))
        dates = "; ".join(f"{d} ({r})" for d, r in zip(told["date"], told["report_id"]))
        out.append(
            Problem(
                "reports.csv",
                None,
                "date",
                f"Warning: the reports of {ds.events['event_id'].iat[pos]!r} disagree on its date: {dates}. The latest "
                "report's date is shown.",
                "Check the reports' dates against their articles; a report of another event belongs to that event.",
            )
        )
    if ds.superseded is not None:
        for i, old in enumerate(ds.superseded["event_id"]):
            if ds.position_of(old) is not None:
                out.append(
                    Problem(
                        "superseded.csv",
                        i + 2,
                        "event_id",
                        f"Warning: {old!r} is superseded but still an event in events.csv.",
                        "Remove the old event's row (its link opens the one that replaces it) or this row.",
                    )
                )
    if ds.stories is not None:
        odd = ds.stories[ds.stories["step_no"].isna() | ds.stories.duplicated(["story_id", "step_no"], keep=False)]
        for step_id, step in zip(odd["step_id"], odd["step"]):
            out.append(
                Problem(
                    "stories.csv",
                    None,
                    "step",
                    f"Warning: step {step!r} of {step_id!r} is not a whole number, or repeats another step of its "
                    "story: the order is unclear.",
                    "Number each story's steps 1, 2, 3 …",
                )
            )
    return out


def _more(file: str, what: str, flagged: np.ndarray) -> list[Problem]:
    """One line counting the warnings of a kind beyond the LISTED shown row by row."""
    extra = int(np.count_nonzero(flagged)) - LISTED
    if extra <= 0:
        return []
    return [Problem(file, None, None, f"Warning: {extra:,} more {what} (the first {LISTED} are listed).", "")]


def _duplicates(raw: RawData, dates) -> list[Problem]:
    """Rows on the same dates as an earlier row, sharing an actor, with a similar title. Only rows that
    share dates and an actor are compared (a dict per group), so a big import costs little."""
    events, parsed = raw.tables.get("events"), dates.get(("events", "date"))
    if events is None or parsed is None:
        return []
    f = events.frame
    key = parsed.rows("start").astype("int64") * 1_000_003 + parsed.rows("end").astype("int64")
    order = np.argsort(key, kind="stable")
    sorted_key = key[order]
    first = np.flatnonzero(np.r_[True, sorted_key[1:] != sorted_key[:-1]]) if len(key) else np.array([], int)
    counts = np.diff(np.r_[first, len(key)])
    # Groups of 2 to MAX_GROUP rows: a date with hundreds of events is an import's, whose titles are
    # templates ("Air/drone strike: … in …"), where a similar title says nothing about a copy.
    compared = (counts >= 2) & (counts <= MAX_GROUP)
    candidates = order[np.repeat(compared, counts)]
    first, counts = first[compared], counts[compared]
    # Of those, the rows that share an actor with another row of their group (found in arrays: the Python
    # below reads only these).
    group = np.cumsum(np.r_[True, key[candidates][1:] != key[candidates][:-1]]) if len(candidates) else candidates
    if len(candidates):
        items, pos = split_lists(f["actor_ids"].take(candidates))
        codes = position_in(items, pc.unique(items))
        pair = group[pos].astype(np.int64) * (int(codes.max()) + 2) + codes
        ordered = np.sort(pair)
        repeated = ordered[np.r_[ordered[1:] == ordered[:-1], False]]
        shares = np.zeros(len(candidates), dtype=bool)
        shares[pos[np.isin(pair, repeated)]] = True
        candidates = candidates[shares]
    if not len(candidates):
        return []
    sharing = np.zeros(len(f), dtype=bool)
    sharing[candidates] = True
    titles = dict(zip(candidates.tolist(), f["title"].take(candidates).tolist()))
    actors = dict(zip(candidates.tolist(), f["actor_ids"].take(candidates).tolist()))
    cited = dict(
        zip(
            candidates.tolist(), zip(f["article_id"].take(candidates).tolist(), f["evidence"].take(candidates).tolist())
        )
    )
    ids = f["event_id"]
    records = _dataset_articles(raw)
    out: list[Problem] = []
    skipped = 0
    for a, n in zip(first, counts):
        seen: dict[str, list[int]] = {}  # actor -> earlier rows of this group naming it
        words: dict[int, set[str]] = {}
        rows = order[a : a + n]
        rows = rows[sharing[rows]]
        if len(rows) < 2:
            continue
        for i in sorted(rows.tolist()):
            mine = split_list(actors[i])
            earlier = dict.fromkeys(j for actor in mine for j in seen.get(actor, ()))
            if earlier:
                words[i] = words.get(i) or content_words(titles[i])
                for j in earlier:
                    if cited[i][1] != cited[j][1] and (
                        cited[i][0] == cited[j][0] or {cited[i][0], cited[j][0]} <= records
                    ):
                        continue  # different passages of one article, or two records of a dataset: not a copy
                    words[j] = words.get(j) or content_words(titles[j])
                    similar = title_similarity(words[i], words[j])
                    if similar_titles(words[i], words[j]):
                        shared = sorted(set(mine) & set(split_list(actors[j])))
                        if len(out) >= LISTED:
                            skipped += 1
                            break
                        out.append(
                            Problem(
                                events.file,
                                events.row(i),
                                "event_id",
                                f"Warning: {ids.iat[i]!r} looks like a duplicate of {ids.iat[j]!r} (row {events.row(j)}): "
                                f"the same dates, the actor(s) {', '.join(shared)}, and {similar:.0%} of the "
                                "title's words.",
                                "If it is the same event, keep one row (a second account belongs in a report of it).",
                            )
                        )
                        break
            for actor in mine:
                seen.setdefault(actor, []).append(i)
    if skipped:
        out.append(
            Problem(
                events.file,
                None,
                None,
                f"Warning: {skipped:,} more likely duplicates (the first {LISTED} are listed).",
                "",
            )
        )
    return out


def _dataset_articles(raw: RawData) -> set[str]:
    """Articles published by a dataset (sources.kind "dataset": an import's records files). Two of its
    records are two events, however alike their template titles."""
    sources, articles = raw.tables.get("sources"), raw.tables.get("articles")
    if sources is None or articles is None or "kind" not in sources.frame.columns:
        return set()
    datasets = set(sources.frame.loc[sources.frame["kind"].astype("str").str.strip() == "dataset", "source_id"])
    a = articles.frame
    return set(a.loc[a["source_id"].isin(list(datasets)), "article_id"])


def _speakers(raw: RawData) -> list[Problem]:
    """A quote's speaker should be named (name, alias or last name) near the passage in the article."""
    quotes, actors = raw.tables.get("quotes"), raw.tables.get("actors")
    if quotes is None or actors is None or len(quotes.frame) > SPEAKER_CHECK_UP_TO:
        return []
    texts: ArticleTexts = raw.article_texts
    names: dict[str, list[str]] = {}
    for a in actors.frame.to_dict(orient="records"):
        options = [a.get("name", ""), *split_list(a.get("aliases", ""))]
        options += [n.split()[-1] for n in options if len(n.split()) > 1]  # "Abbas" for "Mahmoud Abbas"
        names[a["actor_id"]] = [n.lower() for n in options if len(n) > 2]
    out = []
    f = quotes.frame
    flat: dict[str, str] = {}  # article id -> its text, spaces collapsed, lower case (once per article)
    members = {}
    if "members" in actors.frame.columns:
        members = {a: split_list(m) for a, m in zip(actors.frame["actor_id"], actors.frame["members"])}
    for i, (speaker_ids, text, article_id) in enumerate(zip(f["speaker_id"], f["text"], f["article_id"])):
        speakers = split_list(speaker_ids)  # several: a joint statement, each signatory named
        if article_id not in texts or not speakers or any(s not in names for s in speakers):
            continue
        if article_id not in flat:
            flat[article_id] = " ".join(texts[article_id].split()).lower()
        lowered = flat[article_id]
        at = lowered.find(" ".join(str(text).split()).lower()[:80])
        if at < 0:
            continue  # not found verbatim: reported by the verbatim check
        near = lowered[max(0, at - NEAR) : at + len(text) + NEAR]
        # A group is named by its own name or alias, or by any of its members'.
        unnamed = [
            s for s in speakers if not any(n in near for who in [s, *members.get(s, ())] for n in names.get(who, ()))
        ]
        if unnamed:
            out.append(
                Problem(
                    quotes.file,
                    quotes.row(i),
                    "speaker_id",
                    f"Warning: the article does not name {', '.join(map(repr, unnamed))} (or an alias) within "
                    f"{NEAR} characters of the quoted passage.",
                    "Check who said it; add the name the article uses to the actor's aliases.",
                )
            )
    return out
