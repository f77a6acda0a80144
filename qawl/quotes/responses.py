"""Responses: a statement that answers another's (qawl/2 ``responds_to``).

"تجنبت الخارجية الأمريكية التعليق على ما أدلى به وزير الدفاع الروسي": a head that answers
(التعليق على), what it answers (ما أدلى به: a statement, not an act) and, in the same clause,
whom (an entity the record names). The answer is the statement of the same sentence whose cue
stands nearest the head; the statement answered is, in the same article, that speaker's
statement sharing most words with the answer and the rest of its sentence (the first of them
on a tie: an article that reports an answer mostly reports what it answers).
Statements in earlier articles are looked for by a store (qawl.store.stories), which holds
them.

Pure: reads a record (text, statements, entities) and fills ``Quote.responds_to``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from qawl.arabic.normalise import fold, normalise, normalised_text
from qawl.arabic.words import content_words, function_words
from qawl.entities.lexicon import entity_lexicon, head
from qawl.record import Entity, Mention, Quote, Record, Response, Span, SpeakerRef, StatementRef

TARGET_WORDS = 3  # whom a ref names stands within this many words after it (تصريحات الرئيس الأمريكي)
TITLE_WORDS = 5  # and within this many words after a title
VERB_GAP = 5  # words a verb head's subject may take before its ref
CLAUSE_END = re.compile(r"[.،,:;؛!?؟\n]")  # not a quotation mark: names stand in them
SENTENCE_END = re.compile(r"[.!?؟\n]")


@dataclass(frozen=True, slots=True)
class Answer:
    """A response cue in a text (original offsets) and the clause after it, where the one
    answered is named."""

    start: int
    end: int
    after: int  # where the clause after the ref ends (for to_whom: just past the next word's start)
    text: str
    to_whom: bool = False  # "رد على روحاني": the head's object is whom it answers, at once


@cache
def _rows() -> dict[str, list[str]]:
    """The data file's rows: kind -> its phrases, folded."""
    rows: dict[str, list[str]] = {}
    data = resources.files("qawl.quotes").joinpath("data/responses.tsv").read_text(encoding="utf-8")
    for line in data.splitlines():
        if line.strip() and not line.startswith("#"):
            kind, phrases = line.split("\t")
            rows[kind] = [fold(p.strip()) for p in phrases.split("|") if p.strip()]
    return rows


@cache
def _words(kind: str) -> frozenset[str]:
    """The folded words of one row of the data file (stop, against, anaphor, document)."""
    return frozenset(_rows().get(kind, ()))


def alternatives(phrases: list[str]) -> str:
    r"""A regex for any of ``phrases``, their words apart by any whitespace, written as a trie
    (رد(?:\s+علي|وا\s+علي|ت\s+علي)): at each place of a text only the phrases that go on
    with its letters are tried, not all of them (an article's search took twice as long).
    Where several match at one place, the longest is tried first, then the next (as in an
    alternation of the phrases longest first): they are each the beginning of the next."""
    trie: dict[str, dict[str, Any]] = {}
    for phrase in phrases:
        node = trie
        for unit in _units(phrase):
            node = node.setdefault(unit, {})
        node[""] = {}  # a phrase ends here
    return _trie_regex(trie)


def _units(phrase: str) -> list[str]:
    """A phrase's letters, escaped, and a whitespace run between its words."""
    out: list[str] = []
    for i, word in enumerate(phrase.split()):
        if i:
            out.append(r"\s+")
        out += map(re.escape, word)
    return out


def _trie_regex(node: dict[str, dict[str, Any]]) -> str:
    ways = [unit + _trie_regex(rest) for unit, rest in node.items() if unit]
    if not ways:
        return ""
    either = ways[0] if len(ways) == 1 else f"(?:{'|'.join(ways)})"
    return f"(?:{either})?" if "" in node else either  # greedy: the longer phrase first


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(a head, then what it answers: a statement) and (a head whose object is whom it answers)."""
    rows = _rows()

    nouns = [p for p in rows["ref"] if not p.startswith("ما ")]
    said = [p for p in rows["ref"] if p.startswith("ما ")]
    ref = rf"(?<!في\s)(?P<ref>(?:[لب]?ال)?(?:{alternatives(nouns)})|(?:{alternatives(said)}))(?!\w)"
    filler = rf"(?:(?:{alternatives(rows['filler'])})\s+){{0,2}}"
    word = r"[^\s.،,:;؛!?؟\"]+\s+"
    phrase = rf"(?:{alternatives(rows['phrase'])})\s+{filler}"
    verb = rf"(?P<verb>{alternatives(rows['verb'])})\s+(?P<gap>(?:{word}){{0,{VERB_GAP}}}?){filler}"
    to_whom = rf"(?<!\w)[وف]?(?:{alternatives(rows['to'])})\s+"
    return re.compile(rf"(?<!\w)[وف]?(?:{phrase}|{verb}){ref}"), re.compile(to_whom)


def _bare(ref: str) -> str:
    """A ref noun without its article or preposition (لل, بال, ال)."""
    for prefix in ("لل", "بال", "ال"):
        if ref.startswith(prefix) and len(ref) > len(prefix) + 2:
            return ref[len(prefix) :]
    return ref


def answers(text: str) -> list[Answer]:
    """Every response cue of ``text``, in order."""
    what, whom = _patterns()
    folded = normalised_text(text)
    to_whom, to_what = list(whom.finditer(folded)), list(what.finditer(folded))
    if not (to_whom or to_what):
        return []  # most articles: no offsets back to the original needed
    n = normalise(text)
    stops, anaphors, titles = _words("stop"), _words("anaphor"), entity_lexicon().titles

    def at(i: int) -> int:  # an offset of the normalised text in the original
        return n.span(i, i)[0] if i < len(n.text) else len(text)

    out = []
    for m in to_whom:
        start, end = n.span(m.start(), m.end() - 1)
        out.append(Answer(start, end, end + 2, text[start:end], True))  # whom: the very next word
    for m in to_what:
        start, end = n.span(m.start(), m.end())
        ref = _bare(m.group("ref"))
        verb = m.group("verb") or ""
        subject = verb and not verb.endswith((" علي", " من"))  # after "رد على" it is the object
        if subject and not m.group("gap") and ref in _words("document"):
            continue  # ووصف البيان …: the text is the verb's subject
        before = n.text[max(0, m.start("ref") - 20) : m.start("ref")].split()[-1:]
        if before and before[0] in anaphors:
            continue  # هذه الاتهامات: what it answers was named before, by whom is not said here
        clause = CLAUSE_END.search(n.text, m.end() + 1)
        stop = clause.start() if clause else len(n.text)
        against, limit, anaphoric = ref in _words("against"), TARGET_WORDS, False
        for i, w in enumerate(re.finditer(r"\S+", n.text[m.end() : stop])):
            word = w.group().strip('"')
            if i == 0 and word in anaphors:
                anaphoric = True  # الاتهامات هذه: the same
                break
            lam = word.startswith("ل") and not word.startswith("ال")
            if i == limit or word in stops or word.startswith("بال") or (against and lam):
                stop = m.end() + w.start()
                break
            if head(word) in titles:  # وزير الدفاع الروسي سيرغي شويغو: the name follows its title
                limit = max(limit, i + TITLE_WORDS)
        if not anaphoric:
            out.append(Answer(start, end, at(stop), text[start:end]))
    return sorted(out, key=lambda a: a.start)


def find_responses(record: Record) -> None:
    """Fill ``responds_to`` of the record's statements that answer another's."""
    if not record.quotes:
        return
    text = record.text
    quoted = [
        (q.start, q.end) for q in record.quotes if q.type in ("direct", "mixed") and q.start is not None
    ]
    taken: set[str] = set()
    answered_at: set[int] = set()  # a head read both ways ("رد على روحاني … تهديد") answers once
    for answer in answers(text):
        if answer.start in answered_at or any(s <= answer.start < e for s, e in quoted):
            continue  # a cue inside someone's quoted words is theirs, not the record's
        target = _named(record.entities, answer.end, answer.after, None if answer.to_whom else text)
        if target is None or not _can_speak(target[1]):
            continue
        if answer.to_whom and target[0].type not in ("PER", "ORG"):
            continue
        entity, mention = target
        quote = _answering(record, answer, entity.id, taken)
        if quote is None:
            continue
        taken.add(quote.id)
        answered_at.add(answer.start)
        # What it answers is named after the cue, to the end of its sentence ("… حول تعاون مقبل في
        # الصراع الدائر بحلب"), and often again in the answer itself; the target's name is no topic.
        named = set(content_words(entity.name)) | set(content_words(mention.text))
        about = content_words(text[answer.end : _sentence(text, answer.end)[1]]) + content_words(quote.text)
        quote.responds_to = Response(
            cue=Span(answer.start, answer.end, answer.text),
            speaker=SpeakerRef(entity.id, mention.text, mention.start, mention.end),
            statement=_answered(record, quote, entity.id, set(about) - named),
        )


def _named(entities: list[Entity], start: int, end: int, text: str | None):  # type: ignore[no-untyped-def]
    """The first entity named (by name or title) in ``[start, end)``, with that mention; else
    the first person or organisation whose last name stands there alone ("تهديدات ترمب" where
    the tagger took only "دونالد ترمب")."""
    best = None
    for e in entities:
        for m in e.mentions:
            if (
                m.kind in ("name", "title")
                and start <= m.start < end
                and (best is None or m.start < best[1].start)
            ):
                best = (e, m)
    if best is not None or not text:
        return best
    last = {
        fold(e.name.split()[-1]): e for e in reversed(entities) if e.type in ("PER", "ORG") and e.name.split()
    }
    for w in re.finditer(r"[^\s\"«»“”]+", text[start:end]):
        word = fold(w.group())
        for form in (word, word[1:] if word[:1] in "لو" else None):
            e = last.get(form or "")
            if e is not None and len(form or "") > 2:
                return e, Mention(start + w.start(), start + w.end(), w.group(), "name")
    return None


def _can_speak(mention: Mention) -> bool:
    """Whether whom the cue names can have said something: not a function word standing alone
    (a relative "التي" the tagger took for a name)."""
    words = [fold(w) for w in mention.text.split()]
    return bool(words) and not (len(words) == 1 and words[0] in function_words())


def _sentence(text: str, at: int) -> tuple[int, int]:
    start = max((m.end() for m in SENTENCE_END.finditer(text, 0, at)), default=0)
    after = SENTENCE_END.search(text, at)
    return start, after.start() if after else len(text)


def _where(q: Quote) -> int | None:
    if q.cue is not None:
        return q.cue.start
    return q.start


def _answering(record: Record, answer: Answer, target: str, taken: set[str]) -> Quote | None:
    """The statement of the answer's sentence whose cue is nearest it, not the target's own."""
    lo, hi = _sentence(record.text, answer.start)
    best: tuple[int, Quote] | None = None
    for q in record.quotes:
        at = _where(q)
        if at is None or not lo <= at <= hi or q.id in taken:
            continue
        if q.speaker is None or q.speaker.entity == target or _same_name(record, q.speaker.entity, target):
            continue
        cue_end = q.cue.end if q.cue else at
        distance = answer.start - cue_end if cue_end <= answer.start else max(at - answer.end, 0)
        if best is None or distance < best[0]:
            best = (distance, q)
    return best[1] if best else None


def _same_name(record: Record, a: str | None, b: str) -> bool:
    """Two entities of the record that end in the same name (ترامب, دونالد ترامب): one answering
    "the other" is the same speaker, split by the entity layer."""
    x, y = record.entity(a), record.entity(b)
    if x is None or y is None or not x.name.split() or not y.name.split():
        return False
    return fold(x.name.split()[-1]) == fold(y.name.split()[-1])


def _answered(record: Record, quote: Quote, target: str, about: set[str]) -> StatementRef | None:
    """The target's statement in this article that shares most words with what the answer is
    about (the first of them on a tie), or None when the target said nothing here."""
    said = [
        q
        for q in record.quotes
        if q is not quote and q.speaker is not None and q.speaker.entity == target and q.type != "decline"
    ]
    if not said:
        return None
    best = min(said, key=lambda q: (-len(about.intersection(content_words(q.text))), q.start or 0))
    return StatementRef(record.id, best.id)
