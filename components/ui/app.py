"""The app: sign-in, which data (a published version of the store, or a data directory), and the pages
this user's role may open — the dashboard for everyone; Curate for editors; the audit log for admins.
A page a role may not open is not registered at all: its URL leads back to the dashboard."""

from __future__ import annotations

import os
import time

import streamlit as st

from components.analysis.filters import FILTERS
from components.backends.base import UPLOAD
from components.data.problems import InvalidData
from components.paths import RESOURCES
from components.ui import (
    auth,
    auth_cookie,
    backends,
    cache_guard,
    filters,
    state,
    story,
    theme,
    touch,
    upload,
    workspace,
)
from components.ui.loading import load_dataset, report_invalid
from components.ui.offline import stay_offline
from components.ui.views import VIEWS, Page

ICON = RESOURCES / "icon.png"
stay_offline()  # once, when the server first imports the app
cache_guard.install()  # nothing before sign-in (uploads, component messages, cache wipes)
auth_cookie.install()  # the session cookie's HttpOnly route


DASHBOARD = None  # the dashboard's page (in-app links to it: the stories)


def main() -> None:
    started = time.perf_counter()
    try:
        _app()
    finally:
        _record_timing(time.perf_counter() - started)


def _record_timing(seconds: float) -> None:
    """For the benchmark: FACTIONLINE_TIMING=FILE appends each script run's duration."""
    path = os.environ.get("FACTIONLINE_TIMING")
    if path:
        with open(path, "a", encoding="utf-8") as out:
            out.write(f"{seconds:.6f}\n")


def _app() -> None:
    # A local icon: a Material icon here would make every browser fetch it from Google's servers.
    st.set_page_config(page_title="Factionline", page_icon=str(ICON), layout="wide")
    theme.install()  # the page's own styles (contrast, target sizes, the sticky details)
    user = auth.gate()  # before anything is loaded: no data, chart or count is sent
    if user is None:
        return
    ws = workspace.resolve(user)
    workspace.set_current(ws)
    global DASHBOARD
    DASHBOARD = st.Page(dashboard, title="Dashboard", icon=":material/timeline:", default=True)
    pages = [DASHBOARD]
    if ws.curating or ws.down:
        from components.ui import audit_page, curate, versions_page

        if user.can("editor"):
            pages.append(st.Page(curate.render, title="Curate", icon=":material/edit_note:", url_path="curate"))
        else:  # its address says so, instead of Streamlit's "page not found"; nothing of Curate is run
            pages.append(_not_for(user, "Curate", "editors", "curate"))
        pages.append(st.Page(versions_page.render, title="Versions", icon=":material/history:", url_path="versions"))
        if user.can("admin"):
            pages.append(st.Page(audit_page.render, title="Audit log", icon=":material/policy:", url_path="audit"))
        else:
            pages.append(_not_for(user, "Audit log", "admins", "audit"))
    st.navigation(pages, position="top").run()


def _not_for(user, title: str, who: str, url_path: str):
    """A hidden page at a role's page address: it says whose page it is and links back, nothing more."""

    def render() -> None:
        st.title(title, anchor=False)
        st.info(f"{title} is for {who}; you are signed in as a {user.role}.", icon=":material/lock:")
        st.page_link(DASHBOARD, label="Back to the dashboard", icon=":material/timeline:")

    return st.Page(render, title=title, url_path=url_path, visibility="hidden")


def version_caption(ws: workspace.Workspace) -> None:
    if ws.version is None:
        return
    v = ws.version
    when = f" · published {v.created_at:%d %b %Y}" if v.created_at else ""
    by = f" by {v.created_by}" if v.created_by else ""
    st.sidebar.caption(f":material/history: Version {v.version_id}{when}{by}")
    if ws.curating and not auth.locked():
        st.sidebar.caption(
            ":orange[:material/lock_open: Open instance: whoever can reach it may curate. Set passwords before "
            "sharing it (README, *Share it*).]"
        )


def dashboard() -> None:
    ws = workspace.current()
    if ws.notice:
        (st.error if ws.down else st.info)(ws.notice, icon=":material/cloud_off:" if ws.down else ":material/history:")
    if ws.root is None:
        st.title("Factionline", anchor=False)
        st.info(
            "Nothing to show yet. An administrator seeds the store with `factionline store import DIR`, or "
            "editors add articles on the Curate page and publish.",
            icon=":material/inventory_2:",
        )
        return
    if backends.configured():  # an analytical engine holds the table: nothing of it is loaded here
        backend = backends.open_engine(ws.root)
        if backend is None:
            return
    else:
        try:
            ds = load_dataset(ws.root)
        except InvalidData as err:
            st.title("Factionline", anchor=False)
            report_invalid(ws.root, err.problems)
            return
        backend = backends.memory(upload.session_dataset(ds, ws.root))
    version_caption(ws)
    from components.data.manifest import DatasetRefused

    try:
        _dashboard(backend)
    except DatasetRefused as err:  # an engine's checksums, found wrong in the background since it opened
        backends.refused(err)


def _dashboard(backend) -> None:
    lookups = backend.lookups
    chosen = filters.sidebar(lookups, supported=backend.supports)
    _unsupported_in_link(backend)
    walking = story.current(backend)  # after the sidebar: its first run sets the page's notices
    if walking:
        chosen = story.follow(backend, *walking, chosen)
    story.sidebar(lookups, DASHBOARD)
    if UPLOAD in backend.capabilities:
        upload.sidebar(lookups)
    if chosen.event and not backend.ask("contains", chosen, event_id=chosen.event):
        state.add_notice(f"The selected event {chosen.event!r} is outside the current filters, so it is not shown.")
        state.select_event(None)
        chosen = chosen.without_event()
    base = chosen.without_event()
    c = backend.ask("counts", base)

    st.title("Factionline", anchor=False)
    if UPLOAD in backend.capabilities:
        upload.error_report()
    if walking:
        story.panel(backend, *walking)
    st.caption(counts_line(backend, c))
    if backend.warning_count:
        n = backend.warning_count
        st.caption(
            f":orange[:material/rule: {n:,} check{'' if n == 1 else 's'} of meaning "
            "to look at (an event dated after its report, a likely duplicate…): see *About this data*.]"
        )
    for notice in state.notices():
        st.warning(notice, icon=":material/link_off:")

    if not c["events"] and not c["quotes"]:
        st.info(
            "Nothing matches these filters. Remove a faction or a pair (Factions together), widen the date range or clear "
            "the search.",
            icon=":material/filter_alt_off:",
        )
        st.button("Reset filters", on_click=filters.reset, args=(lookups,), key="reset-empty")
        filters.sync_url(chosen)
        return

    touch.install()  # a tap on any chart selects the point under the finger
    # Lazy tabs: only the open tab's content runs, so a filter change does not rebuild the others.
    page = Page(backend, chosen, c)
    tabs = st.tabs([v.label for v in VIEWS], key="view", on_change="rerun", bind="query-params")
    for view, tab in zip(VIEWS, tabs):
        if tab.open:
            with tab:
                view.render(page)
    filters.sync_url(chosen.replace(event=state.selected_event()))


def counts_line(backend, c: dict) -> str:
    """The selection's counts above the views (actors and quotes where the backend counts them)."""
    parts = [f"{c['events']:,} of {backend.total:,} events"]
    if c.get("actors") is not None:
        parts.append(f"{c['actors']:,} actor{'' if c['actors'] == 1 else 's'}")
    if c.get("quotes") is not None and backend.total_quotes is not None:
        parts.append(f"{c['quotes']:,} of {backend.total_quotes:,} quotes")
    line = " · ".join(parts) + " in the current selection"
    engine = backend.describe().engine
    if engine:
        line += f" · engine: **{engine}**"
    return line


def _unsupported_in_link(backend) -> None:
    """A link made on another backend may hold a filter this one cannot run: said once, not silently dropped."""
    unsupported = [flt for flt in FILTERS.values() if not backend.supports(flt.key)]
    if not unsupported or not state.first_time("link-checked"):
        return
    for flt in unsupported:
        if any(p in st.query_params for p in flt.params):
            state.add_notice(
                f"Ignored the {flt.label.lower()} filter: it does not run on the {backend.describe().engine} engine "
                "yet."
            )
