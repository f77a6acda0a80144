#!/usr/bin/env python3
"""Latin-name accuracy and speed on Google's Arabic-English test pairs, with the files qawl ships.

    python benchmarks/latin_accuracy.py [--test ../shared/data/google_transliteration_ar2en/ar2en-test.txt]

First trains held-out tables into a temporary folder (``qawl train latin`` less every
word of ar2en-eval.txt and ar2en-test.txt: the tables qawl ships know every word of the
data, test words included, so they are not what is measured), unless --model names
tables already trained so. Then reads every Arabic word of the test file in this one process (after a
warm-up word: the tables load on first use) and prints the case-insensitive exact-match
accuracy of the model alone (``qawl.entities.latin.transliterate``) and of the whole
per-word reading (``romanise``: known names, then the spellings the training data gives,
then the model), with words per second, on stderr as a table and on stdout as one JSON
line. The model reads each word twice: cold (its decoder's steps computed as they come) and
warm (remembered from the first pass, as over a stream of news). The test words were left
out of all training data of the tables measured, so neither reading has seen them.
"""

# ruff: noqa: E402 - the thread limits below must be set before anything is imported

from __future__ import annotations

from machine import machine, pin_one_thread

pin_one_thread()

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import qawl
from qawl.entities.latin import load, read_google, romanise, train, transliterate

DEFAULT_TEST = (
    Path(__file__).resolve().parents[1].parent / "shared/data/google_transliteration_ar2en/ar2en-test.txt"
)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--test", type=Path, default=DEFAULT_TEST, help='"arabic TAB latin" pairs to score')
    ap.add_argument(
        "--model", type=Path, default=None, help="held-out tables qawl train latin --exclude … --out wrote"
    )
    args = ap.parse_args()
    pairs = read_google(args.test)
    held_out = tempfile.TemporaryDirectory()
    model = args.model
    if model is None:
        model = Path(held_out.name)
        data = args.test.parent
        wikidata = data.parent / "netransliteration_wd/wd_arabic.normalized.aligned.tokens"
        train([data / "ar2en-train.txt"], [wikidata], [data / "ar2en-eval.txt", args.test], model)
    start = time.perf_counter()
    tables = load(model)
    load_s = time.perf_counter() - start
    transliterate("سيرغي", tables)
    rows = {}
    for name, read in (
        ("model, cold", lambda w: transliterate(w, tables)),
        ("model, warm", lambda w: transliterate(w, tables)),
        ("romanise", lambda w: romanise(w, tables=tables) or ""),
    ):
        start = time.perf_counter()
        out = [read(a) for a, _ in pairs]
        seconds = time.perf_counter() - start
        right = sum(o.lower() == lat.lower() for o, (_, lat) in zip(out, pairs, strict=True))
        rows[name] = {
            "accuracy": round(right / len(pairs), 4),
            "right": right,
            "words_per_s": round(len(pairs) / seconds),
        }
    print(f"{'reading':<13} {'accuracy':>8} {'right':>6} {'words/s':>8}", file=sys.stderr)
    for name, r in rows.items():
        print(f"{name:<13} {r['accuracy']:>8.4f} {r['right']:>6} {r['words_per_s']:>8}", file=sys.stderr)
    print(
        f"{len(pairs)} words of {args.test.name}, one core; tables loaded in {load_s:.2f} s", file=sys.stderr
    )
    result = {
        "benchmark": "latin_accuracy",
        "qawl": qawl.__version__,
        "test": args.test.name,
        "words": len(pairs),
        "accuracy": rows["model, cold"]["accuracy"],
        "romanise_accuracy": rows["romanise"]["accuracy"],
        "words_per_s": rows["model, cold"]["words_per_s"],
        "words_per_s_warm": rows["model, warm"]["words_per_s"],
        "load_s": round(load_s, 2),
        "machine": machine(),
    }
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
