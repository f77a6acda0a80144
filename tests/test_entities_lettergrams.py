"""The compiled letter n-gram scores (lettergrams.pyx) against the plain mean over
``features.letter_grams``: the shipped table on words of the dev articles, a small table
with letters it lacks, and the tables it refuses."""

import json
from pathlib import Path

import pytest

from qawl.entities.features import Resources, letter_grams
from qawl.entities.lettergrams import LetterScores

DEV = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev"

# From the seed article and the names the features were built for (شويغو and دويسنبرج look
# foreign, الحكومة does not), with digits, Latin letters and a lone letter.
WORDS = ["شويغو", "دويسنبرج", "الحكومة", "حلب", "وروسيا", "لافروف", "2016", "IBM", "و", "ـ", ""]


def _plain(table: dict[str, float], word: str) -> float:
    grams = letter_grams(word)
    return sum(table.get(g, 0.0) for g in grams) / len(grams)


def test_the_shipped_table_scores_every_word_as_the_plain_mean() -> None:
    table = dict(Resources.beside(None).letters.table)
    scores = LetterScores(table)
    words = list(WORDS)
    for path in sorted(DEV.glob("*.json"))[:5]:
        words += json.loads(path.read_text(encoding="utf-8"))["text"].split()[:400]
    assert len(words) > 1000
    for word in words:
        assert scores.mean(word) == _plain(table, word), word


def test_grams_with_letters_the_table_lacks_score_zero() -> None:
    table = {"<": 1.0, "ب": 0.5, "با": 2.0, "<با": 4.0, "ا>": -1.0, ">": 0.25}
    scores = LetterScores(table)
    for word in ["با", "بتا", "تت", "ابا", "بابا"]:
        assert scores.mean(word) == pytest.approx(_plain(table, word), abs=0.0)
    assert scores.mean("تت") == pytest.approx((1.0 + 0.25) / len(letter_grams("تت")))


@pytest.mark.parametrize("table", [{"": 1.0}, {"abcde": 1.0}])
def test_a_gram_of_no_letters_or_more_than_four_is_refused(table: dict[str, float]) -> None:
    with pytest.raises(ValueError, match="1 to 4 letters"):
        LetterScores(table)
