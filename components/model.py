"""The in-memory model: validated tables plus the derived columns every view needs."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd

from .dates import describe, parse_date
from .loader import RawData, read_directory
from .problems import InvalidData
from .schema import LIST_SEPARATOR, OPTIONAL_COLUMNS
from .textmatch import occurs_in
from .validate import validate

NOTE_FILES = {"curation": "CURATION.md", "licence": "LICENSE.md"}


@dataclass(frozen=True)
class Dataset:
    root: Path
    factions: pd.DataFrame
    actors: pd.DataFrame
    sources: pd.DataFrame
    articles: pd.DataFrame
    event_types: pd.DataFrame
    events: pd.DataFrame  # + start, end, precision, uncertain, approximate, date_label
    quotes: pd.DataFrame  # + verified
    event_actors: pd.DataFrame  # event_id, actor_id (one row per pair)
    actor_factions: pd.DataFrame  # actor_id, faction_id
    event_factions: pd.DataFrame  # event_id, faction_id (an event is in a faction via any actor)
    event_search: pd.Series  # lower-cased text searched for each event (index aligned with events)
    quote_search: pd.Series  # the same for quotes
    article_texts: dict[str, str]
    notes: dict[str, str]  # curation note and licence, Markdown, when the directory has them

    # Small lookups the views use; computed once per loaded dataset.
    @cached_property
    def faction_name(self) -> dict[str, str]:
        return dict(zip(self.factions["faction_id"], self.factions["name"]))

    @cached_property
    def faction_colour(self) -> dict[str, str]:
        return dict(zip(self.factions["faction_id"], self.factions["color"]))

    @cached_property
    def actor(self) -> dict[str, dict]:
        return self.actors.set_index("actor_id").to_dict(orient="index")

    @cached_property
    def factions_of_actor(self) -> dict[str, list[str]]:
        return self.actor_factions.groupby("actor_id")["faction_id"].agg(list).to_dict()

    @cached_property
    def source(self) -> dict[str, dict]:
        return self.sources.set_index("source_id").to_dict(orient="index")

    @cached_property
    def article(self) -> dict[str, dict]:
        return self.articles.set_index("article_id").to_dict(orient="index")

    @cached_property
    def type_label(self) -> dict[str, str]:
        return dict(zip(self.event_types["event_type"], self.event_types["label"]))

    def counts(self) -> dict[str, int]:
        return {"events": len(self.events), "actors": len(self.actors),
                "quotes": len(self.quotes), "factions": len(self.factions)}


def load(root: str | Path) -> Dataset:
    """Load and validate a data directory; raise InvalidData listing every problem."""
    raw, problems = read_directory(root)
    problems += validate(raw)
    if problems:
        raise InvalidData(problems)
    return build(raw)


def _pairs(frame: pd.DataFrame, key: str, column: str, name: str) -> pd.DataFrame:
    parts = frame[column].str.split(LIST_SEPARATOR).explode().str.strip()
    pairs = pd.DataFrame({key: frame[key].reindex(parts.index).to_numpy(), name: parts.to_numpy()})
    return pairs[pairs[name].fillna("") != ""].drop_duplicates().reset_index(drop=True)


def _add_date_columns(frame: pd.DataFrame, dates: pd.Series) -> None:
    """start/end bounds, precision and qualifiers of EDTF strings; blanks stay NaT."""
    parsed = {text: parse_date(text) for text in dates.unique() if text.strip()}
    d = dates.map(parsed)
    frame["start"] = pd.to_datetime(d.map(lambda x: x.start if x == x else None))
    frame["end"] = pd.to_datetime(d.map(lambda x: x.end if x == x else None))
    frame["precision"] = d.map(lambda x: x.precision if x == x else "").astype(str)
    frame["uncertain"] = d.map(lambda x: x.uncertain if x == x else False).astype(bool)
    frame["approximate"] = d.map(lambda x: x.approximate if x == x else False).astype(bool)
    frame["date_label"] = d.map(lambda x: describe(x) if x == x else "").astype(str)


def build(raw: RawData) -> Dataset:
    t = {name: table.frame.copy() for name, table in raw.tables.items()}
    events = t["events"]
    for column in OPTIONAL_COLUMNS["events"]:
        if column not in events.columns:
            events[column] = ""
    _add_date_columns(events, events["date"])

    quotes = t["quotes"]
    event_date = quotes["event_id"].map(events.set_index("event_id")["date"]).fillna("")
    _add_date_columns(quotes, quotes["said_on"].where(quotes["said_on"].str.strip() != "", event_date))
    quotes["verified"] = [occurs_in(text, raw.article_texts.get(a, ""))
                          for text, a in zip(quotes["text"], quotes["article_id"])]

    event_actors = _pairs(events, "event_id", "actor_ids", "actor_id")
    actor_factions = _pairs(t["actors"], "actor_id", "faction_ids", "faction_id")
    actor_names = t["actors"].set_index("actor_id")["name"]
    names_per_event = (event_actors.assign(name=event_actors["actor_id"].map(actor_names))
                       .groupby("event_id")["name"].agg(" ".join))
    quote_text = quotes.assign(speaker=quotes["speaker_id"].map(actor_names).fillna(""))
    quote_search = (quote_text["text"] + " " + quote_text["speaker"] + " "
                    + quote_text["event_id"].map(events.set_index("event_id")["title"]).fillna(""))
    quotes_per_event = (quote_text[quote_text["event_id"] != ""]
                        .assign(s=quote_text["text"] + " " + quote_text["speaker"])
                        .groupby("event_id")["s"].agg(" ".join))
    event_search = (events["title"] + " " + events["summary"] + " "
                    + events["event_id"].map(names_per_event).fillna("") + " "
                    + events["event_id"].map(quotes_per_event).fillna(""))
    event_factions = (event_actors.merge(actor_factions, on="actor_id")[["event_id", "faction_id"]]
                      .drop_duplicates().reset_index(drop=True))
    notes = {}
    for key, file in NOTE_FILES.items():
        path = raw.root / file
        if path.is_file():
            notes[key] = path.read_text(encoding="utf-8", errors="replace")
    return Dataset(
        root=raw.root, factions=t["factions"], actors=t["actors"], sources=t["sources"],
        articles=t["articles"], event_types=t["event_types"], events=events, quotes=quotes,
        event_actors=event_actors, actor_factions=actor_factions, event_factions=event_factions,
        event_search=event_search.str.casefold(), quote_search=quote_search.str.casefold(),
        article_texts=dict(raw.article_texts), notes=notes,
    )
