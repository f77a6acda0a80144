"""Small helpers for the statement tests: run the extractor, find a statement, compare
speakers and chains the way the reference scorer does (GUIDELINES.md, "Scoring").

Speakers and intermediaries are compared by name: the entity's name (else the words the
record gives), which must contain, or be contained in, one of the gold names as a word
sequence after normalisation. qawl.evaluate implements that rule (and
tests/test_evaluate_matches_reference.py holds it to the reference scorer).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import qawl
from qawl.evaluate import matches_any, overlap_f1, predicted_name, same_name

Json = dict[str, Any]
CONTENT_TYPES = ("direct", "indirect", "mixed")
MATCH = 0.5  # the scorer's content-overlap threshold


def extract(text: str, **meta: Any) -> Json:
    """The record (``qawl/2``) of one text, as JSON."""
    return qawl.extract(text, **meta).to_json()


def statements(record: Json) -> list[Json]:
    """The content statements (not declines) of a record, in text order."""
    found = [q for q in record["quotes"] if q["type"] in CONTENT_TYPES]
    return sorted(found, key=lambda q: q["start"])


def declines(record: Json) -> list[Json]:
    return [q for q in record["quotes"] if q["type"] == "decline"]


def find(record: Json, content: str) -> Json | None:
    """The statement whose words best overlap ``content`` (F1 >= 0.5, as the scorer matches)."""
    best, best_f1 = None, MATCH
    for q in statements(record):
        f1 = overlap_f1(q["text"], content)
        if f1 >= best_f1:
            best, best_f1 = q, f1
    return best


def speaker_name(record: Json, quote: Json) -> str | None:
    """The name a record gives the speaker of a statement: its entity's name, else its text."""
    return predicted_name(record, quote.get("speaker"))


def speaker_is(record: Json, quote: Json, *names: str) -> bool:
    """Whether the speaker is the one named by ``names`` (the gold name and its aliases)."""
    return matches_any(speaker_name(record, quote), names)


def chain(record: Json, quote: Json) -> list[str]:
    """The names of a statement's intermediaries, nearest to the speaker first."""
    names = [predicted_name(record, v) for v in quote.get("via") or []]
    return [n for n in names if n]


def chain_is(record: Json, quote: Json, gold: Sequence[str]) -> bool:
    """Whether the chain has the gold intermediaries, in order (the scorer's rule)."""
    found = chain(record, quote)
    return len(found) == len(gold) and all(same_name(p, g) for p, g in zip(found, gold, strict=True))


def entity(record: Json, ref: Json | None) -> Json | None:
    """The entity a speaker or intermediary reference points to."""
    if not ref or not ref.get("entity"):
        return None
    return next((e for e in record["entities"] if e["id"] == ref["entity"]), None)


def describe(record: Json) -> str:
    """The statements of a record, one a line, for assertion messages."""
    lines = []
    for q in record["quotes"]:
        lines.append(
            f"{q['type']}: {q['text'][:60]!r} speaker={speaker_name(record, q)!r} via={chain(record, q)!r}"
        )
    return "\n".join(lines) or "(no statements)"
