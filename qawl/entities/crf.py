"""The entity tagger's CRF compiled for speed: the same scores as python-crfsuite, summed as
cached vectors instead of rebuilt as strings for every token.

A linear-chain CRF scores a token's label as the sum of the weights of its features. Those
features come in pieces (``features.py``): what the word itself lends, what each neighbour
lends at its offset, the gazetteer marks, the sentence's edges and the word pairs. News
repeats its vocabulary, so each piece's score vector (one weight per label) is computed once
per word and remembered (a new word's features found by number, ``feature_ids.py``); an
article's scores are then a handful of array additions over its words' numbers, and the best
labels come from the compiled Viterbi search (viterbi.pyx), one call for all of its sentences.
Results equal crfsuite's own tagging (tests/test_entities_crf.py checks it on real text).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import chain
from typing import overload

import numpy as np
import pycrfsuite

from qawl.entities.crf_sums import count_sentences, label_scores
from qawl.entities.feature_ids import OFFSETS, FeatureIds
from qawl.entities.features import (
    Resources,
    analyse,
    both_marks,
    edge_feature,
    mark_features,
    stem_head,
)
from qawl.entities.viterbi import viterbi

MAX_CACHED = 1 << 19  # remembered score vectors (38 MB, 100,000 words): bounded over an endless stream
# When they are all taken, the words met again since their vectors were made keep them, at most
# this share of the room (the most met first); the rest, most of them words met once, are
# forgotten. Clearing them all instead made ANT's articles 4,000-8,000 13% slower than never
# clearing: the memory filled every 1,300 articles, and every frequent word was new again.
# A kept word's count is halved, not cleared, so that a word news uses steadily survives a
# stretch without it: over the whole of ANT, 339,455 words' rows made instead of 352,959
# (232,279 distinct); a share of 0.35 or 0.75 made 374,396 and 354,417.
KEPT_SHARE = 0.5
MOVED_AT_ONCE = 4096  # words whose rows a clean-up moves in one copy (a few MB at most)
# What is kept by word number, with its empty value: the first of the word's STEP rows, the
# sentences it was in (halved at each clean-up), the stamp of the last sentence it was counted
# in (``crf_sums.count_sentences``), whether its head and its stem's head differ,
# the number of its folded form among the pair features' words (-1: in none), whether its
# head and its stem's head can begin a gazetteer entry of several words, and the numbers of
# its gazetteer marks as a one-word entry (0: none): by its head, by its stem's head, and both
# together, as in a sentence where some token's stem head differs from its head
PER_WORD = {
    "_first": (np.intp, 0),
    "_met": (np.int64, 0),
    "_seen": (np.int64, -1),
    "_split": (bool, False),
    "_norm": (np.int64, -1),
    "_multi_head": (bool, False),
    "_multi_stem": (bool, False),
    "_marks_head": (np.intp, 0),
    "_marks_stem": (np.intp, 0),
    "_marks_split": (np.intp, 0),
}
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
        # A word pair feature (w-1w=left|right, ww+1=left|right) by the numbers of its two
        # folded words among the pairs' words: code = left << 32 | right, sorted for a search. A
        # pair whose words hold "|" is entered at every split, as its name alone cannot tell.
        self._pair_word: dict[str, int] = {}
        codes: dict[bool, list[tuple[int, int]]] = {True: [], False: []}
        number = self._pair_word.setdefault
        for name, k in self._attribute.items():
            if name.startswith(("w-1w=", "ww+1=")):
                joined = name[5:]
                for i, c in enumerate(joined):
                    if c == "|":
                        left = number(joined[:i], len(self._pair_word))
                        right = number(joined[i + 1 :], len(self._pair_word))
                        codes[name[1] == "-"].append((left << 32 | right, k))
        self._pairs = {}  # of the right word (True) or of the left (False) -> (sorted codes, ids)
        for of_right, found in codes.items():
            found.sort()
            self._pairs[of_right] = (
                np.array([c for c, _ in found], dtype=np.int64),
                np.array([k for _, k in found], dtype=np.intp),
            )
        self._res = res
        self._ids = FeatureIds(self._attribute, res)
        # a token's gazetteer marks (B-L, "B-L B-O" ...) by number, kept across clean-ups: a
        # few dozen combinations
        self._mark_number: dict[str, int] = {"": 0}
        self._mark_names = [""]
        self._stamp = 0  # the next sentence's (count_sentences): it only grows, across clean-ups
        # All the room at once: the pages are taken from the system as rows are written, and a
        # clean-up moves the kept rows within it, so the memory never holds two copies
        # (doubling and copying to a new array at each clean-up did, for a moment).
        self._vectors = np.zeros((MAX_CACHED, len(self.labels)))  # row 0: nothing, never written
        self._reset()

    def _reset(self) -> None:
        self._words: dict[str, int] = {}  # word -> its number, in the order words came
        for name, (dtype, empty) in PER_WORD.items():  # arrays by word number
            setattr(self, name, np.full(1024, empty, dtype=dtype))
        self._word_of: list[str] = []  # by word number: the word (its heads are made again where read)
        self._marks: dict[tuple[str, int], int] = {}  # (gazetteer marks, offset) -> row
        # by marks number: their rows as a token's own and lent at -1 and 1 (-1: not made yet)
        self._mark_rows = np.full((len(self._mark_number), 3), -1, dtype=np.intp)
        self._mark_rows[0] = 0
        self._used = 1  # rows from here on are free (a clean-up keeps the array: see __init__)
        self._edges = self._add([edge_feature(-1)]), self._add([edge_feature(1)])

    def _make_room(self) -> None:
        """Forget the vectors of words met in fewer than two sentences, their counts halved at
        each clean-up (see KEPT_SHARE)."""
        met = self._met[: len(self._words)]
        again = np.flatnonzero(met > 1)  # in the order they came
        most = int(MAX_CACHED * KEPT_SHARE) // STEP
        if len(again) > most:
            again = np.sort(again[np.argsort(-met[again], kind="stable")[:most]])
        kept = again.tolist()
        words = self._word_of
        firsts = self._first[again]
        per_word = {name: getattr(self, name)[again] for name in PER_WORD}
        self._reset()  # the edge rows first, as always
        first = self._used
        # The kept rows move down within the array, in the order they were made (a word's rows
        # never move up), a few thousand words at a time: no copy of them all at once.
        for k in range(0, len(kept), MOVED_AT_ONCE):
            source = (firsts[k : k + MOVED_AT_ONCE, None] + np.arange(STEP)).reshape(-1)
            self._vectors[first + STEP * k : first + STEP * k + len(source)] = self._vectors[source]
        self._used = first + STEP * len(kept)
        self._number(len(kept))
        for name, values in per_word.items():
            getattr(self, name)[: len(kept)] = values
        self._met[: len(kept)] //= 2
        self._first[: len(kept)] = first + STEP * np.arange(len(kept))
        self._word_of = [words[k] for k in kept]
        self._words = {word: i for i, word in enumerate(self._word_of)}

    def _number(self, n: int) -> None:
        """Room in the per-word arrays for ``n`` words in all (they double as often as needed)."""
        while n > len(self._first):
            for name, (dtype, empty) in PER_WORD.items():
                old = getattr(self, name)
                setattr(self, name, np.concatenate([old, np.full(len(old), empty, dtype=dtype)]))

    def _add(self, features: Sequence[str]) -> int:
        """A new row: the summed weights of ``features``."""
        return self._add_all([features])[0]

    def _reserve(self, n: int) -> None:
        """Room for ``n`` more rows (the array doubles as often as needed)."""
        while self._used + n > len(self._vectors):
            self._vectors = np.concatenate([self._vectors, np.zeros_like(self._vectors)])

    def _add_all(self, rows: Sequence[Sequence[str]]) -> list[int]:
        """New rows, each the summed weights of its features, in one array operation."""
        attribute = self._attribute.get
        return self._add_ids([[attribute(f, 0) for f in features] for features in rows])

    def _add_ids(self, rows: Sequence[Sequence[int]]) -> list[int]:
        """New rows, each the summed weights of its features (by number, 0: unknown)."""
        self._reserve(len(rows))
        ids = [0]  # each row's sum starts with the zero row, so no row is empty
        starts = []
        for features in rows:
            starts.append(len(ids) - 1)
            ids += features
            ids.append(0)
        first = self._used
        self._vectors[first : first + len(rows)] = np.add.reduceat(self._weights[ids[:-1]], starts, axis=0)
        self._used += len(rows)
        return list(range(first, first + len(rows)))

    def _word_rows(self, words: Sequence[str]) -> None:
        """Rows for words not seen before: their own features, then what they lend at OFFSETS
        (the unknown ones left out: their weights are zero); and what the article's search
        needs of them (gazetteer, pair word)."""
        res, rows = self._res, []
        for word in words:
            rows += self._ids.rows(word)
        first = self._add_ids(rows)[0]
        k = len(self._words)
        self._number(k + len(words))
        self._first[k : k + len(words)] = first + STEP * np.arange(len(words))
        gaz, pair_word = res.gazetteer, self._pair_word
        firsts, reach = gaz.firsts, gaz.reach
        for i, word in enumerate(words, start=k):
            norm, _, _, _, hd = analyse(word)
            sh = stem_head(word)
            self._split[i] = sh != hd
            self._norm[i] = pair_word.get(norm, -1)
            self._multi_head[i], self._multi_stem[i] = reach.get(hd, 0) > 1, reach.get(sh, 0) > 1
            if hd in firsts or sh in firsts:
                alone_head, alone_stem = gaz.found([hd], [0]).get(0, ""), gaz.found([sh], [0]).get(0, "")
                self._marks_head[i] = self._marks_numbered(alone_head)
                self._marks_stem[i] = self._marks_numbered(alone_stem)
                self._marks_split[i] = self._marks_numbered(both_marks(alone_head, alone_stem))
            self._word_of.append(word)
            self._words[word] = i

    def _marks_numbered(self, marks: str) -> int:
        number = self._mark_number.get(marks)
        if number is None:
            number = self._mark_number[marks] = len(self._mark_number)
            self._mark_names.append(marks)
            more = np.full((1, 3), -1, dtype=np.intp)
            self._mark_rows = np.concatenate([self._mark_rows, more])
        return number

    def _mark_row(self, marks: str, d: int) -> int:
        if not marks:
            return 0
        row = self._marks.get((marks, d))
        if row is None:
            row = self._marks[marks, d] = self._add(mark_features(marks, d))
        return row

    def scores(self, sentences: Sequence[Sequence[str]]) -> np.ndarray:
        """Each token's score for each label (tokens × labels), the tokens of an article's
        sentences (none empty) one after another, summed for all the sentences at once in C
        (``crf_sums.label_scores``), a neighbour in another sentence lending the zero row."""
        words = list(chain.from_iterable(sentences))
        n = len(words)
        if self._used + 8 * n + 8 > MAX_CACHED:  # never while an article's rows are in use
            self._make_room()
        known = self._words
        numbers = list(map(known.get, words))  # one look-up a token: the table is large
        if None in numbers:
            new = [w for w, k in zip(words, numbers, strict=True) if k is None]
            self._word_rows(list(dict.fromkeys(new)))  # numbered in the order they came
            numbers = [known[w] if k is None else k for w, k in zip(words, numbers, strict=True)]
        ids = np.array(numbers, dtype=np.intp)
        lengths = np.fromiter(map(len, sentences), dtype=np.intp, count=len(sentences))
        self._stamp = count_sentences(ids, lengths, self._met, self._seen, self._stamp)
        (right_codes, right_features), (left_codes, left_features) = self._pairs[True], self._pairs[False]
        return label_scores(
            self._vectors,
            self._first,
            OFFSETS,
            ids,
            lengths,
            *self._edges,
            self._marks_of(ids, lengths),
            self._norm,
            right_codes,
            right_features,
            left_codes,
            left_features,
            self._weights,
        )

    def _marks_of(self, ids: np.ndarray, lengths: np.ndarray) -> np.ndarray | None:
        """Each token's rows of gazetteer marks (its own, lent at -1 and at 1; None where no
        token has any), found as ``gazetteer_marks`` finds them sentence by sentence: each
        token's marks are its word's as an entry of one word, remembered by word, but where an
        entry of several words is found (searched for only from the few words that can begin
        one)."""
        sentence = np.repeat(np.arange(len(lengths)), lengths)
        split = np.zeros(len(lengths), dtype=bool)
        split[sentence[self._split[ids]]] = True  # sentences where a stem's head is not its word's
        split_at = split[sentence]  # and there the stem's marks count too
        numbers = np.where(split_at, self._marks_split[ids], self._marks_head[ids])
        at_head = np.flatnonzero(self._multi_head[ids]).tolist()
        at_stem = np.flatnonzero(self._multi_stem[ids] & split_at).tolist()
        if at_head or at_stem:
            ends = np.cumsum(lengths)[sentence]
            self._longer_marks(numbers, ids, ends, split_at, at_head, at_stem)
        elif not numbers.any():
            return None  # no word of the article begins an entry
        made = self._mark_rows
        missing = (made[numbers] < 0).any(axis=1)
        if missing.any():  # the rows of marks not met since the last clean-up
            for k in np.unique(numbers[missing]).tolist():
                made[k] = [self._mark_row(self._mark_names[k], d) for d in (0, -1, 1)]
        return made[numbers]

    def _longer_marks(
        self,
        numbers: np.ndarray,
        ids: np.ndarray,
        ends: np.ndarray,
        split_at: np.ndarray,
        at_head: list[int],
        at_stem: list[int],
    ) -> None:
        """Set in ``numbers`` the marks of the tokens where entries of several words lie, the
        longest beginning at ``at_head`` (by the words' heads) and ``at_stem`` (by their stems'
        heads), each within its sentence (before ``ends``)."""
        words, stop = ids.tolist(), ends.tolist()
        gazetteer = self._res.gazetteer
        by_head: dict[int, str] = {}
        by_stem: dict[int, str] = {}
        if at_head:
            by_head = gazetteer.found(_Keyed(self._word_of, words, _head), at_head, stop, least=2)
        if at_stem:
            by_stem = gazetteer.found(_Keyed(self._word_of, words, stem_head), at_stem, stop, least=2)
        names, heads, stems = self._mark_names, self._marks_head, self._marks_stem
        for i in by_head.keys() | by_stem.keys():
            w = words[i]
            head_marks = by_head.get(i) or names[heads[w]]
            stem_marks = (by_stem.get(i) or names[stems[w]]) if split_at[i] else ""
            numbers[i] = self._marks_numbered(both_marks(head_marks, stem_marks))

    def tag(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """The best labels of each sentence's tokens."""
        tagged = [s for s in sentences if s]
        if not tagged:
            return [[] for _ in sentences]
        paths = iter(viterbi(self.scores(tagged), [len(s) for s in tagged], self._transitions))
        return [[self.labels[k] for k in next(paths)] if s else [] for s in sentences]


class _Keyed(Sequence[str]):
    """The keys (``key`` of each word) of a list of word numbers (``word_of``: number -> word),
    made where they are read: a search from a few words of an article reads a few of its 300."""

    __slots__ = ("_key", "_word_of", "_words")

    def __init__(self, word_of: list[str], words: list[int], key: Callable[[str], str]) -> None:
        self._word_of, self._words, self._key = word_of, words, key

    def __len__(self) -> int:
        return len(self._words)

    @overload
    def __getitem__(self, i: int) -> str: ...
    @overload
    def __getitem__(self, i: slice) -> list[str]: ...
    def __getitem__(self, i: int | slice) -> str | list[str]:
        key, word_of = self._key, self._word_of
        if isinstance(i, slice):
            return [key(word_of[w]) for w in self._words[i]]
        return key(word_of[self._words[i]])


def _head(word: str) -> str:
    """A word's head (the gazetteer's key), as the features make it (remembered there)."""
    return analyse(word)[4]
