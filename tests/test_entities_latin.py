"""Latin names: the model trained, written, read back and reproduced; known names before the
data's spellings before the model; the names the seed article needs; non-Arabic input."""

from pathlib import Path

import pytest

from qawl.entities import latin
from qawl.entities.latin import PARTS, key, known_latin, load, romanise, shipped, train, transliterate

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
GOOGLE = DATA / "google_transliteration_ar2en"
WIKIDATA = DATA / "netransliteration_wd" / "wd_arabic.normalized.aligned.tokens"
needs_data = pytest.mark.skipif(not GOOGLE.exists() or not WIKIDATA.exists(), reason="../shared/data absent")


def _train(out: Path, limit: int = 1500) -> dict[str, int]:
    return train(
        [GOOGLE / "ar2en-train.txt"],
        [WIKIDATA],
        [GOOGLE / "ar2en-eval.txt", GOOGLE / "ar2en-test.txt"],
        out,
        cities=False,
        languages=(),
        limit=limit,
    )


@needs_data
def test_training_is_reproducible_and_the_files_read_back(tmp_path: Path) -> None:
    counts = _train(tmp_path / "a")
    _train(tmp_path / "b")
    for part in PARTS:
        a = (tmp_path / "a" / f"latin.{part}.tsv").read_bytes()
        assert a == (tmp_path / "b" / f"latin.{part}.tsv").read_bytes(), part
    assert counts["excluded"] > 0  # the slice has words of the test and evaluation files
    tables, again = load(tmp_path / "a"), load(tmp_path / "a")
    pairs = latin.read_google(GOOGLE / "ar2en-train.txt")[:1500]
    readings = [tables.model.transliterate(latin.arabic_letters(a)) for a, _ in pairs]
    assert readings == [again.model.transliterate(latin.arabic_letters(a)) for a, _ in pairs]
    assert all(r == r.lower() and r.isascii() for r in readings)
    # The model learned the letters: it reads a good share of its own training words right.
    right = sum(r == lat for r, (_, lat) in zip(readings, pairs, strict=True))
    assert right / len(pairs) > 0.3
    # The words the data gives are kept as it spells them, and romanise uses them.
    assert tables.words[key("آبي")] == "abe"
    assert romanise("آبي", tables=tables) == "Abe"


@needs_data
def test_held_out_words_are_left_out_of_the_tables_measured(tmp_path: Path) -> None:
    """benchmarks/latin_accuracy.py measures tables trained so: none knows a test word."""
    _train(tmp_path / "held_out", limit=20000)
    words = set(load(tmp_path / "held_out").words)
    banned = set()
    for f in ("ar2en-eval.txt", "ar2en-test.txt"):
        for a, _ in latin.read_google(GOOGLE / f):
            banned |= {key(a), key(latin.arabic_letters(a))}
    assert len(banned) > 2500 and len(words) > 5000 and not banned & words


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("حلب", "Aleppo"),
        ("سوريا", "Syria"),
        ("روسيا", "Russia"),
        ("جنيف", "Geneva"),
        ("الولايات المتحدة", "United States"),
        ("إليزابيث ترودو", "Elizabeth Trudeau"),
        ("جون كيري", "John Kerry"),  # كيري is also Chieri, a town of 36,000 in Italy
        ("فلاديمير بوتين", "Vladimir Putin"),
        ("عبد الله", "Abdullah"),  # the data spells الله after عبد as abdullah
    ],
)
def test_names(name: str, expected: str) -> None:
    assert romanise(name) == expected


def test_sergei_shoigu_as_the_data_spells_him() -> None:
    # Both Google's and Wikidata's pairs spell شويغو "shoygu"; the model alone reads "shoigu".
    assert romanise("سيرغي شويغو") == "Sergei Shoygu"
    assert transliterate("شويغو") == "shoigu"


def test_known_names_beat_the_data_and_the_model() -> None:
    t = shipped()
    assert t.words[key("سوريا")] == "soria"  # Google's pair: the Spanish city
    assert known_latin("سوريا") == "Syria" and romanise("سوريا") == "Syria"
    assert transliterate("حلب").lower() != "aleppo"
    assert romanise("حلب") == "Aleppo"
    assert known_latin("سيرغي") is None
    assert known_latin("الولايات  المتحدة") == "United States"  # spaces and letter forms folded


def test_a_name_the_caller_knows_wins() -> None:
    assert romanise("سيرغي شويغو", known="Sergei Shoigu") == "Sergei Shoigu"


def test_the_article_of_a_name_the_data_lacks() -> None:
    t = shipped()
    assert key("الأسد") not in t.words
    assert romanise("الأسد") == "Al-Asad"
    assert romanise("بشار الأسد").endswith(" al-Asad")


@pytest.mark.parametrize(
    ("name", "expected"), [("IBM", "IBM"), ("  Sergei  Shoigu ", "Sergei Shoigu"), ("", None)]
)
def test_non_arabic_input(name: str, expected: str | None) -> None:
    assert romanise(name) == expected


def test_nothing_to_spell() -> None:
    assert romanise("   ") is None
    assert romanise("،") is None
    assert transliterate("IBM") == ""
    assert romanise("شركة IBM").endswith(" IBM")
