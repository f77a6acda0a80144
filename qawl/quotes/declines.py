"""Declines to comment: تجنبت الخارجية التعليق، رفض المتحدث التعليق، لم يتسن الحصول على تعليق من …."""

from __future__ import annotations

from qawl.doc import Doc
from qawl.entities.phrases import trim
from qawl.quotes.clause import (
    read_clause,
    subject_before,
)
from qawl.quotes.cues import Cue
from qawl.quotes.found import Found
from qawl.quotes.spans import np_until


def decline_statement(doc: Doc, cue: Cue) -> Found | None:
    sent_start, sent_end = doc.sentence_of(cue.start)
    toks = doc.tokens
    if cue.object_end is not None and toks[cue.object_end - 1].norm == "من":
        # الحصول على تعليق من الجانب السعودي: the speaker follows the object
        end = np_until(doc, cue.object_end, sent_end, ())
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
