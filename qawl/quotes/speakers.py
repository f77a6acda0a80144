"""Speakers: the words naming each statement's source turned into entities, and dropped
subjects (وأضاف، مضيفا) resolved to the speaker they continue."""

from __future__ import annotations

from dataclasses import dataclass

from qawl.doc import Doc
from qawl.entities.cluster import Clusterer
from qawl.entities.phrases import describe
from qawl.quotes.statements import Found
from qawl.record import SpeakerRef


@dataclass(slots=True)
class Resolved:
    found: Found
    entity: int | None  # index into the clusterer's entities
    ref: SpeakerRef | None
    antecedent: int | None  # index of the statement whose speaker this one continues


def resolve_speakers(doc: Doc, found: list[Found], clusterer: Clusterer) -> list[Resolved]:
    out: list[Resolved] = []
    for f in found:
        if f.speaker is not None:
            phrase = describe(doc, *f.speaker, object_verb=f.object_verb)
            if phrase is not None:
                ent = clusterer.add(phrase)
                if f.feminine is not None and clusterer.drafts[ent].feminine is None:
                    clusterer.drafts[ent].feminine = f.feminine
                s, e = doc.tokens[phrase.start].start, doc.tokens[phrase.end - 1].end
                out.append(Resolved(f, ent, SpeakerRef(None, doc.text[s:e], s, e), None))
                continue
        k = _antecedent(out, f, clusterer)
        if k is None:
            out.append(Resolved(f, None, None, None))
            continue
        prev = out[k]
        assert prev.entity is not None and prev.ref is not None
        clusterer.add_zero(prev.entity, *f.cue)
        ref = SpeakerRef(None, prev.ref.text, prev.ref.start, prev.ref.end)
        out.append(Resolved(f, prev.entity, ref, k))
    return out


def _antecedent(out: list[Resolved], f: Found, clusterer: Clusterer) -> int | None:
    """The statement whose speaker a dropped subject continues: the latest one, unless its
    speaker's gender disagrees with the verb and a recent one agrees."""
    candidates = [k for k in range(len(out) - 1, -1, -1) if out[k].entity is not None][:4]
    if not candidates:
        return None
    if f.feminine is not None:
        for k in candidates:
            g = clusterer.drafts[out[k].entity].feminine  # type: ignore[index]
            if g is None or g == f.feminine:
                return k
    return candidates[0]
