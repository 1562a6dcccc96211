"""The upload budget: all sessions' uploads together stay within it; ended sessions give it back."""

import gc

import pytest
from streamlit.testing.v1 import AppTest

from components.data.load import load
from components.io.uploadbudget import ESTIMATE_FACTOR, OverBudget, UploadBudget, dataset_bytes

from .conftest import BUNDLED
from .test_app import APP
from .test_upload_app import errors, zipped


def test_leases_add_up_and_are_given_back():
    budget = UploadBudget(1_000)
    a = budget.reserve(600)
    with pytest.raises(OverBudget, match="in use"):
        budget.reserve(500)
    b = budget.reserve(400)
    assert budget.used() == 1_000
    a.release()
    assert budget.used() == 400
    del b  # a dropped upload (its session ended) gives its share back
    gc.collect()
    assert budget.used() == 0


def test_settling_to_the_measured_size_can_refuse():
    budget = UploadBudget(1_000)
    lease = budget.reserve(100)
    with pytest.raises(OverBudget):
        lease.settle(2_000)
    assert budget.used() == 0


def test_a_replacement_may_count_on_the_share_it_replaces():
    budget = UploadBudget(1_000)
    old = budget.reserve(800)
    new = budget.reserve(900, returning=old)
    old.release()
    assert budget.used() == new.bytes == 900


def test_setting_from_the_environment(monkeypatch):
    monkeypatch.setenv("FACTIONLINE_UPLOAD_BUDGET_MB", "3")
    assert UploadBudget.from_environment().limit == 3_000_000
    monkeypatch.setenv("FACTIONLINE_UPLOAD_BUDGET_MB", "lots")
    assert UploadBudget.from_environment().limit == 1024 * 1_000_000


def test_measured_size_counts_strings():
    ds = load(BUNDLED)
    text = sum(len(v.encode()) for v in ds.article_texts.values())
    cells = sum(ds.events[c].str.len().sum() for c in ("title", "summary", "evidence"))
    assert dataset_bytes(ds) > text + cells


def _session_with_upload(content: bytes) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    at.file_uploader(key="upload-file").set_value(("mine.zip", content, "application/zip"))
    return at.run()


def test_sessions_share_the_budget_and_an_ended_session_frees_it(monkeypatch):
    content = zipped(BUNDLED)
    need = dataset_bytes(load(BUNDLED))
    estimate = len(content) * ESTIMATE_FACTOR
    # Room for one upload of the bundled data (its estimate, then its measured size), not a second one.
    assert estimate < 9 * need
    monkeypatch.setenv("FACTIONLINE_UPLOAD_BUDGET_MB", str(0.9 * (need + estimate) / 1e6))
    first = _session_with_upload(content)
    assert not errors(first) and "Viewing" in " ".join(c.value for c in first.sidebar.caption)
    second = _session_with_upload(content)
    [message] = errors(second)
    assert "memory for uploads is in use" in message and "FACTIONLINE_UPLOAD_BUDGET_MB" in message
    assert not second.exception
    del first  # the first session ends: its state, and its upload, are dropped
    gc.collect()
    third = _session_with_upload(content)
    assert not errors(third), errors(third)
