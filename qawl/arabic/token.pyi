# Types of token.pyx (compiled), for type checkers and editors.
from collections.abc import Callable, Iterable
from re import Match

FIELDS: tuple[str, ...]

class Token:
    start: int
    end: int
    text: str
    norm: str
    prefix: str
    stem: str
    suffix: str
    head: str
    stem_head: str
    def __init__(
        self,
        start: int,
        end: int,
        text: str,
        norm: str,
        prefix: str,
        stem: str,
        suffix: str,
        head: str,
        stem_head: str,
    ) -> None: ...
    @property
    def stem_start(self) -> int: ...
    @property
    def stem_end(self) -> int: ...

def build(
    matches: Iterable[Match[str]], analyse: Callable[[str], tuple[str, str, str, str, str, str]]
) -> list[Token]: ...
