#!/usr/bin/env python3
"""Entity-tagger accuracy and speed on ANERcorp's test part, with the model qawl ships.

    python benchmarks/ner_accuracy.py [--test ../shared/data/anercorp/ANERcorp_camelstyle_test.txt]

Trains nothing. Tags every sentence of the test file in this one process (after a
warm-up sentence: the model and word lists load on first use; word analyses are
then cached as they would be over a stream of news, each test word analysed cold once)
and prints entity-level precision, recall and F1 per type and micro-averaged
(exact span and type, as conlleval counts them) and tokens per second, on stderr as
a table and on stdout as one JSON line.
"""

# ruff: noqa: E402 - the thread limits below must be set before anything is imported

from __future__ import annotations

from machine import machine, pin_one_thread

pin_one_thread()

import argparse
import json
import sys
import time
from pathlib import Path

import qawl
from qawl.entities.conll import format_scores, score
from qawl.entities.tagger import Tagger, normalise_tag
from qawl.entities.train import read_files

DEFAULT_TEST = (
    Path(__file__).resolve().parents[1].parent / "shared/data/anercorp/ANERcorp_camelstyle_test.txt"
)
WARMUP = "وقالت مديرة المكتب الصحفي في الخارجية الأمريكية إليزابيث ترودو".split()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--test", type=Path, default=DEFAULT_TEST, help='"token TAG" file to tag and score')
    ap.add_argument("--model", type=Path, default=None, help="a model qawl train ner --out wrote")
    args = ap.parse_args()
    sentences = read_files([args.test])
    tagger = Tagger.load(args.model)
    tagger.tag(WARMUP)
    start = time.perf_counter()
    pred = [tagger.tag([w for w, _ in s]) for s in sentences]
    seconds = time.perf_counter() - start
    gold = [[normalise_tag(t) for _, t in s] for s in sentences]
    scores = score(gold, pred)
    tokens = sum(map(len, sentences))
    print(format_scores(scores), file=sys.stderr)
    print(f"{tokens} tokens in {seconds:.2f} s: {tokens / seconds:.0f} tokens/s, one core", file=sys.stderr)
    result = {
        "benchmark": "ner_accuracy",
        "qawl": qawl.__version__,
        "test": args.test.name,
        "sentences": len(sentences),
        "tokens": tokens,
        "scores": {
            t: {
                "p": round(s.precision, 4),
                "r": round(s.recall, 4),
                "f1": round(s.f1, 4),
                "gold": s.tp + s.fn,
            }
            for t, s in scores.items()
        },
        "micro_f1": round(scores["ALL"].f1, 4),
        "tokens_per_s": round(tokens / seconds),
        "machine": machine(),
    }
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
