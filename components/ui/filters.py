"""Sidebar filters, kept in sync with the URL both ways: one widget per filter record
(analysis/filters.py), drawn by its kind's widget (WIDGETS)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit

import streamlit as st

from components.analysis import urlstate
from components.analysis.filters import FILTERS, Filter, Filters
from components.analysis.kinds import MAX_Q
from components.data.model import Dataset
from components.data.safetext import text_colour
from components.ui import state

_RUN = threading.local()  # this script run's "link to this view" slot (each run has its own thread)


def key(flt: Filter) -> str:
    return f"w_{flt.key}"


def _seed(ds: Dataset, values: dict) -> None:
    """Put filter values into the widgets (before they are drawn)."""
    for name, value in values.items():
        state.seed(key(FILTERS[name]), WIDGETS[FILTERS[name].kind].seed(ds, FILTERS[name], value))


def reset(ds: Dataset) -> None:
    _seed(ds, Filters().values())
    state.select_event(None)
    state.set_notices([])


def _query_params() -> dict[str, list[str]]:
    return {name: st.query_params.get_all(name) for name in st.query_params.keys()}


def _colour_tags(flt: Filter, colours, chosen: list[str]) -> None:
    """Paint each chosen value's tag in its colour (tags are indexed in selection order)."""
    rules = []
    for i, value in enumerate(chosen):
        colour = colours.get(value, "#7F7F7F")
        tag = f'.st-key-{key(flt)} [data-tag-index="{i}"]'
        ink = text_colour(colour)
        rules.append(
            f"{tag}{{background-color:{colour} !important;color:{ink} !important}}{tag} *{{color:{ink} !important}}"
        )
    if rules:
        st.html(f"<style>{''.join(rules)}</style>")


def _draw_dates(ds, flt: Filter, chosen: dict):
    widget = st.date_input(flt.label, key=key(flt), format="YYYY-MM-DD", help=flt.help or None)
    lo, hi = ds.date_bounds  # the whole span restricts nothing
    widget = widget if isinstance(widget, (tuple, list)) else ()
    start = widget[0] if len(widget) > 0 and widget[0] != lo else None
    end = widget[1] if len(widget) > 1 and widget[1] != hi else None
    return (start, end)


def _draw_minimum(ds, flt: Filter, chosen: dict):
    ss = st.session_state
    options = flt.options(ds, chosen)
    if ss.get(key(flt)) not in (None, *options):  # a link may ask for more than the menu offers
        options = [*options, ss[key(flt)]]
    widget = st.selectbox(
        flt.label,
        options,
        index=None,
        key=key(flt),
        format_func=flt.label_of(ds) if flt.label_of else str,
        placeholder=flt.placeholder,
        help=flt.help or None,
    )
    return int(widget) if widget and str(widget).isdigit() else 0


def _draw_text(ds, flt: Filter, chosen: dict):
    widget = st.text_input(flt.label, key=key(flt), max_chars=MAX_Q, placeholder=flt.placeholder, help=flt.help or None)
    return (widget or "").strip()


def _draw_choices(ds, flt: Filter, chosen: dict):
    ss = st.session_state
    options = flt.options(ds, chosen)
    state.seed(key(flt), [v for v in ss.get(key(flt), []) if v in options])  # narrowed by the other filters
    label_of = flt.label_of(ds) if flt.label_of else str
    if flt.pills:
        widget = st.pills(
            flt.label, options, selection_mode="multi", key=key(flt), format_func=label_of, help=flt.help or None
        )
        if not widget:
            st.caption(f"No {flt.label.lower()} chosen: showing all.")
    else:
        widget = st.multiselect(
            flt.label, options, key=key(flt), format_func=label_of, placeholder=flt.placeholder, help=flt.help or None
        )
    if flt.colour_of:
        _colour_tags(flt, flt.colour_of(ds), widget)
    if flt.pills:  # in the options' order, so that a link does not depend on the order of clicks
        picked = [v for v in options if v in (widget or [])]
        return () if len(picked) in (0, len(options)) else tuple(picked)  # all pills restrict nothing
    return tuple(v for v in widget or [] if v in options)


@dataclass(frozen=True)
class Widget:
    """A filter kind's widget (analysis/kinds.KINDS owns the rest of the kind): the widget's value for a
    filter value (`seed`), and `draw`, which draws it and returns the filter value it holds."""

    seed: Callable[[Any, Filter, Any], Any]
    draw: Callable[[Any, Filter, dict], Any]


WIDGETS: dict[str, Widget] = {
    "choices": Widget(
        lambda ds, flt, value: list(value) or (list(flt.options(ds, {})) if flt.pills else []), _draw_choices
    ),
    "dates": Widget(lambda ds, flt, value: (value[0] or ds.date_bounds[0], value[1] or ds.date_bounds[1]), _draw_dates),
    "text": Widget(lambda ds, flt, value: value, _draw_text),
    "minimum": Widget(lambda ds, flt, value: str(value) if value else None, _draw_minimum),
}


def sidebar(ds: Dataset, supported=None) -> Filters:
    """The filter widgets (only those `supported(key)` allows: an engine's), seeded from the link on a
    session's first run; the filter state they hold."""
    ss = st.session_state
    if state.first_time("seeded"):  # the first run of a session: the link's filters
        filters, notices = urlstate.parse(_query_params(), ds, page_params())
        _seed(ds, filters.values())
        state.select_event(filters.event)
        state.set_notices(notices)
    drill = state.take_drill()
    if drill:  # a click on a count bubble: that faction and period
        _seed(ds, drill)
    chosen: dict = {}
    with st.sidebar:
        st.header("Filters")
        for flt in FILTERS.values():
            if supported is not None and not supported(flt.key):
                continue
            if flt.shown_when is None or flt.shown_when(ds) or ss.get(key(flt)):
                chosen[flt.key] = WIDGETS[flt.kind].draw(ds, flt, chosen)
        st.button("Reset filters", on_click=reset, args=(ds,), width="stretch", icon=":material/restart_alt:")
        _RUN.link = st.empty()  # filled by sync_url, once the selected event is known
    return Filters(event=state.selected_event(), **chosen)


def page_params() -> tuple[str, ...]:
    """The page's own parameters (views.PAGE_PARAMS: the open tab, each view's, a version, a story), kept when
    the filters change and left to the widgets bound to them."""
    from components.ui.views import PAGE_PARAMS

    return PAGE_PARAMS


def _version_shown() -> int | None:
    from components.ui import workspace

    try:
        ws = workspace.current()
    except KeyError:
        return None
    return ws.version.version_id if ws.curating and ws.version else None


def link_to(filters: Filters) -> str:
    """The full link to this view: the filters, the selected event and the page's own parameters."""
    params = urlstate.to_params(filters) | {k: v for k, v in _query_params().items() if k in page_params()}
    shown = _version_shown()
    if shown is not None and "v" not in params:  # a shared link shows what its sender saw
        params["v"] = [str(shown)]
    try:
        parts = urlsplit(st.context.url or "")
        base = f"{parts.scheme}://{parts.netloc}{parts.path}" if parts.scheme in ("http", "https") else ""
    except (AttributeError, ValueError):  # no browser (AppTest)
        base = ""
    query = urlencode(params, doseq=True)
    return f"{base}?{query}" if query else (base or "?")


def sync_url(filters: Filters) -> None:
    """Write the filter state into the address bar, so a copied link reproduces the view, and show
    that link by the filters (with a copy button)."""
    slot = getattr(_RUN, "link", None)
    if slot is not None:
        # In a popover: its code box (for the copy button) loads Streamlit's syntax highlighter, 1.6 MB of
        # script that every first view paid for (0.4-0.8 s of the browser's time); a popover's content is
        # drawn, and that script fetched, when it opens.
        with slot.popover("Link to this view", icon=":material/link:", width="stretch"):
            st.caption("This view as a link: its filters, selected event and open tab.")
            if state.upload():  # an upload lives in this browser session only
                st.caption(
                    ":orange[:material/warning: This link opens the server's data, not your upload: an uploaded "
                    "file is seen in this session only. An editor can add it to the store (Curate) so that a "
                    "link shows it.]"
                )
            st.code(link_to(filters), language=None, wrap_lines=True)
        _RUN.link = None
    # The page's own parameters (the open tab) belong to widgets bound to the URL: left to them.
    current = {k: v for k, v in _query_params().items() if k not in page_params()}
    wanted = urlstate.to_params(filters)
    if wanted != current:
        for name in current.keys() - wanted.keys():
            del st.query_params[name]
        for name, values in wanted.items():
            if current.get(name) != values:
                st.query_params[name] = values
