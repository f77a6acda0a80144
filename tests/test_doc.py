"""The analysed text (qawl.doc): every token knows its sentence and its paragraph."""

from __future__ import annotations

from qawl.doc import Doc, _index
from tests.store_data import dev_articles


def test_every_token_stands_in_its_sentence_and_paragraph() -> None:
    for article in dev_articles(10):
        doc = Doc.from_text(article.text)
        for ranges, index in ((doc.sentences, doc.sentence_index), (doc.paragraphs, doc.paragraph_index)):
            assert len(index) == len(doc.tokens)
            for i, k in enumerate(index):
                a, b = ranges[k]
                held = a <= i < b
                # a token no range holds joins the range of the token before it
                assert held or (not any(s <= i < e for s, e in ranges) and k == (index[i - 1] if i else 0))


def test_a_token_between_ranges_joins_the_one_before() -> None:
    assert _index([(0, 2), (3, 5)], 6) == [0, 0, 0, 1, 1, 1]
    assert _index([(1, 3)], 4) == [0, 0, 0, 0]  # before the first range: the first
    assert _index([(0, 2), (2, 2), (2, 4)], 4) == [0, 0, 2, 2]  # an empty range holds no token
