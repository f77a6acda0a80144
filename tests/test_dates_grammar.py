"""Date expressions in real sentences of the dev articles, resolved against their articles'
publication dates."""

from __future__ import annotations

import pytest

from qawl.dates import find_dates, published_date
from qawl.doc import Doc


def dates(text: str, published: str | None) -> list[tuple[str, str]]:
    return [(d.text, d.value) for d in find_dates(Doc.from_text(text), published)]


CASES = [
    # (published, sentence, expression, value)
    (
        "2016-07-19",
        "ويشار إلى أنه تم اطلاق سراح زوجة محمد الحويج بوهلال يوم الأحد 17 جويلية 2016"
        " بعد 48 ساعة من إيقافها.",
        "يوم الأحد 17 جويلية 2016",
        "2016-07-17",
    ),
    (
        "2018-09-27",
        "أدلت كريستين بلازي فورد بشهادتها ضد القاضي بريت كافانو، بعد أن اتهمته بالاعتداء عليها جنسيا"
        ' منذ 36 عاما مما أثر على حياتها "بصورة جذرية".',
        "منذ 36 عاما",
        "1982",
    ),
    (
        "2018-10-11",
        "قال الرئيس التركي، رجب طيب أردوغان، إن أنقرة قلقة بشأن مصير الصحافي السعودي، جمال خاشقجي،"
        " الذي اختفى بعد زيارته القنصلية السعودية في اسطنبول في الثاني من الشهر الجاري.",
        "الثاني من الشهر الجاري",
        "2018-10-02",
    ),
    (
        "2018-10-11",
        "في أيلول / سبتمبر 2017، كتب مقالة رأي لصحيفة واشنطن بوست.",
        "أيلول / سبتمبر 2017",
        "2017-09",
    ),
    (
        "2015-07-31",
        "وسيحل دانفور محل الجنرال مارتن ديمبسي الذي من المتوقع أن يترك المنصب في سبتمبر/أيلول القادم.",
        "سبتمبر/أيلول القادم",
        "2015-09",
    ),
    (
        "2015-07-31",
        "منذ اندلاع النزاع المسلحة شرقي أوكرانيا في أبريل/نيسان من العام الماضي.",
        "أبريل/نيسان من العام الماضي",
        "2014-04",
    ),
    (
        "2015-07-31",
        "قال المتحدث باسم المنظمة طارق يساريفيتش إنه منذ أواسط أبريل/نيسان عام 2014 وحتى الـ24 من"
        " يوليو/تموز عام 2015 فإن ما لا يقل عن 6829 شخصا قتلوا وأصيب 17069 بجروح.",
        "الـ24 من يوليو/تموز عام 2015",
        "2015-07-24",
    ),
    (
        "2015-07-21",
        "وهجوم، قبل ثلاثة شهور، في دالاس (ولاية تكساس) قام به متطرفون على معرض لصور كاريكاتيرية.",
        "قبل ثلاثة شهور",
        "2015-04",
    ),
    (
        "2015-07-21",
        "وكان خامنئي قال أول من أمس، إن «الاتفاق مع القوى العالمية لا يعني حدوث أي تحول أوسع».",
        "أول من أمس",
        "2015-07-19",
    ),
    (
        "2015-07-21",
        "كتب في صفحته في موقع «فيسبوك» أنه يريد «(الاستشهاد) قبل نهاية شهر رمضان»، وصار واضحا أنه نفذ"
        " ما يريد في آخر يوم في شهر رمضان.",
        "آخر يوم في شهر رمضان",
        "2015-07-16",
    ),
    (
        "2018-08-09",
        "قالت إنها المرة الأولى منذ حرب 2014تسقط قذيفة على هذه المسافة وليس في جوار قطاع غزة.",
        "2014",
        "2014",
    ),
]


@pytest.mark.parametrize(("published", "sentence", "expression", "value"), CASES)
def test_expressions_of_dev_sentences(published: str, sentence: str, expression: str, value: str) -> None:
    assert (expression, value) in dates(sentence, published)


def test_a_year_after_one_the_text_named() -> None:
    text = (
        "وأدى تأكيد ترشح القاضي كلارينس توماس في المحكمة العليا عام 1991 على الرغم من مزاعم بالتحرش"
        " الجنسي، إلى ظهور جيل جديد من الساسة النساء في الانتخابات العام التالي"
    )
    assert dates(text, "2018-09-27") == [("عام 1991", "1991"), ("العام التالي", "1992")]


def test_a_bare_weekday_takes_the_tense_of_its_clause() -> None:
    past = "ورفضت محكمة استئناف إطلاق سراحه، الجمعة، وقالت إن عملية جمع الأدلة لا تزال جارية."
    future = "ومن المزمع أن تصوت اللجنة الجمعة، ولكن رئيسها السيناتور الجمهوري تشاك غراسلي ترك الباب مفتوحا."
    assert dates(past, "2018-08-19") == [("الجمعة", "2018-08-17")]  # a Sunday: the Friday before
    assert dates(future, "2018-09-27") == [("الجمعة", "2018-09-28")]  # a Thursday: the next day


def test_a_future_verb_in_the_reported_content_does_not_move_the_saying() -> None:
    text = "وقالت وزارة الخارجية الروسية، يوم السبت، إنها ستطرد موظفين بريطانيين."
    assert dates(text, "2018-03-18") == [("يوم السبت", "2018-03-17")]


def test_a_weekday_gets_the_date_in_brackets_after_it() -> None:
    text = 'وأخبر المسؤولين أنه سيعود يوم الثلاثاء (2 أكتوبر) لأخذ الوثيقة".'
    assert dates(text, "2018-10-11") == [("يوم الثلاثاء", "2018-10-02"), ("2 أكتوبر", "2018-10-02")]


def test_the_texts_weekday_wins_over_a_publication_date_a_day_late() -> None:
    text = (
        "كما أكد عبد اللهيان في تصريحات لقناة “العالم “الإيرانية نشرت اليوم الاثنين (الثالث من آب/"
        " أغسطس 2015) استعداد إيران للتعاون مع السعودية."
    )
    assert dates(text, "2015-08-04") == [
        ("اليوم الاثنين", "2015-08-03"),
        ("الثالث من آب/ أغسطس 2015", "2015-08-03"),
    ]


def test_without_a_publication_date_only_what_the_text_fixes() -> None:
    text = (  # seed-aleppo-2016, then ant1-JA-internationalNews-420-20160719
        "كانت وكالة الإعلام الروسية قد نقلت عن وزير الدفاع الروسي “سيرغي شويغو” قوله أمس الاثنين."
        " ويشار إلى أنه تم اطلاق سراح زوجة محمد الحويج بوهلال يوم الأحد 17 جويلية 2016"
        " بعد 48 ساعة من إيقافها."
    )
    assert dates(text, None) == [("يوم الأحد 17 جويلية 2016", "2016-07-17")]


def test_a_fused_conjunction_is_not_part_of_the_expression() -> None:
    text = (  # ant2-AL-economy-213-20180311
        "وأمس السبت، حث #الاتحاد_الأوروبي واليابان الولايات المتحدة على منحهما إعفاءات من الرسوم"
        " الجمركية على المعادن."
    )
    assert dates(text, "2018-03-11") == [("أمس السبت", "2018-03-10")]
    text = "بحسب إحصائيات البنك الدولي للعام الماضي."  # ant2-AL-economy-569-20180513
    assert dates(text, "2018-05-13") == [("للعام الماضي", "2017")]


def test_a_count_is_no_year() -> None:
    text = 'وقال: "دخلي الشهري يتراوح ما بين 2000 إلى 2500 ريال شهرياً".'
    assert dates(text, "2018-05-01") == []


def test_a_range_of_years_names_no_year() -> None:
    text = "وتعود هذه الأعمال إلى الحرب الأهلية اللبنانية (1975-1990) التي عايشتها."
    assert dates(text, "2018-05-01") == []


def test_a_surname_that_is_a_month_needs_a_day_or_a_year() -> None:
    # ant2-AL-internationalNews (2018-05-22) and the row of 2018-06-24 in data/dates_corpus.tsv
    surname = (
        "ويشدد الادعاء على ضرورة ضمان بقاء طارق رمضان في فرنسا، وتجنب حصول أي ضغوط محتملة على المشتكيات."
    )
    hijri = "بدء السماح بقيادة المرأة للسيارة اعتبارا من اليوم الأحد الموافق 10 شوال 1439 هـ."
    assert dates(surname, "2018-05-22") == []
    assert ("10 شوال 1439 هـ", "2018-06-24") in dates(hijri, "2018-06-24")


def test_published_date_reads_a_timestamp_and_refuses_garbage() -> None:
    assert str(published_date("2016-08-02T10:00:00Z")) == "2016-08-02"
    assert published_date("yesterday") is None
    assert published_date(None) is None


def test_a_count_past_the_calendar_and_a_placeholder_publication_date_give_no_date() -> None:
    # ant2-AL-internationalNews-502-20180317: 2,500 years before 2018 is before year 1
    text = "والتي تصنف كأقدم مدينة مأهولة بالسكان منذ 2500 سنة"
    assert dates(text, "2018-03-17") == []
    seed = "كانت وكالة الإعلام الروسية قد نقلت عن وزير الدفاع الروسي “سيرغي شويغو” قوله أمس الاثنين."
    assert dates(seed, "0001-01-01") == [] and dates(seed, "9999-12-31") == []
