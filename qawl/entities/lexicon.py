"""Word lists that tell titles, unnamed sources, organisations and outlets apart.

Loaded once from the data files beside this module (each names its source), in folded
form and without the definite article, so look-ups take ``head(token)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from qawl.arabic.normalise import fold
from qawl.arabic.segment import head  # here too: where the word lists' keys come from


@dataclass(frozen=True, slots=True)
class EntityLexicon:
    titles: frozenset[str]
    relations: frozenset[str]  # خطيبة، شقيق: the name after them is another person's
    unnamed: frozenset[str]
    organisations: frozenset[str]
    outlet_nouns: frozenset[str]
    outlet_names: frozenset[str]
    own_channels: frozenset[str]  # تويتر، موقعه: the speaker's own, never an intermediary
    places: frozenset[str]  # every word of a country name (المتحدة too): titles run through them
    countries: frozenset[str]  # one-word country names (سوريا، روسيا): places to find in a text
    multiword: frozenset[tuple[str, ...]]  # _-joined entries, as token sequences
    not_names: frozenset[str] = frozenset()  # folded words never in a name (العالم، الذي)
    body_nouns: frozenset[str] = frozenset()  # folded nouns a body's name follows (تنظيم، حركة)


def _lines(name: str) -> list[str]:
    text = resources.files("qawl.entities").joinpath("data", name).read_text(encoding="utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


def words_key(text: str) -> tuple[str, ...]:
    """The heads of a name's words (folded, without the article and fused clitics): how
    names are compared across the entity layer (البيت الأبيض -> (بيت, ابيض))."""
    return tuple(head(fold(w)) for w in text.split())


def _words(name: str, multi: set[tuple[str, ...]]) -> frozenset[str]:
    out = set()
    for ln in _lines(name):
        if ln.startswith("["):
            continue
        parts = tuple(head(fold(p)) for p in ln.split("_"))
        if len(parts) > 1:
            multi.add(parts)
        out.add(parts[0] if len(parts) == 1 else "_".join(parts))
    return frozenset(out)


def _territories() -> list[tuple[str, ...]]:
    """Country and territory names as Arabic news writes them, from CLDR (babel), as words;
    regions with numeric codes (001 العالم، 145 غرب آسيا) and groupings (EU, UN) left out."""
    from babel import Locale

    names = set()
    for loc in ("ar", "ar_SY", "ar_EG", "ar_SA"):
        for code, n in Locale.parse(loc).territories.items():
            if code.isalpha() and code not in ("EU", "EZ", "UN", "QO", "ZZ"):
                names.add(tuple(head(fold(t)) for t in n.split()))
    return sorted(names)


@cache
def outlet_sites() -> list[tuple[list[tuple[str, ...]], list[str]]]:
    """(outlet names as canonical word sequences, site domains) from outlet_sites.tsv."""
    out = []
    for ln in _lines("outlet_sites.tsv"):
        names, domains = ln.split("\t")
        keys = [words_key(n) for n in names.split("|")]
        out.append((keys, domains.split()))
    return out


@cache
def entity_lexicon() -> EntityLexicon:
    multi: set[tuple[str, ...]] = set()
    territories = _territories()
    titles = _words("titles.txt", multi)
    relations = _words("relations.txt", multi)
    unnamed = _words("unnamed.txt", multi)
    orgs = _words("organisations.txt", multi)
    text = resources.files("qawl.entities").joinpath("data", "outlets.txt").read_text(encoding="utf-8")
    nouns, names, own, section = set(), set(), set(), ""
    for ln in text.splitlines():
        ln = ln.strip()
        if not ln or ln.startswith("#"):
            continue
        if ln.startswith("["):
            section = ln
            continue
        parts = tuple(head(fold(p)) for p in ln.split("_"))
        if len(parts) > 1:
            multi.add(parts)
        {"[noun]": nouns, "[name]": names, "[own]": own}[section].add("_".join(parts))
    return EntityLexicon(
        titles=titles | relations,
        relations=relations,
        unnamed=unnamed,
        organisations=orgs,
        outlet_nouns=frozenset(nouns),
        outlet_names=frozenset(names),
        own_channels=frozenset(own),
        places=frozenset(w for t in territories for w in t if len(w) > 2),
        countries=frozenset(t[0] for t in territories if len(t) == 1 and len(t[0]) > 2),
        multiword=frozenset(multi),
        not_names=frozenset(fold(w) for w in _lines("not_names.txt")),
        body_nouns=frozenset(fold(w) for w in _lines("body_heads.txt")),
    )
