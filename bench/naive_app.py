"""The naive page the benchmark compares against: px.scatter of every filtered event behind
st.cache_data (a copy of the frames per call), no aggregation, no positions."""

import os
import time
from pathlib import Path

import pandas as pd
import plotly.express as px
import streamlit as st

started = time.perf_counter()
root = Path(os.environ["FACTIONLINE_DATA"])


@st.cache_data
def tables():
    def read(n):
        return (
            pd.read_parquet(root / f"{n}.parquet")
            if (root / f"{n}.parquet").exists()
            else pd.read_csv(root / f"{n}.csv", dtype=str, keep_default_na=False)
        )  # noqa: E731

    return read("events"), read("actors"), read("factions")


events, actors, factions = tables()
membership = actors.assign(faction_id=actors["faction_ids"].str.split(";")).explode("faction_id")
pairs = (
    events[["event_id", "date", "title", "actor_ids"]]
    .assign(actor_id=events["actor_ids"].str.split(";"))
    .explode("actor_id")
)
pairs = pairs.merge(membership[["actor_id", "faction_id"]], on="actor_id").drop_duplicates(["event_id", "faction_id"])
names = dict(zip(factions["faction_id"], factions["name"]))
chosen = st.sidebar.multiselect("Factions", list(factions["faction_id"]), format_func=names.get, key="w_factions")
shown = pairs[pairs["faction_id"].isin(chosen)] if chosen else pairs
shown = shown.assign(
    start=pd.to_datetime(shown["date"].str[:10], errors="coerce", format="mixed"),
    faction=shown["faction_id"].map(names),
)
st.title("Naive page")
st.plotly_chart(px.scatter(shown, x="start", y="faction", hover_name="title"), width="stretch")
st.dataframe(shown[["event_id", "date", "title", "faction"]])
if os.environ.get("FACTIONLINE_TIMING"):
    with open(os.environ["FACTIONLINE_TIMING"], "a", encoding="utf-8") as out:
        out.write(f"{time.perf_counter() - started:.6f}\n")
