# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""The graphone model's beam search, compiled: ``latin.Model.nbest`` for words met for the
first time, which took a fifth of the whole analysis in pure Python (0.75 ms a name word).

The back-off n-gram model becomes an automaton at load time: a node for each n-gram (and
each prefix of one), a child link from a node to the node one unit longer, and a suffix
link to the node of its longest shorter suffix. A decoder step, the score of a unit after
a model state and the state it leads to, is then a few integer hash look-ups instead of
tuple slicing; the search itself keeps the Python version's order of hypotheses, so that
ties break the same way and the spellings found are the same.
"""

from cython.operator cimport dereference as deref
from libc.math cimport exp, log
from libc.stdint cimport int64_t
from libcpp.unordered_map cimport unordered_map

from operator import itemgetter

_score_of = itemgetter(0)


cdef class Decoder:
    cdef unordered_map[int64_t, int] _child  # node * units + unit -> the node one unit longer
    cdef double[::1] _logp  # a node's n-gram log probability (when _has_logp)
    cdef double[::1] _backoff  # a node's back-off weight (0.0 when it has none)
    cdef unsigned char[::1] _has_logp
    cdef unsigned char[::1] _has_backoff
    cdef int[::1] _suffix  # the node of the longest shorter suffix that is a node (root: 0)
    cdef int[::1] _depth
    cdef int64_t _units  # units, with the sentence start and end: bos, eos = units - 2, units - 1
    cdef int _max_context  # order - 2: a state is at most order - 1 units long
    cdef double _unknown
    cdef readonly int start
    cdef list _latin
    cdef dict _candidates
    cdef int _max_arabic
    cdef dict _lexicon
    cdef dict _prefixes
    cdef object _prefix

    def __init__(
        self,
        logp: dict,
        backoff: dict,
        latin: list,
        candidates: dict,
        int order,
        double unknown,
        int max_arabic,
        lexicon: dict,
        prefixes: dict,
        prefix,
    ) -> None:
        """``logp`` and ``backoff``: n-gram (a tuple of unit ids) -> value; ``latin``: each
        unit's Latin side; ``candidates``: Arabic letter(s) -> the units tried for them;
        ``prefixes`` and ``prefix``: the memo and the test of "a word of the lexicon starts so"."""
        self._units = len(latin) + 2
        self._max_context = order - 2
        self._unknown = unknown
        self._latin = latin
        self._candidates = candidates
        self._max_arabic = max_arabic
        self._lexicon = lexicon
        self._prefixes = prefixes
        self._prefix = prefix
        nodes = {(): 0}
        for gram in (*logp, *backoff):
            self._node(nodes, gram)
        size = len(nodes)
        self._logp = _zeros(size)
        self._backoff = _zeros(size)
        self._has_logp = bytearray(size)
        self._has_backoff = bytearray(size)
        self._suffix = _ints(size)
        self._depth = _ints(size)
        cdef Py_ssize_t k
        for gram, k in nodes.items():
            self._depth[k] = len(gram)
            rest = gram[1:]
            while rest not in nodes:
                rest = rest[1:]
            self._suffix[k] = nodes[rest] if gram else 0
        for gram, value in logp.items():
            k = nodes[gram]
            self._logp[k] = value
            self._has_logp[k] = 1
        for gram, value in backoff.items():
            k = nodes[gram]
            self._backoff[k] = value
            self._has_backoff[k] = 1
        self.start = self._state(0, self._units - 2)

    def _node(self, nodes: dict, gram: tuple) -> int:
        k = nodes.get(gram)
        if k is None:
            last = len(gram) - 1
            parent = self._node(nodes, gram[:last])
            k = nodes[gram] = len(nodes)
            self._child[parent * self._units + gram[last]] = k
        return k

    cdef inline int _next(self, int node, int unit) noexcept:
        it = self._child.find(node * self._units + unit)
        return -1 if it == self._child.end() else deref(it).second

    cdef double score(self, int state, int unit) noexcept:
        """log p(unit | state), backing off to ever shorter contexts."""
        cdef double bo = 0.0
        cdef int c
        while True:
            c = self._next(state, unit)
            if c >= 0 and self._has_logp[c]:
                return bo + self._logp[c]
            if state == 0:
                return bo + self._unknown
            bo += self._backoff[state]
            state = self._suffix[state]

    cdef int _state(self, int state, int unit) noexcept:
        """The state after ``unit``: the longest suffix of state + unit, at most order - 1
        units, that the model has as a context (has a back-off weight)."""
        cdef int c
        while self._depth[state] > self._max_context:
            state = self._suffix[state]
        while True:
            c = self._next(state, unit)
            if c >= 0 and self._has_backoff[c]:
                return c
            if state == 0:
                return 0
            state = self._suffix[state]

    def nbest(self, str letters, int beam, bint in_lexicon) -> list:
        """Spellings of a word's letters with their log probabilities summed over the
        segmentations the beam kept, best first; with ``in_lexicon`` only words of the lexicon."""
        cdef Py_ssize_t n = len(letters), i, da
        cdef double s, sc, lp
        cdef int sid, state, t
        cdef dict nxt, prefixes = self._prefixes
        cdef list latin = self._latin
        cdef str out, spelled
        cdef tuple old
        if not n:
            return []
        # A hypothesis: (log p, Latin so far, model state), the best kept for each state (for
        # each spelling when it must stay the start of a word of the lexicon).
        stacks = [{} for _ in range(n + 1)]
        stacks[0][self.start] = (0.0, "", self.start)
        for i in range(n):
            stack = stacks[i]
            if not stack:
                continue
            hyps = sorted(stack.values(), key=_score_of, reverse=True)[:beam] if len(stack) > beam else list(stack.values())
            for da in range(1, self._max_arabic + 1):
                if i + da > n:
                    break
                options = self._candidates.get(letters[i : i + da])
                nxt = stacks[i + da]
                if not options:
                    if da == 1:  # a letter the model never saw: skipped
                        for s, out, sid in hyps:
                            key = out if in_lexicon else sid
                            old = nxt.get(key)
                            if old is None or old[0] < s + self._unknown:
                                nxt[key] = (s + self._unknown, out, sid)
                    continue
                for s, out, sid in hyps:
                    for t in options:
                        lp = self.score(sid, t)
                        sc = s + lp
                        if in_lexicon:
                            spelled = out + latin[t]
                            old = nxt.get(spelled)
                            if old is None or sc > old[0]:
                                ok = prefixes.get(spelled)
                                if ok or (ok is None and self._prefix(spelled)):
                                    nxt[spelled] = (sc, spelled, self._state(sid, t))
                        else:
                            state = self._state(sid, t)
                            old = nxt.get(state)
                            if old is None or sc > old[0]:
                                nxt[state] = (sc, out + latin[t], state)
        sums = {}
        eos = self._units - 1
        for s, out, sid in stacks[n].values():
            if in_lexicon and out not in self._lexicon:
                continue
            sc = s + self.score(sid, eos)
            sums[out] = _logadd(sums[out], sc) if out in sums else sc
        return sorted(((v, k) for k, v in sums.items()), key=_rank)


def _rank(item):
    return (-item[0], item[1])


cdef double _logadd(double a, double b) noexcept:
    cdef double m = a if a > b else b
    return m + log(exp(a - m) + exp(b - m))


def _zeros(Py_ssize_t n):
    from array import array

    return array("d", bytes(8 * n))


def _ints(Py_ssize_t n):
    from array import array

    return array("i", bytes(4 * n))
