"""Article bytes in every encoding Arabic news comes in decode to the same text, never to mojibake."""

from __future__ import annotations

import pytest

from qawl.ingest.encoding import decode_bytes, head_text
from qawl.ingest.errors import InvalidInput
from tests.ingest_data import ARTICLES, SEED, SEED_ISO_TEXT

ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1256"]

# Headlines and subheads of dev articles (../shared/eval/dev) whose Windows-1256 bytes also decode, without a
# single error, as ISO-8859-6: the case letter statistics cannot settle. charset-normalizer 3.5 names the
# first three Korean (cp949), Cyrillic (cp1251) and Hebrew (cp1255).
AMBIGUOUS_CP1256 = [
    "بيان الأزهر",  # ant2-BB-middleEast-925-20180829
    "شهود سريون",  # ant2-SK-internationalNews-3087-20180819
    '"وجوب محاسبة المسؤولين"',  # ant2-BB-middleEast-1115-20181017
    "ما الذي تعهدت به السعودية؟",
    "الإخوان المسلمون يعلنونها حرباً: مرسي أو لا أحد!",  # anc-SYP27
    "دعوات للتهدئة وإدانة",  # ant2-FR-internationalNews-2642-20180809
]


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_every_encoding_gives_the_same_text(encoding: str) -> None:
    decoded = decode_bytes(SEED.text.encode(encoding))
    assert decoded.text == SEED.text


def test_iso_8859_6_gives_the_same_text() -> None:
    decoded = decode_bytes(SEED_ISO_TEXT.encode("iso8859-6"))
    assert (decoded.text, decoded.encoding) == (SEED_ISO_TEXT, "iso8859-6")


@pytest.mark.parametrize("encoding", ["cp1256", "iso8859-6", "utf-16-le", "utf-16-be"])
def test_every_line_of_the_sample_articles_alone(encoding: str) -> None:
    """A line is the hard case: few letters to judge by. Every line of the seven articles comes out right."""
    lines = [line for article in ARTICLES for line in article.text.split("\n") if line.strip()]
    for line in lines:
        if encoding == "iso8859-6":
            line = line.replace("“", '"').replace("”", '"')
            if any(not c.encode(encoding, "ignore") for c in line):
                continue  # a character the code page does not have
        assert decode_bytes(line.encode(encoding)).text == line


def test_iso_8859_6_is_not_read_as_windows_1256() -> None:
    """Read as Windows-1256, this sentence is 87 % Arabic letters still (ل→ن, ك→م): a letter share does
    not tell the two apart, the definite article and the Latin letters inside Arabic words do."""
    sentence = (  # ant1-JA-internationalNews-561-20170318, a sample article
        'وقالت خلف إنها تركت منصبها بعد أن مارست دولا ذات نفوذ "ضغوطا هائلة على الأمين العام للأمم المتحدة".'
    )
    mojibake = sentence.encode("iso8859-6").decode("cp1256")
    assert mojibake.startswith("èâانت خنل إوçا")
    assert decode_bytes(sentence.encode("iso8859-6")) == (sentence, "iso8859-6")


@pytest.mark.parametrize("line", AMBIGUOUS_CP1256)
def test_windows_1256_that_is_also_valid_iso_8859_6(line: str) -> None:
    data = line.encode("cp1256")
    assert data.decode("iso8859-6") != line  # it decodes, to other letters: ال becomes اف
    assert decode_bytes(data) == (line, "cp1256")


def test_a_declared_arabic_code_page_settles_a_tie() -> None:
    """Neither reading of these bytes has a definite article or a Latin letter: the declaration decides."""
    data = "شهود سريون".encode("cp1256")
    assert decode_bytes(data) == ("شهود سريون", "cp1256")
    assert decode_bytes(data, declared="ISO-8859-6") == ("شمند سرٍنل", "iso8859-6")


def test_the_bytes_overrule_a_wrong_arabic_declaration() -> None:
    assert decode_bytes("بيان الأزهر".encode("cp1256"), declared="iso-8859-6") == ("بيان الأزهر", "cp1256")
    assert decode_bytes(SEED.text.encode("cp1256"), declared="iso-8859-6") == (SEED.text, "cp1256")
    assert decode_bytes(SEED_ISO_TEXT.encode("iso8859-6"), declared="windows-1256").text == SEED_ISO_TEXT


def test_valid_utf8_wins_over_a_stale_declaration() -> None:
    data = SEED.text.encode("utf-8")
    assert decode_bytes(data, declared="windows-1256") == (SEED.text, "utf-8")


def test_a_western_declaration_is_not_believed() -> None:
    """latin-1 / windows-1252 is what servers send by default; believing it turns Arabic into ÞÇá."""
    data = SEED.text.encode("cp1256")
    assert decode_bytes(data, declared="iso-8859-1") == (SEED.text, "cp1256")
    assert decode_bytes(data, declared="windows-1252") == (SEED.text, "cp1256")


def test_another_declared_encoding_is_used() -> None:
    text = "قال المتحدث إن الاجتماع سيعقد غدا."
    assert decode_bytes(text.encode("cp720"), declared="cp720") == (text, "cp720")


def test_legacy_text_that_is_not_arabic_goes_to_general_detection() -> None:
    text = "Le porte-parole a déclaré que la réunion se tiendrait à Genève, après l'été. " * 3
    assert decode_bytes(text.encode("cp1252")).text == text


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b" \n\t", "empty file"),
        ("  \n".encode("utf-16"), "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10", "binary file, not text"),
        (bytes(range(1, 9)) * 20 + "نص".encode(), "binary file, not text"),
        (b"\x00\x00\x00\x00\x01\x00\x02\x00" * 8, "binary file, not text"),
        (b"\xef\xbb\xbf\xff\xfe broken", "not valid UTF-8 after its byte order mark"),
    ],
)
def test_what_is_not_text(data: bytes, reason: str) -> None:
    with pytest.raises(InvalidInput, match=f"^{reason}$"):
        decode_bytes(data)


def test_head_text_reads_markup_in_any_encoding() -> None:
    markup = '<html lang="ar"><title>حلب</title>'
    for encoding in ("utf-8", "utf-16", "utf-16-le", "cp1256"):
        assert head_text(markup.encode(encoding)[:17]).startswith("<html")
