"""Ingest: source files in, Articles (or the reason an input was skipped) out.

:func:`read_inputs` reads anything (text, JSON Lines, HTML, WARC, RSS/Atom; files, folders, globs, gzip,
stdin); the readers it dispatches to are here too.
"""

from qawl.ingest.encoding import decode_bytes
from qawl.ingest.errors import Failure
from qawl.ingest.feed import read_feed
from qawl.ingest.html import html_article
from qawl.ingest.inputs import FORMATS, read_inputs
from qawl.ingest.readers import read_jsonl, read_text_files
from qawl.ingest.warc import read_warc

__all__ = [
    "FORMATS",
    "Failure",
    "decode_bytes",
    "html_article",
    "read_feed",
    "read_inputs",
    "read_jsonl",
    "read_text_files",
    "read_warc",
]
