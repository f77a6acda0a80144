"""Statements: who said what, through whom (layer 4 of the analysis)."""

from __future__ import annotations

from qawl.doc import Doc
from qawl.entities.cluster import Clusterer
from qawl.quotes.chains import resolve_chains
from qawl.quotes.speakers import resolve_speakers
from qawl.quotes.statements import find_statements
from qawl.record import Quote, Span


def extract_quotes(doc: Doc, clusterer: Clusterer, site: str = "") -> list[Quote]:
    """Every statement of an article, with speakers and intermediaries as entities of ``clusterer``.

    ``site`` is the article's source and URL: its own outlet is never an intermediary."""
    resolved = resolve_speakers(doc, find_statements(doc), clusterer)
    chains = resolve_chains(doc, resolved, clusterer, site.lower())
    quotes = []
    for n, (r, via) in enumerate(zip(resolved, chains, strict=True), 1):
        f = r.found
        a, b = f.cue
        cs, ce = doc.tokens[a].start, doc.tokens[b - 1].end
        if r.ref is not None and r.entity is not None:
            r.ref.entity = f"E{r.entity + 1}"
        conf = f.confidence if r.ref is not None else f.confidence * 0.5
        text = doc.text[f.start : f.end] if f.start is not None and f.end is not None else ""
        cue = Span(cs, ce, doc.text[cs:ce]) if f.has_cue else None
        quotes.append(Quote(f"Q{n}", f.type, text, f.start, f.end, cue, r.ref, via, None, conf))  # type: ignore[arg-type]
    return quotes
