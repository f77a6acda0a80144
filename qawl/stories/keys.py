"""What finds a statement's other reports without reading every statement.

A statement is filed under its speaker (the entity base's id, else the person's or body's
name) and a MinHash sketch of its content words: each of SKETCH minima, with the speaker and
the week it was made, is one key. Two reports of one statement share a speaker and, for any
minimum, the words it came from with a probability equal to their words' Jaccard similarity,
so they meet on a key with probability 1 - (1 - J)^SKETCH (0.97 at J = 0.2). A key with the
week keeps each bucket as small as one speaker's week, however large the store grows.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import date
from functools import cache

import numpy as np

from qawl.arabic.words import words
from qawl.record import Entity

SKETCH = 16
SEED = 7
NO_WEEK = -1


def speaker_key(entity: Entity | None) -> str | None:
    """Who said it, the same across articles: the entity base's id, else the name of a person
    or a body. None for no speaker, an unnamed one ("مصدر أمني") or a place without an id:
    two articles' unnamed sources are not known to be one."""
    if entity is None:
        return None
    if entity.kb_id:
        return "kb:" + entity.kb_id
    if entity.type in ("PER", "ORG"):
        name = " ".join(words(entity.name))
        return "name:" + name if name else None
    return None


def statement_day(said: str | None, published: str | None) -> str | None:
    """The day a statement is filed under: when it was said if the text gives a day, else the
    article's publication date."""
    if said and len(said) == 10:
        return said
    return published


def day_number(day: str | None) -> int | None:
    """Days since 0001-01-01 of a YYYY-MM-DD day; None when the day is not known whole."""
    if not day or len(day) != 10:
        return None
    try:
        return date.fromisoformat(day).toordinal()
    except ValueError:
        return None


def week(day: str | None) -> int:
    """Weeks since 0001-01-01 of a YYYY-MM-DD day; NO_WEEK when the day is not known whole."""
    number = day_number(day)
    return NO_WEEK if number is None else number // 7


def near_weeks(w: int) -> tuple[int, ...]:
    """The weeks a statement's other reports are looked for in (articles come in any order)."""
    return (NO_WEEK,) if w == NO_WEEK else (w - 1, w, w + 1)


@cache
def _permutations():  # type: ignore[no-untyped-def]
    from datasketch import MinHash  # its package imports scipy: loaded only when linking

    template = MinHash(num_perm=SKETCH, seed=SEED)
    return template.permutations, template.scheme


def sketch(content: Sequence[str]) -> list[int]:
    """The MinHash minima of a statement's content words."""
    from datasketch import MinHash

    permutations, scheme = _permutations()  # drawn once: drawing them is most of a small sketch's cost
    m = MinHash(num_perm=SKETCH, seed=SEED, permutations=permutations, scheme=scheme)
    m.update_batch([w.encode("utf-8") for w in sorted(set(content))])
    return [int(v) for v in m.hashvalues.astype(np.uint64)]


def keys(speaker: str, minima: Sequence[int], w: int) -> list[int]:
    """The keys a statement is filed under in week ``w`` (signed 64-bit, as databases hold them)."""
    out = []
    for i, value in enumerate(minima):
        digest = hashlib.blake2b(f"{speaker}\x1f{i}\x1f{value}\x1f{w}".encode(), digest_size=8).digest()
        out.append(int.from_bytes(digest, "big", signed=True))
    return out
