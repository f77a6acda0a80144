"""Regenerate the corpus-derived part of data/unsplittable.txt.

    python -m qawl.arabic.build_unsplittable CORPUS.jsonl.gz [MIN_COUNT]

A frequent word is unsplittable when the clitic rules would cut it but the
stem they leave is (almost) never seen on its own: وزير is not و+زير, بغداد is
not ب+غداد, زيارة is not زيار+ه.  A word starting with ال is a stem of its own
when it takes another ال (الالتزام → التزام) and is rare without its ال.
The hand-written part above the marker line is kept as it is.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from collections import Counter
from pathlib import Path

from qawl.arabic.normalise import DIACRITICS, TATWEEL, fold
from qawl.arabic.segment import lexicon_key, load_unsplittable, split_clitics

MARKER = "# --- generated below by qawl.arabic.build_unsplittable; edit above this line ---"
DATA = Path(__file__).with_name("data") / "unsplittable.txt"
_WORD = re.compile(f"[\u0621-\u064a\u0671-\u06d3{DIACRITICS}{TATWEEL}]+")
_DEDIAC = re.compile(f"[{DIACRITICS}{TATWEEL}]")
RATIO, ENOUGH = 0.05, 200  # a stem is attested if seen RATIO times as often, or ENOUGH times


def count(corpus: Path) -> Counter[str]:
    light: Counter[str] = Counter()
    with gzip.open(corpus, "rt", encoding="utf-8") as f:
        for line in f:
            light.update(_DEDIAC.sub("", w) for w in _WORD.findall(json.loads(line)["text"]))
    return light


def unsplittable(light: Counter[str], min_count: int, hand: frozenset[str]) -> dict[str, str]:
    freq: Counter[str] = Counter()
    for w, n in light.items():
        freq[fold(w)] += n
    out: dict[str, str] = {}
    for lw, n in light.most_common():
        if n < min_count:
            break
        w = lexicon_key(lw)
        prefix, stem, suffix = split_clitics(lw, hand)
        article = prefix.endswith(("ال", "لل"))
        if prefix and not article:
            seen = freq[stem + suffix] + freq["ال" + stem + suffix]
            if seen < RATIO * n and seen < ENOUGH:
                # List the word without its suffix, so that the suffix still splits (بلادها → بلاد+ها).
                out.setdefault(w[: len(prefix + stem)], f"{n} vs {prefix}+{stem + suffix} {seen}")
                prefix, stem = "", prefix + stem
        if prefix.endswith("ال"):
            a = "ال" + stem
            if freq["ال" + a] >= max(3, RATIO * freq[a]) and freq[stem] < RATIO * freq[a]:
                out.setdefault(a, f"takes ال: {freq['ال' + a]}")
        if suffix:
            base = (
                stem[:-1] + ("ه" if stem[-1] == "ت" else "ء") if stem[-1] in "تيو" else stem
            )  # مدينت، ميناي
            seen = freq[stem] + freq["ال" + stem] + freq[base] + freq["ال" + base]
            if seen < RATIO * n and seen < ENOUGH:
                out.setdefault(w, f"{n} vs {stem}+{suffix} {seen}")
    return out


def main(argv: list[str]) -> None:
    corpus = Path(argv[0])
    min_count = int(argv[1]) if len(argv) > 1 else 10
    head = DATA.read_text(encoding="utf-8").split(MARKER)[0].rstrip("\n")
    found = unsplittable(count(corpus), min_count, load_unsplittable(head))
    lines = [head, MARKER, f"# corpus: {corpus.name}, words seen >= {min_count} times: {len(found)}"]
    lines += [f"{w}  # {why}" for w, why in sorted(found.items())]
    DATA.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
