"""Sentences and tokens with offsets into the original text, and clitic splits.

Sentences keep a quoted passage of several sentences together (the quotation
is one statement); tokens carry a conservative split into proclitics
(و ف ب ل ك ال س), stem and pronoun suffix, for lexicon look-ups.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from importlib import resources

from qawl.arabic.normalise import _TABLES, DIACRITICS, TATWEEL, fold
from qawl.arabic.quotemarks import Quotation, find_quotations
from qawl.arabic.token import (
    AR_INNER,
    AR_START,
    DIGIT,
    LATIN_INNER,
    LATIN_START,
    MAX_DIGITS,
    SEPARATOR,
    SPACE,
    Token,
    scan,
)
from qawl.arabic.translation import Translation
from qawl.memo import memo

# --- tokens -------------------------------------------------------------------

_AR_LETTER = (
    "\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06fc\u06ff\ufb50-\ufdff\ufe70-\ufefc"
)
_AR_INNER = _AR_LETTER + DIACRITICS + TATWEEL + "\u200c\u200d"
_LATIN = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0370-\u03ff\u0400-\u04ff"
# A run of digits longer than this is cut into several number tokens: no quantity in the news has more, and
# the layers after this one read number tokens with int(), which Python refuses beyond 4,300 digits.
_DIGITS = rf"\d{{1,{MAX_DIGITS}}}"
_SEPARATORS = ".,٫٬"  # between a number's digit groups
_NUMBER = rf"{_DIGITS}(?:[{_SEPARATORS}]{_DIGITS})*"
# What a token is. ``tokens`` reads the same character by character (token.pyx's scan), through
# the kind of each character by the classes below.
_TOKEN = re.compile(
    rf"[{_AR_LETTER}][{_AR_INNER}]*"  # an Arabic word, harakat and tatweel inside
    rf"|{_NUMBER}"  # a number, Arabic-Indic digits too (3.5, ١٬٠٠٠)
    rf"|[{_LATIN}][{_LATIN}0-9]*"  # a Latin word or code (F16, G20)
    r"|\S"  # anything else: one punctuation mark per token
)
_KINDS = (
    (AR_START, f"[{_AR_LETTER}]"),
    (AR_INNER, f"[{_AR_INNER}]"),
    (DIGIT, r"\d"),
    (SEPARATOR, f"[{_SEPARATORS}]"),
    (LATIN_START, f"[{_LATIN}]"),
    (LATIN_INNER, f"[{_LATIN}0-9]"),
    (SPACE, r"\s"),
)


@cache
def _kind_table() -> bytes:
    """The kinds of every code point below 0x10000 (the scan's table), each found by its
    class's own regex, so that scan and _TOKEN read characters alike."""
    every = "".join(map(chr, range(0x10000)))
    table = bytearray(0x10000)
    for kind, pattern in _KINDS:
        for m in re.finditer(pattern, every):
            table[m.start()] |= kind
    return bytes(table)


# Lexicon keys fold like fold() but keep ة: وزيرة (a minister) is not وزيره (his minister).
_KEY = Translation({**_TABLES[True], ord("ة"): "ة"})


def lexicon_key(word: str) -> str:
    return _KEY(word)


def load_unsplittable(text: str) -> frozenset[str]:
    return frozenset(lexicon_key(w) for line in text.splitlines() if (w := line.split("#", 1)[0].strip()))


@lru_cache(maxsize=1)
def _unsplittable() -> frozenset[str]:
    return load_unsplittable(
        resources.files("qawl.arabic").joinpath("data/unsplittable.txt").read_text(encoding="utf-8")
    )


# Proclitic chains, longest first; ال written with a bare alef only, so that
# إلى / إلغاء / آلاف are never read as an article.  ل+ال is written لل.
_PREFIX = re.compile(r"^(?:[وف]?[بكل]?ال|[وف]?لل|[وف]?[بكل]|[وف]?س(?=[يتنأ])|[وف])")
# Pronoun suffixes on the unfolded word (ة is a letter, not ه).  ي and ني are
# left out: in news they are nearly always nisba endings (روسي، لبناني).
_SUFFIX = re.compile(r"(?:هما|كما|ها|هم|هن|كم|نا|ه|ك)$")
_DEDIAC = re.compile(f"[{DIACRITICS}{TATWEEL}\u200c\u200d]")


def _boundaries(prefix: str) -> list[int]:
    """Clitic boundaries inside a matched prefix, ascending: وبال -> [1, 2, 4]."""
    cuts: list[int] = []
    i = 0
    if prefix[0] in "وف" and len(prefix) > 1:
        i = 1
        cuts.append(1)
    rest = prefix[i:]
    if len(rest) > 1 and (rest == "لل" or (rest[0] in "بكل" and rest[1:] == "ال")):
        cuts.append(i + 1)
    if cuts[-1:] != [len(prefix)]:
        cuts.append(len(prefix))
    return cuts


def split_clitics(word: str, stop: frozenset[str] | None = None) -> tuple[str, str, str]:
    """(prefix, stem, suffix) of one word, folded and undiacritised.

    Conservative: a prefix needs a stem of 3+ letters (2+ after ال), a suffix is
    stripped only without ال and from a stem of 3+ letters, and a split never
    cuts into a word of the unsplittable list (or its suffixed forms).
    """
    if stop is None:
        stop = _unsplittable()
    light = _DEDIAC.sub("", word)  # letters as written: ال needs a bare alef
    folded = fold(light)
    key = lexicon_key(light)
    n = len(folded)
    if n != len(light) or n != len(key):  # presentation-form ligatures: leave whole
        return "", folded, ""
    suf = _SUFFIX.search(light)
    suf_start = suf.start() if suf else n
    cut = 0
    m = _PREFIX.match(light)
    if m:
        cuts = _boundaries(m.group())
        limit = n
        for k in (0, *cuts):
            if key[k:] in stop or (k < suf_start and key[k:suf_start] in stop):
                limit = k  # never cut into a word that must stay whole
                break
        for b in cuts:
            if b > limit or n - b < (2 if light[:b].endswith(("ال", "لل")) else 3):
                break
            cut = b
    prefix, stem = folded[:cut], folded[cut:]
    if suf is None or prefix.endswith(("ال", "لل")) or key[cut:] in stop or suf_start - cut < 3:
        return prefix, stem, ""
    return prefix, folded[cut:suf_start], folded[suf_start:]


@memo(1 << 16)  # news repeats its words; a Token carries its head
def head(norm: str) -> str:
    """A folded token without the article and the clitics fused with it: والولايات ->
    ولايات, للوزارة -> وزاره. A bare و/ف stays (وزير, وثيقه are words): a token's own
    clitic split (``Token.prefix``) tells a conjunction from a first letter."""
    w = norm
    if len(w) > 4 and w[0] in "وف" and (w[1:3] == "ال" or w[1:3] == "لل" or w[2:4] == "ال"):
        w = w[1:]
    if len(w) > 4 and w.startswith("لل"):
        return w[2:]
    if len(w) > 3 and w[0] in "بلك" and w[1:3] == "ال":
        w = w[1:]
    if len(w) > 3 and w.startswith("ال"):
        w = w[2:]
    return w


@memo(1 << 16)
def analyse_token(word: str) -> tuple[str, str, str, str, str, str]:
    """(norm, prefix, stem, suffix, head, stem head) of a token text; news vocabulary
    repeats, so cached (the entity tagger's features read the same words right after)."""
    norm = fold(word)
    if ARABIC_START.match(word):
        prefix, stem, suffix = split_clitics(word)
        hd = head(norm)
        return norm, prefix, stem, suffix, hd, head(stem) if prefix else hd
    hd = head(norm)
    return norm, "", norm, "", hd, hd


ARABIC_START = re.compile(f"[{_AR_LETTER}]")


def tokens(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Word, number and punctuation tokens of ``text[start:end]``, whitespace skipped (the
    Token and its making are compiled: ``token.pyx``)."""
    return scan(text, start, len(text) if end is None else end, _kind_table(), analyse_token)


_WORD = re.compile(rf"[{_AR_LETTER}][{_AR_INNER}]*|{_NUMBER}|[{_LATIN}][{_LATIN}0-9]*")


def words(text: str) -> list[tuple[int, int]]:
    """Spans of words and numbers only (no punctuation): one regex pass."""
    return [m.span() for m in _WORD.finditer(text)]


@cache
def _word_starts() -> frozenset[str]:
    """The characters below 0x10000 a word or a number begins with."""
    table = _kind_table()
    return frozenset(chr(c) for c in range(0x10000) if table[c] & (AR_START | DIGIT | LATIN_START))


def is_word(t: Token) -> bool:
    """Whether a token is a word or a number (one of ``words``' spans), not a punctuation mark:
    the token's kind is told by its first character."""
    c = t.text[0]
    return c in _word_starts() or (c > "\uffff" and c.isdecimal())


# --- sentences ----------------------------------------------------------------

# Sentence-final punctuation, then any closing marks or brackets, then a space
# or the end: "حلب”." and "المضطربة.”" both end where the space starts.
_SENT_END = re.compile("[.!?؟…]+[\"“”«»„‟″＂‹›')\\]]*(?=\\s|$)")
_NEWLINE = re.compile("\n")
# The longest sentence cut here: the longest of 65,000 sentences of the dev set and ant2018 has 1,324
# characters. Text without full stops (a paragraph-long run-on, a PDF dump, a one-line page) would else
# be one sentence, and the statement layer, which looks over a cue's sentence, quadratic in its length.
MAX_SENTENCE_CHARS = 2000
_LAST_SPACE = re.compile(r"\s(?=\S*$)")


def _abbreviation(text: str, p: int) -> bool:
    """A single letter before a lone '.', as in د. (Dr.) or U.S.; not the year
    letter after a number (2016 م.)."""
    if text[p] != "." or text.startswith("..", p) or p == 0 or not text[p - 1].isalpha():
        return False
    if p >= 2 and text[p - 2].isalnum():
        return False
    return not (p >= 3 and text[p - 2] == " " and text[p - 3].isdigit())


def _quoted_spans(quotations: list[Quotation]) -> list[tuple[int, int]]:
    """Quotations (with marks), overlapping ones merged, in order."""
    merged: list[tuple[int, int]] = []
    for q in quotations:  # sorted by start
        if merged and q.start < merged[-1][1]:
            if q.end > merged[-1][1]:
                merged[-1] = (merged[-1][0], q.end)
        else:
            merged.append((q.start, q.end))
    return merged


def sentences(text: str, quotations: list[Quotation] | None = None) -> list[tuple[int, int]]:
    """Sentence spans (original offsets, trimmed of whitespace).

    Splits at every paragraph break and after . ! ? ؟ … followed by a space,
    except inside a quotation (a quoted passage of several sentences stays
    one sentence, up to its paragraph break), after a single-letter
    abbreviation, and inside numbers.  Pass ``quotations`` (find_quotations of
    the same text) when already at hand, to skip finding them again.
    """
    quoted = _quoted_spans(find_quotations(text) if quotations is None else quotations)
    cuts: list[int] = []
    qi = 0
    for m in _SENT_END.finditer(text):
        b = m.end()
        if _abbreviation(text, m.start()):
            continue
        while qi < len(quoted) and quoted[qi][1] <= b:
            qi += 1
        if qi < len(quoted) and quoted[qi][0] < b:
            continue  # still inside a quotation
        cuts.append(b)
    newlines = [m.start() for m in _NEWLINE.finditer(text)]
    out: list[tuple[int, int]] = []
    a = 0
    for b in sorted({*cuts, *newlines, len(text)}):
        seg = text[a:b]
        stripped = seg.strip()
        if stripped:
            s = a + (len(seg) - len(seg.lstrip()))
            out.extend(_at_most(text, s, s + len(stripped)))
        a = b
    return out


def _at_most(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """A sentence span as pieces of at most MAX_SENTENCE_CHARS, each cut at its last space (if any)."""
    out = []
    while e - s > MAX_SENTENCE_CHARS:
        space = _LAST_SPACE.search(text, s, s + MAX_SENTENCE_CHARS)
        cut = space.start() if space and space.start() > s else s + MAX_SENTENCE_CHARS
        out.append((s, len(text[s:cut].rstrip()) + s))
        s = cut
        while s < e and text[s].isspace():
            s += 1
    if s < e:
        out.append((s, e))
    return out
