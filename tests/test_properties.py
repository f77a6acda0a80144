"""Properties that hold for any text (hypothesis): extract returns a record, as JSON, whose every span is
the text at its offsets; the normalised view maps back to the characters it came from; tokens and
sentences are in order, apart, and the text at their offsets.

Texts mix Arabic letters, diacritics, tatweel, punctuation and every quotation mark, digits of three
scripts, all kinds of spaces and invisible controls, and words and pieces of real dev sentences. The "ci"
profile (the default) is derandomised, so that a run is the same every time; ``QAWL_HYPOTHESIS=long``
tries many more texts, at random::

    QAWL_HYPOTHESIS=long .venv/bin/python -m pytest -q tests/test_properties.py
"""

from __future__ import annotations

import json
import os
from itertools import pairwise

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import qawl
from qawl.arabic.normalise import _TABLES, normalise
from qawl.arabic.quotemarks import find_quotations
from qawl.arabic.segment import MAX_SENTENCE_CHARS, sentences, tokens
from tests.hostile import carriers, check_spans

settings.register_profile(
    "ci", derandomize=True, database=None, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("long", database=None, deadline=None, max_examples=5_000)
settings.load_profile(os.environ.get("QAWL_HYPOTHESIS", "ci"))
CI = settings().derandomize
EXTRACT_EXAMPLES = 200 if CI else settings().max_examples // 5  # extract takes ~20 ms a text
EXAMPLES = 500 if CI else settings().max_examples

LETTERS = "ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىي" + "پچژگک" + "ﻻﻷﺍﺏ"  # Persian letters, presentation forms
MARKS = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670\u0640"  # harakat, dagger alef, tatweel
PUNCTUATION = "،؛؟.,:;!?()[]{}-–—…/\\%#@*"
QUOTES = "“”«»\"'‹›„‟″＂‘’"
DIGITS = "0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳"
SPACES = " \t\n\r\u00a0\u2003" + "\u200b\u200c\u200d\u200e\u200f\u061c\ufeff"  # zero-width, direction marks
SPACES += "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2069"  # embeddings, overrides, isolates
LATIN = "aeiouxyzAEQXZéçÉß"
ALPHABET = LETTERS + MARKS + PUNCTUATION + QUOTES + DIGITS + SPACES + LATIN
SENTENCES = carriers()
WORDS = sorted({w for s in SENTENCES for w in s.split()})
REPORTING = "قال وقال قالت أكد وأضاف مضيفا إن أن بأن حسب وفقا نقلت عن رفض التعليق".split()


def piece(sentence: str) -> st.SearchStrategy[str]:
    """Any stretch of a real sentence."""
    ends = st.tuples(st.integers(0, len(sentence)), st.integers(0, len(sentence)))
    return ends.map(lambda ab: sentence[min(ab) : max(ab)])


pieces = st.one_of(
    st.text(st.sampled_from(ALPHABET), max_size=12),
    st.sampled_from(WORDS + REPORTING),
    st.sampled_from(SENTENCES).flatmap(piece),
    st.text(max_size=4),  # anything at all, now and then
)
texts = st.lists(st.one_of(pieces, st.sampled_from(SPACES)), max_size=40).map("".join)


@settings(max_examples=EXTRACT_EXAMPLES)
@given(texts, st.sampled_from([None, "2016-08-02"]))
def test_extract_gives_a_record_whose_spans_are_its_text(text: str, published: str | None) -> None:
    record = qawl.extract(text, published=published)
    data = json.loads(json.dumps(record.to_json(), ensure_ascii=False))
    assert data["format"] == "qawl/2"
    assert data["text"] == text.replace("\x00", "\ufffd")
    check_spans(data)
    ids = {e["id"] for e in data["entities"]}
    for quote in data["quotes"]:
        refs = ([quote["speaker"]] if quote["speaker"] else []) + quote["via"]
        assert all(ref["entity"] is None or ref["entity"] in ids for ref in refs)
    assert all(isinstance(w, str) for w in data["warnings"])


@settings(max_examples=EXAMPLES)
@given(texts, st.booleans(), st.data())
def test_normalised_offsets_map_back_to_the_same_characters(
    text: str, letters: bool, data: st.DataObject
) -> None:
    table = _TABLES[letters]
    view = normalise(text, letters=letters)
    assert view.text == text.translate(table)
    offsets = list(view.offsets)
    assert len(offsets) == len(view.text) + 1 and offsets[-1] == len(text)
    assert offsets == sorted(offsets)
    # Each original character is the normalised characters that point at it: none, one, or a ligature's.
    points_at = {j: "" for j in range(len(text))}
    for i, char in enumerate(view.text):
        points_at[offsets[i]] += char
    assert all(points_at[j] == char.translate(table) for j, char in enumerate(text))
    if view.text:
        a = data.draw(st.integers(0, len(view.text) - 1))
        b = data.draw(st.integers(a + 1, len(view.text)))
        start, end = view.span(a, b)
        # The original span holds the whole characters its ends come from (a ligature is never cut).
        first = offsets.index(offsets[a])
        last = max(i for i in range(len(view.text)) if offsets[i] == offsets[b - 1]) + 1
        assert text[start:end].translate(table) == view.text[first:last]


@settings(max_examples=EXAMPLES)
@given(texts)
def test_tokens_are_in_order_apart_and_the_text_at_their_offsets(text: str) -> None:
    found = tokens(text)
    for t in found:
        assert 0 <= t.start < t.end <= len(text)
        assert text[t.start : t.end] == t.text and not any(c.isspace() for c in t.text)
        assert t.prefix + t.stem + t.suffix == t.norm or not (t.prefix or t.suffix)
    assert all(a.end <= b.start for a, b in pairwise(found))
    assert "".join(t.text for t in found) == "".join(c for c in text if not c.isspace())


@settings(max_examples=EXAMPLES)
@given(texts)
def test_sentences_are_in_order_trimmed_and_cover_the_text(text: str) -> None:
    spans = sentences(text)
    for s, e in spans:
        assert 0 <= s < e <= len(text) and e - s <= MAX_SENTENCE_CHARS
        assert text[s:e] == text[s:e].strip()
    assert all(e1 <= s2 for (_, e1), (s2, _) in pairwise(spans))
    covered = "".join(text[s:e] for s, e in spans)
    assert "".join(covered.split()) == "".join(text.split())
    for q in find_quotations(text):
        assert 0 <= q.start <= q.inner_start <= q.inner_end <= q.end <= len(text)
