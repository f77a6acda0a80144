"""Mentions clustered within one article: سيرغي شويغو = شويغو = وزير الدفاع الروسي.

Names are compared as sequences of canonical words (folded, without clitics and the
article), so a surname joins the full name it ends, a title joins the entity it was
bound to, and "المسؤول الأمني" joins "مسؤول أمني تركي".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from qawl.arabic.segment import Token
from qawl.doc import Doc
from qawl.entities.lexicon import head, words_key
from qawl.entities.phrases import Phrase
from qawl.record import Entity, Mention

_LEFT_OUT = '،,"“”«»()'  # punctuation a name's words are compared without


def canon(doc: Doc, a: int, b: int) -> tuple[str, ...]:
    """The words of a phrase without their clitics and article, for comparing names."""
    return tuple(_canon(t) for t in doc.tokens[a:b] if t.text not in _LEFT_OUT)


def canon_word(t: Token) -> str | None:
    """``canon``'s word for a token; None for the punctuation it leaves out."""
    return None if t.text in _LEFT_OUT else _canon(t)


def _canon(t: Token) -> str:
    """The token's head, its fused conjunction (و، ف) taken off first."""
    return head(t.norm[1:]) if t.prefix in ("و", "ف") else t.head


def _contains(big: tuple[str, ...], small: tuple[str, ...]) -> bool:
    """Whether ``small`` is a run of consecutive words of ``big``."""
    n = len(small)
    if not n or n > len(big):
        return False
    if n == 1:
        return small[0] in big  # most names compared are one word: no slices
    first = small[0]
    return any(w == first and big[i : i + n] == small for i, w in enumerate(big[: len(big) - n + 1]))


def in_order(big: tuple[str, ...], small: tuple[str, ...]) -> bool:
    """Whether the words of ``small`` occur in ``big`` in the same order, gaps allowed."""
    rest = iter(big)
    return all(w in rest for w in small)


def _related(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    return _contains(a, b) or _contains(b, a)


def _joins(d: Draft, typ: str, key: tuple[str, ...], titles: list[tuple[str, ...]]) -> bool:
    """Whether a phrase of type ``typ`` naming ``key`` (or, without a name, described by
    ``titles``) can be the entity of draft ``d``."""
    if key and d.key and (_related(d.key, key) or (typ == "PER" and d.key[-1] == key[0])):
        return d.type == typ or {d.type, typ} <= {"PER", "MISC"}
    if not key or typ != "PER":
        return any(len(t) >= 2 and _related(t, u) for t in titles for u in [*d.titles, d.key])
    return False


def _latest(drafts: Iterable[Draft]) -> Draft | None:
    """The draft seen last (the first of them on a tie)."""
    best: Draft | None = None
    for d in drafts:
        if best is None or d.last_seen > best.last_seen:
            best = d
    return best


_MARKS = frozenset('"“”«»„″()')  # quotation marks and brackets never end a name
ANAPHORA_REACH = 4  # phrases added since the person was last named
MAX_NAME_WORDS = 6  # a longer "name" is a phrase that ran on, not a fuller name


@dataclass(slots=True)
class Draft:
    type: str
    name: str
    key: tuple[str, ...]  # canonical words of the name
    titles: list[tuple[str, ...]] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    last_seen: int = 0
    feminine: bool | None = None


class Clusterer:
    """Builds the entities of one article as phrases naming them come in, in text order."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.drafts: list[Draft] = []
        self.clock = 0
        # a word -> the drafts whose name or titles held it: all _find can join shares a word with
        # the phrase (a draft that no longer holds the word is tested again and left)
        self._with_word: dict[str, set[int]] = {}
        self._number: dict[int, int] = {}  # id(draft) -> its index (drafts are never removed)

    def _remember(self, d: Draft) -> int:
        """Draft ``d``'s index, its name's and titles' words indexed for ``_find``."""
        k = self._number.get(id(d))
        if k is None:
            k = self._number[id(d)] = len(self.drafts)
            self.drafts.append(d)
        for words in (d.key, *d.titles):
            for w in words:
                self._with_word.setdefault(w, set()).add(k)
        return k

    def _mention(self, a: int, b: int, kind: str) -> Mention:
        s, e = self.doc.tokens[a].start, self.doc.tokens[b - 1].end
        return Mention(s, e, self.doc.text[s:e], kind)  # type: ignore[arg-type]

    def _find(self, typ: str, key: tuple[str, ...], titles: list[tuple[str, ...]]) -> Draft | None:
        """The draft the phrase joins: of those it can join, the one seen last."""
        with_word = self._with_word
        near: set[int] = set().union(*(with_word.get(w, ()) for words in (key, *titles) for w in words))
        return _latest(self.drafts[k] for k in sorted(near) if _joins(self.drafts[k], typ, key, titles))

    def _described(self, phrase: Phrase) -> Draft | None:
        """ "المسؤول الإيراني", "الوزير": a definite title with no name refers back to the
        person named recently whose titles share a word with it."""
        toks = self.doc.tokens
        if (
            phrase.name is not None
            or not toks[phrase.start].norm.startswith("ال")
            or phrase.type not in ("PER", "MISC")
        ):
            return None
        words = set(canon(self.doc, phrase.start, phrase.end))
        named = [
            d
            for d in self.drafts
            if d.type == "PER"
            and d.key
            and self.clock - d.last_seen <= ANAPHORA_REACH
            and words & {w for t in d.titles for w in t}  # المسؤول الإيراني ~ مساعد وزير الخارجية الإيراني
        ]
        return max(named, key=lambda d: d.last_seen) if named else None

    def _definite_body(self, phrase: Phrase, key: tuple[str, ...]) -> Draft | None:
        """ "الصحيفة الألمانية", "المنظمة": a definite organisation with no name refers back
        to the latest one whose name opens with the same noun and holds its other words."""
        if (
            phrase.type != "ORG"
            or not key
            or not self.doc.tokens[phrase.start].norm.startswith(("ال", "وال"))
        ):
            return None
        bodies = [
            d for d in self.drafts if d.type == "ORG" and d.key[:1] == key[:1] and len(d.key) > len(key)
        ]
        bodies = [d for d in bodies if in_order(d.key, key)]
        return max(bodies, key=lambda d: d.last_seen) if bodies else None

    def add(self, phrase: Phrase) -> int:
        """The index of the entity a phrase names (a new one, or one it joins)."""
        doc = self.doc
        self.clock += 1
        titles = [canon(doc, a, b) for a, b in phrase.titles]
        if phrase.name is not None:
            key = canon(doc, *phrase.name)
            name_span = phrase.name
        else:
            key = canon(doc, phrase.start, phrase.end)
            name_span = (phrase.start, phrase.end)
            if phrase.titles:
                titles = [key]
                key = ()
        if phrase.generic:  # joins only the same words, and lends its words to no name
            d = next((x for x in self.drafts if x.key == key and x.type == phrase.type), None)
        else:
            d = (
                self._find(phrase.type, key, titles)
                or self._described(phrase)
                or self._definite_body(phrase, key)
            )
        a, b = name_span
        while b - a > 1 and doc.tokens[b - 1].text in _MARKS:  # إدارة "فيس بوك": the name, not its mark
            b -= 1
        while b - a > 1 and doc.tokens[a].text in _MARKS:
            a += 1
        s, e = doc.tokens[a].start, doc.tokens[b - 1].end
        if phrase.lam and name_span[0] == phrase.start:
            s += 1
            key = (head(doc.tokens[phrase.start].norm[1:]), *key[1:]) if key else key
        text = doc.text[s:e]
        if d is None:
            d = Draft(phrase.type, text, key, titles)
        else:
            longer = len(d.key) < len(key) <= MAX_NAME_WORDS
            named = phrase.name is not None or (phrase.type == d.type == "ORG" and not phrase.generic)
            if longer and named and (phrase.type == d.type or d.type == "MISC"):
                d.key, d.name, d.type = key, text, phrase.type  # the fuller name of the same one
            d.titles.extend(t for t in titles if t not in d.titles)
        kind = "name" if (phrase.name is not None or phrase.type != "PER") else "title"
        d.mentions.append(Mention(s, e, text, kind))  # type: ignore[arg-type]
        for a, b in phrase.titles:
            if (a, b) != name_span:
                d.mentions.append(self._mention(a, b, "title"))
        d.last_seen = self.clock
        return self._remember(d)

    def knows(self, phrase: Phrase) -> bool:
        """Whether the name of ``phrase`` belongs to an entity already seen."""
        if phrase.name is None:
            return False
        key = canon(self.doc, *phrase.name)
        return any(d.key and (_related(d.key, key) or d.key[-1] == key[0]) for d in self.drafts)

    def add_named(
        self, typ: str, name: str, key: tuple[str, ...], start: int, end: int, said: tuple[str, ...] = ()
    ) -> int:
        """An entity named by a given string (an outlet written after لـ) with its mention
        span; ``said``: the words that described it there (صحيفة «…» الألمانية)."""
        self.clock += 1
        d = self._find(typ, key, [])
        if d is not None and not self._agrees(d, key):
            d = None  # منظمة العفو الدولية must not rename the منظمة هيومن رايتس ووتش that joined المنظمة
        if d is None:
            d = Draft(typ, name, key, [said] if said else [])
        elif len(key) > len(d.key):
            d.key, d.name = key, name
        d.mentions.append(Mention(start, end, self.doc.text[start:end], "name"))
        d.last_seen = self.clock
        return self._remember(d)

    def _agrees(self, d: Draft, key: tuple[str, ...]) -> bool:
        """Whether no name the entity was mentioned by is another of the same kind: منظمة
        العفو الدولية and منظمة هيومن رايتس ووتش share their head noun and are two bodies."""
        if len(key) < 2:
            return True  # a one-word name is no other body's
        for m in d.mentions:
            if m.kind != "name":
                continue
            words = words_key(m.text)
            if len(words) > 1 and words[0] == key[0] and not _related(words, key):
                return False
        return True

    def add_zero(self, index: int, a: int, b: int) -> None:
        """A dropped subject or pronoun (وأضاف) resolved to entity ``index``."""
        self.drafts[index].mentions.append(self._mention(a, b, "zero"))
        self.clock += 1
        self.drafts[index].last_seen = self.clock

    def entities(self) -> list[Entity]:
        out = []
        for i, d in enumerate(self.drafts):
            seen = set()
            mentions = []
            for m in sorted(d.mentions, key=lambda m: (m.start, m.end)):
                if (m.start, m.end, m.kind) not in seen:
                    seen.add((m.start, m.end, m.kind))
                    mentions.append(m)
            out.append(Entity(f"E{i + 1}", d.type, d.name, mentions))  # type: ignore[arg-type]
        return out
