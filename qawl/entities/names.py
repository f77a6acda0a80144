"""Which words are parts of names: a word-level model learned from ANERcorp.

For every word that ANERcorp's training part tags as a person, organisation or place at
least once, and for every frequent word it never tags, the model keeps how often it was
tagged each way. ``qawl train names`` rebuilds the file from the corpus; the trained file
ships in the package (data/name_words.tsv) and is read once per process.

It answers the questions the speaker rules ask: is this word part of a person's name
(شويغو, unseen: yes; عدم: no) or an ordinary word that ends the name?
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from qawl.arabic.normalise import fold
from qawl.entities.lexicon import head

TYPES = ("PER", "ORG", "LOC", "O")
MIN_COMMON = 3  # an untagged word seen this often is an ordinary word


@dataclass(frozen=True, slots=True)
class NameWords:
    counts: dict[str, tuple[int, int, int, int]]  # head(word) -> PER, ORG, LOC, O counts

    def per_ratio(self, norm: str) -> float | None:
        """The share of a word's occurrences tagged as a person, or None if unseen."""
        c = self.counts.get(head(norm))
        if c is None:
            return None
        return c[0] / max(1, sum(c))

    def is_common(self, norm: str) -> bool:
        """An ordinary word that is (almost) never part of a name."""
        c = self.counts.get(head(norm))
        return c is not None and c[3] >= MIN_COMMON and c[0] + c[1] + c[2] <= 0.1 * c[3]

    def is_name_part(self, norm: str) -> bool:
        """A word that can continue a person's name: seen as one, or never seen at all."""
        r = self.per_ratio(norm)
        return r is None or r >= 0.2 or not self.is_common(norm)


def train(conll_paths: list[Path]) -> dict[str, tuple[int, int, int, int]]:
    """Counts per folded word (without clitics and article) from "token TAG" files."""
    counts: dict[str, Counter[str]] = {}
    for path in conll_paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            parts = line.split()
            if len(parts) < 2:
                continue
            word, tag = parts[0], parts[-1]
            typ = tag.split("-")[-1][:3] if tag != "O" else "O"
            typ = {"PER": "PER", "ORG": "ORG", "LOC": "LOC"}.get(typ, "O")
            key = head(fold(word))
            if key:  # a word of tatweel or marks alone folds to nothing
                counts.setdefault(key, Counter())[typ] += 1
    out = {}
    for w, c in counts.items():
        tagged = c["PER"] + c["ORG"] + c["LOC"]
        if tagged or c["O"] >= MIN_COMMON:
            out[w] = (c["PER"], c["ORG"], c["LOC"], c["O"])
    return out


def write(counts: dict[str, tuple[int, int, int, int]], path: Path, source: str) -> None:
    with path.open("w", encoding="utf-8") as f:
        f.write(f"# Trained by `qawl train names` from {source} (ANERcorp, Benajiba 2007; CAMeL Lab split,\n")
        f.write("# CC BY-SA 4.0). Columns: word (folded, without clitics), PER, ORG, LOC, O counts.\n")
        for w in sorted(counts):
            f.write(w + "\t" + "\t".join(str(n) for n in counts[w]) + "\n")


def parse(text: str) -> NameWords:
    """The model from the text of a file ``write`` made."""
    counts = {}
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        w, *ns = line.split("\t")
        counts[w] = tuple(int(n) for n in ns)
    return NameWords(counts)  # type: ignore[arg-type]


@cache
def name_words() -> NameWords:
    """The model that ships with qawl, read once per process."""
    data = resources.files("qawl.entities").joinpath("data", "name_words.tsv")
    return parse(data.read_text(encoding="utf-8"))
