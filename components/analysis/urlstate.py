"""The URL is the API: filter state <-> query parameters, never trusting a value from the URL.

The parameters are the filter records' (filters.FILTERS), read and written by their kind
(kinds.KINDS), plus `event` (the selected event). Unknown names or values are dropped and reported as notices; nothing
here raises on input.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlencode

from components.analysis.filters import FILTERS, Filters
from components.analysis.kinds import KINDS, MAX_Q, clip, first
from components.data.model import Dataset

__all__ = ["MAX_Q", "parse", "to_params", "to_query_string"]

# Parameters of the app itself: Streamlit's own, and the selected event. The views' and the page's own
# parameters (the open tab, a version, a story, the Compare tab's choices…) are declared by them
# (ui/views.PAGE_PARAMS) and passed in: the URL's other names are kept, not read, here.
APP = ("event", "embed", "embed_options")
FILTER_PARAMS = frozenset(p for f in FILTERS.values() for p in f.params)


def parse(params: Mapping[str, list[str]], ds: Dataset, page: tuple[str, ...] = ()) -> tuple[Filters, list[str]]:
    """Filters from query parameters (name -> list of values) plus notices naming what was ignored; `page`:
    the page's own parameter names (known, left to their owners)."""
    notices: list[str] = []
    values = {key: KINDS[flt.kind].parse(flt, params, ds, notices) for key, flt in FILTERS.items()}
    event = first(params, "event") or None
    if event is not None and ds.position_of(event) is None:
        replaced_by = ds.replacement(event)
        if replaced_by:  # a link made before a merge keeps working
            notices.append(f"Event {clip(event)!r} was merged into {clip(replaced_by)!r}: showing that one")
        else:
            notices.append(f"Ignored unknown event {clip(event)!r}")
        event = replaced_by
    unknown = sorted(set(params) - FILTER_PARAMS - set(APP) - set(page))
    if unknown:
        notices.append("Ignored unknown parameter(s): " + ", ".join(repr(clip(u)) for u in unknown[:10]))
    return Filters(event=event, **values), notices


def to_params(f: Filters) -> dict[str, list[str]]:
    """Query parameters for a filter state; defaults are left out so links stay short."""
    params: dict[str, list[str]] = {}
    for flt, value in f.active():
        params |= KINDS[flt.kind].to_params(flt, value)
    if f.event:
        params["event"] = [f.event]
    return params


def to_query_string(f: Filters) -> str:
    return urlencode(to_params(f), doseq=True)
