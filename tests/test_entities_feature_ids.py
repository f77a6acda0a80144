"""A word's feature numbers, found from templates and values, are the numbers of the feature
names ``features.py`` writes for it, in the same order, less those the model does not know."""

import pytest
from store_data import dev_articles

from qawl.doc import Doc
from qawl.entities.feature_ids import OFFSETS, FeatureIds, split_name
from qawl.entities.features import near_features, word_features
from qawl.entities.tagger import Tagger


def _dev_words(n: int) -> list[str]:
    words: dict[str, None] = {}
    for article in dev_articles(n):
        words.update(dict.fromkeys(t.text for t in Doc.from_text(article.text).tokens))
    return list(words)


@pytest.fixture(scope="module")
def model() -> tuple[dict[str, int], Tagger]:
    tagger = Tagger.load()
    attribute = {name: k + 1 for k, name in enumerate(tagger._model.info().attributes)}
    return attribute, tagger


def test_numbers_equal_the_known_names_of_every_dev_word(model: tuple[dict[str, int], Tagger]) -> None:
    attribute, tagger = model
    res = tagger.resources
    ids = FeatureIds(attribute, res)
    words = _dev_words(40)
    assert len(words) > 5000

    def known(names: list[str]) -> list[int]:
        return [attribute[f] for f in names if f in attribute]

    for word in words:
        front, back = word_features(word, res)
        expected = [known([*front, *back])] + [known(list(near_features(word, d, res))) for d in OFFSETS]
        assert ids.rows(word) == expected, word


def test_a_word_the_model_never_saw_lends_nothing_two_away(model: tuple[dict[str, int], Tagger]) -> None:
    attribute, tagger = model
    rows = FeatureIds(attribute, tagger.resources).rows("زززقققببب")
    assert rows[1 + OFFSETS.index(-2)] == rows[1 + OFFSETS.index(2)] == []  # its form and stem: unknown
    assert rows[0]  # as the token itself: its bias, shape, letters ...


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        ("w=حلب", ("w=", "حلب")),
        ("s<ال", ("s<", "ال")),
        ("s>=", ("s>", "=")),
        ("-1cl=قال", ("-1cl=", "قال")),
        ("w-1w=في|حلب", ("w-1w=", "في|حلب")),
        ("bias", ("bias", "")),
    ],
)
def test_a_name_is_its_template_and_value(name: str, parts: tuple[str, str]) -> None:
    assert split_name(name) == parts
