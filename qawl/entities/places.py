"""Places the text names, found with the country names of CLDR (babel): روسيا، والأردن،
بسوريا. The trained tagger will find the rest (cities, regions, sites)."""

from __future__ import annotations

from qawl.arabic.segment import Token
from qawl.arabic.token import where
from qawl.doc import Doc
from qawl.entities.cluster import Clusterer
from qawl.entities.lexicon import entity_lexicon


def name_cut(t: Token) -> tuple[int, str]:
    """Where a name starts in a token with its fused و/ف/ب/ل/ك cut off and its article kept,
    and the article the name takes back when ل swallowed its alef (للولايات -> الولايات)."""
    if t.prefix.endswith("ال") and t.prefix != "لل":
        start = t.stem_start - 2
        return start, ""
    if t.prefix.endswith("لل"):
        return t.stem_start, "ال"
    return t.stem_start, ""


def add_places(doc: Doc, clusterer: Clusterer) -> None:
    """Add every country the text names to the article's entities, as LOC."""
    countries = entity_lexicon().countries
    for t in [doc.tokens[i] for i in where(doc.tokens, countries, "stem", "head")]:  # the rest name none
        key = t.stem if t.stem in countries else t.head if t.norm[:2] == "ال" else ""
        if key not in countries:
            continue
        start, article = name_cut(t)
        name = article + doc.text[start : t.end]
        clusterer.add_named("LOC", name, (key,), start, t.end)
