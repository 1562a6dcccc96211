"""What the sidebar, the URL and the figures need to know about a dataset an engine holds: its small tables
(factions, actors, event types) in memory, and what depends on the events (date span, distinct places)
asked of the engine. It answers the same questions as the in-memory Dataset, so the filter records, their
widgets and the URL state are the same code on every engine."""

from __future__ import annotations

from functools import cached_property

import numpy as np
import pandas as pd

from components.analysis.filters import Filters
from components.data.model import Lookups, _stories
from components.data.schema import split_list


class Catalog(Lookups):
    def __init__(self, engine):
        root = engine.root
        self.engine = engine
        self.root = root
        self.factions = pd.read_parquet(root / "factions.parquet")
        self.actors = pd.read_parquet(root / "actors.parquet")
        self.event_types = pd.read_parquet(root / "event_types.parquet")
        pairs = self.actors[["actor_id", "faction_ids"]].assign(faction_id=self.actors["faction_ids"].map(split_list))
        self.actor_factions = pairs.explode("faction_id").dropna(subset=["faction_id"])[["actor_id", "faction_id"]]
        stories = root / "stories.parquet"
        self.stories = _stories(pd.read_parquet(stories)) if stories.is_file() else None
        self.events = pd.DataFrame()  # no rows here: what depends on them is asked of the engine
        self.warnings = ()
        self._memo: dict = {}

    def memo(self, name, make):
        if name not in self._memo:
            self._memo[name] = make()
        return self._memo[name]

    @cached_property
    def _actor_name(self) -> dict[str, str]:
        return dict(zip(self.actors["actor_id"], self.actors["name"]))

    def actor_name(self, actor_id: str) -> str:
        return self._actor_name.get(actor_id, actor_id)

    @cached_property
    def date_bounds(self) -> tuple:
        lo, hi = self.engine.bounds(Filters())
        if lo is None:
            today = pd.Timestamp.today().date()
            return today, today
        return lo.astype(object), hi.astype(object)

    @cached_property
    def has_reports(self) -> bool:
        return self.engine.max_sources() > 1

    def grades_seen(self) -> int:
        return self.engine.grades_seen()

    @cached_property
    def has_sides(self) -> bool:
        return self.engine.has_sides()

    @property
    def graded(self) -> bool:
        return self.grades_seen() != 0

    @property
    def event_columns(self) -> set[str]:
        return set(self.engine.t.events.columns)

    def has_measure(self, column: str) -> bool:
        return column in self.engine.t.events.columns

    def distinct_values(self, column: str) -> list[str]:
        return self.engine.distinct(column)

    def position_of(self, event_id: str) -> int | None:
        """An event's position when the dataset has it (a link's selected event)."""
        t = self.engine.t
        frame = t.events.filter(t.events.event_id == event_id).select("pos").limit(1).to_pandas()
        return None if frame.empty else int(np.asarray(frame["pos"])[0])

    def replacement(self, event_id: str) -> str | None:
        return None  # superseded events are the in-memory model's (merges of curated data)
