"""Names found in the running text (qawl.entities.tagged): the tagger's names, organisation
phrases on a head noun of the lexicon, a name found once found again, clitics cut off.

Every text is a sentence of a development-set article (its id in the comment).
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import qawl
from qawl.doc import Doc
from qawl.entities.features import Resources
from qawl.entities.tagged import Taken, _body_form, known_bodies, organisation_phrases
from tests.store_data import dev_articles

# ant2-BB-middleEast-1083-20181011, first sentence, and a later one naming him by surname
KHASHOGGI = (
    "قال الرئيس التركي، رجب طيب أردوغان، إن أنقرة قلقة بشأن مصير الصحافي السعودي، جمال خاشقجي، "
    "الذي اختفى بعد زيارته القنصلية السعودية في اسطنبول في الثاني من الشهر الجاري.\n"
    "وشكك الرئيس التركي في الرد السعودي الرسمي، الذي أكد على أن القنصلية ليست لديها صور لخاشقجي "
    "تبين خروجه من مبنى القنصلية، وأن كاميرات المراقبة لا تسجل الصور.\n"
    'طلبت وزارة الخارجية البريطانية "أجوبة سريعة" بشأن اختفاء خاشقجي.'
)
# ant2-SK-internationalNews (Brunson)
TURKISH_GOVERNMENT = (
    "وتقول الحكومة التركية إنها كذلك لم تكن تعلم شيئا عن برانسون، إلى أن أثارت القنصلية الأميركية قضيته."
)
# anc-OMP18
LAVROV = (
    "إلى ذلك أكد سيرجى لافروف وزير الخارجية الروسي أن عددا من الدول الغربية تحاول تحريف ما تم "
    "التوصل إليه خلال اجتماع جنيف لتسوية الأزمة في سوريا."
)
# ant2-BB-internationalNews (Trump, North Korea)
WHITE_HOUSE = (
    'وقال ترامب في تصريحات لاحقة بالبيت الأبيض إن قرار الإلغاء "خيبة كبيرة لكوريا الشمالية '
    'والعالم"، مضيفا أن الجيش الأمريكي "مستعد إذا تطلب الأمر" للرد.'
)
# anc-OMP18
GHALIOUN = "وقال برهان غليون ، الرئيس السابق لما يسمى المجلس الوطني السوري ، إن ما يجري مؤامرة."


# anc-PSP12
MILITIAS = (
    'وأعلن الجيش السوري الحر التعامل مع العناصر والضباط من "حزب الله" والحرس الثوري الإيراني '
    'والميليشيات العراقية و"المنظمات الفلسطينية الموالية للعصابة الأسدية كأهداف مشروعة يجب القضاء '
    'عليها أينما وجدت على التراب السوري".'
)
# anc-LBP16
GOVERNMENT_AND_OPPOSITION = (
    'وقال فوزي إن الصين وروسيا أيدتا بقوة الاتفاق الذي تعهد فيه الوزراء بممارسة "ضغط مشترك ومتواصل" '
    "على الحكومة والمعارضة في سوريا."
)
# ant2-FR-internationalNews-1067-20180503
AMNESTY = (
    'وقال نائب مدير منظمة العفو الدولية لجنوب آسيا عمر وارياش "إن الصحافيين في أفغانستان هم من '
    'الأكثر شجاعة في العالم".'
)


def entities(text: str) -> dict[str, tuple[str, list[str]]]:
    """name -> (type, mention texts) of every entity of the record."""
    return {e.name: (e.type, [m.text for m in e.mentions]) for e in qawl.extract(text).entities}


def phrases(text: str) -> list[str]:
    doc = Doc.from_text(text)
    out = []
    for i, j in organisation_phrases(doc):
        out.append(doc.text[doc.tokens[i].start : doc.tokens[j - 1].end])
    return out


def test_a_surname_written_again_joins_the_full_name() -> None:
    found = entities(KHASHOGGI)
    assert found["جمال خاشقجي"][0] == "PER"
    mentions = found["جمال خاشقجي"][1]
    assert mentions.count("خاشقجي") == 2  # لخاشقجي (its preposition cut) and خاشقجي joined it
    assert "خاشقجي" not in found and "لخاشقجي" not in found
    assert found["وزارة الخارجية البريطانية"][0] == "ORG"  # the quotation after it is no name


def test_organisation_phrases_take_their_adjectives() -> None:
    assert phrases(TURKISH_GOVERNMENT) == ["الحكومة التركية", "القنصلية الأميركية"]


def test_a_ministry_inside_a_title_is_no_organisation_phrase() -> None:
    assert "الخارجية الروسي" not in " | ".join(phrases(LAVROV))


def test_a_multiword_organisation_of_the_lexicon_is_found_behind_its_preposition() -> None:
    found = entities(WHITE_HOUSE)
    assert found.get("البيت الأبيض", ("", []))[0] == "ORG"
    assert "كوريا الشمالية" in found
    assert "العالم" not in found and "والعالم" not in found  # the world is no place name


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (WHITE_HOUSE, "كوريا الشمالية"),  # لكوريا: the preposition is cut
        (GHALIOUN, "برهان غليون"),  # برهان: a name that starts with ب stays whole
    ],
)
def test_a_fused_preposition_is_cut_but_a_first_letter_kept(text: str, name: str) -> None:
    assert name in entities(text)


def test_what_qualifies_an_organisation_name() -> None:
    assert phrases(MILITIAS)[0] == "الجيش السوري"  # a nationality goes on; الحر is no country's
    assert not any("المنظمات" in p for p in phrases(MILITIAS))  # a plural head: a group
    assert "الحكومة والمعارضة" not in phrases(GOVERNMENT_AND_OPPOSITION)  # و + a body: a second one
    assert phrases(AMNESTY) == ["منظمة العفو الدولية"]  # الدولية: kept inside names in ANERcorp


# ant2-FR-internationalNews-672-20180411, the first and fourth paragraphs (the first cut)
FACEBOOK = (
    'اعتذر مؤسس ورئيس مجلس إدارة "فيس بوك" مارك زوكربرغ الثلاثاء أمام مجلس الشيوخ الأمريكي على جملة '
    "الانتقادات التي توجه لموقع التواصل الاجتماعي، خصوصا ما يتعلق ببيانات المستخدمين.\n"
    'وأكد مؤسس فيس بوك أن شبكته "آمنة "برغم كل القضايا المثبتة بالتلاعب وتحويل بيانات المستخدمين '
    'الشخصية كما حصل مع فضيحة "كامبريدج أناليتيكا".'
)
# ant2-SK-internationalNews-3087-20180819
GULEN = "ولحساب شبكة فتح الله غولن، رجل الدين الذي تتهمه أنقرة بتدبير محاولة الانقلاب الفاشل في صيف 2016."


def test_a_name_found_again_never_takes_a_quotation_mark() -> None:
    mentions = [m for e in qawl.extract(FACEBOOK).entities for m in e.mentions]
    assert mentions and not any(m.text.strip().endswith('"') or m.text.startswith('"') for m in mentions)


def test_a_place_the_base_knows_is_no_person() -> None:
    assert entities(GULEN)["أنقرة"][0] == "LOC"


# ant2-FR-internationalNews-1695-20180607
CEASEFIRE = (
    'وقال إن "الحكومة الأفغانية تأمر كل قوات الأمن والدفاع بوقف هجماتها ضد حركة طالبان خلال فترة '
    "وقف إطلاق النار هذا، لكن العمليات ستتواصل ضد ’داعش‘ (تنظيم ’الدولة الإسلامية‘) والقاعدة "
    'والمجموعات الإرهابية الدولية الأخرى".'
)


def test_bodies_news_names_alone_are_found_alone() -> None:
    found = entities(CEASEFIRE)
    assert found["داعش"][0] == "ORG"  # learned from the corpus: تنظيم داعش … داعش
    assert found["القاعدة"][0] == "ORG"  # والقاعدة: its conjunction cut
    assert any(name.endswith("طالبان") and typ == "ORG" for name, (typ, _) in found.items())


def test_known_bodies_looks_only_where_a_body_can_stand() -> None:
    """Testing only the tokens whose stem can be a body's finds what testing every token's
    body form finds, on every dev article (bodies behind و، ب، ل and with their article)."""
    res = Resources.beside(None)
    found = 0
    for article in dev_articles():
        doc = Doc.from_text(article.text)
        every = [i for i, t in enumerate(doc.tokens) if _body_form(t) in res.bodies or t.norm in res.bodies]
        assert known_bodies(doc, res) == every
        found += len(every)
    assert found  # the dev set names bodies: the comparison compared something


_SPAN = st.tuples(st.integers(0, 40), st.integers(1, 8)).map(lambda p: (p[0], p[0] + p[1]))


@given(st.lists(_SPAN, max_size=8), _SPAN)
def test_a_span_overlaps_what_is_taken_when_it_shares_a_character_with_a_span_taken(
    taken: list[tuple[int, int]], span: tuple[int, int]
) -> None:
    covered = Taken(50)
    for s, e in taken:
        covered.add(s, e)
    start, end = span
    assert covered.overlaps(start, end) == any(s < end and start < e for s, e in taken)
