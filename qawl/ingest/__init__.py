"""Ingest: source files in, Articles (or the reason an input was skipped) out."""

from qawl.ingest.readers import Failure, read_jsonl, read_text_files

__all__ = ["Failure", "read_jsonl", "read_text_files"]
