"""Entities linked to the entity base (``kb_id``) and given a Latin name (``name_latin``).

Reading the base never changes it, so analysis stays pure: ``link_entities`` only looks
entries up. Growing a base with the entities of the articles read is the caller's step
(``qawl extract --base FILE``), after analysis, in one process.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import cache

from qawl.arabic.segment import Token
from qawl.arabic.token import column, where
from qawl.doc import Doc
from qawl.entities.base import EntityBase, Entry, article_words, context_counts, token_words
from qawl.entities.features import Resources
from qawl.entities.latin import romanise
from qawl.entities.lexicon import words_key
from qawl.entities.tagger import TYPES
from qawl.record import Entity, Record

PLACE_SOURCES = ("cldr:", "geo:")  # the seed's places with a known population or code


def link_entities(
    entities: Sequence[Entity], text: str, base: EntityBase, tokens: Sequence[Token] | None = None
) -> None:
    """Set each entity's ``kb_id`` (the base entry it names, read in the context of the
    article's words: from its ``tokens`` when given) and its ``name_latin`` (the entry's, else a
    transliteration)."""

    @cache
    def context() -> Counter[str]:  # counted once, and only for a name with several candidates
        return context_counts(article_words(text) if tokens is None else token_words(tokens))

    places = _place_names(base)
    for e in entities:
        if e.type in ("PER", "ORG") and all(m.kind == "name" for m in e.mentions):
            if words_key(e.name) in places:
                e.type = "LOC"  # أنقرة، ريو دي جانيرو tagged as people: a place the base knows
        entry: Entry | None = base.link(e.name, e.type, context) if e.type != "MISC" else None
        e.kb_id = entry.kb_id if entry else None
        if e.type != "MISC":
            latin = entry.name_latin if entry else None
            e.name_latin = romanise(e.name, known=latin, person=e.type == "PER")


def grow_base(base: EntityBase, record: Record) -> None:
    """Add one record's entities to a growing base and set their ``kb_id`` from it: an
    entity seen in an earlier article gets that article's id (شويغو, then سيرغي شويغو)."""
    ids = base.grow(record.entities, article_words(record.text))
    for e, kb_id in zip(record.entities, ids, strict=True):
        e.kb_id = kb_id


# Of a one-word name's occurrences in news, the share the first-stage tagger read as a place:
# cities it knows score high (دمشق 0.99) or, fused to a clitic, low but clear (حلب 0.18, حمص
# 0.29, الرقة 0.19); ordinary words that GeoNames also lists as places score near zero
# (مدينة "city" 0.01, ليل "night" 0.01, السورية 0.02, مالي "financial" 0.07).
PLACE_SHARE = 0.1


@cache
def _place_names(base: EntityBase) -> frozenset[tuple[str, ...]]:
    """Head-word sequences of the base's places (countries, cities). A one-word name counts
    only when the first-stage tagger read it as a place at least PLACE_SHARE of the times it
    met it in news (see above): مدينة (Medina, and "city"), ليل (Lille, "night") and جمال
    are ordinary words or people's names far more often."""
    out: set[tuple[str, ...]] = set()
    corpus = Resources.beside(None).corpus
    loc = TYPES.index("LOC")
    for e in base.entries():
        if e.type != "LOC" or not e.kb_id.startswith(PLACE_SOURCES):
            continue
        for s in e.spellings():
            key = words_key(s)
            if not all(key):
                continue
            if len(key) == 1:
                counts = corpus.get(key[0])
                if not counts or counts[loc] < PLACE_SHARE * sum(counts):
                    continue
            out.add(key)
    return frozenset(out)


def known_places(doc: Doc, base: EntityBase) -> list[tuple[int, int]]:
    """Token ranges of places of the base named in the text (حمص، وحلب، ريو دي جانيرو),
    longest first, by each word's head (its first word also without a fused و/ب/ل/ك)."""
    by_first = _by_first_word(base)
    toks = doc.tokens
    heads = column(toks, "head")
    stems = column(toks, "stem_head")
    out = []
    end = 0  # tokens before this are in a place found
    for i in where(toks, by_first, "head", "stem_head"):  # a place begins nowhere else
        if i < end:
            continue
        for first in (heads[i],) if stems[i] == heads[i] else (heads[i], stems[i]):  # the whole word first
            entries = by_first.get(first)
            found = entries and next((n for n, rest in entries if tuple(heads[i + 1 : i + n]) == rest), 0)
            if found:
                out.append((i, i + found))
                end = i + found
                break
    return out


@cache
def _by_first_word(base: EntityBase) -> dict[str, tuple[tuple[int, tuple[str, ...]], ...]]:
    """The base's place names by their first word: (length, the other words), longest first."""
    index: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
    for key in _place_names(base):
        index.setdefault(key[0], []).append((len(key), key[1:]))
    return {w: tuple(sorted(v, reverse=True)) for w, v in index.items()}
