"""The words of date expressions, read once from ``data/months.tsv`` and ``data/words.tsv``.

Every key is a tuple of folded words (``fold``: alef, ya and ta marbuta forms unified,
diacritics dropped), the form ``Token.norm`` has.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from qawl.arabic.normalise import fold

Key = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Month:
    number: int
    calendar: str  # gregorian | hijri
    alone: bool  # a month wherever it stands; else only with support (a day, a year, شهر …)


# The kinds of words an expression can open with (after a clitic); "ال" for الـ24, شهر for
# شهر أكتوبر.
OPENING_KINDS = (
    "relative_day",
    "weekday",
    "period",
    "this",
    "year_word",
    "ago",
    "part",
    "time_of_day",
    "ordinal",
)


@dataclass(frozen=True, slots=True)
class DateLexicon:
    months: dict[Key, Month]
    words: dict[str, dict[Key, str]]  # kind -> key -> value
    openers: frozenset[str]  # every word an expression can start with
    # the words a phrase of the months ("months") or of a kind begins with -> the most words
    # of a phrase it begins: most words of a text begin none, and are looked up once
    reach: dict[str, dict[str, int]] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        tables = {"months": self.months} | self.words
        object.__setattr__(self, "reach", {name: _reach(table) for name, table in tables.items()})

    def kind(self, name: str) -> dict[Key, str]:
        return self.words.get(name, {})

    def reach_of(self, name: str) -> dict[str, int]:
        """``reach`` of the months ("months") or of a kind."""
        return self.reach.get(name, {})


def _reach(table: Mapping[Key, object]) -> dict[str, int]:
    out: dict[str, int] = {}
    for k in table:
        out[k[0]] = max(out.get(k[0], 0), len(k))
    return out


def _rows(name: str) -> list[list[str]]:
    text = resources.files("qawl.dates").joinpath(f"data/{name}").read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


def key(phrase: str) -> Key:
    return tuple(fold(w) for w in phrase.split())


@lru_cache(maxsize=1)
def date_lexicon() -> DateLexicon:
    months = {key(name): Month(int(n), cal, alone == "yes") for name, n, cal, alone in _rows("months.tsv")}
    words: dict[str, dict[Key, str]] = {}
    for row in _rows("words.tsv"):
        kind, phrase, value = [*row, ""][:3]
        words.setdefault(kind, {})[key(phrase)] = value
    openers = {k[0] for k in months} | {"ال", "شهر"}
    for kind in OPENING_KINDS:
        openers.update(k[0] for k in words.get(kind, {}))
    return DateLexicon(months, words, frozenset(openers))
