"""The filters, one record each: read by the query (predicates), the URL state (parameters) and the
sidebar (widgets). Adding a filter is adding one record to FILTERS, and its test.

A record holds everything about one filter: its key in a filter state, its URL parameter(s), its kind,
the values it may take, its help text and its predicates over events and quotes (in memory, and as an Ibis
expression for the engines). The kind (analysis/kinds.KINDS) owns the value's type, default, canonical form
and URL form; its widget is ui/filters.WIDGETS[kind].
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow.compute as pc

from components.analysis.kinds import KINDS, MAX_Q
from components.data.families import FAMILIES
from components.data.model import Dataset
from components.data.schema import CREDIBILITY, CREDIBILITY_WORDS, RELIABILITY, RELIABILITY_WORDS, STATUSES
from components.data.vector import isin, strings


@dataclass(frozen=True)
class Filter:
    key: str  # its name in a filter state: Filters(key=value)
    label: str
    kind: str  # one of KINDS
    params: tuple[str, ...]  # URL parameter(s): one, or (from, to) for dates
    events: Callable[[Dataset, Any], np.ndarray]  # boolean mask over ds.events for a value
    # Boolean mask over ds.quotes; None: a quote passes when its event does (a quote with no event passes).
    quotes: Callable[[Dataset, Any], np.ndarray] | None = None
    options: Callable[[Dataset, Mapping[str, Any]], list[str]] | None = None  # choices, given other values
    label_of: Callable[[Dataset], Callable[[str], str]] | None = None  # how a choice is shown
    colour_of: Callable[[Dataset], Mapping[str, str]] | None = None  # chosen values drawn in colour
    pills: bool = False  # few choices: pills, all shown selected when none restricts
    shown_when: Callable[[Dataset], bool] | None = None  # drawn only for data that has what it filters
    # The same filter for an analytical engine (components/engines): (tables, value) -> an Ibis boolean
    # expression over the ingested events; None: not yet runnable on an engine.
    sql: Callable[[Any, Any], Any] | None = None
    help: str = ""
    placeholder: str = ""

    @property
    def default(self):
        return KINDS[self.kind].default


def _positions(n: int, pos: np.ndarray) -> np.ndarray:
    mask = np.zeros(n, dtype=bool)
    mask[pos] = True
    return mask


def search_terms(q: str) -> list[str]:
    return [t for t in q.lower().split() if t]


def _contains_all(haystack, terms: list[str]) -> np.ndarray:
    arr = strings(haystack)
    mask = np.ones(len(haystack), dtype=bool)
    for term in terms:
        mask &= pc.match_substring(arr, term).fill_null(False).to_numpy(zero_copy_only=False)
    return mask


def _chosen(column, values) -> np.ndarray:
    """Rows of a categorical pair column holding one of the values: the categories are looked up, then
    each row's code (not two million strings)."""
    return np.asarray(column.cat.categories.isin(list(values)))[column.cat.codes.to_numpy()]


def _in_factions(ds: Dataset, factions) -> np.ndarray:
    ef = ds.event_factions
    return _positions(len(ds.events), ef["event_pos"].to_numpy()[_chosen(ef["faction_id"], factions)])


def _on_side(ds: Dataset, side: int, factions) -> np.ndarray:
    """Events with a chosen faction on a side (0: side A, the initiator or the first side; 1: side B)."""
    pos, lane, sides = ds.side_pairs()
    wanted = np.asarray(ds.factions["faction_id"].isin(list(factions)))
    keep = (sides == side) & wanted[lane] if len(lane) else np.zeros(0, dtype=bool)
    return _positions(len(ds.events), pos[keep])


SIDE_HELP = (
    "Side A is who acted where the source says so (GDELT's Actor1, CAMEO's source, ACLED's perpetrators of "
    "civilian targeting); otherwise the first side the source lists (ACLED's actor1 and assoc_actor_1, whose "
    "order does not say who attacked). Side B is the target, or the other side. Events without sides never match."
)


def _side_filter(key: str, label: str, param: str, side: int, what: str) -> Filter:
    return Filter(
        key,
        label,
        "choices",
        (param,),
        events=lambda ds, v: _on_side(ds, side, v),
        sql=lambda t, v: t.on_side(side, v),
        options=lambda ds, chosen: list(ds.factions["faction_id"]),
        label_of=lambda ds: lambda faction_id: ds.faction_name.get(faction_id, faction_id),
        shown_when=lambda ds: ds.has_sides,
        help=f"Events in which a chosen faction is {what}. " + SIDE_HELP,
        placeholder="Any",
    )


def _with_actors(ds: Dataset, actors) -> np.ndarray:
    ea = ds.event_actors
    return _positions(len(ds.events), ea["event_pos"].to_numpy()[_chosen(ea["actor_id"], actors)])


def _overlaps(frame, dates) -> np.ndarray:
    """Rows whose [start, end] overlaps the range (a month-precision row overlaps every day of its month)."""
    lo, hi = dates
    mask = np.ones(len(frame), dtype=bool)
    if lo:
        mask &= frame["end"].to_numpy() >= np.datetime64(lo)
    if hi:
        mask &= frame["start"].to_numpy() <= np.datetime64(hi)
    return mask


def _column_filter(key: str, label: str, param: str, column: str, help: str) -> Filter:
    """A filter on the values of one optional event column (ACLED's admin1, sub-event type, location)."""
    return Filter(
        key,
        label,
        "choices",
        (param,),
        events=lambda ds, v: (
            isin(ds.events[column].astype("str").str.strip(), v)
            if column in ds.events.columns
            else np.zeros(len(ds.events), dtype=bool)
        ),
        options=lambda ds, chosen: ds.distinct_values(column),
        shown_when=lambda ds: len(ds.distinct_values(column)) > 1,
        sql=lambda t, v: t.column_in(column, v),
        help=help,
        placeholder=f"All {label.lower()}",
    )


GRADES = (*RELIABILITY, *CREDIBILITY)  # bit i of an event's grades (reports.py)


def _graded(ds: Dataset, chosen) -> np.ndarray:
    """Events with a report from an outlet of a chosen reliability, or of a chosen credibility (each kind
    chosen must match)."""
    if "grades" not in ds.events.columns:
        return np.zeros(len(ds.events), dtype=bool)
    bits = ds.events["grades"].to_numpy()
    mask = np.ones(len(ds.events), dtype=bool)
    for kind in (RELIABILITY, CREDIBILITY):
        wanted = sum(1 << GRADES.index(g) for g in chosen if g in kind)
        if wanted:
            mask &= (bits & wanted) != 0
    return mask


def _graded_quotes(ds: Dataset, chosen) -> np.ndarray:
    q = ds.quotes
    mask = np.ones(len(q), dtype=bool)
    letters = [g for g in chosen if g in RELIABILITY]
    digits = [g for g in chosen if g in CREDIBILITY]
    if letters:
        mask &= isin(q["reported_by"].map(ds.reliability).astype("str"), letters)
    if digits:
        mask &= isin(q["credibility"].astype("str").str.strip(), digits) if "credibility" in q else False
    return mask


def _present_grades(ds: Dataset) -> list[str]:
    """The grades some report of the data carries (computed once)."""

    seen = ds.grades_seen()
    return [g for i, g in enumerate(GRADES) if seen & (1 << i)]


def _grade_label(grade: str) -> str:
    return f"{grade}: {RELIABILITY_WORDS.get(grade) or CREDIBILITY_WORDS.get(grade, '')}"


def search_plan(names, q: str) -> list[tuple[list[str], str | None]]:
    """What a search asks, as clauses that must all hold: (words that must all occur in the text, or else
    an actor id whose rows also match). Words that name a known actor in another spelling (names.fold)
    form a clause with that actor; the other words, one clause with none. The one definition of search,
    evaluated by the in-memory model (below) and by the engines (engines/sql.Tables.search)."""
    words = [(m.start(), m.end(), m.group(0).lower()) for m in re.finditer(r"\S+", q)]
    mentions = names.find(q, any_case=True) if len(q) <= MAX_Q else []
    clauses, covered = [], set()
    for mention in mentions:
        inside = [(s, e) for s, e, _ in words if s >= mention.start and e <= mention.end]
        covered |= set(inside)
        clauses.append(([w for s, e, w in words if (s, e) in inside], mention.actor_id))
    return [*clauses, ([w for s, e, w in words if (s, e) not in covered], None)]


def _search(ds: Dataset, q: str, haystack, with_actor) -> np.ndarray:
    from components.data.names import name_index  # noqa: PLC0415 (built once per dataset, on first search)

    mask = np.ones(len(haystack), dtype=bool)
    for words, actor in search_plan(name_index(ds), q):
        mask &= _contains_all(haystack, words) | (with_actor([actor]) if actor else False)
    return mask


FILTERS: dict[str, Filter] = {
    flt.key: flt
    for flt in (
        Filter(
            "factions",
            "Factions",
            "choices",
            ("faction",),
            events=_in_factions,
            sql=lambda t, v: t.in_factions(v),
            quotes=lambda ds, v: ds.quotes_by(ds.actors_in_factions(v)),
            options=lambda ds, chosen: list(ds.factions["faction_id"]),
            label_of=lambda ds: lambda faction_id: ds.faction_name.get(faction_id, faction_id),
            colour_of=lambda ds: ds.faction_colour,
            help="An event matches when any of its actors belongs to a chosen faction; a quote matches when its "
            "speaker does.",
            placeholder="All factions",
        ),
        Filter(
            "together",
            "Factions together",
            "choices",
            ("with",),
            events=lambda ds, v: np.logical_and.reduce([_in_factions(ds, [f]) for f in v]),
            sql=lambda t, v: t.together(v),
            options=lambda ds, chosen: list(ds.factions["faction_id"]),
            label_of=lambda ds: lambda faction_id: ds.faction_name.get(faction_id, faction_id),
            help="Events in which every chosen faction takes part (a cell of *Who meets whom* sets it).",
            placeholder="Any",
        ),
        _side_filter("initiators", "As initiator (side A)", "initiator", 0, "on side A: the initiator"),
        _side_filter("targets", "As target (side B)", "target", 1, "on side B: the target, or the other side"),
        Filter(
            "actors",
            "Actors",
            "choices",
            ("actor",),
            events=_with_actors,
            sql=lambda t, v: t.with_actors(v),
            quotes=lambda ds, v: ds.quotes_by(v),
            options=lambda ds, chosen: ds.actors_in_factions(chosen.get("factions", ())),
            label_of=lambda ds: ds.actor_name,
            help="Narrowed to the chosen factions.",
            placeholder="All actors",
        ),
        Filter(
            "dates",
            "Date range",
            "dates",
            ("from", "to"),
            events=lambda ds, v: _overlaps(ds.events, v),
            sql=lambda t, v: t.overlaps(v),
            quotes=lambda ds, v: _overlaps(ds.quotes, v),
            help="Events whose dates overlap this range (a month-precision event overlaps every day of its month).",
        ),
        Filter(
            "types",
            "Event type",
            "choices",
            ("type",),
            events=lambda ds, v: ds.events["event_type"].isin(v).to_numpy(),
            sql=lambda t, v: t.column_in("event_type", v),
            options=lambda ds, chosen: list(ds.event_types["event_type"]),
            label_of=lambda ds: lambda t: ds.type_label.get(t, t),
            placeholder="All types",
        ),
        Filter(
            "families",
            "What happened",
            "choices",
            ("what",),
            events=lambda ds, v: ds.events["event_type"].astype(str).map(ds.type_family).isin(v).to_numpy(),
            sql=lambda t, v: t.column_in("event_type", [k for k, f in t.type_family.items() if f in v]),
            options=lambda ds, chosen: [f for f in FAMILIES if f in set(ds.type_family.values())],
            label_of=lambda ds: lambda f: f.capitalize(),
            shown_when=lambda ds: len(set(ds.type_family.values())) > 1,
            pills=True,
            help="The kind of event (its type's family): talks & cooperation (CAMEO 01–08), pressure & strategy "
            "(CAMEO 09–13, 15–17; ACLED's strategic developments), protest, violence (CAMEO 18–20; ACLED's "
            "battles, explosions, violence against civilians). Who meets whom counts only the families chosen: "
            "cooperation apart from conflict.",
        ),
        Filter(
            "statuses",
            "Status",
            "choices",
            ("status",),
            events=lambda ds, v: ds.events["status"].isin(v).to_numpy(),
            sql=lambda t, v: t.column_in("status", v),
            options=lambda ds, chosen: list(STATUSES),
            label_of=lambda ds: lambda s: s.capitalize(),
            pills=True,
            help="Planned events were announced for a later date at the time of the report.",
        ),
        Filter(
            "min_sources",
            "Corroboration",
            "minimum",
            ("min_sources",),
            events=lambda ds, v: ds.events["n_sources"].to_numpy() >= v,
            sql=lambda t, v: t.events.n_sources >= v,
            options=lambda ds, chosen: ["2", "3", "4", "5"],
            label_of=lambda ds: lambda n: f"At least {n} independent sources",
            shown_when=lambda ds: ds.has_reports,
            help="Events reported by at least this many first publishers (an agency's account relayed by other "
            "outlets counts once).",
            placeholder="Any number of sources",
        ),
        Filter(
            "grades",
            "Source grades",
            "choices",
            ("grade",),
            events=_graded,
            sql=lambda t, v: t.graded(
                [sum(1 << GRADES.index(g) for g in v if g in kind) for kind in (RELIABILITY, CREDIBILITY)]
            ),
            quotes=lambda ds, v: _graded_quotes(ds, v),
            options=lambda ds, chosen: _present_grades(ds),
            label_of=lambda ds: _grade_label,
            shown_when=lambda ds: ds.graded,
            help="Admiralty scale: A–F the outlet's reliability, 1–6 the account's credibility. An event matches "
            "when one of its reports has a chosen grade of each kind chosen.",
            placeholder="Any grade",
        ),
        _column_filter(
            "regions",
            "Regions",
            "region",
            "admin1",
            "The largest region within the country (ACLED's admin1: governorate, province).",
        ),
        _column_filter(
            "districts", "Districts", "district", "admin2", "The second-level region (ACLED's admin2: district)."
        ),
        _column_filter("subtypes", "Sub-event types", "subtype", "sub_event_type", "ACLED's sub-event type."),
        Filter(
            "min_fatalities",
            "Fatalities",
            "minimum",
            ("min_fatalities",),
            events=lambda ds, v: np.nan_to_num(ds.number("fatalities"), nan=-1) >= v,
            sql=lambda t, v: (t.events.fatalities >= v) if "fatalities" in t.columns else t.ibis.literal(False),
            options=lambda ds, chosen: ["1", "5", "10", "25", "50"],
            label_of=lambda ds: lambda n: f"At least {n} reported",
            shown_when=lambda ds: ds.has_measure("fatalities"),
            help="Events with at least this many reported fatalities (blank counts as none reported).",
            placeholder="Any number of fatalities",
        ),
        Filter(
            "civilians",
            "Civilian targeting",
            "choices",
            ("civilians",),
            events=lambda ds, v: (
                isin(ds.events["civilian_targeting"].astype("str").str.strip(), v)
                if "civilian_targeting" in ds.events.columns
                else np.zeros(len(ds.events), dtype=bool)
            ),
            sql=lambda t, v: t.column_in("civilian_targeting", v),
            options=lambda ds, chosen: ds.distinct_values("civilian_targeting"),
            shown_when=lambda ds: bool(ds.distinct_values("civilian_targeting")),
            pills=False,
            help="ACLED's civilian targeting: events in which civilians were the target.",
            placeholder="Any target",
        ),
        _column_filter(
            "scales", "Source scale", "scale", "source_scale", "ACLED's source scale (local, national, international…)."
        ),
        _column_filter(
            "places", "Places", "place", "location", "The event's place as recorded; a click on the map chooses one."
        ),
        Filter(
            "q",
            "Search",
            "text",
            ("q",),
            events=lambda ds, v: _search(ds, v, ds.event_search, lambda ids: _with_actors(ds, ids)),
            sql=lambda t, v: t.search(v),
            quotes=lambda ds, v: _search(ds, v, ds.quote_search, ds.quotes_by),
            help="Every word must occur in the event's title, summary, evidence, place, note, actors or quotes "
            "(or, for quotes, in the words, the speaker or the event's title). An actor's name matches in any "
            "common spelling (Mousa Abu Marzook finds Musa Abu Marzouk).",
            placeholder="titles, evidence, actors, quotes",
        ),
    )
}
assert all(f.kind in KINDS for f in FILTERS.values())


class Filters:
    """A filter state: a value per filter key (defaults are left out), and the selected event, which
    does not narrow the selection. Immutable and hashable (selections are cached by it).

        Filters(factions=("hamas",), dates=(dt.date(2024, 1, 1), None), q="moscow", event="ev-…")
    """

    __slots__ = ("_values", "event")

    def __init__(self, event: str | None = None, **values):
        unknown = set(values) - set(FILTERS)
        if unknown:
            raise TypeError(f"unknown filter(s): {', '.join(sorted(unknown))}")
        kept = tuple(
            (k, v)
            for k, v in ((k, _normal(FILTERS[k], values[k])) for k in FILTERS if k in values)
            if v != FILTERS[k].default
        )
        object.__setattr__(self, "_values", kept)
        object.__setattr__(self, "event", event)

    def __getattr__(self, key: str):
        if key in FILTERS:
            return dict(self._values).get(key, FILTERS[key].default)
        raise AttributeError(key)

    def __setattr__(self, name, value):
        raise AttributeError("Filters is immutable: use replace()")

    def __eq__(self, other) -> bool:
        return isinstance(other, Filters) and (self._values, self.event) == (other._values, other.event)

    def __hash__(self) -> int:
        return hash((self._values, self.event))

    def __repr__(self) -> str:
        parts = [f"{k}={v!r}" for k, v in self._values] + ([f"event={self.event!r}"] if self.event else [])
        return f"Filters({', '.join(parts)})"

    def values(self) -> dict[str, Any]:
        """Every filter's value, defaults included."""
        return {k: getattr(self, k) for k in FILTERS}

    def active(self) -> list[tuple[Filter, Any]]:
        """The filters that restrict, with their values."""
        return [(FILTERS[k], v) for k, v in self._values]

    def replace(self, **changes) -> Filters:
        event = changes.pop("event", self.event)
        return Filters(event=event, **{**dict(self._values), **changes})

    def without_event(self) -> Filters:
        return self.replace(event=None)


def _normal(flt: Filter, value):
    """A value in its kind's canonical form (tuples, de-duplicated in order), so equal states are equal."""
    return KINDS[flt.kind].normal(value)
