"""Verbatim checks: does a passage occur in an article, allowing for whitespace and quote styles?"""
from __future__ import annotations

import re
import unicodedata

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

_DOUBLE = re.compile("[“”„‟″«»]")
_SINGLE = re.compile("[‘’‚‛′`]")
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    text = _SINGLE.sub("'", _DOUBLE.sub('"', unicodedata.normalize("NFKC", text)))
    return _SPACE.sub(" ", text).strip()


def occurs_in(passage: str, article: str) -> bool:
    needle = normalise(passage)
    return bool(needle) and needle in normalise(article)


QUOTE_MARKS = "\"'"
_SENTENCE_END = re.compile(r"(?<=[.!?\"'])\s+")


def _normalise_series(s: pd.Series) -> pa.Array:
    """normalise() for a whole column at once in Arrow (results feed only the fast accept path)."""
    arr = pa.array(s.to_numpy(dtype=object), pa.string())
    arr = pc.utf8_normalize(arr, "NFKC")
    arr = pc.replace_substring_regex(arr, "[“”„‟″«»]", '"')
    arr = pc.replace_substring_regex(arr, "[‘’‚‛′`]", "'")
    arr = pc.replace_substring_regex(arr, r"\s+", " ")
    return pc.utf8_trim_whitespace(arr)


def normalise_articles(texts: dict[str, str]) -> dict[str, str]:
    return {a: normalise(t) for a, t in texts.items()}


def verbatim(passages: pd.Series, article_ids: pd.Series, texts: dict[str, str],
             normalised: dict[str, str] | None = None) -> np.ndarray:
    """For each passage, whether it occurs in its article (see occurs_in), fast for a million rows.

    Passages that are whole sentences of their article are accepted by a hash lookup; the rest
    are searched in the article's normalised text, normalising each article once.
    """
    normalised_articles = normalised if normalised is not None else normalise_articles(texts)
    keys = set()
    for a, t in normalised_articles.items():
        for sentence in _SENTENCE_END.split(t):
            keys.add(f"{a}\x1f{sentence}")
            keys.add(f"{a}\x1f{sentence.strip(QUOTE_MARKS)}")  # a quotation inside its quote marks
    needles = _normalise_series(passages)
    ids = pa.array(article_ids.to_numpy(dtype=object), pa.string())
    key_array = pc.binary_join_element_wise(ids, needles, "\x1f")
    ok = pc.is_in(key_array, value_set=pa.array(list(keys), pa.string())).to_numpy(zero_copy_only=False).copy()
    for i in np.flatnonzero(~ok):
        article = normalised_articles.get(article_ids.iat[i])
        needle = normalise(passages.iat[i])
        ok[i] = article is not None and bool(needle) and needle in article
    return ok
