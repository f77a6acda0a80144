"""Training the entity tagger (``qawl train ner``): data in, the three model files out.

The model is the CRF weights plus two word lists built here and shipped beside them:
a gazetteer from ANERGazet and, for every word of a news corpus, its typical
neighbours (a cheap stand-in for word clusters: كافو is found after اللاعب, مايكروسوفت
after شركة). Settings are fixed; they were chosen on the last sixth of ANERcorp's
training part, never on its test part.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from qawl.arabic.normalise import fold
from qawl.entities.features import MAX_GAZ_WORDS, Gazetteer, Resources, artefact, parse_contexts
from qawl.entities.lexicon import head
from qawl.entities.names import name_words
from qawl.entities.tagger import train

C1 = 0.05
C2 = 0.05
MAX_ITERATIONS = 100
SEED = 13
FOLDS = 5
CONTEXT_WORDS = 300  # neighbours are drawn from the corpus's most frequent words
CONTEXTS_KEPT = 3  # per side
MIN_PAIR, MIN_WORD = 2, 3

GAZETTEER_FILES = {
    "P": "AlignedPersGazetteer.txt",
    "L": "AlignedLocGazetteer.txt",
    "O": "AlignedOrgGazetteer.txt",
}
GAZETTEER_HEADER = """\
# Built by `qawl train ner` from ANERGazet (Benajiba 2007; github ITE-5th/arabic-ner, data/ANERGazet;
# "free for research", no licence file in that repository).
# Columns: name as folded head words (qawl.entities.lexicon.head), types (P person, L place, O organisation).
"""
CONTEXTS_HEADER = """\
# Built by `qawl train ner` from {source}: word statistics only, no text (the articles stay
# the outlets' property; ANT Corpus v2.1, Chouigui, Ben Khiroun and Elayeb 2017).
# Columns: head word, its most typical left neighbours, its most typical right neighbours (folded).
"""
_TOKEN = re.compile(r"[\u0621-\u064a\u0671-\u06d3\u0640\u064b-\u065f]+|\d+|[A-Za-z]+|\S")


def read_conll(text: str) -> list[list[tuple[str, str]]]:
    """Sentences of (token, tag) from "token TAG" lines, a blank line between sentences;
    a line with more columns keeps its first and last."""
    out: list[list[tuple[str, str]]] = []
    sent: list[tuple[str, str]] = []
    for line in text.splitlines():
        parts = line.split()
        if not parts:
            if sent:
                out.append(sent)
            sent = []
            continue
        sent.append((parts[0], parts[-1] if len(parts) > 1 else "O"))
    if sent:
        out.append(sent)
    return out


def read_files(paths: Iterable[Path]) -> list[list[tuple[str, str]]]:
    return [s for p in paths for s in read_conll(p.read_text(encoding="utf-8-sig"))]


def build_gazetteer(anergazet: Path) -> str:
    """The gazetteer file's text: ANERGazet's entries of up to MAX_GAZ_WORDS words, folded."""
    types: dict[str, set[str]] = {}
    for t, name in GAZETTEER_FILES.items():
        for line in (anergazet / name).read_text(encoding="utf-8-sig").splitlines():
            words = [head(fold(w)) for w in line.split()]
            if words and len(words) <= MAX_GAZ_WORDS and all(words) and not set(line) & set("=*"):
                types.setdefault(" ".join(words), set()).add(t)
    return GAZETTEER_HEADER + "".join(f"{k}\t{''.join(sorted(v))}\n" for k, v in sorted(types.items()))


def corpus_texts(path: Path) -> Iterator[str]:
    """The "text" of every article of a JSON Lines file (gzip or not)."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line).get("text") or ""


def build_contexts(texts: Iterable[str], source: str) -> str:
    """The contexts file's text: per word (by head), the frequent words seen just before and
    after it most often relative to their own frequency (count(w, c) / count(c)^0.75)."""
    docs = [[fold(t) for t in _TOKEN.findall(text)] for text in texts]
    uni = Counter(t for d in docs for t in d)
    ctx = {w for w, _ in uni.most_common(CONTEXT_WORDS)}
    words: Counter[str] = Counter()
    pairs: tuple[Counter[tuple[str, str]], Counter[tuple[str, str]]] = (Counter(), Counter())
    for d in docs:
        for i, t in enumerate(d):
            h = head(t)
            words[h] += 1
            if i > 0 and d[i - 1] in ctx:
                pairs[0][h, d[i - 1]] += 1
            if i + 1 < len(d) and d[i + 1] in ctx:
                pairs[1][h, d[i + 1]] += 1
    best: dict[str, list[list[tuple[float, str]]]] = {}
    for side, counter in enumerate(pairs):
        for (h, c), n in counter.items():
            if n >= MIN_PAIR and words[h] >= MIN_WORD:
                best.setdefault(h, [[], []])[side].append((-n / uni[c] ** 0.75, c))
    lines = []
    for h in sorted(best):
        sides = [" ".join(c for _, c in sorted(s)[:CONTEXTS_KEPT]) for s in best[h]]
        lines.append(f"{h}\t{sides[0]}\t{sides[1]}\n")
    return CONTEXTS_HEADER.format(source=source) + "".join(lines)


def train_ner(
    train_files: list[Path],
    out: Path,
    *,
    anergazet: Path,
    corpus: Path,
    c1: float = C1,
    c2: float = C2,
    max_iterations: int = MAX_ITERATIONS,
    seed: int = SEED,
) -> int:
    """Build the gazetteer and contexts beside ``out``, then train the CRF into ``out``.
    Returns the number of training sentences."""
    sentences = read_files(train_files)
    gaz_text = build_gazetteer(anergazet)
    ctx_text = build_contexts(corpus_texts(corpus), corpus.name)
    artefact(out, "gazetteer").write_text(gaz_text, encoding="utf-8")
    artefact(out, "contexts").write_text(ctx_text, encoding="utf-8")
    base = Resources(name_words().counts, Gazetteer.parse(gaz_text), parse_contexts(ctx_text))
    train(sentences, out, c1=c1, c2=c2, max_iterations=max_iterations, seed=seed, base=base, folds=FOLDS)
    return len(sentences)
