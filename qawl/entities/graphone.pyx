# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""The graphone model's beam search, compiled: ``latin.Model.nbest`` for words met for the
first time, which took a fifth of the whole analysis in pure Python (0.75 ms a name word).

The back-off n-gram model becomes an automaton at load time: a node for each n-gram (and
each prefix of one), a child link from a node to the node one unit longer, and a suffix
link to the node of its longest shorter suffix. A decoder step, the score of a unit after
a model state and the state it leads to, is then a few integer hash look-ups instead of
tuple slicing, and the last steps taken are remembered in a direct-mapped cache. The
hypotheses are C structs linked to the ones they extend, spelled out only at the end; the
search keeps the order of hypotheses of the Python version it replaced (the best first,
equals in the order they came), so that ties break the same way and the spellings found
are the same.

The Latin lexicon that readings may be kept to is a trie (``Lexicon``): a reading kept to it
carries its node, one letter more is one bit test and one count of bits, and a reading that
leaves the lexicon's words is dropped at once; no string is made for a reading not kept.
"""

from libc.math cimport exp, log
from libc.stdint cimport int64_t, uint16_t, uint64_t
from libcpp.algorithm cimport sort
from libcpp.utility cimport pair
from libcpp.vector cimport vector
from libcpp.unordered_map cimport unordered_map

cdef extern from *:
    int popcount "__builtin_popcountll"(unsigned long long) nogil

cdef struct Hyp:
    double score
    int state
    int node
    int parent
    int unit

cdef struct Step:  # a remembered decoder step, its three parts side by side: one memory read
    int64_t key  # state * units + unit; -1: empty
    double score
    int state

cdef struct Child:  # an automaton link, node * units + unit -> the node one unit longer
    int64_t key  # -1: empty
    int node

cdef enum:
    STEP_CACHE_BITS = 18
    STEP_CACHE = 1 << STEP_CACHE_BITS  # steps remembered (6 MB)
    NO_WORD = 0xFFFF  # a node that ends no word of the lexicon


cdef class Lexicon:
    """Latin words with their Zipf frequencies, as a trie: each node has a bit for each letter
    that can follow and its children side by side in letter order, so that a child is found
    by counting the bits below its letter's. A mapping of word -> frequency, read only."""

    cdef vector[uint64_t] _mask
    cdef vector[int] _first  # a node's first child
    cdef vector[uint16_t] _value  # index into _values, or NO_WORD
    cdef list _values
    cdef dict _letter  # letter -> bit
    cdef Py_ssize_t _size

    def __init__(self, words: dict) -> None:
        ordered = sorted(words)
        letters = sorted({c for w in ordered for c in w})
        if len(letters) > 64:
            raise ValueError(f"a lexicon of {len(letters)} letters: 64 at most")
        self._letter = {c: k for k, c in enumerate(letters)}
        self._size = len(ordered)
        self._values = []
        index: dict = {}
        # Breadth first, so that the children of a node are made one after the other: a node
        # is the words of ordered[lo:hi] that share its first `depth` letters.
        cdef vector[int] lo, hi, depth
        cdef Py_ssize_t k = 0, i, j, end, d
        cdef str word
        lo.push_back(0); hi.push_back(len(ordered)); depth.push_back(0)
        while k < <Py_ssize_t>lo.size():
            i, end, d = lo[k], hi[k], depth[k]
            self._mask.push_back(0)
            self._first.push_back(lo.size())
            self._value.push_back(NO_WORD)
            if i < end and len(<str>ordered[i]) == d:  # the word that ends here sorts first
                value = words[ordered[i]]
                if value not in index:
                    if len(self._values) == NO_WORD:
                        raise ValueError("too many distinct frequencies in the lexicon")
                    index[value] = len(self._values)
                    self._values.append(value)
                self._value[k] = index[value]
                i += 1
            while i < end:
                word = ordered[i]
                c = word[d]
                j = i + 1
                while j < end and (<str>ordered[j])[d] == c:
                    j += 1
                self._mask[k] |= (<uint64_t>1) << <int>self._letter[c]
                lo.push_back(i); hi.push_back(j); depth.push_back(d + 1)
                i = j
            k += 1

    cdef inline int child(self, int node, int bit) noexcept:
        """The node one letter (by its bit) below ``node``, or -1."""
        cdef uint64_t mask = self._mask[node]
        if bit < 0 or not (mask >> bit) & 1:
            return -1
        return self._first[node] + popcount(mask & (((<uint64_t>1) << bit) - 1))

    cdef int walk(self, int node, str letters) noexcept:
        for c in letters:
            if node < 0:
                return -1
            node = self.child(node, self._letter.get(c, -1))
        return node

    cdef inline bint ends_word(self, int node) noexcept:
        return self._value[node] != NO_WORD

    def bits(self, str letters) -> list:
        """Each letter's bit (-1: no word of the lexicon has it)."""
        return [self._letter.get(c, -1) for c in letters]

    def get(self, str word, default=None):
        node = self.walk(0, word) if self._size else -1
        return default if node < 0 or not self.ends_word(node) else self._values[self._value[node]]

    def __contains__(self, word) -> bool:
        return isinstance(word, str) and self.get(word) is not None

    def __len__(self) -> int:
        return self._size

    @property
    def nodes(self) -> int:
        return self._mask.size()


cdef class Decoder:
    cdef unordered_map[int64_t, int] _child  # node * units + unit -> the node one unit longer (while built)
    # the same as an open-addressing table (linear probing): a look-up reads one slot or a
    # few side by side, where a node-based map reads its bucket, then the node
    cdef vector[Child] _children
    cdef uint64_t _child_mask
    cdef vector[double] _logp  # a node's n-gram log probability (when _has_logp)
    cdef vector[double] _backoff  # a node's back-off weight (0.0 when it has none)
    cdef vector[unsigned char] _has_logp
    cdef vector[unsigned char] _has_backoff
    cdef vector[int] _suffix  # the node of the longest shorter suffix that is a node (root: 0)
    cdef vector[int] _depth
    cdef int64_t _units  # units, with the sentence start and end: bos, eos = units - 2, units - 1
    cdef int _max_context  # order - 2: a state is at most order - 1 units long
    cdef double _unknown
    cdef readonly int start
    cdef list _latin
    cdef dict _candidates
    cdef int _max_arabic
    cdef Lexicon _lexicon
    cdef vector[int] _unit_bits  # each unit's Latin letters as the lexicon's bits, one after another
    cdef vector[int] _unit_start  # where each unit's letters start in _unit_bits
    # Steps taken, (state, unit) -> (log p, next state), in a direct-mapped cache: a step is
    # found by one look-up, where working it out takes a dozen (each back-off a hash look-up)
    cdef vector[Step] _steps

    def __init__(
        self,
        logp: dict,
        backoff: dict,
        latin: list,
        candidates: dict,
        int order,
        double unknown,
        int max_arabic,
        Lexicon lexicon,
    ) -> None:
        """``logp`` and ``backoff``: n-gram (a tuple of unit ids) -> value; ``latin``: each
        unit's Latin side; ``candidates``: Arabic letter(s) -> the units tried for them;
        ``lexicon``: the words readings may be kept to."""
        self._units = len(latin) + 2
        self._max_context = order - 2
        self._unknown = unknown
        self._latin = latin
        self._candidates = candidates
        self._max_arabic = max_arabic
        self._lexicon = lexicon
        for lat in latin:
            self._unit_start.push_back(self._unit_bits.size())
            for bit in lexicon.bits(lat):
                self._unit_bits.push_back(bit)
        self._unit_start.push_back(self._unit_bits.size())
        nodes = {(): 0}
        for gram in (*logp, *backoff):
            self._node(nodes, gram)
        size = len(nodes)
        self._logp.assign(size, 0.0)
        self._backoff.assign(size, 0.0)
        self._has_logp.assign(size, 0)
        self._has_backoff.assign(size, 0)
        self._suffix.assign(size, 0)
        self._depth.assign(size, 0)
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
        self._flatten_children()
        self._steps.assign(STEP_CACHE, Step(-1, 0.0, 0))
        self.start = self._state(0, self._units - 2)

    cdef inline double _step(self, int state, int unit, int* after) noexcept:
        """log p(unit | state), and in ``after`` the state it leads to."""
        cdef int64_t key = state * self._units + unit
        cdef Py_ssize_t slot = <Py_ssize_t>(_mixed(key) >> (64 - STEP_CACHE_BITS))
        cdef Step* step = &self._steps[slot]
        if step.key != key:
            step.key = key
            step.score = self.score(state, unit)
            step.state = self._state(state, unit)
        after[0] = step.state
        return step.score

    def _node(self, nodes: dict, gram: tuple) -> int:
        k = nodes.get(gram)
        if k is None:
            last = len(gram) - 1
            parent = self._node(nodes, gram[:last])
            k = nodes[gram] = len(nodes)
            self._child[parent * self._units + gram[last]] = k
        return k

    cdef void _flatten_children(self):
        """The children built in ``_child`` moved to ``_children``, at most half full."""
        cdef uint64_t size = 16, slot
        while size < 2 * self._child.size():
            size *= 2
        self._child_mask = size - 1
        self._children.assign(size, Child(-1, -1))
        for item in self._child:
            slot = _slot(item.first) & self._child_mask
            while self._children[slot].key != -1:
                slot = (slot + 1) & self._child_mask
            self._children[slot] = Child(item.first, item.second)
        self._child.clear()

    cdef inline int _next(self, int node, int unit) noexcept:
        cdef int64_t key = node * self._units + unit
        cdef uint64_t slot = _slot(key) & self._child_mask
        cdef Child* child
        while True:
            child = &self._children[slot]
            if child.key == key:
                return child.node
            if child.key == -1:
                return -1
            slot = (slot + 1) & self._child_mask

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

    cdef inline int _spell(self, int node, int unit) noexcept:
        """The lexicon's node after ``unit``'s Latin letters, or -1 where no word goes on so."""
        cdef int j
        for j in range(self._unit_start[unit], self._unit_start[unit + 1]):
            node = self._lexicon.child(node, self._unit_bits[j])
            if node < 0:
                return -1
        return node

    def nbest(self, str letters, int beam, bint in_lexicon) -> list:
        """Spellings of a word's letters with their log probabilities summed over the
        segmentations the beam kept, best first; with ``in_lexicon`` only words of the lexicon."""
        cdef Py_ssize_t n = len(letters), i, h, o, kept, da
        cdef vector[Hyp] hyps  # every hypothesis of this word; a stack holds their numbers
        cdef vector[vector[int]] stacks  # each position's hypotheses, in the order first made
        cdef vector[vector[int]] keys  # each position's hypotheses' keys, as its stack orders them
        cdef vector[pair[double, int]] ranked
        cdef vector[int] going
        cdef Hyp hyp, new
        cdef int t, key, state, node
        cdef double sc
        if not n or (in_lexicon and not len(self._lexicon)):
            return []
        stacks.resize(n + 1)
        keys.resize(n + 1)
        # A hypothesis: log p, model state, lexicon node, the one it extends and the unit added
        # (-1: none). Each position keeps the best for each state (for each spelling, i.e.
        # lexicon node, when it must stay the start of a word of the lexicon).
        hyps.push_back(Hyp(0.0, self.start, 0 if in_lexicon else -1, -1, -1))
        stacks[0].push_back(0)
        for i in range(n):
            if stacks[i].empty():
                continue
            going.clear()
            if <Py_ssize_t>stacks[i].size() > beam:  # the best, ties in the order they came
                ranked.clear()
                for o in range(<Py_ssize_t>stacks[i].size()):
                    ranked.push_back(pair[double, int](-hyps[stacks[i][o]].score, o))
                sort(ranked.begin(), ranked.end())
                for o in range(beam):
                    going.push_back(stacks[i][ranked[o].second])
            else:
                going = stacks[i]
            for da in range(1, self._max_arabic + 1):
                if i + da > n:
                    break
                options = self._candidates.get(letters[i : i + da])
                if not options:
                    if da == 1:  # a letter the model never saw: skipped
                        for h in going:
                            hyp = hyps[h]
                            self._offer(hyps, stacks[i + 1], keys[i + 1], hyp.node if in_lexicon else hyp.state,
                                        Hyp(hyp.score + self._unknown, hyp.state, hyp.node, h, -1))
                    continue
                for h in going:
                    hyp = hyps[h]
                    for t in options:
                        if in_lexicon:
                            node = self._spell(hyp.node, t)
                            if node >= 0:
                                sc = hyp.score + self._step(hyp.state, t, &state)
                                self._offer(hyps, stacks[i + da], keys[i + da], node, Hyp(sc, state, node, h, t))
                        else:
                            sc = hyp.score + self._step(hyp.state, t, &state)
                            self._offer(hyps, stacks[i + da], keys[i + da], state, Hyp(sc, state, -1, h, t))
        sums = {}
        eos = self._units - 1
        for h in stacks[n]:
            hyp = hyps[h]
            if in_lexicon and not self._lexicon.ends_word(hyp.node):
                continue
            out = self._spelled(hyps, h)
            sc = hyp.score + self._step(hyp.state, eos, &state)
            sums[out] = _logadd(sums[out], sc) if out in sums else sc
        return sorted(((v, k) for k, v in sums.items()), key=_rank)

    cdef inline void _offer(
        self, vector[Hyp]& hyps, vector[int]& stack, vector[int]& keys, int key, Hyp hyp
    ) noexcept:
        """Keep ``hyp`` at its position unless one with the same key scores as well or better
        (a position holds a few dozen: a scan of their keys beats a hash map's allocations)."""
        cdef Py_ssize_t o
        for o in range(<Py_ssize_t>keys.size()):
            if keys[o] == key:
                if hyp.score > hyps[stack[o]].score:
                    hyps[stack[o]] = hyp
                return
        keys.push_back(key)
        stack.push_back(hyps.size())
        hyps.push_back(hyp)

    cdef str _spelled(self, vector[Hyp]& hyps, int h):
        """The Latin letters of hypothesis ``h``: its units' Latin sides, first to last."""
        parts = []
        while h >= 0:
            if hyps[h].unit >= 0:
                parts.append(self._latin[hyps[h].unit])
            h = hyps[h].parent
        return "".join(reversed(parts))


cdef inline uint64_t _mixed(int64_t key) noexcept:
    """A key's bits mixed (Fibonacci hashing: the key times 2 ** 64 / φ), for the step memory's
    slots (the top bits) and the children's table's (bits from the middle, masked)."""
    return <uint64_t>key * 0x9E3779B97F4A7C15ULL


cdef inline uint64_t _slot(int64_t key) noexcept:
    return _mixed(key) >> 20


def _rank(item):
    return (-item[0], item[1])


cdef double _logadd(double a, double b) noexcept:
    cdef double m = a if a > b else b
    return m + log(exp(a - m) + exp(b - m))
