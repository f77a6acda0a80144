"""The gold articles shipped in eval/ are well formed: every statement's content and every
name is a stretch of the article text, so `qawl eval` can score against them."""

import json
from pathlib import Path

import pytest

from qawl.evaluate import load_gold

GOLD = Path(__file__).resolve().parents[1] / "eval" / "jawhara"
FILES = sorted(GOLD.glob("*.json"))


def test_gold_folder_loads_without_failures():
    golds, failures = load_gold(GOLD)
    assert failures == []
    assert len(golds) == len(FILES) > 0


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_gold_article_spans_are_in_its_text(path: Path):
    gold = json.loads(path.read_text(encoding="utf-8"))
    text = gold["text"]
    for quote in gold["quotes"]:
        assert quote["type"] in ("direct", "indirect", "mixed", "decline")
        assert quote["content"] in text
        if quote["type"] == "decline":
            assert quote["content"] == ""
    for entity in gold["entities"]:
        assert entity["type"] in ("PER", "ORG", "LOC") and entity["text"] in text
