"""The store (components/store): import, publish, versions, curation, roles, notes, audit, migrations —
each on SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
import sqlalchemy as sa

from components.data.load import load
from components.data.problems import InvalidData
from components.store import audit, curation, notes, versions, workcopy
from components.store.db import StoreUnavailable, migrate, open_store, revision
from components.store.roles import Forbidden, User
from components.store.tables import metadata
from components.store.workcopy import Conflict

from . import hostile
from .conftest import BUNDLED, ROOT

ADMIN = User("admin@example.org", "admin")
EDITOR = User("ed@example.org", "editor")
OTHER = User("other@example.org", "editor")
VIEWER = User("viewer@example.org", "viewer")
ARTICLE = ROOT / "tests" / "fixtures" / "drafting" / "wire-port-talks.txt"  # fictional


def seeded(url: str, directory=BUNDLED):
    engine = open_store(url)
    workcopy.import_directory(engine, ADMIN, directory)
    versions.publish(engine, ADMIN, "Imported")
    return engine


def tables_of(directory) -> dict[str, pd.DataFrame]:
    out = {}
    for path in sorted(directory.glob("*.csv")):
        out[path.stem] = pd.read_csv(path, dtype=str, keep_default_na=False)
    for path in sorted(directory.glob("*.parquet")):
        out[path.stem] = pd.read_parquet(path).astype(str)
    return out


def test_migrations_create_the_tables_the_queries_use_and_run_once(store_url):
    engine = open_store(store_url)
    assert revision(engine) == "0004"
    inspector = sa.inspect(engine)
    for table in metadata.sorted_tables:
        found = {c["name"] for c in inspector.get_columns(table.name)}
        assert found == {c.name for c in table.columns}, table.name
    migrate(engine)  # again: nothing to do, nothing broken
    open_store(store_url)  # a second process starting: the same
    assert revision(engine) == "0004"


def test_a_store_at_the_first_schema_upgrades_and_keeps_its_data(store_url):
    engine = open_store(store_url, migrate_now=False)
    migrate(engine, "0001")
    assert revision(engine) == "0001"
    workcopy.import_directory(engine, ADMIN, BUNDLED)
    versions.publish(engine, ADMIN, "at the first schema")
    migrate(engine)
    assert revision(engine) == "0004"
    assert versions.latest(engine).n_events == 13
    with engine.connect() as c:
        assert len(workcopy.rows(c, "events")) == 13
    # the new tables work
    notes.add(engine, EDITOR, "event", "ev-2007-rupture", "Check the 2007 wording.")


def test_import_publish_export_round_trips(store_url, tmp_path):
    engine = seeded(store_url)
    version, out = versions.export(engine, tmp_path / "out")
    assert version.version_id == 1 and version.created_by == ADMIN.name
    load(out)  # validates
    before, after = tables_of(BUNDLED), tables_of(out)
    assert before.keys() == after.keys()
    for name in before:
        pd.testing.assert_frame_equal(before[name], after[name], check_dtype=False, obj=name)
    assert (out / "articles" / "aj-2024-02-28-moscow-talks.txt").read_bytes() == (
        BUNDLED / "articles" / "aj-2024-02-28-moscow-talks.txt"
    ).read_bytes()
    # and the export imports again into a new store, to the same tables
    again = open_store(store_url.replace("store.sqlite", "again.sqlite")) if "sqlite" in store_url else None
    if again is not None:
        workcopy.import_directory(again, ADMIN, out)
        versions.publish(again, ADMIN, "again")
        _, out2 = versions.export(again, tmp_path / "out2")
        for name, frame in tables_of(out2).items():
            pd.testing.assert_frame_equal(after[name], frame, check_dtype=False, obj=name)


def test_import_refuses_invalid_data_and_a_store_already_seeded(store_url, data_copy):
    from .conftest import edit_row

    engine = open_store(store_url)
    edit_row(data_copy, "events", "ev-2024-02-29-hamas-fatah-meet-moscow", date="2024-02-30")
    with pytest.raises(InvalidData):
        workcopy.import_directory(engine, ADMIN, data_copy)
    assert workcopy.is_empty(engine)  # nothing half-imported
    workcopy.import_directory(engine, ADMIN, BUNDLED)
    with pytest.raises(workcopy.ImportRefused):
        workcopy.import_directory(engine, ADMIN, BUNDLED)


def add_fictional_article(engine, tmp_path, title: str):
    """The fictional wire article added by an editor, drafted against the published version 1."""
    ds = load(versions.materialize(engine, 1, tmp_path / "cache"))
    return curation.add_article(
        engine,
        EDITOR,
        text=ARTICLE.read_text(encoding="utf-8"),
        title=title,
        outlet="Eastwire",
        published=dt.date(2024, 3, 1),
        dataset=ds,
    )


def _accept_all(engine, article_id):
    """Accept the drafted events and quotes of the fictional article as an editor would."""
    accepted = []
    for d in curation.listed(engine, EDITOR, article_id):
        if d.kind == "event" and d.proposal["date"] == "2024-02-29":
            accepted.append(
                curation.accept_event(
                    engine,
                    EDITOR,
                    d.draft_id,
                    d.row_version,
                    {"title": "Hamas and Fatah hold talks in Moscow (Eastwire account)", "actor_ids": "hamas;fatah"},
                )
            )
        elif d.kind == "quote" and d.proposal["text"].startswith("We agreed"):
            accepted.append(curation.accept_quote(engine, EDITOR, d.draft_id, d.row_version, {"speaker_id": "fatah"}))
        elif d.kind in ("event", "quote"):
            curation.reject(engine, EDITOR, d.draft_id, d.row_version, "not needed")
    return accepted


def test_an_article_drafted_accepted_and_published_reaches_the_next_version_only(store_url, tmp_path):
    engine = seeded(store_url)
    article_id, n = add_fictional_article(engine, tmp_path, "Factions meet in Moscow")
    assert n >= 4
    event_id, quote_id = _accept_all(engine, article_id)
    # accepted rows are in the working copy, not in the published version
    assert event_id not in set(load(versions.materialize(engine, 1, tmp_path / "cache")).events["event_id"])
    v2 = versions.publish(engine, EDITOR, "Eastwire's account of the Moscow talks")
    assert v2.version_id == 2 and v2.created_by == EDITOR.name
    assert v2.changes["events"]["added"] == [event_id] and v2.changes["quotes"]["added"] == [quote_id]
    assert "events: 1 added" in v2.summary()
    published = load(versions.materialize(engine, 2, tmp_path / "cache"))
    row = published.events.set_index("event_id").loc[event_id]
    assert row["evidence"] in ARTICLE.read_text(encoding="utf-8")  # verbatim, checked on publish
    assert published.quotes.set_index("quote_id").loc[quote_id, "text"] == "We agreed to keep talking"
    changes = versions.compare(engine, 1, 2)
    assert [r["id"] for r in changes["events"]] == [event_id] and changes["events"][0]["change"] == "added"
    # the source was new: it was added as a source row
    assert "eastwire" in set(published.sources["source_id"])


def test_a_draft_attached_as_a_report_and_an_actor_accepted(store_url, tmp_path):
    engine = seeded(store_url)
    article_id, _ = add_fictional_article(engine, tmp_path, "Talks")
    event = next(
        d
        for d in curation.listed(engine, EDITOR, article_id)
        if d.kind == "event" and d.proposal["date"] == "2024-02-29"
    )
    assert "ev-2024-02-29-hamas-fatah-meet-moscow" in event.proposal["matches"]
    report_id = curation.attach_report(
        engine, EDITOR, event.draft_id, event.row_version, "ev-2024-02-29-hamas-fatah-meet-moscow"
    )
    v = versions.publish(engine, EDITOR, "Another report of the Moscow meeting")
    published = load(versions.materialize(engine, v.version_id, tmp_path / "cache"))
    assert published.has_reports and report_id in set(published.report_table["report_id"])
    # the status history now has the occurred report of 1 March
    pos = published.position_of("ev-2024-02-29-hamas-fatah-meet-moscow")
    assert published.events["status"].iloc[pos] == "occurred"
    # "What changed" lists every table and the documents, and the event's derived status (issue 27: unlisted)
    changes = versions.compare(engine, 1, v.version_id)
    assert [r["id"] for r in changes["reports"]] == [report_id]
    assert [r["id"] for r in changes["articles"]] == [article_id] and changes["articles"][0]["change"] == "added"
    assert [r["id"] for r in changes["sources"]] == ["eastwire"]
    assert [r["id"] for r in changes["documents"]] == [f"articles/{article_id}.txt"]
    assert "events" in changes and not changes["events"]  # the event's own row did not change …
    shown = versions.shown_changes(load(versions.materialize(engine, 1, tmp_path / "c1")), published)
    moscow = next(s for s in shown if s["id"] == "ev-2024-02-29-hamas-fatah-meet-moscow")
    assert "status: planned → occurred" in moscow["what"]  # … but what viewers see of it did
    assert "sources: 1 → 2" in moscow["what"]
    assert "articles: 1 added" in v.summary() and "reports: 1 added" in v.summary()


def test_two_editors_on_one_event_or_draft_lose_no_update(store_url, tmp_path):
    engine = seeded(store_url)
    key = "ev-2007-rupture"
    with engine.connect() as c:
        read = workcopy.get(c, "events", key)
    with engine.begin() as c:
        workcopy.update_row(c, EDITOR, "events", key, {"note": "first editor"}, read.row_version)
    with pytest.raises(Conflict, match="was changed by ed@example.org"), engine.begin() as c:
        workcopy.update_row(c, OTHER, "events", key, {"note": "second editor"}, read.row_version)
    with engine.connect() as c:
        assert workcopy.get(c, "events", key).data["note"] == "first editor"
    # a draft decided by one editor cannot be decided again by another who read it before
    article_id, _ = add_fictional_article(engine, tmp_path, "Talks")
    d = curation.listed(engine, EDITOR, article_id)[0]
    curation.reject(engine, EDITOR, d.draft_id, d.row_version)
    with pytest.raises(Conflict, match="rejected by ed@example.org"):
        curation.accept_event(engine, OTHER, d.draft_id, d.row_version, {"actor_ids": "hamas"})
    with engine.connect() as c:
        assert not any(r.data["article_id"] == article_id for r in workcopy.rows(c, "events"))


def test_publishing_invalid_work_is_refused_and_writes_nothing(store_url):
    engine = seeded(store_url)
    with engine.connect() as c:
        read = workcopy.get(c, "events", "ev-2007-rupture")
    with engine.begin() as c:
        workcopy.update_row(c, EDITOR, "events", "ev-2007-rupture", {"actor_ids": "nobody-known"}, read.row_version)
    with pytest.raises(InvalidData) as err:
        versions.publish(engine, EDITOR, "broken")
    assert any(p.column == "actor_ids" for p in err.value.problems)
    assert versions.count(engine) == 1


def test_roles_are_enforced_by_the_store_itself(store_url):
    engine = seeded(store_url)
    with pytest.raises(Forbidden):
        versions.publish(engine, VIEWER, "sneaky")
    with pytest.raises(Forbidden):
        curation.listed(engine, VIEWER)
    with pytest.raises(Forbidden), engine.begin() as c:
        workcopy.insert_row(c, VIEWER, "factions", {"faction_id": "x", "name": "X"})
    with pytest.raises(Forbidden):
        notes.add(engine, VIEWER, "event", "ev-2007-rupture", "hi")
    with pytest.raises(Forbidden):
        audit.entries(engine, EDITOR)
    with pytest.raises(Forbidden):
        curation.add_article(engine, None, text="x", title="t", outlet="o", published=dt.date(2024, 1, 1))
    assert versions.count(engine) == 1


def test_notes_are_threaded_and_viewers_read_public_ones_only(store_url):
    engine = seeded(store_url)
    first = notes.add(engine, EDITOR, "event", "ev-2007-rupture", "Is 'coup' Abbas's word only?", "internal")
    notes.add(engine, OTHER, "event", "ev-2007-rupture", "Yes: it is inside his quote.", "internal", parent_id=first)
    public = notes.add(engine, EDITOR, "event", "ev-2007-rupture", "The date is the article's wording.", "public")
    assert [(n["note_id"], n["depth"]) for n in notes.thread(engine, EDITOR, "event", "ev-2007-rupture")] == [
        (first, 0),
        (first + 1, 1),
        (public, 0),
    ]
    assert [n["note_id"] for n in notes.thread(engine, VIEWER, "event", "ev-2007-rupture")] == [public]
    assert [n["note_id"] for n in notes.thread(engine, None, "event", "ev-2007-rupture")] == [public]


def test_the_audit_log_records_every_change_and_cannot_be_altered(store_url):
    engine = seeded(store_url)
    with engine.connect() as c:
        read = workcopy.get(c, "events", "ev-2007-rupture")
    with engine.begin() as c:
        workcopy.update_row(c, EDITOR, "events", "ev-2007-rupture", {"note": "checked"}, read.row_version)
    log = audit.entries(engine, ADMIN)
    assert [e["action"] for e in log[:3]] == ["update", "publish", "import"]
    assert log[0]["user_name"] == EDITOR.name and log[0]["detail"]["after"] == {"note": "checked"}
    for statement in ("UPDATE audit SET user_name = 'x'", "DELETE FROM audit"):
        with pytest.raises(sa.exc.DBAPIError), engine.begin() as c:
            c.execute(sa.text(statement))
    assert len(audit.entries(engine, ADMIN)) == len(log)


def test_hostile_text_round_trips_unchanged(store_url, tmp_path):
    directory = hostile.make(tmp_path / "hostile")
    engine = seeded(store_url, directory)
    _, out = versions.export(engine, tmp_path / "out")
    before, after = tables_of(directory), tables_of(out)
    for name in before:
        pd.testing.assert_frame_equal(before[name], after[name], check_dtype=False, obj=name)
    text = (out / "events.csv").read_text(encoding="utf-8")
    for s in (hostile.SCRIPT, hostile.IMG, hostile.RTL, hostile.EMOJI, hostile.FORMULA):
        assert s in text or s.replace('"', '""') in text
    # and a hostile note is stored as written
    n = notes.add(engine, EDITOR, "event", hostile.HOSTILE_EVENT, hostile.SCRIPT + " '); DROP TABLE records; --")
    assert notes.thread(engine, EDITOR, "event", hostile.HOSTILE_EVENT)[-1]["body"].startswith(hostile.SCRIPT)
    with engine.connect() as c:
        assert len(workcopy.rows(c, "events")) > 0 and n


def test_a_store_that_cannot_be_reached_is_said_so_clearly():
    with pytest.raises(StoreUnavailable, match="cannot be opened") as err:
        open_store("postgresql+psycopg://someone:secret@127.0.0.1:9/nowhere")
    assert "secret" not in str(err.value)  # never the password


def test_publish_of_ten_thousand_events_is_timed_in_bench_not_here(store_url, tmp_path):
    """Publishing a synthetic 2,000-event table works end to end (bench/store.py times 10,000)."""
    from components.io.synth import synthesize

    synthesize(2000, tmp_path / "synth", seed=1, csv=True)
    for p in (tmp_path / "synth").glob("*.parquet"):
        p.unlink()
    engine = seeded(store_url, tmp_path / "synth")
    assert versions.latest(engine).n_events == 2000
    assert len(versions.latest(engine).changes["events"]["added"]) == 2000


KILLED_PUBLISH = r"""
import sys, time
from pathlib import Path
from components.store import versions
from components.store.db import open_store
from components.store.roles import User

url, marker = sys.argv[1], Path(sys.argv[2])
original = versions._store_files

def slow(connection, version_id, files):
    original(connection, version_id, files)  # the files are written, the transaction not committed
    marker.write_text(str(version_id))
    time.sleep(60)

versions._store_files = slow
versions.publish(open_store(url), User("killed@example.org", "editor"), "never lands")
"""


def test_a_publish_killed_mid_way_leaves_the_previous_version_and_a_consistent_store(store_url, tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time

    engine = seeded(store_url)
    with engine.connect() as c:
        read = workcopy.get(c, "events", "ev-2007-rupture")
    with engine.begin() as c:
        workcopy.update_row(c, EDITOR, "events", "ev-2007-rupture", {"note": "to publish"}, read.row_version)
    marker = tmp_path / "inside"
    child = subprocess.Popen([sys.executable, "-c", KILLED_PUBLISH, store_url, str(marker)], cwd=ROOT)
    deadline = time.monotonic() + 60
    while not marker.exists():
        assert child.poll() is None, "the publishing process ended early"
        assert time.monotonic() < deadline
        time.sleep(0.1)
    os.kill(child.pid, signal.SIGKILL)  # kill -9 in the middle of the transaction
    child.wait()
    engine.dispose()
    engine = open_store(store_url)  # as a restarted server would
    assert versions.count(engine) == 1 and versions.latest(engine).message == "Imported"
    with engine.connect() as c:
        assert not versions.files_of(c, int(marker.read_text()))  # no half-written version
        assert workcopy.get(c, "events", "ev-2007-rupture").data["note"] == "to publish"  # work kept
    if engine.dialect.name == "sqlite":
        with engine.connect() as c:
            assert c.execute(sa.text("PRAGMA integrity_check")).scalar() == "ok"
    v = versions.publish(engine, EDITOR, "after the crash")  # the publish lock was released with the process
    # (PostgreSQL does not give back a sequence number: the killed publish's id may be skipped)
    assert versions.count(engine) == 2 and versions.latest(engine) == v
    assert v.changes["events"]["changed"] == ["ev-2007-rupture"]


def test_the_command_line_imports_lists_publishes_and_exports(tmp_path, capsys):
    from components.cli import main

    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    assert main(["store", "import", str(BUNDLED), "--store", url]) == 0
    assert "Published as version 1" in capsys.readouterr().out
    assert main(["store", "import", str(BUNDLED), "--store", url]) == 1  # an import seeds an empty store only
    assert "empty store only" in capsys.readouterr().err
    assert main(["store", "publish", "--store", url, "--message", "nothing new"]) == 0
    assert "Published version 2: no change" in capsys.readouterr().out
    assert main(["store", "versions", "--store", url]) == 0
    listed = capsys.readouterr().out
    assert "nothing new" in listed and "Imported from data" in listed
    assert main(["export", "--store", url, "--version", "1", "--out", str(tmp_path / "v1")]) == 0
    assert main(["validate", str(tmp_path / "v1")]) == 0
    assert main(["export", "--store", url, "--version", "9", "--out", str(tmp_path / "v9")]) == 1
    assert "There is no version 9" in capsys.readouterr().err
    assert main(["export", "--store", url, "--out", str(tmp_path / "v1")]) == 1  # never into a full directory
    assert main(["store", "versions", "--store", "postgresql+psycopg://u:pw@127.0.0.1:9/x"]) == 1
    err = capsys.readouterr().err
    assert "cannot be opened" in err and "pw@" not in err


def test_export_writes_parquet_above_fifty_thousand_events(tmp_path, monkeypatch):
    from components.data import schema

    monkeypatch.setattr(schema, "PARQUET_FROM", 10)  # the one rule (schema.as_parquet), at a size a test can afford
    engine = seeded(f"sqlite:///{tmp_path / 'p.sqlite'}")
    _, out = versions.export(engine, tmp_path / "out")
    assert (out / "events.parquet").exists() and not (out / "events.csv").exists()
    assert len(load(out).events) == 13


def test_a_published_version_carries_its_manifest_and_is_not_checked_again(tmp_path, monkeypatch):
    """Publish validates once and writes the manifest (issue 24): the version's directory is loaded trusted,
    its checks of meaning kept; the manifest never reaches an export or "What changed"."""
    from components.data import load as load_module
    from components.data.manifest import MANIFEST, load_any, verify

    engine = seeded(f"sqlite:///{tmp_path / 'm.sqlite'}")
    root = versions.materialize(engine, 1, tmp_path / "cache")
    assert (root / MANIFEST).is_file() and verify(root)["counts"]["events"] == 13

    def no_second_check(*args, **kwargs):
        raise AssertionError("a published version was validated again")

    monkeypatch.setattr(load_module, "load", no_second_check)
    ds = load_any(root)
    assert len(ds.events) == 13 and ds.warnings == load(BUNDLED).warnings
    _, out = versions.export(engine, tmp_path / "out")
    assert not (out / MANIFEST).exists()
    (root / "events.csv").write_bytes((root / "events.csv").read_bytes() + b"\n")  # changed after publishing
    with pytest.raises(InvalidData) as refused:
        load_any(root)
    assert "events.csv has changed" in refused.value.problems[0].message


def test_version_history_travels_with_export_and_store_import(store_url, tmp_path, capsys):
    """`export --history` carries every version; `store import` of it restores them with their numbers,
    authors, times and messages, and the next publish follows on (issue 27: it restarted at v1)."""
    import shutil

    from components.cli import main

    source = f"sqlite:///{tmp_path / 'source.sqlite'}"
    engine = seeded(source)
    with engine.begin() as c:
        row = workcopy.get(c, "events", "ev-2007-rupture")
        changes = {"title": row.data["title"] + " (edited)"}
        workcopy.update_row(c, EDITOR, "events", "ev-2007-rupture", changes, row.row_version)
    versions.publish(engine, EDITOR, "Title edited")
    versions.publish(engine, OTHER, "Nothing new")
    out = tmp_path / "out"
    assert main(["export", "--store", source, "--history", "--out", str(out)]) == 0
    assert main(["validate", str(out)]) == 0  # history/ is not data: the directory is the latest version
    broken = tmp_path / "broken"
    shutil.copytree(out, broken)
    shutil.rmtree(broken / "history" / "2")
    capsys.readouterr()
    assert main(["store", "import", str(broken), "--store", store_url]) == 1
    assert "history/2/ is missing" in capsys.readouterr().err
    assert workcopy.is_empty(open_store(store_url))  # all or nothing
    assert main(["store", "import", str(out), "--store", store_url]) == 0
    assert "Restored versions 1–3" in capsys.readouterr().out
    target = open_store(store_url)

    def described(store):
        with store.connect() as c:
            return [
                (v.version_id, v.created_by, v.message, audit.utc(v.created_at), v.changes, v.n_events)
                + (versions.files_of(c, v.version_id),)
                for v in versions.listed(store)
            ]

    assert described(target) == described(engine)
    assert versions.publish(target, EDITOR, "after the move").version_id == 4
