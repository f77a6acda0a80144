"""Plain-text articles: one Article per good file, one Failure with a reason per bad one."""

from __future__ import annotations

from pathlib import Path

import pytest

from qawl.ingest.readers import Failure, decode_text, read_text_files
from qawl.record import Article

TEXT = "قال المتحدث إن الاجتماع سيعقد غدا."


def test_a_utf8_file_is_an_article_named_by_its_stem(tmp_path: Path) -> None:
    path = tmp_path / "خبر.1.txt"
    path.write_text(TEXT, encoding="utf-8")
    [article] = read_text_files([str(path)])
    assert article == Article(text=TEXT, id="خبر.1")


def test_a_byte_order_mark_is_not_part_of_the_text(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + TEXT.encode("utf-8"))
    [article] = read_text_files([str(path)])
    assert isinstance(article, Article)
    assert article.text == TEXT


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\t\n", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file, not text"),
        (bytes(range(1, 9)) * 20 + "نص".encode(), "binary file, not text"),
        ("قال".encode("cp1256"), "not valid UTF-8 (byte 0xde at offset 0)"),
    ],
)
def test_bad_content_has_a_reason(content: bytes, reason: str, tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    assert list(read_text_files([str(path)])) == [Failure(str(path), reason)]


def test_missing_files_and_directories_are_failures_and_the_rest_goes_on(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(TEXT, encoding="utf-8")
    missing = str(tmp_path / "missing.txt")
    results = list(read_text_files([missing, str(tmp_path), str(good)]))
    assert results == [
        Failure(missing, "no such file"),
        Failure(str(tmp_path), "is a directory"),
        Article(text=TEXT, id="good"),
    ]


def test_decode_text_keeps_the_text_as_it_is() -> None:
    text = "سطر أول\r\nسطر ثان\n"
    assert decode_text(text.encode("utf-8")) == text


def test_other_encodings_are_read_when_asked_to_detect(tmp_path: Path) -> None:
    for encoding in ("cp1256", "utf-16", "iso8859-6"):
        path = tmp_path / f"{encoding}.txt"
        path.write_bytes(TEXT.encode(encoding))
        assert list(read_text_files([str(path)], detect=True)) == [Article(text=TEXT, id=encoding)]
