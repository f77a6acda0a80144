"""HTML pages to Articles: the main text, title, date, site and URL, by trafilatura.

The text is what the page shows: a paragraph (or ``<br>``) a line, line breaks of the HTML source
inside a paragraph are spaces, and so are no-break spaces (trafilatura's own normalisation).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from lxml import etree, html

from qawl.ingest.encoding import decode_bytes
from qawl.ingest.errors import InvalidInput
from qawl.record import Article

if TYPE_CHECKING:
    from trafilatura.settings import Document

# The HTML standard's prescan looks at the first 1024 bytes; pages with long heads put the <meta> later.
PRESCAN_BYTES = 4096
META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([\w.:-]+)""")
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
# Inside a page a line break is just white space: only blocks and <br> make lines (<pre> keeps its own).
WHITESPACE = re.compile(r"[ \t\n\r\f\v]+")  # HTML white space (and the vertical tab); not the no-break space
# Characters lxml keeps from a page but refuses to set back into a tree (XML has no place for them): C0
# controls but tab and line breaks, U+FFFE/U+FFFF, lone surrogates. A page is no worse without them.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
VERBATIM_TAGS = frozenset({"pre", "textarea", "script", "style"})
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first bytes: ``<meta charset>``, ``http-equiv``, XML declaration."""
    head = data[:PRESCAN_BYTES]
    found = META_CHARSET.search(head) or XML_ENCODING.search(head)
    return found.group(1).decode("ascii") if found else None


def html_article(data: bytes, *, name: str, url: str | None = None, charset: str | None = None) -> Article:
    """The article of an HTML page, or :class:`InvalidInput` saying why there is none.

    ``charset`` is what the transport declared (an HTTP header), else the page's own declaration counts;
    either way UTF-8 and byte order marks win (qawl.ingest.encoding). ``url`` is where the page was
    fetched from (a WARC record's target) and wins over the page's canonical URL. The id is the URL, else
    ``name`` (a file name without suffix).
    """
    text = decode_bytes(data, declared=charset or declared_charset(data)).text
    page = _extract(text, url)
    body = _lines(page.text if page else None)
    if page is None or not body:
        raise InvalidInput("no article text in the page")
    title = _clean(page.title)
    if title and _clean(body[0]) == title:
        body = body[1:]  # the headline: kept as the title, not analysed twice
    if not body:
        raise InvalidInput("no article text in the page")
    page_url = url or page.url
    return Article(
        text="\n".join(body),
        id=page_url or name,
        source=_clean(page.sitename),
        url=page_url,
        published=page.date if page.date and ISO_DATE.fullmatch(page.date) else None,
        title=title,
    )


def fragment_text(fragment: str) -> str | None:
    """The text of an HTML fragment (a feed entry's content), a paragraph a line; None when it has none."""
    page = _extract(f"<html><body><div>{fragment}</div></body></html>", None)
    return "\n".join(_lines(page.text if page else None)) or None


def _extract(markup: str, url: str | None) -> Document | None:
    import trafilatura  # here, not at the top: its import takes a quarter of a second text runs need not pay
    from trafilatura.settings import set_date_params

    try:
        tree = html.document_fromstring(XML_DECLARATION.sub("", markup, count=1))
    except (etree.ParserError, ValueError):
        raise InvalidInput("not an HTML page") from None
    _collapse_whitespace(tree)
    try:
        return trafilatura.bare_extraction(
            tree,
            url=url,
            with_metadata=True,
            include_comments=False,
            # htmldate without its extensive search: the page's metadata, URL and date elements, not every
            # date expression of the page (which makes "the meeting on 3 August" the publication date). A
            # page with no date elsewhere can still get one written as 2016-08-03 in its text.
            date_extraction_params=set_date_params(extensive=False),
        )
    except ValueError as e:
        raise InvalidInput(f"cannot extract the page's text ({e})") from None
    except Exception as e:  # trafilatura's (or htmldate's) own bugs on a malformed page: the page's failure
        raise InvalidInput(f"cannot extract the page's text ({type(e).__name__}: {e})") from None


def _collapse_whitespace(tree: html.HtmlElement) -> None:
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue  # comments and processing instructions
        verbatim = _verbatim(element)
        if element.text:
            element.text = _cleaned(element.text, collapse=element.tag not in VERBATIM_TAGS and not verbatim)
        if element.tail:
            element.tail = _cleaned(element.tail, collapse=not verbatim)


def _cleaned(text: str, *, collapse: bool) -> str:
    text = NOT_XML.sub(lambda m: " " if m.group() in "\x0b\x0c" else "", text)
    return WHITESPACE.sub(" ", text) if collapse else text


def _verbatim(element: html.HtmlElement) -> bool:
    return any(True for _ in element.iterancestors(*VERBATIM_TAGS))


def _lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _clean(value: str | None) -> str | None:
    """One line, trimmed; None for nothing."""
    return (WHITESPACE.sub(" ", value).strip() or None) if value else None
