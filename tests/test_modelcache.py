"""The private model cache: same model back, invalidated by any change, never in the data directory."""

import os

import pytest

from components.data import modelcache
from components.data.problems import InvalidData
from tests.conftest import edit


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("FACTIONLINE_CACHE", str(folder))
    monkeypatch.setattr(modelcache, "MIN_EVENTS", 0)
    return folder


def test_second_load_comes_from_the_cache_and_equals_the_first(data_copy, cache):
    first = modelcache.load_cached(data_copy)
    stored = list(cache.glob("*.pickle"))
    assert len(stored) == 1
    before = sorted(p.name for p in data_copy.rglob("*"))
    second = modelcache.load_cached(data_copy)
    assert sorted(p.name for p in data_copy.rglob("*")) == before  # nothing written beside the data
    assert second.events.equals(first.events)
    assert second.event_factions.equals(first.event_factions)
    assert second.event_search.equals(first.event_search)


def test_an_edit_to_any_file_invalidates_the_cached_model(data_copy, cache):
    modelcache.load_cached(data_copy)
    edit(data_copy, "events.csv", "Hamas–Fatah rupture of 2007", "Hamas–Fatah split of 2007")
    os.utime(data_copy / "events.csv", ns=(1, 1))  # even an mtime in the past: the size changed too
    ds = modelcache.load_cached(data_copy)
    assert "Hamas–Fatah split of 2007 (what Abbas called “the coup”)" in set(ds.events["title"])
    assert len(list(cache.glob("*.pickle"))) == 2


def test_invalid_data_is_reported_and_not_cached(data_copy, cache):
    edit(data_copy, "events.csv", "2023-10-07,", "2023-13-07,")
    with pytest.raises(InvalidData):
        modelcache.load_cached(data_copy)
    assert not cache.exists() or not list(cache.glob("*.pickle"))


def test_off_switch_and_small_tables_write_nothing(data_copy, cache, monkeypatch):
    monkeypatch.setattr(modelcache, "MIN_EVENTS", 50_000)
    modelcache.load_cached(data_copy)
    assert not cache.exists()
    monkeypatch.setenv("FACTIONLINE_CACHE", "off")
    monkeypatch.setattr(modelcache, "MIN_EVENTS", 0)
    modelcache.load_cached(data_copy)
    assert not cache.exists()


def test_a_corrupt_cache_file_is_rebuilt(data_copy, cache):
    modelcache.load_cached(data_copy)
    (path,) = cache.glob("*.pickle")
    path.write_bytes(b"not a pickle")
    ds = modelcache.load_cached(data_copy)
    assert len(ds.events) == 13
