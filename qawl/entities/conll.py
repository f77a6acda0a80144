"""Entity-level scores as conlleval computes them: a predicted entity counts only when its
span and type both match a gold entity exactly."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


def spans(tags: Sequence[str]) -> set[tuple[int, int, str]]:
    """(start, end, type) of the entities in one sentence's BIO tags.

    Like conlleval, an I- tag that does not continue an entity of its type starts one,
    and a B- tag always does."""
    out: set[tuple[int, int, str]] = set()
    start, typ = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        if tag == "O" and start < 0:
            continue  # most tokens: outside every entity, and none open
        bio, _, t = tag.partition("-")
        continues = bio == "I" and t == typ and start >= 0
        if start >= 0 and not continues:
            out.add((start, i, typ))
            start, typ = -1, ""
        if bio in ("B", "I") and not continues:
            start, typ = i, t
    return out


@dataclass(frozen=True, slots=True)
class Score:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score(gold: Iterable[Sequence[str]], pred: Iterable[Sequence[str]]) -> dict[str, Score]:
    """Per-type scores and the micro average (key "ALL") over sentences of BIO tags."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for g_tags, p_tags in zip(gold, pred, strict=True):
        if len(g_tags) != len(p_tags):
            raise ValueError(f"a sentence of {len(g_tags)} gold tags has {len(p_tags)} predicted")
        g, p = spans(g_tags), spans(p_tags)
        for _, _, t in g & p:
            tp[t] += 1
        for _, _, t in p - g:
            fp[t] += 1
        for _, _, t in g - p:
            fn[t] += 1
    types = sorted(set(tp) | set(fp) | set(fn))
    out = {t: Score(tp[t], fp[t], fn[t]) for t in types}
    out["ALL"] = Score(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    return out


def format_scores(scores: dict[str, Score]) -> str:
    lines = [f"{'type':<6} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6} {'pred':>6}"]
    for t, s in scores.items():
        lines.append(
            f"{t:<6} {s.precision:6.4f} {s.recall:6.4f} {s.f1:6.4f} {s.tp + s.fn:6d} {s.tp + s.fp:6d}"
        )
    return "\n".join(lines)
