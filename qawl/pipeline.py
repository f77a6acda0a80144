"""analyse(article) -> record: the layers of analysis in order, nothing else.

Pure: no I/O and no global state beyond read-only lexicons loaded once, so the
same call runs in a test, a process pool or a Dask worker.
"""

from __future__ import annotations

from qawl.dates import find_dates, name_tokens
from qawl.dates.statements import date_statements
from qawl.doc import Doc
from qawl.entities.base import EntityBase
from qawl.entities.cluster import Clusterer
from qawl.entities.linking import link_entities
from qawl.entities.places import add_places
from qawl.entities.tagged import add_tagged
from qawl.quotes import extract_quotes
from qawl.quotes.responses import find_responses
from qawl.record import Article, Record


def analyse(article: Article, base: EntityBase | None = None) -> Record:
    """One article's record; entities are linked to ``base`` (by default the seed qawl ships),
    which is only read."""
    base = base or EntityBase.shipped()
    doc = Doc.from_text(article.text)  # layer 1: Arabic text
    clusterer = Clusterer(doc)  # layer 2: entities, as the statements name them
    site = " ".join(x for x in (article.source, article.url) if x)
    quotes = extract_quotes(doc, clusterer, site)  # layer 4: statements
    add_places(doc, clusterer)  # and the places the text names
    add_tagged(doc, clusterer, base=base)  # and every other name the text holds
    entities = clusterer.entities()
    link_entities(entities, article.text, base, doc.tokens)  # each to the entity base, with its Latin name
    names = name_tokens(doc, entities)
    dates = find_dates(doc, article.published, names)  # layer 3: dates
    date_statements(doc, quotes, dates)  # and the day each statement was made
    warnings = [
        f"unbalanced quotation mark at character {q.start}: read to the end of its paragraph"
        for q in doc.quotations
        if not q.balanced
    ]
    record = Record(
        id=article.resolved_id(),
        text=article.text,
        source=article.source,
        url=article.url,
        published=article.published,
        title=article.title,
        entities=entities,
        quotes=quotes,
        dates=dates,
        warnings=warnings,
    )
    find_responses(record)  # layer 5: which statements answer which
    return record


def extract(
    text: str,
    *,
    published: str | None = None,
    source: str | None = None,
    url: str | None = None,
    title: str | None = None,
    id: str | None = None,
) -> Record:
    """Every statement in one article, as a record (``qawl/2``)."""
    return analyse(Article(text=text, id=id, source=source, url=url, published=published, title=title))
