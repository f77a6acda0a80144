"""Responses (qawl.quotes.responses): a statement that answers another's, found by its cue and
linked to the statement it answers in the same article. Fixtures are passages of real
articles: the seed article of the development set and articles of the ANT 2018 corpus (the id
of each in a comment)."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

from qawl.pipeline import analyse
from qawl.quotes.responses import alternatives, answers
from qawl.record import Article, Quote, Record

SEED = Path(__file__).resolve().parents[1] / "qawl" / "samples" / "seed-aleppo-2016.json"

# ant2-CN-economy-309-20180911: "وفي رده على تصريحات بوتين، قال …"
XI_ANSWERS_PUTIN = (
    "وقال الرئيس الروسي، فلاديمير بوتين، إن التبادل التجاري بين البلدين بلغ 87 مليار دولار العام الماضي،"
    ' ومن المتوقع أن يصل إلى 100 مليار دولار هذا العام، وفقا لما نقلته وكالة الانباء الروسية "تاس".\n'
    "وفي رده على تصريحات بوتين، قال الرئيس الصيني، شي جين بينغ: "
    '"إننا نعلم إنك تولي اهتماما كبيرا لتنمية العلاقات الروسية الصينية".'
)
# ant2-BB-middleEast-780-20180726: "رد على روحاني" (whom it answers is the verb's object)
TRUMP_ANSWERS_ROUHANI = (
    "كما علق روحاني، على تلويح الرئيس الأمريكي بمنع تصدير النفط الإيراني بالقول"
    ' "من يفهم قليلا في السياسية لا يوافق على وقف تصدير النفط الإيراني"، مذكرا أن بلاده'
    ' "تمتلك الكثير من المضائق، ومضيق هرمز واحد منها".\n'
    "وكان الرئيس الأمريكي رد على روحاني محذرا إيران من مغبة تهديد الولايات المتحدة، وقال في تغريدة على"
    ' موقع التواصل الاجتماعي تويتر "إن إيران ستواجه تبعات لم يواجهها إلا قلة عبر التاريخ".'
)
# ant2-BB-culture-104-20180408: an answer to a question is no answer to a statement
ANSWER_TO_A_QUESTION = (
    "وكانت فهمي قد وصفت عمل الإذاعي بأنه أشبه بالفنان التشكيلي، لأنه يثير خيال المستمع، وذلك ردا على"
    " سؤال يتعلق بعدم ظهورها تلفزيونيا."
)
# ant2-CN-economy-169-20180812: nor is an answer to an act
ANSWER_TO_SANCTIONS = (
    "قال الرئيس التركي، رجب طيب أردوغان، الأحد، إن بلاده ستتوجه إلى أسواق وتحالفات جديدة رداً على"
    " العقوبات الاقتصادية الأمريكية ضد أنقرة."
)
# ant2-BB-middleEast-1116-20181017: "في تصريحات" are the speaker's own words
OWN_STATEMENTS = "ونفى رئيس المجلس الشعبي الوطني في تصريحات لوسائل الإعلام المحلية هذه التهم."
# ant2-BB-middleEast-223-20180320: a statement that describes is the subject, not what is answered
A_STATEMENT_DESCRIBES = (
    'ووصف بيان لوزارة الدفاع السعودية المناورات بأنها "أضخم التمارين العسكرية، في المنطقة على الإطلاق".'
)
# ant2-BB-middleEast-1127-20181019: "هذه الاتهامات" were named before; the man after is not their author
THESE_ACCUSATIONS = (
    "ويقول مسؤولون إن رجلا حددوا هويته بالطبيب سُمع صوته وهو ينصح الآخرين بالاستماع للموسيقى."
    " ولم يعلق الطبيجي على هذه الاتهامات، ولكن رجلا زعم إنه عمه غرد قائلا إن الطبيب لن يقدم أبدا"
    ' "على جريمة كتلك".'
)


def record_of(text: str, published: str = "2018-09-11") -> Record:
    return analyse(Article(text=text, id="t", published=published))


def speaker(record: Record, quote: Quote) -> str:
    entity = record.entity(quote.speaker.entity if quote.speaker else None)
    return entity.name if entity else ""


def answering(record: Record) -> list[Quote]:
    return [q for q in record.quotes if q.responds_to is not None]


def test_the_seed_decline_answers_shoigu() -> None:
    data = json.loads(SEED.read_text(encoding="utf-8"))
    record = analyse(Article(**data))
    (decline,) = answering(record)
    assert decline.type == "decline" and "الخارجية الأمريكية" in speaker(record, decline)
    r = decline.responds_to
    assert r is not None and r.cue.text == "التعليق على ما أدلى به"
    assert record.text[r.cue.start : r.cue.end] == r.cue.text
    assert record.entity(r.speaker.entity).name == "سيرغي شويغو"
    assert r.statement is not None and r.statement.article == record.id
    answered = next(q for q in record.quotes if q.id == r.statement.quote)
    assert answered.text.startswith("إن روسيا") and speaker(record, answered) == "سيرغي شويغو"


def test_an_answer_to_statements_links_to_them_in_the_same_article() -> None:
    record = record_of(XI_ANSWERS_PUTIN)
    (xi,) = answering(record)
    assert "شي جين بينغ" in speaker(record, xi)
    r = xi.responds_to
    assert r is not None and "تصريحات" in r.cue.text and r.speaker.text == "بوتين"
    answered = next(q for q in record.quotes if r.statement and q.id == r.statement.quote)
    assert "بوتين" in speaker(record, answered) and "التبادل التجاري" in answered.text


def test_an_answer_to_a_person_names_them_as_its_object() -> None:
    record = record_of(TRUMP_ANSWERS_ROUHANI, "2018-07-26")
    found = answering(record)
    assert found, [(q.id, q.text) for q in record.quotes]
    r = found[0].responds_to
    assert r is not None and r.cue.text == "رد على" and r.speaker.text == "روحاني"
    assert r.statement is not None
    answered = next(q for q in record.quotes if q.id == r.statement.quote)
    assert "روحاني" in speaker(record, answered)


def test_answers_to_questions_acts_and_in_ones_own_statements_are_not_responses() -> None:
    for text in (ANSWER_TO_A_QUESTION, ANSWER_TO_SANCTIONS, OWN_STATEMENTS, A_STATEMENT_DESCRIBES):
        assert not answers(text), text
        assert not answering(record_of(text)), text


def test_an_answer_to_accusations_named_before_names_no_one_after() -> None:
    record = record_of(THESE_ACCUSATIONS, "2018-10-19")
    assert all(q.responds_to is None or q.responds_to.speaker.text != "رجلا" for q in record.quotes)
    assert not answering(record)


def test_the_phrases_trie_matches_as_the_phrases_longest_first_do() -> None:
    """The cue patterns are tries (alternatives); on texts full of the phrases' beginnings, a
    search with each finds what an alternation of the phrases, longest first, finds, and a
    continuation that fails sends both to the next shorter phrase alike."""
    rng = random.Random(13)
    words = ["رد", "ردا", "ردوا", "علي", "عل", "في", "ر"]
    for _ in range(300):
        phrases = list({" ".join(rng.choices(words, k=rng.randint(1, 3))) for _ in range(rng.randint(1, 6))})
        longest_first = "|".join(
            r"\s+".join(map(re.escape, p.split())) for p in sorted(phrases, key=len, reverse=True)
        )
        text = " ".join(rng.choices([*words, "قال", "\n"], k=40))
        for tail in ("", r"\s+علي", r"(?!\w)"):  # what must follow, or the match backs off
            trie = re.compile(f"(?<!\\w)(?:{alternatives(phrases)}){tail}")
            plain = re.compile(f"(?<!\\w)(?:{longest_first}){tail}")
            assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)]
