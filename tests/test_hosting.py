"""Hosting: the installed wheel runs, the container health check follows the port and the data, a
data directory the server cannot read is explained, and the server makes no outside connection."""

import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
import venv
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from .browser import ROOT, free_port, streamlit_server, wait_ready
from .test_app import APP


def _fail_or_skip(message: str):
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="module")
def wheel_venv(tmp_path_factory):
    """A fresh virtual environment with Factionline installed from its wheel (dependencies from this
    interpreter's site-packages: the test is about what the wheel carries, not about downloads)."""
    out = tmp_path_factory.mktemp("wheel")
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", str(ROOT), "-w", str(out)],
        capture_output=True,
        text=True,
        cwd=out,
    )
    wheels = list(out.glob("factionline-*.whl"))
    if built.returncode or not wheels:
        _fail_or_skip(f"could not build the wheel (no package index?): {built.stderr[-500:]}")
    env_dir = out / "venv"
    venv.EnvBuilder(system_site_packages=True, with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "-q",
            "--no-deps",
            "--no-index",
            str(wheels[0]),
        ],
        check=True,
        capture_output=True,
    )
    return env_dir, wheels[0]


def _in_venv(env_dir: Path, code: str, **env) -> str:
    done = subprocess.run(
        [env_dir / "bin" / "python", "-c", code],
        capture_output=True,
        text=True,
        cwd=env_dir,
        env={**os.environ, **env},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_the_wheel_carries_the_data_the_app_and_its_settings(wheel_venv):
    env_dir, wheel = wheel_venv
    import zipfile

    names = zipfile.ZipFile(wheel).namelist()
    assert "components/bundled_data/events.csv" in names
    assert "components/bundled_data/articles/aj-2024-02-28-moscow-talks.txt" in names
    assert "components/ui/streamlit_app.py" in names and "components/hosting/config.toml" in names
    assert not any("secrets" in n for n in names)
    where = _in_venv(
        env_dir, "import components.paths as p; print(p.PACKAGE); print(p.bundled_data()); print(p.streamlit_config())"
    ).split()
    assert all(str(env_dir) in w for w in where), where  # the installed copy, not this checkout
    assert Path(where[1], "events.csv").is_file()


def test_the_installed_app_renders_the_bundled_data(wheel_venv):
    env_dir, _ = wheel_venv
    out = _in_venv(
        env_dir,
        "from streamlit.testing.v1 import AppTest; import components.paths as p; "
        "at = AppTest.from_file(str(p.APP), default_timeout=60).run(); "
        "assert not at.exception, at.exception; print([c.value for c in at.caption][0])",
        FACTIONLINE_CACHE="off",
    )
    assert out.startswith("13 of 13 events")


def test_factionline_run_and_import_work_from_the_wheel(wheel_venv, tmp_path):
    env_dir, _ = wheel_venv
    command = env_dir / "bin" / "factionline"
    sample = ROOT / "tests" / "fixtures" / "acled_sample.csv"
    done = subprocess.run(
        [command, "import", "acled", str(sample), "--out", str(tmp_path / "imp")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr  # the default --with is the installed bundled data
    port = free_port()
    env = {**os.environ, "FACTIONLINE_CACHE": "off", "STREAMLIT_SERVER_PORT": str(port)}
    server = subprocess.Popen(
        [command, "run", "--", "--server.headless=true", "--server.address=127.0.0.1"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.time() + 60
        while True:
            health = subprocess.run([command, "health"], capture_output=True, text=True, env=env)
            if health.returncode == 0 or time.time() > deadline or server.poll() is not None:
                break
            time.sleep(0.5)
        assert health.returncode == 0, (health.stderr, server.poll())
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=20)
    assert "File does not exist" not in output and "Did not auto detect external IP" not in output, output


def test_docker_health_check_follows_the_port_and_the_data(tmp_path):
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    check = re.search(r"HEALTHCHECK[^\n]*\\\n\s*CMD (.+)", dockerfile).group(1)
    assert "8501" not in check and check.split()[:2] == ["factionline", "health"]
    with streamlit_server() as base:
        port = base.rsplit(":", 1)[1]
        env = {**os.environ, "STREAMLIT_SERVER_PORT": port}
        env.pop("FACTIONLINE_DATA", None)
        ok = subprocess.run([sys.executable, "-m", "components.cli", "health"], env=env, capture_output=True, text=True)
        assert ok.returncode == 0 and ok.stdout.strip() == "ok", ok.stderr
        gone = subprocess.run(
            [sys.executable, "-m", "components.cli", "health"],
            capture_output=True,
            text=True,
            env={**env, "FACTIONLINE_DATA": str(tmp_path / "gone")},
        )
        assert gone.returncode == 1 and "does not exist" in gone.stderr
    wrong = subprocess.run(
        [sys.executable, "-m", "components.cli", "health"],
        capture_output=True,
        text=True,
        env={**env, "STREAMLIT_SERVER_PORT": str(free_port())},
    )
    assert wrong.returncode == 1 and "no answer" in wrong.stderr


def test_the_image_leaves_out_what_it_does_not_run():
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    assert {"tests", "bench", "docs", ".ci", "build", "dist"} <= set(ignored)


def test_an_unreadable_data_directory_is_explained_without_server_paths(tmp_path, monkeypatch):
    secret = tmp_path / "private-data"
    shutil.copytree(ROOT / "data", secret)
    real = os.listdir

    def listdir(path="."):  # as for a directory of mode 700 that belongs to another user
        if os.path.abspath(path) == str(secret):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "listdir", listdir)
    monkeypatch.setenv("FACTIONLINE_DATA", str(secret))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    shown = " ".join(e.value for e in at.error) + " ".join(
        str(v) for d in at.dataframe for v in d.value.to_numpy().ravel()
    )
    assert "private\\-data" in shown or "private-data" in shown
    assert "permission denied" in shown and "FACTIONLINE_DATA" in shown
    assert str(tmp_path) not in shown.replace("\\", "")


@pytest.mark.browser
def test_starting_and_viewing_makes_no_connection_outside_localhost(tmp_path, browser):
    audit = tmp_path / "net.log"
    audit.touch()
    outside = []
    # No --server.address: all interfaces, as in the container (where the lookups were seen).
    with streamlit_server(
        extra_env={"NET_AUDIT_LOG": str(audit)}, launcher=ROOT / "tests" / "net_audit.py", address=None
    ) as base:
        page = browser.new_page()
        page.on("request", lambda r: outside.append(r.url) if not r.url.startswith((base, "data:", "blob:")) else None)
        page.goto(base)
        wait_ready(page)
        page.get_by_text("Event details").first.wait_for()
        page.close()
        with urllib.request.urlopen(f"{base}/_stcore/health") as r:
            assert r.read() == b"ok"
    lines = audit.read_text(encoding="utf-8").splitlines()
    local = re.compile(
        r"^(connect \('(127\.\d+\.\d+\.\d+|::1|localhost)'|connect '/|lookup '(localhost|127\.0\.0\.1|::1)')"
    )
    assert all(local.match(line) for line in lines), lines
    assert not outside, outside
