"""From cues to statements: each cue's frame read (verbs.py, sources.py, declines.py), then the
statements checked against each other (overlaps, repeats, relays) and quotations no cue
introduces attributed to the speaker they continue.

The output, ``Found``, still speaks in token ranges; ``qawl.quotes.speakers`` turns the
speaker and outlet words into entities and resolves dropped subjects."""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterator
from itertools import accumulate

from qawl.arabic.normalise import normalised_text
from qawl.doc import Doc
from qawl.quotes.cues import find_cues
from qawl.quotes.declines import decline_statement
from qawl.quotes.found import Found
from qawl.quotes.lexicon import lexicon
from qawl.quotes.sources import source_statement
from qawl.quotes.spans import clean_span, content_after, quotation_content
from qawl.quotes.verbs import verb_statement


def find_statements(doc: Doc) -> list[Found]:
    found: list[Found] = []
    for cue in find_cues(doc):
        if cue.kind == "decline":
            f = decline_statement(doc, cue)
        elif cue.kind == "source":
            f = source_statement(doc, cue, found)
        else:
            f = verb_statement(doc, cue)
        if f is not None and _reports_something(doc, f):
            found.append(f)
    found = _drop_repeats(doc, _drop_overlaps(_relay(doc, found)))
    found = sorted(found + _and_that(doc, found), key=lambda f: f.cue[0])
    return sorted(found + _unattributed_quotes(doc, found), key=lambda f: f.cue[0])


AND_THAT = {"وان", "وانه", "وانها", "وانهم", "وانهما", "وبان", "وبانه", "وبانها"}


def _and_that(doc: Doc, found: list[Found]) -> list[Found]:
    """A reported clause that opens the next sentence ("قال إن … . وأنه …") is a statement
    of its own by the same speaker."""
    toks = doc.tokens
    out: list[Found] = []
    for f in found:
        if f.type not in ("indirect", "mixed") or f.start is None or f.end is None:
            continue
        sent_end = doc.sentence_of(doc.token_covering(f.end - 1))[1]
        stop = sent_end + 1 if sent_end < len(toks) else sent_end
        for i in range(doc.token_at(f.start) + 1, min(len(toks), stop + 1)):
            if toks[i].norm not in AND_THAT or doc.inside[i] != -1:
                continue
            if doc.sentence_index[i] == doc.sentence_index[i - 1]:
                continue  # "إن …، وإنه …" inside one sentence is one statement
            content = content_after(doc, i + 1, "comp")
            if content is None:
                break
            typ, s, e = content
            if toks[i].start < f.end:
                f.start, f.end = clean_span(doc.text, f.start, toks[i - 1].start)
            out.append(Found(typ, s, e, (i, i + 1), None, [], f.feminine, f.plural, 0.6))
            break
    return out


POINTER_MAX_WORDS = 4  # "نفت هذه التقارير جملة وتفصيلا": still only a pointer


def _reports_something(doc: Doc, f: Found) -> bool:
    """Reported speech needs content: not "نفى ذلك", not a lone word, not "ما اتهم به …"."""
    if f.type in ("decline", "direct") or f.start is None or f.end is None:
        return True
    lex = lexicon()
    words = [t for t in doc.tokens[doc.token_covering(f.start) : doc.token_at(f.end)] if t.norm.isalnum()]
    if len(words) < 2 or words[0].norm in lex.not_content_start:
        return False
    return not (words[0].norm in lex.pointers and len(words) <= POINTER_MAX_WORDS)


UNATTRIBUTED_MIN_WORDS = 6


UNATTRIBUTED_REACH = 2  # paragraphs back to the statement whose speaker it continues


def _unattributed_quotes(doc: Doc, found: list[Found]) -> list[Found]:
    """A quoted sentence with no cue that opens its sentence, soon after a statement: the
    same speaker goes on ("…". then "…" in the next paragraph)."""
    toks = doc.tokens
    out: list[Found] = []
    # Look-ups, not scans of every statement for every quotation (quadratic in long articles): the
    # statements by start with the furthest end so far, then the quotations taken here (in text order).
    spans = sorted((f.start, f.end) for f in found if f.start is not None and f.end is not None)
    starts, reach = [s for s, _ in spans], list(accumulate((e for _, e in spans), max))
    taken_reach = -1
    said = [f for f in found if f.type != "decline"]  # in cue order, as ``found`` is
    cues = [f.cue[0] for f in said]
    for qi, q in enumerate(doc.quotations):
        a, b = doc.token_at(q.inner_start), doc.token_at(q.inner_end)
        before = bisect_left(starts, q.end)
        overlaps = (before and reach[before - 1] > q.start) or taken_reach > q.start
        if b - a < UNATTRIBUTED_MIN_WORDS or overlaps:
            continue
        i = doc.token_at(q.start)
        if i >= len(toks) or doc.headline[doc.paragraph_index[i]]:
            continue
        sent_start, _ = doc.sentence_of(i)
        if any(toks[k].text not in "،,.:-–" and toks[k].norm not in ("و", "ف") for k in range(sent_start, i)):
            continue  # something else opens the sentence
        last = bisect_left(cues, i) - 1  # the latest statement before
        if last < 0 or doc.paragraph_index[i] - doc.paragraph_index[said[last].cue[0]] > UNATTRIBUTED_REACH:
            continue
        s, e = quotation_content(doc, qi)
        out.append(Found("direct", s, e, (i, i + 1), None, [], None, False, 0.45, has_cue=False))
        taken_reach = max(taken_reach, q.end)
    return out


def _drop_repeats(doc: Doc, found: list[Found]) -> list[Found]:
    """A paragraph repeated word for word reports its statements once."""
    seen: set[str] = set()
    out = []
    for f in found:
        key = normalised_text(doc.text[f.start : f.end]) if f.start is not None else ""  # folded
        if key and key in seen:
            continue
        seen.add(key)
        out.append(f)
    return out


def _relay(doc: Doc, found: list[Found]) -> list[Found]:
    """ونقلت صحيفة «ديلي صباح» أن أردوغان قال إن …: when the content an outlet passes on holds
    a statement of its own, the outlet is that statement's intermediary, not a speaker."""
    out = list(found)
    for a in found:
        if not a.relays or a.start is None or a.speaker is None:
            continue
        inner = [b for b in found if b is not a and a.start <= doc.tokens[b.cue[0]].start < (a.end or 0)]
        if inner:
            for b in inner:
                b.via = b.via or [a.speaker]
            out.remove(a)
    return out


def _drop_overlaps(found: list[Found]) -> list[Found]:
    """Two statements over the same words: keep the surer one (then the earlier cue)."""
    kept: list[Found] = []
    spans = _Spans()
    for f in sorted(found, key=lambda f: -f.confidence):
        if f.start is None or f.end is None:
            kept.append(f)
            continue
        clash = False
        for g in spans.holding(f.start + (f.end - f.start) // 2):
            assert g.start is not None and g.end is not None
            inter = min(f.end, g.end) - max(f.start, g.start)
            if inter > 0 and inter >= 0.8 * min(f.end - f.start, g.end - g.start):
                if (f.start, f.end) == (g.start, g.end) or inter >= 0.8 * (f.end - f.start):
                    clash = True
                    break
        if not clash:
            kept.append(f)
            spans.add(f)
    kept.sort(key=lambda f: f.cue[0])
    return kept


class _Spans:
    """The statements kept so far, found by a character they hold. A clash above needs an overlap of 80 %
    of the new statement, so the kept one holds its middle character: only those are compared (comparing
    every pair made an article with thousands of statements quadratic). Spans are filed by the power of
    two above their length and their start divided by it: those holding a character are in two bins of
    each size."""

    def __init__(self) -> None:
        self._bins: dict[tuple[int, int], list[tuple[int, int, Found]]] = defaultdict(list)
        self._sizes: set[int] = set()

    def add(self, f: Found) -> None:
        assert f.start is not None and f.end is not None
        if f.end > f.start:  # an empty span holds nothing and clashes with nothing
            size = (f.end - f.start).bit_length()
            self._sizes.add(size)
            self._bins[size, f.start >> size].append((f.start, f.end, f))

    def holding(self, at: int) -> Iterator[Found]:
        for size in self._sizes:
            for key in ((size, (at >> size) - 1), (size, at >> size)):
                for start, end, g in self._bins.get(key, ()):
                    if start <= at < end:
                        yield g
