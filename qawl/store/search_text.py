"""Text as the search indexes hold it: each word folded (diacritics, tatweel, alef, ya and
ta marbuta forms unified) and cut from its clitics (و ف ب ل ك ال س before it, a pronoun
after it), Latin words in lower case.  Queries go through the same function, so that
"للحكومة" finds "الحكومة" and "حكومتها", and "أمريكا" finds "امريكا"."""

from __future__ import annotations

from qawl.arabic.words import words as search_words

__all__ = ["search_text", "search_words"]


def search_text(text: str) -> str:
    """The words of ``text`` for an index, space-separated and padded with a space each side
    (so that a word is matched whole with LIKE '% word %')."""
    return " " + " ".join(search_words(text)) + " "
