"""Accuracy of qawl on annotated articles (by default ../shared/eval/dev).

    .venv/bin/python benchmarks/accuracy.py [--gold DIR] [--split all|odd|even] [--json]

Analyses each gold article from its own text and metadata, in process, and scores
the records exactly as ``qawl eval`` (and ../shared/eval/score.py) do. ``--split``
scores a part of the articles: the development split used while building qawl was
"even" (two articles in three, sorted by name, and the seed article) and the held-out
split "odd" (every third article).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import qawl
from qawl.evaluate import format_scores, load_gold, score
from qawl.record import Article

SEED = "seed-aleppo-2016"


def held_out(names: list[str]) -> set[str]:
    """Every third article (sorted by file name), the seed excepted."""
    others = [n for n in sorted(names) if not n.startswith(SEED)]
    return {n for i, n in enumerate(others) if i % 3 == 2}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--gold", type=Path, default=Path("../shared/eval/dev"))
    parser.add_argument("--split", choices=("all", "odd", "even"), default="all")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    golds, failures = load_gold(args.gold)
    for failure in failures:
        print(f"qawl: skipped {failure.input}: {failure.reason}", file=sys.stderr)
    files = {
        p.name: json.loads(p.read_text(encoding="utf-8"))["id"] for p in sorted(args.gold.glob("*.json"))
    }
    hold = {files[n] for n in held_out(list(files))}
    if args.split != "all":
        golds = {k: v for k, v in golds.items() if (k in hold) == (args.split == "odd")}
    records = {}
    for gid, gold in golds.items():
        article = Article(
            text=gold["text"],
            id=gid,
            source=gold.get("source"),
            url=gold.get("url"),
            published=gold.get("published"),
            title=gold.get("title"),
        )
        records[gid] = qawl.analyse(article).to_json()
    scores = score(golds, records)
    print(json.dumps(scores, ensure_ascii=False) if args.json else format_scores(scores))
    return 0


if __name__ == "__main__":
    sys.exit(main())
