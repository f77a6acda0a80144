# cython: language_level=3
"""The Token every layer reads, compiled: an article makes one for each of its words, numbers
and punctuation marks (its most numerous object), and building them as a Python class took
6-8% of an article's analysis.

``segment.tokens`` finds them; ``build`` makes them from its regex matches.
"""

from qawl.arabic.normalise import normalise

FIELDS = ("start", "end", "text", "norm", "prefix", "stem", "suffix", "head", "stem_head")


cdef class Token:
    """A word, number or punctuation mark; offsets into the original text. Read-only.

    ``norm`` is the folded text; ``prefix`` + ``stem`` + ``suffix`` == ``norm`` for split
    Arabic words (folded, undiacritised); ``head`` is the norm without the article and the
    clitics fused with it (``segment.head``), ``stem_head`` the stem's (the head when no
    clitic is fused: بحلب -> حلب)."""

    cdef readonly object start
    cdef readonly object end
    cdef readonly str text
    cdef readonly str norm
    cdef readonly str prefix
    cdef readonly str stem
    cdef readonly str suffix
    cdef readonly str head
    cdef readonly str stem_head

    def __init__(
        self, start, end, str text, str norm, str prefix, str stem, str suffix, str head, str stem_head
    ):
        self.start, self.end, self.text = start, end, text
        self.norm, self.prefix, self.stem, self.suffix, self.head = norm, prefix, stem, suffix, head
        self.stem_head = stem_head

    @property
    def stem_start(self):
        """Original offset of the stem's first letter (after any harakat of the prefix)."""
        if not self.prefix:
            return self.start
        return self.start + normalise(self.text).offsets[len(self.prefix)]

    @property
    def stem_end(self):
        """Original offset just past the stem, harakat of its last letter included."""
        if not self.suffix:
            return self.end
        return self.start + normalise(self.text).offsets[len(self.prefix) + len(self.stem)]

    def _fields(self):
        return (
            self.start, self.end, self.text, self.norm, self.prefix, self.stem, self.suffix, self.head,
            self.stem_head,
        )

    def __eq__(self, other):
        if not isinstance(other, Token):
            return NotImplemented
        return self._fields() == (<Token>other)._fields()

    def __hash__(self):
        return hash(self._fields())

    def __repr__(self):
        return "Token(" + ", ".join(f"{k}={v!r}" for k, v in zip(FIELDS, self._fields())) + ")"

    def __reduce__(self):
        return Token, self._fields()


def build(matches, analyse):
    """The tokens of regex ``matches``, each split by ``analyse`` (text -> norm, prefix,
    stem, suffix, head, stem head)."""
    cdef list out = []
    cdef Token tok
    cdef tuple parts
    for m in matches:
        text = m.group()
        parts = analyse(text)
        tok = Token.__new__(Token)
        tok.start = m.start()
        tok.end = m.end()
        tok.text = text
        tok.norm = parts[0]
        tok.prefix = parts[1]
        tok.stem = parts[2]
        tok.suffix = parts[3]
        tok.head = parts[4]
        tok.stem_head = parts[5]
        out.append(tok)
    return out
