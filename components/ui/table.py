"""The sortable table of filtered events, and the exports of exactly that selection."""

from __future__ import annotations

import streamlit as st

from components.analysis.export import TIMELINEJS_MAX, readable, reports_of, table_csv, table_json, timelinejs
from components.analysis.query import Filters, Selection
from components.analysis.tables import sort_options, table_frame
from components.backends.base import ALL_ROWS, ROWS_AT_MOST, RowsRefused
from components.data.model import Dataset
from components.ui import details, state

PARAMS = ("sort", "desc")  # bound to the URL: the order of every page


PAGE_ROWS = 250  # rows sent to the browser at a time; exports always hold the whole selection


def render(backend, filters: Filters, total: int) -> str | None:
    """Draw a page of the table (from the backend: the whole model, or an engine's page of rows); return the
    event id of a row the user picked, if any."""
    options = sort_options(backend.lookups)
    left, right = st.columns([2, 1], vertical_alignment="bottom")
    by = left.selectbox("Sort all rows by", options, key="sort", bind="query-params") or "Date"
    descending = right.toggle("Descending", key="desc", bind="query-params")
    by = by if by in options else "Date"
    pages = max(1, -(-total // PAGE_ROWS))
    page = 1
    if pages > 1:
        left, right = st.columns([1, 3], vertical_alignment="bottom")
        page = left.number_input(f"Page (of {pages:,})", 1, pages, 1, key="table-page")
        right.caption(
            f"Rows {(page - 1) * PAGE_ROWS + 1:,}–{min(page * PAGE_ROWS, total):,} of {total:,} "
            f"events, by {by.lower()}{' (descending)' if descending else ''}. "
            + (f"The downloads hold all {total:,}. " if total <= backend_rows_limit(backend) else "")
            + "A click on a column header sorts this page only: *Sort all rows by* sorts them all."
        )
    rows = backend.page(filters, by, bool(descending), (int(page) - 1) * PAGE_ROWS, PAGE_ROWS)
    frame = table_frame(rows.ds, rows.ds.events.iloc[rows.sel.event_pos], filters)
    picked = st.dataframe(
        frame,
        key="event-table",
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        column_order=[c for c in frame.columns if c != "event_id"],
        column_config={
            "Start": st.column_config.DateColumn("Start", help="First day the date can mean"),
            "Link": st.column_config.LinkColumn(
                "Link", display_text="open", help="A link to this event with the current filters"
            ),
            "Article": st.column_config.LinkColumn("Article", display_text="article"),
            "Title": st.column_config.TextColumn("Title", width="large"),
        },
    )
    picked_rows = picked.selection.rows if picked else []
    keyed = keyboard_row(frame)
    if keyed:
        state.select_event(keyed)
    return frame["event_id"].iat[picked_rows[0]] if picked_rows else None


def keyboard_row(frame) -> str | None:
    """The keyboard's way to a row's event (the grid selects no row with Enter or Space): this page's rows in
    the table's order, searchable; choosing one opens its details below."""
    ids = frame["event_id"].tolist()
    if not ids:
        return None
    when = frame["Start"].astype(str).tolist() if "Start" in frame else [""] * len(ids)
    words = {e: f"{d} · {t[:100]}" for e, d, t in zip(ids, when, frame["Title"].astype(str))}
    choice = st.selectbox(
        f"Open a row's event ({len(ids):,} rows, in the table's order)",
        ids,
        index=None,
        format_func=words.get,
        placeholder="Type to search, Enter to open its details",
        key=f"table-keyboard-{hash(tuple(ids[:3] + ids[-3:])) & 0xFFFF}",
    )
    return choice if state.new_pick("table-keyboard", choice) else None


def backend_rows_limit(backend) -> int:
    """Events of a selection the downloads can hold whole: any number in memory, an engine's row limit."""
    return backend.total if ALL_ROWS in backend.capabilities else ROWS_AT_MOST


def exports(ds: Dataset, sel: Selection) -> None:
    """Downloads of exactly the selection, made only when clicked (a million rows is not free)."""
    st.markdown("**Download the current selection**")
    cols = st.columns(3)
    n_e, n_q = sel.n_events, len(sel.quote_pos)
    n_r = int(sel.events["n_reports"].sum()) if "n_reports" in sel.events else n_e
    for col, (label, table, fmt) in zip(
        cols * 2,
        [
            ("Events CSV", "events", "csv"),
            ("Reports CSV", "reports", "csv"),
            ("Quotes CSV", "quotes", "csv"),
            ("Events JSON", "events", "json"),
            ("Reports JSON", "reports", "json"),
            ("Quotes JSON", "quotes", "json"),
        ],
    ):
        n = {"events": n_e, "reports": n_r, "quotes": n_q}[table]
        make = table_csv if fmt == "csv" else table_json

        def data(make=make, table=table):
            frames = {
                "events": lambda: readable(ds, sel.events),
                "reports": lambda: reports_of(ds, sel.event_pos),
                "quotes": lambda: sel.quotes,
            }
            return make(frames[table](), table)

        col.download_button(
            f"{label} ({n:,})",
            data,
            f"factionline-{table}.{fmt}",
            "text/csv" if fmt == "csv" else "application/json",
            icon=":material/download:",
            width="stretch",
            on_click="ignore",
        )
    too_many = n_e > TIMELINEJS_MAX
    st.download_button(
        f"TimelineJS JSON ({n_e:,} slides)",
        lambda: timelinejs(ds, sel.events, sel.event_pos, sel.quotes),
        "factionline-timeline.json",
        "application/json",
        icon=":material/slideshow:",
        on_click="ignore",
        disabled=too_many or not n_e,
        help=(
            f"TimelineJS cannot show more than {TIMELINEJS_MAX:,} slides: narrow the filters first."
            if too_many
            else "One slide per event, grouped by faction, with evidence and quotes as text and "
            "outlets as credits. Load it with TimelineJS (timeline.knightlab.com) to embed it in a story."
        ),
    )


def view(page) -> None:
    """The Table & downloads tab."""
    backend, filters = page.backend, page.filters
    state.pick("table", render(backend, filters, page.counts["events"]))
    event_id = state.selected_event()
    if event_id:  # a row clicked shows its event here too, not only on the Timeline tab
        st.subheader("Selected event", anchor=False)
        details.render(backend.event(event_id), event_id)
    try:
        rows = backend.rows(filters)
    except RowsRefused as refused:
        st.caption(
            f":material/download: The downloads hold a whole selection of up to {refused.limit:,} events and "
            f"quotes read at once: narrow the filters to download it (this one may hold {refused.count:,} "
            f"{refused.what})."
        )
        return
    exports(rows.ds, rows.sel)
