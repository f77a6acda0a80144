"""Cues: the words that announce a statement (قال، بحسب، رفض التعليق), found in a Doc."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from qawl.arabic.token import where
from qawl.doc import Doc
from qawl.entities.lexicon import entity_lexicon
from qawl.entities.names import name_words
from qawl.quotes.clause import SENTENCE_QUOTE_WORDS, quoted_words
from qawl.quotes.lexicon import CueForm, Lexicon, lexicon

CueKind = Literal["verb", "source", "decline"]


@dataclass(frozen=True, slots=True)
class Cue:
    kind: CueKind
    start: int  # token range of the cue words
    end: int
    form: CueForm | None = None  # for verbs
    object_start: int | None = None  # for declines: the token range of التعليق …
    object_end: int | None = None

    @property
    def participle(self) -> bool:
        return self.form is not None and self.form.participle


def _match(doc: Doc, i: int, table: dict[str, list[tuple[str, ...]]]) -> int:
    """Length of the longest token sequence of ``table`` starting at token ``i`` (0: none)."""
    seqs = table.get(doc.tokens[i].norm)
    if not seqs:
        return 0
    toks = doc.tokens
    for seq in seqs:  # longest first
        if i + len(seq) <= len(toks) and all(toks[i + k].norm == seq[k] for k in range(1, len(seq))):
            return len(seq)
    return 0


def _decline_object(doc: Doc, lex: Lexicon, i: int, limit: int) -> tuple[int, int] | None:
    """The decline object (التعليق، عن التعليق …) within ``limit`` tokens after ``i``."""
    toks = doc.tokens
    end = min(len(toks), i + limit)
    for j in range(i, end):
        if toks[j].norm in lex.stops:
            return None
        for obj in lex.decline_objects:
            if j + len(obj) <= len(toks) and all(
                toks[j + k].norm == obj[k] or toks[j + k].norm == "و" + obj[k] for k in range(len(obj))
            ):
                return j, j + len(obj)
    return None


def find_cues(doc: Doc) -> list[Cue]:
    """Every cue outside quotation marks, in text order."""
    lex = lexicon()
    cues: list[Cue] = []
    toks = doc.tokens
    n = len(toks)
    i = 0  # tokens before this are read
    for start in where(toks, lex.cue_starts, "norm"):  # the rest start no cue
        if start < i:
            continue
        i = start
        if (doc.inside[i] != -1 and _long_quote(doc, doc.inside[i])) or doc.headline[doc.paragraph_index[i]]:
            i += 1
            continue
        m = _match(doc, i, lex.decline_verbs)
        if m:
            seq = tuple(t.norm for t in toks[i : i + m])
            obj = _decline_object(doc, lex, i + m, 10)
            if obj is not None:
                cues.append(Cue("decline", i, i + m, object_start=obj[0], object_end=obj[1]))
                i = obj[1]
                continue
            if seq in lex.decline_alone:
                cues.append(Cue("decline", i, i + m, object_start=i + m, object_end=i + m))
                i += m
                continue
        m = _match(doc, i, lex.sources)
        if m:
            cues.append(Cue("source", i, i + m))
            i += m
            if i < n and toks[i].norm in lex.verbs and toks[i - 1].norm in ("ما", "لما"):
                i += 1  # وفق ما أكد مسؤول …: the verb belongs to the source phrase
            continue
        form = lex.verbs.get(toks[i].norm)
        if form is not None and _reports(doc, lex, i, form):
            cues.append(Cue("verb", i, i + 1, form))
        i += 1
    return cues


def _reports(doc: Doc, lex: Lexicon, i: int, form: CueForm) -> bool:
    """Whether the word at ``i``, spelled like a reporting verb, reports speech here."""
    toks, n = doc.tokens, len(doc.tokens)
    prev = toks[i - 1].norm if i > 0 else ""
    if i + 1 < n and toks[i + 1].norm == "عدم":
        return False  # طلب عدم ذكر اسمه: a request for anonymity, no statement
    if not form.participle and prev in NOUN_BEFORE:
        return False  # على تعهد الحكومة بـ …: after a preposition the word is a noun
    if form.lemma in lex.disclosure and prev in NOT_YET:
        return False  # لم يكشف عن نوع الخلل: nothing was said
    if toks[i].norm in lex.authorial and _that_follows(doc, i + 1):
        return False  # ويذكر أن …: the author's own background
    if toks[i].norm in lex.ambiguous_forms:
        nxt = toks[i + 1] if i + 1 < n else None
        if nxt is None:
            return False
        named = (
            not nxt.prefix
            and not name_words().is_common(nxt.norm)
            and nxt.norm.isalpha()
            and nxt.norm not in entity_lexicon().places  # بين تونس وليبيا
        )
        then_that = i + 2 < n and toks[i + 2].norm in lex.complementisers  # وبين الشاهد أن
        # بين الدولتين: "between", not "showed" (بين غديرة أن …)
        return nxt.text in "،," or nxt.norm in lex.complementisers or named or then_that
    return True


# Prepositions, after which a word spelled like a verb is its verbal noun (على تعهد، بعد تأكيد);
# not من, which is also "who" (مع من تقول السلطات إنهم …).
NOUN_BEFORE = frozenset({"في", "الي", "علي", "عن", "مع", "حول", "بعد", "قبل", "منذ", "خلال", "عبر"})


NOT_YET = frozenset({"لم", "ولم", "لن", "ولن"})


def _that_follows(doc: Doc, k: int) -> bool:
    """A complementiser at ``k``, or after إلى (يشار إلى أن)."""
    toks, lex = doc.tokens, lexicon()
    if k < len(toks) and toks[k].norm == "الي":
        k += 1
    return k < len(toks) and toks[k].norm in lex.complementisers


def _long_quote(doc: Doc, qi: int) -> bool:
    """A quotation of a sentence, not of a name or a term (“الخارجية الأمريكية”)."""
    return quoted_words(doc, qi) > SENTENCE_QUOTE_WORDS
