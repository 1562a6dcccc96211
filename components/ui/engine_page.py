"""The dashboard over an analytical engine (FACTIONLINE_ENGINE=duckdb, or an engine's URL): the same
sidebar, filter records and URL as in memory, and the views whose queries an engine answers — the timeline's
counts per faction over time, who meets whom, and the table's pages. The data is an ingested dataset
(`factionline ingest`), trusted by its manifest; nothing of it is loaded into the server's memory."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pandas as pd
import streamlit as st

from components.analysis import compare, cooccurrence
from components.analysis.aggregate import bucket_for
from components.analysis.compare import Period
from components.analysis.figures import counts_over_time, density_timeline, matrix_figure
from components.analysis.filters import FILTERS, Filters
from components.data.safetext import md
from components.ui import compare as compare_ui
from components.ui import filters as sidebar_filters
from components.ui import placemap, state, timeline, together

MEMORY_ENGINES = ("", "memory")
PAGE_ROWS = 100
WARNINGS_SHOWN = 500


def setting() -> str:
    """The configured engine: "" or "memory" (the in-memory model), "duckdb", or an engine's URL."""
    return os.environ.get("FACTIONLINE_ENGINE", "").strip()


def url_of(name: str) -> str:
    return "duckdb://" if name == "duckdb" else name


def configured() -> bool:
    return setting().lower() not in MEMORY_ENGINES


@st.cache_resource(show_spinner="Opening the dataset in the engine…", max_entries=2)
def _open(root: str, url: str, ingested: int):  # ingested: the manifest's time, so a new ingest is opened anew
    # cache_resource: one engine per dataset and URL, shared by every session (its results cache is locked).
    from components.engines.catalog import Catalog
    from components.engines.sql import SqlEngine

    engine = SqlEngine(Path(root), url)
    return engine, Catalog(engine)


def render(root: Path) -> None:
    from components.io.ingest import MANIFEST, DatasetRefused, is_dataset

    name = setting()
    if not is_dataset(root):
        st.title("Factionline", anchor=False)
        st.error(
            f"FACTIONLINE_ENGINE={name} reads an ingested dataset, and this data directory is not one. Ingest it "
            "once (`factionline ingest DIR --out DATASET`), then open DATASET (`factionline run --data DATASET`); "
            "or unset FACTIONLINE_ENGINE to use the in-memory model.",
            icon=":material/database:",
        )
        return
    try:
        try:
            engine, catalog = _open(os.path.abspath(root), url_of(name), (Path(root) / MANIFEST).stat().st_mtime_ns)
        except ImportError as err:  # only opening the engine: an import error later is a bug, not a setup
            st.title("Factionline", anchor=False)
            st.error(
                f"The {name} engine is not installed ({err.name}). Install the engines extra: "
                "`pip install 'factionline[engines]'` (Spark: `factionline[spark]`).",
                icon=":material/extension_off:",
            )
            return
        _dashboard(engine, catalog)
    except DatasetRefused as err:  # at opening, or found by the checksums in the background since
        st.title("Factionline", anchor=False)
        st.error(f"The dataset was refused: {err}", icon=":material/gpp_bad:")


def _dashboard(engine, catalog) -> None:
    chosen = sidebar_filters.sidebar(catalog, supported=engine.supports)
    if "engine-link-checked" not in st.session_state:  # a link made on the in-memory model
        st.session_state["engine-link-checked"] = True
        for flt in FILTERS.values():
            if not engine.supports(flt.key) and any(p in st.query_params for p in flt.params):
                state.add_notice(
                    f"Ignored the {flt.label.lower()} filter: it does not run on the {engine.name} engine yet."
                )
    st.title("Factionline", anchor=False)
    n = engine.count(chosen)
    st.caption(
        f"{n:,} of {engine.total:,} events in the current selection · engine: **{engine.name}** over a dataset "
        f"ingested {engine.manifest.get('ingested_at', '')[:10]} · quotes and event details need the in-memory model "
        "(*About this data*)."
    )
    for notice in state.notices():
        st.warning(notice, icon=":material/link_off:")
    if not n:
        st.info(
            "Nothing matches these filters. Remove a faction or a pair (Factions together), or widen the date range.",
            icon=":material/filter_alt_off:",
        )
        st.button("Reset filters", on_click=sidebar_filters.reset, args=(catalog,), key="reset-empty")
        sidebar_filters.sync_url(chosen)
        return
    # The in-memory views' labels: a link's open tab (view=) means the same on every engine.
    views = {
        "Timeline": _timeline,
        "Map": _map,
        "Who meets whom": _together,
        "Compare": _compare,
        "Table & downloads": _table,
        "About this data": _about,
    }
    tabs = st.tabs(list(views), key="view", on_change="rerun", bind="query-params")
    for draw, tab in zip(views.values(), tabs):
        if tab.open:
            with tab:
                draw(engine, catalog, chosen, n)
    sidebar_filters.sync_url(chosen)


def _window(engine, chosen: Filters) -> tuple:
    lo, hi = engine.bounds(chosen)
    first, last = chosen.dates
    if first:
        lo = np.datetime64(first, "D")
    if last:
        hi = np.datetime64(last, "D")
    return lo, hi


def _timeline(engine, catalog, chosen: Filters, n: int) -> None:
    lo, hi = _window(engine, chosen)
    lanes = len(chosen.factions) or len(catalog.factions) + 1
    bucket = bucket_for(lo, hi, lanes)
    lc = engine.lane_counts(chosen, bucket)
    st.caption(
        f":material/view_timeline: **Counts.** Each cell is a faction's events in one {bucket}, darker for more "
        f"(an event in two lanes counts in each; {lc.total:,} event–faction pairs). Click a cell to zoom into that "
        "faction and period."
    )
    view = (lo.astype(object), hi.astype(object))
    # Built once per state and shared by sessions, as in memory (a figure is never mutated).
    figure = engine.kept(("strip", chosen.without_event(), bucket, view), lambda: density_timeline(catalog, lc, view))
    timeline.drill_into(catalog, timeline.chart(figure))
    if st.toggle("Events over time (stacked counts per faction)", key="engine-counts"):
        st.plotly_chart(
            counts_over_time(catalog, lc, view if chosen.dates[0] and chosen.dates[1] else None),
            key="engine-counts-chart",
            theme="streamlit",
            width="stretch",
            config={"displaylogo": False},
        )


def _map(engine, catalog, chosen: Filters, n: int) -> None:
    found = engine.places(chosen)
    if found is None:
        st.info(
            "This dataset was ingested before the map ran on engines: ingest it again to map it here.",
            icon=":material/location_off:",
        )
        return
    shown, unplaced = found
    placemap.draw(shown, unplaced, n, chosen, fatalities="fatalities" in engine.t.events.columns)


def _together(engine, catalog, chosen: Filters, n: int) -> None:
    pairs = engine.faction_matrix(chosen)
    ids = [f for f in catalog.factions["faction_id"] if pairs.get((f, f))]
    if not ids:
        st.info("No faction takes part in the selected events.", icon=":material/groups:")
        return
    counts = np.array([[pairs.get((a, b), 0) for b in ids] for a in ids], dtype=np.int64)
    matrix = cooccurrence.Matrix(ids, [catalog.faction_name.get(f, f) for f in ids], counts)
    shared = matrix.pairs()
    st.caption(
        f":material/groups: {len(ids)} factions · {len(shared)} pairs that shared at least one event. Each cell "
        "counts the selection's events in which both take part; the diagonal, each one's own events. Click a cell "
        "to filter to that pair's events."
    )
    together.pick_pair(together.matrix_chart(matrix_figure(matrix)), chosen)
    st.markdown("**Most shared**")
    top = pd.DataFrame(
        [
            (n, f"{md(catalog.faction_name.get(a, a))} · {md(catalog.faction_name.get(b, b))}")
            for a, b, n in shared[:15]
        ],
        columns=["Events", "Pair"],
    )
    st.dataframe(top, hide_index=True, width="stretch")


def _compare(engine, catalog, chosen: Filters, n: int) -> None:
    """Two periods per faction with change levels, as in memory (events only: quotes and fatalities are the
    in-memory model's)."""
    first, last = chosen.dates
    if not (first and last):
        lo, hi = engine.bounds(chosen)
        first, last = first or lo.astype(object), last or hi.astype(object)
    ids = list(catalog.factions["faction_id"])

    def table_of(before: Period, now: Period) -> pd.DataFrame:
        a = engine.per_faction(chosen.replace(dates=(before.first, before.last)))
        b = engine.per_faction(chosen.replace(dates=(now.first, now.last)))
        frame = pd.DataFrame(
            {
                "faction_id": ids,
                "faction": [catalog.faction_name.get(f, f) for f in ids],
                "events before": [a.get(f, 0) for f in ids],
                "events now": [b.get(f, 0) for f in ids],
            }
        )
        return compare.with_levels(frame, chosen)

    def types_of(before: Period, now: Period) -> pd.DataFrame:
        a = engine.per_type(chosen.replace(dates=(before.first, before.last)))
        b = engine.per_type(chosen.replace(dates=(now.first, now.last)))
        return compare.types_levels(a, b, catalog.type_label)

    st.caption("Two periods, per faction. (Two factions side by side, quotes and fatalities: in-memory model.)")
    compare_ui.periods(Period(first, last), table_of, types_of)


def _table(engine, catalog, chosen: Filters, n: int) -> None:
    pages = max(1, -(-n // PAGE_ROWS))
    page = 1
    if pages > 1:
        page = st.number_input(f"Page (of {pages:,}), in date order", 1, pages, 1, key="engine-page")
    rows = engine.page(chosen, (int(page) - 1) * PAGE_ROWS, PAGE_ROWS)
    shown = pd.DataFrame(
        {
            "Date": rows.get("date_label", rows.get("date")),
            "Event": rows["title"] if "title" in rows else "",
            "Status": rows["status"].str.capitalize(),
            "Type": rows["event_type"].map(lambda t: catalog.type_label.get(t, t)),
            "Actors": rows["actor_ids"].map(
                lambda ids: "; ".join(catalog.actor_name(a) for a in str(ids).split(";") if a)
            )
            if "actor_ids" in rows
            else "",
            "Place": rows["location"] if "location" in rows else "",
            "Event id": rows["event_id"],
        }
    )
    st.caption(f"Rows {(int(page) - 1) * PAGE_ROWS + 1:,}–{(int(page) - 1) * PAGE_ROWS + len(rows):,} of {n:,}.")
    st.dataframe(shown, hide_index=True, width="stretch")
    st.download_button(
        "Download these rows (CSV)",
        shown.to_csv(index=False).encode("utf-8"),
        file_name=f"factionline-page-{int(page)}.csv",
        mime="text/csv",
        icon=":material/download:",
    )


def _about(engine, catalog, chosen: Filters, n: int) -> None:
    m = engine.manifest
    c = m.get("counts", {})
    st.markdown(
        f"**Engine:** {engine.name} · **dataset:** ingested {m.get('ingested_at', '')} from {md(m.get('source', ''))}, "
        f"schema version {m.get('schema_version')}; {c.get('events', 0):,} events, {c.get('actors', 0):,} actors, "
        f"{c.get('factions', 0):,} factions, {c.get('quotes', 0):,} quotes. Every rule and evidence passage was "
        "checked once at ingest; the manifest's checksums vouch for the files."
    )
    missing = [f.label.lower() for f in FILTERS.values() if not engine.supports(f.key)]
    st.markdown(
        "**Runs on the engine:** "
        + ("every filter but " + " and ".join(missing) if missing else "every filter")
        + "; the timeline's counts, the map, who meets whom (factions), two periods compared, and the table's "
        "pages. **In memory only, for now:** two factions side by side, quotes, fatalities over time, event "
        "details and story mode. For those, open a selection that fits in memory without FACTIONLINE_ENGINE."
    )
    if m.get("warnings"):
        shown = m["warnings"][:WARNINGS_SHOWN]
        st.markdown(
            f"**Checks of meaning recorded at ingest:** {len(m['warnings']):,} to look at"
            + (f" (the first {len(shown):,} below)." if len(shown) < len(m["warnings"]) else ".")
        )
        st.dataframe(pd.DataFrame(shown), hide_index=True, width="stretch")
