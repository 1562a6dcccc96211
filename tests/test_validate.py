"""Every validation rule, each caught on a small broken copy of the bundled data."""

import subprocess
import sys

import pytest

from components.data.load import load
from components.data.loader import read_directory
from components.data.problems import InvalidData
from components.data.validate import validate

from .conftest import BUNDLED, edit

MEETING = "ev-2024-02-29-hamas-fatah-meet-moscow"


def problems(directory):
    raw, found = read_directory(directory)
    return found + validate(raw)


def only(found, file, column=None):
    hits = [p for p in found if p.file == file and (column is None or p.column == column)]
    assert hits, f"no problem for {file}/{column} in {[str(p) for p in found]}"
    return hits


def test_bundled_data_is_clean():
    assert problems(BUNDLED) == []


def test_missing_file(data_copy):
    (data_copy / "quotes.csv").unlink()
    [p] = only(problems(data_copy), "quotes.csv")
    assert "missing" in p.message and "quote_id" in p.fix


def test_missing_directory(tmp_path):
    [p] = problems(tmp_path / "nope")
    assert "does not exist" in p.message


def test_missing_column(data_copy):
    edit(data_copy, "factions.csv", "faction_id,name,kind,color", "faction_id,name,kind,colour")
    found = only(problems(data_copy), "factions.csv", "color")
    assert found[0].row == 1 and "missing" in found[0].message


def test_duplicate_id(data_copy):
    edit(data_copy, "actors.csv", "bogdanov,Mikhail", "zomlot,Mikhail")
    found = only(problems(data_copy), "actors.csv", "actor_id")
    assert len(found) == 2 and all("more than one row" in p.message for p in found)
    assert {p.row for p in found} == {8, 11}


def test_blank_id(data_copy):
    edit(data_copy, "sources.csv", "reuters,Reuters", ",Reuters")
    [p] = only(problems(data_copy), "sources.csv", "source_id")
    assert p.row == 3 and "blank" in p.message


@pytest.mark.parametrize(
    "file, old, new, column, target",
    [
        ("events.csv", "hamas;fatah,aj", "hamas;fatahh,aj", "actor_ids", "actors.csv"),
        (
            "actors.csv",
            "abbas,Mahmoud Abbas,person,fatah;pa",
            "abbas,Mahmoud Abbas,person,fatah;plo",
            "faction_ids",
            "factions.csv",
        ),
        ("quotes.csv", "ev-2024-02-18-abbas-welcomes-invitation", "ev-nope", "event_id", "events.csv"),
        (
            "quotes.csv",
            "direct,2024-02?,ev-2024-02-zomlot-guardian-interview,guardian",
            "direct,2024-02?,ev-2024-02-zomlot-guardian-interview,observer",
            "reported_by",
            "sources.csv",
        ),
        (
            "quotes.csv",
            "q-bogdanov-2024-02-16-invited,bogdanov",
            "q-bogdanov-2024-02-16-invited,lavrov",
            "speaker_id",
            "actors.csv",
        ),
        ("events.csv", ",planned,meeting,", ",planned,summit,", "event_type", "event_types.csv"),
        (
            "events.csv",
            "hamas;fatah,aj-2024-02-28-moscow-talks",
            "hamas;fatah,aj-unknown",
            "article_id",
            "articles.csv",
        ),
        ("articles.csv", ",aljazeera,", ",aj,", "source_id", "sources.csv"),
    ],
)
def test_dangling_references(data_copy, file, old, new, column, target):
    edit(data_copy, file, old, new)
    found = only(problems(data_copy), file, column)
    assert any(target in p.message and p.row and p.row > 1 for p in found), [str(p) for p in found]


def test_blank_actor_list(data_copy):
    edit(data_copy, "events.csv", '"Moscow, Russia",hamas;fatah,aj', '"Moscow, Russia",,aj')
    [p] = only(problems(data_copy), "events.csv", "actor_ids")
    assert "blank" in p.message


@pytest.mark.parametrize("bad", ["2024-02-30", "29/02/2024", "2024-03-02/2024-02-29"])
def test_bad_event_dates(data_copy, bad):
    edit(data_copy, "events.csv", '2024-02-29,"tomorrow', f'{bad},"tomorrow')
    [p] = only(problems(data_copy), "events.csv", "date")
    assert bad in p.message and "EDTF" in p.fix


def test_interval_ending_before_start_is_named(data_copy):
    edit(data_copy, "events.csv", '2024-02-29,"tomorrow', '2024-03-02/2024-02-29,"tomorrow')
    [p] = only(problems(data_copy), "events.csv", "date")
    assert "before it starts" in p.message


def test_bad_quote_date_and_publication_date(data_copy):
    edit(data_copy, "quotes.csv", "paraphrase,2024-02-16", "paraphrase,16 Feb")
    edit(data_copy, "articles.csv", ",2024-02-28,", ",28.02.2024,")
    found = problems(data_copy)
    only(found, "quotes.csv", "said_on")
    only(found, "articles.csv", "published_on")


def test_unknown_status_and_quote_type(data_copy):
    edit(data_copy, "events.csv", ",planned,", ",rumoured,")
    edit(data_copy, "quotes.csv", "bogdanov,", "bogdanov,")  # untouched row stays fine
    edit(data_copy, "quotes.csv", ",paraphrase,2024-02-26", ",indirect,2024-02-26")
    found = problems(data_copy)
    [s] = only(found, "events.csv", "status")
    assert "rumoured" in s.message and "planned" in s.fix
    [q] = only(found, "quotes.csv", "quote_type")
    assert "indirect" in q.message and "paraphrase" in q.fix


@pytest.mark.parametrize("colour", ["grey", "#12345", "0072B2", "#GGGGGG"])
def test_colour_not_hex(data_copy, colour):
    edit(data_copy, "factions.csv", "#999999", colour)
    [p] = only(problems(data_copy), "factions.csv", "color")
    assert p.row == 9


@pytest.mark.parametrize("path", ["../article.txt", "/etc/passwd", "articles/../../x.txt"])
def test_article_path_leaving_directory(data_copy, path):
    edit(data_copy, "articles.csv", "articles/aj-2024-02-28-moscow-talks.txt", path)
    found = only(problems(data_copy), "articles.csv", "path")
    assert "leaves the data directory" in found[0].message


def test_article_text_missing(data_copy):
    (data_copy / "articles/aj-2024-02-28-moscow-talks.txt").unlink()
    [p] = only(problems(data_copy), "articles.csv", "path")
    assert "does not exist" in p.message


def test_evidence_not_in_article(data_copy):
    edit(
        data_copy,
        "events.csv",
        "Moscow received a delegation from Hamas on October 26",
        "Moscow hosted a delegation from Hamas on October 26",
        count=-1,
    )
    found = only(problems(data_copy), "events.csv", "evidence")
    assert len(found) == 2  # two events cite that passage
    assert all("verbatim" in p.message for p in found)


def test_direct_quote_not_in_article(data_copy):
    edit(data_copy, "quotes.csv", "a purely technocratic", "an entirely technocratic")
    [p] = only(problems(data_copy), "quotes.csv", "text")
    assert "paraphrase" in p.fix


def test_reworded_paraphrase_is_allowed_but_not_verified(data_copy):
    edit(data_copy, "quotes.csv", "Abbas welcomed the Russian invitation", "Abbas said he welcomed the invitation")
    assert problems(data_copy) == []
    q = load(data_copy).quotes.set_index("quote_id")
    assert not q.loc["q-abbas-2024-02-18-welcome", "verified"]
    assert q.loc["q-abbas-2024-02-18-coup", "verified"]


def test_whitespace_and_quote_marks_are_normalised(data_copy):
    edit(data_copy, "events.csv", "peaceful popular resistance,” he said.", 'peaceful   popular resistance,"" he said.')
    assert problems(data_copy) == []


@pytest.mark.parametrize(
    "content, needle",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary"),
        ("faction_id,name\nh\xe9,x\n".encode("latin-1"), "UTF-8"),
        (b"", "empty"),
        (b'faction_id,name,kind,color,description\nx,"unclosed,k,#000000,d\n', "malformed"),
        (b'faction_id,name,kind,color,description\nx,"a"b,k,#000000,d\n', "malformed"),
        (b"faction_id,name,kind,color,description\nx,n,k,#000000,d,extra\n", "6 cells"),
        (b"faction_id,name,kind,color,description\nx,n,k\n", "3 cells"),
        (b"faction_id,name,name,color,description\nx,n,k,#000000,d\n", "more than once"),
    ],
)
def test_malformed_csv_is_a_message(data_copy, content, needle):
    (data_copy / "factions.csv").write_bytes(content)
    found = only(problems(data_copy), "factions.csv")
    assert any(needle in p.message for p in found), [str(p) for p in found]


def test_malformed_row_names_its_line(data_copy):
    text = (data_copy / "sources.csv").read_text(encoding="utf-8")
    (data_copy / "sources.csv").write_text(text + "extra,Name\n", encoding="utf-8")
    [p] = only(problems(data_copy), "sources.csv")
    assert p.row == 7


def test_every_problem_reported_at_once(data_copy):
    edit(data_copy, "events.csv", ",planned,", ",rumoured,")
    edit(data_copy, "factions.csv", "#999999", "grey")
    edit(data_copy, "quotes.csv", "a purely technocratic", "an entirely technocratic")
    (data_copy / "sources.csv").write_bytes(b"\x00\x01")
    with pytest.raises(InvalidData) as err:
        load(data_copy)
    files = {p.file for p in err.value.problems}
    assert {"events.csv", "factions.csv", "quotes.csv", "sources.csv"} <= files


def test_added_columns_are_allowed(data_copy):
    edit(
        data_copy,
        "factions.csv",
        "faction_id,name,kind,color,description",
        "faction_id,name,kind,color,description,website",
    )
    text = (data_copy / "factions.csv").read_text(encoding="utf-8").splitlines()
    fixed = [text[0]] + [line + "," for line in text[1:]]
    (data_copy / "factions.csv").write_text("\n".join(fixed) + "\n", encoding="utf-8")
    assert problems(data_copy) == []


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "components.cli", *args], capture_output=True, text=True)


def test_cli_clean_summary():
    out = run_cli("validate", str(BUNDLED))
    assert out.returncode == 0
    assert "13 events, 14 actors, 7 quotes, 8 factions" in out.stdout
    assert len(out.stdout.strip().splitlines()) == 1


def test_cli_reports_and_fails_without_traceback(data_copy):
    edit(data_copy, "events.csv", ",planned,", ",rumoured,")
    (data_copy / "actors.csv").write_bytes(b"\xff\xfe\x00a")
    out = run_cli("validate", str(data_copy))
    assert out.returncode == 1
    assert "Traceback" not in out.stderr + out.stdout
    assert "events.csv, row 14, column status" in out.stderr  # spreadsheet row (file line 20)
    assert "actors.csv: The file is UTF-16 text" in out.stderr  # not "binary": it says what to do


def test_rows_are_spreadsheet_rows_when_cells_span_lines(data_copy):
    # The planned meeting is the 13th record (spreadsheet row 14) but starts on line 20 of the file,
    # because earlier summaries hold line breaks.
    edit(data_copy, "events.csv", ",planned,", ",rumoured,")
    [p] = only(problems(data_copy), "events.csv", "status")
    assert p.row == 14
    lines = (data_copy / "events.csv").read_text(encoding="utf-8").splitlines()
    assert ",rumoured," in lines[19]  # line 20 of the file: the other numbering, not the one used


def test_missing_passage_says_where_it_stops_matching(data_copy):
    passage = "Moscow received a delegation from Hamas on October 26"
    edit(data_copy, "events.csv", passage, passage.replace("October 26", "October 27"), count=-1)
    found = only(problems(data_copy), "events.csv", "evidence")
    message = found[0].message
    assert "characters match" in message and "'7" in message and "'6" in message, message
    # The evidence fix never suggests marking it a paraphrase (that is for quotes).
    assert all("paraphrase" not in p.fix and "unbroken passage" in p.fix for p in found)


def test_a_passage_from_elsewhere_says_nothing_matches(data_copy):
    edit(data_copy, "quotes.csv", "a purely technocratic", "zzz qqq technocratic")
    [p] = only(problems(data_copy), "quotes.csv", "text")
    assert "characters match" in p.message or "no part of it" in p.message


def test_unreadable_directory_is_a_problem_without_its_path(tmp_path, monkeypatch):
    import os as os_module

    real = os_module.listdir
    secret = tmp_path / "secret-data"
    secret.mkdir()

    def listdir(path="."):
        if str(path) == str(secret):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os_module, "listdir", listdir)
    [p] = problems(secret)
    assert "permission denied" in p.message and "chmod" in p.fix
    assert str(tmp_path) not in str(p)  # viewers are never shown the server's paths


def test_missing_directory_problem_has_no_path(tmp_path):
    [p] = problems(tmp_path / "nope")
    assert str(tmp_path) not in str(p)
