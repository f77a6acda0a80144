"""Sample articles shipped with qawl: the seed article and six Jawhara FM articles (README.md)."""

from __future__ import annotations

import json
from importlib import resources

from qawl.ingest.readers import parse_article
from qawl.record import Article

SEED = "seed-aleppo-2016.json"
ARTICLES = "articles.jsonl"


def load() -> list[Article]:
    """The bundled sample articles, the seed article first."""
    folder = resources.files(__name__)
    seed = parse_article(json.loads((folder / SEED).read_text(encoding="utf-8")))
    others = [
        parse_article(json.loads(line))
        for line in (folder / ARTICLES).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    return [seed, *others]
