"""Countries named in the text become LOC entities, clitics and article handled."""

from qawl import extract

# seed-aleppo-2016 and ant2-BB-middleEast-430-20180501
SENTENCES = (
    "وقال شويغو إن روسيا ولالولايات المتحدة على وشك البدء في عمل عسكري مشترك من سوريا."
    " ونقل الأمريكيون رسالة بالأردن، فيما قال ظريف إن إيران ملتزمة بالاتفاق."
)


def test_countries_are_places_with_their_exact_spans():
    record = extract(SENTENCES)
    places = {e.name: e for e in record.entities if e.type == "LOC"}
    assert {"روسيا", "سوريا", "الأردن", "إيران"} <= set(places)
    for entity in places.values():
        for m in entity.mentions:
            assert record.text[m.start : m.end] == m.text
    assert places["الأردن"].mentions[0].text == "الأردن"  # بالأردن: without the ب


def test_a_word_of_a_country_name_alone_is_no_place():
    record = extract("وقالت الولايات المتحدة إن المتحدة للنقل شركة خاصة.")
    assert "المتحدة" not in {e.name for e in record.entities if e.type == "LOC"}
