"""A standalone Spark cluster on this machine — a master and N workers on 127.0.0.1, started with pyspark's
own scripts (sbin/spark-daemon.sh) — for the tests and benchmarks that run the engines on Spark. Needs
pyspark and Java 17 (Debian: openjdk-17-jre-headless).

    with local_cluster(workers=2) as url:      # "spark://127.0.0.1:PORT"
        SqlEngine(DATASET, url)
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

MASTER = "org.apache.spark.deploy.master.Master"
WORKER = "org.apache.spark.deploy.worker.Worker"


def missing() -> str | None:
    """Why a local cluster cannot start here, or None."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "pyspark is not installed (pip install 'factionline[spark]')"
    if not shutil.which("java") and not os.environ.get("JAVA_HOME"):
        return "Java is not installed (Debian: apt-get install openjdk-17-jre-headless)"
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _spark_home() -> Path:
    import pyspark

    return Path(pyspark.__file__).parent


def _wait_for(log_dir: Path, text: str, count: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        seen = sum(p.read_text(errors="replace").count(text) for p in log_dir.glob("*.out"))
        if seen >= count:
            return
        time.sleep(0.5)
    logs = "\n".join(p.read_text(errors="replace")[-2000:] for p in log_dir.glob("*.out"))
    raise TimeoutError(f"the local Spark cluster did not start within {timeout:.0f} s:\n{logs}")


@contextlib.contextmanager
def local_cluster(workers: int = 2, cores: int = 1, memory: str = "2g", timeout: float = 120):
    home = _spark_home()
    state = Path(tempfile.mkdtemp(prefix="factionline-spark-"))
    env = os.environ | {
        "SPARK_HOME": str(home),
        "SPARK_LOG_DIR": str(state / "logs"),
        "SPARK_PID_DIR": str(state / "pids"),
        "SPARK_WORKER_DIR": str(state / "work"),
        "SPARK_LOCAL_IP": "127.0.0.1",
        "SPARK_IDENT_STRING": state.name,  # this cluster's own pid files, beside any other
    }
    daemon = [str(home / "sbin" / "spark-daemon.sh")]
    port = _free_port()
    url = f"spark://127.0.0.1:{port}"
    started = []
    try:
        subprocess.run(
            [*daemon, "start", MASTER, "1", "--host", "127.0.0.1", "--port", str(port), "--webui-port", "0"],
            env=env,
            check=True,
            capture_output=True,
        )
        started.append((MASTER, 1))
        _wait_for(state / "logs", "I have been elected leader", 1, timeout)
        for i in range(1, workers + 1):
            subprocess.run(
                [*daemon, "start", WORKER, str(i), "--host", "127.0.0.1", "--cores", str(cores), "--memory", memory,
                 "--webui-port", "0", url],
                env=env,
                check=True,
                capture_output=True,
            )  # fmt: skip
            started.append((WORKER, i))
        _wait_for(state / "logs", "Successfully registered with master", workers, timeout)
        yield url
    finally:
        with contextlib.suppress(Exception):
            from pyspark.sql import SparkSession

            session = SparkSession.getActiveSession()
            if session is not None:
                session.stop()
        for cls, i in reversed(started):
            subprocess.run([*daemon, "stop", cls, str(i)], env=env, capture_output=True)
        shutil.rmtree(state, ignore_errors=True)
