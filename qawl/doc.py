"""The analysed text every layer reads: tokens, sentences, paragraphs and quotations.

Built once per article by ``Doc.from_text``; the layers after it (entities, quotes) only
read it. Offsets are indices into the original text.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from itertools import accumulate

from qawl.arabic.quotemarks import Quotation, find_quotations
from qawl.arabic.segment import Token, sentences, tokens


@dataclass(slots=True)
class Doc:
    text: str
    tokens: list[Token]
    sentences: list[tuple[int, int]]  # token index ranges [start, end)
    paragraphs: list[tuple[int, int]]  # token index ranges [start, end)
    quotations: list[Quotation]
    quote_at: dict[int, int]  # token index of an opening mark -> quotation index
    quote_ending: dict[int, int]  # end offset -> the first quotation ending there (a look-up, not a scan)
    quote_starts: list[int]  # the quotations' start offsets (sorted, as the quotations are), for bisect
    quote_reach: list[int]  # per quotation: the furthest end of it and every quotation before it
    inside: list[int]  # per token: the quotation whose inner span holds it, or -1
    starts: list[int]  # token start offsets, for bisect
    sentence_index: list[int]  # per token: its sentence
    paragraph_index: list[int]  # per token: its paragraph
    headline: list[bool]  # per paragraph: a title or "read also" line, not running text

    @classmethod
    def from_text(cls, text: str) -> Doc:
        toks = tokens(text)
        starts = [t.start for t in toks]
        quotations = find_quotations(text)
        inside = [-1] * len(toks)
        quote_at: dict[int, int] = {}
        for qi, q in enumerate(quotations):
            i = bisect_left(starts, q.start)
            if i < len(toks) and toks[i].start == q.start:
                quote_at[i] = qi
            a, b = bisect_left(starts, q.inner_start), bisect_left(starts, q.inner_end)
            for k in range(a, b):
                if inside[k] == -1:
                    inside[k] = qi
        sent_spans = [_token_range(starts, toks, s, e) for s, e in sentences(text, quotations)]
        para_spans = []
        headline = []
        pos = 0
        for line in text.split("\n"):
            para_spans.append(_token_range(starts, toks, pos, pos + len(line)))
            headline.append(_is_headline(line))
            pos += len(line) + 1
        return cls(
            text,
            toks,
            sent_spans,
            para_spans,
            quotations,
            quote_at,
            {q.end: qi for qi, q in reversed(list(enumerate(quotations)))},
            [q.start for q in quotations],
            list(accumulate((q.end for q in quotations), max)),
            inside,
            starts,
            _index(sent_spans, len(toks)),
            _index(para_spans, len(toks)),
            headline,
        )

    def sentence_of(self, i: int) -> tuple[int, int]:
        return self.sentences[self.sentence_index[i]]

    def paragraph_of(self, i: int) -> tuple[int, int]:
        return self.paragraphs[self.paragraph_index[i]]

    def token_at(self, offset: int) -> int:
        """Index of the first token starting at or after ``offset``."""
        return bisect_left(self.starts, offset)

    def token_covering(self, offset: int) -> int:
        """Index of the token that holds ``offset`` (بالتحرش for an offset after its ب), else
        of the first token after it."""
        i = bisect_left(self.starts, offset)
        if i > 0 and self.tokens[i - 1].end > offset:
            return i - 1
        return i

    def span_text(self, i: int, j: int) -> tuple[int, int, str]:
        """Original offsets and text of tokens ``i`` .. ``j-1``."""
        s, e = self.tokens[i].start, self.tokens[j - 1].end
        return s, e, self.text[s:e]


HEADLINE_WORDS = 18
_CLOSED = re.compile(r"[.!؟?…:\"”»'’)]\s*$")


def _is_headline(line: str) -> bool:
    """A short line that ends without closing punctuation: a headline, a teaser or a "read
    also" link inside the text, whose verbs report nothing of this article's own."""
    words = line.split()
    return 0 < len(words) <= HEADLINE_WORDS and not _CLOSED.search(line)


def _token_range(starts: list[int], toks: list[Token], s: int, e: int) -> tuple[int, int]:
    return bisect_left(starts, s), bisect_left(starts, e) if e < (toks[-1].end if toks else 0) else len(toks)


def _index(ranges: list[tuple[int, int]], n: int) -> list[int]:
    """Per token, the range that holds it (a token between ranges joins the one before)."""
    out = [-1] * n
    for k, (a, b) in enumerate(ranges):
        b = min(b, n)
        if a < b:
            out[a:b] = [k] * (b - a)
    if -1 in out:  # rare: the ranges cover every token but those between two of them
        for i in range(n):
            if out[i] == -1:
                out[i] = out[i - 1] if i else 0
    return out
