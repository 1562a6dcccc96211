"""axe-core in the browser tests: the pinned npm package (installed by .ci/get-axe), its axe.min.js checked
by hash before a page runs it. Without it the checks are skipped with that reason, and fail when CI is set."""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path

import pytest

VERSION = "4.14.1"
SHA256 = "29348999450cdf2849a8e70b7912fc2da85a849da39c0d0d5394f51d4a9ed95c"  # = .ci/get-axe's
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]  # WCAG 2.0–2.2, levels A and AA
SERIOUS = ("serious", "critical")


def folder() -> Path:
    return Path(os.environ.get("FACTIONLINE_AXE_DIR") or Path.home() / ".cache" / "factionline" / f"axe-core-{VERSION}")


@lru_cache(maxsize=1)
def script() -> str:
    """axe.min.js, checked; skip (fail in CI) when it is not installed, fail when it is not the pinned one."""
    path = folder() / "axe.min.js"
    if not path.is_file():
        message = f"axe-core {VERSION} is not installed at {path}: run `bash .ci/get-axe`"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    data = path.read_bytes()
    assert hashlib.sha256(data).hexdigest() == SHA256, f"{path} is not axe-core {VERSION} (its checksum differs)"
    return data.decode("utf-8")


def serious_violations(page) -> list[dict]:
    """axe-core's serious and critical WCAG 2.0–2.2 A/AA violations on the page as it is now."""
    js = script()
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=js)
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        TAGS,
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [(n["target"], n.get("failureSummary", "")[:200]) for n in v["nodes"][:6]],
        }
        for v in result["violations"]
        if v["impact"] in SERIOUS
    ]
