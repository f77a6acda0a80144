"""Statements a source phrase attributes: بحسب …، وفقا لـ …، نقلا عن …، كما نقلت …."""

from __future__ import annotations

from qawl.doc import Doc
from qawl.entities.phrases import describe, trim
from qawl.quotes.clause import (
    COPULAS,
    PREPOSITIONS,
    RELATIVES,
    adverb_length,
    adverbial_at,
    outlet_at,
    read_clause,
)
from qawl.quotes.cues import Cue
from qawl.quotes.found import Found
from qawl.quotes.lexicon import lexicon
from qawl.quotes.spans import content_after, has_marks, np_until, tokens_to_span

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


ACCORDANCE = {"وفقا", "ووفقا", "طبقا", "وطبقا", "وفق", "ووفق"}  # also "in keeping with"


def _ordinary(doc: Doc, x: tuple[int, int]) -> bool:
    """The words name no one: an ordinary noun phrase (الآليات الجديدة، القانون), not a
    speech event (وفق تصريح محاميه) or a source."""
    if doc.tokens[x[0]].head in lexicon().events:
        return False
    phrase = describe(doc, *x)
    return phrase is None or phrase.generic


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


def source_statement(doc: Doc, cue: Cue, found: list[Found]) -> Found | None:
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
    if j + 2 < sent_end and toks[j].norm in ("تم", "جري") and toks[j + 2].norm == "عن":
        j, via_only = j + 3, True  # بحسب ما تم نقله عن الصحيفة: the paper relays, no speaker named
    if toks[cue.start].norm in ("كما", "وكما"):
        via_only = True
    if j < sent_end and toks[j].norm == "ل":  # وفقا لـ “…”
        j += 1
    x_end = np_until(doc, j, sent_end, ("عن", "فان", "ان"))
    # وفق ما أوردته أمس صحيفة Le Point على موقعها: the source without its adverbials
    x_clause, x_via, _ = read_clause(doc, j, x_end)
    if x_clause is None and x_end + 1 < sent_end and toks[x_end].text in "،,":
        # وفق ما صرح لمراسلة الجوهرة أف أم، العقيد يونس بدوي: the source after the outlet
        x_end = np_until(doc, x_end + 1, sent_end, ("عن", "فان", "ان"))
        x_clause, x_via, _ = read_clause(doc, j, x_end)
    x = x_clause or trim(doc, j, x_end)
    if x[0] >= x[1] or (x[1] - x[0] == 1 and toks[x[0]].norm in SELF_REFERENCE):
        return None  # حسب تعبيرها: marks the statement around it, names no new source
    same = bool({toks[x[0]].norm, toks[x[1] - 1].norm} & lex.same_source)
    if cue.end - cue.start == 1 and toks[cue.start].norm in ACCORDANCE and not same and _ordinary(doc, x):
        return None  # وفقا للآليات الجديدة: "in keeping with", no one is quoted
    speaker: tuple[int, int] | None = x
    if same:
        speaker = None  # حسب ذات المصدر: the source named before, again
    via: list[tuple[int, int]] = list(x_via)  # وفق ما قاله صاحبه لمراسلة (وات)
    k = x_end
    if k < sent_end and toks[k].norm == "عن":
        y_end = np_until(doc, k + 1, sent_end, ())
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
        if via and not prev.via and prev.start is not None:
            prev.via = via  # …، وفق ما قاله لمراسل (وات): the outlet of the report before
        same_sentence = doc.sentence_of(doc.token_covering(prev.end - 1)) == (sent_start, sent_end)
        at = toks[cue.start].start
        inside = prev.start is not None and prev.start <= at <= prev.end
        if (
            same_sentence
            and prev.type != "direct"
            and (inside or 0 <= cue.start - doc.token_at(prev.end) <= 3)
        ):
            return None  # أكد الوزير تراجع العجز وفق آخر المعطيات: where his claim comes from
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
        content = content_after(doc, i, "source")  # وبحسب نتنياهو "…": his words, direct
    else:
        start = sent_start
        for f in found:
            if (
                f.end is not None
                and f.start is not None
                and toks[sent_start].start <= f.end <= toks[cue.start].start
            ):
                start = doc.token_at(f.end)
        end = cue.start
        if (
            k + 1 < sent_end
            and toks[k].text in "،,"
            and toks[k + 1].norm not in RELATIVES
            and not adverb_length(doc, lex, k + 1, sent_end)
            and not adverbial_at(doc, lex, k + 1, sent_end)
            and not any(t.norm in lex.verbs for t in toks[k + 1 : sent_end])
        ):
            # ونجم عن الاشتباكات، وفق السليطي، استشهاد …: the phrase inside its clause
            end = sent_end
        s, e = tokens_to_span(doc, _clause_start(doc, start, cue.start), end)
        content = (("mixed" if has_marks(doc, s, e) else "indirect"), s, e) if e - s > 2 else None
    if content is None:
        return None
    typ, s, e = content
    return Found(typ, s, e, (cue.start, cue.end), speaker, via, None, False, 0.7)
