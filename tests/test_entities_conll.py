"""The entity scorer counts as conlleval does: exact span and type, micro-averaged."""

import pytest

from qawl.entities.conll import score, spans


def test_spans_of_bio_tags() -> None:
    assert spans(["B-PER", "I-PER", "O", "B-LOC", "B-LOC", "I-ORG"]) == {
        (0, 2, "PER"),
        (3, 4, "LOC"),
        (4, 5, "LOC"),
        (5, 6, "ORG"),  # an I- that continues nothing starts an entity, as in conlleval
    }
    assert spans(["I-PER", "I-PER", "I-LOC"]) == {(0, 2, "PER"), (2, 3, "LOC")}
    assert spans(["O", "O"]) == set()


def test_score_of_a_hand_made_example() -> None:
    gold = [
        ["B-PER", "I-PER", "O", "B-LOC", "O", "B-ORG", "I-ORG"],
        ["O", "B-MISC", "O"],
    ]
    pred = [
        ["B-PER", "I-PER", "O", "B-ORG", "O", "B-ORG", "O"],  # right PER, LOC typed ORG, ORG cut short
        ["O", "B-MISC", "O"],  # right MISC
    ]
    s = score(gold, pred)
    assert (s["ALL"].tp, s["ALL"].fp, s["ALL"].fn) == (2, 2, 2)
    assert s["ALL"].precision == pytest.approx(0.5)
    assert s["ALL"].f1 == pytest.approx(0.5)
    assert s["PER"].f1 == 1.0 and s["MISC"].f1 == 1.0
    assert (s["ORG"].tp, s["ORG"].fp, s["ORG"].fn) == (0, 2, 1)
    assert s["LOC"].recall == 0.0 and s["LOC"].f1 == 0.0


def test_sentences_of_different_lengths_are_an_error() -> None:
    with pytest.raises(ValueError):
        score([["O", "O"]], [["O"]])
