"""The content words of a stretch of text: what two statements are compared by.

Words as search holds them (folded, cut from their clitics: ``qawl.store.search_text``),
without the function words of ``data/function_words.txt``, so that "قال إن روسيا ستواصل
دعمها" and "روسيا ستواصل الدعم" meet on روسيا, ستواصل and دعم.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from qawl.arabic.segment import tokens


def words(text: str) -> list[str]:
    """Every word of ``text`` as search holds it (in order, function words kept)."""
    out = []
    for t in tokens(text):
        if t.stem and t.stem[0].isalnum():
            out.append(t.stem.lower())
    return out


@cache
def function_words() -> frozenset[str]:
    lines = resources.files("qawl.arabic").joinpath("data/function_words.txt").read_text(encoding="utf-8")
    out: set[str] = set()
    for line in lines.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.update(words(line))
    return frozenset(out)


def content_words(text: str) -> list[str]:
    """The words of ``text`` that carry content, in order (digits kept: figures matter)."""
    skip = function_words()
    return [w for w in words(text) if w not in skip and (len(w) > 1 or w.isdigit())]
