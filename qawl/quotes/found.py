"""A statement found in a Doc, before its speaker is resolved to an entity."""

from __future__ import annotations

from dataclasses import dataclass


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
