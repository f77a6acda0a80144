"""What a noun phrase names: a person (with the title bound to the name), an organisation,
an unnamed source, a place.

This is the rule-based seam of the entity layer: ``describe`` reads the tokens of one
phrase (the subject of a reporting verb, an outlet after لـ) and says which part is the
name and which the title. A trained tagger can replace the guesses made here without
the statements layer changing.
"""

from __future__ import annotations

from dataclasses import dataclass

from qawl.arabic.segment import Token
from qawl.doc import Doc
from qawl.entities.lexicon import EntityLexicon, entity_lexicon, head
from qawl.entities.names import name_words

PUNCT_EDGE = set("،,.:;؛\"'()[]-–—«»“”„″")


@dataclass(frozen=True, slots=True)
class Phrase:
    start: int  # token range of the whole phrase
    end: int
    type: str  # PER | ORG | LOC | MISC
    name: tuple[int, int] | None  # token range of the proper name inside it
    titles: tuple[tuple[int, int], ...]  # token ranges of titles bound to the name
    generic: bool = False  # an ordinary noun phrase (وسائل إعلام تركية), not a name
    lam: bool = False  # its first word carries the ل of "وفقا لـ" (وفقا لبيانات الوزارة)

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end


def trim(doc: Doc, a: int, b: int) -> tuple[int, int]:
    """Drop punctuation (commas, quotation marks) at both ends of a token range, and a
    preposition left dangling at its end (الوزير البريطاني في)."""
    toks = doc.tokens
    while a < b and toks[a].text in PUNCT_EDGE:
        a += 1
    while b > a and (
        toks[b - 1].text in PUNCT_EDGE or (toks[b - 1].norm in DANGLING and doc.inside[b - 1] == -1)
    ):
        b -= 1  # (not inside quotation marks: "بي أف أم تي في")
    return a, b


DANGLING = frozenset({"في", "من", "عن", "الي", "علي", "مع", "لدى", "ل", "ب"})


def _kind(lex: EntityLexicon, norms: list[str]) -> str:
    """Classify one comma-free part by its first word(s)."""
    if not norms:
        return "empty"
    h = head(norms[0])
    if norms[0].startswith("ل") and len(norms[0]) > 3:
        bare = head(norms[0][1:])  # وفقا لنقيب الصحافيين، لمنظمة الصحة: the ل of the source phrase
        if bare in lex.titles or bare in lex.organisations or bare in lex.outlet_nouns:
            h = bare
    h2 = "_".join(head(n) for n in norms[:2])
    if h in lex.titles or h2 in lex.titles:
        return "title"
    if h in lex.outlet_nouns or h in lex.outlet_names or h2 in lex.outlet_names:
        return "org"
    if h in lex.organisations or h2 in lex.organisations:
        return "org"
    if h in lex.unnamed:
        return "unnamed"
    if len(norms) == 1 and h in lex.places:
        return "place"
    if name_words().is_common(norms[0]) and not _joiner(norms[0]):
        return "noun"  # معركة الدفاع: an ordinary noun phrase, no name
    return "name"


NAME_JOINERS = {
    "بن",
    "ابن",
    "بنت",
    "عبد",
    "ابو",
    "ابي",
    "ام",
    "ال",
    "ولد",
    "ذو",
    "دي",
    "دو",
    "فان",
    "فون",
    "عبدال",
}


def _joiner(norm: str) -> bool:
    return norm in NAME_JOINERS


def _name_end(toks: list[Token], i: int, bounded: bool = False) -> int:
    """Where a name starting at ``i`` ends: at the first ordinary word (لافروف عدم وجود …) or
    word with a pronoun suffix (الحوثي مقاتليه: his fighters, the verb's object)."""
    words = name_words()
    j = i + 1
    while j < len(toks) and j - i < 6:
        n = toks[j].norm
        if toks[j].text == "#" and j + 1 < len(toks) and toks[j + 1].start == toks[j].end:
            j += 1  # فلاديمير #بوتين: a hashtag mark inside a name
            continue
        if not n.isalnum() and toks[j].text not in "-‐":
            break  # a comma or a quotation mark ends a name
        if n[:1] == "ل" and len(n) > 3 and (words.per_ratio(n[1:]) or 0) >= 0.5:
            break  # قال رونالدو لزيدان: the one spoken to
        if _joiner(toks[j - 1].norm):
            j += 1
            continue
        if toks[j].suffix and (words.per_ratio(n) or 0) < 0.2:
            break
        if not words.is_name_part(n):
            nxt = toks[j + 1].norm if j + 1 < len(toks) else ""
            given = words.per_ratio(toks[j - 1].norm) or 0
            if (
                bounded
                and nxt
                and words.is_name_part(nxt)
                and not words.is_common(nxt)
                and nxt not in NAME_STOPS
            ):
                pass  # "، الباجي قايد السبسي،": between commas, a word between two names is one of them
            elif j == i + 1 and given >= 0.8 and n.startswith("ال"):
                pass  # يوسف الشاهد: a family name that is also a word, after a known first name
            else:
                break
        j += 1
    return j


NAME_STOPS = {"في", "من", "علي", "الي", "عن", "مع", "ل", "و", "ان", "انه", "انها"}


def _names_a_body(lex: EntityLexicon, norms: list[str], cut: int) -> bool:
    """The words after a title's end name the organisation the title's last word opens
    (لنادي مانشستر سيتي), not the person."""
    if cut == 0 or cut >= len(norms):
        return False
    w = norms[cut - 1]
    return head(w) in lex.organisations or (w[:1] in "لب" and head(w[1:]) in lex.organisations)


def _title_end(lex: EntityLexicon, norms: list[str]) -> int:
    """Where the name starts inside a part that opens with a title (وزير الدفاع الروسي سيرغي شويغو).

    A title goes on through definite words (الدفاع، الروسي), prepositions that build it
    (باسم، في، لـ), organisation and place words (خارجية، إيران) and other titles; the
    first word that is none of these opens the name.
    """
    i = 1
    n = len(norms)
    while i < n:
        w = norms[i]
        h = head(w)
        if (
            w.startswith(("ال", "بال", "لل", "وال"))
            or w in ("باسم", "في", "ل", "لدى", "عن", "من", "و", "بن_")
            or h in lex.organisations
            or h in lex.places
            or h in lex.titles
            or h in lex.outlet_names
            # بتونس، لمكافحة الإرهاب، للحزب: a preposition with a place, a body or an ordinary word
            or (
                w[:1] in ("ب", "ل")
                and (
                    head(w[1:]) in lex.organisations
                    or head(w[1:]) in lex.places
                    or name_words().is_common(w[1:])
                )
            )
            or name_words().is_common(w)
        ):
            i += 1
            continue
        break
    return i


def _speaks_for_a_person(lex: EntityLexicon, norms: list[str]) -> bool:
    """باسم + a title: the spokesperson of a person, whose name follows."""
    return any(
        w == "باسم" and i + 1 < len(norms) and head(norms[i + 1]) in lex.titles for i, w in enumerate(norms)
    )


def _unnamed_title(lex: EntityLexicon, norm: str) -> bool:
    """An indefinite title that names no one (متحدث، مسؤول), unlike وزير خارجية إيران."""
    return not norm.startswith("ال") and head(norm) in lex.unnamed


def describe(doc: Doc, a: int, b: int, object_verb: bool = False) -> Phrase | None:
    """The entity a phrase names, with its name and bound titles (token ranges).

    ``object_verb``: the phrase follows a verb that takes an object (وصف، دعا، اتهم), so an
    ordinary noun phrase there is its object, not a speaker: None."""
    a, b = trim(doc, a, b)
    if a >= b:
        return None
    lex = entity_lexicon()
    toks = doc.tokens
    parts: list[tuple[int, int]] = []
    s = a
    for k in range(a, b + 1):
        if k == b or toks[k].text in '،,"“”«»„″':
            ps, pe = trim(doc, s, k)
            if ps < pe:
                parts.append((ps, pe))
            s = k + 1
    name: tuple[int, int] | None = None
    titles: list[tuple[int, int]] = []
    kinds = []
    for ps, pe in parts:
        norms = [t.norm for t in toks[ps:pe]]
        kind = _kind(lex, norms)
        if kind == "name" and toks[ps].suffix and name_words().per_ratio(norms[0]) is None:
            kind = "noun"  # تخللته هتافات: a word with a pronoun suffix is no name
        kinds.append(kind)
        if kind == "title" and head(norms[0]) in lex.relations and not norms[0].startswith(("ال", "وال")):
            titles.append((ps, pe))  # خطيبة خاشقجي: the name is someone else's (not: المحامي طارق جميل)
        elif kind == "title" and _speaks_for_a_person(lex, norms):
            titles.append((ps, pe))  # متحدث باسم الوسيط الدولي كوفي أنان: the name is Annan's
        elif kind == "title" and (ps, pe) != parts[-1] and _names_a_body(lex, norms, _title_end(lex, norms)):
            titles.append((ps, pe))  # المهاجم الأرجنتيني لنادي مانشستر سيتي، سيرجيو أغويرو: the club's name
        elif kind == "title":
            cut = _title_end(lex, norms)
            titles.append((ps, ps + cut))
            if cut < len(norms) and name is None:
                name = (ps + cut, ps + _name_end(toks[ps:pe], cut, bounded=True))
        elif kind == "name" and name is None and kinds[0] not in ("unnamed", "org"):
            name = (ps, ps + _name_end(toks[ps:pe], 0, bounded=len(parts) > 1))
    if name is not None:
        typ = "PER" if kinds[0] in ("title", "name") else "ORG" if kinds[0] == "org" else "MISC"
        if typ == "PER" and kinds[0] == "name" and "org" in kinds[1:] and not titles:
            typ = "ORG"
    elif kinds[0] == "org":
        typ = "ORG"
    elif kinds[0] == "unnamed" or (kinds[0] == "title" and _unnamed_title(lex, toks[a].norm)):
        typ = "MISC"  # مصدر أمني، متحدث باسم الحكومة: a source the article does not name
    elif kinds[0] == "place":
        typ = "LOC"
    elif kinds[0] == "noun":
        if object_verb or not _group(toks[a:b]):
            return None  # ووصف معركة الدفاع بأنها …، وأكد وجود …: an object, the subject dropped
        return Phrase(a, b, "MISC", None, (), generic=True)
    else:
        typ = "PER"
    return Phrase(a, b, typ, name, tuple(titles))


def _group(toks: list[Token]) -> bool:
    """An ordinary noun phrase that can speak: several words (وسائل إعلام تركية، القوى
    الغربية الأخرى) or a plural, never one bare word with a clitic (بمشاة، مدافعا، وجود)."""
    first = toks[0]
    # a clitic the segmenter saw, unless the whole word is a known one (لجان is no ل + جان)
    clitic = first.prefix.replace("و", "").replace("ال", "") and not name_words().is_common(first.norm)
    if first.suffix or clitic or first.norm.endswith("ا"):
        return False
    return len(toks) > 1 or first.norm.endswith(("ون", "ين", "ات"))


def _apposed_name_end(doc: Doc, a: int, b: int) -> int | None:
    """The end of "title، name،" when a name stands between the first two commas after ``a``."""
    toks = doc.tokens
    commas = [k for k in range(a, min(b, a + 14)) if toks[k].text in "،,"][:2]
    if len(commas) < 2 or commas[0] == a:
        return None
    name = toks[commas[0] + 1 : commas[1]]
    words = name_words()
    if not 1 <= len(name) <= 4 or any(words.is_common(t.norm) or not t.norm.isalnum() for t in name):
        return None
    if _kind(entity_lexicon(), [t.norm for t in toks[a : commas[0]]]) not in ("title", "org"):
        return None
    return commas[1] + 1


def _names_next(lex: EntityLexicon, t: Token) -> bool:
    """Whether a word is an outlet or organisation noun that a quoted name follows
    (صحيفة «الأهرام»، حركة "حماس")."""
    h = t.head
    return h in lex.outlet_nouns or h in lex.organisations


def subject_extent(doc: Doc, a: int, b: int) -> int:
    """Where the subject noun phrase starting at token ``a`` ends, when an object follows it
    with no marker between (وأعلنت الهيئة العامة للثورة السورية انسحابها من المؤتمر).

    A title, organisation or unnamed source goes on through definite words and the words of
    the lexicons, then takes a name; a name goes on through name-like words. ``a`` itself
    when the first word is an ordinary word: the subject is dropped and the object follows.
    """
    lex = entity_lexicon()
    words = name_words()
    toks = doc.tokens
    if a >= b:
        return a
    apposed = _apposed_name_end(doc, a, b)
    if apposed is not None:
        return apposed  # وزير التجارة في حكومة تصريف الأعمال، محسن حسن، تراجع العجز …
    kind = _kind(lex, [t.norm for t in toks[a : min(b, a + 2)]])
    if kind in ("noun", "empty"):
        return a
    j = a + 1
    if kind in ("title", "org", "unnamed"):
        while j < b:
            w = toks[j].norm
            h = head(w)
            if toks[j].text in '،,"“”«»':
                nxt = toks[j + 1].norm if j + 1 < b else ""
                if toks[j].text in "،," and (not nxt or nxt in NAME_STOPS or words.is_common(nxt)):
                    return j  # "، في حوار صحفي": the subject ended at the comma
                opens = toks[j].text not in "،," and doc.quote_at.get(j) is not None
                if opens and not _names_next(lex, toks[j - 1]):
                    return j  # وزارة الخارجية البريطانية "أجوبة سريعة": the quotation is no name
                j += 1
                continue
            if toks[j].suffix and not w.startswith("ال"):
                return j  # انسحابها: the object
            if (
                w.startswith(("ال", "بال", "لل", "وال"))
                or w in ("باسم", "في", "ل", "لدى")
                or h in lex.organisations
                or h in lex.places
                or h in lex.titles
                or (w[:1] in "لب" and (head(w[1:]) in lex.organisations or head(w[1:]) in lex.places))
            ):
                j += 1
                continue
            break
    if (
        kind in ("org", "unnamed")
        and j < b
        and toks[j - 1].norm.startswith("ال")
        and words.per_ratio(toks[j].norm) is None
    ):
        return (
            j  # وتتوقع منظمات الإغاثة قدوم …: an unknown indefinite word after a definite one is the object
        )
    if j < b and (kind == "name" or not words.is_common(toks[j].norm)) and not toks[j].suffix:
        j = j + _name_end(toks[j:b], 0) if kind != "name" else a + _name_end(toks[a:b], 0)
    return j
