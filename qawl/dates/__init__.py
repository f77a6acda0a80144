"""Dates: every expression that names a day, a month or a year, with its ISO value
(layer 3 of the analysis), and the day each statement was made."""

from __future__ import annotations

from datetime import date

from qawl.arabic.normalise import fold
from qawl.arabic.token import where
from qawl.dates.calendar import iso
from qawl.dates.grammar import Reader, start_offset
from qawl.doc import Doc
from qawl.record import DateValue, Entity

EARLIEST, LATEST = 1800, 2200  # a publication date outside these is a placeholder, not a day


def published_date(published: str | None) -> date | None:
    """The day of a ``published`` field (2016-08-02, or a timestamp that starts with one)."""
    if not published:
        return None
    try:
        day = date.fromisoformat(published.strip()[:10])
    except ValueError:
        return None
    return day if EARLIEST <= day.year <= LATEST else None  # 0001-01-01 anchors nothing


def name_tokens(doc: Doc, entities: list[Entity]) -> frozenset[int]:
    """The tokens that are words of the people's names the entity layer found, wherever they
    stand (أدموند سيستوسو, then سيستوسو alone)."""
    words = {fold(w) for e in entities if e.type == "PER" for m in e.mentions for w in m.text.split()}
    if not words:  # an article without people: no token to look at
        return frozenset()
    return frozenset(where(doc.tokens, words, "norm", "stem"))


def find_dates(doc: Doc, published: str | None, names: frozenset[int] = frozenset()) -> list[DateValue]:
    """Every date expression of ``doc`` in text order; relative ones resolved against
    ``published`` and left out when it is unknown.  ``names``: tokens of people's names,
    which are never verbs that tell the tense of a clause."""
    out = []
    for e in Reader(doc, published_date(published), names).expressions():
        start, end = start_offset(doc, e), doc.tokens[e.end - 1].end
        out.append(DateValue(doc.text[start:end], iso(e.value), start, end))
    return out
