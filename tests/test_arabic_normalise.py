"""qawl.arabic.normalise: the normalised view and its exact map back to the original."""

import random

from qawl.arabic.normalise import _TABLES, Normalised, fold, normalise, normalised_text

# Real sentence (seed-aleppo-2016), with harakat, tatweel and a bidi mark added
# the way copied web text carries them.
PLAIN = "وقالت مديرة المكتب الصحفي في الخارجية الأمريكية ” إليزابيث ترودو” : “تابعنا التقارير الصحفية"
DIRTY = "وقالَت مـديرةُ المكتب\u200f الصحفي في الخارجيّة الأمريكية ” إليزابيث ترودو” : “تابعنا التقارير الصحفية"


def test_fast_path_keeps_identity_offsets() -> None:
    n = normalise("ونشرت صحيفة واشنطن بوست في 16 يوليو")
    assert list(n.offsets) == list(range(len(n.text) + 1))


def test_deletions_map_back_exactly() -> None:
    n = normalise(DIRTY, letters=False)
    assert n.text == PLAIN.replace("”", '"').replace("“", '"')
    assert len(n.offsets) == len(n.text) + 1 and n.offsets[-1] == len(DIRTY)
    for i, ch in enumerate(n.text):  # every kept character comes from its original
        assert normalise(DIRTY[n.offsets[i]], letters=False).text == ch


def test_span_round_trip_of_a_word() -> None:
    n = normalise(DIRTY)
    i = n.text.index("الخارجيه")
    s, e = n.span(i, i + len("الخارجيه"))
    assert DIRTY[s:e] == "الخارجيّة"
    s, e = n.span(n.text.index("مديره"), n.text.index("مديره") + 5)
    assert DIRTY[s:e] == "مـديرة"  # tatweel inside is kept, the damma after is not swallowed


def test_letters_digits_and_quote_marks_fold() -> None:
    n = normalise("أكد «إيران» ٢٠١٨ و۱۶ إلى مسؤول رئيسة")
    assert n.text == 'اكد "ايران" 2018 و16 الي مسوول رييسه'
    assert normalise("إلى", letters=False).text == "إلى"


def test_arabic_punctuation_and_apostrophe_are_kept() -> None:
    assert normalise("ماذا قال؟ نعم، لا؛ O'Brien").text == "ماذا قال؟ نعم، لا؛ O'Brien"


def test_lam_alef_ligature_expands_with_repeated_offset() -> None:
    text = "قال ﻻ شيء"  # U+FEFB from a legacy encoding
    n = normalise(text)
    assert n.text == "قال لا شيء"
    assert n.offsets[4] == n.offsets[5] == 4
    assert n.span(4, 6) == (4, 5)
    assert n.to_original(7) == 6


def test_empty_span_and_fold() -> None:
    n = normalise("حلبُ")
    assert isinstance(n, Normalised) and n.span(2, 2) == (2, 2)
    assert fold("الأميركيين") == "الاميركيين" and fold("مُستشفى") == "مستشفي"


def test_the_normalised_text_alone_is_normalise_s_text() -> None:
    rng = random.Random(5)
    alphabet = [chr(cp) for cp in _TABLES[True]] + list("حلب قال 2016 abc\n")
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 512)))
        for letters in (True, False):
            assert normalised_text(text, letters=letters) == normalise(text, letters=letters).text
