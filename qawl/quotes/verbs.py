"""Statements a reporting verb announces: قال … إن، أضاف: "…"، نقلت الوكالة عن … قوله،
أعلن … وقوف …، and "…"، قال الوزير."""

from __future__ import annotations

from qawl.doc import Doc
from qawl.entities.names import name_words
from qawl.entities.phrases import describe, subject_extent, trim
from qawl.quotes.clause import (
    MAX_CLAUSE,
    Marker,
    adverbial_at,
    chunk_end,
    find_marker,
    is_content_quote,
    outlet_in,
    read_clause,
    subject_before,
)
from qawl.quotes.cues import Cue
from qawl.quotes.found import Found
from qawl.quotes.lexicon import CueForm, lexicon
from qawl.quotes.spans import (
    clause_end,
    clean_span,
    content_after,
    has_marks,
    np_until,
    quotation_content,
    tokens_to_span,
)

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


def _content(doc: Doc, marker: Marker) -> tuple[str, int, int] | None:
    toks = doc.tokens
    lex = lexicon()
    k = marker.index
    if marker.kind == "quote":
        return content_after(doc, k, "quote")
    if marker.kind == "prep_attached":
        j = clause_end(doc, k)
        s, e = clean_span(doc.text, toks[k].start + 1, toks[j - 1].end)
        return ("mixed" if has_marks(doc, s, e) else "indirect"), s, e
    i = k + 1
    if marker.kind == "colon":  # (at a paragraph's end, the words follow in the next one)
        return content_after(doc, i, "colon")
    if marker.kind in ("quoting", "prep"):
        # نقلت … عن الوزير قوله أمس، “…” / أشار إلى أن …
        m = find_marker(doc, lex, i, min(len(toks), i + 6), frozenset())
        if m.kind in ("comp", "colon", "quote") and all(
            toks[x].text in "،," or adverbial_at(doc, lex, x, m.index) or toks[x].norm in TIME_WORDS
            for x in range(i, m.index)
        ):
            if m.kind == "comp":
                return content_after(doc, m.index + 1, "comp")
            # دعا إلى "…": a quotation after a preposition is a clause that quotes (mixed)
            kind = m.kind if marker.kind == "quoting" else "prep"
            return content_after(doc, m.index if m.kind == "quote" else m.index + 1, kind)
    return content_after(doc, i, marker.kind)


def verb_statement(doc: Doc, cue: Cue) -> Found | None:
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
        # رأى جزءا من …: no content; but استبعد الصيد إمكانية … has a noun phrase for one
        return _np_object(doc, cue, form) if marker.kind == "none" else None
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
        # نقلت الوكالة عن المسؤول قوله: the verb agrees with the agency, not the speaker
        form.feminine if clause_start == cue.end else None,
        form.plural if clause_start == cue.end else False,
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
            s, e = trim(doc, k + 2, np_until(doc, k + 2, b, ()))
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
    qi = doc.quote_ending.get(toks[k].end)  # a look-up: scanning every quotation per cue was quadratic
    if qi is None:
        return None
    q = doc.quotations[qi]
    a, b = doc.token_at(q.inner_start), doc.token_at(q.inner_end)
    if b - a < 3:
        return None
    end = cue.end
    while end < sent_end and toks[end].text not in "،,.":
        end += 1
    speaker, via, _ = read_clause(doc, cue.end, end)
    s, e = quotation_content(doc, qi)
    return Found("direct", s, e, (cue.start, cue.end), speaker, via, cue.form.feminine, cue.form.plural, 0.8)
