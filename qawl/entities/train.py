"""Training the entity tagger (``qawl train ner``): data in, the four model files out.

The model is the CRF weights plus three word lists built here and shipped beside them:
a gazetteer from ANERGazet and CLDR's country names; for every word of a news corpus, its
typical neighbours (كافو is found after اللاعب, مايكروسوفت after شركة); and word clusters
from the same corpus (حلب with ادلب and درعا). Settings are fixed; they were chosen on the
last sixth of ANERcorp's training part, never on its test part. AQMAR and NewsFANE Gold can
be added (less every sentence that overlaps ANERcorp's test part or the training files);
by default they are not, as both lowered F1 on that held-out sixth.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from qawl.arabic.normalise import fold
from qawl.entities.features import (
    MAX_GAZ_WORDS,
    Gazetteer,
    Resources,
    artefact,
    letter_grams,
    parse_clusters,
    parse_contexts,
    parse_corpus,
    parse_letters,
    parse_names,
    stem_head,
)
from qawl.entities.lexicon import entity_lexicon, head, words_key
from qawl.entities.names import name_words
from qawl.entities.tagger import TYPES, Tagger, train

C1 = 0.05
C2 = 1.0
MAX_ITERATIONS = 100
SEED = 13
FOLDS = 5
CONTEXT_WORDS = 300  # neighbours are drawn from the corpus's most frequent words
CONTEXTS_KEPT = 3  # per side
MIN_PAIR, MIN_WORD = 2, 3
CLUSTER_VOCAB = 40000  # words clustered, the corpus's most frequent
MIN_CLUSTER_WORD = 5
CLUSTER_CONTEXTS = 1000  # the neighbours a word is described by
CLUSTER_DIM = 100
CLUSTER_SIZES = (64, 256, 1024)
KMEANS_ITERATIONS = 12

GAZETTEER_FILES = {
    "P": "AlignedPersGazetteer.txt",
    "L": "AlignedLocGazetteer.txt",
    "O": "AlignedOrgGazetteer.txt",
}
GAZETTEER_HEADER = """\
# Built by `qawl train ner` from ANERGazet (Benajiba 2007; github ITE-5th/arabic-ner, data/ANERGazet;
# "free for research", no licence file in that repository) and CLDR territory names (babel).
# Columns: name as folded head words (qawl.entities.lexicon.head), types (P person, L place, O organisation).
"""
CONTEXTS_HEADER = """\
# Built by `qawl train ner` from {source}: word statistics only, no text (the articles stay
# the outlets' property; ANT Corpus v2.1, Chouigui, Ben Khiroun and Elayeb 2017).
# Columns: head word, its most typical left neighbours, its most typical right neighbours (folded).
"""
CLUSTERS_HEADER = """\
# Built by `qawl train ner` from {source}: word statistics only, no text.
# Columns: head word, its cluster at 64, 256 and 1024 clusters (k-means over SVD-reduced neighbour PMI).
"""
NAMES_HEADER = """\
# Built by `qawl train ner` from the Arabic side of netransliteration_wd (Merhav and Ash 2018,
# Wikidata person names) and google_transliteration_ar2en's training part (Rosca and Breuel 2016).
# Columns: head word (folded), in how many names (weighted by the data's counts).
"""
LETTERS_HEADER = """\
# Built by `qawl train ner`: letter n-grams (1-4, word edges as < >) of people's name words
# (the names file) against the {vocab} most frequent other words of {source}.
# Columns: n-gram, log-odds name/word (add-one smoothed), for n-grams seen {min_gram}+ times.
"""
CORPUS_HEADER = """\
# Built by `qawl train ner`: {source} tagged by a first-stage model (the same features, none of
# these counts); word statistics only, no text.
# Columns: head word (clitic-stripped stem), times tagged PER, ORG, LOC, MISC, O;
# words seen {min_word}+ times.
"""
LETTER_VOCAB = 60000  # ordinary words the name words are set against
MIN_GRAM = 3
MIN_CORPUS_WORD = 3
SENTENCE_END = frozenset(".!?؟")
MAX_SENTENCE = 80  # tokens; a longer run without a full stop is cut for tagging

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
    """The gazetteer file's text: ANERGazet's entries of up to MAX_GAZ_WORDS words and CLDR's
    country and territory names (babel, as places), folded."""
    types: dict[str, set[str]] = {}
    for words in countries():
        if len(words) <= MAX_GAZ_WORDS:
            types.setdefault(" ".join(words), set()).add("L")
    for t, name in GAZETTEER_FILES.items():
        for line in (anergazet / name).read_text(encoding="utf-8-sig").splitlines():
            words = [head(fold(w)) for w in line.split()]
            if words and len(words) <= MAX_GAZ_WORDS and all(words) and not set(line) & set("=*"):
                types.setdefault(" ".join(words), set()).add(t)
    return GAZETTEER_HEADER + "".join(f"{k}\t{''.join(sorted(v))}\n" for k, v in sorted(types.items()))


def countries() -> list[tuple[str, ...]]:
    """Country names as head words, from CLDR (babel): the two-letter territories less
    groupings (EU, UN), as several Arabic locales write them."""
    from babel import Locale

    names = set()
    for loc in ("ar", "ar_SY", "ar_EG", "ar_SA"):
        for code, name in Locale.parse(loc).territories.items():
            if len(code) == 2 and code.isalpha() and code not in ("EU", "EZ", "UN", "QO", "ZZ"):
                words = words_key(name)
                if all(words):
                    names.add(words)
    return sorted(names)


def corpus_texts(path: Path) -> Iterator[str]:
    """The "text" of every article of a JSON Lines file (gzip or not)."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line).get("text") or ""


def tokenise(texts: Iterable[str]) -> list[list[str]]:
    """Every text as its folded tokens."""
    return [[fold(t) for t in _TOKEN.findall(text)] for text in texts]


def build_contexts(docs: list[list[str]], source: str) -> str:
    """The contexts file's text: per word (by head), the frequent words seen just before and
    after it most often relative to their own frequency (count(w, c) / count(c)^0.75)."""
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


def build_names(wikidata: Path, google: Path) -> str:
    """The names file's text: every word of the people's names in both transliteration sets
    (Arabic side), by head, with how often it occurs."""
    counts: Counter[str] = Counter()
    for line in wikidata.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 3 and parts[2].isdigit():
            counts[head(fold(parts[1].replace(" ", "")))] += int(parts[2])
    for line in google.read_text(encoding="utf-8").splitlines():
        if "\t" in line:
            counts[head(fold(line.split("\t")[0]))] += 1
    del counts[""]
    return NAMES_HEADER + "".join(f"{w}\t{n}\n" for w, n in sorted(counts.items()))


def build_letters(names: dict[str, int], docs: list[list[str]], source: str) -> str:
    """The letters file's text: how much more often each letter n-gram is found in the name
    words than in the corpus's most frequent other words (a log-odds, add-one smoothed)."""
    import math

    arabic = re.compile("[\u0621-\u064a]+$")
    positive = {w for w in names if arabic.match(w)}
    frequent = Counter(head(t) for d in docs for t in d)
    negative = [w for w in _by_count(frequent, LETTER_VOCAB + len(positive)) if arabic.match(w)]
    negative = [w for w in negative if w not in positive][:LETTER_VOCAB]
    pos = Counter(g for w in positive for g in letter_grams(w))
    neg = Counter(g for w in negative for g in letter_grams(w))
    grams = sorted(g for g in set(pos) | set(neg) if pos[g] + neg[g] >= MIN_GRAM)
    tp, tn, v = sum(pos.values()), sum(neg.values()), len(grams)
    lines = [
        f"{g}\t{math.log((pos[g] + 1) / (tp + v)) - math.log((neg[g] + 1) / (tn + v)):.3f}\n" for g in grams
    ]
    header = LETTERS_HEADER.format(vocab=LETTER_VOCAB, source=source, min_gram=MIN_GRAM)
    return header + "".join(lines)


MIN_BODY = 20  # times a word follows a body noun (تنظيم، حركة …) before it is a body's name
BODY_SHARE = 0.2  # of all its occurrences
ONE_WORD = 0.5  # a name whose next word is the same this often is a longer name's first word
BODIES_HEADER = """\
# Built by `qawl train ner` from {source}: words that follow a body noun (data/body_heads.txt:
# تنظيم، حركة، جماعة، حزب …) at least {min_body} times and in {share:.0%} of their occurrences,
# that are whole names (no word follows them there {one:.0%} of the time or more: not العدالة
# of العدالة والتنمية), that ANERcorp never tagged as part of a person's name and that are no
# ordinary words there: names of bodies that stand alone (داعش، حماس، طالبان).
# Columns: word (folded), times after a body noun, times in all.
"""


def build_bodies(docs: list[list[str]], source: str) -> str:
    """The bodies file's text: the names of organisations that news writes after a body noun
    and alone (تنظيم داعش … داعش), learned from the corpus."""
    heads = entity_lexicon().body_nouns
    after: Counter[str] = Counter()
    total: Counter[str] = Counter()
    following: dict[str, Counter[str]] = {}
    for d in docs:
        for i, t in enumerate(d):
            total[t] += 1
            noun = t[1:] if t[:1] in "وف" and t[1:] in heads else t
            if noun in heads and i + 1 < len(d):
                after[d[i + 1]] += 1
                if i + 2 < len(d):
                    following.setdefault(d[i + 1], Counter())[d[i + 2]] += 1
    words = name_words()
    arabic = re.compile("[\u0621-\u064a]{3,}$")
    lines = []
    for w, n in sorted(after.items()):
        nxt = following.get(w, Counter())
        one_word = not nxt or nxt.most_common(1)[0][1] < ONE_WORD * sum(nxt.values())
        person = (words.counts.get(head(w)) or (0,))[0] > 0
        if n >= MIN_BODY and n >= BODY_SHARE * total[w] and arabic.match(w) and one_word:
            if not person and not words.is_common(w):
                lines.append(f"{w}\t{n}\t{total[w]}\n")
    header = BODIES_HEADER.format(source=source, min_body=MIN_BODY, share=BODY_SHARE, one=ONE_WORD)
    return header + "".join(lines)


def corpus_sentences(texts: Iterable[str]) -> Iterator[list[str]]:
    """The tokens of each text, cut into sentences at full stops (and every MAX_SENTENCE tokens)."""
    for text in texts:
        sent: list[str] = []
        for t in _TOKEN.findall(text):
            sent.append(t)
            if t in SENTENCE_END or len(sent) >= MAX_SENTENCE:
                yield sent
                sent = []
        if sent:
            yield sent


def build_corpus(tagger: Tagger, sentences: Iterable[list[str]], source: str) -> str:
    """The corpus file's text: how often the tagger tagged each word (by the head of its stem)
    as each type, over the corpus."""
    index = {t: k for k, t in enumerate(TYPES)}
    counts: dict[str, list[int]] = {}
    for sent in sentences:
        for word, tag in zip(sent, tagger.tag(sent), strict=True):
            c = counts.setdefault(stem_head(word), [0] * (len(TYPES) + 1))
            c[index.get(tag[2:], len(TYPES))] += 1
    lines = [
        f"{w}\t" + "\t".join(map(str, c)) + "\n"
        for w, c in sorted(counts.items())
        if w and sum(c) >= MIN_CORPUS_WORD
    ]
    return CORPUS_HEADER.format(source=source, min_word=MIN_CORPUS_WORD) + "".join(lines)


def _by_count(counts: Counter[str], n: int) -> list[str]:
    return [w for w, _ in sorted(counts.items(), key=lambda x: (-x[1], x[0]))[:n]]


def build_clusters(
    docs: list[list[str]], source: str, seed: int = SEED, sizes: tuple[int, ...] = CLUSTER_SIZES
) -> str:
    """The clusters file's text: the corpus's CLUSTER_VOCAB most frequent words (by head),
    each with its k-means cluster at CLUSTER_SIZES granularities (coarse to fine).

    A word is the positive PMI of its neighbours (two each side, among the CLUSTER_CONTEXTS
    most frequent tokens), reduced to CLUSTER_DIM dimensions by a randomised truncated SVD;
    k-means (cosine) then groups حلب with ادلب and درعا, بوتين with اردوغان and ماكرون.
    numpy's generator is seeded and one BLAS thread is enough: the same corpus gives the same file."""
    import numpy as np

    heads = Counter(head(t) for d in docs for t in d)
    words = [w for w in _by_count(heads, CLUSTER_VOCAB) if heads[w] >= MIN_CLUSTER_WORD]
    ctx = _by_count(Counter(t for d in docs for t in d), CLUSTER_CONTEXTS)
    wi = {w: i for i, w in enumerate(words)}
    ci = {c: i for i, c in enumerate(ctx)}
    offsets = (-2, -1, 1, 2)
    m = np.zeros((len(words), len(offsets) * len(ctx)), dtype=np.float32)
    for d in docs:
        hs = [wi.get(head(t), -1) for t in d]
        cs = [ci.get(t, -1) for t in d]
        for i, h in enumerate(hs):
            if h < 0:
                continue
            for slot, off in enumerate(offsets):
                j = i + off
                if 0 <= j < len(d) and cs[j] >= 0:
                    m[h, slot * len(ctx) + cs[j]] += 1
    total = m.sum()
    rows = m.sum(1, keepdims=True)
    cols = m.sum(0, keepdims=True) ** 0.75
    cols = cols / cols.sum() * total
    with np.errstate(divide="ignore", invalid="ignore"):
        pmi = np.log(m * total / (rows * cols))
    pmi[~np.isfinite(pmi) | (pmi < 0)] = 0
    rng = np.random.default_rng(seed)
    y = pmi @ rng.standard_normal((pmi.shape[1], CLUSTER_DIM + 20)).astype(np.float32)
    for _ in range(2):
        y = pmi @ (pmi.T @ np.linalg.qr(y)[0])
    y = np.linalg.qr(y)[0]
    u, sv, _ = np.linalg.svd(y.T @ pmi, full_matrices=False)
    dim = min(CLUSTER_DIM, len(sv))
    emb = (y @ u[:, :dim]) * np.sqrt(sv[:dim])
    emb /= np.linalg.norm(emb, axis=1, keepdims=True) + 1e-9
    ids = []
    for k in sizes:
        k = min(k, len(words))
        centres = emb[rng.choice(len(emb), k, replace=False)].copy()
        for _ in range(KMEANS_ITERATIONS):
            nearest = np.argmax(emb @ centres.T, axis=1)
            for j in range(k):
                members = emb[nearest == j]
                if len(members):
                    v = members.sum(0)
                    centres[j] = v / (np.linalg.norm(v) + 1e-9)
        ids.append(np.argmax(emb @ centres.T, axis=1))
    lines = [f"{w}\t{' '.join(str(int(c[i])) for c in ids)}\n" for i, w in enumerate(words)]
    return CLUSTERS_HEADER.format(source=source) + "".join(sorted(lines))


def train_ner(
    train_files: list[Path],
    out: Path,
    *,
    anergazet: Path,
    corpus: Path,
    wikidata: Path,
    google: Path,
    aqmar: Path | None = None,
    newsfane: Path | None = None,
    exclude: Iterable[Path] = (),
    c1: float = C1,
    c2: float = C2,
    max_iterations: int = MAX_ITERATIONS,
    seed: int = SEED,
) -> tuple[int, dict[str, tuple[int, int]]]:
    """Build the gazetteer, contexts and clusters beside ``out``, then train the CRF into
    ``out`` on ``train_files`` plus AQMAR and NewsFANE when given, less their sentences that
    overlap ``exclude`` (ANERcorp's test part) or the training files. Returns the number of
    training sentences and, per extra corpus, how many of its sentences were dropped for
    overlap with ``exclude`` and with the training files."""
    sentences = read_files(train_files)
    held_out = read_files(list(exclude))
    dropped: dict[str, tuple[int, int]] = {}
    extra = []
    for name, folder, reader in (("AQMAR", aqmar, read_aqmar), ("NewsFANE", newsfane, read_newsfane)):
        if folder is not None:
            kept, in_test = drop_overlap(reader(folder), held_out)
            # NewsFANE is mostly ANERcorp re-annotated: a second copy of a training sentence,
            # in another fold, would leak its names into the counts (see tagger.train)
            kept, in_train = drop_overlap(kept, sentences)
            dropped[name] = (in_test, in_train)
            extra += kept
    sentences += extra
    gaz_text = build_gazetteer(anergazet)
    docs = tokenise(corpus_texts(corpus))
    ctx_text = build_contexts(docs, corpus.name)
    cl_text = build_clusters(docs, corpus.name, seed)
    names_text = build_names(wikidata, google)
    letters_text = build_letters(parse_names(names_text), docs, corpus.name)
    bodies_text = build_bodies(docs, corpus.name)
    del docs
    base = Resources(
        name_words().counts,
        Gazetteer.parse(gaz_text),
        parse_contexts(ctx_text),
        parse_clusters(cl_text),
        parse_names(names_text),
        parse_letters(letters_text),
    )
    settings = {"c1": c1, "c2": c2, "max_iterations": max_iterations, "seed": seed, "folds": FOLDS}
    # stage one: every feature but the corpus counts; its reading of the corpus is the last resource
    train(sentences, out, base=base, **settings)
    first = Tagger.open(out, base)
    corpus_text = build_corpus(first, corpus_sentences(corpus_texts(corpus)), corpus.name)
    base = replace(base, corpus=parse_corpus(corpus_text), evidence={}, neighbours={})  # fresh memos
    train(sentences, out, base=base, **settings)  # stage two, over the first stage's file
    for kind, text in (
        ("gazetteer", gaz_text),
        ("contexts", ctx_text),
        ("clusters", cl_text),
        ("names", names_text),
        ("letters", letters_text),
        ("corpus", corpus_text),
        ("bodies", bodies_text),
    ):
        artefact(out, kind).write_text(text, encoding="utf-8")
    return len(sentences), dropped


# NewsFANE Gold's 50 fine-grained classes (Alotaibi and Lee 2014, ACE-like) in qawl's four;
# groups (الصينيون), vehicles, weapons, food and the like are no names in ANERcorp's sense: O.
NEWSFANE_TYPES = {
    **dict.fromkeys(
        "Politician Athlete Artist Other_PER Religious_PER Scientist Businessperson Lawyer Engineer "
        "Police".split(),
        "PER",
    ),
    **dict.fromkeys(
        "Non-Governmental Sports Government Media Commercial Educational Entertainment Medical-Science "
        "Religious_ORG".split(),
        "ORG",
    ),
    **dict.fromkeys(
        "Nation Population-Center State-or-Province GPE-Cluster Water-Body Land Continent County-or-District "
        "Path Land-Region-Natural Celestial Building-Grounds Airport Subarea-Facility".split(),
        "LOC",
    ),
    **dict.fromkeys("Book Movie Software Hardware".split(), "MISC"),
}
_ARABIC_WORD = re.compile("[\u0621-\u064a]+$")
_MARKS = dict.fromkeys(map(ord, "\u200e\u200f\ufeff"))
OVERLAP_CHARS = 30  # a sentence sharing this many letters in a row with an excluded one is dropped


def read_newsfane(path: Path) -> list[list[tuple[str, str]]]:
    """NewsFANE Gold's "token TAB class" sentences, its classes mapped to PER/ORG/LOC/MISC."""
    out = []
    for sent in read_conll(path.read_text(encoding="utf-8-sig").translate(_MARKS)):
        tags = []
        for _, tag in sent:
            bio, _, cls = tag.partition("-")
            typ = NEWSFANE_TYPES.get(cls)
            tags.append(f"{bio}-{typ}" if typ and bio in ("B", "I") else "O")
        out.append(_rejoin([(w, t) for (w, _), t in zip(sent, tags, strict=True)]))
    return out


_PROCLITICS = frozenset("و ف ب ل ك".split())
_ENCLITICS = frozenset("ه ها هم هما هن كم نا".split())


def _rejoin(sent: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """NewsFANE splits clitics off (و قال، ان ه); ANERcorp and news text keep them on
    (وقال، انه): a lone untagged conjunction or preposition joins the next word (and takes its
    tag), a lone untagged pronoun the word before."""
    out: list[tuple[str, str]] = []
    glue = ""
    for w, t in sent:
        arabic = bool(_ARABIC_WORD.match(w))
        if t == "O" and w in _PROCLITICS:
            glue += w
            continue
        if glue and arabic:
            w, glue = glue + w, ""
        elif glue:
            out.append((glue, "O"))
            glue = ""
        if t == "O" and w in _ENCLITICS and out and _ARABIC_WORD.match(out[-1][0]):
            out[-1] = (out[-1][0] + w, out[-1][1])
            continue
        out.append((w, t))
    if glue:
        out.append((glue, "O"))
    return out


def read_aqmar(folder: Path) -> list[list[tuple[str, str]]]:
    """AQMAR's Wikipedia articles ("token TAG"): PER, LOC, ORG kept; its article-specific
    MIS0-3 classes (sports terms, scientific concepts) are no names in ANERcorp's sense: O."""
    out = []
    for path in sorted(folder.glob("*.txt")):
        for sent in read_conll(path.read_text(encoding="utf-8-sig").translate(_MARKS)):
            out.append(
                [(w, t if t[2:] in ("PER", "LOC", "ORG") and t[:2] in ("B-", "I-") else "O") for w, t in sent]
            )
    return out


def _letters(sent: Iterable[tuple[str, str]]) -> str:
    """A sentence's folded letters and digits, nothing else: the same text tokenised
    differently (و الصادرات / والصادرات, د ب ا / د.ب.ا) gives the same string."""
    return "".join(c for w, _ in sent for c in fold(w) if c.isalnum())


def drop_overlap(
    sentences: list[list[tuple[str, str]]], exclude: Iterable[list[tuple[str, str]]], n: int = OVERLAP_CHARS
) -> tuple[list[list[tuple[str, str]]], int]:
    """``sentences`` less every one whose folded text (letters and digits only) equals an
    excluded sentence's or shares a run of ``n`` characters with one; and how many were dropped."""
    whole, grams = set(), set()
    for sent in exclude:
        k = _letters(sent)
        whole.add(k)
        grams.update(k[i : i + n] for i in range(len(k) - n + 1))
    kept = [
        s
        for s in sentences
        if (k := _letters(s)) not in whole and not any(k[i : i + n] in grams for i in range(len(k) - n + 1))
    ]
    return kept, len(sentences) - len(kept)
