"""Names found in the running text, added to the article's entities.

The statements layer names speakers and intermediaries first. Then two readers go over
every sentence: the entity tagger (people, organisations, places), and organisation
phrases built on a head noun of the lexicon (الحكومة التركية، وزارة الخارجية البريطانية،
مجلس الشيوخ), which ANERcorp-style tagging leaves out but a newsroom counts as bodies.
With an entity base, the places it knows are found too
(حمص، ريو دي جانيرو). What a phrase of the statements layer already covers is left to it. A name keeps no
fused conjunction or preposition (بحلب -> حلب, وروسيا -> روسيا, but برهان stays whole),
and joins the entity it belongs to through the clusterer (شويغو joins سيرغي شويغو).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache

from qawl.arabic.segment import Token
from qawl.arabic.token import column, where
from qawl.doc import Doc
from qawl.entities.base import EntityBase
from qawl.entities.cluster import Clusterer, canon, canon_word
from qawl.entities.conll import spans
from qawl.entities.features import Resources
from qawl.entities.lexicon import EntityLexicon, entity_lexicon, head
from qawl.entities.linking import known_places
from qawl.entities.names import name_words
from qawl.entities.places import name_cut
from qawl.entities.tagger import Tagger

KEPT = ("PER", "ORG", "LOC")  # MISC (events, products, works) are no entities in a record
MAX_ORG_WORDS = 6
MIN_IN_NAMES = 2  # times an adjective was inside an organisation's name in ANERcorp
_DEFINITE = ("ال", "وال", "بال", "لل", "فال", "كال")
_PUNCT = set("،,.:;؛\"'()[]-–—«»“”„″!?؟")


def add_tagged(
    doc: Doc, clusterer: Clusterer, tagger: Tagger | None = None, base: EntityBase | None = None
) -> None:
    """Add to ``clusterer`` the names the tagger, the organisation phrases and, with ``base``,
    its known places find in ``doc``."""
    tagger = tagger or Tagger.load()
    # names the statements layer found; an organisation inside an unnamed source or a title
    # (مسؤولون في وزارة الخارجية الأمريكية) is still to be found
    taken = Taken(len(doc.text))
    named = (m for d in clusterer.drafts if d.type != "MISC" for m in d.mentions if m.kind == "name")
    for m in named:
        taken.add(m.start, m.end)
    found: list[tuple[int, int, str]] = []  # token ranges and types, in text order
    sentences = [(a, b) for a, b in doc.sentences if a < b]
    texts = column(doc.tokens, "text")
    every = tagger.tag_sentences([texts[a:b] for a, b in sentences])
    for (a, _), tags in zip(sentences, every, strict=True):
        found += [(a + i, a + j, typ) for i, j, typ in spans(tags) if typ in KEPT]
    tagged_at = {i for i, _, _ in found}
    res = tagger.resources
    found += [(i, j, "ORG") for i, j in organisation_phrases(doc, res) if i not in tagged_at]
    tagged_at = {k for i, j, _ in found for k in range(i, j)}
    found += [(i, i + 1, "ORG") for i in known_bodies(doc, res) if i not in tagged_at]
    if base is not None:
        tagged_at = {i for i, _, _ in found}
        found += [(i, j, "LOC") for i, j in known_places(doc, base) if i not in tagged_at]
    lex = entity_lexicon()
    for i, j, typ in sorted(found):
        start, article = name_start(doc.tokens[i], res)
        end = doc.tokens[j - 1].end
        if taken.overlaps(start, end):
            continue  # named already, by a phrase of the statements layer or a longer find
        key = canon(doc, i, j)
        if start > doc.tokens[i].start:  # its fused preposition cut: لجبهة النصرة -> جبهة النصرة
            key = (head(doc.tokens[i].stem), *key[1:])
        text = doc.text[start:end]
        if any(t.norm in lex.not_names for t in doc.tokens[i:j]):
            continue
        if not key or not any(ch.isalpha() for ch in text):
            continue
        clusterer.add_named(typ, article + text, key, start, end)  # للولايات -> الولايات
        taken.add(start, end)
    _repeat_names(doc, clusterer, taken, res)


class Taken:
    """The characters of an article that names found so far cover: whether a span overlaps
    one is a search of a byte array, not a test of every span found."""

    __slots__ = ("_covered",)

    def __init__(self, size: int) -> None:
        self._covered = bytearray(size)

    def add(self, start: int, end: int) -> None:
        end = min(end, len(self._covered))  # a slice given more bytes than it holds would grow
        if start < end:
            self._covered[start:end] = b"\x01" * (end - start)

    def overlaps(self, start: int, end: int) -> bool:
        return self._covered.find(1, start, end) >= 0


def _repeat_names(doc: Doc, clusterer: Clusterer, taken: Taken, res: Resources) -> None:
    """A name found once is the same name wherever else the article writes it: the tagger
    that found جمال خاشقجي in one sentence may miss خاشقجي or بخاشقجي in another. Each
    entity's name, and a person's surname when it is no ordinary word, is looked for
    again; the untagged occurrences join it."""
    words = name_words()
    keys: dict[tuple[str, ...], int] = {}
    for index, d in enumerate(clusterer.drafts):
        if d.type not in KEPT or not d.key or len(d.key) > MAX_ORG_WORDS:
            continue
        keys.setdefault(d.key, index)
        last = d.key[-1]
        if d.type == "PER" and len(d.key) > 1 and len(last) > 2 and not words.is_common(last):
            keys.setdefault((last,), index)
    if not keys:
        return
    longest = max(map(len, keys))
    firsts = {k[0] for k in keys}
    toks = doc.tokens
    stems = column(toks, "stem_head")
    after = 0  # the tokens before this are in a name found again already
    for i in [i for i, s in enumerate(stems) if s in firsts]:  # where a name can begin
        if i < after:
            continue
        ahead = [canon_word(t) for t in toks[i + 1 : i + longest]]  # made here only: a few tokens
        for n in range(min(longest, len(toks) - i), 0, -1):
            rest = ahead[: n - 1]
            if None in rest:
                continue  # a quotation mark or comma inside: no name
            index = keys.get((stems[i], *rest))
            if index is None:
                continue
            start, end = name_start(toks[i], res, known=True)[0], toks[i + n - 1].end
            if not taken.overlaps(start, end):
                d = clusterer.drafts[index]
                clusterer.add_named(d.type, doc.text[start:end], d.key[-n:] if n == 1 else d.key, start, end)
                taken.add(start, end)
            after = i + n
            break


def name_start(t: Token, res: Resources, known: bool = False) -> tuple[int, str]:
    """Where a name starts inside its first token, after a fused و/ف/ب/ل/ك and keeping its
    article. A single-letter preposition is cut when the rest is a name more often than not
    in the tagged news corpus (بدمشق -> دمشق), or a word of the news vocabulary while the
    whole token is not (بسوريا -> سوريا), or, with ``known``, a name the article has used
    already (بخاشقجي); not otherwise (برهان stays whole: رهان is an ordinary word). With the
    start, the article the name takes back (``places.name_cut``: للولايات -> الولايات)."""
    cut = name_cut(t)
    if not t.prefix or t.prefix.endswith(("ال", "لل")) or t.prefix in ("و", "ف"):
        return cut
    whole, rest = t.head, head(t.stem)
    lex = entity_lexicon()
    counts = res.corpus.get(rest)
    named = counts is not None and sum(counts[: len(KEPT)]) > counts[-1]
    if known or named or rest in lex.places or rest in lex.organisations:
        return cut
    if rest in res.clusters and whole not in res.clusters:
        return cut
    return t.start, ""


def known_bodies(doc: Doc, res: Resources) -> list[int]:
    """Tokens that name a body that news writes alone (داعش، حماس، الحوثي; ``ner.bodies.tsv``),
    behind a fused conjunction or preposition too (ولداعش، والحوثي)."""
    bodies, stems = res.bodies, res.body_stems  # a stem not among them has no body's form
    toks = doc.tokens  # a body's name is one of its stems too: the tokens to look at are these
    at = where(toks, stems, "norm", "stem")
    return [
        i for i in at if toks[i].norm in bodies or (toks[i].stem in stems and _body_form(toks[i]) in bodies)
    ]


def _body_form(t: Token) -> str:
    """A token without its fused و/ف/ب/ل/ك, its article kept: والحوثي -> الحوثي, لداعش -> داعش."""
    return "ال" + t.stem if t.prefix.endswith("ال") else t.stem


def organisation_phrases(doc: Doc, res: Resources | None = None) -> list[tuple[int, int]]:
    """Token ranges of organisations named by a head noun of the lexicon and what qualifies
    it: الحكومة التركية، وزارة الخارجية البريطانية، مجلس الشيوخ، جماعة الإخوان المسلمين.

    A definite head takes the definite words after it that qualify a name (``_qualifies``);
    an indefinite head is the first term of a construct and takes the definite noun after
    it first. A bare definite head (الحكومة) is no name by itself, nor a plural one
    (المنظمات الحقوقية: a group)."""
    lex = entity_lexicon()
    by_first = _organisations_by_first_word(lex)
    bodies = (res or Resources.beside(None)).bodies
    toks = doc.tokens
    out: list[tuple[int, int]] = []
    n = len(toks)
    heads = _organisation_heads(lex)
    end = 0  # tokens before this are in a phrase found
    for i in where(toks, heads, "head"):  # no phrase begins elsewhere
        if i < end:
            continue
        t = toks[i]
        # وزير الخارجية الروسي: a definite head after a title is the title's; مدير منظمة العفو
        # الدولية: an indefinite one begins a body's name
        after_title = i > 0 and toks[i - 1].head in lex.titles and t.norm.startswith(_DEFINITE)
        named = _multiword(toks, i, by_first)  # البيت الأبيض، الأمم المتحدة
        plural = t.head.endswith("ات") and not named  # المنظمات، المؤسسات: groups, not a body
        if (t.head not in lex.organisations and not named) or t.suffix or after_title or plural:
            continue
        j = i + max(named, 1)
        if not named and not t.norm.startswith(_DEFINITE):
            body = j < n and (toks[j].norm in bodies)  # تنظيم داعش، حركة حماس
            if j < n and (toks[j].norm.startswith(("ال", "وال")) or body) and not toks[j].suffix:
                j += 1  # وزارة الخارجية، مجلس الشيوخ
            else:
                continue
        while j < n and j - i < MAX_ORG_WORDS and _qualifies(toks[j], lex):
            j += 1
        if j - i >= 2 or named:
            out.append((i, j))
            end = j
    return out


Multiword = tuple[int, tuple[str, ...]]  # an entry's length in words, and its words after the first


def _multiword(toks: list[Token], i: int, by_first: Mapping[str, Sequence[Multiword]]) -> int:
    """The number of words of the organisation list's multi-word entry that starts at token
    ``i`` (البيت الأبيض: 2), or 0; ``by_first``: ``_organisations_by_first_word``."""
    for n, rest in by_first.get(toks[i].head, ()):
        if tuple(t.head for t in toks[i + 1 : i + n]) == rest:
            return n
    return 0


@cache
def _organisation_heads(lex: EntityLexicon) -> frozenset[str]:
    """The heads an organisation phrase can begin with: a head noun of the list, or the first
    word of one of its multi-word entries."""
    return frozenset(lex.organisations) | _organisations_by_first_word(lex).keys()


@cache
def _organisations_by_first_word(lex: EntityLexicon) -> dict[str, tuple[Multiword, ...]]:
    index: dict[str, list[Multiword]] = {}
    for entry in lex.multiword:
        if "_".join(entry) in lex.organisations:
            index.setdefault(entry[0], []).append((len(entry), entry[1:]))
    return {w: tuple(sorted(v, reverse=True)) for w, v in index.items()}


def _qualifies(t: Token, lex: EntityLexicon) -> bool:
    """A definite word that goes on an organisation's name: a word of the organisation and
    place lists (الخارجية، المتحدة) or an adjective of the kinds names carry (``qualifiers``);
    after و only a word that is no body of its own (والتنمية, not والشرطة: a second body)."""
    if t.text in _PUNCT or t.suffix or not t.norm.startswith(("ال", "وال")) or t.norm in lex.not_names:
        return False
    h = t.head
    if t.norm.startswith("وال") and h in lex.organisations:
        return False
    return h in lex.organisations or h in lex.places or h in qualifiers()


@cache
def qualifiers() -> frozenset[str]:
    """Adjectives (heads, folded) that are part of an organisation's name: nationalities, the
    adjectives of CLDR's countries in the entity base (التركية، السوري، الأمريكي), and the
    adjectives ANERcorp's annotators kept inside organisation names at least twice (الدولية،
    العربية، الأوروبي، الوطني). Others describe a body without naming it (الرسمية، النظامي،
    الإرهابي)."""
    nisba = ("ي", "يه", "يين", "يون")
    out = {
        w
        for e in EntityBase.shipped().entries()
        if e.kb_id.startswith("cldr:")
        for w in e.context
        if w.endswith(nisba)
    }
    out |= {
        w for w, (_, org, _, _) in name_words().counts.items() if org >= MIN_IN_NAMES and w.endswith(nisba)
    }
    return frozenset(out)
