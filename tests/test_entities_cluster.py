"""Mentions clustered within one article (qawl.entities.cluster.Clusterer): a surname
joins the full name it ends, a definite unnamed source joins the indefinite one, and a
relation title (خطيبة خاشقجي) stays apart from the relative it names.

The phrases are read inside real paragraphs of gold articles of the development set (ids
in the comments); the expected clusters are the speakers and aliases of their annotation.
"""

from __future__ import annotations

from helpers import extract, find, speaker_is
from sentences import KHASHOGGI_AND_FIANCEE, SHOIGU_REPORT

from qawl.doc import Doc
from qawl.entities.base import EntityBase
from qawl.entities.cluster import Clusterer, Draft, _joins, _latest
from qawl.entities.phrases import describe
from qawl.entities.places import add_places
from qawl.entities.tagged import add_tagged
from qawl.quotes import extract_quotes
from tests.store_data import dev_articles

# ant2-CN-middleEast-1486-20181011
SAUDI_OFFICIAL = (
    'في رد على سلسلة من الأسئلة التي طرحتها CNN، نفى مسؤول سعودي رفيع المستوى "بشكل قاطع"'
    " تورط بلاده في اختفاء الكاتب والإعلامي السعودي جمال خاشقجي.\nوقال المسؤول السعودي في بيان"
    ' ورد إلى CNN: "ننفي بشكل قاطع أي تورط في اختفاء جمال. في هذه المرحلة، تتمثل أولويتنا في'
    ' دعم التحقيق، بدلاً من الاستجابة للتعليقات المتطورة التي لا ترتبط مباشرة بتلك الجهود".'
)


def add(clusterer: Clusterer, phrase: str, nth: int = 0) -> int:
    """Add the ``nth`` occurrence of ``phrase`` in the document; the entity index it joins."""
    doc = clusterer.doc
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(phrase, start + 1)
    found = describe(doc, doc.token_at(start), doc.token_at(start + len(phrase)))
    assert found is not None
    return clusterer.add(found)


def test_surname_joins_the_full_name_and_keeps_it() -> None:
    clusterer = Clusterer(Doc.from_text(SHOIGU_REPORT))
    full = add(clusterer, "وزير الدفاع الروسي “سيرغي شويغو”")
    assert add(clusterer, "شويغو", nth=1) == full  # وتابع شويغو قوله
    (shoigu,) = clusterer.entities()
    assert (shoigu.type, shoigu.name) == ("PER", "سيرغي شويغو")
    assert {m.text for m in shoigu.mentions} >= {"سيرغي شويغو", "شويغو", "وزير الدفاع الروسي"}


def test_relation_title_stays_apart_from_the_relative() -> None:
    clusterer = Clusterer(Doc.from_text(KHASHOGGI_AND_FIANCEE))
    khashoggi = add(clusterer, "جمال خاشقجي")
    fiancee = add(clusterer, "خطيبة خاشقجي")
    assert fiancee != khashoggi
    names = [e.name for e in clusterer.entities()]
    assert names[khashoggi] == "جمال خاشقجي"
    assert names[fiancee] != "جمال خاشقجي"


def test_relation_title_speaker_is_not_the_relative_in_the_record() -> None:
    record = extract(KHASHOGGI_AND_FIANCEE)
    quote = find(record, "كانت أمام القنصلية السعودية منذ دخوله إليها")
    assert quote is not None
    assert speaker_is(record, quote, "خطيبة خاشقجي", "خطيبته")
    assert not speaker_is(record, quote, "جمال خاشقجي")


def test_definite_unnamed_source_joins_the_indefinite_one() -> None:
    clusterer = Clusterer(Doc.from_text(SAUDI_OFFICIAL))
    first = add(clusterer, "مسؤول سعودي رفيع المستوى")
    assert add(clusterer, "المسؤول السعودي") == first


def test_surname_in_the_record_is_a_mention_of_the_full_name() -> None:
    record = extract(SHOIGU_REPORT)
    shoigu = [e for e in record["entities"] if e["name"] == "سيرغي شويغو"]
    assert len(shoigu) == 1, [e["name"] for e in record["entities"]]
    assert "شويغو" in {m["text"] for m in shoigu[0]["mentions"] if m["kind"] == "name"}
    assert not [e for e in record["entities"] if e["name"] == "شويغو"]


# eval/jawhara/ant1-JA-internationalNews-691-20160407 (Jawhara FM; annotated blind, round 4)
WHO_SOURCE = (
    "يحتفل العالم اليوم الخميس 7 أفريل 2016 بيوم الصحة العالمي الذي اختار هذا العام موضوع داء"
    " السكري ، وفقا لمنظمة الصحة العالمية."
)


def test_organisation_after_the_lam_of_a_source_is_an_organisation() -> None:
    record = extract(WHO_SOURCE)
    (quote,) = [q for q in record["quotes"] if q["speaker"]]
    who = next(e for e in record["entities"] if e["id"] == quote["speaker"]["entity"])
    assert who["type"] == "ORG"
    assert who["name"] == "منظمة الصحة العالمية"
    assert [m["text"] for m in who["mentions"]] == ["منظمة الصحة العالمية"]


# ant2-BB-internationalNews-1064-20180908 (../shared/corpus/ant2018.jsonl.gz), two sentences
STATE_DEPARTMENT = (
    "وقال مسؤولون في وزارة الخارجية الأمريكية إنهم سيطلبون من البعثات الأمريكية في دول أمريكا "
    "اللاتينية أن تساعد على تقوية اقتصاد هذه البلدان في أمريكا اللاتينية ومؤسساتها.\n"
    'وجاء في بيان صادر عن الخارجية الأمريكية: "سيلتقي رؤوساء بعثاتنا الثلاث مع الإدارة الأمريكية '
    'لمناقشة السبل التي يمكن من خلالها للولايات المتحدة أن تدعم مؤسسات قوية مستقرة وديمقراطية".'
)


def test_a_ministry_named_short_joins_its_full_name() -> None:
    record = extract(STATE_DEPARTMENT)
    [ministry] = [e for e in record["entities"] if e["type"] == "ORG" and "الخارجية" in e["name"]]
    assert ministry["type"] == "ORG"
    assert ministry["name"] == "وزارة الخارجية الأمريكية"  # the most complete form is the name
    assert {m["text"] for m in ministry["mentions"]} >= {"وزارة الخارجية الأمريكية", "الخارجية الأمريكية"}


# ant2-FR-internationalNews-1067-20180503, three paragraphs in their order: two organisations
# named after the same head noun, the second a speaker, with "المنظمة" between them
TWO_ORGANISATIONS = (
    'وقال نائب مدير منظمة العفو الدولية لجنوب آسيا عمر وارياش "إن الصحافيين في أفغانستان هم من '
    'الأكثر شجاعة في العالم".\n'
    "وقالت المنظمة إنها سجلت منذ 2016 مقتل 34 صحافيا في أفغانستان.\n"
    "وفي نفس اليوم الذي قتل فيه الصحافيون الأفغان، قضى المذيع الفلبيني أدموند سيستوسو برصاص مهاجمين "
    "في مدينة دوماغويتي بجنوب الفلبين، بحسب ما أعلنت منظمة هيومن رايتس ووتش. وتوفي سيستوسو الثلاثاء."
)


def test_two_organisations_with_one_head_noun_stay_two() -> None:
    record = extract(TWO_ORGANISATIONS)
    names = {e["name"] for e in record["entities"] if e["type"] == "ORG"}
    assert "منظمة هيومن رايتس ووتش" in names
    assert "منظمة العفو الدولية" in names
    [hrw] = [q for q in record["quotes"] if "دوماغويتي" in q["text"]]
    speaker = next(e for e in record["entities"] if e["id"] == hrw["speaker"]["entity"])
    assert speaker["name"] == "منظمة هيومن رايتس ووتش"


class _EveryDraft(Clusterer):
    """A clusterer that checks its word index against testing every draft, as _find did."""

    compared = 0

    def _find(self, typ: str, key: tuple[str, ...], titles: list[tuple[str, ...]]) -> Draft | None:
        best = _latest(d for d in self.drafts if _joins(d, typ, key, titles))
        found = super()._find(typ, key, titles)
        assert found is best
        _EveryDraft.compared += best is not None
        return found


def test_the_word_index_finds_the_draft_that_testing_every_draft_finds() -> None:
    """Every dev article's statements, places and names, clustered: each look-up finds the
    same draft as before the index (names grown longer and titles added on the way)."""
    base = EntityBase.shipped()
    for article in dev_articles():
        doc = Doc.from_text(article.text)
        clusterer = _EveryDraft(doc)
        extract_quotes(doc, clusterer, "")
        add_places(doc, clusterer)
        add_tagged(doc, clusterer, base=base)
    assert _EveryDraft.compared > 100  # look-ups that joined a draft
