"""From cues to statements: each cue's frame read into content, speaker words and outlets.

The output, ``Found``, still speaks in token ranges; ``qawl.quotes.speakers`` turns the
speaker and outlet words into entities and resolves dropped subjects.
"""

from __future__ import annotations

from dataclasses import dataclass

from qawl.arabic.normalise import fold
from qawl.doc import Doc
from qawl.entities.names import name_words
from qawl.entities.phrases import describe, subject_extent, trim
from qawl.quotes.clause import (
    COPULAS,
    MAX_CLAUSE,
    PREPOSITIONS,
    Marker,
    adverbial_at,
    chunk_end,
    find_marker,
    is_content_quote,
    outlet_at,
    outlet_in,
    read_clause,
    subject_before,
)
from qawl.quotes.cues import Cue, find_cues
from qawl.quotes.lexicon import CueForm, lexicon
from qawl.quotes.spans import clause_end, clean_span, has_marks, quotation_content, tokens_to_span


@dataclass(slots=True)
class Found:
    type: str  # direct | indirect | mixed | decline
    start: int | None  # character span of the content
    end: int | None
    cue: tuple[int, int]  # token range of the cue words
    speaker: tuple[int, int] | None  # token range of the speaker's words; None: resolve it
    via: list[tuple[int, int]]  # token ranges of the intermediaries written in the clause
    feminine: bool | None  # the verb's agreement, to resolve a dropped subject
    plural: bool
    confidence: float
    object_verb: bool = False  # the cue takes an object before its content (وصف … بأنه)
    has_cue: bool = True  # False for a quotation that no word introduces (cue: its position)
    relays: bool = False  # ونقلت الصحيفة أن …: an outlet passing on what its content may attribute


def find_statements(doc: Doc) -> list[Found]:
    found: list[Found] = []
    for cue in find_cues(doc):
        if cue.kind == "decline":
            f = _decline(doc, cue)
        elif cue.kind == "source":
            f = _source(doc, cue, found)
        else:
            f = _verb(doc, cue)
        if f is not None and _reports_something(doc, f):
            found.append(f)
    found = _drop_repeats(doc, _drop_overlaps(_relay(doc, found)))
    return sorted(found + _unattributed_quotes(doc, found), key=lambda f: f.cue[0])


POINTER_MAX_WORDS = 4  # "نفت هذه التقارير جملة وتفصيلا": still only a pointer


def _reports_something(doc: Doc, f: Found) -> bool:
    """Reported speech needs content: not "نفى ذلك", not a lone word, not "ما اتهم به …"."""
    if f.type in ("decline", "direct") or f.start is None or f.end is None:
        return True
    lex = lexicon()
    words = [t for t in doc.tokens[doc.token_covering(f.start) : doc.token_at(f.end)] if t.norm.isalnum()]
    if len(words) < 2 or words[0].norm in lex.not_content_start:
        return False
    return not (words[0].norm in lex.pointers and len(words) <= POINTER_MAX_WORDS)


UNATTRIBUTED_MIN_WORDS = 6
UNATTRIBUTED_REACH = 2  # paragraphs back to the statement whose speaker it continues


def _unattributed_quotes(doc: Doc, found: list[Found]) -> list[Found]:
    """A quoted sentence with no cue that opens its sentence, soon after a statement: the
    same speaker goes on ("…". then "…" in the next paragraph)."""
    toks = doc.tokens
    out: list[Found] = []
    spans = [(f.start, f.end) for f in found if f.start is not None and f.end is not None]
    for qi, q in enumerate(doc.quotations):
        a, b = doc.token_at(q.inner_start), doc.token_at(q.inner_end)
        if b - a < UNATTRIBUTED_MIN_WORDS or any(s < q.end and e > q.start for s, e in spans):
            continue
        i = doc.token_at(q.start)
        if i >= len(toks) or doc.headline[doc.paragraph_index[i]]:
            continue
        sent_start, _ = doc.sentence_of(i)
        if any(toks[k].text not in "،,.:-–" and toks[k].norm not in ("و", "ف") for k in range(sent_start, i)):
            continue  # something else opens the sentence
        prev = [f for f in found if f.cue[0] < i and f.type != "decline"]
        if not prev or doc.paragraph_index[i] - doc.paragraph_index[prev[-1].cue[0]] > UNATTRIBUTED_REACH:
            continue
        s, e = quotation_content(doc, qi)
        out.append(Found("direct", s, e, (i, i + 1), None, [], None, False, 0.45, has_cue=False))
        spans.append((q.start, q.end))
    return out


def _drop_repeats(doc: Doc, found: list[Found]) -> list[Found]:
    """A paragraph repeated word for word reports its statements once."""
    seen: set[str] = set()
    out = []
    for f in found:
        key = fold(doc.text[f.start : f.end]) if f.start is not None else ""
        if key and key in seen:
            continue
        seen.add(key)
        out.append(f)
    return out


def _relay(doc: Doc, found: list[Found]) -> list[Found]:
    """ونقلت صحيفة «ديلي صباح» أن أردوغان قال إن …: when the content an outlet passes on holds
    a statement of its own, the outlet is that statement's intermediary, not a speaker."""
    out = list(found)
    for a in found:
        if not a.relays or a.start is None or a.speaker is None:
            continue
        inner = [b for b in found if b is not a and a.start <= doc.tokens[b.cue[0]].start < (a.end or 0)]
        if inner:
            for b in inner:
                b.via = b.via or [a.speaker]
            out.remove(a)
    return out


def _via_before(doc: Doc, sent_start: int, cue_start: int) -> list[tuple[int, int]]:
    """An outlet in an adverbial before the verb: وفي تصريحات لقناة «…»، قال …"""
    lex = lexicon()
    k = sent_start
    while k < cue_start:
        if adverbial_at(doc, lex, k, cue_start):
            e = chunk_end(doc, k + 1, cue_start)
            o = outlet_in(doc, k, e)
            if o is not None:
                return [o]
            k = e
        k += 1
    return []


def _content_after(doc: Doc, i: int, marker_kind: str) -> tuple[str, int, int] | None:
    """Type and character span of content starting at token ``i``."""
    toks = doc.tokens
    lex = lexicon()
    if i >= len(toks):
        return None
    if is_content_quote(doc, i):
        qi = doc.quote_at[i]
        q = doc.quotations[qi]
        s, e = quotation_content(doc, qi)
        after = doc.token_at(q.end)
        ends_clause = after >= len(toks) or toks[after].norm in lex.stops or toks[after].text in "،,"
        if marker_kind in ("colon", "quote", "quoting", "source") and (
            ends_clause or marker_kind != "quoting"
        ):
            return "direct", s, e
        if ends_clause:
            return "mixed", s, e
    j = clause_end(doc, i)
    # a quotation opened inside the clause runs to its closing mark
    for q in doc.quotations:
        if toks[i].start <= q.start < toks[j - 1].end if j > i else False:
            if q.end > toks[j - 1].end:
                j = doc.token_at(q.end)
    s, e = tokens_to_span(doc, i, j)
    if e - s < 2:
        return None
    return ("mixed" if has_marks(doc, s, e) else "indirect"), s, e


def _content(doc: Doc, marker: Marker) -> tuple[str, int, int] | None:
    toks = doc.tokens
    lex = lexicon()
    k = marker.index
    if marker.kind == "quote":
        return _content_after(doc, k, "quote")
    if marker.kind == "prep_attached":
        j = clause_end(doc, k)
        s, e = clean_span(doc.text, toks[k].start + 1, toks[j - 1].end)
        return ("mixed" if has_marks(doc, s, e) else "indirect"), s, e
    i = k + 1
    if marker.kind == "colon":  # (at a paragraph's end, the words follow in the next one)
        return _content_after(doc, i, "colon")
    if marker.kind in ("quoting", "prep"):
        # نقلت … عن الوزير قوله أمس، “…” / أشار إلى أن …
        m = find_marker(doc, lex, i, min(len(toks), i + 6), frozenset())
        if m.kind in ("comp", "colon", "quote") and all(
            toks[x].text in "،," or adverbial_at(doc, lex, x, m.index) or toks[x].norm in TIME_WORDS
            for x in range(i, m.index)
        ):
            if m.kind == "comp":
                return _content_after(doc, m.index + 1, "comp")
            # دعا إلى "…": a quotation after a preposition is a clause that quotes (mixed)
            kind = m.kind if marker.kind == "quoting" else "prep"
            return _content_after(doc, m.index if m.kind == "quote" else m.index + 1, kind)
    return _content_after(doc, i, marker.kind)


SELF_REFERENCE = {
    "قوله",
    "قولها",
    "قولهم",
    "تعبيره",
    "تعبيرها",
    "تعبيرهم",
    "وصفه",
    "وصفها",
    "وصفهم",
    "زعمه",
    "زعمها",
}
TIME_WORDS = {
    "الاثنين",
    "الماضي",
    "الماضيه",
    "الجاري",
    "المقبل",
    "الاحد",
    "الثلاثاء",
    "الاربعاء",
    "الخميس",
    "الجمعه",
    "السبت",
    "امس",
    "اليوم",
}


def _verb(doc: Doc, cue: Cue) -> Found | None:
    lex = lexicon()
    form = cue.form
    assert form is not None
    sent_start, sent_end = doc.sentence_of(cue.start)
    clause_start = cue.end
    via: list[tuple[int, int]] = []
    if form.lemma == "نقل" and form.participle:
        return None  # ناقلا عن …: a nested report inside the speaker's own, not annotated
    if form.lemma == "نقل":
        # نقلت وكالة الإعلام الروسية عن وزير الدفاع قوله …: the subject is the intermediary
        an = next(
            (j for j in range(cue.end, min(sent_end, cue.end + 10)) if doc.tokens[j].norm == "عن"), None
        )
        if an is not None:
            outlet, _, _ = read_clause(doc, cue.end, an)
            outlet = outlet or subject_before(doc, cue.start, sent_start)
            via = [outlet] if outlet else []
            clause_start = an + 1
        # ونقل التلفزيون الرسمي أن …: with no عن, the outlet itself is the source
    marker = find_marker(doc, lex, clause_start, sent_end, form.preps)
    if form.lemma in lex.comp_only and marker.kind not in ("comp", "prep"):
        return None
    if form.lemma == "نقل" and clause_start == cue.end and marker.kind != "comp":
        return None
    if marker.kind == "none":
        return _postposed(doc, cue, sent_end) or _quote_below(doc, cue, form) or _np_object(doc, cue, form)
    if form.lemma in ("اعرب", "عبر") and marker.kind == "prep":
        nxt = marker.index + 1
        if nxt >= len(doc.tokens) or doc.tokens[nxt].norm not in lex.view_nouns:
            return None  # أعرب عن حزنه: a feeling, no statement
    content = _content(doc, marker)
    if content is None:
        return None
    typ, s, e = content
    speaker, via2, after_gap = read_clause(doc, clause_start, marker.index)
    via = via + via2
    relayed = _relayed_from(doc, clause_start, marker.index)
    if relayed is not None and speaker is not None:
        # قالت وكالة إنترفاكس نقلا عن زامير كابولوف إن …: the agency relays the speaker
        via, speaker = [speaker], relayed
    if after_gap and not form.participle and not _names_someone(doc, speaker):
        # قد قال في خطاب …، تخللته هتافات: the words after the adverbial are no subject
        speaker = subject_before(doc, cue.start, sent_start) or speaker
    if form.participle:
        speaker = None  # مضيفا، متهما إياه بـ: the words after it are its object, not a speaker
    conf = 0.85
    if speaker is None and not form.participle:
        speaker = subject_before(doc, cue.start, sent_start)
        conf = 0.7
    if speaker is None:
        conf = 0.75  # a dropped subject, resolved later
    if not via and not form.participle:
        via = _via_before(doc, sent_start, cue.start)
    if typ == "direct":
        conf += 0.05
    # دعا الأطراف إلى: an object may stand before the content
    object_verb = form.lemma in lex.object_verbs
    return Found(
        typ,
        s,
        e,
        (cue.start, cue.end),
        speaker,
        via,
        form.feminine,
        form.plural,
        min(conf, 0.95),
        object_verb=object_verb,
        relays=form.lemma == "نقل" and clause_start == cue.end,
    )


def _names_someone(doc: Doc, span: tuple[int, int] | None) -> bool:
    """The words name a speaker: a name, a title, an organisation or an unnamed source."""
    phrase = describe(doc, *span) if span is not None else None
    return phrase is not None and not phrase.generic


def _relayed_from(doc: Doc, a: int, b: int) -> tuple[int, int] | None:
    """The source after "نقلا عن" inside a reporting clause, or None."""
    toks = doc.tokens
    for k in range(a, b - 2):
        if toks[k].norm in ("نقلا", "ونقلا") and toks[k + 1].norm == "عن":
            s, e = trim(doc, k + 2, _np_until(doc, k + 2, b, ()))
            return (s, e) if s < e else None
    return None


def _quote_below(doc: Doc, cue: Cue, form: CueForm) -> Found | None:
    """وقال الأسد في حوار مع صحيفة جمهورييت ¶ "…": a clause that ends its paragraph with no
    marker, and a quotation that opens the next one, are a colon frame without the colon."""
    toks = doc.tokens
    para_end = doc.paragraph_of(cue.start)[1]
    if para_end >= len(toks) or para_end - cue.end > 2 * MAX_CLAUSE or not is_content_quote(doc, para_end):
        return None
    if find_marker(doc, lexicon(), cue.end, para_end, form.preps).kind != "none":
        return None
    speaker, via, _ = read_clause(doc, cue.end, para_end)
    if speaker is None and not form.participle:
        speaker = subject_before(doc, cue.start, doc.sentence_of(cue.start)[0])
    s, e = quotation_content(doc, doc.quote_at[para_end])
    return Found("direct", s, e, (cue.start, cue.end), speaker, via, form.feminine, form.plural, 0.75)


NP_CONTENT_MIN_WORDS = 4  # shorter noun phrases after a verb are objects more often than claims
PARTICIPLE_NP_MIN_WORDS = 2  # …، مؤكدا ضرورة المصالحة: after a participle, a short claim is one


def _np_object(doc: Doc, cue: Cue, form: CueForm) -> Found | None:
    """أعلن مشعل وقوف الحركة …: a speech act whose content is the object noun phrase."""
    lex = lexicon()
    if form.lemma not in lex.np_content:
        return None
    toks = doc.tokens
    end = clause_end(doc, cue.end)
    start = cue.end if form.participle else subject_extent(doc, cue.end, end)
    if start >= end or toks[start].text in "،,.:" or toks[start].norm in lex.verbs:
        return None
    first = toks[start].norm
    if not (name_words().is_common(first) or toks[start].suffix) or first in lex.adverbials:
        return None
    s, e = tokens_to_span(doc, start, end)
    least = PARTICIPLE_NP_MIN_WORDS if form.participle else NP_CONTENT_MIN_WORDS
    if sum(t.norm.isalnum() for t in toks[start:end]) < least:
        return None
    speaker = None if start == cue.end else trim(doc, cue.end, start)
    via = []
    if adverbial_at(doc, lex, start, end):  # أكد … في تصريحات لقناة «العالم» استعداد …
        o = outlet_in(doc, start, chunk_end(doc, start + 1, end))
        via = [o] if o else []
    if speaker is None and not form.participle:
        speaker = subject_before(doc, cue.start, doc.sentence_of(cue.start)[0])
    typ = "mixed" if has_marks(doc, s, e) else "indirect"
    return Found(
        typ,
        s,
        e,
        (cue.start, cue.end),
        speaker,
        via,
        form.feminine,
        form.plural,
        0.6,
        object_verb=form.lemma in lex.object_verbs,
    )


def _postposed(doc: Doc, cue: Cue, sent_end: int) -> Found | None:
    """“…”، قال الوزير: a cue after the quotation it attributes."""
    toks = doc.tokens
    k = cue.start - 1
    while k >= 0 and toks[k].text in "،,-–":
        k -= 1
    if k < 0 or cue.form is None or cue.form.participle or toks[cue.start].norm[:1] in ("و", "ف"):
        return None
    for qi, q in enumerate(doc.quotations):
        if q.end == toks[k].end:
            a, b = doc.token_at(q.inner_start), doc.token_at(q.inner_end)
            if b - a < 3:
                return None
            end = cue.end
            while end < sent_end and toks[end].text not in "،,.":
                end += 1
            speaker, via, _ = read_clause(doc, cue.end, end)
            s, e = quotation_content(doc, qi)
            return Found(
                "direct", s, e, (cue.start, cue.end), speaker, via, cue.form.feminine, cue.form.plural, 0.8
            )
    return None


def _np_until(doc: Doc, i: int, limit: int, stop_words: tuple[str, ...]) -> int:
    toks = doc.tokens
    lex = lexicon()
    j = i
    while j < limit and toks[j].text not in "،,.:" and toks[j].norm not in stop_words:
        if toks[j].norm in lex.complementisers or toks[j].norm in lex.quoting or is_content_quote(doc, j):
            break
        j += 1
    return j


def _clause_start(doc: Doc, i: int, end: int) -> int:
    """Where a clause's content begins, after its connective (فيما كانت …، و …) and an
    adverbial of place or time that opens it (وفي سوريا، سقط …)."""
    toks = doc.tokens
    lex = lexicon()
    while i < end and (toks[i].norm in lex.clause_openers or toks[i].norm in COPULAS or toks[i].text in "،,"):
        i += 1
    if i < end and toks[i].norm in PREPOSITIONS:
        comma = next((c for c in range(i, min(end, i + 6)) if toks[c].text in "،,"), None)
        if comma is not None:
            i = comma + 1
    return i


def _source(doc: Doc, cue: Cue, found: list[Found]) -> Found | None:
    """بحسب …، وفقا لـ …، نقلا عن …، كما نقلت …: a source phrase attributing a clause."""
    toks = doc.tokens
    lex = lexicon()
    sent_start, sent_end = doc.sentence_of(cue.start)
    prev = found[-1] if found else None
    if prev is not None and prev.start is not None and prev.cue[0] < cue.start < doc.token_at(prev.start):
        return None  # قالت الوكالة نقلا عن …: inside a reporting clause read already
    j = cue.end
    via_only = False
    if j < sent_end and (
        toks[j].norm in lex.transmit or toks[j].norm in lex.verbs or toks[j].norm[:-1] in lex.verbs
    ):  # بحسب ما نقلته الوكالة، حسبما قال المصدر: the source follows the verb
        j += 1
        if j < sent_end and toks[j].norm in ("عنه", "عنها", "عنهم"):
            via_only = True
            j += 1
    if toks[cue.start].norm in ("كما", "وكما"):
        via_only = True
    if j < sent_end and toks[j].norm == "ل":  # وفقا لـ “…”
        j += 1
    x_end = _np_until(doc, j, sent_end, ("عن", "فان", "ان"))
    # وفق ما أوردته أمس صحيفة Le Point على موقعها: the source without its adverbials
    x = read_clause(doc, j, x_end)[0] or trim(doc, j, x_end)
    if x[0] >= x[1] or (x[1] - x[0] == 1 and toks[x[0]].norm in SELF_REFERENCE):
        return None  # حسب تعبيرها: marks the statement around it, names no new source
    speaker: tuple[int, int] | None = x
    via: list[tuple[int, int]] = []
    k = x_end
    if k < sent_end and toks[k].norm == "عن":
        y_end = _np_until(doc, k + 1, sent_end, ())
        y = trim(doc, k + 1, y_end)
        if y[0] < y[1]:
            speaker, via = y, [x]
            k = y_end
    # attach to the statement this phrase closes (وقال الحوثي …، وفق ما نقلت عنه قناة المسيرة)
    prev = found[-1] if found else None
    closes = (
        prev is not None
        and prev.end is not None
        and (
            doc.sentence_of(prev.cue[0]) == (sent_start, sent_end)
            or 0 <= cue.start - doc.token_at(prev.end) <= 3
        )
    )
    if prev is not None and closes:
        is_outlet = outlet_at(doc, x[0]) is not None
        if (via_only or is_outlet) and not prev.via and speaker == x:
            prev.via = [x]
            return None
    before = [
        t for t in range(sent_start, cue.start) if toks[t].text not in "،," and toks[t].norm not in ("و", "ف")
    ]
    if not before or (all(adverbial_at(doc, lex, t, cue.start) for t in before[:1]) and len(before) <= 2):
        # the phrase opens the sentence: وبحسب المصدر، فإن …
        i = k
        while i < sent_end and (
            toks[i].text in "،,:" or toks[i].norm in ("فان", "ان", "فانه", "انه", "قوله", "قولها")
        ):
            i += 1
        content = _content_after(doc, i, "source")  # وبحسب نتنياهو "…": his words, direct
    else:
        start = sent_start
        for f in found:
            if (
                f.end is not None
                and f.start is not None
                and toks[sent_start].start <= f.end <= toks[cue.start].start
            ):
                start = doc.token_at(f.end)
        s, e = tokens_to_span(doc, _clause_start(doc, start, cue.start), cue.start)
        content = (("mixed" if has_marks(doc, s, e) else "indirect"), s, e) if e - s > 2 else None
    if content is None:
        return None
    typ, s, e = content
    return Found(typ, s, e, (cue.start, cue.end), speaker, via, None, False, 0.7)


def _decline(doc: Doc, cue: Cue) -> Found | None:
    sent_start, sent_end = doc.sentence_of(cue.start)
    toks = doc.tokens
    if cue.object_end is not None and toks[cue.object_end - 1].norm == "من":
        # الحصول على تعليق من الجانب السعودي: the speaker follows the object
        end = _np_until(doc, cue.object_end, sent_end, ())
        speaker, via = trim(doc, cue.object_end, end), []
        if speaker[0] >= speaker[1]:
            return None
    elif cue.object_start is not None and cue.object_start > cue.end:
        speaker, via, _ = read_clause(doc, cue.end, cue.object_start)
    else:
        end = cue.end
        while end < sent_end and toks[end].text not in "،,." and toks[end].norm not in ("علي", "عن"):
            end += 1
        speaker, via, _ = read_clause(doc, cue.end, end) if end > cue.end else (None, [], False)
    if speaker is None:
        speaker = subject_before(doc, cue.start, sent_start)
    feminine = toks[cue.start].norm.endswith("ت")
    return Found(
        "decline", None, None, (cue.start, cue.object_end or cue.end), speaker, via, feminine, False, 0.8
    )


def _drop_overlaps(found: list[Found]) -> list[Found]:
    """Two statements over the same words: keep the surer one (then the earlier cue)."""
    kept: list[Found] = []
    for f in sorted(found, key=lambda f: -f.confidence):
        if f.start is None or f.end is None:
            kept.append(f)
            continue
        clash = False
        for g in kept:
            if g.start is None or g.end is None:
                continue
            inter = min(f.end, g.end) - max(f.start, g.start)
            if inter > 0 and inter >= 0.8 * min(f.end - f.start, g.end - g.start):
                if (f.start, f.end) == (g.start, g.end) or inter >= 0.8 * (f.end - f.start):
                    clash = True
                    break
        if not clash:
            kept.append(f)
    kept.sort(key=lambda f: f.cue[0])
    return kept
