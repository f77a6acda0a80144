"""The reporting clause around a cue: who speaks, through whom, and where the content starts.

Arabic news puts the reporting verb first (وقال وزير الخارجية، فلان، في بيان لوكالة …، إن …):
the subject, adverbials and the outlet spoken to stand between the verb and the marker
that opens the content (إن/أن, a colon, a quotation mark, the verb's preposition). This
module reads that stretch; it knows nothing of entities beyond the word lists.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from qawl.doc import Doc
from qawl.entities.lexicon import entity_lexicon, head
from qawl.entities.names import name_words
from qawl.entities.phrases import subject_extent, trim
from qawl.quotes.lexicon import OBJECT_SUFFIXES, Lexicon, lexicon

MarkerKind = Literal["comp", "colon", "quote", "quoting", "prep", "prep_attached", "none"]

MAX_CLAUSE = 26  # words between a verb and its marker; a longer stretch is no reporting clause
TIME_NOUNS = {"الاسبوع", "الشهر", "العام", "السنه", "الاثنين", "الجمعه"}
TIME_ADJ = {"الماضي", "الماضيه", "الجاري", "الحالي", "المقبل", "المنصرم", "الفائت"}
RELATIVES = {"الذي", "التي", "الذين", "اللذين", "اللتين"}
COPULAS = {"كان", "كانت", "وكان", "وكانت", "فكان", "فكانت", "كانوا", "وكانوا"}


@dataclass(slots=True)
class Marker:
    kind: MarkerKind
    index: int  # token index of the marker (for prep_attached: the word carrying بـ)


SENTENCE_QUOTE_WORDS = 4  # a quotation this long holds someone's words, not a name or a term


def quoted_words(doc: Doc, qi: int) -> int:
    """How many tokens quotation ``qi`` holds."""
    q = doc.quotations[qi]
    return doc.token_at(q.inner_end) - doc.token_at(q.inner_start)


def is_content_quote(doc: Doc, i: int) -> bool:
    """Token ``i`` opens a quotation that holds the speaker's words, not a quoted name."""
    qi = doc.quote_at.get(i)
    if qi is None or names_outlet(doc, i):
        return False
    n = quoted_words(doc, qi)
    # a short quotation is the speaker's words only right after a colon (قال: "لا")
    return n >= SENTENCE_QUOTE_WORDS or (n >= 1 and i > 0 and doc.tokens[i - 1].text == ":")


def names_outlet(doc: Doc, i: int) -> bool:
    """The quotation at ``i`` follows an indefinite outlet noun, which it names: a noun in
    construct takes its name after it (لشبكة "بي أف أم تي في"، صحيفة «الشروق»)."""
    if i == 0 or i not in doc.quote_at:
        return False
    n = doc.tokens[i - 1].norm
    n = n[1:] if n[:1] in ("ل", "ب", "و") and len(n) > 3 else n
    return not n.startswith("ال") and n in entity_lexicon().outlet_nouns


def _closing_quote(doc: Doc, i: int) -> bool:
    """A short quotation that ends the sentence after a reporting clause: وقال بكر «حوصرنا»."""
    qi = doc.quote_at.get(i)
    if qi is None or names_outlet(doc, i):
        return False
    q = doc.quotations[qi]
    n = quoted_words(doc, qi)
    after = doc.token_at(q.end)
    last = after >= len(doc.tokens) or doc.tokens[after].norm in lexicon().stops
    return n >= 2 and last and doc.sentence_index[min(after, len(doc.tokens) - 1)] == doc.sentence_index[i]


def glued(doc: Doc, j: int) -> bool:
    """Token ``j`` is joined to the word before it by a hyphen (مون جاي-إن): part of a name."""
    toks = doc.tokens
    return (
        j >= 2
        and toks[j - 1].text in "-‐–"
        and toks[j - 1].start == toks[j - 2].end
        and toks[j].start == toks[j - 1].end
    )


def _name_like(norm: str) -> bool:
    r = name_words().per_ratio(norm)
    return r is not None and r >= 0.3


def _manner(norm: str) -> bool:
    """مدافعا، مستغربا: an accusative participle saying how one spoke (unseen as a name)."""
    return (
        len(norm) >= 5
        and norm[0] == "م"
        and norm[1] != "ا"  # مارثا، ماريا: a name, never the pattern مُفعِلًا
        and norm.endswith("ا")
        and not norm.endswith(("يا", "كا"))  # ميلانيا، مونيكا
        and name_words().per_ratio(norm) is None
    )


def _governs(norm: str) -> bool:
    """A title or organisation word takes the next word as its complement (رئيس بلدية …)."""
    lex = entity_lexicon()
    h = head(norm)
    return h in lex.titles or h in lex.organisations or h in lex.unnamed


def _masdar_with_b(norm: str) -> bool:
    """بإجراء، بالإفراج: a verbal noun after بـ (not a name that starts with ب, بومبيو)."""
    if len(norm) < 4 or not norm.startswith("ب"):
        return False
    stem = norm[1:]
    return stem.startswith(("ال", "ا", "ت")) or stem.endswith(("ه", "ات")) or name_words().is_common(stem)


def _authors_clause(doc: Doc, j: int, start: int) -> bool:
    """…، وهو ما يعني أن …: after a comma, the author's own clause begins (not: …، وهي إحدى
    الدول الموقعة، إنها …, an apposition to the speaker)."""
    toks = doc.tokens
    if j == start or toks[j - 1].text not in "،,":
        return False
    nxt = toks[j + 1].norm if j + 1 < len(toks) else ""
    return (toks[j].norm in ("وهو", "وهي") and nxt == "ما") or toks[j].norm in ("وذلك", "ويذكر", "ويشار")


def find_marker(doc: Doc, lex: Lexicon, start: int, end: int, preps: frozenset[str]) -> Marker:
    """The first content marker in tokens [start, end)."""
    toks = doc.tokens
    words = 0
    for j in range(start, end):
        n = toks[j].norm
        if n.isalnum():
            words += 1
            if words > MAX_CLAUSE:
                break
        if is_content_quote(doc, j) or (j > start and _closing_quote(doc, j)):
            return Marker("quote", j)
        if n in lex.complementisers and not glued(doc, j) and doc.inside[j] == -1:
            return Marker("comp", j)
        if n == ":":
            return Marker("colon", j)
        if n in lex.quoting:
            return Marker("quoting", j)
        if n in preps:
            return Marker("prep", j)
        if (
            "ب" in preps
            and n not in lex.complementisers
            and n not in lex.not_b_content
            and (
                (
                    j > start
                    and _masdar_with_b(n)
                    and not _governs(toks[j - 1].norm)
                    and toks[j - 1].norm not in PREPOSITIONS  # في باريس: its object, no بـ of content
                )
                or (j == start and len(n) > 3 and n[0] == "ب" and not _name_like(n[1:]))
            )
        ):
            return Marker("prep_attached", j)
        if n in lex.stops or _authors_clause(doc, j, start):
            break
        if (
            n in lex.verbs
            and j > start
            and toks[j - 1].text in "،,"
            and toks[j + 1 : j + 2]
            and toks[j + 1].norm != "عدم"
        ):
            break  # another reporting clause begins: …، وأضاف / …، مضيفا أن (not: طلب عدم ذكر اسمه)
    return Marker("none", end)


def adverb_length(doc: Doc, lex: Lexicon, k: int, end: int) -> int:
    """Words taken by a one-word adverb at ``k`` (أمس، أمس الاثنين، الأسبوع الماضي), or 0."""
    toks = doc.tokens
    n = toks[k].norm
    nxt = toks[k + 1].norm if k + 1 < end else ""
    if n in TIME_NOUNS and nxt in TIME_ADJ:
        return 2
    if n in lex.adverbs or (n[:1] in ("و", "ف") and n[1:] in lex.adverbs):
        return 2 if nxt in lex.adverbs or nxt in TIME_ADJ else 1
    return 0


def adverbial_at(doc: Doc, lex: Lexicon, k: int, end: int) -> bool:
    toks = doc.tokens
    n = toks[k].norm
    nxt = toks[k + 1].norm if k + 1 < end else ""
    if n in lex.adverbials or (n[:1] in "وف" and n[1:] in lex.adverbials):
        return True
    if (n, nxt) in lex.adverbials2:
        return True
    if n in ("في", "خلال", "عبر", "وفي") and head(nxt) in lex.events:
        return True
    if n in TIME_NOUNS and nxt in TIME_ADJ:
        return True
    return False


def outlet_at(doc: Doc, k: int) -> int | None:
    """If token ``k`` names an outlet (with or without لـ), the index where its name starts."""
    lex = entity_lexicon()
    toks = doc.tokens
    n = toks[k].norm
    for cand in (n, n[1:] if n[:1] in ("ل", "ب") and len(n) > 2 else ""):  # لوكالة، بوكالة
        if not cand:
            continue
        h = head(cand)
        if h in lex.outlet_nouns or h in lex.outlet_names:
            return k
        for width in (2, 3, 4):  # لبي بي سي، لسكاي نيوز عربية
            if k + width <= len(toks):
                key = "_".join([h] + [t.head for t in toks[k + 1 : k + width]])
                if key in lex.outlet_names:
                    return k
    if n == "ل" and k + 1 < len(doc.tokens):
        return k + 1
    return None


def chunk_end(doc: Doc, k: int, end: int) -> int:
    """The end of an adverbial: the next comma, or ``end``."""
    toks = doc.tokens
    while k < end and toks[k].text not in "،,":
        k += 1
    return k


def outlet_in(doc: Doc, a: int, b: int) -> tuple[int, int] | None:
    """The outlet named inside an adverbial (في مقابلة مع قناة …، لوكالة …)."""
    for k in range(a, b):
        s = outlet_at(doc, k)
        if s is not None:
            e = s + 1
            toks = doc.tokens
            lex = lexicon()
            while e < b and toks[e].norm not in lex.complementisers and toks[e].norm not in lex.stops:
                if e == s + 1 and names_outlet(doc, e):
                    e = min(b, doc.token_at(doc.quotations[doc.quote_at[e]].end) + 1)
                    break  # لشبكة "بي أف أم تي في": the whole quoted name, however long
                if toks[e].text == "(" and e == s + 1 and e + 2 < b and toks[e + 2].text == ")":
                    e += 3  # لمراسل (وات): the outlet in brackets after its correspondent
                    break
                if toks[e].norm in lex.verbs or toks[e].norm in lex.transmit or toks[e].text in "()":
                    break  # لوكالة الأنباء الفرنسية طالبا عدم نشر اسمه، قناة «العالم» نشرت اليوم
                if adverb_length(doc, lex, e, b):
                    break
                quoted = doc.inside[e] != -1 and quoted_words(doc, doc.inside[e]) < SENTENCE_QUOTE_WORDS
                if not quoted and (
                    toks[e].norm in ("الي", "علي", "عن", "من", "في", "و") or toks[e].text in "،,"
                ):
                    break  # (a quoted name goes on: قناة "تي في غلوبو")
                e += 1
            return trim(doc, s, e)
    return None


PREPOSITIONS = {
    "في",
    "وفي",
    "من",
    "ومن",
    "علي",
    "وعلي",
    "الي",
    "والي",
    "عن",
    "مع",
    "ومع",
    "بعد",
    "قبل",
    "خلال",
    "ل",
}
PLACE_PREPS = {"في", "من", "علي", "داخل", "خارج"}


def _title_goes_on(doc: Doc, e: int, b: int, head_kind: str) -> bool:
    """After a title, "عن جماعة الإخوان" or "في الخارجية" builds the title, not an adverbial
    (نائب رئيس حزب الحرية والعدالة المنبثق عن جماعة الإخوان عصام العريان)."""
    if head_kind != "noun":
        return False
    prev = doc.tokens[e - 1]
    if not prev.norm.startswith(("ال", "وال")) and not prev.suffix and _head_kind(prev.norm) == "noun":
        return True  # لاعب وسط منتخب السنغال: a noun in construct takes the next word, even وسط
    if e + 1 >= b or doc.tokens[e].norm not in ("عن", "في", "من"):
        return False
    lex = entity_lexicon()
    nxt = doc.tokens[e + 1].norm
    return head(nxt) in lex.organisations or head(nxt) in lex.places or head(nxt) in lex.titles


def _head_kind(norm: str) -> str:
    lex = entity_lexicon()
    h = head(norm)
    if h in lex.titles or h in lex.unnamed or h in lex.organisations or h in lex.outlet_nouns:
        return "noun"
    return "name"


def read_clause(doc: Doc, a: int, b: int) -> tuple[tuple[int, int] | None, list[tuple[int, int]], bool]:
    """Split the stretch between a verb and its marker into speaker, outlets and adverbials.

    Returns (speaker token range or None, via ranges, whether an adverbial stood before the
    speaker: in "قد قال في خطاب …، تخللته هتافات" the words after it may be no subject).
    """
    lex = lexicon()
    toks = doc.tokens
    speaker: tuple[int, int] | None = None
    via: list[tuple[int, int]] = []
    k = a
    gap = False  # an adverbial stands between the speaker and what follows
    after_gap = False  # … and before the speaker: the words may be no subject at all
    while k < b:
        t = toks[k]
        if t.text in '،,"“”«»' or (
            t.norm in lex.verbs and speaker is None and not lex.verbs[t.norm].participle
        ):
            k += 1
            continue
        if (t.norm in lex.verbs and lex.verbs[t.norm].participle) or (_manner(t.norm) and t.suffix != "نا"):
            # قائلا، متحدثا، مشيرا إلى كيري: the manner of speaking and what goes with it
            k, gap = (chunk_end(doc, k + 1, b), True) if speaker is not None else (k + 1, gap)
            continue
        if t.norm in RELATIVES:  # جبريل الذي يتخذ من دمشق مقرا: a relative clause
            k, gap = chunk_end(doc, k + 1, b), True
            continue
        if speaker is None and (n_adv := adverb_length(doc, lex, k, b)):
            k, gap = k + n_adv, True  # أمس صحيفة Le Point: the adverb alone, then the speaker
            continue
        if (
            adverbial_at(doc, lex, k, b)
            or (outlet_at(doc, k) is not None and t.norm.startswith("ل"))
            # في وقت سابق: no speaker starts so; "، في أولى جلسات …،" after one is an adverbial
            or (t.norm in PREPOSITIONS and (speaker is None or (k > a and toks[k - 1].text in "،,")))
            # لنظيره، للرئيس: an addressee after the speaker, not part of the name
            or (t.norm.startswith("ل") and len(t.norm) > 3 and speaker is not None)
        ):
            # the outlet spoken to, if the adverbial names one (لعدد من وسائل الإعلام)
            e = chunk_end(doc, k + 1, b)
            o = outlet_in(doc, k, e)
            if o is not None:
                via.append(o)
            k, gap = e, True
            continue
        e = k + 1
        head_kind = _head_kind(t.norm)
        object_next = False
        while (
            e < b
            and toks[e].text not in "،,"
            and (
                doc.inside[e] != -1
                or not adverbial_at(doc, lex, e, b)
                or _title_goes_on(doc, e, b, head_kind)
            )
        ):
            n = toks[e].norm
            if (n.startswith("ل") and outlet_at(doc, e) is not None) or n in RELATIVES:
                break
            if (
                toks[e].suffix in OBJECT_SUFFIXES
                and not n.startswith("ال")
                and toks[e - 1].norm.startswith("ال")
                and (name_words().per_ratio(n) or 0) < 0.2
            ):
                object_next = True
                break  # نفت السلطات المصرية احتجازه: the object, with its pronoun
            if n in lex.verbs and lex.verbs[n].participle:
                break
            if n in PLACE_PREPS and head_kind == "name":
                break  # ترامب في واشنطن: where a named person spoke, not part of the name
            e += 1
        if speaker is None:
            after_gap = gap
            speaker = (k, e)
        elif not gap:
            speaker = (speaker[0], e)  # an apposition: الرئيس التركي، رجب طيب أردوغان
        gap = gap or object_next  # what follows the object is no apposition
        k = e
    if speaker is not None:
        speaker = trim(doc, *speaker)
        if speaker[0] >= speaker[1]:
            speaker = None
    return speaker, via, after_gap


def subject_before(doc: Doc, cue_start: int, sent_start: int) -> tuple[int, int] | None:
    """A subject written before its verb: وكان الرئيس قد قال، الوزارة التي أكدت، الوزير قال."""
    toks = doc.tokens
    k = cue_start - 1
    if k >= sent_start and toks[k].norm in ("قد", "وقد", "لقد"):
        k -= 1
    if k < sent_start:
        return None
    if toks[k].norm in RELATIVES:
        return _antecedent_of_relative(doc, k, sent_start)
    lex = lexicon()
    if toks[k].norm in lex.clause_openers and toks[k].norm not in ("و", "ف"):
        return None  # جاء ذلك في مؤتمر صحفي لتسك حيث أكد …: the subject is dropped
    # وكان الرئيس الأمريكي دونالد ترامب قال …
    verb = toks[cue_start].norm
    for c in range(k, max(sent_start - 1, k - 16), -1):
        if verb[:1] in ("و", "ف"):
            break  # وأضاف opens its own clause: no subject before it
        if toks[c].norm in COPULAS:
            return (c + 1, k + 1) if c + 1 <= k else None
        if toks[c].text in '.:؛"“”«»' or toks[c].norm in lex.verbs or toks[c].norm in lex.complementisers:
            break
    # ولكن المفوضة، فيديريكا موغيريني، قالت إن …؛ أما الوزير فقال …: the subject, then the verb
    if verb[:1] in ("و", "ف") and not (verb[:1] == "ف" and _after_amma(doc, sent_start, cue_start)):
        return None
    c = k
    while c >= sent_start and k - c < 14:
        n = toks[c].norm
        if (
            n in lex.clause_openers
            or n in ("اما", "واما")
            or n in lex.complementisers
            or toks[c].text in ".:؛"
        ):
            break  # (after أن: "أن أردوغان قال إن" has its subject too)
        if n in lex.verbs or n in RELATIVES or n in lex.stops:
            return None
        c -= 1
    if c >= sent_start and k - c >= 14:
        return None
    s = c + 1
    while s <= k and toks[s].text in "،,":
        s += 1
    if (
        s > k
        or toks[s].norm in PREPOSITIONS
        or adverbial_at(doc, lex, s, k + 1)
        or toks[s].norm.startswith(("رد", "ورد"))
        or toks[s].suffix  # وبسؤاله عن …، قال
    ):
        return None  # وردا على سؤال …، قالت: an adverbial, the subject is dropped
    if (
        toks[s].prefix == "و"
        and s < k
        and _head_kind(toks[s + 1].norm) == "noun"
        and not _name_like(toks[s].stem)
    ):
        # وأصدرت السفارة البريطانية بيانا تعهدت فيه …: a clause opening with its own verb;
        # its subject follows that verb
        end = subject_extent(doc, s + 1, k + 1)
        return (s + 1, end) if end > s + 1 else None
    return (s, k + 1)


def _antecedent_of_relative(doc: Doc, rel: int, sent_start: int) -> tuple[int, int] | None:
    """The noun phrase a relative pronoun refers to: "المتحدثة باسم الخارجية الروسية ماريا
    زاخاروفا، التي قالت" -> ماريا زاخاروفا; "الوزارة التي أكدت" -> الوزارة."""
    toks = doc.tokens
    words = name_words()
    lex = entity_lexicon()
    e = rel
    while e > sent_start and toks[e - 1].text in "،,":
        e -= 1
    s = e
    while s > sent_start and e - s < 4 and words.is_name_part(toks[s - 1].norm) and not toks[s - 1].suffix:
        if toks[s - 1].norm in PREPOSITIONS or toks[s - 1].text in '،,."“”«»':
            break
        s -= 1
    if s < e and not words.is_common(toks[s].norm):
        return (s, e)  # a name
    for c in range(e - 1, max(sent_start - 1, e - 7), -1):
        if toks[c].text in "،,." or toks[c].norm in PREPOSITIONS:
            break
        h = toks[c].head
        if h in lex.titles or h in lex.organisations or h in lex.unnamed or h in lex.outlet_nouns:
            return (c, e)  # الوزارة التي، المتحدث باسم الجيش الذي
    return None


def _after_amma(doc: Doc, sent_start: int, cue_start: int) -> bool:
    """أما X فقال: the topic particle before the subject."""
    return any(
        doc.tokens[c].norm in ("اما", "واما") for c in range(max(sent_start, cue_start - 14), cue_start)
    )
