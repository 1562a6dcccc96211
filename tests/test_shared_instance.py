"""A shared instance under attack and bad luck (issue 26): anonymous cache wipes, password guessing,
accounts and the audit log, control characters, read-only and full stores, CLI input, exports."""

from __future__ import annotations

import asyncio
import os
import sys
import time

import pytest
import streamlit as st
from streamlit.runtime import app_session

from components.ui.cache_guard import refuse_clear_cache

from .browser import streamlit_server
from .conftest import BUNDLED


def test_a_clear_cache_message_clears_nothing():
    calls = []

    @st.cache_data
    def loaded(x):
        calls.append(x)
        return x

    loaded(1)
    refuse_clear_cache()

    class Session:  # what the handler reads of a session
        id = "attacker"

    app_session.AppSession._handle_clear_cache_request(Session())
    loaded(1)
    assert calls == [1]  # still cached: nothing was cleared


async def _clear_cache_as_anonymous(base: str) -> None:
    import websockets
    from streamlit.proto.BackMsg_pb2 import BackMsg

    async with websockets.connect(base.replace("http", "ws") + "/_stcore/stream", subprotocols=["streamlit"]) as ws:
        run = BackMsg()
        run.rerun_script.query_string = ""
        await ws.send(run.SerializeToString())  # the sign-in page runs (the app is imported)
        try:
            while True:
                await asyncio.wait_for(ws.recv(), 5)
        except TimeoutError:
            pass
        clear = BackMsg()
        clear.clear_cache = True
        for _ in range(3):
            await ws.send(clear.SerializeToString())
        await asyncio.sleep(1)


def test_an_anonymous_client_on_a_locked_instance_cannot_clear_the_server_caches(tmp_path):
    log = tmp_path / "server.log"
    with streamlit_server(BUNDLED, extra_env={"FACTIONLINE_PASSWORD": "s3cret-viewers"}, log=log) as base:
        asyncio.run(_clear_cache_as_anonymous(base))
        time.sleep(0.5)
    assert log.read_text().count("Refused a clear_cache message") == 3


def test_a_store_pool_leaving_the_cache_is_closed(tmp_path):
    from components.ui import workspace

    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    engine = workspace._engine(url, False)
    with engine.connect():
        pass
    pool = engine.pool
    workspace._engine.clear()
    assert engine.pool is not pool  # disposed: its connections were closed, not left to the garbage collector


# --- 2. guessing passwords: per client and per account -------------------------------------------------
@pytest.fixture
def account_store(tmp_path):
    from components.store import accounts
    from components.store.db import open_store
    from components.store.roles import User

    engine = open_store(f"sqlite:///{tmp_path / 'store.sqlite'}")
    accounts.add(engine, User("Operator", "admin"), "Dana Levi", "editor", "correct horse battery")
    return engine


def test_a_hundred_clients_guessing_one_account_are_slowed_and_each_guess_is_audited(account_store, monkeypatch):
    """Issue 35 replaced the account lock-out (anyone could lock the right person out) with a slowdown:
    each new address gets one guess at a locked account, after a pause; see test_security_throttle.py."""
    from components.store import audit
    from components.store.roles import User
    from components.ui import throttle
    from components.ui.auth import attempt

    monkeypatch.setattr(throttle, "ACCOUNT_SLOWDOWN", 0.0)
    answers = [attempt(account_store, "Dana Levi", f"guess-{i}", f"10.0.0.{i}")[1] for i in range(20)]
    assert all("do not match" in a for a in answers)
    assert "Try again in" in attempt(account_store, "Dana Levi", "again", "10.0.0.3")[1]  # a guesser waits
    user, why = attempt(account_store, "dana levi", "correct horse battery", "10.0.1.1")  # the right person does not
    assert user is not None, why
    refused = [e for e in audit.entries(account_store, User("Operator", "admin")) if e["action"] == "sign-in refused"]
    assert len(refused) == 21 and refused[0]["detail"]["client"] == "10.0.0.3"


def test_one_client_guessing_many_accounts_is_stopped_too(account_store):
    from components.ui.auth import attempt

    answers = [attempt(account_store, f"person {i}", "guess", "192.0.2.7")[1] for i in range(8)]
    assert "Too many failed sign-ins" in answers[-1]
    assert attempt(account_store, "Dana Levi", "correct horse battery", "192.0.2.8")[0].name == "Dana Levi"


# --- 3. people's own accounts: the name on a change comes from the account --------------------------------
def _sign_in(at, name, password):
    at.text_input(key="name-input").input(name)
    at.text_input(key="password-input").input(password)
    at.button[0].click()
    return at.run()


def test_editors_sign_in_with_their_own_account_and_its_name_signs_their_changes(account_store, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from components.store import accounts
    from components.store.roles import User

    from .test_app import APP

    monkeypatch.delenv("FACTIONLINE_DATA", raising=False)
    monkeypatch.setenv("FACTIONLINE_STORE", str(account_store.url))
    monkeypatch.setenv("FACTIONLINE_EDITOR_PASSWORD", "the-old-shared-one")
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.get("plotly_chart")  # the store has accounts: the instance is locked
    _sign_in(at, "Anyone At All", "the-old-shared-one")
    assert any("no longer accepted" in e.value for e in at.error)  # a shared editor password says what to do
    _sign_in(at, "dana levi", "correct horse battery")
    assert not at.exception and any("Signed in as Dana Levi · editor" in c.value for c in at.sidebar.caption)
    accounts.disable(account_store, User("Operator", "admin"), "Dana Levi")
    at.run()
    assert not at.get("plotly_chart") and at.text_input(key="password-input")  # a disabled account's session ends


def test_the_viewers_shared_password_still_opens_the_dashboard_as_a_viewer(account_store, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from .test_app import APP

    monkeypatch.delenv("FACTIONLINE_DATA", raising=False)
    monkeypatch.setenv("FACTIONLINE_STORE", str(account_store.url))
    monkeypatch.setenv("FACTIONLINE_PASSWORD", "viewers-pass")
    at = _sign_in(AppTest.from_file(APP, default_timeout=60).run(), "", "viewers-pass")
    assert not at.exception and at.get("plotly_chart")
    assert any("· viewer" in c.value for c in at.sidebar.caption)


def test_account_names_and_passwords_are_checked():
    from components.store import accounts

    with pytest.raises(accounts.AccountRefused, match="at least 12"):
        accounts._check_password("short")
    with pytest.raises(accounts.AccountRefused, match="control"):
        accounts._check_name("Dana\u202eLevi")
    assert accounts.key("  Dana   LEVI ") == "dana levi"


@pytest.fixture
def owned_postgres():
    """A PostgreSQL database owned by one role (which migrates) and used by another (the app's)."""
    import uuid

    import sqlalchemy as sa

    from .conftest import PG_ADMIN, _postgres_database

    tag = uuid.uuid4().hex[:8]
    name, owner, app = f"factionline_{tag}", f"fl_owner_{tag}", f"fl_app_{tag}"
    url, drop = _postgres_database(name)
    admin = sa.create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(sa.text(f"CREATE ROLE {owner} LOGIN; CREATE ROLE {app} LOGIN"))
        c.execute(sa.text(f"ALTER DATABASE {name} OWNER TO {owner}"))
    db_admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with db_admin.connect() as c:
        c.execute(sa.text(f"ALTER SCHEMA public OWNER TO {owner}"))
    db_admin.dispose()
    as_role = lambda role: sa.engine.make_url(url).set(username=role).render_as_string(hide_password=False)  # noqa: E731
    yield as_role(owner), as_role(app), app
    drop()
    with admin.connect() as c:
        c.execute(sa.text(f"DROP ROLE IF EXISTS {app}; DROP ROLE IF EXISTS {owner}"))
    admin.dispose()


def test_the_apps_database_role_can_only_add_to_and_read_the_audit_log(owned_postgres, monkeypatch):
    import sqlalchemy as sa

    from components.store import accounts, audit, versions, workcopy
    from components.store.db import open_store
    from components.store.roles import User

    owner_url, app_url, app_role = owned_postgres
    monkeypatch.setenv("FACTIONLINE_APP_ROLE", app_role)
    owner = open_store(owner_url)  # the owner migrates (and the migration grants)
    app = open_store(app_url)  # the app opens it: already up to date, no DDL needed
    admin = User("Operator", "admin")
    workcopy.import_directory(app, admin, BUNDLED)
    versions.publish(app, admin, "first")
    accounts.add(owner, admin, "Dana Levi", "editor", "correct horse battery")  # accounts: the owner (the CLI)
    assert len(audit.entries(app, admin)) >= 3
    refused = (
        "TRUNCATE audit",
        "DELETE FROM audit",
        "UPDATE audit SET user_name = 'someone else'",
        "ALTER TABLE audit DISABLE TRIGGER ALL",
        "DROP TABLE audit",
        # issue 35: published versions and accounts cannot be rewritten by the app's role either
        "UPDATE versions SET message = 'rewritten'",
        "DELETE FROM version_files",
        "TRUNCATE versions CASCADE",
        "ALTER TABLE versions DISABLE TRIGGER ALL",
        "UPDATE accounts SET role = 'admin'",
        "DELETE FROM accounts",
        "INSERT INTO accounts VALUES ('mallory', 'Mallory', 'admin', 'x', now(), 'Mallory', NULL)",
    )
    for statement in refused:
        with pytest.raises(sa.exc.ProgrammingError, match="permission denied|must be owner"):
            with app.begin() as c:
                c.execute(sa.text(statement))
    # a back-dated audit entry is dated by the database
    with app.begin() as c:
        c.execute(
            sa.text(
                "INSERT INTO audit (at, user_name, role, action, target, detail) "
                "VALUES ('2001-01-01T00:00:00Z', 'x', 'admin', 'publish', 'v', '{}')"
            )
        )
    newest = audit.entries(app, admin, limit=1)[0]
    assert newest["action"] == "publish" and newest["at"].year > 2001
    # the owner itself cannot change a published version (a trigger, as for the audit log)
    with pytest.raises(sa.exc.DBAPIError, match="append-only"):
        with owner.begin() as c:
            c.execute(sa.text("UPDATE versions SET message = 'rewritten'"))
    assert versions.get(app, 1).message == "first" and len(audit.entries(app, admin)) >= 4
    app.dispose()
    owner.dispose()


def test_a_published_version_cannot_be_changed_on_sqlite_either(tmp_path):
    import sqlalchemy as sa

    from components.store import versions, workcopy
    from components.store.db import open_store
    from components.store.roles import User

    engine = open_store(f"sqlite:///{tmp_path / 'store.sqlite'}")
    workcopy.import_directory(engine, User("Operator", "admin"), BUNDLED)
    versions.publish(engine, User("Operator", "admin"), "first")
    for statement in ("UPDATE versions SET message = 'x'", "DELETE FROM version_files", "DELETE FROM versions"):
        with pytest.raises(sa.exc.DBAPIError, match="append-only"):
            with engine.begin() as c:
                c.execute(sa.text(statement))
    assert versions.get(engine, 1).message == "first"


# --- 4. one character must not block publishing ------------------------------------------------------------
def _with_cell(tmp_path, table, row, column, suffix):
    import csv
    import shutil

    root = tmp_path / "data"
    shutil.copytree(BUNDLED, root)
    path = root / f"{table}.csv"
    rows = list(csv.reader(path.open(newline="", encoding="utf-8")))
    rows[row][rows[0].index(column)] += suffix
    with path.open("w", newline="", encoding="utf-8") as out:
        csv.writer(out).writerows(rows)
    return root


@pytest.mark.parametrize("char,name", [("\x00", "U+0000 (NUL)"), ("\r", "U+000D (carriage return)")])
def test_validate_names_the_cell_with_a_control_character(tmp_path, char, name):
    from components.data.load import load
    from components.data.problems import InvalidData

    root = _with_cell(tmp_path, "quotes", 3, "text", f"said{char}so")
    with pytest.raises(InvalidData) as caught:
        load(root)
    (problem,) = caught.value.problems
    assert (problem.file, problem.row, problem.column) == ("quotes.csv", 4, "text")
    assert name in problem.message and "binary" not in problem.message


def test_a_utf16_table_is_called_utf16_not_binary(tmp_path):
    from components.data.load import load
    from components.data.problems import InvalidData

    root = _with_cell(tmp_path, "quotes", 1, "text", "")
    (root / "events.csv").write_bytes((BUNDLED / "events.csv").read_text(encoding="utf-8").encode("utf-16"))
    with pytest.raises(InvalidData) as caught:
        load(root)
    (problem,) = caught.value.problems
    assert problem.message == "The file is UTF-16 text." and "CSV UTF-8" in problem.fix


def test_store_import_with_a_lone_carriage_return_imports_nothing_and_says_where(tmp_path, capsys):
    from components import cli
    from components.store import workcopy
    from components.store.db import open_store

    root = _with_cell(tmp_path, "events", 2, "title", "\rsecond line")
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    assert cli.main(["validate", str(root)]) == 1  # validate and store import agree
    assert cli.main(["store", "import", str(root), "--store", url]) == 1
    err = capsys.readouterr().err
    assert "nothing was imported" in err and "events.csv, row 3, column title" in err
    assert workcopy.is_empty(open_store(url))


def test_an_import_whose_first_publish_fails_leaves_the_store_empty(store_url):
    from components.store import versions, workcopy
    from components.store.db import open_store
    from components.store.roles import User

    engine = open_store(store_url)

    def refuse(_connection):
        raise RuntimeError("the disk is full")

    with pytest.raises(RuntimeError):
        workcopy.import_directory(engine, User("Operator", "admin"), BUNDLED, then=refuse)
    assert workcopy.is_empty(engine) and versions.latest(engine) is None
    engine.dispose()


def test_the_store_refuses_a_control_character_at_entry_naming_the_field(store_url):
    from components.store import versions, workcopy
    from components.store.db import open_store
    from components.store.roles import User

    engine = open_store(store_url)
    editor = User("Ed", "editor")
    workcopy.import_directory(engine, editor, BUNDLED, then=lambda c: versions.publish_in(c, editor, "first"))
    with engine.begin() as c:
        row = workcopy.get(c, "events", "ev-2007-rupture")
    with pytest.raises(workcopy.BadValue, match=r"events · note: .*U\+0000 \(NUL\)"):
        with engine.begin() as c:
            workcopy.update_row(c, editor, "events", "ev-2007-rupture", {"note": "pasted\x00"}, row.row_version)
    with pytest.raises(workcopy.BadValue, match=r"actors · name: .*U\+001B \(escape\)"):
        with engine.begin() as c:
            workcopy.insert_row(c, editor, "actors", {"actor_id": "x", "name": "\x1b[31mred"})
    with engine.begin() as c:  # line breaks and tabs are text
        workcopy.update_row(c, editor, "events", "ev-2007-rupture", {"note": "one\n\ttwo"}, row.row_version)
    assert versions.publish(engine, editor, "still publishes").version_id == 2
    engine.dispose()


# --- 5. the Docker image's store volume and its health check ------------------------------------------
def test_the_image_makes_the_store_folder_for_the_apps_user_before_switching_to_it():
    import re

    from .conftest import ROOT

    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    made = re.search(r"mkdir -p (/home/factionline/\.local/share/factionline)", dockerfile)
    owned = re.search(r"chown -R factionline:factionline (/home/factionline/\.local)\b", dockerfile)
    assert made and owned and dockerfile.index(owned.group(0)) < dockerfile.index("USER factionline")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"-v factionline-store:{made.group(1)}" in readme  # the documented volume is that folder


def test_health_is_unhealthy_when_the_sqlite_store_cannot_be_opened(tmp_path, monkeypatch, capsys):
    from components.cli import _store_health

    (tmp_path / "a-file").write_text("")
    monkeypatch.setenv("FACTIONLINE_STORE", f"sqlite:///{tmp_path / 'a-file' / 'store.sqlite'}")
    assert _store_health() == 1 and "cannot be" in capsys.readouterr().err
    monkeypatch.setenv("FACTIONLINE_STORE", f"sqlite:///{tmp_path / 'ok' / 'store.sqlite'}")
    assert _store_health() == 0
    monkeypatch.setenv("FACTIONLINE_STORE", "postgresql+psycopg://nobody@127.0.0.1:1/none")
    assert _store_health() == 0 and "viewers see the last version" in capsys.readouterr().out


# --- 6. a full disk, a read-only store ----------------------------------------------------------------------
def test_a_full_disk_is_called_a_full_disk(tmp_path):
    import sqlalchemy as sa

    from components.store.db import failure

    engine = sa.create_engine(f"sqlite:///{tmp_path / 'small.sqlite'}")
    with engine.begin() as c:
        c.execute(sa.text("CREATE TABLE t (x TEXT)"))
    with pytest.raises(sa.exc.OperationalError) as caught:
        with engine.begin() as c:
            c.execute(sa.text("PRAGMA max_page_count = 3"))  # a disk with no room left
            c.execute(sa.text("INSERT INTO t VALUES (:x)"), {"x": "x" * 100_000})
    assert failure(caught.value).startswith("The store's disk is full: nothing was saved.")


@pytest.fixture
def read_only_store(tmp_path):
    """A store with version 1 behind a read-only bind mount (as a read-only volume or disk is)."""
    import subprocess

    from components.store import versions, workcopy
    from components.store.db import open_store
    from components.store.roles import User

    folder, mount = tmp_path / "store", tmp_path / "ro"
    folder.mkdir()
    mount.mkdir()
    engine = open_store(f"sqlite:///{folder / 'store.sqlite'}")
    who = User("Operator", "admin")
    workcopy.import_directory(engine, who, BUNDLED, then=lambda c: versions.publish_in(c, who, "version one"))
    engine.dispose()
    done = subprocess.run(["mount", "--bind", str(folder), str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"a read-only bind mount needs CAP_SYS_ADMIN here ({done.stderr.decode().strip()})")
    subprocess.run(["mount", "-o", "remount,ro,bind", str(mount)], check=True)
    yield f"sqlite:///{mount / 'store.sqlite'}"
    subprocess.run(["umount", str(mount)], check=True)


def test_a_read_only_store_still_serves_its_versions_and_says_why_nothing_saves(read_only_store, tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from components import cli
    from components.store import workcopy
    from components.store.db import failure, open_store, read_only
    from components.store.roles import User

    from .test_app import APP, counts_line

    assert cli.main(["export", "--store", read_only_store, "--out", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "events.csv").is_file()
    engine = open_store(read_only_store)
    assert read_only(engine)
    import sqlalchemy as sa

    with pytest.raises(sa.exc.OperationalError) as caught:
        with engine.begin() as c:
            workcopy.insert_row(c, User("Ed", "editor"), "actors", {"actor_id": "new", "name": "New"})
    assert failure(caught.value).startswith("The store is read-only")
    engine.dispose()
    from components.ui import workspace

    workspace._engine.clear()
    workspace._latest.clear()
    monkeypatch.delenv("FACTIONLINE_DATA", raising=False)
    monkeypatch.setenv("FACTIONLINE_STORE", read_only_store)
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception and counts_line(at).startswith("13 of 13 events")  # a viewer sees version 1
    workspace._engine.clear()
    workspace._latest.clear()


# --- 7. the command line: one line, never a traceback -----------------------------------------------------
@pytest.mark.parametrize(
    "argv,says",
    [
        (["import", "acled", "/dev/zero", "--out", "{tmp}/o"], "a device, not a file"),
        (["import", "table", "/dev/urandom", "--out", "{tmp}/o"], "a device, not a file"),
        (["draft", "/dev/zero"], "a device, not a file"),
        (["import", "acled", "{tmp}/fifo", "--out", "{tmp}/o"], "a pipe (FIFO)"),
        (["draft", "{tmp}/fifo"], "a pipe (FIFO)"),
        (["draft", "{tmp}/loop"], "leads back to itself"),
        (["import", "gdelt", "{tmp}/a-file", "--out", "{tmp}/a-file"], "exists and is a file"),
        (["export", "--out", "{tmp}/o", "--store", "sqlite:///{tmp}/s.sqlite"], "there is no store"),
        (["synth", "--events", "10", "--out", "{tmp}/a-file"], "exists and is a file"),
        (["store", "versions", "--store", "nosuch://x"], "names no database"),
        (["store", "versions", "--store", "sqlite:///{tmp}/a-file/under/s.sqlite"], "there is no store"),
        (["store", "import", "{tmp}/o", "--store", "sqlite:///{tmp}/a-file/under/s.sqlite"], "cannot be created"),
    ],
)
def test_bad_command_line_input_is_one_line_and_never_a_traceback(argv, says, tmp_path, capsys):
    import os

    from components import cli

    (tmp_path / "a-file").write_text("x")
    os.mkfifo(tmp_path / "fifo")
    os.symlink(tmp_path / "loop", tmp_path / "loop")
    assert cli.main([a.replace("{tmp}", str(tmp_path)) for a in argv]) != 0
    err = capsys.readouterr().err
    assert says in err and "Traceback" not in err


def test_synth_refuses_a_negative_count(capsys):
    from components import cli

    with pytest.raises(SystemExit):
        cli.main(["synth", "--events", "-5", "--out", "/tmp/never"])
    assert "give 1 or more" in capsys.readouterr().err


def test_a_closed_pipe_ends_the_listing_quietly(tmp_path):
    import subprocess

    from components import cli

    url = f"sqlite:///{tmp_path / 's.sqlite'}"
    assert cli.main(["store", "import", str(BUNDLED), "--store", url]) == 0
    listing = subprocess.Popen(
        [sys.executable, "-m", "components.cli", "store", "versions", "--store", url],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    listing.stdout.close()  # as `| head -0` does: the reader is gone before anything is written
    err = listing.communicate(timeout=60)[1].decode()
    assert "BrokenPipe" not in err and "Traceback" not in err


# --- 9. two decisions on one draft at the same moment: one wins, the other is told so ------------------
def test_two_editors_deciding_one_draft_at_once_get_one_decision_and_one_conflict(store_url, tmp_path):
    import threading

    from components.store import curation, workcopy
    from components.store.roles import User

    from .test_store import add_fictional_article, seeded

    engine = seeded(store_url)
    article_id, _ = add_fictional_article(engine, tmp_path, "Talks")
    outcomes = []
    ready = [d for d in curation.listed(engine, User("Ed", "editor"), article_id) if d.status == "proposed"]
    assert len(ready) >= 4
    for d in ready:
        barrier = threading.Barrier(2)

        def decide(who, accept, d=d, barrier=barrier):
            barrier.wait()
            try:
                if accept and d.kind == "event":
                    curation.accept_event(
                        engine, User(who, "editor"), d.draft_id, d.row_version, {"actor_ids": "hamas"}
                    )
                else:
                    curation.reject(engine, User(who, "editor"), d.draft_id, d.row_version)
                outcomes.append("done")
            except workcopy.Conflict as err:
                outcomes.append(f"conflict: {err}")
            except Exception as err:  # a database error shown as "cannot be reached": the defect
                outcomes.append(f"error: {type(err).__name__}: {err}")

        threads = [
            threading.Thread(target=decide, args=("Ana", True)),
            threading.Thread(target=decide, args=("Ben", True)),
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert not [o for o in outcomes if o.startswith("error")], outcomes
    assert outcomes.count("done") == len(ready) and len(outcomes) == 2 * len(ready)
    assert all(" by Ana" in o or " by Ben" in o for o in outcomes if o.startswith("conflict")), outcomes
    engine.dispose()


def test_a_killed_publishs_scratch_folder_is_removed_by_the_next_publish(tmp_path, monkeypatch):
    import subprocess
    import tempfile

    from components.store import versions, workcopy
    from components.store.db import open_store
    from components.store.roles import User

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    dead = subprocess.Popen(["true"])
    dead.wait()
    abandoned = tmp_path / f"factionline-publish-{dead.pid}-x1"
    (abandoned / "articles").mkdir(parents=True)
    (abandoned / "events.csv").write_text("what a killed publish left")
    mine = tmp_path / f"factionline-publish-{os.getpid()}-x2"
    mine.mkdir()
    engine = open_store(f"sqlite:///{tmp_path / 's.sqlite'}")
    who = User("Ed", "editor")
    workcopy.import_directory(engine, who, BUNDLED, then=lambda c: versions.publish_in(c, who, "one"))
    assert not abandoned.exists() and mine.exists()  # a living process's folder is left alone
    assert not [p for p in tmp_path.glob("factionline-publish-*") if p != mine]  # and the publish cleaned up
