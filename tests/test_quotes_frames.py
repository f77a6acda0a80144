"""Cue frames (GUIDELINES.md, "Statements"): each way an article attributes words gives
the statement its type, its content boundaries and its speaker.

Each fixture is a paragraph of a gold article of the development set (its id in the
comment); the expected values are that article's annotation.
"""

from __future__ import annotations

import pytest
from helpers import chain_is, describe, extract, find, speaker_is, statements
from sentences import COLON_ZARIF, FAWZI_HASABAMA, REUTERS_WHITE_HOUSE

# ant2-BB-middleEast-430-20180501: قال … إن
NETANYAHU_SAID_430 = (
    "وقال نتنياهو إن هناك 55 ألف صفحة من الأدلة و55 ألف ملف على 183 أسطوانة تتعلق بمشروع عماد."
)
# ant2-BB-middleEast-430-20180501: قال … في بيان "…"
POMPEO_STATEMENT_430 = (
    'قال بومبيو في بيان "تظهر الوثائق التي حصلت عليها إسرائيل من داخل إيران دون أي شك أن'
    ' النظام الإيراني لم يكن يقول الحقيقة".\nوأضاف "تقييمنا هو أن الوثائق التي راجعناها'
    ' حقيقية"، مشيرا إلى أن "إيران أخفت سجلا نوويا كبيرا عن العالم، وعن الوكالة الدولية'
    ' للطاقة الذرية، حتى اليوم".'
)
# anc-LBP16: … حسب X
LCC_HASAB = (
    "وفي سوريا، سقط أمس 57 شهيداً أكثرهم في درعا ودير الزور وحمص وحلب حسب لجان التنسيق"
    " المحلية. (التفاصيل ص 15)"
)
# ant2-FR-internationalNews-1067-20180503: …، وفقا لـX
ALLAMI_WIFQAN = (
    "أما ظروف العمل الصحافي في العراق فلا تزال غير آمنة، وفقا لنقيب الصحافيين العراقيين مؤيد"
    " اللامي، الذي صرح في مداخلة مع فرانس 24 أن العراق فقد 470 صحافيا منذ العام 2003."
)
# ant2-BB-middleEast-430-20180501: وبحسب X "…"
NETANYAHU_BIHASAB_430 = (
    'وبحسب نتنياهو "تثبت هذه الملفات أن إيران كانت تكذب عندما قالت إنها لم يكن لديها قط برنامج نووي".'
)
# ant2-FR-internationalNews-1067-20180503: … مضيفا أن …
KHANJANI = (
    'وقال خنجاني "هذا اليوم يذكرنا بقسوة السنة الماضية" مضيفا أن زملاءه مفجوعون "وبشكل خاص'
    ' عندما نرى المقاعد الفارغة ... في مكتب الأخبار".'
)
# ant2-BB-middleEast-430-20180501: … مضيفا أن …
TRUMP_430 = (
    "وكان ترامب، الذي جاهر بمعارضته للاتفاق الذي وقع خلال فترة أوباما، قد قال إنه رأى جزءا من"
    ' عرض نتنياهو، مضيفا أن الوضع "غير مقبول".'
)
# ant2-BB-middleEast-925-20180829: طالب بـ، داعيا … إلى
AZHAR = (
    "وطالب الأزهر بتفعيل القوانين التي تجرم التحرش وتعاقب على فعله، داعيا المؤسسات المعنية"
    ' إلى "رفع الوعي المجتمع بأشكال التحرش وخطورته والتنفير من آثاره المدمرة على الأخلاق'
    ' والحياء خاصة التحرش بالأطفال".'
)
# ant2-BB-middleEast-430-20180501: تعهد بـ
NETANYAHU_PLEDGE_430 = "وتعهد نتنياهو منذ أمد طويل بوقف إيران عن تعزيز وجودها العسكري في سوريا."

NETANYAHU = ("نتنياهو", "رئيس الوزراء الإسرائيلي")


def test_said_that_is_indirect_and_starts_after_the_complementiser() -> None:
    record = extract(NETANYAHU_SAID_430)
    (quote,) = statements(record)
    assert quote["type"] == "indirect"
    assert quote["text"] == "هناك 55 ألف صفحة من الأدلة و55 ألف ملف على 183 أسطوانة تتعلق بمشروع عماد"
    assert speaker_is(record, quote, *NETANYAHU)


def test_pointed_out_that_with_quoted_words_is_mixed() -> None:
    record = extract(COLON_ZARIF)
    quote = find(record, "طهران “لا يمكن أن تضمن استقرارها دون استقرار من حولها")
    assert quote is not None, describe(record)
    assert quote["type"] == "mixed"
    assert quote["text"].startswith("طهران")
    assert speaker_is(record, quote, "محمد جواد ظريف", "ظريف", "رئيس الدبلوماسية الإيرانية")


def test_said_with_a_quotation_is_direct() -> None:
    record = extract(POMPEO_STATEMENT_430)
    content = (
        "تظهر الوثائق التي حصلت عليها إسرائيل من داخل إيران دون أي شك أن النظام الإيراني لم يكن يقول الحقيقة"
    )
    quote = find(record, content)
    assert quote is not None, describe(record)
    assert quote["type"] == "direct"
    assert quote["text"] == content
    assert speaker_is(record, quote, "مايك بومبيو", "بومبيو")


def test_reported_from_by_an_agency_is_the_speaker_via_the_agency() -> None:
    record = extract(REUTERS_WHITE_HOUSE)
    quote = find(record, 'التصريحات بشأن بنس كانت "القشة التي قصمت ظهر البعير')
    assert quote is not None, describe(record)
    assert quote["type"] == "mixed"
    assert speaker_is(record, quote, "مسؤول في البيت الأبيض"), describe(record)
    assert chain_is(record, quote, ["وكالة رويترز"]), describe(record)


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        pytest.param(
            LCC_HASAB,
            "سقط أمس 57 شهيداً أكثرهم في درعا ودير الزور وحمص وحلب",
            ("لجان التنسيق المحلية",),
            id="hasab",
        ),
        pytest.param(
            ALLAMI_WIFQAN,
            "ظروف العمل الصحافي في العراق فلا تزال غير آمنة",
            ("مؤيد اللامي", "نقيب الصحافيين العراقيين"),
            id="wifqan-li",
        ),
    ],
)
def test_according_to_attributes_the_clause_to_its_source(
    text: str, content: str, speaker: tuple[str, ...]
) -> None:
    record = extract(text)
    quote = find(record, content)
    assert quote is not None, describe(record)
    assert quote["type"] == "indirect"
    assert speaker_is(record, quote, *speaker), describe(record)


def test_according_to_with_a_quotation_is_direct() -> None:
    record = extract(NETANYAHU_BIHASAB_430)
    content = "تثبت هذه الملفات أن إيران كانت تكذب عندما قالت إنها لم يكن لديها قط برنامج نووي"
    quote = find(record, content)
    assert quote is not None, describe(record)
    assert speaker_is(record, quote, *NETANYAHU)
    assert quote["type"] == "direct"
    assert quote["text"] == content


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        pytest.param(
            KHANJANI,
            'زملاءه مفجوعون "وبشكل خاص عندما نرى المقاعد الفارغة ... في مكتب الأخبار',
            ("عبدالله خنجاني", "خنجاني"),
            id="after-a-quotation",
        ),
        pytest.param(
            TRUMP_430,
            'الوضع "غير مقبول',
            ("دونالد ترامب", "ترامب"),
            id="after-an-indirect-statement",
        ),
    ],
)
def test_participle_continues_the_statement_of_the_same_speaker(
    text: str, content: str, speaker: tuple[str, ...]
) -> None:
    record = extract(text)
    quote = find(record, content)
    assert quote is not None, describe(record)
    assert quote["type"] == "mixed"
    assert quote["cue"] is not None and quote["cue"]["text"].startswith("مضيفا")
    assert speaker_is(record, quote, *speaker), describe(record)


def test_demand_and_call_are_statements_whose_content_follows_the_preposition() -> None:
    record = extract(AZHAR)
    demand = find(record, "تفعيل القوانين التي تجرم التحرش وتعاقب على فعله")
    call = find(
        record,
        "رفع الوعي المجتمع بأشكال التحرش وخطورته والتنفير من آثاره المدمرة على الأخلاق والحياء"
        " خاصة التحرش بالأطفال",
    )
    assert demand is not None and call is not None, describe(record)
    assert demand["type"] == "indirect"
    assert demand["text"] == "تفعيل القوانين التي تجرم التحرش وتعاقب على فعله"
    assert speaker_is(record, demand, "الأزهر")
    assert speaker_is(record, call, "الأزهر")


def test_quoted_object_of_a_speech_act_is_mixed() -> None:
    record = extract(AZHAR)
    call = find(record, "رفع الوعي المجتمع بأشكال التحرش وخطورته")
    assert call is not None, describe(record)
    assert call["type"] == "mixed"


def test_pledge_is_a_statement() -> None:
    record = extract(NETANYAHU_PLEDGE_430)
    (quote,) = statements(record)
    assert quote["type"] == "indirect"
    assert quote["text"] == "وقف إيران عن تعزيز وجودها العسكري في سوريا"
    assert speaker_is(record, quote, *NETANYAHU)


def test_postposed_cue_attributes_the_clause_before_it() -> None:
    record = extract(FAWZI_HASABAMA)
    quote = find(record, 'الأمم المتحدة ترى "تحولاً" في موقفي روسيا والصين')
    assert quote is not None, describe(record)
    assert quote["type"] == "mixed"
    assert speaker_is(record, quote, "أحمد فوزي", "متحدث باسم الوسيط الدولي كوفي أنان")
    first = find(
        record,
        "مؤتمر المعارضة السورية توافق على إسقاط نظام الرئيس السوري بشار الأسد وتشكيل حكومة وحدة وطنية",
    )
    assert first is not None and first is not quote, describe(record)
    assert speaker_is(record, first, "عبدالباسط سيدا")


@pytest.mark.parametrize(
    ("text", "content"),
    [
        pytest.param(FAWZI_HASABAMA, 'الأمم المتحدة ترى "تحولاً" في موقفي روسيا والصين', id="hasabama"),
        pytest.param(LCC_HASAB, "سقط أمس 57 شهيداً أكثرهم في درعا ودير الزور وحمص وحلب", id="hasab"),
    ],
)
def test_postposed_cue_content_is_the_clause_without_its_connective(text: str, content: str) -> None:
    record = extract(text)
    quote = find(record, content)
    assert quote is not None, describe(record)
    assert quote["text"] == content


# ../shared/corpus ant2-CN-middleEast-797-20180504 (CNN Arabic; not annotated)
ASYLUM_REPORT = (
    "وأظهر التقرير الذي تناول الفترة الزمنية بين العام 2012 و2017 أن المواطنين السوريين يتمتعون"
    ' بمعدلات رفض متدنية أيضا.\nويذكر أن "اللجوء" هو حالة تمنح للأفراد الفارين من الملاحقة القضائية'
    " في بلدانهم للعيش في دول أخرى."
)


def test_impersonal_it_is_noted_that_is_the_authors_voice() -> None:
    record = extract(ASYLUM_REPORT)
    assert find(record, "اللجوء هو حالة تمنح للأفراد الفارين من الملاحقة القضائية") is None, describe(record)


def test_the_same_verb_with_a_subject_is_a_statement() -> None:
    record = extract("ويذكر الوزير أن الحكومة ستبدأ تلقي طلبات المستثمرين في أغسطس.")
    quote = find(record, "الحكومة ستبدأ تلقي طلبات المستثمرين في أغسطس")
    assert quote is not None and speaker_is(record, quote, "الوزير"), describe(record)


# ../shared/corpus ant2-FR-middleEast-288-20180415 (AFP; not annotated)
OFFICIAL_AS_CONFIRMED = (
    "وصلت بعثة منظمة حظر الأسلحة الكيميائية إلى مدينة دوما السبت ومن المقرر أن تبدأ عملها الأحد، وفق"
    " ما أكد مسؤول سوري رفيع لوكالة فرانس برس، تمهيدا لمباشرة تحقيقاتها حول هجوم كيميائي مفترض."
)
# eval/jawhara/ant1-JA-localNews-1293-20161118 (Jawhara FM; annotated blind, round 4)
PLEDGE_AS_NOUN = (
    "وأكد يوسف الشاهد، في رده على استفسارات النواب، على تعهد الحكومة بمحاربة الفساد ومواصلة هذا المنحى"
    " الذي تبنته منذ بداية عملها."
)


def test_verb_of_an_as_source_phrase_opens_no_statement_of_its_own() -> None:
    record = extract(OFFICIAL_AS_CONFIRMED)
    assert len(statements(record)) == 1, describe(record)
    quote = statements(record)[0]
    assert speaker_is(record, quote, "مسؤول سوري رفيع"), describe(record)
    assert chain_is(record, quote, ["وكالة فرانس برس"]), describe(record)


def test_word_spelled_like_a_verb_after_a_preposition_is_a_noun() -> None:
    record = extract(PLEDGE_AS_NOUN)
    assert all(speaker_is(record, q, "يوسف الشاهد") for q in statements(record)), describe(record)


# ../shared/corpus ant2-SK-internationalNews-2845-20180731 (Sky News Arabia; not annotated)
NOT_DISCLOSED = (
    "وفي حين لم يكشف عن نوع الخلل الذي وقع في الصاروخ الذي أطلق من قاعدة فاندبرغ، تواصل القيادة"
    " تحقيقها في أسباب فشل التجربة."
)


def test_negated_verb_of_disclosure_reports_nothing() -> None:
    record = extract(NOT_DISCLOSED)
    assert statements(record) == [], describe(record)
