# cython: language_level=3
"""The Token every layer reads, compiled: an article makes one for each of its words, numbers
and punctuation marks (its most numerous object), and building them as a Python class took
6-8% of an article's analysis.

``segment.tokens`` finds and makes them with ``scan``: its token regex read character by character
through a table of each character's kind (the regex's scan and match objects were a quarter of
the tokens' time).
"""

cimport cython

from operator import index

from qawl.arabic.normalise import normalise

FIELDS = ("start", "end", "text", "norm", "prefix", "stem", "suffix", "head", "stem_head")


# Out of the garbage collector's way: an article makes hundreds at once, and as tracked objects
# they set off most of its collections (ANT articles 3,000-6,000: 759 young and 6 full collections,
# 0.65 s; untracked, 309 and 2, 0.31 s). Its fields are strings and ints (the offsets made exact
# ints in __init__), so it can be in no reference cycle.
@cython.no_gc
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
        self.start, self.end, self.text = index(start), index(end), text
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


# What a character can be in a token (``scan``'s table, made by segment.py from its character classes)
cdef enum:
    K_AR_START = 1  # begins an Arabic word
    K_AR_INNER = 2  # goes on one (letters, harakat, tatweel, joiners)
    K_DIGIT = 4  # a decimal digit (the regex \d)
    K_SEPARATOR = 8  # between a number's digit groups (3.5, ١٬٠٠٠)
    K_LATIN_START = 16  # begins a Latin word
    K_LATIN_INNER = 32  # goes on one (letters, ASCII digits)
    K_SPACE = 64  # whitespace (the regex \s): in no token
    K_MAX_DIGITS = 64  # a longer run of digits is cut into several numbers (segment._DIGITS)

AR_START, AR_INNER, DIGIT, SEPARATOR = K_AR_START, K_AR_INNER, K_DIGIT, K_SEPARATOR
LATIN_START, LATIN_INNER, SPACE, MAX_DIGITS = K_LATIN_START, K_LATIN_INNER, K_SPACE, K_MAX_DIGITS


cdef extern from "Python.h":
    bint Py_UNICODE_ISDECIMAL(Py_UCS4 ch)
    int PyUnicode_KIND(object text)
    void* PyUnicode_DATA(object text)
    Py_UCS4 PyUnicode_READ(int kind, void* data, Py_ssize_t index)


cdef struct Text:  # a str's characters, read in place
    int kind
    void* data
    const unsigned char* table


cdef inline unsigned char _kind(Text t, Py_ssize_t i):
    cdef Py_UCS4 c = PyUnicode_READ(t.kind, t.data, i)
    if c < 0x10000:
        return t.table[c]
    # beyond the table no Arabic or Latin letter of ours, only digits (and no space) as Python knows them
    return K_DIGIT if Py_UNICODE_ISDECIMAL(c) else 0


cdef inline Py_ssize_t _digits(Text t, Py_ssize_t i, Py_ssize_t end):
    """Past a run of at most K_MAX_DIGITS digits starting at ``i`` (a digit)."""
    cdef Py_ssize_t j = i + 1
    while j < end and j - i < K_MAX_DIGITS and _kind(t, j) & K_DIGIT:
        j += 1
    return j


def scan(str text, Py_ssize_t start, Py_ssize_t end, const unsigned char[:] table, analyse):
    """The tokens of ``text[start:end]`` as segment's token regex finds them (an Arabic word,
    harakat and tatweel inside; a number, its digit groups joined; a Latin word or code; any
    other character alone; whitespace skipped), read character by character through
    ``table`` (a kind per code point below 0x10000), each split by ``analyse``."""
    if table.shape[0] != 0x10000:
        raise ValueError("the table holds a kind for each of the 65,536 code points below 0x10000")
    cdef Text t = Text(PyUnicode_KIND(text), PyUnicode_DATA(text), &table[0])
    cdef list out = []
    cdef Token tok
    cdef tuple parts
    cdef Py_ssize_t i = max(start, 0), j
    cdef unsigned char kind
    end = min(end, len(text))
    while i < end:
        kind = _kind(t, i)
        if kind & K_SPACE:
            i += 1
            continue
        j = i + 1
        if kind & K_AR_START:
            while j < end and _kind(t, j) & K_AR_INNER:
                j += 1
        elif kind & K_DIGIT:
            j = _digits(t, i, end)
            while j + 1 < end and _kind(t, j) & K_SEPARATOR and _kind(t, j + 1) & K_DIGIT:
                j = _digits(t, j + 1, end)
        elif kind & K_LATIN_START:
            while j < end and _kind(t, j) & K_LATIN_INNER:
                j += 1
        word = text[i:j]
        parts = analyse(word)
        tok = Token.__new__(Token)
        tok.start = i
        tok.end = j
        tok.text = word
        tok.norm = parts[0]
        tok.prefix = parts[1]
        tok.stem = parts[2]
        tok.suffix = parts[3]
        tok.head = parts[4]
        tok.stem_head = parts[5]
        out.append(tok)
        i = j
    return out


# --- reading a field of every token ---------------------------------------------------------
# The layers ask the same of an article's tokens over and over: where does a word of this
# list stand (a cue's first word, a country, an organisation's head), what is each token's
# head. As comprehensions over Token attributes these took a few percent of an article's
# analysis; here the field is read from the struct and each word looked up in a C loop.

cdef int _code(str field) except -1:
    """A string field's place in FIELDS (2, text, to 8, stem_head)."""
    if field not in FIELDS[2:]:
        raise ValueError(f"no string field {field!r} of a token: one of {', '.join(FIELDS[2:])}")
    return FIELDS.index(field)


cdef inline str _read(Token t, int code):
    """The field at ``code`` (``_code``), the ones the layers ask for most first."""
    if code == 3:
        return t.norm
    if code == 7 or code == 8:
        return t.head if code == 7 else t.stem_head
    if code == 5:
        return t.stem
    if code == 2:
        return t.text
    return t.prefix if code == 4 else t.suffix


def column(list tokens, str field):
    """Each token's ``field`` (a string field: text, norm, stem, head ...), in order."""
    cdef int code = _code(field)
    cdef Token t
    return [_read(t, code) for t in tokens]


def where(list tokens, words, *fields):
    """The positions of the tokens one of whose ``fields`` (norm, stem, head ...) is in
    ``words`` (a set, a dict: anything ``in`` works on), in order."""
    if not 0 < len(fields) <= 9:
        raise ValueError("where: name one to nine token fields")
    cdef int codes[9]
    cdef Py_ssize_t n = len(fields), i, k
    for k in range(n):
        codes[k] = _code(fields[k])
    cdef list out = []
    cdef Token t
    for i in range(len(tokens)):
        t = tokens[i]
        for k in range(n):
            if _read(t, codes[k]) in words:
                out.append(i)
                break
    return out
