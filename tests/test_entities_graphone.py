"""The compiled beam search of the transliteration model (graphone.pyx) against a plain
reading of the same back-off model: every path of a short word scored from the n-gram
table directly, the best path kept for each model state (or, kept to the lexicon, for each
spelling), as a beam wide enough to drop nothing keeps them."""

import math
from importlib import resources
from itertools import product

import pytest

from qawl.entities.graphone import Lexicon
from qawl.entities.latin import Model, read_table, shipped

# A small order-3 model over two Arabic letters, each with two Latin units: ب b|p, ا a|e.
UNITS = ["ب}b", "ب}p", "ا}a", "ا}e"]
BOS, EOS = len(UNITS), len(UNITS) + 1
NGRAMS: dict[tuple[int, ...], tuple[float, float | None]] = {
    (0,): (-1.0, -0.5),
    (1,): (-2.0, -0.3),
    (2,): (-1.2, -0.4),
    (3,): (-1.5, None),
    (BOS,): (-99.0, -0.2),
    (EOS,): (-1.1, None),
    (BOS, 0): (-0.7, -0.1),
    (0, 2): (-0.3, -0.2),
    (1, 3): (-0.9, None),
    (2, EOS): (-0.4, None),
    (BOS, 0, 2): (-0.2, -0.15),  # a weight no state of an order-3 model may use
    (0, 2, EOS): (-0.1, None),
    (2, 0): (-0.6, -0.25),
    (2, 0, 3): (-0.05, None),
}
UNKNOWN = -99.0 - 5.0  # the lowest log probability less 5, as Model sets it


def _model(lexicon: dict[str, float] | None = None) -> Model:
    lines = ["order\t3", *(f"u\t{u}\t{10 - k}" for k, u in enumerate(UNITS))]
    for gram, (lp, bo) in NGRAMS.items():
        lines.append(f"g\t{' '.join(map(str, gram))}\t{lp}\t{'' if bo is None else bo}")
    return Model("\n".join(lines), lexicon)


def _score(hist: tuple[int, ...], unit: int) -> float:
    """log p(unit | hist) by back-off, read off the table."""
    total = 0.0
    while (*hist, unit) not in NGRAMS:
        if not hist:
            return total + UNKNOWN
        total += NGRAMS.get(hist, (0.0, None))[1] or 0.0
        hist = hist[1:]
    return total + NGRAMS[(*hist, unit)][0]


def _state(hist: tuple[int, ...], unit: int) -> tuple[int, ...]:
    """The longest suffix of hist + unit (at most 2 units) with a back-off weight."""
    h = (*hist, unit)[-2:]
    while h and NGRAMS.get(h, (0, None))[1] is None:
        h = h[1:]
    return h


def _exhaustive(letters: str, lexicon: dict[str, float] | None = None) -> list[tuple[float, str]]:
    arabic, latin = zip(*(u.split("}") for u in UNITS), strict=True)
    options = {a: [k for k, x in enumerate(arabic) if x == a] for a in arabic}
    kept: dict[object, tuple[float, str, tuple[int, ...]]] = {(): (0.0, "", _state((), BOS))}
    for letter in letters:
        nxt: dict[object, tuple[float, str, tuple[int, ...]]] = {}
        for s, out, hist in kept.values():
            for t in options[letter]:
                spelled, state = out + latin[t], _state(hist, t)
                key = spelled if lexicon is not None else state
                if key not in nxt or s + _score(hist, t) > nxt[key][0]:
                    nxt[key] = (s + _score(hist, t), spelled, state)
        kept = nxt
    sums: dict[str, float] = {}
    for s, out, hist in kept.values():
        if lexicon is not None and out not in lexicon:
            continue
        sc = s + _score(hist, EOS)
        sums[out] = math.log(math.exp(sums[out]) + math.exp(sc)) if out in sums else sc
    return sorted(((v, k) for k, v in sums.items()), key=lambda x: (-x[0], x[1]))


WORDS = ["".join(w) for n in (1, 2, 3, 4) for w in product("با", repeat=n)]


@pytest.mark.parametrize("letters", WORDS)
def test_every_path_scored_by_back_off_and_the_best_kept_for_each_state(letters: str) -> None:
    found = _model().nbest(letters, beam=1000)
    expected = _exhaustive(letters)
    assert [k for _, k in found] == [k for _, k in expected]
    assert [s for s, _ in found] == pytest.approx([s for s, _ in expected], abs=1e-12)


@pytest.mark.parametrize("letters", WORDS)
def test_kept_to_the_lexicon_only_its_words_are_read(letters: str) -> None:
    lexicon = {"ba": 3.0, "bab": 1.0, "pe": 2.0, "abab": 0.0}
    found = _model(lexicon).nbest(letters, beam=1000, in_lexicon=True)
    expected = _exhaustive(letters, lexicon)
    assert {k for _, k in found} <= set(lexicon)
    assert [k for _, k in found] == [k for _, k in expected]
    assert [s for s, _ in found] == pytest.approx([s for s, _ in expected], abs=1e-12)


def test_a_narrow_beam_drops_paths_a_wide_one_keeps() -> None:
    wide, narrow = _model().nbest("بابا", beam=1000), _model().nbest("بابا", beam=1)
    assert len(narrow) < len(wide)
    assert narrow[0][1] in {k for _, k in wide}


def test_a_letter_the_model_never_saw_is_skipped_at_the_unknown_cost() -> None:
    found = {k: s for s, k in _model().nbest("بتا", beam=1000)}
    without = {k: s for s, k in _exhaustive("با")}
    assert set(found) == set(without)
    assert [found[k] for k in without] == pytest.approx([s + UNKNOWN for s in without.values()], abs=1e-9)


def test_the_lexicon_trie_reads_back_every_word_and_no_other() -> None:
    words = {"ba": 3.0, "bab": 1.0, "babe": 1.0, "pe": 2.0, "o'brien": 4.5, "zoë": 0.5}
    lexicon = Lexicon(words)
    assert len(lexicon) == len(words)
    assert all(lexicon.get(w) == z and w in lexicon for w, z in words.items())
    for other in ["", "b", "babes", "o'", "zo", "zoe", "xyz", "pé"]:
        assert other not in lexicon and lexicon.get(other, -1.0) == -1.0
    assert Lexicon({}).get("ba") is None and len(Lexicon({})) == 0


def test_the_shipped_lexicon_as_a_trie_holds_the_words_of_its_file() -> None:
    table = read_table(
        (resources.files("qawl.entities") / "data" / "latin.lexicon.tsv").read_text(encoding="utf-8")
    )
    lexicon = shipped().model.lexicon
    assert len(lexicon) == len(table)
    sample = list(table)[:: max(1, len(table) // 5000)]
    assert all(lexicon.get(w) == float(table[w]) for w in sample)
    assert all(w[:-1] not in lexicon for w in sample if w[:-1] not in table)
