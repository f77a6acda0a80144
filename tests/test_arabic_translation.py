"""The compiled str.translate gives the string str.translate gives, for each of the
normalisation's tables."""

from __future__ import annotations

import pickle
import random

import pytest

from qawl.arabic.normalise import _TABLES
from qawl.arabic.translation import Translation

# beside the tables' own characters: Arabic letters, digits, Latin, whitespace, an astral
# character, an astral digit and a lone surrogate, which no table holds
OTHERS = [*"حلب قال 2016 abc\n\t", "\U0001f600", "\U0001d7ce", "\ud800", "\u00e9"]


@pytest.mark.parametrize("letters", [True, False])
def test_every_character_of_a_table_becomes_what_the_table_says(letters: bool) -> None:
    table = _TABLES[letters]
    translate = Translation(table)
    for cp in table:
        for text in (chr(cp), f"ب{chr(cp)}ا", f"{chr(cp)}\U0001f600"):
            assert translate(text) == text.translate(table)


@pytest.mark.parametrize("letters", [True, False])
def test_random_texts_translate_as_str_translate_does(letters: bool) -> None:
    table = _TABLES[letters]
    translate = Translation(table)
    alphabet = [chr(cp) for cp in table] + OTHERS
    rng = random.Random(7)
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 300)))
        assert translate(text) == text.translate(table)


def test_a_text_with_nothing_to_change_comes_back_as_it_is() -> None:
    translate = Translation(_TABLES[True])
    text = "قال حلب 2016 \U0001f600"
    assert translate(text) is text
    assert translate("") == ""
    assert translate("\u064e\u0640") == ""  # all deleted


def test_a_table_it_cannot_hold_is_refused() -> None:
    with pytest.raises(ValueError, match="U\\+10000"):
        Translation({0x1F600: "x"})
    with pytest.raises(ValueError, match="U\\+10000"):
        Translation({"a": "b"})
    with pytest.raises(TypeError, match="str or None"):
        Translation({ord("a"): 5})


def test_a_translation_pickles_with_its_table() -> None:
    translate = Translation({ord("أ"): "ا", ord("ـ"): None, 0xFEFB: "لا"})
    again = pickle.loads(pickle.dumps(translate))
    assert again("ﻻ أـب") == translate("ﻻ أـب") == "لا اب"
