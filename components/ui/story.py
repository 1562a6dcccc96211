"""Story mode: `?story=ID&step=N` walks through a story's events with the narrator's text, next and
previous; the step's event is selected, so the timeline and the map highlight it and the details show its
evidence and quotes. Stories are listed in the sidebar."""

from __future__ import annotations

from urllib.parse import quote

import streamlit as st

from components.analysis.export import story_steps, story_timelinejs
from components.data.safetext import md
from components.ui import state

PARAMS = ("story", "step")  # ?story=ID&step=N


def sidebar(ds, page=None) -> None:
    """The stories, each a link to its first step in this tab (an in-app link: the session and its filters
    stay; a Markdown link would open a new tab)."""
    if ds.stories is None:
        return
    with st.sidebar:
        st.markdown("**Stories**")
        for story_id, title in ds.stories.groupby("story_id", sort=False)["title"].first().items():
            if page is None:  # outside the app's navigation (a test of this function alone)
                st.markdown(f"[{md(title or story_id)}](?story={quote(str(story_id), safe='')}&step=1)")
            else:
                st.page_link(
                    page,
                    label=md(str(title or story_id)[:120]),
                    icon=":material/auto_stories:",
                    query_params={"story": str(story_id), "step": "1"},
                )


def _steps(backend, story: str):
    ds = backend.story(story)  # the whole model, or an engine's slice of the story's events
    return ds, (story_steps(ds, story) if ds is not None else story_steps(backend.lookups, story).iloc[0:0])


def current(backend) -> tuple[str, int] | None:
    """The story and step the URL asks for (unknown ones are dropped with a notice)."""
    story = st.query_params.get("story")
    if not story:
        return None
    _, steps = _steps(backend, story)
    if not len(steps):
        state.add_notice(f"There is no story {story[:60]!r} in this data.")
        del st.query_params["story"]
        return None
    raw = str(st.query_params.get("step", "1"))
    step = int(raw) if raw.isdigit() else 1
    return story, min(max(step, 1), len(steps))


def follow(backend, story: str, step: int, chosen):
    """A new step selects its event (highlighted on the timeline and the map, its details shown); between
    steps, a click on another event is left alone."""
    if state.story_step() == (story, step):
        return chosen
    state.set_story_step((story, step))
    event_id = str(_steps(backend, story)[1]["event_id"].iloc[step - 1])
    state.select_event(event_id)
    return chosen.replace(event=event_id)


def panel(backend, story: str, step: int) -> None:
    """The narration above the views; selects the step's event when the step changes."""
    ds, steps = _steps(backend, story)
    row = steps.iloc[step - 1]
    with st.container(border=True, key="story-panel"):
        st.markdown(f":material/auto_stories: **{md(row['title'])}** · step {step} of {len(steps)}")
        # Buttons as wide as their words, in a row that wraps on a phone ("Previous" was cut to "Previ…")
        with st.container(horizontal=True, gap="small", key="story-buttons"):
            if st.button("Previous", key="story-prev", disabled=step == 1, icon=":material/arrow_back:"):
                _go(story, step - 1)
            if st.button("Next", key="story-next", disabled=step == len(steps), icon=":material/arrow_forward:"):
                _go(story, step + 1)
            if st.button("Close", key="story-close", icon=":material/close:"):
                for name in ("story", "step"):
                    if name in st.query_params:
                        del st.query_params[name]
                state.set_story_step(None)
                st.rerun()
        st.markdown(md(row["text"]))
        st.download_button(
            "This story as TimelineJS JSON",
            data=story_timelinejs(ds, story),
            file_name=f"factionline-story-{story}.json",
            mime="application/json",
            key="story-timelinejs",
            icon=":material/download:",
        )


def _go(story: str, step: int) -> None:
    st.query_params["story"] = story
    st.query_params["step"] = str(step)
    st.rerun()
