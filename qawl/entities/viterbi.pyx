# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""The entity tagger's Viterbi search, compiled: a sentence's best labels from its tokens'
label scores and the CRF's transition weights, in C loops over a few labels instead of
a NumPy call per position of an article's longest sentence.

The additions and comparisons are those of the NumPy version it replaced (the score so far
plus the transition, the largest kept, the first of equals), so the paths are the same.
"""

from libcpp.vector cimport vector


def viterbi(double[:, ::1] scores, lengths, double[:, ::1] transitions) -> list:
    """The best label sequence of each sentence; ``scores`` holds the sentences' tokens one
    after another (tokens × labels), ``lengths`` how many tokens each has."""
    cdef Py_ssize_t labels = transitions.shape[0], start = 0, n, i, a, b, k
    cdef vector[double] best, nxt
    cdef vector[int] back
    cdef double top, x
    cdef int arg
    if scores.shape[0] and scores.shape[1] != labels:
        raise ValueError(f"{scores.shape[1]} label scores a token for {labels} labels")
    best.resize(labels)
    nxt.resize(labels)
    paths = []
    for n in lengths:
        if n <= 0 or start + n > scores.shape[0]:
            raise ValueError("sentence lengths that do not add up to the tokens scored")
        back.resize(n * labels)
        for b in range(labels):
            best[b] = scores[start, b]
        for i in range(1, n):
            for b in range(labels):
                top = best[0] + transitions[0, b]
                arg = 0
                for a in range(1, labels):
                    x = best[a] + transitions[a, b]
                    if x > top:
                        top = x
                        arg = a
                back[i * labels + b] = arg
                nxt[b] = top + scores[start + i, b]
            best.swap(nxt)
        arg = 0
        for b in range(1, labels):
            if best[b] > best[arg]:
                arg = b
        path = [0] * n
        for i in range(n - 1, -1, -1):
            path[i] = arg
            arg = back[i * labels + arg]
        paths.append(path)
        start += n
    return paths
