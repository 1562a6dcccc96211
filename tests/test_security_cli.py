"""Issue 35's smaller items on the command line: each misuse is one line and the right exit status, and
nothing is created by a command that only reads."""

from __future__ import annotations

import pytest

from components import cli


def test_a_negative_part_size_is_refused(tmp_path, capsys):
    with pytest.raises(SystemExit) as stop:
        cli.main(["synth", "--events", "10", "--out", str(tmp_path / "o"), "--part-size", "-1"])
    assert stop.value.code != 0 and "give 1 or more" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize("command", [["export", "--out", "{tmp}/out"], ["store", "versions"]])
def test_reading_a_mistyped_sqlite_store_creates_nothing(tmp_path, capsys, command):
    mistyped = tmp_path / "stroe.sqlite"
    argv = [a.replace("{tmp}", str(tmp_path)) for a in command] + ["--store", f"sqlite:///{mistyped}"]
    assert cli.main(argv) == 1
    err = capsys.readouterr().err
    assert "there is no store" in err and "Traceback" not in err
    assert not mistyped.exists() and not (tmp_path / "out").exists()


def test_health_checks_the_store_named_in_the_secrets_and_creates_no_file(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("FACTIONLINE_STORE", raising=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data-home"))  # where the default SQLite file would go
    (tmp_path / ".streamlit").mkdir()
    (tmp_path / ".streamlit" / "secrets.toml").write_text(
        '[connections.factionline]\ndialect = "postgresql"\ndriver = "psycopg"\nhost = "127.0.0.1"\n'
        'port = 1\nusername = "nobody"\ndatabase = "none"\n'
    )
    assert cli._store_health() == 0
    out = capsys.readouterr().out
    assert "127.0.0.1:1/none" in out and "cannot be reached" in out  # that store, said to be down
    assert not (tmp_path / "data-home").exists()  # and no SQLite store made on the side


def test_granting_to_a_role_that_does_not_exist_says_so(store_url, capsys):
    if not store_url.startswith("postgresql"):
        pytest.skip("grants are PostgreSQL's")
    assert cli.main(["store", "migrate", "--store", store_url]) == 0
    capsys.readouterr()
    assert cli.main(["store", "grant", "nosuchrole", "--store", store_url]) == 1
    err = capsys.readouterr().err
    assert "no database role 'nosuchrole'" in err and "cannot be reached" not in err


def test_an_article_too_large_to_publish_is_refused_at_entry_and_publishing_still_works(tmp_path):
    import datetime as dt

    from components.store import curation, versions, workcopy
    from components.store.db import open_store
    from components.store.roles import User

    from .conftest import BUNDLED

    editor = User("Ed Itor", "editor")
    engine = open_store(f"sqlite:///{tmp_path / 'store.sqlite'}")
    workcopy.import_directory(engine, User("Operator", "admin"), BUNDLED)
    huge = "A fictional paragraph about a harbour council meeting. " * 110_000  # about 6 MB
    with pytest.raises(curation.Refused, match="larger than 5 MB"):
        curation.add_article(
            engine, editor, text=huge, title="Harbour council", outlet="Eastwire", published=dt.date(2024, 3, 1)
        )
    assert versions.publish(engine, editor, "after the refused article").version_id == 1


@pytest.mark.parametrize("error,says", [(EOFError(), "input ended"), (OverflowError("int too large"), "too large")])
def test_an_ended_input_or_an_overflow_is_one_line_not_an_unexpected_error(tmp_path, capsys, monkeypatch, error, says):
    import getpass

    def fail(*_args, **_kwargs):
        raise error

    monkeypatch.setattr(getpass, "getpass", fail)  # where `accounts add` asks for the password
    argv = ["accounts", "add", "Dana Levi", "--role", "editor", "--store", f"sqlite:///{tmp_path / 's.sqlite'}"]
    assert cli.main(argv) == 1
    err = capsys.readouterr().err
    assert says in err and "unexpected error" not in err and "Traceback" not in err


@pytest.mark.parametrize(
    "cell, named",
    [("Talks\rin Cairo", "carriage return"), ("Talks\x00in Cairo", "NUL"), ("Talks\x1bin Cairo", "escape")],
)
def test_a_control_character_in_an_imported_table_is_named_at_its_cell_as_validate_does(tmp_path, capsys, cell, named):
    """A lone CR was dropped silently by `import table`, a NUL made the file "binary", while validate and the
    upload named the cell: one rule (data/controls.py), the same message, the row left out and said so."""
    table = tmp_path / "events.csv"
    table.write_bytes(
        ("date,title\n2024-02-29,Meeting in Moscow\n" + f'2024-03-01,"{cell}"\n2024-03-02,Statement\n').encode()
    )
    cli.main(["import", "table", str(table), "--out", str(tmp_path / "out")])
    out = capsys.readouterr()
    said = out.out + out.err
    assert "binary" not in said and "Traceback" not in said
    assert "line 3" in said and "title" in said and named.lower() in said.lower(), said
    events = (tmp_path / "out" / "events.csv").read_text(encoding="utf-8")
    assert "Meeting in Moscow" in events and "Statement" in events and "Talks" not in events
