"""How one report's wording differs from the earliest report's (qawl.stories.wording)."""

from __future__ import annotations

from qawl.stories.wording import Piece, changed, differences

# Le Drian, 7 and 8 May 2018 (ant2-AL-internationalNews-1042-20180507, ant2-BB-middleEast-467-20180508)
EARLIER = "نحن عازمون على إنقاذ هذا الاتفاق لأنه يحمي من الانتشار النووي"
LATER = "نحن مصممون على إنقاذ الاتفاق لأنه يحافظ على الحد من الانتشار النووي"


def test_words_removed_and_added_in_order() -> None:
    pieces = differences(EARLIER, LATER)
    assert Piece("removed", "عازمون") in pieces and Piece("added", "مصممون") in pieces
    assert Piece("removed", "هذا") in pieces
    assert " ".join(p.text for p in pieces if p.change != "removed") == LATER
    assert " ".join(p.text for p in pieces if p.change != "added") == EARLIER


def test_a_spelling_variant_is_no_change() -> None:
    pieces = differences("الصواريخ استهدفت مواقع إيرانية", "الصواريخ استهدفت مواقع ايرانية")
    assert not changed(pieces)
    assert pieces == [Piece("same", "الصواريخ استهدفت مواقع ايرانية")]  # shown as the later wrote it
