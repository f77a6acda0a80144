"""Article text with spans marked (a statement's content, its cue, its speaker), built as
HTML by escaping each stretch of text: the text itself never reaches the page unescaped."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from markupsafe import Markup, escape


@dataclass(frozen=True, slots=True)
class Mark:
    start: int
    end: int
    kind: str  # a CSS class of ours: content | cue | speaker
    href: str | None = None  # where the marked stretch leads (a statement's page)


def paragraph(text: str, marks: list[Mark]) -> tuple[int, int]:
    """The lines of ``text`` that hold every mark (the whole text when there are none)."""
    if not marks:
        return 0, len(text)
    lo, hi = min(m.start for m in marks), max(m.end for m in marks)
    start = text.rfind("\n", 0, lo) + 1
    end = text.find("\n", hi)
    return start, len(text) if end < 0 else end


def highlight(text: str, marks: list[Mark], start: int = 0, end: int | None = None) -> Markup:
    """``text[start:end]`` as HTML, each stretch covered by marks wrapped in one element whose
    classes are the kinds covering it (marks may overlap: a speaker named inside the content)."""
    end = len(text) if end is None else end
    marks = [m for m in marks if m.start < end and m.end > start and m.start < m.end]
    cuts = sorted({start, end, *(max(start, m.start) for m in marks), *(min(end, m.end) for m in marks)})
    out: list[str] = []
    for lo, hi in pairwise(cuts):
        piece = escape(text[lo:hi])
        covering = [m for m in marks if m.start <= lo and m.end >= hi]
        if not covering:
            out.append(piece)
            continue
        kinds = escape(" ".join(sorted({m.kind for m in covering})))
        href = next((m.href for m in covering if m.href), None)
        where = f' data-start="{lo}" data-end="{hi}"'
        if href:
            out.append(f'<a class="{kinds}" href="{escape(href)}"{where}>{piece}</a>')
        else:
            out.append(f'<mark class="{kinds}"{where}>{piece}</mark>')
    return Markup("".join(out))
