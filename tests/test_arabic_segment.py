"""qawl.arabic.segment: sentences, tokens and clitic splits on real sentences."""

from qawl.arabic.segment import sentences, split_clitics, tokens, words

# seed-aleppo-2016, paragraphs 2-4
ALEPPO = (
    "وقالت مديرة المكتب الصحفي في الخارجية الأمريكية ” إليزابيث ترودو” : “تابعنا التقارير الصحفية وما نقلته"
    " عن لسان وزير الدفاع الروسي وليس لدينا شيء لنعلن عنه حاليا. نحن نتحدث بشكل دوري مع الروس حول طرق تدعيم"
    " وقف الأعمال العدائية.”\n"
    "كانت وكالة الإعلام الروسية قد نقلت عن وزير الدفاع الروسي “سيرغي شويغو” قوله أمس الاثنين، “إن روسيا"
    " على وشك البدء في عمل عسكري مشترك في مدينة حلب”. ونشرت صحيفة “واشنطن بوست” في 16 يوليو/تموز"
    " الماضي، وثيقة.\n"
    "وتابع شويغو قوله: “نحن الآن في مرحلة نشطة للغاية من المفاوضات مع زملائنا الأميركيين.. نقترب خطوة بخطوة"
    " من خطة ستسمح لنا حقا بالبدء في القتال معا” من سوريا."
)


def spans(text: str) -> list[str]:
    return [text[s:e] for s, e in sentences(text)]


def test_quoted_passage_of_two_sentences_stays_one_sentence() -> None:
    out = spans(ALEPPO)
    assert len(out) == 4
    assert out[0].startswith("وقالت") and out[0].endswith("العدائية.”")
    assert out[1].endswith("مدينة حلب”.")  # the sentence ends after the '.' past the closing mark
    assert out[2].startswith("ونشرت") and out[3].endswith("من سوريا.")


def test_sentence_spans_are_trimmed_offsets() -> None:
    text = '  وقال ترامب إن الجلسىة "يوم هام في تاريخ بلادنا". ولم يستمع أحد إلى فورد، 51 عاما.  \n\n'
    out = sentences(text)
    assert [text[s:e] for s, e in out] == [
        'وقال ترامب إن الجلسىة "يوم هام في تاريخ بلادنا".',
        "ولم يستمع أحد إلى فورد، 51 عاما.",
    ]


def test_no_split_in_decimals_abbreviations_or_open_quotes() -> None:
    assert len(spans("ارتفع السهم بنسبة 4.50 بالمئة. وقال د. أحمد إن النمو 3.5 بالمئة.")) == 2
    # ant2-AL: an unclosed quotation keeps its sentences together up to the paragraph end
    text = 'وأضاف "إذا كان ذهاب الرئيس يحقق مصلحة البلد فمن الطبيعي أن يذهب.. هذا بديهي. لا يجوز.\nوقال آخر.'
    assert len(spans(text)) == 2


def test_question_exclamation_and_ellipsis_split() -> None:
    text = "ما هو غاز الأعصاب؟ إنه سلاح! وماذا بعد… لا أحد يعرف"
    assert spans(text) == ["ما هو غاز الأعصاب؟", "إنه سلاح!", "وماذا بعد…", "لا أحد يعرف"]


def test_multi_paragraph_quotation_still_breaks_at_paragraphs() -> None:
    text = 'قالت "أشعر بامتنان كبير. شكرا.\n"كان لديهم علم. لو لم أجد هذا".\nوحثت الناس.'
    assert spans(text) == ['قالت "أشعر بامتنان كبير. شكرا.', '"كان لديهم علم. لو لم أجد هذا".', "وحثت الناس."]


def test_tokens_offsets_and_punctuation() -> None:
    text = 'وأشاد أويحيى بـ"العلاقات السياسية"، وقال: 11% من ٢٠١٨ F16'
    toks = tokens(text)
    assert all(text[t.start : t.end] == t.text for t in toks)
    assert [t.text for t in toks] == [
        "وأشاد", "أويحيى", "بـ", '"', "العلاقات", "السياسية", '"', "،",
        "وقال", ":", "11", "%", "من", "٢٠١٨", "F16",
    ]  # fmt: skip
    assert toks[13].norm == "2018" and toks[3].norm == '"'


def test_tokens_keep_harakat_inside_words_and_window() -> None:
    text = "قالَ المُتحدّث: نَعَم"
    toks = tokens(text)
    assert [t.text for t in toks] == ["قالَ", "المُتحدّث", ":", "نَعَم"]
    assert toks[1].norm == "المتحدث" and toks[1].prefix == "ال" and toks[1].stem == "متحدث"
    assert [t.text for t in tokens(text, 5, 14)] == ["المُتحدّث"]


def test_clitic_splits_of_news_words() -> None:
    cases = {
        "والولايات": ("وال", "ولايات", ""),
        "بالوزير": ("بال", "وزير", ""),
        "للتواصل": ("لل", "تواصل", ""),
        "وأضاف": ("و", "اضاف", ""),
        "سيتم": ("س", "يتم", ""),
        "قوله": ("", "قول", "ه"),
        "ومنزلها": ("و", "منزل", "ها"),
        "وزير": ("", "وزير", ""),  # not و+زير
        "بغداد": ("", "بغداد", ""),  # not ب+غداد
        "لكنه": ("", "لكن", "ه"),  # not ل+كنه
        "إليه": ("", "اليه", ""),  # إلى is not ال
        "الذي": ("", "الذي", ""),
        "المدينة": ("ال", "مدينه", ""),  # ة is not a suffix
        "روسي": ("", "روسي", ""),  # nisba, not "my"
        "كانت": ("", "كانت", ""),
        "فيما": ("", "فيما", ""),
        "والله": ("و", "الله", ""),
    }
    assert {w: split_clitics(w) for w in cases} == cases


def test_stem_offsets_skip_harakat_of_the_prefix() -> None:
    text = "قال إنّ وَبِالوزيرِ كتابُهم"
    tok = tokens(text)[2]
    assert (tok.prefix, tok.stem) == ("وبال", "وزير")
    assert text[tok.stem_start : tok.stem_end] == "وزيرِ"
    tok = tokens(text)[3]
    assert (tok.stem, tok.suffix) == ("كتاب", "هم") and text[tok.stem_start : tok.stem_end] == "كتابُ"


def test_words_are_spans_without_punctuation() -> None:
    text = "نقلت عن “سيرغي شويغو” قوله."
    assert [text[s:e] for s, e in words(text)] == ["نقلت", "عن", "سيرغي", "شويغو", "قوله"]
