"""Dates: qawl against annotated date expressions, against dateparser, and its speed.

    .venv/bin/python benchmarks/dates_accuracy.py [--gold DIR ...] [--table TSV] [--sample N]

For each gold directory (default ../shared/eval/dev and eval/jawhara) it prints:

- ``qawl``: the share of gold date expressions that qawl finds in the article's text with
  the right value (the ``date_acc`` of ``qawl eval``);
- ``dateparser``: the share that dateparser 1.x (``DateDataParser``, languages=['ar'],
  the publication date as RELATIVE_BASE) resolves right when handed the gold expression's
  own words, its best case (it cannot find them in running text); only when dateparser is
  installed (``pip install dateparser``), as qawl does not depend on it.

Then the table of hand-valued corpus expressions (tests/data/dates_corpus.tsv, each
sentence analysed alone), and the dates layer's speed in words/s on one core over the
first 3,000 articles of ../shared/corpus/ant2018.jsonl.gz.  ``--sample N`` also prints N
random expressions qawl finds in unseen articles (ANT, from the 25,000th on), with their
context, for a person to judge.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
import time
from datetime import datetime
from pathlib import Path

from qawl.dates import find_dates
from qawl.doc import Doc
from qawl.evaluate import load_gold, score
from qawl.pipeline import analyse
from qawl.record import Article

CORPUS = Path("../shared/corpus/ant2018.jsonl.gz")


def gold_scores(directory: Path) -> dict[str, float | int]:
    golds, _ = load_gold(directory)
    records = {
        gid: analyse(
            Article(text=g["text"], id=gid, published=g.get("published"), source=g.get("source"))
        ).to_json()
        for gid, g in golds.items()
    }
    out: dict[str, float | int] = {"expressions": sum(len(g.get("dates", [])) for g in golds.values())}
    out["qawl"] = round(score(golds, records)["date_acc"], 3)
    parsed = dateparser_share(list(golds.values()))
    if parsed is not None:
        out["dateparser"] = round(parsed, 3)
    return out


def dateparser_share(golds: list[dict]) -> float | None:
    try:
        from dateparser.date import DateDataParser  # optional: only to compare
    except ImportError:
        return None
    right = total = 0
    for g in golds:
        base = datetime.fromisoformat(g["published"]) if g.get("published") else None
        parser = DateDataParser(languages=["ar"], settings={"RELATIVE_BASE": base} if base else None)
        for d in g.get("dates", []):
            total += 1
            data = parser.get_date_data(d["text"])
            if data and data.date_obj:
                form = {"year": "%Y", "month": "%Y-%m"}.get(data.period or "day", "%Y-%m-%d")
                right += data.date_obj.strftime(form) == d["value"]
    return right / total if total else None


def table_share(path: Path) -> tuple[int, int]:
    lines = [x.split("\t") for x in path.read_text(encoding="utf-8").splitlines() if x and x[0] != "#"]
    right = 0
    for _, published, expression, value, sentence in lines[1:]:
        record = analyse(Article(text=sentence, published=published or None))
        right += any(
            d.value == value and (expression in d.text or d.text in expression) for d in record.dates
        )
    return right, len(lines) - 1


def articles(start: int, stop: int) -> list[dict]:
    out = []
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i >= stop:
                break
            if i >= start:
                out.append(json.loads(line))
    return out


def speed() -> float:
    docs = [(Doc.from_text(a["text"]), a.get("published")) for a in articles(0, 3000)]
    words = sum(len(d.text.split()) for d, _ in docs)
    t = time.perf_counter()
    for d, published in docs:
        find_dates(d, published)
    return words / (time.perf_counter() - t)


def sample(n: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    found = []
    for a in articles(25000, 32000)[::50]:
        record = analyse(Article(text=a["text"], published=a.get("published")))
        for d in record.dates:
            context = a["text"][max(0, d.start - 70) : d.end + 50].replace("\n", " / ")
            found.append(f"{a['published']} | {d.text} | {d.value} | {context}")
    for line in rng.sample(found, min(n, len(found))):
        print(line, file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--gold", type=Path, nargs="*", default=[Path("../shared/eval/dev"), Path("eval/jawhara")]
    )
    parser.add_argument("--table", type=Path, default=Path("tests/data/dates_corpus.tsv"))
    parser.add_argument("--sample", type=int, default=0)
    args = parser.parse_args(argv)
    result: dict[str, object] = {}
    for directory in args.gold:
        result[str(directory)] = s = gold_scores(directory)
        print(f"{directory}: {s}", file=sys.stderr)
    right, total = table_share(args.table)
    result["table"] = {"right": right, "rows": total}
    print(f"{args.table}: {right}/{total}", file=sys.stderr)
    if CORPUS.exists():
        result["words_per_s"] = round(speed())
        print(f"dates layer: {result['words_per_s']:,} words/s", file=sys.stderr)
    if args.sample:
        sample(args.sample)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
