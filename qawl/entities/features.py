"""Token features for the entity tagger (a CRF): what each word looks like and what is known of it.

A token's features are strings (``name=value``, weight 1) built from its folded form and
clitic split, the affixes of its stem, its shape, its neighbours, the gazetteer, the
title/organisation/outlet/country lists of ``lexicon.py``, the word-level counts of
``names.py`` and, for words those counts never saw, word clusters learned from untagged
news. Word lists are looked up by a token's head and, failing that, by its clitic-stripped
stem (بحلب, وروسيا). Everything looked up is passed in as ``Resources`` so that training can use
counts that exclude the sentence being featurised (see ``train.py``); at run time
``Resources.beside(None)`` holds what ships in the package.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from sys import intern

from qawl.arabic.normalise import fold
from qawl.arabic.segment import ARABIC_START, analyse_token, split_clitics
from qawl.entities.lettergrams import LetterScores
from qawl.entities.lexicon import entity_lexicon, head
from qawl.entities.names import MIN_COMMON, name_words
from qawl.memo import make_room

Counts = Mapping[str, tuple[int, int, int, int]]  # head(word) -> PER, ORG, LOC, O
MAX_GAZ_WORDS = 4  # longer gazetteer entries are left out when the list is built
MAX_MEMO = 1 << 14  # words whose name evidence is remembered (the tagger keeps its own vectors)
MAX_NEIGHBOURS = 1 << 14  # (word, offset) pairs whose neighbour features are remembered: the frequent ones

_ARABIC = re.compile("[\u0621-\u064a\u0671-\u06d3]")
_LATIN = re.compile("[A-Za-z]")


def rows(text: str) -> Iterator[list[str]]:
    """The tab-separated fields of each line of a data file, comments and blank lines skipped."""
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Names as sequences of head words, each with its types (P, L, O letters)."""

    entries: Mapping[tuple[str, ...], str]
    longest: int
    firsts: frozenset[str] = frozenset()  # the words an entry can begin with
    # a first word -> the most words of an entry it begins (nearly all: one)
    reach: Mapping[str, int] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        reach: dict[str, int] = {}
        for entry in self.entries:
            reach[entry[0]] = max(reach.get(entry[0], 0), len(entry))
        object.__setattr__(self, "reach", reach)

    @staticmethod
    def parse(text: str) -> Gazetteer:
        entries = {tuple(name.split(" ")): types for name, types in rows(text)}
        return Gazetteer(entries, max((len(k) for k in entries), default=0), frozenset(k[0] for k in entries))

    def marks(self, heads: Sequence[str]) -> list[str]:
        """Per token: '' or BIO-like marks of the longest entries covering it (B-L, I-P ...)."""
        out = [""] * len(heads)
        for j, m in self.found(heads, [i for i, h in enumerate(heads) if h in self.firsts]).items():
            out[j] = m
        return out

    def found(
        self, heads: Sequence[str], firsts: Iterable[int], ends: Sequence[int] | None = None, least: int = 1
    ) -> dict[int, str]:
        """The marks of the longest entries beginning at the positions ``firsts`` (in order,
        of head words that can begin one), each within its sentence (it ends before
        ``ends[i]``; by default the end of ``heads``) and of ``least`` words or more:
        position -> marks."""
        out: dict[int, str] = {}
        entries, reach = self.entries, self.reach
        covered = 0  # positions before this are inside an entry already found
        for i in firsts:
            if i < covered:
                continue
            end = len(heads) if ends is None else ends[i]
            for k in range(min(reach.get(heads[i], 0), end - i), least - 1, -1):
                types = entries.get(tuple(heads[i : i + k]))
                if types:
                    begin, inside = _bio(types)
                    out[i] = begin
                    for j in range(i + 1, i + k):
                        out[j] = inside
                    covered = i + k
                    break
        return out


@lru_cache(maxsize=64)  # a handful of type sets (P, L, O, LO ...)
def _bio(types: str) -> tuple[str, str]:
    """The marks of an entry's first word and of the words after it: LO -> "B-L B-O", "I-L I-O"."""
    return " ".join("B-" + t for t in types), " ".join("I-" + t for t in types)


def parse_contexts(text: str) -> dict[str, tuple[str, ...]]:
    """head word -> its context features (cl=left neighbour, cr=right neighbour), from a file
    of "word TAB left neighbours TAB right neighbours" lines that ``train.build_contexts`` wrote."""
    return {  # interned: the same neighbour features recur across thousands of words
        intern(word): tuple(
            [intern("cl=" + c) for c in left.split()] + [intern("cr=" + c) for c in right.split()]
        )
        for word, left, right in rows(text)
    }


def parse_clusters(text: str) -> dict[str, tuple[str, ...]]:
    """head word -> its cluster features (c0=, c1=, c2=: coarse to fine), from a file of
    "word TAB ids" lines that ``train.build_clusters`` wrote."""
    return {
        intern(word): tuple(intern(f"c{k}={c}") for k, c in enumerate(ids.split()))
        for word, ids in rows(text)
    }


def parse_names(text: str) -> dict[str, int]:
    """head word -> how often people's names hold it, from "word TAB count" lines."""
    return {intern(word): int(n) for word, n in rows(text)}


class Letters:
    """Letter n-gram log-odds of a name against an ordinary word; a word's score is the mean
    over its n-grams (``letter_grams``, compiled: ``lettergrams.pyx``), remembered per word
    (news repeats its vocabulary)."""

    __slots__ = ("_memo", "_scores", "table")

    def __init__(self, table: Mapping[str, float]) -> None:
        self.table = table
        self._scores = LetterScores(table)
        self._memo: dict[str, float] = {}

    def __bool__(self) -> bool:
        return bool(self.table)

    def score(self, word: str) -> float:
        s = self._memo.get(word)
        if s is None:
            make_room(self._memo, MAX_MEMO)  # a bounded memory over an endless stream
            s = self._memo[word] = self._scores.mean(word)
        return s


def parse_letters(text: str) -> Letters:
    """The letter model from "gram TAB score" lines."""
    return Letters({gram: float(score) for gram, score in rows(text)})


def parse_corpus(text: str) -> dict[str, tuple[int, ...]]:
    """head word -> how often the first-stage tagger tagged it PER, ORG, LOC, MISC, O in news."""
    return {intern(word): tuple(int(c) for c in counts) for word, *counts in rows(text)}


def parse_bodies(text: str) -> dict[str, int]:
    """folded word -> times news wrote it after a body noun (تنظيم داعش), from the bodies file."""
    return {word: int(n) for word, n, _ in rows(text)}


@dataclass(frozen=True, slots=True)
class Resources:
    """What the features look up besides the sentence itself."""

    counts: Counts
    gazetteer: Gazetteer
    contexts: Mapping[str, tuple[str, ...]]  # head(word) -> its typical neighbours in a news corpus
    clusters: Mapping[str, tuple[str, ...]]  # head(word) -> its cluster ids, coarse to fine
    names: Mapping[str, int] = field(default_factory=dict)  # head(word) -> in how many people's names
    letters: Letters = field(default_factory=lambda: Letters({}))  # looks like a name, by its letters
    corpus: Mapping[str, tuple[int, ...]] = field(default_factory=dict)  # head -> tagged in news
    bodies: Mapping[str, int] = field(default_factory=dict)  # names of bodies that stand alone (داعش)
    # the stems a body's name can have behind a fused clitic: its name, without its article too
    body_stems: frozenset[str] = field(init=False, compare=False, repr=False)
    evidence: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False, repr=False)  # memo
    neighbours: dict[tuple[int, str, int], tuple[str, ...]] = (
        field(  # memo: (counts, word, offset) -> features
            default_factory=dict, compare=False, repr=False
        )
    )

    def __post_init__(self) -> None:
        bare = {b[2:] for b in self.bodies if b.startswith("ال")}
        object.__setattr__(self, "body_stems", frozenset(self.bodies) | bare)

    @staticmethod
    def beside(model: str | None) -> Resources:
        """The name-word counts qawl ships, with the gazetteer and contexts written beside a
        model file (ner.crfsuite -> ner.gazetteer.tsv, ner.contexts.tsv, ner.clusters.tsv); None:
        the shipped model."""
        return _beside(model)


def artefact(model: Path, kind: str) -> Path:
    """The path of a model's gazetteer or contexts file: ner.crfsuite -> ner.gazetteer.tsv."""
    return model.with_name(model.stem + f".{kind}.tsv")


KINDS = ("gazetteer", "contexts", "clusters", "names", "letters", "corpus", "bodies")


@cache
def _beside(model: str | None) -> Resources:
    if model is None:
        data = resources.files("qawl.entities").joinpath("data")
        gaz, ctx, cl, nm, lt, co, bo = (
            data.joinpath(f"ner.{k}.tsv").read_text(encoding="utf-8") for k in KINDS
        )
    else:
        gaz, ctx, cl, nm, lt, co, bo = (artefact(Path(model), k).read_text(encoding="utf-8") for k in KINDS)
    return Resources(
        name_words().counts,
        Gazetteer.parse(gaz),
        parse_contexts(ctx),
        parse_clusters(cl),
        parse_names(nm),
        parse_letters(lt),
        parse_corpus(co),
        parse_bodies(bo),
    )


@lru_cache(maxsize=1 << 16)
def analyse(word: str) -> tuple[str, str, str, str, str]:
    """(folded word, prefix, stem, suffix, head) of one token; news vocabulary repeats, so cached."""
    norm, prefix, stem, suffix, hd, _ = analyse_token(word)  # made for the article's tokens already
    if not _ARABIC.match(word):  # the tokens' split takes a wider letter range
        prefix, stem, suffix = "", norm, ""
    elif not ARABIC_START.match(word):  # and a narrower one in places (ػ, ـ)
        prefix, stem, suffix = split_clitics(word)
    return norm, prefix, stem, suffix, hd


@lru_cache(maxsize=1 << 16)
def stem_head(word: str) -> str:
    """The head of a token's clitic-stripped stem (بحلب -> حلب, وروسيا -> روسيا): the key
    word lists are looked up by when the token's own head is not in them."""
    _, prefix, stem, _, hd = analyse(word)
    return head(stem) if prefix else hd


@lru_cache(maxsize=1 << 12)  # reused while a new word's vectors are built, then by the tagger's
def _own(word: str) -> tuple[str, ...]:
    """Features of a word on its own (no context, no counts): cached across sentences."""
    return tuple(template + value for template, value in own_pairs(word))


def own_pairs(word: str) -> list[tuple[str, str]]:
    """A word's features on its own as (template, value): w= and its folded form, s= its
    stem, p= and x= its clitics, s< and s> the stem's first and last letters, its shape and
    length, lex= each word list that holds it."""
    norm, prefix, stem, suffix, hd = analyse(word)
    f = [("w=", norm), ("s=", stem), ("p=", prefix), ("x=", suffix)]
    f += [("s<", stem[:k]) for k in (1, 2, 3) if len(stem) > k]
    f += [("s>", stem[-k:]) for k in (1, 2, 3) if len(stem) > k]
    f.append(("shape=", _shape(word)))
    f.append(("len=", str(min(len(stem), 8))))
    shd = stem_head(word)
    for name, words in _lists():
        if hd in words or shd in words:
            f.append(("lex=", name))
    return f


@cache
def _lists() -> tuple[tuple[str, frozenset[str]], ...]:
    lex = entity_lexicon()
    return (
        ("title", lex.titles),
        ("org", lex.organisations),
        ("outlet", lex.outlet_nouns | lex.outlet_names),
        ("place", lex.places),
        ("country", lex.countries),
        ("unnamed", lex.unnamed),
    )


def _shape(word: str) -> str:
    if word.isdigit():
        return "digit"
    if _LATIN.match(word):
        return "latin"
    if _ARABIC.match(word):
        return "arabic"
    return "punct" if len(word) == 1 else "other"


def count_features(c: tuple[int, ...] | None) -> list[str]:
    """The word model's evidence (a word's counts, or None), bucketed: a share per type and
    how often the word was seen."""
    if c is None:
        return ["nw=unseen"]
    total = sum(c)
    out = [f"nw_n={min(total, 3)}"]
    for name, n in zip(("PER", "ORG", "LOC"), c, strict=False):
        if n:
            share = n / total
            out.append(f"nw_{name}={'hi' if share > 0.6 else 'mid' if share > 0.25 else 'lo'}")
    return out


NO_CONTEXT = ("ctx=none",)  # a word no context was learned for
NO_CLUSTER = ("c=none",)

LETTER_GRAMS = 4  # letter n-grams of 1 to 4, with word boundaries marked < and >


def letter_grams(word: str) -> list[str]:
    w = "<" + word + ">"
    return [w[i : i + k] for k in range(1, LETTER_GRAMS + 1) for i in range(len(w) - k + 1)]


BANDS = ("hi", "mid", "lo", "neg")


def _band(x: float, bounds: tuple[float, float, float], labels: tuple[str, ...] = BANDS) -> str:
    hi, mid, lo = bounds
    return labels[0] if x > hi else labels[1] if x > mid else labels[2] if x > lo else labels[3]


@lru_cache(maxsize=1 << 8)
def _named(name: str, value: str) -> str:
    """``name=value``, made once: the few evidence features recur for every word."""
    return intern(f"{name}={value}")


def name_evidence(word: str, res: Resources) -> tuple[str, ...]:
    """How much a word looks like a name, from outside ANERcorp: its letters (شويغو and
    دويسنبرج look foreign, الحكومة does not), whether people's names hold it, and how the
    first-stage tagger read it over a news corpus (داعش, unseen in 2007, is an ORG there)."""
    memo = res.evidence.get(word)
    if memo is None:
        make_room(res.evidence, MAX_MEMO)  # a bounded memory over an endless stream
        memo = res.evidence[word] = _evidence(word, res)
    return memo


def _evidence(word: str, res: Resources) -> tuple[str, ...]:
    norm, _, stem, _, hd = analyse(word)
    out: list[str] = []
    if res.letters and _ARABIC.match(norm):
        for name, w in (("nl", norm), ("nls", stem or norm)):
            out.append(_named(name, _band(res.letters.score(w), (0.8, 0.3, -0.3))))
    sh = stem_head(word)
    n = res.names.get(hd) or res.names.get(sh)
    if n:
        out.append(_named("pn", "1" if n < 3 else "3" if n < 10 else "10"))
    c = res.corpus.get(hd) or res.corpus.get(sh)
    if res.corpus:
        if not c:
            out.append("ac=none")
        else:
            total = sum(c)
            size = "1" if total < 3 else "10" if total < 10 else "100" if total < 100 else "many"
            out.append(_named("ac_n", size))
            for name, k in zip(("ac_PER", "ac_ORG", "ac_LOC", "ac_MISC"), c, strict=False):
                if k:
                    out.append(_named(name, _band(k / total, (0.6, 0.25, -1), ("hi", "mid", "lo", "lo"))))
    return tuple(out)


def sentence_features(words: Sequence[str], res: Resources) -> list[list[str]]:
    """Feature strings for every token of one sentence (training; tagging sums the same
    pieces as cached score vectors, see ``crf.py``)."""
    norms = [analyse(w)[0] for w in words]
    gaz = gazetteer_marks(words, res)
    n = len(words)
    out = []
    for i in range(n):
        front, back = word_features(words[i], res)
        f = [*front, *mark_features(gaz[i], 0), *back]
        for d in (-2, -1, 1, 2):
            j = i + d
            if 0 <= j < n:
                f += near_features(words[j], d, res)
                if abs(d) == 1:
                    f += mark_features(gaz[j], d)
            elif abs(d) == 1:
                f.append(edge_feature(d))
        if i > 0:
            f.append(pair_feature(norms[i - 1], norms[i], 1))
        if i < n - 1:
            f.append(pair_feature(norms[i], norms[i + 1], 0))
        out.append(f)
    return out


def gazetteer_marks(words: Sequence[str], res: Resources) -> list[str]:
    """Per token: the gazetteer's marks, by head word or, behind a bare clitic (بحلب), by stem."""
    heads = [analyse(w)[4] for w in words]
    stems = [stem_head(w) for w in words]
    gaz = res.gazetteer.marks(heads)
    if stems != heads:
        gaz = [both_marks(g, h) for g, h in zip(gaz, res.gazetteer.marks(stems), strict=True)]
    return gaz


def both_marks(by_head: str, by_stem: str) -> str:
    """A token's marks by its head word and by its stem, each once."""
    return " ".join(dict.fromkeys((by_head + " " + by_stem).split())) if by_stem else by_head


@lru_cache(maxsize=1 << 10)
def mark_features(marks: str, d: int) -> tuple[str, ...]:
    """A token's gazetteer marks as its own features (d=0) or a neighbour's (d=±1)."""
    prefix = f"{d}gaz=" if d else "gaz="
    return tuple(prefix + g for g in marks.split(" ")) if marks else ()


def edge_feature(d: int) -> str:
    """Beside the sentence's start (d=-1) or end (d=1)."""
    return f"{d}w=<{'s' if d < 0 else '/s'}>"


def pair_feature(left: str, right: str, of_right: int) -> str:
    """Two folded words side by side, as a feature of the right one (1) or the left one (0)."""
    return f"w-1w={left}|{right}" if of_right else f"ww+1={left}|{right}"


def word_features(word: str, res: Resources) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """What a token's own word lends it, before and after its gazetteer marks: its form,
    the word counts' evidence, how name-like it is, its typical neighbours and, for a word
    the counts never saw, its clusters."""
    hd, sh = analyse(word)[4], stem_head(word)
    key = hd if hd in res.counts or sh not in res.counts else sh
    front = ("bias", *_own(word), *count_features(res.counts.get(key)), *name_evidence(word, res))
    back = res.contexts.get(hd) or res.contexts.get(sh, NO_CONTEXT)
    if key not in res.counts:  # a word never seen tagged: its cluster stands in for it
        back = (*back, *_clusters(word, res))
    return front, back


def near_features(word: str, d: int, res: Resources) -> tuple[str, ...]:
    """What a word at offset ``d`` (±1, ±2) lends the token featurised, but its gazetteer marks."""
    _, _, stem, _, _ = info = analyse(word)
    f = (f"{d}w={info[0]}", f"{d}s={stem}")
    if abs(d) == 1:
        f += _beside_features(word, d, res, _clusters(word, res), _own(word))
    return f


def _clusters(word: str, res: Resources) -> tuple[str, ...]:
    return res.clusters.get(analyse(word)[4]) or res.clusters.get(stem_head(word), NO_CLUSTER)


def _beside_features(
    word: str, d: int, res: Resources, clusters: tuple[str, ...], own: tuple[str, ...]
) -> tuple[str, ...]:
    """What a word next to the one featurised (at offset ``d``) lends it, but its gazetteer
    marks (which depend on the sentence): remembered per word, offset and word counts."""
    key = (id(res.counts), word, d)
    memo = res.neighbours.get(key)
    if memo is None:
        make_room(res.neighbours, MAX_NEIGHBOURS)
        hd = analyse(word)[4]
        f = _offset(d, name_evidence(word, res))
        if hd not in res.counts and stem_head(word) not in res.counts:
            f += _offset(d, clusters)
        f += _offset(d, tuple(x for x in own if x.startswith("lex=")))
        f += _offset(d, res.contexts.get(hd, ()))
        memo = res.neighbours[key] = f
    return memo


@lru_cache(maxsize=MAX_NEIGHBOURS)  # a head's contexts, a cluster, name evidence: shared by many words
def _offset(d: int, features: tuple[str, ...]) -> tuple[str, ...]:
    """Features of the word ``d`` away: their names with ``d`` before them."""
    return tuple(f"{d}{x}" for x in features)


def count_words(sentences: Iterable[Sequence[tuple[str, str]]]) -> dict[str, tuple[int, int, int, int]]:
    """The counts ``names.train`` learns from "token TAG" files, from (token, tag) sentences in memory."""
    counts: dict[str, Counter[str]] = {}
    for sent in sentences:
        for word, tag in sent:
            typ = tag.split("-")[-1][:3] if tag != "O" else "O"
            typ = typ if typ in ("PER", "ORG", "LOC") else "O"
            key = head(fold(word))
            if key:
                counts.setdefault(key, Counter())[typ] += 1
    out = {}
    for w, c in counts.items():
        if c["PER"] + c["ORG"] + c["LOC"] or c["O"] >= MIN_COMMON:
            out[w] = (c["PER"], c["ORG"], c["LOC"], c["O"])
    return out
