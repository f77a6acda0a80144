"""Training data for the entity tagger: NewsFANE's classes and clitics, overlap with the test
part removed, country names from CLDR, word clusters from untagged text, name words and
their letters from transliteration pairs, the first stage's reading of the corpus."""

from pathlib import Path

from qawl.entities.features import parse_bodies, parse_clusters, parse_corpus, parse_letters, parse_names
from qawl.entities.train import (
    build_bodies,
    build_clusters,
    build_corpus,
    build_letters,
    build_names,
    corpus_sentences,
    countries,
    drop_overlap,
    read_conll,
    read_newsfane,
)

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


def test_name_words_and_letters_from_transliteration_pairs(tmp_path: Path) -> None:
    wikidata = tmp_path / "wd.tokens"
    pairs = "shoigu\tش و ي غ و\t3\nsergei\tس ي ر غ ي\t5\ntrudeau\tت ر و د و\t1\n"
    wikidata.write_text(pairs, encoding="utf-8")
    google = tmp_path / "ar2en.txt"
    google.write_text("شويغو\tshoigu\nدويسنبرج\tduisenberg\n", encoding="utf-8")
    names = parse_names(build_names(wikidata, google))
    assert names == {"شويغو": 4, "سيرغي": 5, "ترودو": 1, "دويسنبرج": 1}
    docs = [t.split() for t in ("قالت الحكومة ان القوات", "الحكومة والقوات في المدينة")]
    letters = parse_letters(build_letters(names, docs, "test"))
    assert letters.score("كافلنيكوف") > letters.score("الحكومات")  # a foreign name's letters
    assert build_letters(names, docs, "test") == build_letters(names, docs, "test")


def test_the_corpus_counts_are_the_tagger_reading_of_it() -> None:
    class Every:  # a stand-in reader that tags every word after قال as a person
        def tag(self, sent: list[str]) -> list[str]:
            return ["B-PER" if i and sent[i - 1] == "قال" else "O" for i in range(len(sent))]

    texts = ["قال شويغو ان القوات. قال شويغو كذلك", "وصل شويغو اليوم"]
    counts = parse_corpus(build_corpus(Every(), corpus_sentences(texts), "test"))  # type: ignore[arg-type]
    assert counts["شويغو"] == (2, 0, 0, 0, 1)  # twice a person, once not
    assert "اليوم" not in counts  # seen once: fewer than MIN_CORPUS_WORD times


def test_bodies_are_the_names_written_after_a_body_noun_and_alone() -> None:
    # 25 reports of "تنظيم داعش" and of "حزب العدالة والتنمية" (a longer name), then each alone
    after = ["في", "،", "الذي", "مسووليته", "امس"]  # what follows a one-word name varies
    docs = [["اعلن", "تنظيم", "داعش", after[k % 5]] for k in range(25)]
    docs += [["قال", "حزب", "العداله", "والتنميه"]] * 25
    docs += [["هاجم", "داعش", "المدينه"]] * 10 + [["العداله", "مطلب"]] * 10
    bodies = parse_bodies(build_bodies(docs, "test"))
    assert bodies == {"داعش": 25}  # العدالة is the first word of a longer name
