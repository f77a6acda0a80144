"""Make the seed corpus of every fuzz target (fuzz/corpus/TARGET/seed-*) from real dev sentences:
``python -m fuzz.corpus``. Small on purpose (a few KB a file): the fuzzer grows what it needs. Inputs
that once crashed a target are kept beside the seeds as ``regression-*`` (this leaves them alone)."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

from tests.hostile import article, carriers, page, paragraphs, rss, warc

CORPUS = Path(__file__).resolve().parent / "corpus"


def seeds() -> dict[str, list[bytes]]:
    lines = carriers()[:12]
    short = article(0, 2)
    ascii_quotes = re.sub("[“”«»]", '"', short)
    jsonl = b"\n".join(
        json.dumps({"id": f"a{i}", "text": line, "published": "2016-08-02"}, ensure_ascii=False).encode()
        for i, line in enumerate(lines[:3])
    )
    pages = [page(paragraphs(article(i, 2)), head=f"<title>t{i}</title>").encode() for i in range(2)]
    legacy = page(paragraphs(ascii_quotes), charset="windows-1256").encode("cp1256", "replace")
    feed = rss("feed", [paragraphs(article(i, 2)) for i in range(2)])
    content = paragraphs(short).replace("<", "&lt;")
    atom = (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>'
        '<entry><title>x</title><link href="https://example.org/a"/><updated>2016-08-02T10:00:00Z</updated>'
        f'<content type="html">{content}</content></entry></feed>'
    ).encode()
    small_warc = warc("seed", [("text/html; charset=utf-8", pages[0])], compress=False)
    return {
        "extract": [line.encode() for line in lines] + [short.encode(), visual(lines[0]).encode()],
        "text": [
            short.encode(),
            short.encode("utf-16"),
            ascii_quotes.encode("cp1256", "replace"),
            ascii_quotes.encode("iso8859-6", "replace"),
            b"\xef\xbb\xbf" + lines[1].encode(),
        ],
        "encoding": [
            b"\x00" + short.encode(),
            b"\x02" + ascii_quotes.encode("cp1256", "replace"),
            b"\x03" + ascii_quotes.encode("iso8859-6", "replace"),
            b"\x05" + short.encode("utf-16-le"),
            b"\x04" + "Le ministre a déclaré".encode("latin-1"),
        ],
        "jsonl": [jsonl, jsonl.replace(b"\n", b"\r\n") + b"\n{broken"],
        "html": [*pages, legacy],
        "warc": [small_warc, warc("seed", [("text/html", pages[1]), ("image/png", b"PNG")], compress=False)],
        "feed": [feed, atom],
        "gzip": [
            b"\x00" + gzip.compress(short.encode()),
            b"\x01" + gzip.compress(jsonl),
            b"\x02" + gzip.compress(small_warc),
            b"\x03" + gzip.compress(pages[0]),
            b"\x04" + gzip.compress(feed),
        ],
    }


def visual(line: str) -> str:
    return line[::-1]


def main() -> None:
    for target, inputs in seeds().items():
        folder = CORPUS / target
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("seed-*"):
            old.unlink()
        for i, data in enumerate(inputs):
            (folder / f"seed-{i:02d}").write_bytes(data)
    total = sum(p.stat().st_size for p in CORPUS.rglob("*") if p.is_file())
    print(f"{sum(1 for p in CORPUS.rglob('*') if p.is_file())} files, {total:,} bytes in {CORPUS}")


if __name__ == "__main__":
    main()
