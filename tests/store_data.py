"""Articles for the store tests: dev articles (real news, hand-annotated) read as qawl reads
them."""

from __future__ import annotations

import json
from pathlib import Path

from qawl.record import Article

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "dev"
SEED = "seed-aleppo-2016"


def dev_articles(n: int | None = None) -> list[Article]:
    """The first ``n`` dev articles by file name (all 40 by default)."""
    out = []
    for path in sorted(DEV.glob("*.json"))[:n]:
        g = json.loads(path.read_text(encoding="utf-8"))
        out.append(
            Article(
                text=g["text"],
                id=g["id"],
                source=g.get("source"),
                url=g.get("url"),
                published=g.get("published"),
                title=g.get("title"),
            )
        )
    return out


def seed() -> Article:
    return next(a for a in dev_articles() if a.id == SEED)
