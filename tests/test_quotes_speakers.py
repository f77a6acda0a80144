"""Speakers (GUIDELINES.md, "Speakers"; FORMAT.md, speaker): who a statement is from,
named, titled, an organisation, an unnamed source, or a subject the verb drops.

Each fixture is a paragraph of a gold article of the development set (its id in the
comment); the expected values are that article's annotation.
"""

from __future__ import annotations

import pytest
from helpers import describe, entity, extract, find, speaker_is, speaker_name, statements
from sentences import (
    FAWZI_HASABAMA,
    GUILLEMETS_ERIAN,
    MOGHERINI_430,
    PLAIN_FAWZI,
    REVERSED_TRUDEAU,
    RUSSIAN_MFA,
    TURKISH_SOURCE_BBC,
)

# ant2-BB-middleEast-430-20180501
SPOKESMAN_430 = (
    "وقال متحدث باسم الحكومة البريطانية، وهي إحدى الدول الموقعة على الاتفاق، إنها ستواصل"
    ' مساندة الاتفاق، مضيفا "لم نكن أبدا سذجا بشأن إيران، ونواياها النووية".'
)
# ant2-BB-internationalNews-565-20180525
BENCE = 'وكان بنس قد قال إن كوريا الشمالية "قد تنتهي نهاية ليبيا".'
# ant2-BB-middleEast-430-20180501
POMPEO_430 = (
    'قال وزير خارجية الولايات المتحدة، مايك بومبيو، إن الاتفاق النووي مع إيران "بني على'
    ' أكاذيب"، بعد ادعاء إسرائيل بأن لديها أدلة على برنامج إيراني سري لأسلحة نووية.\nوأضاف أن'
    " الأدلة أظهرت أن الاتفاق بين إيران والقوى الست الكبرى في العالم في 2015 كان يعتمد على"
    " الخداع، وليس على حسن النية."
)


def _speaker_entity(record: dict, quote: dict) -> dict:
    found = entity(record, quote["speaker"])
    assert found is not None, describe(record)
    return found


def test_named_speaker_is_a_person_entity_with_the_name() -> None:
    record = extract(PLAIN_FAWZI)
    (quote,) = statements(record)
    speaker = quote["speaker"]
    assert speaker["text"] == "أحمد فوزي"
    assert PLAIN_FAWZI[speaker["start"] : speaker["end"]] == "أحمد فوزي"
    person = _speaker_entity(record, quote)
    assert (person["type"], person["name"]) == ("PER", "أحمد فوزي")


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        pytest.param(
            REVERSED_TRUDEAU,
            "إليزابيث ترودو",
            "مديرة المكتب الصحفي في الخارجية الأمريكية",
            id="trudeau",
        ),
        pytest.param(
            GUILLEMETS_ERIAN,
            "عصام العريان",
            "نائب رئيس حزب الحرية والعدالة",
            id="erian",
        ),
    ],
)
def test_title_bound_to_a_name_names_the_person(text: str, name: str, title: str) -> None:
    record = extract(text)
    (quote,) = statements(record)
    person = _speaker_entity(record, quote)
    assert (person["type"], person["name"]) == ("PER", name)
    titles = [m["text"] for m in person["mentions"] if m["kind"] == "title"]
    assert any(t.startswith(title) for t in titles), person


def test_organisation_that_speaks_is_the_speaker() -> None:
    record = extract(RUSSIAN_MFA)
    (quote,) = statements(record)
    assert quote["type"] == "indirect"
    organisation = _speaker_entity(record, quote)
    assert (organisation["type"], organisation["name"]) == ("ORG", "وزارة الخارجية الروسية")


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        pytest.param(TURKISH_SOURCE_BBC, "مصدر أمني تركي", id="security-source"),
        pytest.param(
            SPOKESMAN_430,
            "متحدث باسم الحكومة البريطانية",
            id="spokesman",
        ),
    ],
)
def test_unnamed_source_is_an_entity_named_by_its_phrase(text: str, phrase: str) -> None:
    record = extract(text)
    quote = statements(record)[0]
    source = _speaker_entity(record, quote)
    assert source["type"] in ("MISC", "ORG")
    assert source["name"] == phrase


def test_spokesperson_is_the_speaker_not_the_one_they_speak_for() -> None:
    record = extract(FAWZI_HASABAMA)
    quote = find(record, 'الأمم المتحدة ترى "تحولاً" في موقفي روسيا والصين')
    assert quote is not None, describe(record)
    assert "متحدث" in (speaker_name(record, quote) or "")


def test_dropped_subject_is_resolved_to_the_speaker_before() -> None:
    record = extract(MOGHERINI_430)
    quote = find(
        record,
        "الوثائق ذات السرية التي تدعي إسرائيل الحصول عليها بشأن برنامج إيران النووي يجب تقديمها"
        " إلى الوكالة الدولية للطاقة الذرية",
    )
    assert quote is not None, describe(record)
    assert quote["cue"]["text"] == "وأضافت"
    assert speaker_is(record, quote, "فيديريكا موغيريني"), describe(record)
    speaker = quote["speaker"]
    assert MOGHERINI_430[speaker["start"] : speaker["end"]] == speaker["text"]


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        pytest.param(BENCE, 'كوريا الشمالية "قد تنتهي نهاية ليبيا', ("مايك بنس", "بنس"), id="kana-qad"),
        pytest.param(
            MOGHERINI_430,
            "الوثائق التي قدمها رئيس الوزراء الإسرائيلي، لا تثير أي تساؤل بشأن التزام إيران بالاتفاق",
            ("فيديريكا موغيريني",),
            id="between-commas",
        ),
    ],
)
def test_subject_before_its_verb_is_the_speaker(text: str, content: str, speaker: tuple[str, ...]) -> None:
    record = extract(text)
    quote = find(record, content)
    assert quote is not None, describe(record)
    assert speaker_is(record, quote, *speaker), describe(record)


def test_masculine_verb_resolves_to_the_man_not_the_feminine_source_between() -> None:
    # إسرائيل (feminine) reports something between بومبيو's statement and "وأضاف".
    record = extract(POMPEO_430)
    quote = find(
        record,
        "الأدلة أظهرت أن الاتفاق بين إيران والقوى الست الكبرى في العالم في 2015 كان يعتمد على"
        " الخداع، وليس على حسن النية",
    )
    assert quote is not None, describe(record)
    assert speaker_is(record, quote, "مايك بومبيو", "بومبيو"), describe(record)


# ../shared/corpus ant2-SK-middleEast-3417-20180815 (Sky News Arabia; not annotated)
GUTERRES_URGED = (
    "ورحب الأمين العام للأمم المتحدة أنطونيو غوتيريش بإعادة فتح المعبر.\nوحث غوتيريش جميع الأطراف"
    ' على "دعم جهود منسق الأمم المتحدة الخاص نيكولاي ملادينوف ومصر لتجنب التصعيد والتصدي لكل القضايا'
    ' الإنسانية في غزة".'
)
# ../shared/corpus ant2-SK-technology-1456-20180911 (Sky News Arabia; not annotated)
SCIENTISTS_SAID = (
    "قال علماء إنهم رصدوا بواسطة نظام ذكاء صناعي متطور إشارات راديو سريعة قادمة من الفضاء العميق،"
    " الأمر الذي يعزز أصحاب نظرية وجود الكائنات الفضائية."
)


# ../shared/corpus ant2-CN-internationalNews-184-20180326 (CNN Arabic; not annotated)
TUSK_WHERE_HE_SAID = (
    "قال دونالد تسك، رئيس المجلس الأوروبي، الاثنين، إن 14 دولة أوروبية ستقوم بطرد دبلوماسيين روس.\n"
    'جاء ذلك في مؤتمر صحفي لتسك حيث أكد على أن المجلس الأوروبي يدين "بأشد العبارات الممكنة" الهجوم'
    " الأخير."
)


# ../shared/corpus ant2-AL-economy-745-20180605 (Al Arabiya; not annotated)
SUGA_WENT_ON = (
    "ودخلت طوكيو وواشنطن في سجال بشأن السياسة التجارية بعدما رفضت الولايات المتحدة إعفاء اليابان"
    ' من الرسوم، وفقا لوكالة "فرانس برس".\nوقال سوغا للصحافيين إن "إجراءات الحكومة الأميركية'
    ' التجارية تثير قلقنا بشأن إمكانية تعطيلها للأسواق العالمية".\nوتابع "إضافة إلى ذلك، نعتقد أنها'
    ' ستحمل تداعيات خطيرة على التعاون الاقتصادي بين الحليفتين".'
)


def test_agency_that_is_the_source_is_not_also_its_own_intermediary() -> None:
    record = extract(SUGA_WENT_ON)
    quote = find(record, "ودخلت طوكيو وواشنطن في سجال بشأن السياسة التجارية بعدما رفضت الولايات المتحدة")
    assert quote is not None, describe(record)
    assert speaker_is(record, quote, "وكالة فرانس برس") and quote["via"] == [], describe(record)


# ../shared/corpus ant2-AL-sport-1442-20180506 (Al Arabiya; not annotated)
ZIDANE_DECISION = (
    "وأشعل قرار زيدان الجدل في وسائل الإعلام الإسبانية والعالمية، معتبرة المدرب الفرنسي كسر"
    " التقاليد التي قامت عليها كرة القدم في البلاد، وهو ما يعني أن أي فريق يستطيع رفض تحية غريمه"
    " مستقبلاً.\nوزادت الصحيفة: قبل 24 ساعة من مباراة الكلاسيكو، قال رونالدو لزيدان في محادثة شخصية"
    " بينهما إنه لن يقف لتحية أي شخص."
)
# ../shared/corpus ant2-AL-internationalNews-280-20180301 (Al Arabiya; not annotated)
PUTIN_HASHTAG = (
    "أعلن الرئيس الروسي، فلاديمير #بوتين، أن موسكو أجرت اختبارات لمجموعة من الأسلحة النووية الجديدة."
)


def test_the_authors_which_means_that_is_no_content_of_the_verb_before() -> None:
    record = extract(ZIDANE_DECISION)
    assert find(record, "أي فريق يستطيع رفض تحية غريمه مستقبلاً") is None, describe(record)


def test_hashtag_inside_a_name_keeps_the_name_whole() -> None:
    record = extract(PUTIN_HASHTAG)
    (quote,) = statements(record)
    assert "بوتين" in (speaker_name(record, quote) or ""), describe(record)


# ../shared/corpus ant2-SK-sport-1840-20180625 (Sky News Arabia; not annotated)
MIDFIELDER_SAID = (
    'وقال لاعب وسط منتخب السنغال، ألفريد ندياي: "المشكلة كانت في كثرة التحركات من الجانب الياباني.'
    ' لعبنا خلال فترات بشكل أفضل من أدائنا أمام بولندا".'
)


# ../shared/corpus ant2-BB-internationalNews-834-20180719 (BBC Arabic; not annotated)
MARTHA_SAYS = 'وتقول مارثا: "إن كثيرا من التعليقات التي تصلنا إيجابية".'
# ../shared/corpus ant2-SK-sport-1226-20180518 (Sky News Arabia; not annotated; the sentence shortened)
AGUERO_ANNOUNCED = (
    "أعلن المهاجم الأرجنتيني لنادي مانشستر سيتي الإنجليزي، سيرجيو أغويرو، أنه سيغيب عن المباراة."
)


def test_name_after_a_club_in_a_title_is_the_clubs_and_the_person_follows() -> None:
    record = extract(AGUERO_ANNOUNCED)
    (quote,) = statements(record)
    assert speaker_name(record, quote) == "سيرجيو أغويرو", describe(record)


# ../shared/corpus ant2-CN-middleEast-312-20180320 (CNN Arabic; not annotated; the verb made impersonal)
DATELINE_THEN_DROPPED = (
    "(CNN)— أكثر من 30 ألف سوري فروا بسبب الصراع الذي تشهده الغوطة الشرقية. ويتوقع أن يصل الآلاف"
    " غيرهم في الأيام القادمة."
)


def test_outlet_in_a_dateline_is_no_subject_for_a_dropped_one() -> None:
    record = extract(DATELINE_THEN_DROPPED)
    assert all(q["speaker"] is None for q in statements(record)), describe(record)


# ../shared/corpus ant2-CN-middleEast-1612-20181019 and ant2-AL-internationalNews-248-20180227
DENIED_HOLDING_HIM = (
    "أثار اختفاء الناشط السياسي مصطفى النجار ضجة في مصر، بينما نفت السلطات المصرية احتجازه قائلة"
    ' إنه "ليس محبوساً".'
)
WITHOUT_DETAILS = "وقال المكتب الصحفي دون الخوض في التفاصيل إن الحريري تلقى الدعوة من المبعوث السعودي."
# the reporting clause of several corpus articles
SPOKESWOMAN_LATER = "وقالت متحدثة باسم البيت الأبيض في وقت لاحق إن الرئيس سيوقع القرار."


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        pytest.param(DENIED_HOLDING_HIM, "السلطات المصرية", id="object-with-pronoun"),
        pytest.param(WITHOUT_DETAILS, "المكتب الصحفي", id="without-adverbial"),
        pytest.param(SPOKESWOMAN_LATER, "متحدثة باسم البيت الأبيض", id="later-adverbial"),
    ],
)
def test_speaker_reference_ends_before_the_object_or_an_adverbial(text: str, speaker: str) -> None:
    record = extract(text)
    (quote,) = statements(record)
    assert quote["speaker"]["text"] == speaker, describe(record)


@pytest.mark.parametrize(
    ("text", "content", "reference"),
    [
        pytest.param(
            GUTERRES_URGED,
            "دعم جهود منسق الأمم المتحدة الخاص نيكولاي ملادينوف ومصر لتجنب التصعيد",
            "غوتيريش",
            id="object-after-the-name",
        ),
        pytest.param(ZIDANE_DECISION, "لن يقف لتحية أي شخص", "رونالدو", id="lam-the-one-spoken-to"),
    ],
)
def test_speaker_reference_stops_where_the_verbs_object_begins(
    text: str, content: str, reference: str
) -> None:
    record = extract(text)
    quote = find(record, content)
    assert quote is not None, describe(record)
    assert quote["speaker"]["text"] == reference, describe(record)


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        pytest.param(
            SCIENTISTS_SAID,
            "رصدوا بواسطة نظام ذكاء صناعي متطور إشارات راديو سريعة قادمة من الفضاء العميق",
            "علماء",
            id="plural-of-a-profession-is-unnamed",
        ),
        pytest.param(
            TUSK_WHERE_HE_SAID,
            'المجلس الأوروبي يدين "بأشد العبارات الممكنة" الهجوم الأخير',
            "دونالد تسك",
            id="verb-after-where-drops-its-subject",
        ),
        pytest.param(
            SUGA_WENT_ON,
            "إضافة إلى ذلك، نعتقد أنها ستحمل تداعيات خطيرة على التعاون الاقتصادي بين الحليفتين",
            "سوغا",
            id="past-verb-with-stem-ta-is-masculine",
        ),
    ],
)
def test_speaker_of_a_corpus_statement(text: str, content: str, speaker: str) -> None:
    record = extract(text)
    quote = find(record, content)
    assert quote is not None, describe(record)
    assert speaker_is(record, quote, speaker), describe(record)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        pytest.param(MIDFIELDER_SAID, "ألفريد ندياي", id="construct-takes-a-word-elsewhere-adverbial"),
        pytest.param(MARTHA_SAYS, "مارثا", id="name-shaped-like-a-manner-participle"),
    ],
)
def test_speaker_of_a_single_corpus_statement(text: str, speaker: str) -> None:
    record = extract(text)
    (quote,) = statements(record)
    assert speaker_is(record, quote, speaker), describe(record)
