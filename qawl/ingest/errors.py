"""What a reader hands back for an input it could not read, and how it says why."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Failure:
    """An input that was skipped: what it was (a path, ``path:line``, ``path#record N``) and why."""

    input: str
    reason: str


class InvalidInput(ValueError):
    """Raised by the parsing helpers; its message is the reason shown to the user."""


def describe(error: BaseException) -> str:
    """A short reason from an exception: an OS error's own words, lower-cased, else its message."""
    if isinstance(error, OSError) and error.strerror:
        return error.strerror[0].lower() + error.strerror[1:]
    return str(error) or type(error).__name__
