# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""The tagger's label scores of an article's tokens, summed in C loops: each token's own
row, what its neighbours lend, the sentence edges, the gazetteer marks and the word pairs
(``crf.py`` keeps the rows; this adds them up).

As NumPy, the sum was some forty array calls an article on arrays of a few hundred tokens,
each call's cost mostly its own overhead. Here each token's score for a label receives its
terms in the order those calls added them (own, lent at -2, -1, 1, 2, the first then the
last edge, the marks' own, lent at -1 and at 1, the pair with the word before, the pair
with the word after), a term that does not apply being the zero row as it was there, so the
sums are the same numbers to the last bit.
"""

import numpy as np

from libc.stdint cimport int64_t
from libcpp.vector cimport vector

ctypedef Py_ssize_t intp


cdef inline void _add(double[:, ::1] out, Py_ssize_t t, const double[:, ::1] table, Py_ssize_t row) noexcept nogil:
    cdef Py_ssize_t b
    for b in range(out.shape[1]):
        out[t, b] += table[row, b]


cdef inline void _set(double[:, ::1] out, Py_ssize_t t, const double[:, ::1] table, Py_ssize_t row) noexcept nogil:
    cdef Py_ssize_t b
    for b in range(out.shape[1]):
        out[t, b] = table[row, b]


cdef inline Py_ssize_t _find(const int64_t[::1] codes, int64_t code) noexcept nogil:
    """The position of ``code`` in sorted ``codes``, or -1."""
    cdef Py_ssize_t lo = 0, hi = codes.shape[0], mid
    while lo < hi:
        mid = (lo + hi) >> 1
        if codes[mid] < code:
            lo = mid + 1
        else:
            hi = mid
    return lo if lo < codes.shape[0] and codes[lo] == code else -1


cdef void _add_pairs(
    double[:, ::1] out,
    const intp[::1] ids,
    const int64_t[::1] norm,
    const unsigned char[::1] last,
    const int64_t[::1] codes,
    const intp[::1] features,
    const double[:, ::1] weights,
    bint on_right,
) noexcept nogil:
    """Each pair of neighbours' feature (the zero row where none) added to the right word of
    the pair or to the left; no pair across sentences."""
    cdef Py_ssize_t t, m
    cdef int64_t left, right
    for t in range(ids.shape[0] - 1):
        left, right = norm[ids[t]], norm[ids[t + 1]]
        m = _find(codes, left << 32 | right) if left >= 0 and right >= 0 and not last[t] else -1
        _add(out, t + 1 if on_right else t, weights, features[m] if m >= 0 else 0)


def label_scores(
    const double[:, ::1] vectors,
    const intp[::1] first,
    offsets,
    const intp[::1] ids,
    const intp[::1] lengths,
    intp edge_start,
    intp edge_end,
    marks,
    const int64_t[::1] norm,
    const int64_t[::1] right_codes,
    const intp[::1] right_features,
    const int64_t[::1] left_codes,
    const intp[::1] left_features,
    const double[:, ::1] weights,
):
    """Each token's score for each label (tokens × labels). ``ids``: the tokens' word
    numbers, sentence after sentence (``lengths``); by word number, ``first`` (the word's
    own row, followed by what it lends at each of ``offsets``, in their order) and ``norm``
    (its number among the pair features' words, -1: none); ``marks``: each token's rows of gazetteer marks (own,
    lent at -1, at 1; tokens × 3), or None where no token has any; a word pair's feature is
    found by its code (left << 32 | right) among the sorted codes of pairs scored on the
    right word and on the left."""
    cdef Py_ssize_t n = ids.shape[0], labels = vectors.shape[1]
    cdef Py_ssize_t s, t, start, end, j, c
    cdef vector[Py_ssize_t] away = offsets  # the offsets of the rows a word lends
    cdef const intp[:, ::1] mark_rows
    cdef bint with_marks = marks is not None
    if weights.shape[1] != labels:
        raise ValueError("the weights and the vectors score different labels")
    total = 0
    for s in range(lengths.shape[0]):
        if lengths[s] <= 0:
            raise ValueError("an empty sentence")
        total += lengths[s]
    if total != n:
        raise ValueError("sentence lengths that do not add up to the tokens")
    for t in range(n):
        if not 0 <= ids[t] < min(first.shape[0], norm.shape[0]):
            raise ValueError(f"word number {ids[t]} out of range")
    if with_marks:
        mark_rows = marks
        if mark_rows.shape[0] != n or mark_rows.shape[1] != 3:
            raise ValueError("marks are three rows a token")
    result = np.empty((n, labels))
    cdef double[:, ::1] out = result
    cdef unsigned char[::1] last = np.zeros(n, dtype=np.uint8)  # a sentence's last token
    with nogil:
        start = 0
        for s in range(lengths.shape[0]):
            end = start + lengths[s]
            for t in range(start, end):
                _set(out, t, vectors, first[ids[t]])
                for c in range(<Py_ssize_t>away.size()):  # what the word d away lends: its row 1 + c
                    j = t + away[c]
                    _add(out, t, vectors, first[ids[j]] + 1 + c if start <= j < end else 0)
                if t == start:
                    _add(out, t, vectors, edge_start)
                if t == end - 1:
                    _add(out, t, vectors, edge_end)
                if with_marks:
                    _add(out, t, vectors, mark_rows[t, 0])
                    _add(out, t, vectors, mark_rows[t - 1, 1] if t > start else 0)
                    _add(out, t, vectors, mark_rows[t + 1, 2] if t < end - 1 else 0)
            last[end - 1] = 1
            start = end
        if n > 1:  # the pairs scored on the right word first, as before
            if right_codes.shape[0]:
                _add_pairs(out, ids, norm, last, right_codes, right_features, weights, True)
            if left_codes.shape[0]:
                _add_pairs(out, ids, norm, last, left_codes, left_features, weights, False)
    return result


def count_sentences(
    const intp[::1] ids, const intp[::1] lengths, int64_t[::1] met, int64_t[::1] seen, int64_t stamp
) -> int:
    """Add to each word's ``met`` the number of sentences it is in (not of its tokens).
    ``seen`` holds, by word, the stamp of the last sentence it was counted in: each sentence
    takes the next stamp from ``stamp``, and the stamp after the last is returned (for the
    next call: stamps only grow, so a word is never taken for counted by an older one)."""
    cdef Py_ssize_t s, t, start = 0, w
    for s in range(lengths.shape[0]):
        if lengths[s] < 0 or start + lengths[s] > ids.shape[0]:
            raise ValueError("sentence lengths that do not fit the tokens")
        for t in range(start, start + lengths[s]):
            w = ids[t]
            if not 0 <= w < min(met.shape[0], seen.shape[0]):
                raise ValueError(f"word number {w} out of range")
            if seen[w] != stamp:
                seen[w] = stamp
                met[w] += 1
        start += lengths[s]
        stamp += 1
    return stamp
