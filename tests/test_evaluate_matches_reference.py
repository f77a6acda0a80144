"""qawl eval gives the reference scorer's figures (../shared/eval/score.py) on the dev gold set."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from qawl.cli import main
from qawl.evaluate import load_gold, score

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
GOLD_DIR = SHARED / "eval" / "dev"
REFERENCE = SHARED / "eval" / "score.py"

pytestmark = pytest.mark.skipif(
    not (GOLD_DIR.is_dir() and REFERENCE.is_file()),
    reason="needs the development tree's ../shared/eval (dev gold set and score.py), not shipped with qawl",
)


def _ref(name: str, n: int) -> dict[str, Any]:
    return {"entity": f"E{n}", "text": name}


def records_from_gold(gold_dir: Path) -> list[dict[str, Any]]:
    """Records that get some things right and some wrong, in every way the scorer counts."""
    records = []
    for k, path in enumerate(sorted(gold_dir.glob("*.json"))):
        gold = json.loads(path.read_text(encoding="utf-8"))
        if k % 7 == 3:
            continue  # a missing record
        entities: list[dict[str, Any]] = []
        quotes: list[dict[str, Any]] = []

        def entity(name: str, kind: str = "PER", entities: list[dict[str, Any]] = entities) -> str:
            entities.append({"id": f"E{len(entities) + 1}", "type": kind, "name": name, "mentions": []})
            return entities[-1]["id"]

        for j, q in enumerate(gold["quotes"]):
            if (j + k) % 3 == 2:
                continue  # missed
            text = q["content"]
            if (j + k) % 4 == 1:
                words = text.split()
                text = " ".join(words[: max(1, len(words) // 3)])  # partial: matches or not
            speaker_name = q["speaker"] if (j + k) % 5 != 1 else "شخص آخر"
            speaker = {"entity": entity(speaker_name), "text": speaker_name, "start": None, "end": None}
            via = [{"entity": None, "text": v} for v in q.get("via") or []]
            if (j + k) % 2:
                via = via[:-1] if via else [{"entity": None, "text": "وكالة ما"}]
            quotes.append({"id": f"Q{j}", "type": q["type"], "text": text, "speaker": speaker, "via": via})
        quotes.append(
            {"id": "Qx", "type": "direct", "text": "كلام لا علاقة له بالمقالة أصلا", "speaker": None}
        )
        for i, e in enumerate(gold.get("entities", [])):
            if i % 3 != 0:
                entities.append(
                    {
                        "id": f"G{i}",
                        "type": e["type"] if i % 4 else "MISC",
                        "name": "و" + e["text"] if i % 5 == 0 else e["text"],
                        "mentions": [{"start": 0, "end": 1, "text": e["text"], "kind": "name"}],
                    }
                )
        dates = [
            {"start": 0, "end": 1, "text": d["text"], "value": d["value"] if i % 2 == 0 else "1999-01-01"}
            for i, d in enumerate(gold.get("dates", []))
        ]
        records.append(
            {"format": "qawl/1", "id": gold["id"], "entities": entities, "quotes": quotes, "dates": dates}
        )
    return records


def assert_same_scores(got: dict[str, Any], expected: dict[str, Any]) -> None:
    assert list(got) == list(expected)
    assert got["counts"] == expected["counts"]
    figures = {k: v for k, v in got.items() if k != "counts"}
    assert figures == pytest.approx({k: v for k, v in expected.items() if k != "counts"}, rel=1e-12)


@pytest.fixture(scope="module")
def records_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("eval") / "records.jsonl"
    lines = [json.dumps(r, ensure_ascii=False) for r in records_from_gold(GOLD_DIR)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def reference(records_file: Path) -> tuple[dict[str, Any], str]:
    done = subprocess.run(
        [sys.executable, str(REFERENCE), str(GOLD_DIR), str(records_file), "--json", "--verbose"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    return json.loads(done.stdout), done.stderr


def test_figures_equal_the_reference(records_file: Path, reference: tuple[dict[str, Any], str]) -> None:
    expected, _ = reference
    golds, failures = load_gold(GOLD_DIR)
    records = {r["id"]: r for r in map(json.loads, records_file.read_text(encoding="utf-8").splitlines())}
    got = score(golds, records)
    assert not failures
    assert_same_scores(got, expected)


def test_figures_are_neither_all_right_nor_all_wrong(reference: tuple[dict[str, Any], str]) -> None:
    expected, _ = reference
    assert expected["missing_records"] > 0
    for name in ("quote_f1", "attributed_f1", "speaker_acc", "via_acc", "chain_acc", "entity_f1", "date_acc"):
        assert 0.0 < expected[name] < 1.0, name


def test_cli_json_and_log_equal_the_reference(
    records_file: Path, reference: tuple[dict[str, Any], str]
) -> None:
    expected, expected_log = reference
    result = CliRunner().invoke(main, ["eval", str(GOLD_DIR), str(records_file), "--json", "--verbose"])
    assert result.exit_code == 0, result.stderr
    assert_same_scores(json.loads(result.stdout), expected)
    assert result.stderr == expected_log


def test_cli_text_report_equals_the_reference(records_file: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(REFERENCE), str(GOLD_DIR), str(records_file)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    result = CliRunner().invoke(main, ["eval", str(GOLD_DIR), str(records_file)])
    assert result.exit_code == 0
    assert result.stdout == done.stdout
