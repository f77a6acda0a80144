#!/usr/bin/env python3
"""How fast qawl analyses real news on one core.

    python benchmarks/extract_speed.py [--corpus ../shared/corpus/ant2018.jsonl.gz] [--limit N]

Streams a JSON Lines corpus (gzip or not) through the same reader as
``qawl extract --jsonl`` and times ``qawl.analyse`` on each article in this one
process, readied as the runner readies each of its processes (``qawl.run.pool.warm_up``:
the models loaded, then frozen out of the garbage collector's way). The first ``--warmup``
articles are analysed untimed. Prints a human line on stderr and one JSON line on
stdout: articles/s, words/s (whitespace tokens of the text), seconds spent in
analysis, peak memory (ru_maxrss) and the machine. With spaCy installed (``pip install -e
'.[bench]'``), the same articles are then run through spaCy's blank Arabic tokenizer alone
(after qawl's peak memory is read), and the ratio of qawl's full analysis time to that
tokenization is reported.
"""

# ruff: noqa: E402 - the thread limits below must be set before anything is imported

from __future__ import annotations

from machine import add_corpus, machine, own_peak_rss_mib, pin_one_thread

pin_one_thread()

import argparse
import json
import sys
import time
from itertools import islice
from pathlib import Path
from typing import Any

import qawl
from qawl.ingest.readers import Failure, read_jsonl
from qawl.run.pool import warm_up


def _spacy_tokenizer() -> Any:
    """spaCy's blank Arabic tokenizer (rules only, no model), or None without spaCy."""
    try:
        import spacy
    except ImportError:
        print("spaCy is not installed: no tokenizer comparison (pip install -e '.[bench]')", file=sys.stderr)
        return None
    return spacy.blank("ar").tokenizer


def run(corpus: Path, limit: int | None, warmup: int) -> dict[str, Any]:
    warm_up()  # as the runner readies each of its processes: the models loaded, then frozen
    stream = (a for a in read_jsonl(str(corpus)) if not isinstance(a, Failure))
    for article in islice(stream, warmup):
        qawl.analyse(article)
    articles = words = statements = 0
    seconds = 0.0
    for article in islice(stream, limit):
        start = time.perf_counter()
        record = qawl.analyse(article)
        seconds += time.perf_counter() - start
        articles += 1
        words += len(article.text.split())
        statements += len(record.quotes)
    peak = own_peak_rss_mib()  # qawl's alone: spaCy's vocabulary grows with every new word it reads
    tokenizer = _spacy_tokenizer()
    spacy_seconds = 0.0
    if tokenizer is not None:
        again = (a for a in read_jsonl(str(corpus)) if not isinstance(a, Failure))
        for article in islice(again, warmup, warmup + limit if limit is not None else None):
            start = time.perf_counter()
            tokenizer(article.text)
            spacy_seconds += time.perf_counter() - start
    return {
        "benchmark": "extract_speed",
        "qawl": qawl.__version__,
        "corpus": corpus.name,
        "articles": articles,
        "words": words,
        "statements": statements,
        "seconds": round(seconds, 3),
        "articles_per_s": round(articles / seconds, 1) if seconds else None,
        "words_per_s": round(words / seconds) if seconds else None,
        "peak_rss_mib": round(peak, 1),
        "spacy_tokenizer_seconds": round(spacy_seconds, 3) if tokenizer is not None else None,
        "qawl_over_spacy_tokenizer": round(seconds / spacy_seconds, 1) if spacy_seconds else None,
        "warmup_articles": warmup,
        "machine": machine(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_corpus(parser)
    parser.add_argument("--limit", type=int, default=None, help="time at most N articles (default: all)")
    parser.add_argument("--warmup", type=int, default=20, help="untimed articles first (default: 20)")
    args = parser.parse_args(argv)
    result = run(args.corpus, args.limit, args.warmup)
    machine = result["machine"]
    print(
        f"{result['articles']} articles, {result['words']} words in {result['seconds']:.2f} s: "
        f"{result['articles_per_s']} articles/s, {result['words_per_s']} words/s on one core; "
        f"peak memory {result['peak_rss_mib']} MiB ({machine['cpu']}, Python {machine['python']})",
        file=sys.stderr,
    )
    if result["qawl_over_spacy_tokenizer"]:
        print(
            f"spaCy's blank Arabic tokenizer alone: {result['spacy_tokenizer_seconds']:.2f} s; "
            f"qawl's full analysis takes {result['qawl_over_spacy_tokenizer']}× as long",
            file=sys.stderr,
        )
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
