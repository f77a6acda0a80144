"""The qawl record (docs/FORMAT-2.md, ``qawl/2``; ``qawl/1`` of FORMAT.md is the same record
without a statement's ``responds_to`` and ``story``): the data model every stage speaks.

Offsets are Python ``str`` indices into ``Record.text``, end exclusive, so each
span can be checked with ``text[start:end]``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from operator import attrgetter
from typing import Any, Literal, TypeVar

FORMAT = "qawl/2"
FORMATS = ("qawl/2", "qawl/1")  # what a record can be written as; qawl/1 drops what qawl/2 added

EntityType = Literal["PER", "ORG", "LOC", "MISC"]
MentionKind = Literal["name", "title", "pronoun", "zero"]
QuoteType = Literal["direct", "indirect", "mixed", "decline"]


NUL_REPLACEMENT = "\ufffd"
VIA_SEPARATOR = " ← "  # a chain written as one string, nearest the speaker first


def without_nul(value: str) -> str:
    """The text with each NUL character as U+FFFD (one for one: offsets do not move)."""
    return value.replace("\x00", NUL_REPLACEMENT) if "\x00" in value else value


T = TypeVar("T")


def _pickled_as_tuple(cls: type[T]) -> type[T]:
    """Pickle a record dataclass as the tuple of its fields, read in one C call: a process
    pool sends every article to a worker and every record back, and the dataclass's own state
    (a list built through ``fields()`` for each object) made pickling a record 1.6 times as
    long (0.108 against 0.068 ms on ANT's first 2,000)."""
    names = tuple(f.name for f in fields(cls))  # type: ignore[arg-type]
    read: Callable[[Any], Any] = attrgetter(*names)
    if len(names) == 1:  # attrgetter of one name gives the value, not a tuple
        read = lambda obj: (getattr(obj, names[0]),)  # noqa: E731

    def __getstate__(self: Any) -> tuple[Any, ...]:
        return read(self)  # type: ignore[no-any-return]

    def __setstate__(self: Any, state: tuple[Any, ...]) -> None:
        for name, value in zip(names, state, strict=True):
            object.__setattr__(self, name, value)

    cls.__getstate__ = __getstate__  # type: ignore[attr-defined]
    cls.__setstate__ = __setstate__  # type: ignore[attr-defined]
    return cls


@_pickled_as_tuple
@dataclass(slots=True)
class Article:
    """What ingest hands to analysis: a text and what is known about it."""

    text: str
    id: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None  # YYYY-MM-DD
    title: str | None = None

    def __post_init__(self) -> None:
        # A NUL character (seen in real corpora) is no text, and neither PostgreSQL nor many
        # JSON consumers take it: it becomes U+FFFD, one character for one, so that every
        # offset still points where it did in the input.
        for name in ("text", "id", "source", "url", "published", "title"):
            value = getattr(self, name)
            if isinstance(value, str):
                setattr(self, name, without_nul(value))

    def resolved_id(self) -> str:
        if self.id:
            return str(self.id)
        return "sha1:" + hashlib.sha1(self.text.encode("utf-8")).hexdigest()[:16]


@_pickled_as_tuple
@dataclass(slots=True)
class Mention:
    start: int
    end: int
    text: str
    kind: MentionKind = "name"

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "kind": self.kind}


@_pickled_as_tuple
@dataclass(slots=True)
class Entity:
    id: str
    type: EntityType
    name: str
    mentions: list[Mention] = field(default_factory=list)
    name_latin: str | None = None
    kb_id: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "name": self.name,
            "name_latin": self.name_latin,
            "kb_id": self.kb_id,
            "mentions": [m.to_json() for m in self.mentions],
        }


@_pickled_as_tuple
@dataclass(slots=True)
class Span:
    """A stretch of the article text (a cue, a speaker's words)."""

    start: int
    end: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@_pickled_as_tuple
@dataclass(slots=True)
class SpeakerRef:
    entity: str | None
    text: str
    start: int | None = None
    end: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {"entity": self.entity, "text": self.text, "start": self.start, "end": self.end}


@_pickled_as_tuple
@dataclass(slots=True)
class ViaRef:
    entity: str | None
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"entity": self.entity, "text": self.text}


@_pickled_as_tuple
@dataclass(slots=True)
class DateValue:
    text: str
    value: str
    start: int | None = None
    end: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "value": self.value}

    def to_span_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "value": self.value}


@_pickled_as_tuple
@dataclass(slots=True)
class StatementRef:
    """A statement anywhere: its article's id and its id (Q…) in that record."""

    article: str
    quote: str

    def to_json(self) -> dict[str, Any]:
        return {"article": self.article, "quote": self.quote}


@_pickled_as_tuple
@dataclass(slots=True)
class Response:
    """A statement answers another (qawl/2): the words that say so ("ردا على تصريحات"), whom
    it answers as the text names them, and the statement answered when one was found (in the
    same article, or in an earlier one of a store)."""

    cue: Span
    speaker: SpeakerRef
    statement: StatementRef | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "cue": self.cue.to_json(),
            "speaker": self.speaker.to_json(),
            "statement": self.statement.to_json() if self.statement else None,
        }


@_pickled_as_tuple
@dataclass(slots=True)
class Quote:
    id: str
    type: QuoteType
    text: str
    start: int | None
    end: int | None
    cue: Span | None = None
    speaker: SpeakerRef | None = None
    via: list[ViaRef] = field(default_factory=list)
    date: DateValue | None = None
    confidence: float = 0.0
    responds_to: Response | None = None  # qawl/2
    story: str | None = None  # qawl/2: the story (statement cluster) a store filed it under

    def to_json(self, format: str = FORMAT) -> dict[str, Any]:
        out = {
            "id": self.id,
            "type": self.type,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "cue": self.cue.to_json() if self.cue else None,
            "speaker": self.speaker.to_json() if self.speaker else None,
            "via": [v.to_json() for v in self.via],
            "date": self.date.to_json() if self.date else None,
            "confidence": round(self.confidence, 3),
        }
        if format != "qawl/1":
            out["responds_to"] = self.responds_to.to_json() if self.responds_to else None
            out["story"] = self.story
        return out


@_pickled_as_tuple
@dataclass(slots=True)
class Record:
    id: str
    text: str
    source: str | None = None
    url: str | None = None
    published: str | None = None
    title: str | None = None
    language: str = "ar"
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    dates: list[DateValue] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_json(self, format: str = FORMAT) -> dict[str, Any]:
        if format not in FORMATS:
            raise ValueError(f"unknown record format {format!r} (known: {', '.join(FORMATS)})")
        return {
            "format": format,
            "id": self.id,
            "source": self.source,
            "url": self.url,
            "published": self.published,
            "title": self.title,
            "language": self.language,
            "text": self.text,
            "entities": [e.to_json() for e in self.entities],
            "quotes": [q.to_json(format) for q in self.quotes],
            "dates": [d.to_span_json() for d in self.dates],
            "warnings": list(self.warnings),
        }

    def to_jsonl(self, format: str = FORMAT) -> str:
        """One line of JSON Lines: UTF-8 characters written as they are."""
        return json.dumps(self.to_json(format), ensure_ascii=False)

    def entity(self, entity_id: str | None) -> Entity | None:
        for e in self.entities:
            if e.id == entity_id:
                return e
        return None
