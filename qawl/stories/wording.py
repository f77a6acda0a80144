"""How the wording of one report differs from another's: the words each left out or added,
in order (difflib over the texts' words, as written)."""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

from qawl.arabic.normalise import fold

Change = Literal["same", "removed", "added"]


@dataclass(frozen=True, slots=True)
class Piece:
    change: Change
    text: str


def differences(earlier: str, later: str) -> list[Piece]:
    """``later`` against ``earlier``, word by word: runs kept, removed and added (compared
    folded, so a hamza or a ta marbuta spelt otherwise is no change; shown as written)."""
    a, b = earlier.split(), later.split()
    matcher = SequenceMatcher(None, [fold(w) for w in a], [fold(w) for w in b], autojunk=False)
    out: list[Piece] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.append(Piece("same", " ".join(b[j1:j2])))
            continue
        if i2 > i1:
            out.append(Piece("removed", " ".join(a[i1:i2])))
        if j2 > j1:
            out.append(Piece("added", " ".join(b[j1:j2])))
    return out


def changed(pieces: list[Piece]) -> bool:
    return any(p.change != "same" for p in pieces)
