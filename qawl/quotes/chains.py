"""Chains of attribution (the isnad): outlets and intermediaries between a speaker and the
article, and their continuation (وتابع شويغو قوله keeps the chain of the report it continues)."""

from __future__ import annotations

import re

from qawl.arabic.normalise import fold
from qawl.doc import Doc
from qawl.entities.cluster import Clusterer, in_order
from qawl.entities.lexicon import entity_lexicon, head, outlet_sites
from qawl.entities.phrases import trim
from qawl.quotes.speakers import Resolved
from qawl.record import ViaRef

# صحيفة «فرانكفورتر …»، وكالة الأنباء اليمنية الرسمية "سبأ": the quoted words are the name
QUOTED_NAME = re.compile(r"^[^«\"“]+[«\"“]([^»\"”]+)(?:[»\"”]|$)")


def outlet_name(doc: Doc, a: int, b: int) -> tuple[int, int, str]:
    """Where an outlet's name starts and ends and the name itself, without the لـ of "told
    to": لوكالة الأنباء الفرنسية -> وكالة الأنباء الفرنسية; للتلفزيون المصري -> التلفزيون
    المصري; لصحيفة «فرانكفورتر …» الألمانية -> فرانكفورتر …, the name the paper goes by."""
    tok = doc.tokens[a]
    end = doc.tokens[b - 1].end
    raw = doc.text[tok.start : end]
    lex = entity_lexicon()
    quoted = QUOTED_NAME.match(raw)
    noun = head(tok.norm[1:]) if tok.norm.startswith("ل") else tok.head
    if quoted and noun in lex.outlet_nouns:
        return tok.start + quoted.start(1), tok.start + quoted.end(1), quoted.group(1).strip()
    start, name = _without_lam(doc, a, raw)
    return start, end, name


def _without_lam(doc: Doc, a: int, raw: str) -> tuple[int, str]:
    tok = doc.tokens[a]
    lex = entity_lexicon()
    known = lex.outlet_names | lex.outlet_nouns
    if tok.norm.startswith("ل") and head(tok.norm[1:]) not in known and tok.head in known:
        return tok.start, raw  # the name itself starts with ل (لوموند)
    if tok.norm.startswith("لل") and len(tok.norm) > 4:
        return tok.start + 1, "ال" + raw[2:]
    if tok.norm.startswith("ل") and len(tok.norm) > 2 and tok.norm[1:3] != "ال":
        return tok.start + 1, raw[1:]
    return tok.start, raw


def own_outlet(key: tuple[str, ...], site: str) -> bool:
    """Whether an outlet named by ``key`` is the one that published the article (its site)."""
    if not site:
        return False
    low = tuple(w.lower() for w in key)
    for names, domains in outlet_sites():
        if any(d in site for d in domains) and any(
            low[-len(n) :] == tuple(w.lower() for w in n) for n in names if len(n) <= len(low)
        ):
            return True
    return False


def name_key(text: str) -> tuple[str, ...]:
    """The words of an outlet's name as names are compared (folded, without the article)."""
    return tuple(head(fold(w)) for w in re.findall(r"\w+", text))


def _own_channel(key: tuple[str, ...]) -> bool:
    """موقع «تويتر»، الموقع الرسمي للحزب، صفحته: the speaker's own channel."""
    own = entity_lexicon().own_channels
    return any(w in own for w in key) or any("_".join(key[i : i + 2]) in own for i in range(len(key) - 1))


SAME = {"ذات", "لذات", "نفس", "لنفس"}


def _earlier_outlet(clusterer: Clusterer, key: tuple[str, ...]) -> int | None:
    """ "الصحيفة", "لذات الصحيفة", "الصحيفة الألمانية": an outlet named before by its full
    name (whose words hold the description's), or None."""
    lex = entity_lexicon()
    words = [w for w in key if w not in SAME]
    if not words or words[0] not in lex.outlet_nouns:
        return None
    known = lex.outlet_nouns | lex.outlet_names
    best = None
    for i, d in enumerate(clusterer.drafts):
        ks = [
            k
            for k in [d.key, *d.titles]
            if len(k) > max(1, len(words)) and k[0] in known and in_order(k, words[1:])
        ]
        if ks and (best is None or d.last_seen > clusterer.drafts[best].last_seen):
            if any(k[0] == words[0] for k in ks) or best is None:
                best = i
    return best


REPORT_REACH = 2  # paragraphs between two statements of one report


def _same_report(doc: Doc, prev: Resolved | None, r: Resolved) -> bool:
    """The statement goes on with the speaker's report before it, a few paragraphs back at most."""
    if prev is None or prev.entity != r.entity:
        return False
    gap = doc.paragraph_index[r.found.cue[0]] - doc.paragraph_index[prev.found.cue[0]]
    return gap <= REPORT_REACH


def resolve_chains(
    doc: Doc, resolved: list[Resolved], clusterer: Clusterer, site: str = ""
) -> list[list[ViaRef]]:
    """The chain of each statement; ``site`` (the article's source and URL, lower case)
    tells the article's own outlet, which is no intermediary."""
    chains: list[list[ViaRef]] = []
    last: dict[int, tuple[Resolved, list[ViaRef]]] = {}  # entity -> its latest statement and chain
    for r in resolved:
        chain: list[ViaRef] = []
        for a, b in r.found.via:
            a, b = trim(doc, a, b)
            if a >= b:
                continue
            start, end, name = outlet_name(doc, a, b)
            key = name_key(name)
            if own_outlet(key, site) or _own_channel(key):
                continue
            ent = _earlier_outlet(clusterer, key)
            if ent is None:
                # صحيفة «…» الألمانية: the words around the name describe it for later mentions
                said = name_key(doc.text[doc.tokens[a].start : doc.tokens[b - 1].end])
                if said and said[0][1:] in entity_lexicon().outlet_nouns:
                    said = (said[0][1:], *said[1:])  # لصحيفة: the ل of "told to"
                ent = clusterer.add_named("ORG", name, key, start, end, said if said != key else ())
            if ent != r.entity:  # وفقا لوكالة فرانس برس: the agency is the speaker, not its own relay
                chain.append(ViaRef(f"E{ent + 1}", doc.text[start:end]))
        if r.entity is not None:
            prev, prev_chain = last.get(r.entity, (None, []))
            if not chain and _same_report(doc, prev, r):
                chain = list(prev_chain)  # وتابع شويغو قوله: the report goes on, and so does its chain
            last[r.entity] = (r, chain)
        chains.append(chain)
    return chains
