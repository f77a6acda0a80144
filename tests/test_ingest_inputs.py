"""read_inputs: paths, folders, globs, gzip and stdin; the reader by format, extension or first bytes; a
Failure for each bad input and the rest of the batch read."""

from __future__ import annotations

import gzip
import io
import json
import sys
from pathlib import Path

import pytest

from qawl.ingest import read_inputs
from qawl.ingest.errors import Failure
from qawl.ingest.inputs import sniff
from qawl.record import Article
from tests.ingest_data import (
    JAWHARA,
    SEED,
    SEED_URL,
    as_uri,
    jawhara_page,
    paragraphs,
    rss,
    seed_page,
    write_warc,
)


def ids(results: list[Article | Failure]) -> list[str | Failure | None]:
    return [r.id if isinstance(r, Article) else r for r in results]


def jsonl(*articles: Article) -> bytes:
    lines = (
        json.dumps({"id": a.id, "text": a.text, "published": a.published}, ensure_ascii=False)
        for a in articles
    )
    return "".join(line + "\n" for line in lines).encode()


def stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(data))))  # type: ignore[arg-type]


def test_a_folder_is_read_recursively_in_order_without_hidden_files(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text(JAWHARA[1].text, encoding="cp1256")
    (tmp_path / "a.txt").write_text(JAWHARA[0].text, encoding="utf-8")
    (tmp_path / "c.jsonl").write_bytes(jsonl(JAWHARA[2], JAWHARA[3]))
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    results = list(read_inputs([str(tmp_path)]))
    assert ids(results) == ["a", "2", JAWHARA[2].id, JAWHARA[3].id]
    assert results[1] == Article(text=JAWHARA[1].text, id="2")  # a text file: no date, no URL


def test_glob_patterns(tmp_path: Path) -> None:
    for name in ("b.txt", "a.txt", "c.html"):
        (tmp_path / name).write_text(JAWHARA[0].text, encoding="utf-8")
    (tmp_path / "deep" / "er").mkdir(parents=True)
    (tmp_path / "deep" / "er" / "d.txt").write_text(JAWHARA[1].text, encoding="utf-8")
    assert ids(list(read_inputs([f"{tmp_path}/*.txt"]))) == ["a", "b"]
    assert ids(list(read_inputs([f"{tmp_path}/**/*.txt"]))) == ["a", "b", "d"]
    assert list(read_inputs([f"{tmp_path}/*.docx"])) == [Failure(f"{tmp_path}/*.docx", "no file matches")]


def test_gzip_of_every_kind(tmp_path: Path) -> None:
    def gz(name: str, data: bytes) -> None:
        (tmp_path / name).write_bytes(gzip.compress(data))

    gz("1-text.txt.gz", JAWHARA[0].text.encode("cp1256"))
    gz("2-page.html.gz", seed_page().encode())
    gz("3-articles.jsonl.gz", jsonl(JAWHARA[1]))
    gz("4-feed.rss.gz", rss([{"title": "t", "link": SEED_URL}]))
    write_warc(
        tmp_path / "5-crawl.warc.gz", [("https://e.org/b", jawhara_page(JAWHARA[2]).encode(), "text/html")]
    )
    gz("6-unnamed.gz", jawhara_page(JAWHARA[3]).encode())  # sniffed: a page
    results = list(read_inputs([str(tmp_path)]))
    assert ids(results) == [
        "1-text",
        SEED_URL,
        JAWHARA[1].id,
        SEED_URL,  # the feed's entry, its page found in the feed's folder: 2-page.html.gz
        "https://e.org/b",
        as_uri(JAWHARA[3].url),  # the canonical URL, as the page has it
    ]
    assert results[0].text == JAWHARA[0].text  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("article", SEED.text.encode("cp1256"), "text"),
        ("article.php", seed_page().encode("utf-16"), "html"),
        ("news.xml", rss([{"title": "t", "link": SEED_URL, "content": paragraphs(SEED.text)}]), "feed"),
        ("crawl.dat", None, "warc"),
        ("articles.json", jsonl(SEED), "jsonl"),
    ],
)
def test_the_first_bytes_tell_the_kind(tmp_path: Path, name: str, content: bytes | None, kind: str) -> None:
    path = tmp_path / name
    if content is None:
        write_warc(path, [(SEED_URL, seed_page().encode(), "text/html")])
    else:
        path.write_bytes(content)
    assert (
        sniff(path.read_bytes()[:4096] if kind != "warc" else gzip.decompress(path.read_bytes())[:4096])
        == kind
    )
    [article] = read_inputs([str(path)], pages=str(tmp_path))
    assert isinstance(article, Article)
    assert article.text == SEED.text


def test_format_forces_the_reader(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text(seed_page(), encoding="utf-8")
    [as_text] = read_inputs([str(path)])
    [as_page] = read_inputs([str(path)], format="html")
    assert isinstance(as_text, Article) and as_text.text.startswith("<!DOCTYPE html>")
    assert isinstance(as_page, Article) and as_page.text == SEED.text
    with pytest.raises(ValueError, match="unknown format 'pdf'"):
        list(read_inputs([str(path)], format="pdf"))


def test_stdin_is_json_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin(monkeypatch, jsonl(JAWHARA[0], JAWHARA[1]))
    assert ids(list(read_inputs(["-"]))) == [JAWHARA[0].id, JAWHARA[1].id]


@pytest.mark.parametrize(
    ("format", "data"),
    [
        ("text", SEED.text.encode("cp1256")),
        ("text", gzip.compress(SEED.text.encode("utf-16"))),
        ("html", seed_page().encode()),
        ("feed", rss([{"title": "t", "link": SEED_URL, "content": paragraphs(SEED.text)}])),
    ],
)
def test_stdin_in_another_format(monkeypatch: pytest.MonkeyPatch, format: str, data: bytes) -> None:
    stdin(monkeypatch, data)
    [article] = read_inputs(["-"], format=format)
    assert isinstance(article, Article)
    assert article.text == SEED.text


def test_stdin_warc(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = write_warc(tmp_path / "x.warc.gz", [(SEED_URL, seed_page().encode(), "text/html")])
    stdin(monkeypatch, path.read_bytes())
    assert ids(list(read_inputs(["-"], format="warc"))) == [SEED_URL]


def test_a_broken_file_of_each_kind_is_a_failure_and_the_batch_goes_on(tmp_path: Path) -> None:
    def write(name: str, data: bytes) -> str:
        (tmp_path / name).write_bytes(data)
        return str(tmp_path / name)

    warc = write_warc(tmp_path / "good.warc.gz", [(SEED_URL, seed_page().encode(), "text/html")]).read_bytes()
    plain = write_warc(tmp_path / "plain.warc", [(SEED_URL, seed_page().encode(), "text/html")], gzip=False)
    second = plain.read_bytes().index(b"WARC/1.0", 10)
    inputs = [
        write("good.txt", JAWHARA[0].text.encode()),
        write("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10"),
        write("empty.txt", b""),
        write("cut.txt.gz", gzip.compress(JAWHARA[0].text.encode() * 20)[:300]),
        write("lines.jsonl", jsonl(JAWHARA[1]) + b"{not json\n"),
        write("empty.html", b"<html><head><title>t</title></head><body><div> </div></body></html>"),
        write("broken.warc", plain.read_bytes()[:second] + b"WARX" + plain.read_bytes()[second + 4 :]),
        write("cut.warc.gz", warc[: len(warc) - 900]),
        write("broken.rss", b"<rss><channel><title>t</title>"),
        str(tmp_path / "missing.txt"),
        write("good.html", jawhara_page(JAWHARA[2]).encode()),
    ]
    results = list(read_inputs(inputs))
    assert [r if isinstance(r, Failure) else r.id for r in results] == [
        "good",
        Failure(inputs[1], "binary file, not text"),
        Failure(inputs[2], "empty file"),
        Failure(inputs[3], results[3].reason),
        JAWHARA[1].id,
        Failure(f"{inputs[4]}:2", "not JSON (Expecting property name enclosed in double quotes at column 2)"),
        Failure(inputs[5], "no article text in the page"),
        Failure(f"{inputs[6]}#record 2", results[7].reason),
        as_uri(SEED_URL),  # read on from the next record: the broken request costs only itself
        Failure(f"{inputs[7]}#record 3", results[9].reason),
        Failure(inputs[8], "not an RSS or Atom feed"),
        Failure(inputs[9], "no such file"),
        as_uri(JAWHARA[2].url),
    ]
    assert results[3].reason.startswith("broken gzip file (")  # type: ignore[union-attr]
    assert results[7].reason.startswith("broken WARC record (")  # type: ignore[union-attr]
    assert "WARC record cut short" in results[9].reason  # type: ignore[union-attr]
