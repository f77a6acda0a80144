"""The seed article, whole (qawl.samples; gold: eval/dev/seed-aleppo-2016.json): exactly
its five statements, a decline and four statements with their speakers and chains.

The four statements about the document (الوثيقة) are annotated optional (a document as
source): finding them is neither required nor wrong.
"""

from __future__ import annotations

import pytest
from helpers import chain_is, declines, describe, extract, speaker_is, statements

from qawl import samples
from qawl.evaluate import overlap_f1

SHOIGU = ("سيرغي شويغو", "شويغو", "وزير الدفاع الروسي")
TRUDEAU = ("إليزابيث ترودو", "ترودو", "مديرة المكتب الصحفي في الخارجية الأمريكية")
AGENCY = ["وكالة الإعلام الروسية"]

# (type, content, speaker names, chain)
REQUIRED = [
    (
        "direct",
        "تابعنا التقارير الصحفية وما نقلته عن لسان وزير الدفاع الروسي وليس لدينا شيء لنعلن عنه"
        " حاليا. نحن نتحدث بشكل دوري مع الروس حول طرق تدعيم وقف الأعمال العدائية وتحسين طرق وصول"
        " المساعدات الإنسانية وتوفير الظروف الضرورية للتوصل إلى حل سياسي للصراع.",
        TRUDEAU,
        [],
    ),
    (
        "direct",
        "إن روسيا ولالولايات المتحدة على وشك البدء في عمل عسكري مشترك في مدينة حلب",
        SHOIGU,
        AGENCY,
    ),
    (
        "direct",
        "نحن الآن في مرحلة نشطة للغاية من المفاوضات مع زملائنا الأميركيين.. نقترب خطوة بخطوة من"
        " خطة -وأنا أتحدث هنا عن حلب فقط- ستسمح لنا حقا بالبدء في القتال معا لإحلال السلام، بحيث"
        " يمكن للسكان العودة لديارهم في هذه المنطقة المضطربة",
        SHOIGU,
        AGENCY,
    ),
    (
        "mixed",
        "المفاوضات بين الجانبين تقترب من نهايتها سواء في جنيف أو في عمان لوضع نهاية للمأساة السورية",
        SHOIGU,
        AGENCY,
    ),
]
OPTIONAL = [  # the document's statements (speaker_type DOCUMENT)
    "بند يقترح أن تقوم طائرات أمريكية أو روسية بقصف تلك الأهداف، على أن تتم تلك العمليات من"
    " خلال مركز للتنسيق يتم إنشاؤه في ضواحي العاصمة الأردنية عمان",
    "إمكانية أن يتفق الطرفان على تاريخ تنفيذ تلك الغارات الجوية ضد أهداف تابعة لجبهة النصرة",
    "إيقاف طيران النظام السوري عن أي قصف جوي في مناطق يتم تحديدها مسبقًا، واستثنى المقترح تلك"
    " الطلعات الجوية غير الحربية أو الهجومية، أو الغارات التي تستهدف جبهة النصرة في حالة سيطرتها"
    " على مزيد من المناطق",
    "يقيم الأمريكيون والروس بالتعاون مركزين منفصلين لكل منهما، ومكتب مشترك لتبادل المعلومات،"
    " يتم إرسال خبراء أمنيين وضباطًا من كلا الجانبين إلى تلك المراكز، التي ستضطلع بمهمة الإعداد"
    " للخطط العسكرية والطلعات الجوية وأهدافها",
]


@pytest.fixture(scope="module")
def record() -> dict:
    seed = samples.load()[0]
    assert seed.id == "seed-aleppo-2016"
    return extract(seed.text, published=seed.published, source=seed.source, id=seed.id)


def test_seed_decline_is_by_the_state_department(record: dict) -> None:
    found = declines(record)
    assert len(found) == 1, describe(record)
    (decline,) = found
    assert decline["text"] == "" and decline["start"] is None and decline["end"] is None
    assert speaker_is(record, decline, "الخارجية الأمريكية"), describe(record)
    assert chain_is(record, decline, [])


@pytest.mark.parametrize(
    ("kind", "content", "speaker", "via"),
    [pytest.param(*gold, id=f"{gold[0]}-{i}") for i, gold in enumerate(REQUIRED, 1)],
)
def test_seed_statement_is_found_with_type_speaker_and_chain(
    record: dict, kind: str, content: str, speaker: tuple[str, ...], via: list[str]
) -> None:
    found = [q for q in statements(record) if overlap_f1(q["text"], content) >= 0.5]
    assert len(found) == 1, describe(record)
    (quote,) = found
    assert quote["type"] == kind
    assert quote["text"].rstrip(".") == content.rstrip(".")  # a full stop inside the marks is optional
    assert speaker_is(record, quote, *speaker), describe(record)
    assert chain_is(record, quote, via), describe(record)


def test_seed_has_no_statement_beyond_the_gold(record: dict) -> None:
    gold = [content for _, content, _, _ in REQUIRED] + OPTIONAL
    extra = [q["text"] for q in statements(record) if max(overlap_f1(q["text"], g) for g in gold) < 0.5]
    assert extra == [], describe(record)
    assert len(statements(record)) <= len(gold)
