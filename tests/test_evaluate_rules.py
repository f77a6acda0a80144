"""The matching rules of qawl.evaluate on small cases from the guidelines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from qawl.cli import main
from qawl.evaluate import match_one_to_one, normalise, overlap_f1, same_name, score


def test_normalise_drops_diacritics_tatweel_punctuation_and_unifies_letters() -> None:
    assert normalise("قالَ: «إنّ الأمـــرَ هامٌّ».") == "قال ان الامر هام"
    assert normalise("مستشفى المدينة") == "مستشفي المدينه"


def test_overlap_counts_repeated_words_once_per_occurrence() -> None:
    assert overlap_f1("نحن نحن هنا", "نحن هنا") == pytest.approx(0.8)
    assert overlap_f1("", "نحن") == 0.0
    assert overlap_f1("أ", "ب") == 0.0


@pytest.mark.parametrize(
    ("predicted", "gold", "same"),
    [
        ("التلفزيون الألماني", "تلفزيون الألماني", True),  # gold written after ل+ال
        ("للتلفزيون الألماني", "التلفزيون الألماني", True),
        ("شويغو", "سيرغي شويغو", True),
        ("وزير الدفاع الروسي", "وزير الدفاع", True),
        ("بالولايات المتحدة", "الولايات المتحدة", True),
        ("ترودو", "شويغو", False),
        ("", "شويغو", False),
    ],
)
def test_same_name(predicted: str, gold: str, same: bool) -> None:
    assert same_name(predicted, gold) is same


def test_matching_is_one_to_one_best_first() -> None:
    pred = [{"s": 0.6}, {"s": 0.9}]
    gold = [{"g": 0}]
    assert match_one_to_one(pred, gold, lambda p, g: p["s"]) == [(1, 0)]


def _gold(tmp_path: Path) -> Path:
    gold = {
        "id": "a1",
        "text": "قال شويغو إن المفاوضات تقترب من نهايتها.",
        "quotes": [
            {
                "type": "indirect",
                "content": "المفاوضات تقترب من نهايتها",
                "speaker": "سيرغي شويغو",
                "speaker_aliases": ["شويغو"],
                "via": [],
            }
        ],
        "entities": [{"text": "شويغو", "type": "PER"}],
        "dates": [],
    }
    folder = tmp_path / "gold"
    folder.mkdir()
    (folder / "a1.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    return folder


def test_a_right_record_scores_one(tmp_path: Path) -> None:
    record = {
        "id": "a1",
        "entities": [{"id": "E1", "type": "PER", "name": "شويغو", "mentions": []}],
        "quotes": [{"type": "indirect", "text": "المفاوضات تقترب من نهايتها", "speaker": {"entity": "E1"}}],
    }
    gold = json.loads((_gold(tmp_path) / "a1.json").read_text(encoding="utf-8"))
    scores = score({"a1": gold}, {"a1": record})
    assert scores["attributed_f1"] == 1.0
    assert scores["entity_f1"] == 1.0


def test_eval_skips_bad_record_lines_and_exits_1(tmp_path: Path) -> None:
    records = tmp_path / "records.jsonl"
    records.write_text('{"id": "a1", "quotes": []}\nnot json\n[1, 2]\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", str(_gold(tmp_path)), str(records), "--json"])
    assert result.exit_code == 1
    assert f"qawl: skipped {records}:2: not JSON" in result.stderr
    assert f"qawl: skipped {records}:3: not a JSON object" in result.stderr
    assert json.loads(result.stdout)["missing_records"] == 0
    assert "Traceback" not in result.output


def test_eval_missing_gold_dir_is_a_usage_error(tmp_path: Path) -> None:
    records = tmp_path / "records.jsonl"
    records.write_text("", encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", str(tmp_path / "nowhere"), str(records)])
    assert result.exit_code == 2
