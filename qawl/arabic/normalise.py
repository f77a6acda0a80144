"""Offset-preserving normalisation of Arabic text.

The normalised view drops diacritics, tatweel and invisible controls, maps digits
and quotation marks to ASCII and (optionally) folds letter variants, so that
lexicons and regexes match one spelling.  Every normalised character keeps the
index of the original character it came from, so any span found in the
normalised view can be shown in the article text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from qawl.arabic.translation import Translation

# Characters deleted outright.  Kept as regex classes so the same definitions
# drive both str.translate and the offset bookkeeping.
DIACRITICS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
TATWEEL = "\u0640"
CONTROLS = "\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c\u200b-\u200d\u2060\ufeff"
DELETED = DIACRITICS + TATWEEL + CONTROLS

# Every double quotation mark in use becomes ASCII '"'; single quotes stay
# (apostrophes occur inside Latin names and transliterations).
QUOTE_MARKS = '\u201c\u201d\u00ab\u00bb\u201e\u201f\u2033\uff02\u2039\u203a"'

LETTER_FOLDS = {
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ى": "ي",
    "ة": "ه",
    "ؤ": "و",
    "ئ": "ي",
    # Persian keheh / farsi yeh stand for the Arabic letters in some sources.
    "\u06a9": "ك",
    "\u06cc": "ي",
}


def _ranges(spec: str) -> list[int]:
    """Code points of a regex-class string such as 'a-cx'."""
    out: list[int] = []
    i = 0
    while i < len(spec):
        if i + 2 < len(spec) and spec[i + 1] == "-":
            out.extend(range(ord(spec[i]), ord(spec[i + 2]) + 1))
            i += 3
        else:
            out.append(ord(spec[i]))
            i += 1
    return out


def _build_table(letters: bool) -> dict[int, str | None]:
    table: dict[int, str | None] = {cp: None for cp in _ranges(DELETED)}
    for base in (0x0660, 0x06F0):  # Arabic-Indic and Eastern Arabic-Indic digits
        for d in range(10):
            table[base + d] = str(d)
    for ch in QUOTE_MARKS:
        table[ord(ch)] = '"'
    if letters:
        for src, dst in LETTER_FOLDS.items():
            table[ord(src)] = dst

    def simple(s: str) -> str:
        return s.translate(table)

    # Presentation forms (legacy encodings, PDFs): NFKC, then the same rules.
    # Ligatures such as U+FEFB (lam-alef) expand to two characters; the offsets
    # map repeats the original index for each.
    for cp in [*range(0xFB50, 0xFE00), *range(0xFE70, 0xFEFD)]:
        ch = chr(cp)
        nfkc = unicodedata.normalize("NFKC", ch)
        if nfkc != ch:
            table[cp] = simple(nfkc.strip()) or None
    return table


_TABLES = {True: _build_table(True), False: _build_table(False)}


def _special_re(table: dict[int, str | None]) -> re.Pattern[str]:
    """Runs of deleted characters, or one character that expands to several."""
    expanding = "".join(re.escape(chr(cp)) for cp, v in table.items() if v is not None and len(v) > 1)
    deleting = "".join(re.escape(chr(cp)) for cp, v in table.items() if v is None)
    return re.compile(f"[{deleting}]+|[{expanding}]")


_SPECIAL = {k: _special_re(t) for k, t in _TABLES.items()}


# str.translate with each table, compiled (translation.pyx): str.translate looks each
# character of a non-ASCII text up in a dict, and the regex that found the characters to
# change in a long text took 37 µs an article (this: 4.3)
_TRANSLATIONS = {k: Translation(t) for k, t in _TABLES.items()}
_FOLD = _TRANSLATIONS[True]


def _translate(text: str, letters: bool) -> str:
    """``text.translate`` with the table of ``letters``, the same string."""
    return _TRANSLATIONS[letters](text)


@dataclass(slots=True, frozen=True)
class Normalised:
    """A normalised view of a text and the map back to the original.

    ``offsets[i]`` is the original index of normalised character ``i``; one
    final entry equals ``len(original)``.  When nothing was deleted or expanded
    it is a ``range`` (no per-character list is built).
    """

    text: str
    offsets: Sequence[int]

    def to_original(self, i: int) -> int:
        return self.offsets[i]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original half-open span of normalised ``[start, end)``.

        The end maps to just after the last kept character, so characters
        deleted after the span (diacritics, controls) are not swallowed.
        """
        if end <= start:
            s = self.offsets[start]
            return s, s
        return self.offsets[start], self.offsets[end - 1] + 1


def normalise(text: str, *, letters: bool = True) -> Normalised:
    table = _TABLES[letters]
    out = _translate(text, letters)
    special = _SPECIAL[letters]
    if len(out) == len(text) and special.search(text) is None:
        return Normalised(out, range(len(text) + 1))
    offsets: list[int] = []
    prev = 0
    for m in special.finditer(text):
        s = m.start()
        offsets.extend(range(prev, s))
        repl = table.get(ord(text[s]))
        if repl is not None:  # an expanding character: one index per output char
            offsets.extend([s] * len(repl))
        prev = m.end()
    offsets.extend(range(prev, len(text) + 1))
    return Normalised(out, tuple(offsets))


def normalised_text(text: str, *, letters: bool = True) -> str:
    """``normalise(text, letters=letters).text`` without the offsets back to the original."""
    return _translate(text, letters)


def fold(word: str) -> str:
    """The same normalisation (letters folded) without offsets, for lexicons."""
    return _FOLD(word)
