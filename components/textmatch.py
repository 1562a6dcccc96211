"""Verbatim checks: does a passage occur in an article, allowing for whitespace and quote styles?"""
from __future__ import annotations

import re
import unicodedata

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .vector import strings

_DOUBLE = re.compile("[“”„‟″«»]")
_SINGLE = re.compile("[‘’‚‛′`]")
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    text = _SINGLE.sub("'", _DOUBLE.sub('"', unicodedata.normalize("NFKC", text)))
    return _SPACE.sub(" ", text).strip()


def occurs_in(passage: str, article: str) -> bool:
    needle = normalise(passage)
    return bool(needle) and needle in normalise(article)


# A sentence ends at . ! or ? (with an optional closing quote) followed by white space.
_SENTENCE_BREAK = "([.!?][\"'”’]?)\\s+"
_PARAGRAPH_BREAK = "\\n[ \\t\\r]*\\n"
_QUOTE_CHARS = "\"'“”‘’"
_SEP = pa.scalar("\x1f", pa.large_string())


class ArticleIndex:
    """The sentences of a set of articles, for checking many passages against them at once."""

    def __init__(self, texts: dict[str, str]):
        self.texts = texts
        self._normalised: dict[str, str] = {}
        # Keys "article id + separator + passage", built one kind at a time, freeing what each step no
        # longer needs, so that a hundred MB of article text does not hold several copies of itself at once.
        ids = pa.array(list(texts), pa.large_string())
        body = pa.array(list(texts.values()), pa.large_string())
        lists = pc.split_pattern(pc.replace_substring_regex(body, _SENTENCE_BREAK, "\\1\x1e"), "\x1e")
        owners = pc.take(ids, pc.list_parent_indices(lists))
        sentences = pc.utf8_trim_whitespace(pc.list_flatten(lists))
        del lists
        parts = [pc.binary_join_element_wise(owners, sentences, _SEP)]
        bare = pc.utf8_trim(sentences, _QUOTE_CHARS)  # a quotation without its own quote marks
        quoted = pc.not_equal(bare, sentences)
        del sentences
        parts.append(pc.binary_join_element_wise(pc.filter(owners, quoted), pc.filter(bare, quoted), _SEP))
        del bare, quoted, owners
        # Whole paragraphs too: imported records (several sentences each) are stored one per paragraph.
        paragraphs = pc.split_pattern_regex(body, _PARAGRAPH_BREAK)
        del body
        owners = pc.take(ids, pc.list_parent_indices(paragraphs))
        text = pc.utf8_trim_whitespace(pc.list_flatten(paragraphs))
        del paragraphs
        multi = pc.match_substring_regex(text, _SENTENCE_BREAK)  # single sentences are in already
        parts.append(pc.binary_join_element_wise(pc.filter(owners, multi), pc.filter(text, multi), _SEP))
        del owners, text, multi
        # One set, so each lookup builds one hash table (the intermediates above are gone by now).
        self.keys = pa.concat_arrays(parts)

    def normalised(self, article_id: str) -> str | None:
        if article_id not in self.texts:
            return None
        if article_id not in self._normalised:
            self._normalised[article_id] = normalise(self.texts[article_id])
        return self._normalised[article_id]

    def verbatim(self, passages: pd.Series, article_ids: pd.Series) -> np.ndarray:
        """For each passage, whether it occurs in its article (as occurs_in decides).

        A passage that is, character for character, a whole sentence of its article is accepted
        by one hash lookup in Arrow; the rest (parts of sentences, several sentences, other
        whitespace or quote styles) are searched in their article's normalised text.
        """
        ids = strings(article_ids).cast(pa.large_string())
        needles = pc.utf8_trim_whitespace(strings(passages).cast(pa.large_string()))
        keys = pc.binary_join_element_wise(ids, needles, _SEP)
        ok = pc.is_in(keys, value_set=self.keys).fill_null(False).to_numpy(zero_copy_only=False).copy()
        for i in np.flatnonzero(~ok):
            article = self.normalised(article_ids.iat[i])
            needle = normalise(passages.iat[i])
            ok[i] = article is not None and bool(needle) and needle in article
        return ok
