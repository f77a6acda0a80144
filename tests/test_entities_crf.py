"""The compiled CRF tags exactly as python-crfsuite does with the same model, and its Viterbi
search finds the best path."""

from itertools import pairwise, product

import numpy as np
import pytest
from store_data import dev_articles

from qawl.doc import Doc
from qawl.entities import crf
from qawl.entities.crf import CompiledCRF
from qawl.entities.features import analyse, sentence_features, stem_head
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
    before = {w: _rows(compiled, w).copy() for w in compiled._words}
    met = _met(compiled)
    compiled._make_room()
    kept = set(compiled._words)
    assert kept == {w for w, n in met.items() if n > 1}
    assert 0 < len(kept) < len(before)  # frequent words stay, words met once go
    assert all((_rows(compiled, w) == before[w]).all() for w in compiled._words)
    assert compiled.tag(sentences[::-1]) == first[::-1]


def test_a_clean_up_moves_the_kept_rows_within_the_same_array(monkeypatch: pytest.MonkeyPatch) -> None:
    """The memory never holds the vectors twice: the kept rows move down in place, a few
    words at a time (here 7, so that many moves overlap the rows still to be moved)."""
    monkeypatch.setattr(crf, "MOVED_AT_ONCE", 7)
    tagger = Tagger.load()
    sentences = _dev_sentences(3)
    compiled = CompiledCRF(tagger._model, tagger.resources)
    first = compiled.tag(sentences)
    before = {w: _rows(compiled, w).copy() for w in compiled._words}
    vectors = compiled._vectors
    compiled._make_room()
    assert compiled._vectors is vectors
    assert len(compiled._words) > 3 * 7
    assert all((_rows(compiled, w) == before[w]).all() for w in compiled._words)
    assert compiled.tag(sentences[::-1]) == first[::-1]


def test_a_clean_up_halves_the_counts_of_the_words_it_keeps() -> None:
    """A word news uses steadily survives a stretch without it: its count is halved, not
    cleared, so a word met four times or more is kept by the next clean-up unmet."""
    tagger = Tagger.load()
    sentences = _dev_sentences(3)
    compiled = CompiledCRF(tagger._model, tagger.resources)
    compiled.tag(sentences)
    met = _met(compiled)
    compiled._make_room()
    assert _met(compiled) == {w: met[w] // 2 for w in compiled._words}
    compiled._make_room()  # nothing met in between
    assert set(compiled._words) == {w for w, n in met.items() if n // 2 > 1}
    assert any(n >= 4 for n in met.values())


def test_a_clean_up_keeps_at_most_a_share_of_the_room_the_most_met_first(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    tagger = Tagger.load()
    sentences = _dev_sentences(3)
    compiled = CompiledCRF(tagger._model, tagger.resources)
    first = compiled.tag(sentences)
    met = _met(compiled)
    monkeypatch.setattr(crf, "MAX_CACHED", 200)
    compiled._make_room()
    kept = set(compiled._words)
    most = int(200 * crf.KEPT_SHARE) // (1 + len(crf.OFFSETS))
    assert len(kept) == most
    assert min(met[w] for w in kept) >= max(n for w, n in met.items() if w not in kept)
    monkeypatch.undo()
    assert compiled.tag(sentences) == first


def _rows(compiled: CompiledCRF, word: str) -> np.ndarray:
    first = compiled._first[compiled._words[word]]
    return compiled._vectors[first : first + crf.STEP]


def _met(compiled: CompiledCRF) -> dict[str, int]:
    """Word -> the sentences it was in (halved at each clean-up)."""
    return {w: int(compiled._met[k]) for w, k in compiled._words.items()}


def test_gazetteer_entries_behind_a_clitic_tag_as_crfsuite_tags_them() -> None:
    """Sentences where an entry is found only by the stems (بحلب, وروسيا): the marks of
    both runs, merged, and none across sentences."""
    tagger = Tagger.load()
    res = tagger.resources
    by_stem = [
        s
        for s in _dev_sentences(40)
        if res.gazetteer.marks([stem_head(w) for w in s]) != res.gazetteer.marks([analyse(w)[4] for w in s])
    ]
    assert len(by_stem) > 20
    compiled = CompiledCRF(tagger._model, res)
    assert compiled.tag(by_stem) == [tagger._model.tag(sentence_features(s, res)) for s in by_stem]
    assert np.allclose(compiled.scores(by_stem), _summed_weights(compiled, by_stem))


def test_scores_are_the_summed_weights_of_each_tokens_features() -> None:
    """Scored together, an article's sentences lend nothing across their edges (no
    neighbour, no word pair, no gazetteer entry)."""
    tagger = Tagger.load()
    sentences = _dev_sentences(4)
    compiled = CompiledCRF(tagger._model, tagger.resources)
    assert np.allclose(compiled.scores(sentences), _summed_weights(compiled, sentences))


def _summed_weights(compiled: CompiledCRF, sentences: list[list[str]]) -> np.ndarray:
    """Per token, the model's weights of its feature strings, added up."""
    attribute = compiled._attribute
    return np.array(
        [
            compiled._weights[[attribute.get(f, 0) for f in features]].sum(axis=0)
            for s in sentences
            for features in sentence_features(s, compiled._res)
        ]
    )


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


def test_entries_of_several_words_tag_as_crfsuite_tags_them() -> None:
    """Sentences where the gazetteer finds an entry of several words (الأمم المتحدة), by
    heads or by stems: a token's marks are its word's own but inside such an entry, before
    and after a clean-up that forgets the marks' rows."""
    tagger = Tagger.load()
    res = tagger.resources
    longer = [
        s
        for s in _dev_sentences(40)
        if any(m.startswith("I-") for m in res.gazetteer.marks([analyse(w)[4] for w in s]))
        or any(m.startswith("I-") for m in res.gazetteer.marks([stem_head(w) for w in s]))
    ]
    assert len(longer) > 20
    compiled = CompiledCRF(tagger._model, res)
    expected = [tagger._model.tag(sentence_features(s, res)) for s in longer]
    assert compiled.tag(longer) == expected
    assert np.allclose(compiled.scores(longer), _summed_weights(compiled, longer))
    compiled._make_room()
    assert compiled.tag(longer[::-1]) == expected[::-1]
    assert np.allclose(compiled.scores(longer), _summed_weights(compiled, longer))
