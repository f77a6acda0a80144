"""The compiled Token: what the layers read of it, compared, pickled and shown as a dataclass would;
the scan that finds tokens, against the regex that defines them."""

import gc
import pickle
import random

import pytest

from qawl.arabic.segment import _TOKEN, is_word, tokens, words
from qawl.arabic.token import FIELDS, Token, column, where
from tests import hostile
from tests.store_data import dev_articles

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


def test_a_token_stays_out_of_the_garbage_collectors_way() -> None:
    """Untracked, so it must hold nothing that could lead back to it: its offsets are ints
    whatever number they were given as."""
    t = tokens(SENTENCE)[3]
    assert not gc.is_tracked(t)
    made = Token(True, 5, *(getattr(t, f) for f in FIELDS[2:]))
    assert (made.start, made.end) == (1, 5) and type(made.start) is type(made.end) is int
    for start in ([t], 1.0):
        with pytest.raises(TypeError):
            Token(start, 5, *(getattr(t, f) for f in FIELDS[2:]))  # type: ignore[arg-type]


def test_a_token_is_read_only() -> None:
    t = tokens(SENTENCE)[0]
    with pytest.raises(AttributeError):
        t.norm = "x"  # type: ignore[misc]


def _by_regex(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Token offsets as segment's regex finds them: the definition the scan follows."""
    return [m.span() for m in _TOKEN.finditer(text, start, len(text) if end is None else end)]


def _by_scan(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    return [(t.start, t.end) for t in tokens(text, start, end)]


# One of each kind of character the regex tells apart, and the neighbours of its classes' edges:
# Arabic letters, harakat, tatweel and joiners; Arabic-Indic, Persian, Devanagari and astral
# digits; number separators; Latin, Greek and Cyrillic letters; spaces of many kinds; marks,
# presentation forms, emoji and a lone surrogate.
EDGES = (
    "ءغػ؟فيٱۓەۮۯۺۼۿﭐ\ufdffﹰ\ufefc\ufefd"
    "\u0610\u061a\u064b\u065f\u0670\u06d6\u06ed\u0640\u200c\u200d\u200b\u200e"
    "0159٠٩۰۹०९𝟎𝟗𐒠"
    ".,٫٬،؛:-"
    "AZazÀÖ×ØöøÿɏɐͰϿЀӿԀ"
    " \t\n\r\x0b\x0c\x1c\x85\xa0\u2003\u2028\u3000"
    '"“”«»()!؟…😀\ud800'
)


def test_the_scan_finds_the_regex_tokens_of_every_dev_article() -> None:
    texts = [a.text for a in dev_articles()]
    assert texts
    for text in texts:
        assert _by_scan(text) == _by_regex(text)


def test_the_scan_finds_the_regex_tokens_of_hostile_texts() -> None:
    for name, text, _, _ in hostile.texts():
        assert _by_scan(text) == _by_regex(text), name


def test_the_scan_finds_the_regex_tokens_of_random_texts() -> None:
    rng = random.Random(7)
    for _ in range(3_000):
        text = "".join(rng.choice(EDGES) for _ in range(rng.randint(0, 40)))
        assert _by_scan(text) == _by_regex(text), ascii(text)
        start, end = sorted(rng.randint(0, len(text)) for _ in range(2))
        assert _by_scan(text, start, end) == _by_regex(text, start, end), (ascii(text), start, end)


def test_a_run_of_digits_is_cut_every_64() -> None:
    text = "1" * 150 + ",5" + "٣" * 70
    assert (
        [e - s for s, e in _by_scan(text)] == [64, 64, 22 + 1 + 64, 7] == [e - s for s, e in _by_regex(text)]
    )


def test_the_tokens_that_are_words_are_the_spans_words_finds() -> None:
    rng = random.Random(11)
    random_texts = ["".join(rng.choice(EDGES) for _ in range(rng.randint(0, 40))) for _ in range(3_000)]
    hostile_texts = [text for _, text, _, _ in hostile.texts()]
    for text in [a.text for a in dev_articles()] + hostile_texts + random_texts:
        assert [(t.start, t.end) for t in tokens(text) if is_word(t)] == words(text), ascii(text[:80])


def test_a_column_and_the_positions_of_listed_words_read_every_token() -> None:
    rng = random.Random(7)
    for article in dev_articles(6):
        toks = tokens(article.text)
        for field in FIELDS[2:]:
            assert column(toks, field) == [getattr(t, field) for t in toks]
        listed = set(rng.sample([t.norm for t in toks], 30)) | {"حلب", "قال"}
        assert where(toks, listed, "norm") == [i for i, t in enumerate(toks) if t.norm in listed]
        assert where(toks, listed, "stem", "head") == [
            i for i, t in enumerate(toks) if t.stem in listed or t.head in listed
        ]
    assert where([], {"x"}, "norm") == [] and column([], "head") == []
    for bad in ("start", "nothing"):
        with pytest.raises(ValueError, match=bad):
            column(tokens(SENTENCE), bad)
        with pytest.raises(ValueError, match=bad):
            where(tokens(SENTENCE), {"x"}, "norm", bad)
    with pytest.raises(ValueError):
        where(tokens(SENTENCE), {"x"})
