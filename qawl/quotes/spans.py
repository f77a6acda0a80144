"""Content spans: where the reported words of a statement start and end."""

from __future__ import annotations

from bisect import bisect_left

from qawl.doc import Doc
from qawl.quotes.clause import is_content_quote
from qawl.quotes.lexicon import lexicon

EDGE = set(" \t\n،,.:;؛!?؟\"'“”«»„‟″＂‹›-–—…()")


def clean_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim spaces, punctuation and quotation marks from both ends of a character span."""
    while start < end and text[start] in EDGE:
        start += 1
    while end > start and text[end - 1] in EDGE:
        end -= 1
    return start, end


SAY = {"قال", "اضاف", "تابع"}  # verbs that open a report of their own
ATTRIBUTIVE = {"حسبما", "وحسبما", "مثلما"}


def _opens_content(doc: Doc, j: int, preps: frozenset[str]) -> bool:
    """Token ``j`` is a marker that content follows (أن، :، a quotation mark, إلى …)."""
    if j >= len(doc.tokens):
        return False
    n = doc.tokens[j].norm
    lex = lexicon()
    return n in lex.complementisers or n == ":" or n in preps or j in doc.quote_at


def _breaks_content(doc: Doc, j: int) -> bool:
    """Token ``j`` opens a new reporting clause inside a sentence (، مضيفا أن …، بحسب …)."""
    lex = lexicon()
    toks = doc.tokens
    n = toks[j].norm
    form = lex.verbs.get(n)
    prev = toks[j - 1].text if j > 0 else ""
    nxt = toks[j + 1].norm if j + 1 < len(toks) else ""
    if form is not None and form.participle and (prev in "،," or _opens_content(doc, j + 1, form.preps)):
        return True  # …، مضيفا أن / مشيرا إلى أن (not متابعة, the noun)
    if n in ATTRIBUTIVE:  # حسبما قال …، وفق ما نقلت …: attribution even without a comma
        return True
    if form is not None and not form.participle and n[:1] == "و" and form.lemma in SAY:
        return True  # … الصحافيين الأفغان وقال الوزير …: a new report, its full stop missing
    if ((n,) in lex.sentence_breaks and nxt not in lex.sentence_break_unless) or (
        n,
        nxt,
    ) in lex.sentence_breaks:
        return True  # … الانتخابات فيما قالت روسيا …، … جنيف وذلك قبل اجتماع …
    if prev in "،,":
        if (n,) in lex.clause_breaks or (n, nxt) in lex.clause_breaks:
            return True
        if n in lex.sources or (n, toks[j + 1].norm if j + 1 < len(toks) else "") in (("علي", "حد"),):
            return True
        if form is not None and n[:1] in ("و", "ف"):  # ، وأضاف …
            return True
        if n in lex.decline_verbs:  # …، رفض ماكرون التعليق
            return True
        if n in ("كما", "وكما") and j + 1 < len(toks) and toks[j + 1].norm in lex.verbs:
            return True
    return False


def clause_end(doc: Doc, i: int) -> int:
    """Token index where the content starting at token ``i`` ends (exclusive)."""
    if i >= len(doc.tokens):
        return i
    lex = lexicon()
    _, sent_end = doc.sentence_of(i)
    toks = doc.tokens
    j = i
    while j < sent_end:
        if j > i and _breaks_content(doc, j) and doc.inside[j] == -1:
            return j
        if toks[j].norm in lex.stops and doc.inside[j] == -1 and j > i:
            return j
        j += 1
    return sent_end


def has_marks(doc: Doc, start: int, end: int) -> bool:
    """Whether a character span holds a quotation (a mixed statement): of the quotations that start
    before its end, the one that reaches furthest ends after its start (a look-up, not a scan of them all,
    which made articles with many statements and quotations quadratic)."""
    before = bisect_left(doc.quote_starts, end)
    return before > 0 and doc.quote_reach[before - 1] > start


def quotation_content(doc: Doc, qi: int) -> tuple[int, int]:
    q = doc.quotations[qi]
    return clean_span(doc.text, q.inner_start, q.inner_end)


def tokens_to_span(doc: Doc, i: int, j: int) -> tuple[int, int]:
    """A clean character span for tokens [i, j)."""
    if j <= i:
        return (
            (doc.tokens[i].start, doc.tokens[i].start)
            if i < len(doc.tokens)
            else (len(doc.text), len(doc.text))
        )
    return clean_span(doc.text, doc.tokens[i].start, doc.tokens[j - 1].end)


def content_after(doc: Doc, i: int, marker_kind: str) -> tuple[str, int, int] | None:
    """Type and character span of content starting at token ``i``."""
    toks = doc.tokens
    lex = lexicon()
    if i >= len(toks):
        return None
    if is_content_quote(doc, i):
        qi = doc.quote_at[i]
        q = doc.quotations[qi]
        s, e = quotation_content(doc, qi)
        after = doc.token_at(q.end)
        ends_clause = after >= len(toks) or toks[after].norm in lex.stops or toks[after].text in "،,"
        if marker_kind in ("colon", "quote", "quoting", "source") and (
            ends_clause or marker_kind != "quoting"
        ):
            return "direct", s, e
        if ends_clause:
            return "mixed", s, e
    j = clause_end(doc, i)
    # a quotation opened inside the clause runs to its closing mark: those that open there, in order
    # (found by bisect: a scan of every quotation made articles with many of them quadratic)
    qi = bisect_left(doc.quote_starts, toks[i].start)
    while j > i and qi < len(doc.quotations) and doc.quotations[qi].start < toks[j - 1].end:
        if doc.quotations[qi].end > toks[j - 1].end:
            j = doc.token_at(doc.quotations[qi].end)
        qi += 1
    s, e = tokens_to_span(doc, i, j)
    if e - s < 2:
        return None
    return ("mixed" if has_marks(doc, s, e) else "indirect"), s, e


def np_until(doc: Doc, i: int, limit: int, stop_words: tuple[str, ...]) -> int:
    toks = doc.tokens
    lex = lexicon()
    j = i
    while j < limit and toks[j].text not in "،,.:" and toks[j].norm not in stop_words:
        if toks[j].norm in lex.complementisers or toks[j].norm in lex.quoting or is_content_quote(doc, j):
            break
        j += 1
    return j
