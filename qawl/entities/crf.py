"""The entity tagger's CRF compiled for speed: the same scores as python-crfsuite, summed as
cached vectors instead of rebuilt as strings for every token.

A linear-chain CRF scores a token's label as the sum of the weights of its features. Those
features come in pieces (``features.py``): what the word itself lends, what each neighbour
lends at its offset, the gazetteer marks, the sentence's edges and the word pairs. News
repeats its vocabulary, so each piece's score vector (one weight per label) is computed once
per word and remembered; a sentence's scores are then a handful of array additions, and the
best labels come from the compiled Viterbi search (viterbi.pyx), one call for all of an article's sentences.
Results equal crfsuite's own tagging (tests/test_entities_crf.py checks it on real text).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from itertools import pairwise, repeat

import numpy as np
import pycrfsuite

from qawl.entities.features import (
    Resources,
    analyse,
    edge_feature,
    gazetteer_marks,
    mark_features,
    near_features,
    word_features,
)
from qawl.entities.viterbi import viterbi

MAX_CACHED = 1 << 19  # remembered score vectors (38 MB, 100,000 words): bounded over an endless stream
# When they are all taken, the words met again since their vectors were made keep them, at most
# this share of the room (the most met first); the rest, most of them words met once, are
# forgotten. Clearing them all instead made ANT's articles 4,000-8,000 13% slower than never
# clearing: the memory filled every 1,300 articles, and every frequent word was new again.
KEPT_SHARE = 0.5
OFFSETS = (-2, -1, 1, 2)
STEP = 1 + len(OFFSETS)  # a word's rows, one after the other: its own, then what it lends at OFFSETS


class CompiledCRF:
    """A crfsuite model's weights as arrays, and the score vectors of words seen so far."""

    def __init__(self, model: pycrfsuite.Tagger, res: Resources) -> None:
        dump = model.info()
        self.labels = sorted(dump.labels, key=lambda label: int(dump.labels[label]))
        label_id = {label: k for k, label in enumerate(self.labels)}
        self._attribute = {name: k + 1 for k, name in enumerate(dump.attributes)}  # 0: unknown
        self._weights = np.zeros((len(self._attribute) + 1, len(self.labels)))
        for (name, label), weight in dump.state_features.items():
            self._weights[self._attribute[name], label_id[label]] = weight
        self._transitions = np.zeros((len(self.labels), len(self.labels)))
        for (before, after), weight in dump.transitions.items():
            self._transitions[label_id[before], label_id[after]] = weight
        # (left, right) -> the id of the pair's feature as the right word's and as the left's; a
        # pair whose words hold "|" is entered at every split, as its name alone cannot tell
        self._pair_of_right: dict[tuple[str, str], int] = {}
        self._pair_of_left: dict[tuple[str, str], int] = {}
        for name, k in self._attribute.items():
            if name.startswith(("w-1w=", "ww+1=")):
                pairs = self._pair_of_right if name[1] == "-" else self._pair_of_left
                joined = name[5:]
                for i, c in enumerate(joined):
                    if c == "|":
                        pairs[joined[:i], joined[i + 1 :]] = k
        self._res = res
        self._reset()

    def _reset(self) -> None:
        self._words: dict[str, int] = {}  # word -> the first of its STEP rows
        self._met: Counter[str] = Counter()  # word -> sentences it was in since the last clean-up
        self._marks: dict[tuple[str, int], int] = {}  # (gazetteer marks, offset) -> row
        self._vectors = np.zeros((1024, len(self.labels)))  # row 0: nothing
        self._used = 1
        self._edges = self._add([edge_feature(-1)]), self._add([edge_feature(1)])

    def _make_room(self) -> None:
        """Forget the vectors of words not met again since they were made (see KEPT_SHARE)."""
        again = [w for w in self._words if self._met[w] > 1]  # in the order they came
        most = int(MAX_CACHED * KEPT_SHARE) // STEP
        if len(again) > most:
            again = sorted(again, key=self._met.__getitem__, reverse=True)[:most]
        firsts = np.array([self._words[w] for w in again], dtype=np.intp)
        rows = (firsts[:, None] + np.arange(STEP)).reshape(-1)
        old = self._vectors
        self._reset()  # the edge rows first, as always
        first = self._used
        self._reserve(len(rows))
        self._vectors[first : first + len(rows)] = old[rows]
        self._used = first + len(rows)
        self._words = {w: first + k * STEP for k, w in enumerate(again)}

    def _add(self, features: Sequence[str]) -> int:
        """A new row: the summed weights of ``features``."""
        return self._add_all([features])[0]

    def _reserve(self, n: int) -> None:
        """Room for ``n`` more rows (the array doubles as often as needed)."""
        while self._used + n > len(self._vectors):
            self._vectors = np.concatenate([self._vectors, np.zeros_like(self._vectors)])

    def _add_all(self, rows: Sequence[Sequence[str]]) -> list[int]:
        """New rows, each the summed weights of its features, in one array operation."""
        self._reserve(len(rows))
        attribute = self._attribute.get
        ids = [0]  # each row's sum starts with the zero row, so no row is empty
        starts = []
        for features in rows:
            starts.append(len(ids) - 1)
            ids += [attribute(f, 0) for f in features]
            ids.append(0)
        first = self._used
        self._vectors[first : first + len(rows)] = np.add.reduceat(self._weights[ids[:-1]], starts, axis=0)
        self._used += len(rows)
        return list(range(first, first + len(rows)))

    def _word_rows(self, words: Sequence[str]) -> None:
        """Rows for words not seen before: their own features, then what they lend at OFFSETS."""
        res, features = self._res, []
        for word in words:
            front, back = word_features(word, res)
            features += [[*front, *back], *(near_features(word, d, res) for d in OFFSETS)]
        first = self._add_all(features)[0]
        for k, word in enumerate(words):
            self._words[word] = first + k * STEP

    def _mark_row(self, marks: str, d: int) -> int:
        if not marks:
            return 0
        row = self._marks.get((marks, d))
        if row is None:
            row = self._marks[marks, d] = self._add(mark_features(marks, d))
        return row

    def scores(self, sentences: Sequence[Sequence[str]]) -> np.ndarray:
        """Each token's score for each label (tokens × labels), the tokens of an article's
        sentences (none empty) one after another. They are summed for all the sentences at
        once, a neighbour in another sentence lending the zero row: the same additions, in the
        same order, as one sentence at a time, with a few array operations an article instead
        of a sentence."""
        words = [w for s in sentences for w in s]
        n = len(words)
        if self._used + 8 * n + 8 > MAX_CACHED:  # never while an article's rows are in use
            self._make_room()
        for s in sentences:
            self._met.update(set(s))  # sentences, not tokens
        known = self._words
        new = [w for w in dict.fromkeys(words) if w not in known]
        if new:
            self._word_rows(new)
        lengths = np.array([len(s) for s in sentences])
        ends = np.cumsum(lengths)
        starts = ends - lengths
        sentence = np.repeat(np.arange(len(sentences)), lengths)
        firsts = np.fromiter(map(known.__getitem__, words), dtype=np.intp, count=n)
        v = self._vectors
        out = v[firsts]
        for col, d in enumerate(OFFSETS, start=1):  # what the word d away lends
            out += v[_lent(firsts + col, d, sentence)]
        out[starts] += v[self._edges[0]]
        out[ends - 1] += v[self._edges[1]]
        marks = [m for s in sentences for m in gazetteer_marks(s, self._res)]
        if any(marks):
            for d in (0, -1, 1):
                at = np.array([self._mark_row(m, d) for m in marks])
                v = self._vectors
                out += v[_lent(at, d, sentence) if d else at]
        if n > 1:
            pairs = list(pairwise([analyse(w)[0] for w in words]))
            across = sentence[1:] != sentence[:-1]  # no pair across sentences
            for to_right, of in ((True, self._pair_of_right), (False, self._pair_of_left)):
                ids = np.fromiter(map(of.get, pairs, repeat(0)), dtype=np.intp, count=n - 1)
                ids[across] = 0
                if to_right:
                    out[1:] += self._weights[ids]
                else:
                    out[:-1] += self._weights[ids]
        return out

    def tag(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """The best labels of each sentence's tokens."""
        tagged = [s for s in sentences if s]
        if not tagged:
            return [[] for _ in sentences]
        paths = iter(viterbi(self.scores(tagged), [len(s) for s in tagged], self._transitions))
        return [[self.labels[k] for k in next(paths)] if s else [] for s in sentences]


def _lent(rows: np.ndarray, d: int, sentence: np.ndarray) -> np.ndarray:
    """For each token, the row of the token ``d`` away (0, the zero row, where that token is
    in another sentence or none)."""
    out = np.zeros_like(rows)
    if d < 0:
        out[-d:] = np.where(sentence[-d:] == sentence[:d], rows[:d], 0)
    else:
        out[:-d] = np.where(sentence[:-d] == sentence[d:], rows[d:], 0)
    return out
