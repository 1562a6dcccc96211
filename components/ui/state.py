"""The page's session state behind typed accessors: each key is written here and nowhere else.

Widgets own their own keys (filters: `w_<filter key>`; seeding one from a link goes through `seed`); this
module holds what the page itself remembers between reruns: the selected event, the notices about the link,
a queued drill-down, the crowd listed, the story step followed, the signed-in account, this run's workspace,
the Curate page's message and article.
"""

from __future__ import annotations

import streamlit as st

_EVENT = "event"  # the selected event id (or None)
_NOTICES = "notices"  # what was ignored in the link, shown above the views
_DRILL = "drill"  # filter values a click on a count bubble asks for, applied on the next run
_CROWD = "crowd"  # (lane name, day, event ids) of a clicked "+N" mark, listed beside the chart
_STORY = "story-last-step"  # (story, step) last followed: a new step selects its event, once
_SIGNED_IN = "signed-in"  # the session token of a password sign-in (components/store/sessions.py)
_WORKSPACE = "_workspace"  # this run's data (ui/workspace.Workspace)
_FLASH = "curate-flash"  # (kind, message, section) to show on the Curate page's next run, in that section
_SECTION = "curate-section"  # the Curate page's section being drawn (where its messages belong)
_CURATE_PICK = "curate-pick"  # the article open on the Curate page (its select box's key)


def selected_event() -> str | None:
    return st.session_state.get(_EVENT)


def select_event(event_id: str | None) -> None:
    st.session_state[_EVENT] = event_id


def pick(source: str, event_id: str | None) -> None:
    """Select an event when the chart or the table reports a new pick. Their widget state persists
    between reruns, so only a pick that differs from the source's last one selects."""
    if new_pick(source, event_id):
        select_event(event_id)


def new_pick(source: str, event_id: str | None) -> bool:
    """Whether a source (the table, the events list) reports a pick that differs from its last one."""
    last = f"last-{source}-pick"
    fresh = bool(event_id) and event_id != st.session_state.get(last)
    st.session_state[last] = event_id
    return fresh


_FOCUS = "focus-next"  # a CSS selector to bring into view after this run (the details after a click)


def request_focus(selector: str | None) -> None:
    st.session_state[_FOCUS] = selector


def take_focus() -> str | None:
    return st.session_state.pop(_FOCUS, None)


def notices() -> list[str]:
    return list(st.session_state.get(_NOTICES, []))


def set_notices(messages: list[str]) -> None:
    st.session_state[_NOTICES] = list(messages)


def add_notice(message: str) -> None:
    set_notices(notices() + [message])


def queue_drill(values: dict) -> None:
    """Ask for filter values (e.g. one faction and period) on the next run, before the sidebar draws."""
    st.session_state[_DRILL] = values  # charts are renewed once read (chart_key): a click is never read twice
    st.rerun()


def take_drill() -> dict | None:
    return st.session_state.pop(_DRILL, None)


def chart_key(name: str) -> str:
    """The key of a clickable chart. A chart's selection persists between reruns, so after a click is read the
    chart is renewed (a new key, an empty selection): the next click, on any point, is a fresh selection and
    never reads as the previous point's deselection (every second click was lost)."""
    return f"{name}-{st.session_state.get(f'chart-{name}', 0)}"


def renew_chart(name: str) -> None:
    st.session_state[f"chart-{name}"] = st.session_state.get(f"chart-{name}", 0) + 1


def clicked(fig, name: str, width: str = "stretch", **config) -> list:
    """A clickable Plotly chart under its renewable key (chart_key); the points clicked, read once: the chart
    is then renewed, so the next click is a fresh selection. `config`: Plotly's, beside no logo."""
    picked = st.plotly_chart(
        fig,
        key=chart_key(name),
        on_select="rerun",
        selection_mode=("points",),
        theme="streamlit",
        width=width,
        config={"displaylogo": False, **config},
    )
    points = list(picked.selection.points) if picked else []
    if points:
        renew_chart(name)
    return points


def crowd() -> tuple | None:
    return st.session_state.get(_CROWD)


def set_crowd(value: tuple | None) -> None:
    st.session_state[_CROWD] = value


def first_time(flag: str) -> bool:
    """True the first time this session asks about the flag (a link checked once), False after."""
    if st.session_state.get(f"once-{flag}"):
        return False
    st.session_state[f"once-{flag}"] = True
    return True


def seed(widget_key: str, value) -> None:
    """Set a widget's value before it is drawn (a filter seeded from the link)."""
    st.session_state[widget_key] = value


def story_step() -> tuple | None:
    return st.session_state.get(_STORY)


def set_story_step(value: tuple | None) -> None:
    st.session_state[_STORY] = value


def session_token() -> str | None:
    """This tab's sign-in: its session's token (the store decides on every run whether it still holds)."""
    value = st.session_state.get(_SIGNED_IN)
    return value if isinstance(value, str) else None


def keep_session(token: str) -> None:
    st.session_state[_SIGNED_IN] = token
    st.session_state.pop("password-input", None)  # the typed password is not kept


def sign_out() -> None:
    st.session_state.pop(_SIGNED_IN, None)
    st.session_state.pop(_COOKIE_TO_SET, None)


_COOKIE_TO_SET = "cookie-to-set"  # a new sign-in's token, set in the browser by the next run


def cookie_to_set(token: str) -> None:
    st.session_state[_COOKIE_TO_SET] = token


def take_cookie_to_set() -> str | None:
    return st.session_state.pop(_COOKIE_TO_SET, None)


def set_workspace(ws) -> None:
    st.session_state[_WORKSPACE] = ws


def workspace():
    return st.session_state[_WORKSPACE]


def flash(kind: str, message: str) -> None:
    st.session_state[_FLASH] = (kind, message, st.session_state.get(_SECTION, "top"))


def take_flash(section: str = "top") -> tuple:
    kind, message, where = st.session_state.get(_FLASH, (None, None, None))
    if where != section:
        return None, None
    st.session_state.pop(_FLASH)
    return kind, message


def has_flash(section: str) -> bool:
    found = st.session_state.get(_FLASH)
    return bool(found and found[2] == section)


def section() -> str:
    """The Curate page's section being drawn."""
    return st.session_state.get(_SECTION, "top")


def enter_section(name: str) -> None:
    """The Curate page's section now drawn: a message of an action taken here shows here, next run."""
    st.session_state[_SECTION] = name


CURATE_PICK = _CURATE_PICK


def pick_article(article_id: str) -> None:
    st.session_state[_CURATE_PICK] = article_id


def picked_article() -> str | None:
    return st.session_state.get(_CURATE_PICK)


def widget(key: str):
    """A widget's value as the session holds it (read before the widget is drawn on this run)."""
    return st.session_state.get(key)


# An upload (ui/upload.py): (file id, the Uploaded), the last failure's message and problems, the file that failed
_UPLOAD, _UPLOAD_ERROR, _UPLOAD_FAILED = "upload", "upload-error", "upload-failed"


def upload():
    return st.session_state.get(_UPLOAD)


def set_upload(value) -> None:
    st.session_state[_UPLOAD] = value


def upload_error():
    return st.session_state.get(_UPLOAD_ERROR)


def set_upload_error(error, failed_file=None) -> None:
    """The upload's failure (message, problems) and the file that failed; None clears both."""
    if error is None:
        st.session_state.pop(_UPLOAD_ERROR, None)
        st.session_state.pop(_UPLOAD_FAILED, None)
    else:
        st.session_state[_UPLOAD_ERROR], st.session_state[_UPLOAD_FAILED] = error, failed_file


def upload_failed():
    return st.session_state.get(_UPLOAD_FAILED)


EDIT_TABLE, EDIT_ROW = "edit-table", "edit-row"  # the row editor's two choices (its select boxes' keys)


_EDIT_NEXT = "edit-next"


def open_in_editor(table: str, key: str | None) -> None:
    """Open a working-copy row in the Curate page's row editor on the next run (a publish refusal's "Fix"
    does; a deletion closes the row). Applied by take_editor_target() before the editor's widgets exist."""
    st.session_state[_EDIT_NEXT] = (table, key)


def take_editor_target() -> None:
    target = st.session_state.pop(_EDIT_NEXT, None)
    if target is not None:
        st.session_state[EDIT_TABLE], st.session_state[EDIT_ROW] = target


_CLEAR = "clear-next-run"  # widget keys to empty before their widgets are drawn on the next run


def clear_on_next_run(keys) -> None:
    st.session_state[_CLEAR] = list(keys)


def apply_clearing() -> None:
    for key in st.session_state.pop(_CLEAR, []):
        st.session_state.pop(key, None)


def memo(name: str) -> dict:
    """A dict kept for the session under `name` (ui/seen.py: what the Curate page showed of each row and draft)."""
    return st.session_state.setdefault(name, {})


def forget(keys) -> None:
    """Drop these keys' values (widgets among them are drawn afresh on the next run)."""
    for key in keys:
        st.session_state.pop(key, None)


def keep(key: str, value) -> None:
    """Keep a value for the next run (a refused write's details; a note just saved)."""
    st.session_state[key] = value


def take(key: str):
    """A value kept for this run, removed: shown once."""
    return st.session_state.pop(key, None)
