"""qawl.arabic.quotemarks: one test per quotation style seen in real articles."""

from qawl.arabic.quotemarks import Quotation, find_quotations


def quoted(text: str) -> list[str]:
    return [text[q.inner_start : q.inner_end] for q in find_quotations(text)]


def test_curly_pair() -> None:  # seed-aleppo-2016
    t = "تجنبت “الخارجية الأمريكية” التعليق على ما أدلى به وزير الدفاع الروسي “سيرغي شويغو” حول تعاون"
    qs = find_quotations(t)
    assert quoted(t) == ["الخارجية الأمريكية", "سيرغي شويغو"]
    assert t[qs[0].start : qs[0].end] == "“الخارجية الأمريكية”" and qs[0].balanced


def test_same_char_reversed_pair_with_spaces() -> None:  # seed-aleppo-2016
    t = "وقالت مديرة المكتب الصحفي في الخارجية الأمريكية ” إليزابيث ترودو” : “تابعنا التقارير الصحفية.”"
    assert quoted(t) == [" إليزابيث ترودو", "تابعنا التقارير الصحفية."]


def test_reversed_pair() -> None:  # ant2018
    t = "وكتب لارس كالشكه، الأستاذ في جامعة هامبورج، تغريدة جاء فيها ”يستمر الطقس المجنون بضراوة وثبات مخيف“."
    assert quoted(t) == ["يستمر الطقس المجنون بضراوة وثبات مخيف"]


def test_guillemets_and_spaced_guillemets() -> None:  # snn-alyaum, ant2-FR-1821
    t = "وطالب البيان الحكومة التركية وحزب العمال الكردستاني بـ «العودة إلى عملية السلام»."
    assert quoted(t) == ["العودة إلى عملية السلام"]
    t = "وتابع « عائلتي هربت أمس إلى صنعاء، وبقيت لوحدي لحراسة البيت من اللصوص »."
    assert quoted(t) == [" عائلتي هربت أمس إلى صنعاء، وبقيت لوحدي لحراسة البيت من اللصوص "]


def test_straight_marks_alternate_and_glue() -> None:  # ant2-AL-economy-374
    t = 'وأشاد أويحيى بـ"العلاقات السياسية والتعاون والتبادل التجاري بين الجزائر وإسبانيا"، لكنه أوضح'
    assert quoted(t) == ["العلاقات السياسية والتعاون والتبادل التجاري بين الجزائر وإسبانيا"]
    t = 'وأضاف لبي بي سي :"روسيا هي من اخترعته". وقال "نعم" و"لا".'
    assert quoted(t) == ["روسيا هي من اخترعته", "نعم", "لا"]


def test_colon_then_space_opens() -> None:  # ant2018
    t = 'وقال:" الانتظار كان طويلاً والفرحة كانت كبيرة بالنسبة لهم".'
    assert quoted(t) == [" الانتظار كان طويلاً والفرحة كانت كبيرة بالنسبة لهم"]


def test_mixed_straight_and_double_prime() -> None:  # ant2018
    t = 'وكان "مصدر مقرب" قد قال لموقع "اليوم 24″ المغربي إن والدة "حياة" تعمل'
    assert quoted(t) == ["مصدر مقرب", "اليوم 24", "حياة"]


def test_glued_closing_mark_is_read_by_parity() -> None:  # ant2018: مثل” طعن شاب”.
    t = "ما هو محتوى الموضوع مثل” طعن شاب”."
    assert quoted(t) == [" طعن شاب"]


def test_quotation_across_sentences_and_ellipsis() -> None:  # seed-aleppo-2016, ant2018
    t = "وتابع شويغو قوله: “نحن الآن في مرحلة نشطة للغاية مع زملائنا الأميركيين.. نقترب خطوة بخطوة” من سوريا."
    (q,) = find_quotations(t)
    assert t[q.end :] == " من سوريا." and q.balanced
    t = "كما قال إنفانتينو ـ «... أن تبدأ الموسم وأنت تعرف أفراد تشكيلتك»."
    assert quoted(t) == ["... أن تبدأ الموسم وأنت تعرف أفراد تشكيلتك"]


def test_nested_guillemets_in_straight_quote() -> None:  # ant2018 style
    t = 'وقال "ضد إيران وليس ضد وكلائها، في إشارة إلى «حزب الله» اللبناني" أمس'
    assert quoted(t) == ["ضد إيران وليس ضد وكلائها، في إشارة إلى «حزب الله» اللبناني", "حزب الله"]


def test_quotation_continued_over_paragraphs() -> None:  # ant2018, English convention
    t = (
        'وقالت سيرينا "أشعر بامتنان كبير أني كنت مرتبطة بفريق مذهل في الطب والتمريض.\n'
        '"كان لديهم علم بكيفية التعامل تماما مع هذه المشكلات".\n'
        "وحثت سيرينا الناس على التبرع."
    )
    (q,) = find_quotations(t)
    assert q.balanced and t[q.start] == '"' and t[q.end - 1] == '"'
    assert t[q.end :].startswith(".\nوحثت")


def test_unbalanced_opening_runs_to_paragraph_end() -> None:  # ant2-BB-internationalNews-1115
    t = (
        'وأضاف أن "هذه الجلسة للموافقة على تعيينه أصبحت وصمة عار أمام المجتمع الأمريكي بسبب هذه الاتهامات.\n'
        '"وجوب محاسبة المسؤولين" قال'
    )
    qs = find_quotations(t)
    assert qs[0] == Quotation(9, qs[0].end, 10, qs[0].end, False)
    assert t[qs[0].inner_start : qs[0].inner_end].endswith("بسبب هذه الاتهامات")
    assert quoted(t)[1] == "وجوب محاسبة المسؤولين" and qs[1].balanced  # no continuation: it closes at once


def test_stray_closing_mark_is_ignored() -> None:  # snn-alriyadh-7498f63a7b
    t = 'وأكد عراقجي بأنه ذُكر في الاتفاق بان المفتشين لا يمكنهم المجيء إلى إيران".'
    assert find_quotations(t) == []


def test_never_pairs_across_paragraphs_without_continuation() -> None:
    t = 'وقال "نحن لن نتراجع.\nوأضاف المصدر" كلام'
    qs = find_quotations(t)
    assert len(qs) == 1 and not qs[0].balanced and "\n" not in t[qs[0].start : qs[0].end]


def test_many_marks_stay_linear() -> None:
    t = ' قال "نعم" و«لا»' * 25_000  # 100,000 marks
    qs = find_quotations(t)
    assert len(qs) == 50_000 and all(q.balanced for q in qs)
