"""Chains of attribution (GUIDELINES.md, "Chains of attribution"; FORMAT.md, via): the
intermediaries through which the article has a statement, and the outlets that are not.

Each fixture is a paragraph of a gold article of the development set (its id in the
comment); the expected values are that article's annotation.
"""

from __future__ import annotations

import pytest
from helpers import chain, chain_is, describe, extract, find, speaker_is, statements
from sentences import INTERRUPTED_BAHAH, REUTERS_WHITE_HOUSE, SHOIGU_REPORT, TURKISH_SOURCE_BBC

# ant2-FR-internationalNews-1821-20180615
RESIDENTS_REUTERS = (
    "وقال اثنان من السكان لوكالة رويترز إن طائرات هليكوبتر هجومية من طراز أباتشي قصفت قطاعا"
    " من المنطقة الساحلية بالقرب من مطار المدينة."
)
# anc-PSP12
ACTIVIST_REUTERS = (
    "وقال ناشط لرويترز، طلب عدم ذكر اسمه، إن السكان يتأهبون لمزيد من المصاعب في العاصمة بعدما"
    " قمع الجيش جيوبا للمعارضة في ضواح خارج دمشق مثل ضاحية دوما."
)
# ant2-CN-middleEast-1486-20181011 (CNN Arabic)
CNN_SOURCE = (
    'وقال المصدر لـCNN إن "موقف خاشقجي من السياسة السعودية تغير فجأة حتى أنه دعم هدف تحديث'
    " المملكة العربية السعودية. في أيلول / سبتمبر 2017، كتب مقالة رأي لصحيفة واشنطن بوست"
    ' بعنوان "المملكة العربية السعودية لم تكن دائما بهذه القمعية. الآن ذلك لا يطاق".'
)
# ant2-CN-middleEast-1397-20181004 (CNN Arabic)
FIANCEE_CNN = (
    "من جانبها، قالت خطيبة خاشقجي، التي طلبت عدم نشر اسمها، في تصريحات لـCNN، إنها كانت أمام"
    ' القنصلية السعودية منذ دخوله إليها. وأضافت: "لا أعلم إذا كان جمال بالداخل. أريد أن أعرف'
    ' أين جمال. هل اعتقلوه؟ هل اختطفوه؟ هل هو مسجون؟".\nوتابعت خطيبة خاشقجي وهي تبكي: "ماذا'
    ' يأكل؟ وماذا يشرب؟ هل يستحق ذلك؟... هو ليس إرهابياً، هو محلل وصحفي". وأكدت أن خاشقجي كان'
    ' "لديه بعض المخاوف" من طلب الأوراق، لكنه قرر زيارة القنصلية، لأنهما كانا يخططان'
    " للاستقرار في تركيا."
)

CNN = {
    "source": "CNN Arabic (arabic.cnn.com)",
    "url": "http://arabic.cnn.com/middle-east/article/2018/10/11/source-details-tensions-khashoggi-saudi-leaders",
}
BBC = {
    "source": "BBC Arabic (bbc.co.uk/arabic)",
    "url": "http://www.bbc.co.uk/arabic/world-45668262",
}
SHOIGU = ("سيرغي شويغو", "شويغو", "وزير الدفاع الروسي")


def test_agency_that_reported_from_the_speaker_is_the_chain() -> None:
    record = extract(REUTERS_WHITE_HOUSE)
    quote = find(record, 'التصريحات بشأن بنس كانت "القشة التي قصمت ظهر البعير')
    assert quote is not None, describe(record)
    assert speaker_is(record, quote, "مسؤول في البيت الأبيض")
    assert chain_is(record, quote, ["وكالة رويترز"]), describe(record)


def test_continuation_keeps_the_chain_of_the_report() -> None:
    record = extract(SHOIGU_REPORT)
    found = statements(record)
    assert len(found) == 3, describe(record)
    assert [q["type"] for q in found] == ["direct", "direct", "mixed"]
    assert found[1]["cue"]["text"].startswith("وتابع")
    for quote in found:
        assert speaker_is(record, quote, *SHOIGU), describe(record)
        assert chain_is(record, quote, ["وكالة الإعلام الروسية"]), describe(record)


def test_pronoun_continuation_keeps_the_chain_of_the_report() -> None:
    record = extract(REUTERS_WHITE_HOUSE)
    quote = find(record, "هناك فرصة للعودة إلى الحوار")
    assert quote is not None, describe(record)
    assert speaker_is(record, quote, "مسؤول في البيت الأبيض"), describe(record)
    assert chain_is(record, quote, ["وكالة رويترز"]), describe(record)


@pytest.mark.parametrize(
    ("text", "content", "speaker", "outlet"),
    [
        pytest.param(
            RESIDENTS_REUTERS,
            "طائرات هليكوبتر هجومية من طراز أباتشي قصفت قطاعا من المنطقة الساحلية بالقرب من مطار المدينة",
            ("اثنان من السكان",),
            "وكالة رويترز",
            id="said-to-agency",
        ),
        pytest.param(
            INTERRUPTED_BAHAH,
            "كلها جهات متطرفة، وتشكيلها حكومات يأتي في إطار المرفوض وطنيا ودوليا",
            ("خالد بحاح", "بحاح"),
            "سكاي نيوز عربية",
            id="interview-with-channel",
        ),
        pytest.param(
            ACTIVIST_REUTERS,
            "السكان يتأهبون لمزيد من المصاعب في العاصمة بعدما قمع الجيش جيوبا للمعارضة في ضواح خارج"
            " دمشق مثل ضاحية دوما",
            ("ناشط",),
            "رويترز",
            id="said-to-agency-then-aside",
        ),
    ],
)
def test_outlet_the_speaker_spoke_to_is_the_chain(
    text: str, content: str, speaker: tuple[str, ...], outlet: str
) -> None:
    record = extract(text)
    quote = find(record, content)
    assert quote is not None, describe(record)
    assert speaker_is(record, quote, *speaker), describe(record)
    assert chain_is(record, quote, [outlet]), describe(record)


def test_outlet_spoken_to_is_an_intermediary_when_the_article_is_not_its_own() -> None:
    record = extract(CNN_SOURCE)
    (quote,) = statements(record)
    assert quote["text"].startswith("موقف خاشقجي من السياسة السعودية تغير فجأة")
    assert speaker_is(record, quote, "مصدر قريب الصلة من الكاتب والإعلامي السعودي", "المصدر")
    assert chain_is(record, quote, ["CNN"]), describe(record)


@pytest.mark.parametrize(
    ("text", "meta"),
    [
        pytest.param(CNN_SOURCE, CNN, id="cnn-source"),
        pytest.param(FIANCEE_CNN, CNN, id="cnn-fiancee"),
        pytest.param(
            TURKISH_SOURCE_BBC,
            BBC,
            id="bbc",
        ),
    ],
)
def test_the_articles_own_outlet_is_no_intermediary(text: str, meta: dict[str, str]) -> None:
    record = extract(text, **meta)
    found = statements(record)
    assert found, describe(record)
    for quote in found:
        assert chain(record, quote) == [], describe(record)


# eval/jawhara/ant1-JA-localNews-1079-20151108 (Jawhara FM; annotated blind, round 4)
PM_GERMAN_PAPER = (
    "قال رئيس الحكومة الحبيب الصيد في تصريحات لصحيفة «فرانكفورتر الجماينه تسايتونغ» الألمانية"
    " الصادرة أمس، إن «الوضع في ليبيا يشكل خطرا على استقرار تونس سواء على المستوى الأمني والسياسي"
    " أو على المستوى الاقتصادي».\nودعا الحبيب الصيد، رئيس الوزراء التونسي، المجتمع الدولي للعمل"
    " من أجل التوصل إلى حل سياسي للصراع في ليبي، بحسب ما تم نقله عن الصحيفة الألمانية اليوم الأحد."
)


def test_definite_description_of_an_outlet_joins_the_one_named_before() -> None:
    record = extract(PM_GERMAN_PAPER)
    first = find(record, "الوضع في ليبيا يشكل خطرا على استقرار تونس")
    later = find(record, "للعمل من أجل التوصل إلى حل سياسي للصراع في ليبي")
    assert first is not None and later is not None, describe(record)
    assert later["via"][0]["text"] == "الصحيفة الألمانية"
    assert later["via"][0]["entity"] == first["via"][0]["entity"], describe(record)


# ../shared/corpus ant2-AL-internationalNews-1223-20180518 (Al Arabiya; not annotated: the
# expected values follow GUIDELINES.md, "Chains of attribution")
ARABIYA_PARIS = (
    'أفاد مراسل "العربية" في باريس نقلاً عن وزير الداخلية الفرنسي بأنه تم توقيف شقيقين مصريين'
    ' كانا سينفذان اعتداءً بمادة سامّة.\nوصرح كولومب لشبكة "بي أف أم تي في" أن "هناك شابين من'
    ' أصل مصري كانا يستعدان لتنفيذ اعتداء بعبوة ناسفة أو بمادة الريسين السامة"، وذلك بعد أسبوع على'
    " اعتداء بالسكين أوقع قتيلاً وخمسة جرحى في باريس."
)


def test_correspondent_relaying_a_source_is_the_chain_and_a_place_is_no_content() -> None:
    record = extract(ARABIYA_PARIS)
    quote = find(record, "تم توقيف شقيقين مصريين كانا سينفذان اعتداءً بمادة سامّة")
    assert quote is not None, describe(record)
    assert speaker_is(record, quote, "وزير الداخلية الفرنسي"), describe(record)
    assert chain_is(record, quote, ["العربية"]), describe(record)


def test_quotation_after_an_indefinite_outlet_noun_is_its_name_not_a_statement() -> None:
    record = extract(ARABIYA_PARIS)
    assert find(record, "بي أف أم تي في") is None, describe(record)
    quote = find(
        record, "هناك شابين من أصل مصري كانا يستعدان لتنفيذ اعتداء بعبوة ناسفة أو بمادة الريسين السامة"
    )
    assert quote is not None, describe(record)
    assert chain(record, quote) == ["بي أف أم تي في"], describe(record)


# ../shared/corpus ant2-CN-economy-353-20181002 (CNN Arabic; not annotated)
YEMEN_SABA = (
    "قال رئيس الوزراء اليمني الدكتور أحمد عبيد بن دغر، إن بلاده تمر بأيام عصيبة، في ظل انهيار سعر"
    ' الريال اليمني إلى 800 ريال للدولار الواحد، وفقا لوكالة الأنباء اليمينة الرسمية "سبأ".'
)


@pytest.mark.parametrize(
    ("text", "content", "name"),
    [
        pytest.param(
            PM_GERMAN_PAPER,
            "الوضع في ليبيا يشكل خطرا على استقرار تونس",
            "فرانكفورتر الجماينه تسايتونغ",
            id="right-after-the-noun",
        ),
        pytest.param(
            YEMEN_SABA,
            "بلاده تمر بأيام عصيبة، في ظل انهيار سعر الريال اليمني إلى 800 ريال للدولار الواحد",
            "سبأ",
            id="after-the-description",
        ),
    ],
)
def test_outlet_named_in_quotation_marks_is_named_by_them(text: str, content: str, name: str) -> None:
    record = extract(text)
    quote = find(record, content)
    assert quote is not None, describe(record)
    assert chain(record, quote) == [name], describe(record)
