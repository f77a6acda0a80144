"""Training data for the entity tagger: NewsFANE's classes and clitics, overlap with the test
part removed, country names from CLDR, word clusters from untagged text."""

from pathlib import Path

from qawl.entities.features import parse_clusters
from qawl.entities.train import build_clusters, countries, drop_overlap, read_conll, read_newsfane

NEWSFANE = (
    "\ufeff\u200eو\tO\n\u200eقال\tO\nبرند\tB-Politician\nجوتشولك\tI-Politician\nان\tO\nه\tO\n"
    "زار\tO\nالمانيا\tB-Nation\nو\tO\nالصينيين\tB-Group\nو\tO\nاتحاد\tB-Government\nالصناعة\tI-Government\n"
    ".\tO\n"
)


def test_newsfane_classes_mapped_and_clitics_rejoined(tmp_path: Path) -> None:
    path = tmp_path / "newsfane.txt"
    path.write_text(NEWSFANE, encoding="utf-8")
    [sent] = read_newsfane(path)
    assert sent == [
        ("وقال", "O"),
        ("برند", "B-PER"),
        ("جوتشولك", "I-PER"),
        ("انه", "O"),
        ("زار", "O"),
        ("المانيا", "B-LOC"),
        ("والصينيين", "O"),  # a group is no name in ANERcorp's sense
        ("واتحاد", "B-ORG"),
        ("الصناعة", "I-ORG"),
        (".", "O"),
    ]


def test_overlap_with_the_test_part_is_dropped_however_tokenised() -> None:
    test = read_conll("وقال الرئيس إن المفاوضات مستمرة مع الجانب الروسي O\n".replace(" ", " O\n"))
    same = read_conll("و O\nقال O\nالرئيس O\nان O\nالمفاوضات O\nمستمرة O\nمع O\nالجانب O\nالروسي O\n")
    longer = read_conll("أمس O\nقال O\nالرئيس O\nإن O\nالمفاوضات O\nمستمرة O\nمع O\nالجانب O\nالروسي O\n")
    other = read_conll("وصل O\nالوفد O\nإلى O\nموسكو B-LOC\n")
    kept, dropped = drop_overlap(same + longer + other, test)
    assert kept == other and dropped == 2


def test_countries_from_cldr_without_groupings() -> None:
    names = countries()
    assert ("روسيا",) in names and ("ولايات", "متحده") in names
    assert ("عالم",) not in names and ("امم", "متحده") not in names


def test_clusters_group_words_seen_in_the_same_places_and_are_reproducible() -> None:
    docs = []
    for city in ("حلب", "ادلب", "درعا"):
        docs += [["في", "مدينة", city, "السورية", "."]] * 5
    for name in ("بوتين", "ماكرون", "ترامب"):
        docs += [["قال", "الرئيس", name, "إن", "."]] * 5
    text = build_clusters(docs, "test", seed=1, sizes=(2, 4))
    assert text == build_clusters(docs, "test", seed=1, sizes=(2, 4))
    cl = parse_clusters(text)
    assert cl["حلب"][0] == cl["ادلب"][0] == cl["درعا"][0] != cl["بوتين"][0] == cl["ترامب"][0]
