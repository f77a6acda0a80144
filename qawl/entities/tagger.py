"""The entity tagger: a linear-chain CRF (python-crfsuite) over ``features.py``'s token features.

It tags a sentence's tokens with BIO tags of four types, PER, ORG, LOC and MISC. The
model that ships (data/ner.crfsuite, with data/ner.gazetteer.tsv and data/ner.contexts.tsv)
is rebuilt by ``qawl train ner``; each model file is loaded once per process.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import replace
from functools import cache
from importlib import resources
from pathlib import Path

import pycrfsuite

from qawl.entities.crf import CompiledCRF
from qawl.entities.features import Resources, count_words, sentence_features

TYPES = ("PER", "ORG", "LOC", "MISC")
_TYPE_MAP = {"PERS": "PER", "PER": "PER", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC", "MIS": "MISC"}

Sentence = Sequence[tuple[str, str]]  # (token, tag)


def normalise_tag(tag: str) -> str:
    """A corpus tag in qawl's set: B-PERS -> B-PER, AQMAR's MIS -> MISC; anything else -> O."""
    bio, _, typ = tag.partition("-")
    typ = _TYPE_MAP.get(typ.upper(), "")
    return f"{bio.upper()}-{typ}" if typ and bio.upper() in ("B", "I") else "O"


class Tagger:
    def __init__(self, model: pycrfsuite.Tagger, res: Resources) -> None:
        self._model = model
        self._res = res
        self._compiled: CompiledCRF | None = None

    @staticmethod
    def load(path: Path | str | None = None) -> Tagger:
        """The model at ``path`` (its gazetteer and contexts beside it), or by default the one
        qawl ships; each is opened once per process."""
        return _load(str(path) if path is not None else None)

    @staticmethod
    def open(path: Path | str, res: Resources) -> Tagger:
        """A model file with resources given here (not read from beside it); not cached."""
        model = pycrfsuite.Tagger()
        model.open(str(path))
        return Tagger(model, res)

    @property
    def resources(self) -> Resources:
        """The word lists and counts this model's features look up."""
        return self._res

    def tag(self, tokens: Sequence[str]) -> list[str]:
        """BIO tags (B-PER, I-ORG, O ...) for the tokens of one sentence."""
        return self.tag_sentences([tokens])[0]

    def tag_sentences(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """BIO tags for the tokens of each sentence, all tagged in one search."""
        if self._compiled is None:  # built on first use: the weights as arrays (about a second)
            self._compiled = CompiledCRF(self._model, self._res)
        return [_well_formed(tags) for tags in self._compiled.tag(sentences)]


def _well_formed(tags: Sequence[str]) -> list[str]:
    """An I- tag that continues no entity of its type begins one (B-), as conlleval reads it."""
    out: list[str] = []
    for tag in tags:
        if tag.startswith("I-") and (not out or out[-1][2:] != tag[2:]):
            tag = "B-" + tag[2:]
        out.append(tag)
    return out


@cache
def _load(path: str | None) -> Tagger:
    model = pycrfsuite.Tagger()
    if path is None:
        with resources.as_file(resources.files("qawl.entities").joinpath("data", "ner.crfsuite")) as p:
            model.open(str(p))
    else:
        model.open(path)
    return Tagger(model, Resources.beside(path))


def train(
    sentences: Sequence[Sentence],
    path: Path | str,
    *,
    c1: float,
    c2: float,
    max_iterations: int,
    seed: int,
    base: Resources,
    folds: int = 5,
) -> None:
    """Train a CRF on tagged sentences and write it to ``path``; deterministic.

    The word counts the features use are learned from these same sentences, so each
    sentence is featurised with counts from the other folds only (``seed`` assigns the
    folds): with its own counts every training name would look "seen as a name", and the
    CRF would lean on evidence that unseen names never have. At run time the counts come
    from all the data. L-BFGS itself draws nothing at random.
    """
    rng = random.Random(seed)
    fold_of = [rng.randrange(folds) for _ in sentences]
    per_fold = [
        replace(base, counts=count_words(s for s, f in zip(sentences, fold_of, strict=True) if f != k))
        for k in range(folds)
    ]
    trainer = pycrfsuite.Trainer(verbose=False)
    for sent, k in zip(sentences, fold_of, strict=True):
        words = [w for w, _ in sent]
        trainer.append(sentence_features(words, per_fold[k]), [normalise_tag(t) for _, t in sent])
    trainer.select("lbfgs", "crf1d")
    trainer.set_params(
        {"c1": c1, "c2": c2, "max_iterations": max_iterations, "feature.possible_transitions": True}
    )
    trainer.train(str(path))
