"""Scale behaviour, checked functionally: synthetic data, Parquet = CSV, bounded payloads, mode switch."""

import shutil
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from components.analysis.aggregate import lane_counts
from components.analysis.charts.timeline import MAX_MARKS, density_timeline, drill_target
from components.analysis.query import Filters, apply
from components.data.load import load

from .conftest import ROOT

APP = str(ROOT / "dashboard.py")


@pytest.fixture(scope="module")
def synth_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("synth") / "data"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "components.cli",
            "synth",
            "--events",
            "4000",
            "--out",
            str(out),
            "--seed",
            "3",
            "--csv",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert "4,000 events" in done.stdout
    return out


@pytest.fixture(scope="module")
def big_dir(tmp_path_factory):
    from components.io.synth import synthesize

    out = tmp_path_factory.mktemp("big") / "data"
    synthesize(40_000, out, seed=1)
    return out


def test_synthetic_data_is_valid_and_realistic(synth_dir):
    ds = load(synth_dir)
    assert len(ds.events) == 4000 and len(ds.factions) >= 24 and len(ds.actors) >= 200
    per_actor = ds.actor_factions.groupby("actor_id").size()
    assert per_actor.min() >= 1 and per_actor.max() <= 3
    precision = ds.events["precision"].astype(str).value_counts(normalize=True)
    assert precision["day"] > 0.6 and {"month", "year", "interval"} <= set(precision.index)
    assert set(ds.events["status"].astype(str)) == {"occurred", "planned", "reported"}
    assert 0.05 < len(ds.quotes) / len(ds.events) < 0.15
    assert (ds.events["end"].max() - ds.events["start"].min()).days > 3 * 365
    assert ds.quotes["verified"].all()
    assert ds.events["uncertain"].any() and ds.events["approximate"].any()


def test_cli_validates_a_parquet_directory(synth_dir):
    out = subprocess.run(
        [sys.executable, "-m", "components.cli", "validate", str(synth_dir)], cwd=ROOT, capture_output=True, text=True
    )
    assert out.returncode == 0 and "4,000 events" in out.stdout


def test_parquet_and_csv_give_the_same_model(synth_dir, tmp_path):
    csv_only = tmp_path / "csv"
    shutil.copytree(synth_dir, csv_only)
    for parquet in csv_only.glob("*.parquet"):
        parquet.unlink()
    parquet_only = tmp_path / "parquet"
    shutil.copytree(synth_dir, parquet_only)
    for csv in parquet_only.glob("*.csv"):
        csv.unlink()
    a, b = load(csv_only), load(parquet_only)
    for name in ("events", "quotes", "actors", "factions", "event_factions", "event_actors"):
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name), check_dtype=False, check_categorical=False)
    assert a.article_texts == b.article_texts


def test_lane_counts_match_the_event_level_model(synth_dir):
    ds = load(synth_dir)
    sel = apply(ds, Filters(factions=("f01", "f02")))
    lc = lane_counts(ds, sel.event_pos, only=("f01", "f02"))
    ef = ds.event_factions
    expected = ef[np.isin(ef["event_pos"], sel.event_pos) & ef["faction_id"].isin(["f01", "f02"])]
    assert lc.total == len(expected)
    assert [f for f, _ in lc.lanes] == ["f01", "f02"]


def test_bubble_figure_is_bounded_and_drills_down(big_dir):
    ds = load(big_dir)
    lc = lane_counts(ds, np.arange(len(ds.events)))
    assert lc.total > MAX_MARKS
    fig = density_timeline(ds, lc)
    assert len(fig.to_json()) < 600_000
    cd = [int(v) for v in fig.data[0].customdata[0]]
    faction_id, first, last = drill_target(ds, cd)
    assert faction_id == lc.lanes[0][0] and first <= last
    assert drill_target(ds, ["ev-1"]) is None


def payload(at: AppTest) -> int:
    """Bytes of every element the run produced (what the browser is sent on a first view)."""
    total, stack = 0, [at._tree]
    while stack:
        node = stack.pop()
        proto = getattr(node, "proto", None)
        if proto is not None and hasattr(proto, "ByteSize"):
            total += proto.ByteSize()
        stack.extend(getattr(node, "children", {}).values())
    return total


def run_app(directory, monkeypatch, query=None, tab=None) -> AppTest:
    monkeypatch.setenv("FACTIONLINE_DATA", str(directory))
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params.update(query or {})
    if tab:
        at.session_state["view"] = tab
    return at.run()


def test_payload_bounded_and_counts_mode_at_large_n(big_dir, monkeypatch):
    at = run_app(big_dir, monkeypatch)
    assert not at.exception
    assert any("Counts mode" in c.value for c in at.caption)
    size = payload(at)
    assert size < 2_000_000, size
    table = run_app(big_dir, monkeypatch, tab="Table & downloads")
    assert payload(table) < 2_000_000
    assert table.dataframe[0].value.shape[0] == 250  # one page of the table


def test_event_mode_returns_when_the_selection_is_small(big_dir, monkeypatch):
    ds = load(big_dir)
    day = ds.events["start"].iloc[len(ds.events) // 2].date().isoformat()
    at = run_app(big_dir, monkeypatch, {"faction": "f05", "from": day, "to": day})
    assert not at.exception
    assert any("Event mode" in c.value for c in at.caption)
    assert not any("Counts mode" in c.value for c in at.caption)


def test_payload_does_not_grow_with_n(synth_dir, big_dir, monkeypatch):
    small = payload(run_app(synth_dir, monkeypatch))
    large = payload(run_app(big_dir, monkeypatch))
    assert large < 1.6 * small, (small, large)


def test_counts_mode_coarsens_buckets_to_bound_the_bubbles(big_dir):
    from components.analysis.aggregate import MAX_BUBBLES, bucket_for

    ds = load(big_dir)
    lc = lane_counts(ds, np.arange(len(ds.events)), bucket="week")  # many lanes x many weeks
    assert len(lc.lanes) * len(lc.starts) > MAX_BUBBLES
    coarser = bucket_for(lc.starts[0], lc.ends[-1], len(lc.lanes))
    assert coarser in ("month", "quarter", "year")
    lc2 = lane_counts(ds, np.arange(len(ds.events)), bucket=coarser)
    assert len(lc2.lanes) * len(lc2.starts) <= MAX_BUBBLES
    assert lc2.total == lc.total  # the same events, in fewer, wider buckets
    if coarser == "quarter":
        assert all(str(s)[5:] in ("01-01", "04-01", "07-01", "10-01") for s in lc2.starts)
    fig = density_timeline(ds, lc2)
    assert sum(len(t.x) for t in fig.data) <= MAX_BUBBLES


def test_rows_in_any_order_give_the_same_model(synth_dir, tmp_path):
    """factionline writes events in date order (loading skips the sort); a shuffled table is sorted on
    load (column by column in threads) into the same model."""
    shuffled = tmp_path / "shuffled"
    shutil.copytree(synth_dir, shuffled)
    events = pd.read_parquet(shuffled / "events.parquet")
    events.sample(frac=1, random_state=7).to_parquet(shuffled / "events.parquet", index=False)
    a, b = load(synth_dir), load(shuffled)
    assert a.events["start"].is_monotonic_increasing and b.events["start"].is_monotonic_increasing
    # Rows of the same dates may come in another order: compare as sets of rows.
    key = ["start", "end", "event_id"]
    pd.testing.assert_frame_equal(
        a.events.sort_values(key).reset_index(drop=True),
        b.events.sort_values(key).reset_index(drop=True),
        check_categorical=False,
    )
    assert len(a.event_factions) == len(b.event_factions)


def test_columns_read_in_several_chunks_work_alike(synth_dir):
    """A big Parquet file arrives as several Arrow chunks per column (small test files as one)."""
    import dataclasses

    import pyarrow as pa

    ds = load(synth_dir)
    events = ds.events.copy()
    for column in ("event_id", "title", "summary", "actor_ids", "evidence"):
        cells = events[column]
        events[column] = pd.Series(
            pa.chunked_array([pa.array(cells[:1000]), pa.array(cells[1000:])]), dtype="str", index=events.index
        )
        assert events[column].array._pa_array.num_chunks == 2
    chunked = dataclasses.replace(ds, events=events)
    assert chunked.event_search.equals(ds.event_search)
    sel = apply(chunked, Filters(q="synthetic"))
    assert len(sel.event_pos) == len(apply(ds, Filters(q="synthetic")).event_pos) > 0
