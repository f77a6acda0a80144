"""The compiled Token: what the layers read of it, compared, pickled and shown as a dataclass would."""

import pickle

import pytest

from qawl.arabic.segment import tokens
from qawl.arabic.token import FIELDS, Token

SENTENCE = "وقال وزير الخارجية بِحلب في 2016."  # a harakah on the fused preposition


def test_a_token_holds_its_offsets_text_and_clitic_split() -> None:
    toks = tokens(SENTENCE)
    word = toks[3]
    assert (word.start, word.end, word.text) == (19, 24, "بِحلب")
    assert (word.norm, word.prefix, word.stem, word.suffix, word.head) == ("بحلب", "ب", "حلب", "", "بحلب")
    assert SENTENCE[word.stem_start : word.stem_end] == "حلب"  # after the preposition's harakah
    assert [t.text for t in toks] == ["وقال", "وزير", "الخارجية", "بِحلب", "في", "2016", "."]


def test_tokens_compare_hash_and_pickle_by_their_fields() -> None:
    a, b = tokens(SENTENCE)[3], tokens("x " + SENTENCE)[4]
    assert a != b  # two characters later
    again = Token(*(getattr(a, f) for f in FIELDS))
    assert again == a and hash(again) == hash(a)
    assert pickle.loads(pickle.dumps(a)) == a
    assert repr(a).startswith("Token(start=19, end=24, text='بِحلب'")


def test_a_token_is_read_only() -> None:
    t = tokens(SENTENCE)[0]
    with pytest.raises(AttributeError):
        t.norm = "x"  # type: ignore[misc]
