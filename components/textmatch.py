"""Verbatim checks: does a passage occur in an article, allowing for whitespace and quote styles?"""
from __future__ import annotations

import re
import unicodedata

_QUOTES = str.maketrans({c: '"' for c in "“”„‟″«»"} | {c: "'" for c in "‘’‚‛′`"})
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return _SPACE.sub(" ", text).strip()


def occurs_in(passage: str, article: str) -> bool:
    needle = normalise(passage)
    return bool(needle) and needle in normalise(article)
