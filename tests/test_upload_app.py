"""Uploading your own data in the app (AppTest): it replaces this session's view, or says why not."""

import io
import zipfile

import pytest
from streamlit.testing.v1 import AppTest

from .conftest import BUNDLED, SHARED, edit
from .test_app import APP, counts_line

GDELT2 = SHARED / "fixtures" / "external" / "gdelt" / "20191024143000.export.CSV"
WOMEN = SHARED / "fixtures" / "external" / "timelinejs" / "women_in_computing.json"
needs_fixtures = pytest.mark.skipif(not GDELT2.exists(), reason="../shared/fixtures is absent")


def zipped(directory) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for path in directory.rglob("*"):
            if path.is_file():
                z.write(path, f"mydata/{path.relative_to(directory).as_posix()}")
    return buffer.getvalue()


def errors(at: AppTest) -> list[str]:
    return [e.value.replace("\\", "") for e in at.error]  # messages are Markdown-escaped


def upload(name: str, content: bytes, query=None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params.update(query or {})
    at.run()
    at.file_uploader(key="upload-file").set_value((name, content, "application/octet-stream"))
    return at.run()


@needs_fixtures
def test_gdelt_upload_replaces_the_view_then_removing_it_goes_back(monkeypatch):
    monkeypatch.delenv("FACTIONLINE_DATA", raising=False)
    at = upload(GDELT2.name, GDELT2.read_bytes(), {"faction": "hamas"})
    assert not at.exception and not at.error
    assert "of 2,111 events" in counts_line(at)
    assert any("Viewing" in c.value and "20191024143000" in c.value for c in at.caption)
    said = " ".join(c.value for c in at.caption)
    assert "This link opens the server's data, not your upload" in said  # issue 25: a link is not the upload
    at.file_uploader(key="upload-file").set_value(None)
    at.run()
    assert counts_line(at).startswith("13 of 13 events")


@needs_fixtures
def test_timelinejs_upload_lands_in_group_lanes():
    at = upload(WOMEN.name, WOMEN.read_bytes())
    assert not at.exception and not at.error
    assert "10 of 10 events" in counts_line(at)


def test_zip_of_a_data_directory(data_copy):
    edit(
        data_copy,
        "events.csv",
        "Hamas and Fatah representatives to meet in Moscow",
        "Hamas and Fatah representatives to meet in Moscow (uploaded copy)",
    )
    at = upload("mydata.zip", zipped(data_copy))
    assert not at.exception and not at.error
    assert "13 of 13 events" in counts_line(at)
    at.session_state["view"] = "Table & downloads"
    at.run()
    titles = list(at.dataframe[0].value["Title"]) if at.dataframe else []
    assert any("(uploaded copy)" in t for t in titles)


def test_a_broken_zip_gets_the_validation_report_and_keeps_the_view(data_copy):
    edit(data_copy, "events.csv", "2023-10-07,", "2023-13-07,")
    at = upload("broken.zip", zipped(data_copy))
    assert not at.exception
    assert any("problem(s)" in e for e in errors(at))
    report = at.dataframe[0].value
    assert list(report["File"]) == ["events.csv"] and list(report["Column"]) == ["date"]
    assert "13 of 13 events" in counts_line(at)  # still the bundled data


@pytest.mark.parametrize(
    "name, content, words",
    [
        ("notes.txt", b"just some words\nnothing tabular\n", "not a format Factionline imports"),
        ("bad.zip", b"PK\x03\x04 not really a zip", "not a readable zip"),
        ("empty.csv", b"", "empty"),
        ("latin1.csv", "date,title\n2024-01-01,Caf\u00e9\n".encode("latin-1"), "line 2"),
        ("nofolder.zip", None, "no events.csv"),
    ],
)
def test_unusable_uploads_say_why(name, content, words):
    if content is None:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as z:
            z.writestr("readme.txt", "hello")
        content = buffer.getvalue()
    at = upload(name, content)
    assert not at.exception
    assert any(words in e for e in errors(at)), errors(at)
    assert "13 of 13 events" in counts_line(at)


def test_nothing_is_written_into_the_bundled_data():
    before = sorted((p.relative_to(BUNDLED).as_posix(), p.stat().st_mtime_ns) for p in BUNDLED.rglob("*"))
    upload("table.csv", b"date,title,actor_ids\n2024-02-29,Talks in Moscow,Hamas;Fatah\n")
    after = sorted((p.relative_to(BUNDLED).as_posix(), p.stat().st_mtime_ns) for p in BUNDLED.rglob("*"))
    assert before == after
