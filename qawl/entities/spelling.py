"""Spelling keys for Arabic names: which spellings are one name (شويغو = شويجو = شويكو,
ترامب = ترمب, أمريكا = أميركا, عبد الله = عبدالله) and which are two (حسن / حسين).

``exact_key`` is the folded name without the article; ``variant_key`` also unifies the
spellings of foreign names (g as غ ج ك ق, long vowels inside a word dropped, final ة as ا);
``close`` keeps a variant match only when the spellings differ by few long vowels and are
not two native Arabic names; ``fuzzy_key`` and the FUZZY_* settings are the last resort
(rapidfuzz), used by ``qawl.entities.base``.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from qawl.arabic.normalise import fold, normalised_text
from qawl.entities.lexicon import head
from qawl.memo import memo

NAMES_FILE = "base.names.txt"  # native Arabic name words: two of them are never one name

# Fuzzy fallback: rapidfuzz ratio (0-100) between fuzzy keys, at least FUZZY_MIN_LEN
# letters. Chosen on the examples in tests/test_entities_base.py: spellings of one name
# that variant keys miss score 90-100 there (أتلتيكو/أتليتكو مدريد 92, كامبريدج أنالينتيكا /
# كامبردج أناليتيكا 94, ديميستورا 100), distinct names of one type at most 86 (جون كيري /
# جون كيلي 86, جامعة القاهرة / جامعة الأزهر 84, سانت لوسيا / سنتوسا 80); and at most
# FUZZY_MAX_EDITS letters apart (الاتحاد الدولي / البرازيلي لكرة القدم: 80 but 7 apart).
FUZZY_MIN = 88
FUZZY_MAX_EDITS = 3
FUZZY_MIN_LEN = 5

# --- spelling keys ---------------------------------------------------------------

_WORD = re.compile(r"\w+")
_ARABIC = re.compile(r"[\u0621-\u064a\u0671-\u06d3]")
# Letters of Persian and Urdu spellings that Arabic news sometimes borrows.
_EXTRA_LETTERS = str.maketrans({"ڤ": "ف", "پ": "ب", "چ": "ج", "گ": "ك", "ژ": "ز", "ە": "ه", "ۆ": "و"})
# g written غ ج ك ق (شويغو، شويجو، شويكو): one letter in the loose key.
_G = str.maketrans({"غ": "ج", "ك": "ج", "ق": "ج"})
_DOUBLE = re.compile(r"(.)\1+")
_JOINED = frozenset({"عبد", "ابو", "ابي", "ابا"})  # عبد الله = عبدالله, أبو مازن = أبومازن


@memo(1 << 12)  # a new name is asked for by exact, variant and fuzzy keys, one after another
def _folded_words(name: str) -> tuple[tuple[str, str], ...]:
    """(folded word, its head) for each word of a name. أل with a hamza is no article
    (ألمانيا، ألفريد): such a word keeps it; ال is taken off with the clitics before it."""
    text = normalised_text(name, letters=False).translate(_EXTRA_LETTERS)
    found = _WORD.findall(text)
    arabic = [w for w in found if _ARABIC.match(w)]
    out = []
    for w in arabic or found:  # ذا فويس The Voice = ذا فويس
        f = fold(w)
        out.append((f, f if w[:2] in ("أل", "إل", "آل") and len(w) > 3 else head(f)))
    return tuple(out)


def name_words(name: str) -> list[str]:
    """The words of a name, folded (hamza forms, ة, ى, diacritics, tatweel), each without
    the article and the clitics fused with it (والأردن -> اردن)."""
    return [h for _, h in _folded_words(name) if h]


def exact_key(name: str) -> str:
    """The name as written, folded and without the article: الأردن = الاردن = أردن."""
    return " ".join(name_words(name))


@cache
def native_names() -> frozenset[str]:
    """Arabic name words (ANERGazet's person list, folded): محمد and أحمد, حسن and حسين,
    سعد and سعيد are different names, so their letters are never loosened."""
    data = resources.files("qawl.entities").joinpath("data", NAMES_FILE)
    if not data.is_file():
        return frozenset()
    text = data.read_text(encoding="utf-8")
    return frozenset(ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))


@memo(1 << 14)  # name words recur across names; its regex with a back-reference is slow
def loose(word: str) -> str:
    """A folded word with the letters foreign names vary in unified: g (غ ج ك ق) as one
    letter, long vowels (ا و ي) inside the word dropped, a final ة (ه) as ا, a letter
    written twice in a row once. ترامب = ترمب, أمريكا = أميركا, شويغو = شويجو = شويكو, سوريا = سورية."""
    if len(word) < 3:
        return word
    w = _DOUBLE.sub(r"\1", word).translate(_G)  # doubled as written (فيللا); not جوجرا -> ججرا
    if w[-1] == "ه":
        w = w[:-1] + "ا"
    return w[0] + "".join(c for c in w[1:-1] if c not in "اوي") + w[-1] if len(w) > 2 else w


def variant_words(name: str) -> list[str]:
    return [loose(w) for w in variant_source(name)]


def variant_key(name: str) -> str:
    """One key for the common Arabic spellings of a name: folded (hamza forms, ة/ه, ى/ي),
    without the article, عبد/أبو joined to the next word (عبد الرحمن = عبدالرحمن), each
    word loosened (``loose``). Distinct names can share a key (حسن and حسين, نيويورك and
    النرويج): ``close`` tells whether two spellings with one key are one name."""
    return " ".join(variant_words(name))


def _plain(word: str) -> str:
    """A folded word with only the letter variations (g, final ة/ا) unified: what is left
    between two spellings with one loose key is their long vowels."""
    w = word.translate(_G)
    return w[:-1] + "ا" if len(w) > 2 and w[-1] == "ه" else w


def close(a: str, b: str, native: frozenset[str] | None = None) -> bool:
    """Two spellings with one variant key are one name when their words differ by few long
    vowels: one added or dropped in a word of up to five letters (ترمب/ترامب; كوريا and
    كوارة are two names), two in a longer one (أمريكا/أميركا), none in a word of three
    (جون/جين, نيبال/نبل); and two different native Arabic name words never are (حسن/حسين,
    سعد/سعيد)."""
    wa, wb = variant_source(a), variant_source(b)
    return len(wa) == len(wb) and all(close_word(x, y, native) for x, y in zip(wa, wb, strict=True))


def close_word(x: str, y: str, native: frozenset[str] | None = None) -> bool:
    from rapidfuzz.distance import Indel

    if x == y:
        return True
    if native is None:
        native = native_names()
    if x in native and y in native:
        return False
    x, y = _plain(x), _plain(y)
    if x == y:
        return True
    n = min(len(x), len(y))
    return Indel.distance(x, y) <= (0 if n <= 3 else 1 if n <= 5 else 2)


def fuzzy_key(name: str) -> str:
    """What the fuzzy fallback compares: the words with g and a final ة unified (vowels
    kept: without them one consonant apart is another name), run together."""
    return "".join(_plain(w) for w in variant_source(name))


def variant_source(name: str) -> list[str]:
    """The words ``variant_key`` loosens, before loosening (عبد/أبو joined)."""
    words: list[str] = []
    for w, h in _folded_words(name):
        if words and words[-1] in _JOINED:
            words[-1] += w
        elif h:
            words.append(h)
    return words


def clitic_forms(name: str) -> list[str]:
    """The name with a fused و/ف then ب/ل/ك taken off its first word (وبحلب -> بحلب,
    حلب), longest first; the stem keeps three letters at least."""
    parts = name.split(maxsplit=1)
    if not parts:
        return []
    first, rest = parts[0], parts[1:] if len(parts) > 1 else []
    out = []
    w = fold(first)
    i = 0
    if len(w) > 3 and w[0] in "وف":
        i = 1
        out.append(w[1:])
    if len(w) - i > 3 and w[i] in "بلك":
        out.append(w[i + 1 :])
    return [" ".join([f, *rest]) for f in out]
