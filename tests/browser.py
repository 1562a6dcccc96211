"""Start a real `streamlit run` and a headless Chromium for browser tests."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
READY = '[data-testid="stApp"][data-test-script-state="notRunning"]'
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServerURL(str):
    """The server's base URL, which also knows the server's process id."""

    pid: int


@contextmanager
def streamlit_server(
    data: Path | None = None,
    extra_env: dict | None = None,
    app: Path | None = None,
    launcher: Path | None = None,
    address: str | None = "127.0.0.1",
    log: Path | None = None,
):
    """A Streamlit server of the app; its output goes to `log` when given."""
    port = free_port()
    env = dict(os.environ, **(extra_env or {}))
    env.pop("FACTIONLINE_DATA", None)
    if data is not None:
        env["FACTIONLINE_DATA"] = str(data)
    # as `factionline run` starts it: Streamlit with the app's guards installed first (components/ui/serve.py)
    start = [sys.executable, str(launcher)] if launcher else [sys.executable, "-m", "components.ui.serve"]
    cmd = [
        *start,
        "run",
        str(app or ROOT / "dashboard.py"),
        "--server.headless",
        "true",
        "--server.port",
        str(port),
        *(["--server.address", address] if address else []),
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
    ]
    out = open(log, "wb") if log else subprocess.DEVNULL  # noqa: SIM115 (closed below)
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    base = ServerURL(f"http://127.0.0.1:{port}")
    base.pid = proc.pid
    try:
        deadline = time.time() + 120
        while True:
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.time() > deadline:
                raise RuntimeError(f"streamlit did not start (exit code {proc.poll()})")
            time.sleep(0.3)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        if log:
            out.close()


def launch_chromium(playwright):
    """Playwright's own Chromium where installed, else the system one (Debian's /usr/bin/chromium)."""
    try:
        return playwright.chromium.launch(args=CHROMIUM_ARGS)
    except Exception as own_error:
        system = shutil.which("chromium") or shutil.which("chromium-browser")
        if system:
            return playwright.chromium.launch(executable_path=system, args=CHROMIUM_ARGS)
        message = (
            "no Chromium: run `python -m playwright install chromium` "
            f"or install the system chromium ({own_error.__class__.__name__})"
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def wait_ready(page, timeout: float = 30_000) -> None:
    page.wait_for_selector(READY, timeout=timeout)
    page.wait_for_timeout(300)
    page.wait_for_selector(READY, timeout=timeout)


def sign_in(page, base: str | None, name: str, password: str) -> None:
    """Sign in with an account and its password, or ("", the viewers' password) (after loading `base`, when given: a password sign-in lasts as long as the
    browser tab's session, so a new page load asks again)."""
    if base is not None:
        page.goto(base)
        wait_ready(page, 60_000)
    page.get_by_role("textbox", name="Account", exact=True).fill(name)
    page.get_by_role("textbox", name="Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
    wait_ready(page, 60_000)
    page.get_by_text("Signed in as").wait_for(timeout=30_000)


EDITOR_ACCOUNT = ("Ed Itor", "editor-pass-long")


def store_with_editor(folder: Path) -> str:
    """A new SQLite store (its URL) with one editor's account, EDITOR_ACCOUNT."""
    from components.store import accounts
    from components.store.db import open_store
    from components.store.roles import User

    url = f"sqlite:///{folder / 'store.sqlite'}"
    store = open_store(url)
    accounts.add(store, User("Operator", "admin"), EDITOR_ACCOUNT[0], "editor", EDITOR_ACCOUNT[1])
    store.dispose()
    return url


def open_curate(browser, base: str):
    """A new browser signed in as the editor, on the Curate page."""
    page = browser.new_context(viewport={"width": 1440, "height": 1000}).new_page()
    sign_in(page, base, *EDITOR_ACCOUNT)
    page.get_by_role("link", name="Curate").click()
    wait_ready(page, 60_000)
    return page


def fill_article(page, text: str, title: str, outlet: str, published: tuple[str, str, str]) -> None:
    """Fill the Curate page's *Add an article* form with a new outlet (the form is left unsent)."""
    page.get_by_text("Add an article", exact=True).click()
    page.get_by_role("textbox", name="…or paste its text", exact=True).fill(text)
    page.get_by_role("textbox", name="Title, as the outlet published it", exact=True).fill(title)
    box = page.locator('[data-testid="stSelectbox"]').filter(has_text="Outlet").first
    for _ in range(3):  # a busy machine: the list may not have opened or filtered when the keys arrive
        page.get_by_role("combobox", name="Outlet", exact=True).click()
        page.keyboard.type("Another outlet")
        try:
            page.get_by_role("option", name="Another outlet…").click(timeout=5_000)
        except Exception:
            page.keyboard.press("Escape")
        if "Another outlet" in box.inner_text():
            break
    page.get_by_role("textbox", name="Another outlet's name", exact=True).fill(outlet)
    for part, value in zip(("year", "month", "day"), published):  # the date field's segments
        page.get_by_role("spinbutton", name=f"{part}, Published on").click()
        page.keyboard.type(value)


@contextmanager
def watched_page(browser, width: int = 1440, height: int = 1000, **options):
    """A page in a new context (`options`: Playwright's, e.g. color_scheme, has_touch) that fails the test, on
    closing, for any script error or any request leaving the machine (offline by default)."""
    from urllib.parse import urlparse

    context = browser.new_context(viewport={"width": width, "height": height}, **options)
    page = context.new_page()
    outside, errors = [], []
    page.on("request", lambda r: outside.append(r.url) if urlparse(r.url).hostname not in ("127.0.0.1", None) else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    context.close()
    assert not errors, errors
    assert not [u for u in outside if not u.startswith(("data:", "blob:"))], outside  # nothing leaves the machine


# Every mark, bar, label, "+N" box and lane name the first chart on the page draws, as on-screen boxes with the event
# (or crowd, or lane) they belong to; only those whose centre lies in the plot area (a point outside the view is
# clipped away). Joining lines are left out: they are meant to cross lanes.
DRAWN_BOXES_JS = """() => {
  const gd = document.querySelectorAll('.js-plotly-plot')[0];
  const area = gd.querySelector('.nsewdrag').getBoundingClientRect();
  const out = [];
  const inside = r => { const x = r.left + r.width / 2, y = r.top + r.height / 2;
    return r.width > 0 && x >= area.left && x <= area.right && y >= area.top && y <= area.bottom; };
  const ownerOf = (trace, i) => {
    if (trace.name === 'Selected event') return String((trace.meta || [])[i] ?? 'selected');
    const c = trace.customdata ? trace.customdata[i] : null;
    if (c === null || c === undefined) return trace.name + ' ' + i;
    const v = Array.isArray(c) ? c : Object.keys(c).sort((a, b) => a - b).map(k => c[k]);
    return v[0] === '@crowd' ? 'crowd ' + v[1] + ' ' + v[2] : String(v[0]);
  };
  gd.querySelectorAll('.scatterlayer .trace, .barlayer .trace').forEach(g => {
    const trace = g.__data__ && g.__data__[0] && g.__data__[0].trace;
    if (!trace || trace.name === 'Same event in several lanes') return;
    g.querySelectorAll('path.point, .textpoint text').forEach(el => {
      const d = el.__data__ || (el.parentNode && el.parentNode.__data__);
      if (!d || d.i === undefined) return;
      if (el.tagName === 'text' && !el.textContent) return;
      const r = el.getBoundingClientRect();
      if (!inside(r)) return;
      out.push({kind: el.tagName === 'text' ? 'label' : (trace.type === 'bar' ? 'bar' : 'mark'),
                owner: ownerOf(trace, d.i), x0: r.left, x1: r.right, y0: r.top, y1: r.bottom,
                text: el.tagName === 'text' ? el.textContent : ''});
    });
  });
  gd.querySelectorAll('.annotation').forEach((el, k) => {
    const r = el.querySelector('rect.bg, .annotation-text').getBoundingClientRect();
    if (inside(r)) out.push({kind: 'lane', owner: 'lane ' + k, x0: r.left, x1: r.right, y0: r.top, y1: r.bottom, text: el.textContent});
  });
  return out;
}"""


def overlapping(boxes: list[dict], tolerance: float = 1.0) -> list[tuple[dict, dict]]:
    """Pairs of boxes of different owners that overlap by more than `tolerance` pixels both ways."""
    boxes = sorted(boxes, key=lambda b: b["x0"])
    pairs = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            if b["x0"] >= a["x1"] - tolerance:
                break
            if a["owner"] != b["owner"] and min(a["y1"], b["y1"]) - max(a["y0"], b["y0"]) > tolerance:
                pairs.append((a, b))
    return pairs


def open_list(page, box) -> None:
    """Open a select box's list before typing into it: under load a click during a rerun can be lost, and
    keys typed before the list opens go nowhere."""
    for _ in range(3):
        box.click()
        try:
            page.get_by_role("option").first.wait_for(timeout=10_000)
            return
        except Exception:
            wait_ready(page, 30_000)
    page.get_by_role("option").first.wait_for(timeout=10_000)
