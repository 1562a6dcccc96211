"""Progress of long work (components/progress.py): plain lines in a log, a bar on a terminal, nothing with
--quiet, always on stderr; the phases of a real ingest and validate in order; what the page says while a
dataset opens."""

from __future__ import annotations

import ast
import io
import re

import pytest

from components import progress
from components.cli import main
from components.io.synth import synthesize

from .conftest import ROOT


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def phases_said(err: str, command: str) -> list[str]:
    """The phases a command's plain lines name, in order, each once per run of it."""
    names = re.findall(rf"^factionline {command} · (\w+): ", err, flags=re.M)
    return [n for i, n in enumerate(names) if i == 0 or names[i - 1] != n]


@pytest.fixture(scope="module")
def directory(tmp_path_factory):
    root = tmp_path_factory.mktemp("progress") / "data"
    synthesize(1_200, root, seed=4, reports=0.2)
    return root


def test_plain_lines_say_each_phase_its_count_and_its_end():
    out = io.StringIO()
    with progress.reporting(progress.Lines("factionline ingest", every=0, stream=out)):
        for _ in progress.track(range(3), "split", unit="rows"):
            with progress.phase("check", total=10) as shown:
                shown.advance(10)
    lines = out.getvalue().splitlines()
    assert lines[0] == "factionline ingest · split: streaming the events into parts (3 rows)"
    assert lines[1] == "factionline ingest · check: checking every rule and passage (10 events)"
    assert lines[2].startswith("factionline ingest · check: 10 of 10 events (100%), ")
    assert lines[-1].startswith("factionline ingest · split: 3 of 3 rows (100%), ") and lines[-1].endswith(" s")


def test_a_quick_phase_in_a_log_says_nothing_and_a_slow_one_says_where_it_is(monkeypatch):
    out = io.StringIO()
    with progress.reporting(progress.Lines("factionline validate", every=10, stream=out)):
        with progress.phase("check", total=4) as shown:
            shown.advance(4)
    assert out.getvalue() == ""  # a command of a second leaves a log as it was
    reporter = progress.Lines("factionline validate", every=10, stream=out)
    with progress.reporting(reporter):
        with progress.phase("check", total=8) as shown:
            shown.advance(2)
            reporter.last -= 11  # ten seconds and more since anything was said
            reporter.tick()
            shown.advance(6)
    said = out.getvalue().splitlines()
    assert said[0].startswith("factionline validate · check: 2 of 8 events (25%), ") and said[0].endswith("so far")
    assert said[1].startswith("factionline validate · check: 8 of 8 events (100%), ") and "(stopped)" not in said[1]


def test_an_error_ends_a_phase_as_stopped():
    out = io.StringIO()
    with pytest.raises(ValueError), progress.reporting(progress.Lines("factionline merge", every=0, stream=out)):
        with progress.phase("check", total=2, unit="directories"):
            raise ValueError("a bad input")
    assert out.getvalue().splitlines()[-1].endswith("(stopped)")


def test_a_terminal_gets_a_bar_and_quiet_gets_nothing(monkeypatch):
    monkeypatch.setenv("TERM", "xterm")
    screen = Terminal()
    reporter = progress.for_command("ingest", stream=screen)
    assert isinstance(reporter, progress.Bar)
    with progress.reporting(reporter):
        with progress.phase("split", total=2_000_000, unit="rows") as shown:
            shown.advance(2_000_000)
    drawn = screen.getvalue()
    assert "factionline ingest · split" in drawn and "100%" in drawn and "2.00M/2.00M" in drawn
    assert progress.for_command("ingest", quiet=True, stream=screen) is None
    assert isinstance(progress.for_command("ingest", stream=io.StringIO()), progress.Lines)  # a log


def test_validate_in_parts_says_its_phases_on_stderr_only(directory, capsys, monkeypatch):
    monkeypatch.setenv("FACTIONLINE_PROGRESS_SECONDS", "0")
    assert main(["validate", str(directory), "--part-rows", "500"]) == 0
    shown = capsys.readouterr()
    assert phases_said(shown.err, "validate") == ["split", "ids", "check"]
    assert re.search(r"· check: 1,200 of 1,200 events \(100%\)", shown.err)
    assert main(["validate", str(directory), "--part-rows", "500", "--quiet"]) == 0
    quiet = capsys.readouterr()
    assert quiet.err == ""
    assert quiet.out == shown.out and "valid — 1,200 events" in shown.out  # stdout is the result, the same


def test_ingest_reports_split_check_write_rollups_checksums_in_order(directory, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("FACTIONLINE_PROGRESS_SECONDS", "0")
    assert main(["ingest", str(directory), "--out", str(tmp_path / "ds"), "--part-rows", "500"]) == 0
    shown = capsys.readouterr()
    assert phases_said(shown.err, "ingest") == ["split", "check", "write", "rollups", "checksums"]
    assert re.search(r"· check: 1,200 of 1,200 events \(100%\)", shown.err)
    assert "ingest ·" not in shown.out and shown.out.startswith(f"{tmp_path / 'ds'}: 1,200 events")


def test_every_phase_named_in_the_code_is_registered():
    """A phase is one record of PHASES (what the page and the docs say of it): a name used anywhere else
    would fail only when that loop runs."""
    used = set()
    for path in (ROOT / "components").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", None) in ("phase", "track"):
                args = [a for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
                used |= {a.value for a in args[:1]}
    assert {"split", "check", "write", "checksums", "verify", "build"} <= used
    assert used <= set(progress.PHASES), used - set(progress.PHASES)
    with pytest.raises(KeyError), progress.phase("unknown"):
        pass


def test_the_page_says_which_phases_are_done_and_which_is_under_way():
    from components.ui.loading import page_text

    reporter = progress.Reporter()
    reporter.title = "Opening the event data"
    with progress.reporting(reporter):
        with progress.phase("verify", total=10, unit="bytes") as checked:
            checked.advance(10)
        with progress.phase("build"):
            text = page_text(reporter)
    lines = text.split("  \n")
    assert lines[0].startswith("**Opening the event data** · ")
    assert lines[1].startswith(":material/check: Checking the files against the manifest · ")
    assert lines[2].startswith(":material/pending: Building the model… ") and lines[2].endswith(" so far")


def test_synth_import_and_merge_say_their_phases(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("FACTIONLINE_PROGRESS_SECONDS", "0")
    assert main(["synth", "--events", "300", "--out", str(tmp_path / "synth")]) == 0
    assert phases_said(capsys.readouterr().err, "synth") == ["generate", "write", "generate"]  # articles within
    table = tmp_path / "events.csv"  # a fictional table
    table.write_text("date,title\n2024-02-29,A council meets\n2024-03,A march is planned\n", encoding="utf-8")
    assert main(["import", "table", str(table), "--out", str(tmp_path / "imported")]) == 0
    assert phases_said(capsys.readouterr().err, "import") == ["digest", "convert", "write", "check"]
    imported = str(tmp_path / "imported")
    assert main(["merge", imported, imported, "--out", str(tmp_path / "merged")]) == 0
    assert phases_said(capsys.readouterr().err, "merge") == ["check", "combine", "duplicates", "check"]


def test_a_closed_stderr_hides_progress_and_the_work_goes_on():
    gone = io.StringIO()
    gone.close()
    with progress.reporting(progress.Lines("factionline ingest", every=0, stream=gone)):
        with progress.phase("write", unit="tables") as shown:
            shown.advance(3)
    assert shown.done == 3 and shown.completed
