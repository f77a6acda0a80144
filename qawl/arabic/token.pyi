# Types of token.pyx (compiled), for type checkers and editors.
from collections.abc import Callable, Container

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

AR_START: int
AR_INNER: int
DIGIT: int
SEPARATOR: int
LATIN_START: int
LATIN_INNER: int
SPACE: int
MAX_DIGITS: int

def scan(
    text: str,
    start: int,
    end: int,
    table: bytes,
    analyse: Callable[[str], tuple[str, str, str, str, str, str]],
) -> list[Token]: ...
def column(tokens: list[Token], field: str) -> list[str]: ...
def where(tokens: list[Token], words: Container[str], *fields: str) -> list[int]: ...
