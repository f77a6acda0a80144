"""The compiled sums of the tagger's rows give, to the last bit, the sums of a plain reading
that adds each token's terms in the same order; a word is counted once a sentence."""

from collections import Counter
from itertools import pairwise

import numpy as np
import pytest

from qawl.entities.crf_sums import count_sentences, label_scores

OFFSETS = (-2, -1, 1, 2)
LABELS = 5


def _plain(vectors, first, ids, lengths, edges, marks, norm, pairs, weights, offsets=OFFSETS) -> np.ndarray:
    """Token by token: own row, lent at OFFSETS, edges, marks, the pair with the word before
    (scored on the right word), the pair with the word after (scored on the left)."""
    sentence = np.repeat(np.arange(len(lengths)), lengths)
    n = len(ids)
    out = np.zeros((n, vectors.shape[1]))

    def near(t: int, d: int) -> bool:
        return 0 <= t + d < n and sentence[t + d] == sentence[t]

    for t in range(n):
        out[t] = vectors[first[ids[t]]]
        for col, d in enumerate(offsets, start=1):
            out[t] += vectors[first[ids[t + d]] + col if near(t, d) else 0]
        if not near(t, -1):
            out[t] += vectors[edges[0]]
        if not near(t, 1):
            out[t] += vectors[edges[1]]
        if marks is not None:
            out[t] += vectors[marks[t, 0]]
            out[t] += vectors[marks[t - 1, 1] if near(t, -1) else 0]
            out[t] += vectors[marks[t + 1, 2] if near(t, 1) else 0]
    for on_right in (True, False):
        found = dict(pairs[on_right])
        if not found:
            continue
        for t in range(n - 1):
            left, right = norm[ids[t]], norm[ids[t + 1]]
            feature = found.get((left, right), 0) if left >= 0 and right >= 0 and near(t, 1) else 0
            out[t + 1 if on_right else t] += weights[feature]
    return out


def _case(rng: np.random.Generator, lengths: list[int], with_marks: bool, with_pairs: bool):
    words = 30
    vectors = rng.normal(size=(1 + 5 * words + 12, LABELS))
    vectors[0] = 0  # the zero row
    first = (1 + 5 * rng.permutation(words)).astype(np.intp)
    ids = rng.integers(0, words, size=sum(lengths)).astype(np.intp)
    norm = np.where(rng.random(words) < 0.7, rng.integers(0, 6, size=words), -1).astype(np.int64)
    weights = rng.normal(size=(20, LABELS))
    weights[0] = 0
    pairs: dict[bool, list[tuple[tuple[int, int], int]]] = {True: [], False: []}
    if with_pairs:
        for on_right in (True, False):
            chosen = {(int(a), int(b)) for a, b in rng.integers(0, 6, size=(15, 2))}
            pairs[on_right] = [(p, int(rng.integers(1, 20))) for p in sorted(chosen)]
    marks = rng.integers(0, len(vectors), size=(len(ids), 3)).astype(np.intp) if with_marks else None
    edges = (len(vectors) - 2, len(vectors) - 1)
    return vectors, first, ids, np.array(lengths, dtype=np.intp), edges, marks, norm, pairs, weights


def _codes(pairs: list[tuple[tuple[int, int], int]]) -> tuple[np.ndarray, np.ndarray]:
    return (
        np.array([a << 32 | b for (a, b), _ in pairs], dtype=np.int64),
        np.array([k for _, k in pairs], dtype=np.intp),
    )


@pytest.mark.parametrize("with_marks", [True, False])
@pytest.mark.parametrize("with_pairs", [True, False])
def test_compiled_sums_equal_a_plain_reading_to_the_last_bit(with_marks: bool, with_pairs: bool) -> None:
    rng = np.random.default_rng(3)
    for lengths in ([1], [7], [1, 1, 1], [3, 1, 6, 2, 9], [2, 40, 1, 5]):
        case = _case(rng, lengths, with_marks, with_pairs)
        vectors, first, ids, lens, edges, marks, norm, pairs, weights = case
        right, left = _codes(pairs[True]), _codes(pairs[False])
        found = label_scores(vectors, first, OFFSETS, ids, lens, *edges, marks, norm, *right, *left, weights)
        assert np.array_equal(found, _plain(*case))


@pytest.mark.parametrize("offsets", [(-1, 1), (-3, 2, 1), ()])
def test_the_rows_a_word_lends_follow_the_offsets_given(offsets: tuple[int, ...]) -> None:
    rng = np.random.default_rng(4)
    case = _case(rng, [5, 1, 8, 3], True, True)
    vectors, first, ids, lens, edges, marks, norm, pairs, weights = case
    right, left = _codes(pairs[True]), _codes(pairs[False])
    found = label_scores(vectors, first, offsets, ids, lens, *edges, marks, norm, *right, *left, weights)
    assert np.array_equal(found, _plain(*case, offsets=offsets))
    assert not np.array_equal(found, _plain(*case))  # the default offsets give other sums


def test_compiled_sums_refuse_what_does_not_fit() -> None:
    rng = np.random.default_rng(5)
    vectors, first, ids, lens, edges, marks, norm, pairs, weights = _case(rng, [3, 4], True, True)
    right, left = _codes(pairs[True]), _codes(pairs[False])

    def scores(lengths=lens, ids=ids, marks=marks, weights=weights):
        return label_scores(
            vectors, first, OFFSETS, ids, lengths, *edges, marks, norm, *right, *left, weights
        )

    for lengths, message in (([3, 3], "add up"), ([3, 0, 4], "empty"), ([8], "add up")):
        with pytest.raises(ValueError, match=message):
            scores(lengths=np.array(lengths, dtype=np.intp))
    with pytest.raises(ValueError, match="out of range"):
        scores(ids=np.where(np.arange(len(ids)) == 2, len(first), ids).astype(np.intp))
    with pytest.raises(ValueError, match="three rows"):
        scores(marks=marks[:, :2].copy())
    with pytest.raises(ValueError, match="different labels"):
        scores(weights=np.zeros((20, LABELS + 1)))


def test_a_word_is_counted_once_for_each_sentence_it_is_in() -> None:
    rng = np.random.default_rng(11)
    lengths = [4, 9, 1, 6, 12]
    ids = rng.integers(0, 8, size=sum(lengths)).astype(np.intp)
    met, seen = np.zeros(8, dtype=np.int64), np.full(8, -1, dtype=np.int64)
    stamp = count_sentences(ids, np.array(lengths, dtype=np.intp), met, seen, 0)
    bounds = np.cumsum([0, *lengths])
    expected = Counter(w for a, b in pairwise(bounds) for w in set(ids[a:b].tolist()))
    assert met.tolist() == [expected[w] for w in range(8)]
    assert stamp == len(lengths)
    # the next article's sentences take the next stamps: its words are counted again
    again = count_sentences(ids[:4], np.array([4], dtype=np.intp), met, seen, stamp)
    assert again == stamp + 1
    assert met.tolist() == [expected[w] + (w in set(ids[:4].tolist())) for w in range(8)]
    with pytest.raises(ValueError, match="out of range"):
        count_sentences(np.array([8], dtype=np.intp), np.array([1], dtype=np.intp), met, seen, again)
    with pytest.raises(ValueError, match="fit"):
        count_sentences(ids[:3], np.array([4], dtype=np.intp), met, seen, again)
