"""When each statement was made: the date its own reporting clause names (قوله أمس
الاثنين), or the date of the report it continues (وتابع شويغو قوله); never guessed from the
publication date."""

from __future__ import annotations

from qawl.doc import Doc
from qawl.quotes.chains import REPORT_REACH
from qawl.record import DateValue, Quote

CLAUSE_REACH = 12  # tokens between a cue and a date of its clause, at most


def date_statements(doc: Doc, quotes: list[Quote], dates: list[DateValue]) -> None:
    """Set each quote's ``date`` from ``dates`` (the article's, in text order)."""
    contents = [(q.start, q.end) for q in quotes if q.start is not None and q.end is not None]
    last: dict[str, tuple[int, DateValue | None]] = {}  # speaker entity -> its last report
    for q in quotes:
        if q.cue is None:
            continue
        cue = doc.token_at(q.cue.start)
        own = _clause_date(doc, q, cue, dates, contents)
        who = q.speaker.entity if q.speaker else None
        paragraph = doc.paragraph_index[min(cue, len(doc.tokens) - 1)]
        if own is None and who in last:
            before, date = last[who]
            if paragraph - before <= REPORT_REACH:
                own = date  # the report goes on, and so does its day
        q.date = own
        if who is not None:
            last[who] = (paragraph, own)


def _clause_date(
    doc: Doc, q: Quote, cue: int, dates: list[DateValue], contents: list[tuple[int, int]]
) -> DateValue | None:
    """The date nearest the cue in its sentence, outside every statement's content and every
    quotation, at most CLAUSE_REACH tokens away."""
    s, e = doc.sentence_of(cue)
    lo, hi = doc.tokens[s].start, doc.tokens[e - 1].end
    best: tuple[int, DateValue] | None = None
    for d in dates:
        if d.start is None or d.end is None or d.start < lo or d.end > hi:
            continue
        if any(a <= d.start < b for a, b in contents):
            continue
        at = doc.token_at(d.start)
        if doc.inside[at] != -1:
            continue
        distance = at - cue if at >= cue else cue - doc.token_at(d.end)
        if distance <= CLAUSE_REACH and (best is None or distance < best[0]):
            best = (distance, d)
    return best[1] if best else None
