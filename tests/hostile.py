"""Hostile and broken inputs, made here in code (never stored): what a crawler may bring back.

Real sentences of the dev articles (../shared/eval/dev; the sample articles qawl ships when that is
absent) carry the damage: empty and binary files, cut and mixed encodings, a 10 MB line, 100,000
quotation marks, unbalanced and nested quotations, direction overrides and zero-width characters, Arabic
in the visual order PDF extractors give, Latin text, HTML with scripts and deep nesting, JSON Lines that
are huge, cut or not JSON, broken WARC files, feeds and gzip. Each input says how many records and how
many failures it must give (articles in = records + failures: none lost), and every one of its results
names it: a record's id, a failure's input holds ``hostile-<name>``.
"""

from __future__ import annotations

import gzip
import html
import io
import itertools
import json
import random
import re
import unicodedata
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from qawl import samples
from qawl.ingest.readers import MAX_BYTES
from qawl.run.limits import MAX_CHARS

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "dev"
PREFIX = "hostile-"
NAME = re.compile(rf"{PREFIX}[a-z0-9-]+")
QUOTE_MARKS = '“”«»"„‟″＂‹›'
SAY = re.compile("قال|أكد|أضاف")


@dataclass(frozen=True)
class Hostile:
    """An input file: its name (the reader is chosen by its extension), bytes, and what it must give:
    ``results`` (records and failures, exactly: none lost), of which ``records`` records (None: any)."""

    name: str  # hostile-…, unique, no dots: results are matched to inputs by it
    suffix: str  # .txt, .jsonl, .html, .warc, .warc.gz, .rss, .txt.gz …
    data: bytes
    results: int
    records: int | None
    reason: str = ""  # words every failure's reason holds
    text: str | None = None  # the text its one record must have (decoding checks)

    @property
    def filename(self) -> str:
        return self.name + self.suffix

    def write(self, folder: Path) -> Path:
        path = folder / self.filename
        path.write_bytes(self.data)
        return path


def owner(label: str) -> str | None:
    """The hostile input a record id or failure input comes from."""
    found = NAME.search(label)
    return found.group() if found else None


@cache
def carriers() -> tuple[str, ...]:
    """One sentence (a line with a quotation and a reporting verb) from each dev article that has one."""
    texts = (
        [json.loads(p.read_text(encoding="utf-8"))["text"] for p in sorted(DEV.glob("*.json"))]
        if DEV.is_dir()
        else [a.text for a in samples.load()]
    )
    found = []
    for text in texts:
        line = next(
            (
                x
                for x in text.split("\n")
                if 80 <= len(x) <= 300 and SAY.search(x) and set(x) & set(QUOTE_MARKS)
            ),
            None,
        )
        if line:
            found.append(line)
    return tuple(found)


def sentence(i: int) -> str:
    lines = carriers()
    return lines[i % len(lines)]


def article(i: int, n: int = 3) -> str:
    """A short article: ``n`` carrier sentences from ``i`` on, a paragraph each."""
    return "\n".join(sentence(i + k) for k in range(n))


# --- texts ---------------------------------------------------------------------------------------------


def visual_order(text: str) -> str:
    """Each line reversed character by character, as PDF extractors give right-to-left text."""
    return "\n".join(line[::-1] for line in text.split("\n"))


def presentation_forms(text: str) -> str:
    """Letters as their isolated presentation forms (U+FE70-U+FEFF), as PDFs hold them."""

    def form(c: str) -> str:
        try:
            return unicodedata.lookup(unicodedata.name(c) + " ISOLATED FORM")
        except (KeyError, ValueError):
            return c

    return "".join(map(form, text))


def interleave(text: str, mark: str) -> str:
    return mark.join(text)


def quote_marks(n: int) -> str:
    return "".join(itertools.islice(itertools.cycle(QUOTE_MARKS), n))


HEAVY = frozenset(
    {"quotes-100k", "quotes-100k-straight", "nested-10k", "one-word-150k", "digits-180k", "lines-40k"}
)


def texts() -> Iterator[tuple[str, str, int, str]]:
    """(name, text, records, reason) of the hostile texts: each a file, and the light ones (not HEAVY,
    seconds of analysis each) a JSON line too; ``records`` is 1, or 0 for a failure with ``reason``."""
    s0, s1, s2 = sentence(0), sentence(1), sentence(2)
    no_marks = re.sub(f"[{QUOTE_MARKS}]", "", s1)
    yield "quotes-100k", quote_marks(100_000), 1, ""
    yield "quotes-100k-straight", s0 + '"' * 100_000 + s1, 1, ""
    yield "unbalanced-open", "\n".join("«" + re.sub(f"[{QUOTE_MARKS}]", "", x) for x in (s0, s1, s2)), 1, ""
    yield "unbalanced-close", "» ” " + no_marks + " ” »\n" + s2 + "»»»", 1, ""
    yield "nested-50", "«“" * 50 + s0 + "”»" * 50, 1, ""
    yield "nested-10k", "«“„" * 3_000 + s0 + "“”»" * 3_000, 1, ""
    yield "crossed", "«" + s0[:40] + "“" + s0[40:] + "»" + s1 + "”", 1, ""
    yield "bidi-overrides", "\u202e" + s0 + "\u202c\n\u202d" + s1 + "\u202c\n\u2067" + s2 + "\u2069", 1, ""
    yield "direction-marks", s0.replace(" ", " \u200f").replace("،", "\u061c،\u200e"), 1, ""
    yield "zero-width", interleave(s0, "\u200b") + "\n" + interleave(s1, "\u200d") + "\n" + s2, 1, ""
    yield "zwnj-bom", s0.replace(" ", "\u200c \ufeff"), 1, ""
    yield "invisible-only", "\u200b\u200c\u200d\u200e\u200f\ufeff\u2060 \u00a0\n", 0, "empty"
    yield "visual-order", visual_order(article(0, 4)), 1, ""
    yield "visual-presentation-forms", visual_order(presentation_forms(article(3))), 1, ""
    yield "presentation-forms", presentation_forms(article(6)), 1, ""
    yield "diacritics-flood", "".join(c + "\u064e\u0651\u0650\u0652" if c.isalpha() else c for c in s0), 1, ""
    yield "tatweel-flood", s0.replace(" ", " " + "\u0640" * 5_000, 5), 1, ""
    yield (
        "latin-only",
        (
            'The minister said: "we are ready to talk", adding that the talks would resume on Monday.\n'
            "«Nous sommes prêts», a déclaré le ministre, selon l’agence."
        ),
        1,
        "",
    )
    yield "other-scripts", "Министр сказал «мы готовы». 部长说：“我们准备好了。” שר אמר", 1, ""
    yield "one-word-150k", "ب" * 150_000, 1, ""
    yield "digits-180k", "١٢٣٤٥٦٧٨٩٠" * 18_000, 1, ""
    yield "lines-40k", "\n".join(["قال"] * 40_000), 1, ""
    yield "crlf-and-cr", s0 + "\r\n" + s1 + "\r" + s2 + "\r\n", 1, ""
    yield "control-chars", s0 + "\x0b\x0c" + s1 + "\x85\u2028" + s2 + "\u2029", 1, ""
    yield "nul", s0 + "\x00" + s1, 1, ""  # a JSON line can carry one; as a file it is binary (below)
    yield "lone-marks", "\u064e\u0651 ، . “ ” ؟ «» ـ", 1, ""
    yield "at-the-limit", s0 + " " * (MAX_CHARS - len(s0)), 1, ""
    yield "over-the-limit", s0 + " " * (MAX_CHARS - len(s0) + 1), 0, "longer than"


# --- files ---------------------------------------------------------------------------------------------


def text_files() -> Iterator[Hostile]:
    for name, text, records, reason in texts():
        if name == "nul":
            continue  # NUL bytes make a file binary (below); a JSON line carries the character
        yield Hostile(PREFIX + name, ".txt", text.encode("utf-8"), 1, records, reason)
    s0, s1 = sentence(0), sentence(1)
    utf8 = (s0 + "\n" + s1).encode()
    yield Hostile(PREFIX + "empty", ".txt", b"", 1, 0, "empty file")
    yield Hostile(PREFIX + "whitespace", ".txt", b" \t\r\n \n\n  \x0b\x0c\n", 1, 0, "empty file")
    yield Hostile(PREFIX + "binary-random", ".txt", random.Random(8).randbytes(4096), 1, 0, "binary")
    yield Hostile(
        PREFIX + "binary-png", ".txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), 1, 0, "binary"
    )
    pdf = b"%PDF-1.4\n1 0 obj<</Filter/FlateDecode>>stream\n" + zlib.compress(
        random.Random(9).randbytes(3000)
    )
    yield Hostile(PREFIX + "binary-pdf", ".txt", pdf, 1, 0, "binary")
    yield Hostile(PREFIX + "nul-bytes", ".txt", s0.encode() + b"\x00\x00" + s1.encode(), 1, 0, "binary")
    # A file cut inside its last character (a download that broke off) reads without that character.
    cut = s0.rstrip('.”"»') + "\n" + s1.rstrip('.”"»')
    yield Hostile(PREFIX + "truncated-utf8", ".txt", cut.encode()[:-1], 1, 1, text=cut[:-1])
    utf16 = (s0 + "\n" + s1).encode("utf-16")
    yield Hostile(PREFIX + "truncated-utf16", ".txt", utf16[:-1], 1, 1, text=(s0 + "\n" + s1)[:-1])
    # A file pasted together from UTF-8 and Windows-1256 (or ISO-8859-6) lines reads each line right.
    s2 = sentence(2)
    mixed = s0.encode() + b"\n" + s1.encode("cp1256", "replace") + b"\n" + s2.encode()
    expected = s0 + "\n" + s1.encode("cp1256", "replace").decode("cp1256") + "\n" + s2
    yield Hostile(PREFIX + "mixed-utf8-cp1256", ".txt", mixed, 1, 1, text=expected)
    iso = re.sub(f"[{QUOTE_MARKS}]", '"', s1)
    mixed_iso = iso.encode("iso8859-6", "replace") + b"\n" + s0.encode()
    iso_text = iso.encode("iso8859-6", "replace").decode("iso8859-6")
    yield Hostile(PREFIX + "mixed-iso-utf8", ".txt", mixed_iso, 1, 1, text=iso_text + "\n" + s0)
    yield Hostile(PREFIX + "stray-byte", ".txt", utf8[:30] + b"\xff" + utf8[30:], 1, 1)
    yield Hostile(
        PREFIX + "latin1", ".txt", "Le ministre a déclaré: «nous sommes prêts».".encode("latin-1"), 1, 1
    )
    # 10 MB on one line: read (under the byte limit), then refused by the character limit.
    line = ((s0 + " ") * (10_000_000 // len((s0 + " ").encode()) + 1)).encode()[:10_000_000]
    yield Hostile(PREFIX + "one-line-10mb", ".txt", line, 1, 0, "longer than")


def jsonl_files() -> Iterator[Hostile]:
    def obj(name: str, i: int, text: object, **more: object) -> bytes:
        return json.dumps({"id": f"{name}/{i}", "text": text, **more}, ensure_ascii=False).encode()

    name = PREFIX + "jsonl-texts"  # every light hostile text as a line
    light = [(text, records) for n, text, records, _ in texts() if n not in HEAVY]
    lines = [obj(name, i, text) for i, (text, _) in enumerate(light)]
    yield Hostile(name, ".jsonl", b"\n".join(lines) + b"\n", len(lines), sum(r for _, r in light))

    name = PREFIX + "jsonl-broken-lines"
    good = [obj(name, i, article(i, 2), published="2016-08-02") for i in range(6)]
    bad = [
        b"{not json",
        obj(name, 90, sentence(1))[:-25],  # cut in the middle
        b"[1, 2, 3]",
        b"[" * 100_000,  # nested deeper than the decoder recurses
        b'{"id": "' + name.encode() + b'/91", "text": "x", "n": 1' + b"1" * 5_000 + b"}",  # a 5,001-digit int
        b'{"id": "' + name.encode() + b'/92", "text": "\\ud800 lone surrogate"}',
        obj(name, 93, 12),
        json.dumps({"id": f"{name}/94", "title": "لا نص"}).encode(),
        obj(name, 95, "   \u200b "),
        "نص عربي ليس JSON".encode(),
        b"\xff\xfe not utf-8",
        obj(name, 96, sentence(3), published=5),
    ]
    lines = [good[0], bad[0], good[1], *bad[1:6], good[2], good[3], *bad[6:], good[4], good[5]]
    lines.insert(5, b"")  # blank lines are no input
    lines.append(obj(name, 97, "x" * (MAX_CHARS + 1)))  # read, then refused by the character limit
    yield Hostile(name, ".jsonl", b"\n".join(lines) + b"\n", len(good) + len(bad) + 1, len(good))

    name = PREFIX + "jsonl-huge-line"  # one line over the byte limit: skipped unread, the next one read
    huge = b'{"id": "' + name.encode() + b'/0", "text": "' + b"a" * (MAX_BYTES + 10) + b'"}'
    yield Hostile(name, ".jsonl", huge + b"\n" + obj(name, 1, sentence(4)) + b"\n", 2, 1, "larger than")

    name = PREFIX + "jsonl-cut-gzip"  # the whole lines before the cut, then the file's failure
    packed = gzip.compress(b"\n".join(obj(name, i, article(i, 2)) for i in range(40)) + b"\n")
    cut = packed[: len(packed) * 2 // 3]
    whole = zlib.decompressobj(wbits=31).decompress(cut).count(b"\n")
    yield Hostile(name, ".jsonl.gz", cut, whole + 1, whole, "cannot read further")

    name = PREFIX + "jsonl-binary"
    yield Hostile(name, ".jsonl", random.Random(5).randbytes(2000), 1, 0, "binary")


def page(body: str, *, head: str = "", charset: str | None = "utf-8") -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    return f'<!DOCTYPE html><html lang="ar" dir="rtl"><head>{meta}{head}</head><body>{body}</body></html>'


def paragraphs(text: str) -> str:
    return "".join(f"<p>{html.escape(line)}</p>" for line in text.split("\n"))


def html_pages() -> Iterator[tuple[str, bytes, int | None, str]]:
    """(name, bytes, records, reason) of hostile pages (files, and WARC records below): each one result, a
    record (1), a failure (0) or either (None)."""
    body = paragraphs(article(0))
    script = "<script>var s = '<p>قال الوزير \"لا\"</p>'; document.write(s);</script>"
    scripts = script * 300 + "<style>p{color:red}</style>" * 50 + "<noscript><p>فعّل جافاسكربت</p></noscript>"
    yield "html-scripts", page(f"{scripts}<article>{body}</article>{scripts}").encode(), 1, ""
    yield "html-deep-10k", page("<div>" * 10_000 + body + "</div>" * 10_000).encode(), None, ""
    yield "html-deep-unclosed", page("<div><span><b>" * 3_000 + body).encode(), None, ""
    soup = '<p class="x>' + body + "<td><tr><p><![CDATA[ ]]><!-- --!><p <a href='x>" + paragraphs(article(3))
    yield "html-tag-soup", page(soup).encode(), None, ""
    yield "html-empty", b"<html></html>", 0, "no article text"
    yield "html-binary", b"<html>" + random.Random(3).randbytes(3000), 0, ""
    wrong = page(paragraphs(article(1)), charset="windows-1256").encode()  # UTF-8 bytes, stale declaration
    yield "html-wrong-charset", wrong, 1, ""
    legacy = page(paragraphs(re.sub(f"[{QUOTE_MARKS}]", '"', article(2))), charset="utf-8")
    yield "html-cp1256-declared-utf8", legacy.encode("cp1256", "replace"), 1, ""
    long_line = (
        "<p>" + html.escape(sentence(0) + " ") * (10_000_000 // len((sentence(0) + " ").encode())) + "</p>"
    )
    yield "html-one-line-10mb", page(long_line).encode(), 0, ""


def html_files() -> Iterator[Hostile]:
    for name, data, records, reason in html_pages():
        yield Hostile(PREFIX + name, ".html", data, 1, records, reason)


def warc(
    name: str, pages: list[tuple[str, bytes]], *, compress: bool, content_type: str = "text/html"
) -> bytes:
    """A WARC file as crawlers write it: warcinfo, then a request and a response for each page."""
    stream = io.BytesIO()
    writer = WARCWriter(stream, gzip=compress)
    writer.write_record(writer.create_warcinfo_record(name + ".warc", {"software": "qawl tests"}))
    for i, (kind, body) in enumerate(pages):
        url = f"https://example.org/{name}/{i}"
        request = StatusAndHeaders(f"GET {url} HTTP/1.1", [("Host", "example.org")], is_http_request=True)
        writer.write_record(writer.create_warc_record(url, "request", http_headers=request))
        http = StatusAndHeaders("200 OK", [("Content-Type", kind)], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http)
        )
    return stream.getvalue()


def warc_files() -> Iterator[Hostile]:
    pages = [("text/html; charset=utf-8", page(paragraphs(article(i))).encode()) for i in range(4)]

    def build(name: str, compress: bool) -> bytes:
        return warc(PREFIX + name, pages, compress=compress)

    plain = build("warc-content-length", False)
    at = plain.index(b"Content-Length: ", plain.index(b"WARC-Type: response", plain.index(b"/1\r\n")))
    end = plain.index(b"\r\n", at)
    wrong = plain[: at + 16] + str(int(plain[at + 16 : end]) + 100).encode() + plain[end:]
    # The response of page 1 claims 100 bytes of the next record: that request is broken, no page lost.
    yield Hostile(PREFIX + "warc-content-length", ".warc", wrong, 5, 4, "broken WARC record")

    plain = build("warc-junk-between", False)
    second = plain.index(b"WARC/1.", plain.index(b"WARC-Type: response"))
    junk = plain[:second] + b"junk junk junk\r\n\r\n" + plain[second:]
    yield Hostile(PREFIX + "warc-junk-between", ".warc", junk, 5, 4, "broken WARC record")

    packed = bytearray(build("warc-bad-member", True))
    members = [m.start() for m in re.finditer(re.escape(b"\x1f\x8b\x08"), bytes(packed))]
    packed[members[4] + 30 : members[4] + 50] = bytes(20)  # the response of page 1: garbled
    yield Hostile(PREFIX + "warc-bad-member", ".warc.gz", bytes(packed), 4, 3, "broken WARC record")

    cut = build("warc-cut", True)
    yield Hostile(PREFIX + "warc-cut", ".warc.gz", cut[:-300], 4, 3, "cut short")

    whole = gzip.compress(gzip.decompress(build("warc-whole-gzip-cut", True)))
    yield Hostile(PREFIX + "warc-whole-gzip-cut", ".warc.gz", whole[:-200], 4, 3, "")

    # Every hostile page as a response record, each a record or a failure; an image passed by; a good page.
    hostile = [data for _, data, _, _ in html_pages()]
    mixed = [("text/html", data) for data in hostile] + [("image/png", bytes(500)), pages[0]]
    data = warc(PREFIX + "warc-hostile-pages", mixed, compress=True)
    yield Hostile(PREFIX + "warc-hostile-pages", ".warc.gz", data, len(hostile) + 1, None)
    yield Hostile(
        PREFIX + "warc-not-warc", ".warc", b"WARC/1.0\r\n" + random.Random(4).randbytes(800), 1, 0, ""
    )
    yield Hostile(PREFIX + "warc-empty", ".warc", b"", 1, 0, "empty")


def rss(name: str, entries: list[str], *, head: bytes = b"") -> bytes:
    items = "".join(
        f"<item><title>عنوان {i}</title><link>https://example.org/{name}/{i}</link>"
        f"<content:encoded><![CDATA[{body}]]></content:encoded></item>"
        for i, body in enumerate(entries)
    )
    return (
        b'<?xml version="1.0" encoding="utf-8"?>' + head + b'<rss version="2.0" '
        b'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>t</title>'
        + items.encode()
        + b"</channel></rss>"
    )


def feed_files() -> Iterator[Hostile]:
    name = PREFIX + "feed-cut"
    entries = [paragraphs(article(i)) for i in range(6)]
    full = rss(name, entries)
    # Cut inside entry 4: three whole entries, the fourth (no text left: a failure), the feed's failure.
    fourth = [m.start() for m in re.finditer(b"<item>", full)][3]
    yield Hostile(name, ".rss", full[: fourth + 120], 5, 3, "")
    name = PREFIX + "feed-entity-bomb"  # entities of entities: a billion "قال" if expanded
    bomb = (
        "<!DOCTYPE rss [<!ENTITY a0 'قال'>".encode()
        + b"".join(b"<!ENTITY a%d '%s'>" % (i, (b"&a%d;" % (i - 1)) * 10) for i in range(1, 10))
        + b"]>"
    )
    yield Hostile(name, ".rss", rss(name, [paragraphs(article(0)) + "&a9;"], head=bomb), 1, None)
    name = PREFIX + "feed-scripts"
    script = "<script>alert('قال')</script><iframe src='x'></iframe>"
    yield Hostile(name, ".rss", rss(name, [script + paragraphs(article(i)) + script for i in range(3)]), 3, 3)
    yield Hostile(PREFIX + "feed-binary", ".rss", b"<rss" + random.Random(6).randbytes(1000), 1, 0, "")


def gzip_files() -> Iterator[Hostile]:
    text = article(0).encode()
    yield Hostile(PREFIX + "gzip-cut", ".txt.gz", gzip.compress(text * 20)[:200], 1, 0, "broken gzip")
    yield Hostile(
        PREFIX + "gzip-bomb", ".txt.gz", gzip.compress(b"\n" * (MAX_BYTES + 2**20)), 1, 0, "larger than"
    )
    yield Hostile(
        PREFIX + "gzip-junk", ".txt.gz", b"\x1f\x8b" + random.Random(7).randbytes(500), 1, 0, "gzip"
    )
    yield Hostile(PREFIX + "gzip-twice", ".txt.gz", gzip.compress(gzip.compress(text)), 1, 0, "binary")
    yield Hostile(
        PREFIX + "gzip-members", ".txt.gz", gzip.compress(text[:100]) + gzip.compress(text[100:]), 1, 1
    )


def hostile_inputs() -> list[Hostile]:
    """Every hostile input, each name once."""
    makers: list[Callable[[], Iterator[Hostile]]] = [
        text_files,
        jsonl_files,
        html_files,
        warc_files,
        feed_files,
        gzip_files,
    ]
    inputs = [h for make in makers for h in make()]
    names = [h.name for h in inputs]
    assert len(set(names)) == len(names) and all(NAME.fullmatch(n) for n in names), names
    return inputs


def spans_of(record: dict) -> list[tuple[str, dict]]:
    """Every (where, span) of a record's JSON that carries offsets: mentions, statements, cues, speakers,
    what a statement answers (its cue and whom), dates (as tests/test_record_offsets.py checks them)."""
    out: list[tuple[str, dict]] = []
    for e in record["entities"]:
        out += [(f"{e['id']} mention", m) for m in e["mentions"]]
    for q in record["quotes"]:
        if q["start"] is not None:
            out.append((f"{q['id']} text", q))
        if q["cue"] is not None:
            out.append((f"{q['id']} cue", q["cue"]))
        if q["speaker"] is not None and q["speaker"]["start"] is not None:
            out.append((f"{q['id']} speaker", q["speaker"]))
        answer = q.get("responds_to")  # qawl/2
        if answer is not None:
            out.append((f"{q['id']} response cue", answer["cue"]))
            if answer["speaker"]["start"] is not None:
                out.append((f"{q['id']} answered speaker", answer["speaker"]))
    out += [("date", d) for d in record["dates"] if d["start"] is not None]
    return out


def check_spans(record: dict) -> None:
    """Every span is the text at its offsets."""
    text = record["text"]
    for where, span in spans_of(record):
        assert 0 <= span["start"] <= span["end"] <= len(text), (record["id"], where, span)
        assert text[span["start"] : span["end"]] == span["text"], (record["id"], where, span)
