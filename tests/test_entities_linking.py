"""Entities linked to the entity base (qawl.entities.linking): kb_id and name_latin in every
record, عمان read as Amman or Oman by the article around it, and a base grown across the
articles of a run (``qawl extract --base``).

The sentences are from articles of ../shared/corpus/ant2018.jsonl.gz (ids in comments) and
the seed article of the development set.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import qawl
from qawl.entities.base import EntityBase
from qawl.entities.linking import grow_base

# ant2-AL-culture-314-20180421
MUSCAT = (
    "فجع محبو الفنان العالمي، السويدي، أفيتشي المعروف بـ دي جيه أفيتشي، بوفاته أمس الجمعة، "
    "في فندق بمدينة مسقط عاصمة سلطنة عمان."
)
# ant2-AL-economy-704-20180603
AMMAN_PROTESTS = (
    "وكانت الاحتجاجات تواصلت في #عمان وعدد من المدن الأردنية ليل الجمعة السبت على "
    "#قانون_ضريبة_الدخل وسياسة رفع الأسعار، حسب ما أفاد مراسلو وكالة فرانس برس."
)
# ant2-AL-culture-82-20180221
AMMAN_PRIZE = (
    "وقال رئيس لجنة التحكيم المختصة الأديب والناقد الأردني إبراهيم السعافين، خلال مؤتمر صحافي "
    'في عمان إن "هذه الروايات الست قد تم اختيارها من بين 124 رواية في المرحلة الاولى".'
)
# seed-aleppo-2016, its first sentence
SHOIGU = (
    "تجنبت “الخارجية الأمريكية” التعليق على ما أدلى به وزير الدفاع الروسي “سيرغي شويغو” حول "
    "تعاون مقبل في الصراع الدائر بحلب."
)
# ant2-BB-internationalNews-1079-20180911: another outlet's spelling of the same man
SHOIGU_VARIANT = (
    "وقال سيرجي شويجو، وزير الدفاع الروسي، إن التطرف الإسلامي في آسيا الوسطى يشكل التهديد الأكبر لأمن روسيا."
)


def entity(text: str, name: str):
    found = [e for e in qawl.extract(text).entities if e.name == name]
    assert found, [e.name for e in qawl.extract(text).entities]
    return found[0]


@pytest.mark.parametrize(
    ("text", "latin"), [(MUSCAT, "Oman"), (AMMAN_PROTESTS, "Amman"), (AMMAN_PRIZE, "Amman")]
)
def test_amman_or_oman_by_the_article_around_it(text: str, latin: str) -> None:
    e = entity(text, "عمان")
    assert e.type == "LOC"
    assert e.name_latin == latin
    amman = EntityBase.shipped().link("عمان", "LOC", ["الأردن"])
    assert amman is not None and amman.kb_id.startswith("geo:")
    assert e.kb_id == ("cldr:OM" if latin == "Oman" else amman.kb_id)


def test_known_places_carry_the_base_id_and_latin_name() -> None:
    aleppo = entity(SHOIGU, "حلب")
    assert aleppo.kb_id.startswith("geo:") and aleppo.name_latin == "Aleppo"
    assert entity(SHOIGU_VARIANT, "روسيا").kb_id == "cldr:RU"


def test_a_grown_base_gives_one_id_to_one_person_across_articles(tmp_path: Path) -> None:
    with EntityBase.open(tmp_path / "base.db") as base:
        first, second = qawl.extract(SHOIGU), qawl.extract(SHOIGU_VARIANT)
        grow_base(base, first)
        grow_base(base, second)
        ids = {e.name: e.kb_id for r in (first, second) for e in r.entities}
        assert ids["سيرغي شويغو"] is not None
        assert ids["سيرغي شويغو"] == ids["سيرجي شويجو"]
        assert ids["روسيا"] == "cldr:RU"


def test_extract_with_a_base_file_links_across_runs(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(SHOIGU, encoding="utf-8")
    b.write_text(SHOIGU_VARIANT, encoding="utf-8")
    db = tmp_path / "base.db"

    def run(path: Path) -> dict[str, str | None]:
        out = subprocess.run(
            [sys.executable, "-m", "qawl", "extract", "--base", str(db), str(path)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        return {e["name"]: e["kb_id"] for e in json.loads(out)["entities"]}

    first = run(a)
    second = run(b)  # a second run, a second article: the base on disk remembers the first
    assert first["سيرغي شويغو"] == second["سيرجي شويجو"]
    assert run(a) == first  # and reading the first article again changes nothing
