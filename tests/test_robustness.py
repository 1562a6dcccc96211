"""Robustness: broken inputs get a clear report (file, row, column) in the CLI and the app, never a
traceback; random query parameters never raise; the access lock shows nothing before sign-in; CSV
exports neutralise formulas; the hosting files carry the hardened settings."""

import random
import string
import tomllib

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from components import cli
from components.analysis.export import table_csv, table_json
from components.data.load import load
from components.data.problems import InvalidData

from .broken_inputs import CASES
from .conftest import ROOT
from .test_app import APP, counts_line


def _problem(directory, file, has_row, column):
    with pytest.raises(InvalidData) as err:
        load(directory)
    hits = [p for p in err.value.problems if p.file == file and (column is None or p.column == column)]
    assert hits, [str(p) for p in err.value.problems]
    if has_row:
        assert any(p.row for p in hits), [str(p) for p in hits]
    return next((p for p in hits if p.row), hits[0]) if has_row else hits[0]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_broken_input_in_the_cli(case, data_copy, capsys):
    _, mutate, file, has_row, column = case
    mutate(data_copy)
    expected = _problem(data_copy, file, has_row, column)
    assert cli.main(["validate", str(data_copy)]) == 1
    out = capsys.readouterr()
    assert "Traceback" not in out.err + out.out
    assert expected.where() in out.err and expected.message in out.err


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_broken_input_in_the_app(case, data_copy, monkeypatch):
    _, mutate, file, has_row, column = case
    mutate(data_copy)
    expected = _problem(data_copy, file, has_row, column)
    monkeypatch.setenv("FACTIONLINE_DATA", str(data_copy))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert at.error and "cannot be opened" in at.error[0].value
    report = at.dataframe[0].value
    rows = report[(report["File"] == expected.file) & (report["Column"] == (expected.column or ""))]
    assert len(rows), report
    if has_row:
        assert expected.row in set(rows["Row"])
    assert not at.get("plotly_chart")


def test_a_missing_data_directory_is_a_message_too(tmp_path, monkeypatch, capsys):
    assert cli.main(["validate", str(tmp_path / "nope")]) == 1
    assert "does not exist" in capsys.readouterr().err
    monkeypatch.setenv("FACTIONLINE_DATA", str(tmp_path / "nope"))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception and at.error


# --- query parameters ----------------------------------------------------------------------------
def _junk(rng: random.Random) -> str:
    alphabet = string.printable + "éß漢字🕊️\u202e\u0000<>\"'`;&=%"
    return "".join(rng.choice(alphabet) for _ in range(rng.choice([0, 1, 5, 40, 300, 3000])))


def test_random_query_parameters_never_raise_in_the_app():
    rng = random.Random(7)
    names = ["faction", "actor", "type", "status", "from", "to", "q", "event", "view", "data", "path", _junk(rng)]
    for _ in range(25):
        at = AppTest.from_file(APP, default_timeout=60)
        params = {}
        for name in rng.sample(names, rng.randint(1, 6)):
            values = [_junk(rng) for _ in range(rng.randint(1, 3))]
            params[name] = values if len(values) > 1 else values[0]
        at.query_params.update(params)
        at.run()
        assert not at.exception, params
        assert counts_line(at)  # a page, not an error


# --- access lock ---------------------------------------------------------------------------------
def test_password_lock_shows_nothing_before_sign_in(monkeypatch):
    monkeypatch.setenv("FACTIONLINE_PASSWORD", "s3cret – with spaces")
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"faction": "hamas"})
    at.run()
    assert not at.exception
    assert not at.get("plotly_chart") and not at.dataframe and not at.multiselect
    assert not [c for c in at.caption if "events" in c.value]
    text = " ".join(str(e.value) for e in (*at.markdown, *at.caption, *at.title) if hasattr(e, "value"))
    assert "Moscow" not in text and "Hamas" not in text
    at.text_input(key="password-input").input("wrong")
    at.button[0].click()
    at.run()
    assert any("do not match" in e.value for e in at.error)
    assert not at.get("plotly_chart")
    at.text_input(key="password-input").input("s3cret – with spaces")
    at.button[0].click()
    at.run()
    assert not at.exception and at.get("plotly_chart")
    from components.analysis.query import Filters, apply

    n = apply(load(ROOT / "data"), Filters(factions=("hamas",))).n_events
    assert counts_line(at).startswith(f"{n} of 13 events")  # the link's ?faction=hamas survives sign-in


def test_without_a_password_the_app_is_open(monkeypatch):
    monkeypatch.delenv("FACTIONLINE_PASSWORD", raising=False)
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert at.get("plotly_chart")
    assert not [t for t in at.text_input if t.key == "password-input"]


def test_password_comparison_is_constant_time_and_exact():
    from components.ui.auth import matches

    assert matches("abc", "abc") and not matches("abd", "abc") and not matches("ab", "abc")
    assert matches("pässwörd", "pässwörd") and not matches("", "x")


# --- exports -------------------------------------------------------------------------------------
def test_csv_export_neutralises_formulas_and_json_keeps_plain_data():
    frame = pd.DataFrame(
        {
            "event_id": [
                '=HYPERLINK("http://evil.example","x")',
                "+1+1",
                "-2",
                "@SUM(A1)",
                "\tTAB",
                "\rCR",
                "plain",
                "a=b",
            ]
        },
        dtype="str",
    )
    import csv
    import io

    cells = [row[0] for row in csv.reader(io.StringIO(table_csv(frame, "events").decode(), newline=""))][1:]
    assert cells == [
        '\'=HYPERLINK("http://evil.example","x")',
        "'+1+1",
        "'-2",
        "'@SUM(A1)",
        "'\tTAB",
        "'\rCR",
        "plain",
        "a=b",
    ]
    assert '"=HYPERLINK' in table_json(frame, "events").decode()  # JSON is plain data, not a spreadsheet


# --- hosting files -------------------------------------------------------------------------------
def test_streamlit_config_is_hardened():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["enableXsrfProtection"] is True
    assert config["server"]["enableCORS"] is True and config["server"]["corsAllowedOrigins"] == []
    assert config["server"]["maxUploadSize"] <= 200
    assert config["server"]["enableStaticServing"] is False
    assert config["browser"]["gatherUsageStats"] is False
    assert config["client"]["showErrorDetails"] == "none"
    assert config["client"]["toolbarMode"] == "viewer"
    assert config["client"]["disableDataExport"] is True  # the grids' raw CSV download (formulas) is gone


def test_dockerfile_and_cloud_files():
    docker = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert "ARG BASE_IMAGE=" in docker and "FROM ${BASE_IMAGE}" in docker
    user = [line.split()[1] for line in docker.splitlines() if line.startswith("USER ")]
    assert user and user[-1] not in ("root", "0")
    assert "HEALTHCHECK" in docker and "factionline health" in docker  # /_stcore/health on $STREAMLIT_SERVER_PORT
    assert "FACTIONLINE_DATA" in docker and "EXPOSE 8501" in docker
    requirements = [
        line
        for line in (ROOT / "requirements.txt").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert requirements == ["."]  # one dependency file; versions live in pyproject.toml
    assert not (ROOT / ".streamlit" / "secrets.toml").exists()


def test_no_path_is_taken_from_the_url(monkeypatch):
    monkeypatch.delenv("FACTIONLINE_DATA", raising=False)
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"data": "/etc", "path": "../../etc/passwd", "FACTIONLINE_DATA": "/tmp"})
    at.run()
    assert not at.exception and not at.error
    assert counts_line(at).startswith("13 of 13 events")  # still the configured (bundled) data


def test_factionline_run_passes_every_hardened_setting_including_nested_tables():
    from components.cli import streamlit_flags

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    flags = {f.split("=", 1)[0] for f in streamlit_flags()}

    def leaves(prefix, table):
        for name, value in table.items():
            if isinstance(value, dict):
                yield from leaves(f"{prefix}.{name}", value)
            elif value != []:
                yield f"--{prefix}.{name}"

    expected = {leaf for section, table in config.items() for leaf in leaves(section, table)}
    assert expected <= flags and "--theme.light.primaryColor" in flags
