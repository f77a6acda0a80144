"""A word's tagger features by the model's numbers for them, found without writing their names.

``features.py`` names a token's features as strings (``w=`` and the folded word, ``-1cl=``
and a neighbour's context ...) and the CRF model numbers the names it was trained on. A new
word's rows in the compiled tagger (``crf.py``) need only those numbers, and most of the
names a word would get are unknown to the model (it knows 60,000), so here a name is a
template and a value, each template with a table of its known values: the number of
``w=حلب`` is ``table["w="]["حلب"]``, with no string made for it. The features a word lends
its neighbours are looked up in one table per offset (``-1`` + ``cl=قال``). Same features,
same order as ``word_features`` and ``near_features``, less the unknown ones (whose weights
are zero): tests/test_entities_feature_ids.py checks the numbers against the names on real
words.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from qawl.entities.features import (
    MAX_MEMO,
    NO_CLUSTER,
    NO_CONTEXT,
    Resources,
    analyse,
    count_features,
    name_evidence,
    own_pairs,
    stem_head,
)
from qawl.memo import make_room

OFFSETS = (-2, -1, 1, 2)  # the rows a word lends, in the tagger's order
_TEMPLATE = re.compile(r"[^=<>]*[=<>]?")  # a name's template: up to its first = < or >


def split_name(name: str) -> tuple[str, str]:
    """A feature's name as (template, value): w=حلب -> (w=, حلب), s<ال -> (s<, ال), bias ->
    (bias, '')."""
    template = _TEMPLATE.match(name).group()  # type: ignore[union-attr]  # matches every string
    return template, name[len(template) :]


class FeatureIds:
    """The numbers of a word's features in one model (``attribute``: name -> number)."""

    def __init__(self, attribute: Mapping[str, int], res: Resources) -> None:
        self._attribute = attribute
        self._res = res
        self._by: dict[str, dict[str, int]] = {}  # template -> value -> number
        for name, k in attribute.items():
            template, value = split_name(name)
            self._by.setdefault(template, {})[value] = k
        # what a word lends at -1 and 1: the rest of the name after the offset -> number
        self._lent = {
            d: {name[len(str(d)) :]: k for name, k in attribute.items() if name.startswith(str(d))}
            for d in (-1, 1)
        }
        self._counts: dict[tuple[int, ...] | None, list[int]] = {}  # a word's counts -> numbers
        self._bias = attribute.get("bias", 0)
        # at each offset, the tables of the word's form, stem and word lists
        self._form = {d: tuple(self._table(f"{d}{t}") for t in ("w=", "s=", "lex=")) for d in OFFSETS}
        # a tuple of features (a word's name evidence, its contexts, its clusters: a few
        # thousand tuples that many words share) -> their known numbers as a token's own, and
        # as lent at -1 and at 1
        self._known: dict[tuple[str, ...], tuple[list[int], list[int], list[int]]] = {}

    def _table(self, template: str) -> dict[str, int]:
        return self._by.get(template, {})

    def rows(self, word: str) -> list[list[int]]:
        """The numbers of what ``word`` lends a token: as that token, then at each of OFFSETS."""
        res, by = self._res, self._by
        norm, _, stem, _, hd = analyse(word)
        sh = stem_head(word)
        counted = hd if hd in res.counts or sh not in res.counts else sh  # as word_features
        unseen = counted not in res.counts
        own = own_pairs(word)
        evidence = self._numbers(name_evidence(word, res))
        clusters = self._numbers((res.clusters.get(hd) or res.clusters.get(sh, NO_CLUSTER)) if unseen else ())
        first = [self._bias]
        first += [by[template].get(value, 0) if template in by else 0 for template, value in own]
        first += self._count_ids(res.counts.get(counted))
        first = [k for k in first if k]
        first += evidence[0]
        first += self._numbers(res.contexts.get(hd) or res.contexts.get(sh, NO_CONTEXT))[0]
        first += clusters[0]
        out = [first]
        lex = [value for template, value in own if template == "lex="]
        contexts = self._numbers(res.contexts.get(hd, ()))
        for d in OFFSETS:
            forms, stems, lists = self._form[d]
            row = [k for k in (forms.get(norm, 0), stems.get(stem, 0)) if k]
            if abs(d) == 1:
                lent = 1 if d < 0 else 2
                row += evidence[lent]
                row += clusters[lent]
                row += [k for name in lex if (k := lists.get(name, 0))]
                row += contexts[lent]
            out.append(row)
        return out

    def _numbers(self, features: tuple[str, ...]) -> tuple[list[int], list[int], list[int]]:
        """The known numbers of ``features`` as a token's own, and as lent at -1 and at 1 (in
        their order, the unknown ones left out), remembered per tuple."""
        known = self._known.get(features)
        if known is None:
            make_room(self._known, MAX_MEMO)  # a bounded memory over an endless stream
            own, before, after = self._attribute, self._lent[-1], self._lent[1]
            known = self._known[features] = (
                [k for f in features if (k := own.get(f, 0))],
                [k for f in features if (k := before.get(f, 0))],
                [k for f in features if (k := after.get(f, 0))],
            )
        return known

    def _count_ids(self, counts: tuple[int, ...] | None) -> list[int]:
        ids = self._counts.get(counts)
        if ids is None:
            make_room(self._counts, MAX_MEMO)  # a bounded memory over an endless stream
            ids = self._counts[counts] = [self._attribute.get(f, 0) for f in count_features(counts)]
        return ids
