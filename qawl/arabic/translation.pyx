# cython: language_level=3, boundscheck=False, wraparound=False
"""``str.translate`` with one fixed table, compiled: what the normalisation and the folding
of every word and text run through.

``str.translate`` looks each character of a non-ASCII text up in the table's dict; here the
table is an array over the characters it can hold (below U+10000, as the normalisation's
tables are), so a character costs an array read, and a text with nothing to change is
returned as it is. The result is the string ``str.translate`` gives (tests compare them on
every character of the tables and on random texts).
"""

from libc.stdint cimport int32_t
from libcpp.vector cimport vector

cdef extern from "Python.h":
    int PyUnicode_KIND(object)
    void *PyUnicode_DATA(object)
    Py_UCS4 PyUnicode_READ(int kind, void *data, Py_ssize_t index)
    object PyUnicode_FromKindAndData(int kind, const void *buffer, Py_ssize_t size)
    int PyUnicode_4BYTE_KIND

cdef enum:
    SIZE = 0x10000  # the characters a table may hold
    SAME = -1  # a character the table does not change
    GONE = -2  # a character the table deletes
    # below: -3 - k, the k-th of the replacements of several characters


cdef class Translation:
    """``text.translate(table)`` for ``table``: code point (below U+10000) -> str or None."""

    cdef vector[int32_t] _to  # by code point: the one character it becomes, or SAME, GONE, -3 - k
    cdef list _longer  # the replacements of several characters
    cdef readonly dict table

    def __init__(self, dict table):
        self.table = dict(table)
        self._to.assign(SIZE, SAME)
        self._longer = []
        for cp, value in table.items():
            if not isinstance(cp, int) or not 0 <= cp < SIZE:
                raise ValueError(f"a table of characters below U+10000: {cp!r}")
            if value is None or value == "":
                self._to[cp] = GONE
            elif not isinstance(value, str):
                raise TypeError(f"a character's replacement is a str or None: {value!r}")
            elif len(value) == 1:
                self._to[cp] = ord(value)
            else:
                self._to[cp] = -3 - len(self._longer)
                self._longer.append(value)

    def __call__(self, str text):
        cdef int kind = PyUnicode_KIND(text)
        cdef void *data = PyUnicode_DATA(text)
        cdef Py_ssize_t n = len(text), i = 0, j
        cdef Py_UCS4 c, d
        cdef int32_t to
        cdef vector[Py_UCS4] out
        while i < n:  # most words and most of a text's characters stay as they are
            c = PyUnicode_READ(kind, data, i)
            if c < SIZE and self._to[c] != SAME:
                break
            i += 1
        if i == n:
            return text
        out.reserve(n + 8)
        for j in range(i):
            out.push_back(PyUnicode_READ(kind, data, j))
        for j in range(i, n):
            c = PyUnicode_READ(kind, data, j)
            to = self._to[c] if c < SIZE else SAME
            if to == SAME:
                out.push_back(c)
            elif to >= 0:
                out.push_back(<Py_UCS4>to)
            elif to != GONE:
                for d in <str>self._longer[-3 - to]:
                    out.push_back(d)
        if out.empty():
            return ""
        return PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, out.data(), out.size())

    def __reduce__(self):
        return Translation, (self.table,)
