"""Whether two statements of one speaker are the same statement, and how one carries the
other.

Compared by their claim words: the content words (qawl.arabic.words) that are not names. The
names in a statement say whom it is about, which a speaker's other statements of that week
share ("كيم جونغ أون", "كوريا الشمالية"); what it claims is in the rest. "verbatim" when
they are the same words
in the same order, "trimmed" when the shorter's words are (nearly) all in the longer (a
quotation cut, or a clause left out), "paraphrase" when at least half of the shorter's words
are in the other (reported speech that changed persons and tenses: "سنرد" → "ستردّ"). Short
statements are matched only word for word: a few shared words are no evidence.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from qawl.arabic.words import content_words, words
from qawl.record import Quote, Record
from qawl.stories.keys import day_number

Relation = Literal["verbatim", "trimmed", "paraphrase"]

MIN_WORDS = 4  # content words a statement needs to be matched other than verbatim
TRIMMED = 0.9  # share of the shorter's words in the longer: one is the other, cut
PARAPHRASE = 0.5  # share of the shorter's words in the longer: the same statement, retold
MIN_SHARED = 4  # and at least this many words in common
WINDOW_DAYS = 7  # reports of one statement are at most this many days apart


def claim_words(record: Record, quote: Quote) -> list[str]:
    """The content words of a statement without the words of the names (and titles) the record
    found inside it."""
    if quote.start is None or quote.end is None:
        return content_words(quote.text)
    names: set[str] = set()
    for e in record.entities:
        for m in e.mentions:
            if quote.start <= m.start and m.end <= quote.end:
                names.update(words(m.text))
    return [w for w in content_words(quote.text) if w not in names]


def relation(a: Sequence[str], b: Sequence[str]) -> Relation | None:
    """How statement ``b`` carries statement ``a`` (their content words), or None when it does
    not."""
    if not a or not b:
        return None
    if list(a) == list(b):
        return "verbatim"
    sa, sb = set(a), set(b)
    smaller = min(len(sa), len(sb))
    if smaller < MIN_WORDS:
        return None
    shared = len(sa & sb)
    if shared < MIN_SHARED:
        return None
    if shared >= TRIMMED * smaller:
        return "trimmed" if len(sa) != len(sb) or shared < len(sa) else "verbatim"
    if shared >= PARAPHRASE * smaller:
        return "paraphrase"
    return None


def days_apart(a: str | None, b: str | None) -> int | None:
    """Days between two YYYY-MM-DD days, None when either is not known whole."""
    x, y = day_number(a), day_number(b)
    return None if x is None or y is None else abs(x - y)


def same_statement(
    a: Sequence[str], day_a: str | None, b: Sequence[str], day_b: str | None
) -> Relation | None:
    """Two statements of one speaker are one when their words match and their days are at most
    WINDOW_DAYS apart (or not known): how ``b`` carries ``a``, or None when they are two."""
    apart = days_apart(day_a, day_b)
    if apart is not None and apart > WINDOW_DAYS:
        return None
    return relation(a, b)
