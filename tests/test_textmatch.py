"""The bulk verbatim check gives the answer of the one-by-one check, whatever path a passage takes."""

import pytest

from components.data import textmatch
from components.data.textmatch import ArticleTexts, occurs_in, verbatim

ARTICLES = {
    "a1": "The talks opened in Moscow. “We are ready,” he said.\n\nA second paragraph here. It has two sentences.",
    "a2": "Short one!  Next   sentence with   odd spacing. ‘Single quoted.’\n\nOnly line.",
    "a3": "Ein Satz. Ça va? Ende.",
}
PASSAGES = [
    ("The talks opened in Moscow.", "a1"),  # a whole sentence
    ("“We are ready,” he said.", "a1"),
    ("We are ready", "a1"),  # part of a sentence
    ("A second paragraph here. It has two sentences.", "a1"),  # a whole paragraph
    ("A second paragraph here.\nIt has two sentences.", "a1"),  # other whitespace
    ("Next sentence with odd spacing.", "a2"),
    ("Single quoted.", "a2"),  # a quoted sentence without its quote marks
    ("'Single quoted.'", "a2"),  # other quote marks
    ("Only line.", "a2"),
    ("The talks opened in Moscow.", "a2"),  # the wrong article
    ("Ça va?", "a3"),
    ("Not there at all.", "a3"),
    ("The talks opened in Moscow.", "nope"),  # an unknown article
    ("   ", "a1"),
]


@pytest.mark.parametrize("group_bytes, few", [(10**9, 10**6), (40, 0), (40, 10**6)])
def test_bulk_check_agrees_with_occurs_in(monkeypatch, group_bytes, few):
    monkeypatch.setattr(textmatch, "GROUP_BYTES", group_bytes)  # one group, or one per article
    monkeypatch.setattr(textmatch, "FEW_MISSES", few)  # paragraphs indexed, or searched one by one
    passages = [p for p, _ in PASSAGES] * 3
    ids = [a for _, a in PASSAGES] * 3
    expected = [a in ARTICLES and occurs_in(p, ARTICLES[a]) for p, a in zip(passages, ids)]
    assert list(verbatim(ARTICLES, passages, ids)) == expected
    assert sum(expected) == 30  # 10 of 14 found, three times


def test_article_texts_is_a_mapping_of_the_last_text_per_id():
    import pyarrow as pa

    texts = ArticleTexts(["x", "y", "x"], pa.array(["one", "two", "three"]))
    assert dict(texts) == {"x": "three", "y": "two"} and len(texts) == 2 and "y" in texts
