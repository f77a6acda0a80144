"""The bundled samples: the seed article first, then six Jawhara FM articles, with their licence."""

from __future__ import annotations

from importlib import resources

from qawl import samples
from qawl.record import Article


def test_load_returns_seven_articles_seed_first() -> None:
    articles = samples.load()
    assert len(articles) == 7
    assert all(isinstance(a, Article) and a.text.strip() for a in articles)
    assert articles[0].id == "seed-aleppo-2016"
    assert articles[0].published == "2016-08-02"
    assert all(a.id and a.id.startswith("ant1-JA-") and a.source == "Jawhara FM" for a in articles[1:])
    assert len({a.id for a in articles}) == 7


def test_licence_and_provenance_are_shipped() -> None:
    folder = resources.files("qawl.samples")
    licence = (folder / "LICENSE-jawhara.txt").read_text(encoding="utf-8")
    assert "Apache License, Version 2.0" in licence
    assert "Chouigui" in licence and "antcorpus.github.io" in licence
    readme = (folder / "README.md").read_text(encoding="utf-8")
    for article in samples.load():
        assert article.id in readme
