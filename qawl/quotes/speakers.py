"""Speakers: the words naming each statement's source turned into entities, and dropped
subjects (وأضاف، مضيفا) resolved to the speaker they continue."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from itertools import islice

from qawl.doc import Doc
from qawl.entities.cluster import Clusterer
from qawl.entities.lexicon import entity_lexicon, head
from qawl.entities.names import name_words
from qawl.entities.phrases import Phrase, describe, subject_extent
from qawl.quotes.clause import COPULAS, PREPOSITIONS, subject_before
from qawl.quotes.found import Found
from qawl.quotes.lexicon import lexicon
from qawl.record import SpeakerRef


@dataclass(slots=True)
class Resolved:
    found: Found
    entity: int | None  # index into the clusterer's entities
    ref: SpeakerRef | None
    antecedent: int | None  # index of the statement whose speaker this one continues


def resolve_speakers(doc: Doc, found: list[Found], clusterer: Clusterer) -> list[Resolved]:
    out: list[Resolved] = []
    same = lexicon().same_source
    for f in found:
        edges = {doc.tokens[f.speaker[0]].norm, doc.tokens[f.speaker[1] - 1].norm} if f.speaker else set()
        if edges & same:
            f.speaker = None  # وأفاد ذات المصدر أنه …: the source before, again
        if f.speaker is not None:
            phrase = describe(doc, *f.speaker, object_verb=f.object_verb)
            if phrase is None and f.object_verb:
                # اتهمت الشاب بـ…: the words after the verb were its object; the subject
                # may stand before it (منة جبران التي اتهمت …)
                before = subject_before(doc, f.cue[0], doc.sentence_of(f.cue[0])[0])
                phrase = describe(doc, *before) if before else None
            if phrase is not None:
                if _after_lam(doc, f, phrase.start):
                    phrase = dataclasses.replace(phrase, lam=True)
                ent = clusterer.add(phrase)
                if f.feminine is not None and clusterer.drafts[ent].feminine is None:
                    clusterer.drafts[ent].feminine = f.feminine
                last = phrase.end
                if phrase.name is not None:  # حث غوتيريش جميع الأطراف على: the object is no part of it
                    last = max([phrase.name[1], *(b for _, b in phrase.titles)])
                s, e = doc.tokens[phrase.start].start, doc.tokens[last - 1].end
                if phrase.lam:
                    s += 1  # وفقا لبيانات …: the ل belongs to the source phrase
                out.append(Resolved(f, ent, SpeakerRef(None, doc.text[s:e], s, e), None))
                continue
        k = _antecedent(doc, out, f, clusterer)
        subject = _sentence_subject(doc, f, clusterer)
        if subject is not None and (k is None or out[k].found.cue[0] < subject.start - 1):
            # ودافع ترامب عن كافانو، قائلا …: the subject of the clause before is nearer
            # than the last speaker
            ent = clusterer.add(subject)
            s, e = doc.tokens[subject.start].start, doc.tokens[subject.end - 1].end
            clusterer.add_zero(ent, *f.cue)
            out.append(Resolved(f, ent, SpeakerRef(None, doc.text[s:e], s, e), None))
            continue
        if k is None:
            out.append(Resolved(f, None, None, None))
            continue
        prev = out[k]
        assert prev.entity is not None and prev.ref is not None
        clusterer.add_zero(prev.entity, *f.cue)
        ref = SpeakerRef(None, prev.ref.text, prev.ref.start, prev.ref.end)
        out.append(Resolved(f, prev.entity, ref, k))
    return out


NEGATIONS = {"لم", "ولم", "لن", "ولن", "لا", "ولا", "قد", "وقد", "ما", "وما"}


def _after_lam(doc: Doc, f: Found, start: int) -> bool:
    """The speaker's first word carries the ل of "وفقا لـ" / "طبقا لـ"."""
    cue_word = doc.tokens[f.cue[1] - 1].norm
    word = doc.tokens[start].norm
    return cue_word in ("وفقا", "ووفقا", "طبقا", "وطبقا") and word.startswith("ل") and len(word) > 3


def _sentence_subject(doc: Doc, f: Found, clusterer: Clusterer) -> Phrase | None:
    """The named subject of the verb that opens the sentence (for a participle or a verb
    inside it) or the sentence before (for a verb that opens its own): وقدم زوكربرغ …"""
    cue = f.cue[0]
    sent_start, _ = doc.sentence_of(cue)
    if cue <= sent_start + 1:
        if sent_start == 0 or doc.paragraph_index[sent_start - 1] != doc.paragraph_index[cue]:
            return None
        sent_start, limit = doc.sentence_of(sent_start - 1)
    else:
        limit = cue
    toks = doc.tokens
    lex = lexicon()
    v = sent_start
    if v < limit and toks[v].norm in PREPOSITIONS:  # وفي الأثناء، أبلغ الرئيس …: skip the adverbial
        comma = next((c for c in range(v, min(limit, v + 6)) if toks[c].text in "،,"), None)
        v = comma + 1 if comma is not None else v
    negated = False
    while v < limit and (
        toks[v].norm in lex.clause_openers or toks[v].text in "،," or toks[v].norm in NEGATIONS
    ):
        negated = negated or toks[v].norm in NEGATIONS
        v += 1
    if v + 1 >= limit:
        return None
    if toks[v].norm in lex.complementisers and v > sent_start and toks[v - 1].norm in ("الا", "غير"):
        # إلا أن أردوغان مضى في حديثه، قائلا: the subject stands before its verb
        end = subject_extent(doc, v + 1, limit)
        phrase = describe(doc, v + 1, end) if end > v + 1 else None
        return phrase if phrase is not None and phrase.type in ("PER", "ORG") and phrase.name else None
    verb, first = toks[v].norm, toks[v + 1]
    if (
        # a clause that opens with its verb: ودافع، ولم ينف، or a sentence that does (انتقد …)
        (verb[:1] not in ("و", "ف") and not negated and v != sent_start)
        or verb.startswith(("وال", "فال"))
        or not verb.isalpha()  # (CNN)— أكثر من …: a dateline opens the sentence, not a verb
        or verb in PREPOSITIONS
        or (name_words().per_ratio(verb) or 0) >= 0.2
        or head(verb) in entity_lexicon().titles
        or first.norm in PREPOSITIONS
        or first.norm in lex.adverbials
        or first.suffix
    ):
        return None
    end = subject_extent(doc, v + 1, limit)
    if end <= v + 1:
        return None
    phrase = describe(doc, v + 1, end)
    if phrase is None or phrase.generic:
        return None
    if phrase.type == "PER" and not (phrase.name or phrase.titles):
        return None
    if (
        phrase.type == "PER"
        and not phrase.titles
        and name_words().per_ratio(first.norm) is None
        and (first.prefix or first.norm.startswith("ال"))
        and verb not in COPULAS  # وكان الأزهر أصدر …: after كان comes a subject
        and not clusterer.knows(phrase)
    ):
        return None  # an unknown word with a clitic: a name only if the article named it before
    return phrase


def _nested(doc: Doc, out: list[Resolved], k: int) -> bool:
    """Statement ``k``'s cue lies inside an earlier statement's content (قال إن … حسب ما أكده
    مدير السجن): a continuation goes on with the outer speaker."""
    at = doc.tokens[out[k].found.cue[0]].start
    return any(
        r.found.start is not None and r.found.end is not None and r.found.start <= at < r.found.end
        for r in out[:k]
    )


def _antecedent(doc: Doc, out: list[Resolved], f: Found, clusterer: Clusterer) -> int | None:
    """The statement whose speaker a dropped subject continues: the latest one, unless its
    speaker's gender disagrees with the verb and a recent one agrees."""
    # The four latest, found lazily: testing every earlier statement made long articles cubic.
    latest = (
        k for k in range(len(out) - 1, -1, -1) if out[k].entity is not None and not _nested(doc, out, k)
    )
    candidates = list(islice(latest, 4))
    if not candidates:
        return None
    if f.plural:  # وتابعوا: a group speaks, not the person named last
        groups = [k for k in candidates if clusterer.drafts[out[k].entity].type != "PER"]  # type: ignore[index]
        return groups[0] if groups else None
    if f.feminine is not None:
        for k in candidates:
            g = clusterer.drafts[out[k].entity].feminine  # type: ignore[index]
            if g is None or g == f.feminine:
                return k
    return candidates[0]
