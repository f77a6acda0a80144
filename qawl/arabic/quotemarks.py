"""Pairing quotation marks as they are really typed in Arabic news.

Real articles mix “…”, «…», „…“ and straight "…", reverse them (”…“, »…«),
use one character on both sides (”…”, "…″), glue marks to words (لـ"واشنطن),
leave them unclosed, and continue a quotation over several paragraphs the
English way (each paragraph reopens, only the last one closes).  Whether a
mark opens or closes is decided from the characters around it; its shape is
only a tie-breaker.  One pass over the marks: linear in their number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(slots=True, frozen=True)
class Quotation:
    """Offsets into the original text: ``start``/``end`` include the marks,
    ``inner_start``/``inner_end`` exclude them.  ``balanced`` is False for an
    opening mark that is never closed (the quotation then runs to the end of
    its paragraph, or to the next quotation that opens in its place)."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    balanced: bool


MARKS = re.compile('[\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a\u2033\uff02"]')

OPEN, CLOSE = 1, 2
CURLY, GUILLEMET, STRAIGHT = 0, 1, 2  # families: a close pairs first with its own family
_INFO: dict[str, tuple[int, int]] = {  # mark -> (family, role its shape suggests; 0 = none)
    "\u201c": (CURLY, OPEN),  # “
    "\u201e": (CURLY, OPEN),  # „
    "\u201f": (CURLY, OPEN),  # ‟
    "\u201d": (CURLY, CLOSE),  # ”
    "\u00ab": (GUILLEMET, OPEN),  # «
    "\u2039": (GUILLEMET, OPEN),  # ‹
    "\u00bb": (GUILLEMET, CLOSE),  # »
    "\u203a": (GUILLEMET, CLOSE),  # ›
    '"': (STRAIGHT, 0),
    "\uff02": (STRAIGHT, 0),  # ＂
    "\u2033": (STRAIGHT, 0),  # ″ (double prime, typed for a quote)
}

# Characters before a mark that announce a quotation: a colon (قال: "…"),
# brackets, dashes, and tatweel after a glued preposition (لـ"واشنطن").
_LEAD_IN = frozenset(":([{-\u2013\u2014/\u0640")
_OPEN_BRACKETS = frozenset("([{")
_PROCLITICS = frozenset("وبلفك")
# Trimmed from the end of an unclosed quotation.
_TRAIL = " \t\r\f\v\u00a0.,،؛;:!?؟…-\u2013\u2014"

# Left-context classes
_L_SPACE, _L_LEADIN, _L_WORD, _L_PUNCT = range(4)
# Right-context classes
_R_SPACE, _R_WORD, _R_PUNCT = range(3)


def _left(text: str, pos: int, ps: int) -> int:
    if pos == ps:
        return _L_SPACE
    c = text[pos - 1]
    if c.isspace():
        return _L_SPACE
    if c in _LEAD_IN:
        return _L_LEADIN
    if c.isalnum() or "\u064b" <= c <= "\u065f":
        # A lone proclitic glued to the mark (و"الجيش، ب«الكرة») opens like a space.
        if c in _PROCLITICS and (pos - 1 == ps or text[pos - 2].isspace()):
            return _L_LEADIN
        return _L_WORD
    return _L_PUNCT


def _right(text: str, pos: int, pe: int) -> int:
    if pos + 1 >= pe:
        return _R_SPACE
    c = text[pos + 1]
    if c.isspace():
        return _R_SPACE
    if c.isalnum() or c in _OPEN_BRACKETS or c == "…" or text.startswith("..", pos + 1):
        return _R_WORD  # an ellipsis after a mark starts a quotation: «... نعلن
    return _R_PUNCT


# (left, right) -> role the context demands; 0 where it cannot tell.
_CONTEXT: dict[tuple[int, int], int] = {
    (_L_SPACE, _R_WORD): OPEN,
    (_L_LEADIN, _R_WORD): OPEN,
    (_L_LEADIN, _R_SPACE): OPEN,
    (_L_SPACE, _R_PUNCT): CLOSE,
    (_L_WORD, _R_SPACE): CLOSE,
    (_L_WORD, _R_PUNCT): CLOSE,
    (_L_PUNCT, _R_SPACE): CLOSE,
    (_L_PUNCT, _R_PUNCT): CLOSE,
}


class _Open:
    """An opening mark waiting for its close.  ``seg`` is where it (re)opened in
    the current paragraph; ``pending`` holds the per-paragraph fallbacks of a
    multi-paragraph quotation, used if it turns out never to close."""

    __slots__ = ("family", "pending", "seg", "start")

    def __init__(self, start: int, family: int) -> None:
        self.start = start
        self.family = family
        self.seg = start
        self.pending: list[Quotation] = []


def _unbalanced(text: str, q: _Open, limit: int, out: list[Quotation]) -> None:
    out.extend(q.pending)
    inner = q.seg + 1
    end = max(inner, inner + len(text[inner:limit].rstrip(_TRAIL)))
    out.append(Quotation(q.seg, end, inner, end, False))


_SENTENCE_PUNCT = frozenset(".!?؟…،:")


def _ends_sentence(text: str, pos: int, pe: int) -> bool:
    """A closing mark at pos ends a sentence: punctuation just inside or after it,
    or the end of the paragraph."""
    if pos > 0 and text[pos - 1] in _SENTENCE_PUNCT:
        return True
    rest = text[pos + 1 : pe].lstrip()
    return not rest or rest[0] in _SENTENCE_PUNCT


def _paragraph_bounds(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def find_quotations(text: str) -> list[Quotation]:
    marks = [(m.start(), m.group()) for m in MARKS.finditer(text)]
    out: list[Quotation] = []
    carried: _Open | None = None  # open at the end of the previous paragraph, maybe continued
    prev_end = 0
    i = 0
    while i < len(marks):
        ps, pe = _paragraph_bounds(text, marks[i][0])
        j = i
        while j < len(marks) and marks[j][0] < pe:
            j += 1
        stack: list[_Open] = []
        if carried is not None:
            first_pos, first_ch = marks[i]
            fam = _INFO[first_ch][0]
            reopens = (
                fam == carried.family
                and not text[prev_end:first_pos].strip()
                and _CONTEXT.get((_L_SPACE, _right(text, first_pos, pe)), OPEN) == OPEN
            )
            if reopens:
                carried.seg = first_pos
                stack.append(carried)
                i += 1
            else:
                out.extend(carried.pending)
            carried = None
        left = [0, 0, 0]  # marks of each family still to come in this paragraph
        for k in range(i, j):
            left[_INFO[marks[k][1]][0]] += 1
        for k in range(i, j):
            pos, ch = marks[k]
            fam, shape = _INFO[ch]
            ctx = _CONTEXT.get((_left(text, pos, ps), _right(text, pos, pe)), 0)
            same = len(stack) - 1
            while same >= 0 and stack[same].family != fam:
                same -= 1
            # Parity of the marks of this kind still to come settles what the
            # context gets wrong: a stray space ("نص "،), a glued mark (مثل” طعن).
            odd = left[fam] % 2 == 1
            left[fam] -= 1
            if ctx == 0:
                if fam == GUILLEMET:
                    role = shape if stack else OPEN  # «…» keeps its shape; a lone » opens
                elif same >= 0 or (shape == CLOSE and stack):
                    role = CLOSE  # ”…” and "…″ use one shape for both ends
                else:
                    role = OPEN
            elif ctx == OPEN and same >= 0 and odd:
                role = CLOSE
            elif ctx == CLOSE and same < 0 and not odd:
                role = OPEN
            else:
                role = ctx
            if role == OPEN:
                if same >= 0:  # a second opening of the same kind: the first was never closed
                    while len(stack) > same:
                        _unbalanced(text, stack.pop(), pos, out)
                stack.append(_Open(pos, fam))
            else:
                if same < 0:
                    same = len(stack) - 1  # a mixed pair ("…” or "…″)
                    if same < 0:
                        continue  # a stray closing mark
                while len(stack) > same + 1:
                    _unbalanced(text, stack.pop(), pos, out)
                q = stack.pop()
                if q.pending and not _ends_sentence(text, pos, pe):
                    # Not a continuation after all: a new paragraph that opens with a
                    # short quotation ("وجوب محاسبة المسؤولين" قال).
                    out.extend(q.pending)
                    out.append(Quotation(q.seg, pos + 1, q.seg + 1, pos, True))
                else:
                    out.append(Quotation(q.start, pos + 1, q.start + 1, pos, True))
        if len(stack) == 1 and j < len(marks):
            # Maybe continued: the next paragraph must open with a mark of its kind.
            fallback: list[Quotation] = []
            _unbalanced(text, stack[0], pe, fallback)
            stack[0].pending = fallback
            carried = stack[0]
        else:
            for q in reversed(stack):
                _unbalanced(text, q, pe, out)
        prev_end = pe
        i = j
    if carried is not None:
        out.extend(carried.pending)
    out.sort(key=lambda q: q.start)
    return out
