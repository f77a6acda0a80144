"""The compiled CRF tags exactly as python-crfsuite does with the same model, and its Viterbi
search finds the best path."""

from itertools import pairwise, product

import numpy as np
import pytest
from store_data import dev_articles

from qawl.doc import Doc
from qawl.entities import crf
from qawl.entities.crf import CompiledCRF
from qawl.entities.features import sentence_features
from qawl.entities.tagger import Tagger
from qawl.entities.viterbi import viterbi


def _dev_sentences(n: int) -> list[list[str]]:
    out = []
    for article in dev_articles(n):
        doc = Doc.from_text(article.text)
        out += [[t.text for t in doc.tokens[a:b]] for a, b in doc.sentences if a < b]
    return out


def test_compiled_tags_equal_crfsuite_on_dev_sentences() -> None:
    tagger = Tagger.load()
    sentences = _dev_sentences(12)
    compiled = CompiledCRF(tagger._model, tagger.resources)
    expected = [tagger._model.tag(sentence_features(s, tagger.resources)) for s in sentences]
    assert sum(map(len, sentences)) > 5000
    assert compiled.tag(sentences) == expected  # all at once, as an article's sentences are
    assert [compiled.tag([s])[0] for s in sentences[:40]] == expected[:40]  # one by one, cached


def test_compiled_tags_survive_a_cache_reset() -> None:
    tagger = Tagger.load()
    sentences = _dev_sentences(3)
    compiled = CompiledCRF(tagger._model, tagger.resources)
    first = compiled.tag(sentences)
    compiled._reset()
    assert compiled.tag(sentences[::-1]) == first[::-1]


def test_a_clean_up_keeps_the_words_met_again_with_their_vectors() -> None:
    tagger = Tagger.load()
    sentences = _dev_sentences(3)
    compiled = CompiledCRF(tagger._model, tagger.resources)
    first = compiled.tag(sentences)
    before = {w: compiled._vectors[k : k + crf.STEP].copy() for w, k in compiled._words.items()}
    met = dict(compiled._met)
    compiled._make_room()
    kept = set(compiled._words)
    assert kept == {w for w, n in met.items() if n > 1}
    assert 0 < len(kept) < len(before)  # frequent words stay, words met once go
    assert all((compiled._vectors[k : k + crf.STEP] == before[w]).all() for w, k in compiled._words.items())
    assert compiled.tag(sentences[::-1]) == first[::-1]


def test_a_clean_up_keeps_at_most_a_share_of_the_room_the_most_met_first(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    tagger = Tagger.load()
    sentences = _dev_sentences(3)
    compiled = CompiledCRF(tagger._model, tagger.resources)
    first = compiled.tag(sentences)
    met = dict(compiled._met)
    monkeypatch.setattr(crf, "MAX_CACHED", 200)
    compiled._make_room()
    kept = set(compiled._words)
    most = int(200 * crf.KEPT_SHARE) // (1 + len(crf.OFFSETS))
    assert len(kept) == most
    assert min(met[w] for w in kept) >= max(n for w, n in met.items() if w not in kept)
    monkeypatch.undo()
    assert compiled.tag(sentences) == first


def _best_by_brute_force(scores: np.ndarray, transitions: np.ndarray) -> list[int]:
    labels = range(transitions.shape[0])

    def total(path: tuple[int, ...]) -> float:
        return sum(scores[i, k] for i, k in enumerate(path)) + sum(
            transitions[a, b] for a, b in pairwise(path)
        )

    return list(max(product(labels, repeat=len(scores)), key=total))


def test_viterbi_finds_the_best_path_of_sentences_of_any_length() -> None:
    rng = np.random.default_rng(7)
    transitions = rng.normal(size=(4, 4))
    batch = [rng.normal(size=(n, 4)) for n in (1, 5, 2, 4, 3, 5)]
    found = viterbi(np.concatenate(batch), [len(s) for s in batch], transitions)
    assert found == [_best_by_brute_force(s, transitions) for s in batch]


def test_viterbi_refuses_lengths_that_do_not_fit_the_scores() -> None:
    scores, transitions = np.zeros((5, 3)), np.zeros((3, 3))
    for lengths in ([2, 4], [0, 5], [-1, 6]):
        with pytest.raises(ValueError, match="lengths"):
            viterbi(scores, lengths, transitions)
    with pytest.raises(ValueError, match="label scores"):
        viterbi(np.zeros((5, 4)), [5], transitions)
