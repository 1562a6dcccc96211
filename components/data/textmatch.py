"""Verbatim checks: does a passage occur in an article, allowing for whitespace and quote styles?"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from components.data.vector import strings

_DOUBLE = re.compile("[“”„‟″«»]")
_SINGLE = re.compile("[‘’‚‛′`]")
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    text = _SINGLE.sub("'", _DOUBLE.sub('"', unicodedata.normalize("NFKC", text)))
    return _SPACE.sub(" ", text).strip()


def occurs_in(passage: str, article: str) -> bool:
    needle = normalise(passage)
    return bool(needle) and needle in normalise(article)


def mismatch(passage: str, article: str, context: int = 40) -> str:
    """Where a passage stops matching its article, in words: how much of it (as occurs_in compares)
    is found, and what follows there in the passage and in the article. A mismatch at the end of a
    long passage is otherwise invisible."""
    needle, haystack = normalise(passage), normalise(article)
    lo, hi = 0, len(needle)  # the longest prefix found: binary search (a found prefix's prefixes are found)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if needle[:mid] in haystack:
            lo = mid
        else:
            hi = mid - 1
    if lo == 0:
        return "no part of it occurs in the article (is article_id right?)"
    at = haystack.find(needle[:lo]) + lo
    said = needle[lo : lo + context]
    found = haystack[at : at + context]
    return (
        f"the first {lo:,} of its {len(needle):,} characters match; from there the passage has "
        f"{said!r} but the article has {found!r}"
    )


class ArticleTexts(Mapping):
    """Article id -> text, held as one Arrow string array (a hundred MB of articles is one buffer
    that Arrow kernels read directly; a text becomes a Python str only when asked for)."""

    def __init__(self, ids: list[str], bodies: pa.Array):
        self.bodies = bodies.cast(pa.large_string())
        self._pos = {article_id: i for i, article_id in enumerate(ids)}  # a repeated id: the last wins
        self.ids = pa.array(list(self._pos), pa.large_string())
        if len(self._pos) < len(ids):
            self.bodies = self.bodies.take(pa.array(list(self._pos.values())))
            self._pos = {article_id: i for i, article_id in enumerate(self._pos)}

    def __getitem__(self, article_id: str) -> str:
        return self.bodies[self._pos[article_id]].as_py()

    def __iter__(self):
        return iter(self._pos)

    def __len__(self) -> int:
        return len(self._pos)

    def __contains__(self, article_id) -> bool:
        return article_id in self._pos


# A sentence ends at . ! or ? (with an optional closing quote) followed by white space.
_SENTENCE_BREAK = "([.!?][\"'”’]?)\\s+"
_PARAGRAPH_BREAK = "\\n[ \\t\\r]*\\n"
_QUOTE_CHARS = "\"'“”‘’"
_SEP = pa.scalar("\x1f", pa.large_string())
FEW_MISSES = 1_000  # below this, passages not found as sentences are searched one by one
GROUP_BYTES = 4_000_000  # articles indexed at a time (groups in parallel; small groups: less memory churn)


def _flat(ids: pa.Array, lists: pa.ListArray) -> tuple[pa.Array, pa.Array]:
    """(article id, trimmed item) for every item of per-article lists."""
    return pc.take(ids, pc.list_parent_indices(lists)), pc.utf8_trim_whitespace(pc.list_flatten(lists))


def _join(owners: pa.Array, items: pa.Array, keep=None) -> pa.Array:
    if keep is not None:
        owners, items = pc.filter(owners, keep), pc.filter(items, keep)
    return pc.binary_join_element_wise(owners, items, _SEP)


def _article_keys(ids: pa.Array, body: pa.Array, paragraphs: bool) -> pa.Array:
    """ "article id + separator + passage" for the forms a verbatim passage takes in these articles:
    each sentence, a quoted sentence also without its quote marks, and (when asked) each paragraph of
    several sentences (imported records are stored one per paragraph)."""
    owners, sentences = _flat(
        ids, pc.split_pattern(pc.replace_substring_regex(body, _SENTENCE_BREAK, "\\1\x1e"), "\x1e")
    )
    bare = pc.utf8_trim(sentences, _QUOTE_CHARS)
    parts = [_join(owners, sentences), _join(owners, bare, keep=pc.not_equal(bare, sentences))]
    if paragraphs:
        owners, text = _flat(ids, pc.split_pattern_regex(body, _PARAGRAPH_BREAK))
        parts.append(_join(owners, text, keep=pc.match_substring_regex(text, _SENTENCE_BREAK)))
    return pa.concat_arrays(parts)


def verbatim(texts: Mapping[str, str], passages, article_ids) -> np.ndarray:
    """For each passage, whether it occurs in its article (as occurs_in decides); passages and
    article_ids are aligned Series or Arrow arrays.

    A passage that is, character for character, a sentence of its article (or that sentence without
    its quote marks) is accepted by a hash lookup in Arrow. Articles are indexed a group at a time,
    groups in parallel threads (Arrow releases the GIL), so a hundred MB of text never has its whole
    index in memory. When many passages are not found, their articles' paragraphs are looked up the
    same way; the rest (parts of sentences, other whitespace or quote styles) are searched in their
    article's normalised text.
    """
    if not isinstance(texts, ArticleTexts):
        texts = ArticleTexts(list(texts), pa.array(list(texts.values()), pa.large_string()))
    ids, passages = (strings(a).cast(pa.large_string()) for a in (article_ids, passages))
    # One contiguous array each: take() from many chunks is several times slower.
    ids, passages = (a.combine_chunks() if isinstance(a, pa.ChunkedArray) else a for a in (ids, passages))
    article = pc.index_in(ids, value_set=texts.ids).fill_null(-1).to_numpy(zero_copy_only=False)
    sizes = pc.binary_length(texts.bodies).to_numpy(zero_copy_only=False).astype(np.int64)
    group = (np.cumsum(sizes) - sizes) // GROUP_BYTES  # consecutive articles, about GROUP_BYTES each
    ok = np.zeros(len(ids), dtype=bool)

    def lookup(rows: np.ndarray, paragraphs: bool) -> None:
        """Look up keys[rows] (all of known articles), one group of articles at a time."""

        def one(g):
            mine = rows[group[article[rows]] == g]
            members = np.unique(article[mine])  # only the articles these passages are in
            # Keys made a group at a time: small buffers the allocator reuses, not a copy of them all.
            keys = _join(ids.take(mine), pc.utf8_trim_whitespace(passages.take(mine)))
            found = pc.is_in(
                keys, value_set=_article_keys(texts.ids.take(members), texts.bodies.take(members), paragraphs)
            )
            return mine, found.fill_null(False).to_numpy(zero_copy_only=False)

        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            for mine, found in pool.map(one, np.unique(group[article[rows]])):
                ok[mine] = found

    lookup(np.flatnonzero(article >= 0), paragraphs=False)
    missed = np.flatnonzero(~ok & (article >= 0))
    if len(missed) > FEW_MISSES:
        lookup(missed, paragraphs=True)
    normalised: dict[str, str] = {}
    for i in np.flatnonzero(~ok & (article >= 0)):
        article_id = ids[int(i)].as_py()
        if article_id not in normalised:
            normalised[article_id] = normalise(texts[article_id])
        needle = normalise(passages[int(i)].as_py() or "")
        ok[i] = bool(needle) and needle in normalised[article_id]
    return ok
