"""Who said it and who carried it, in words: attribution chains, speakers, source grades, an event's
status history and who acted on whom (its sides). Plain strings (no Markdown), shared by the cards, the details and the exports."""

from __future__ import annotations

import pandas as pd

from components.data import chains
from components.data.model import Dataset
from components.data.schema import CREDIBILITY_WORDS, RELIABILITY_WORDS, split_list


def _day(when) -> str:
    return "" if when is None or pd.isna(when) else f"{pd.Timestamp(when):%-d %b %Y}"


def attribution(ds: Dataset, row: dict) -> str:
    """How a quote or report reached us, as its chain words it ("said at a forum in Moscow · told Northgate
    Agency · via Harbour Post, 2 Mar 2024"). Without a chain: "reported by X · via Y", or "via Y" when the
    outlet we read published it first. The article and its date always close the line."""
    article = ds.article.get(row.get("article_id", ""), {})
    reader = article.get("source_id", "")
    published = _day(ds.published_on(row.get("article_id", ""))) or article.get("published_on", "")
    steps = chains.parse(row.get("chain", ""))
    if steps:
        text = chains.render(
            steps,
            lambda s: ds.outlet_name(s) if s in ds.source else None,
            lambda e: ds.events["title"].iat[p] if (p := ds.position_of(e)) is not None else None,
        )
        last = next((s.target for s in reversed(steps) if s.target in ds.source), "")
        if not any(s.wording == "via" for s in steps) and reader and reader != last:
            text += f" · via {ds.outlet_name(reader)}"
    else:
        first = str(row.get("reported_by", "") or "")
        text = f"via {ds.outlet_name(reader)}" if reader else ""
        if first and first != reader:
            text = f"reported by {ds.outlet_name(first)} · {text}" if text else f"reported by {ds.outlet_name(first)}"
    return f"{text}, {published}" if published and text else text or published


def speaker_names(ds: Dataset, speaker_ids: str) -> str:
    """ "Hamas, Fatah and Palestinian Islamic Jihad" for a joint statement; one name for one speaker."""
    names = [ds.actor_name(a) for a in ds.speakers(speaker_ids)]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1] if names else ""


def group_line(ds: Dataset, speaker_ids: str) -> str:
    """What kind of statement it is: "joint statement of 3" or "group of 3: Hamas, Fatah, …" ("" for one person)."""
    speakers = ds.speakers(speaker_ids)
    if len(speakers) > 1:
        return f"joint statement of {len(speakers)}"
    members = ds.members(speakers[0]) if speakers else []
    if members:
        return f"a group of {len(members)}: " + ", ".join(ds.actor_name(m) for m in members)
    return ""


def grade(ds: Dataset, source_id: str, credibility: str = "") -> tuple[str, str]:
    """The Admiralty grade ("B2") and its words ("usually reliable outlet; probably true"), or ("", "")."""
    letter, digit = ds.reliability(source_id), str(credibility or "").strip()
    if not letter and not digit:
        return "", ""
    words = []
    if letter:
        words.append(f"{ds.outlet_name(source_id)}: {RELIABILITY_WORDS.get(letter, letter)}")
    if digit:
        words.append(f"the account: {CREDIBILITY_WORDS.get(digit, digit)}")
    return f"{letter or '–'}{digit or '–'}", "; ".join(words)


def status_history(ds: Dataset, pos: int) -> str:
    """Each change of status across the event's reports: "planned — Al Jazeera, 28 Feb 2024 → occurred —
    Eastwire, 1 Mar 2024" ("" when it has one report)."""
    told = ds.reports_of(pos)
    if len(told) < 2:
        return ""
    steps, last = [], None
    for r in told.to_dict(orient="records"):
        if r["status"] != last:
            outlet = ds.outlet_name(r.get("first_publisher") or ds.article_outlet(r["article_id"]))
            steps.append(f"{r['status']} — {outlet}, {_day(r.get('published')) or 'undated'}")
            last = r["status"]
    return " → ".join(steps)


def sides_line(ds: Dataset, pos: int) -> str:
    """Who acted on whom, where the event has sides: "Israel → Hamas" when the source says side A acted on side
    B, "Israel ↔ Hamas, PIJ" for two sides it does not direct ("" without sides). Shared by the hovers and the
    details."""
    ev = ds.events
    a, b = (split_list(ev[c].iat[pos]) if c in ev.columns else [] for c in ("side_a", "side_b"))
    if not a and not b:
        return ""
    arrow = " → " if str(ev["direction"].iat[pos]).strip() == "directed" else " ↔ "
    return arrow.join(", ".join(ds.actor_name(x) for x in side) or "—" for side in (a, b))


def sides_note(ds: Dataset, pos: int) -> str:
    """What the sides line means for this event, and the source's own roles (actor_roles) as it words them."""
    ev = ds.events
    directed = str(ev["direction"].iat[pos]).strip() == "directed"
    said = (
        "The source says who acted (side A) on whom (side B)."
        if directed
        else "Two sides; the source does not say who acted (ACLED: the order of actor1 and actor2 says nothing)."
    )
    roles = str(ev["actor_roles"].iat[pos]).strip() if "actor_roles" in ev.columns else ""
    return f"{said} As the source names them: {roles}." if roles else said
