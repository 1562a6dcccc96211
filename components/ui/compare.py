"""The Compare tab: two periods (per faction, with change levels) or two factions side by side, over the
current filters. The periods and factions chosen are in the URL (bound widgets)."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from components.analysis import compare
from components.analysis.compare import ARROWS, MIN_EVENTS, SHARE, Period

# its questions of the data (analysis/questions.py)
ASKS = ("days", "faction_totals", "per_type", "per_status", "faction_matrix", "faction_profile")
PARAMS = ("cmp", "cmp_now", "cmp_before", "cmp_x", "cmp_y")  # bound to the URL: the mode, periods and factions


LEVEL_COLOURS = {"up": "#C0392B", "new": "#C0392B", "down": "#1F77B4", "gone": "#1F77B4", "stable": "#7F7F7F"}


def view(page) -> None:
    backend, filters = page.backend, page.filters
    mode = st.segmented_control(
        "Compare", ["Two periods", "Two factions"], default="Two periods", key="cmp", bind="query-params"
    )
    if mode == "Two factions":
        _factions(backend, filters)
        return
    by_status = backend.ask("per_status", filters)  # events per status: said when there is more than one
    if len(by_status) > 1:
        st.caption(
            "Events in the selection by status: " + " · ".join(f"{n:,} {s}" for s, n in sorted(by_status.items()))
        )
    periods(
        compare.period_of(backend.ask("days", filters.replace(dates=(None, None))), filters),
        lambda before, now: compare.periods_of(backend, filters, before, now),
        lambda before, now: compare.types_of(backend, filters, before, now),
    )


def periods(now_default: Period, table_of, types_of) -> None:
    """Two periods chosen (bound to the URL), the per-faction table with change levels and the event types —
    from `table_of(before, now)` and `types_of(before, now)`."""
    a, b = st.columns(2)
    now = _period(b, "This period", (now_default.first, now_default.last), "cmp_now")
    before_default = now.previous()
    before = _period(a, "…compared with", (before_default.first, before_default.last), "cmp_before")
    st.caption(
        f"Events of each faction, {before.label()} ({before.days} days) against {now.label()} ({now.days} days), "
        "under the other filters. Change levels: ▲ up / ▼ down when at least "
        f"{SHARE:.0%} more or fewer *and* at least {MIN_EVENTS} events of difference; ● new / ○ gone from or to "
        f"none (at least {MIN_EVENTS}); – stable otherwise. By default the later half of the selection's span is "
        "compared with the half before it (a lone early event left out)."
    )
    table = table_of(before, now)
    if table.empty:
        st.info("No events of any faction in either period.", icon=":material/compare_arrows:")
        return
    shown = table.drop(columns=["faction_id"]).assign(level=[ARROWS[v] for v in table["level"]])
    st.dataframe(
        shown.style.map(lambda v: f"color: {LEVEL_COLOURS.get(str(v).split()[-1], '')}", subset=["level"]),
        hide_index=True,
        width="stretch",
    )
    if any(c.startswith(compare.MEASURE_WORDS["fatalities"]) for c in table.columns):
        st.caption(compare.FATALITIES_NOTE)
    types = types_of(before, now)
    if len(types):
        st.markdown("**Event types**")
        st.dataframe(types.assign(level=[ARROWS[v] for v in types["level"]]), width="stretch")


def _period(column, label: str, default: tuple[dt.date, dt.date], key: str) -> Period:
    chosen = column.date_input(label, value=default, key=key, bind="query-params", format="YYYY-MM-DD")
    if isinstance(chosen, (tuple, list)) and len(chosen) == 2:
        return Period(*chosen)
    first = chosen[0] if isinstance(chosen, (tuple, list)) and chosen else default[0]
    return Period(first, max(first, default[1]))


def _factions(backend, filters) -> None:
    ds = backend.lookups
    ids = list(ds.factions["faction_id"])
    if len(ids) < 2:
        st.info("The data has fewer than two factions.")
        return
    a, b = st.columns(2)
    x = a.selectbox(
        "Faction", ids, index=0, format_func=lambda f: ds.faction_name.get(f, f), key="cmp_x", bind="query-params"
    )
    y = b.selectbox(
        "…and", ids, index=1, format_func=lambda f: ds.faction_name.get(f, f), key="cmp_y", bind="query-params"
    )
    if x == y:
        st.caption("Choose two different factions.")
        return
    st.caption("Both within the current filters (dates, types, search…).")
    side_by_side = compare.factions_side_by_side(backend, filters, x, y)
    # Counts and lists in one column: shown as text (numbers with thousands separators), as Arrow holds one type
    st.dataframe(side_by_side.map(lambda v: f"{v:,}" if isinstance(v, int) else v), width="stretch")
    if "quotes" not in side_by_side.index:
        st.caption(
            ":material/format_quote: Quotes are counted where the selection's rows are read at once: narrow the "
            "filters (a period, a type) to count each faction's quotes."
        )
    if compare.MEASURE_WORDS["fatalities"] in side_by_side.index:
        st.caption(compare.FATALITIES_NOTE)
