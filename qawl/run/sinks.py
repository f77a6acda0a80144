"""Where a batch's records go: JSON Lines (a stream or a file) or Parquet parts in a folder
(one row a statement, the layout of ``qawl export --format parquet``), and its failures as
JSON Lines beside them. Records arrive in input order and are written as they arrive: as
records, or as what the sink's ``encode`` made of them where they were analysed (Encoded).
"""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path
from typing import Any, TextIO

from qawl.arabic.translation import Translation
from qawl.ingest.readers import Failure
from qawl.record import FORMAT, Record
from qawl.run.pool import Closing, Encoded, Encoder

PART_SIZE = 1000  # records a Parquet part
# Line breaks other than \n that JSON leaves unescaped in strings: a reader splitting lines the Unicode
# way (Python's str.splitlines, JavaScript before ES2019) would cut a record there. Escaped, they are the
# same JSON. Escaped by the normalisation's compiled str.translate (str.translate itself took three
# times as long as writing the JSON: 0.37 against 0.12 ms a record of ANT's first 1,000 articles).
LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})
_ESCAPE_LINE_BREAKS = Translation(LINE_BREAKS)
FAILURES = "_failures.jsonl"  # "_": readers of a folder of parts (pyarrow, pandas, Spark) pass it by


class Sink(Closing):
    encode: Encoder  # a record -> what this sink writes of it: pure and picklable, for the workers

    def write(self, record: Record | Encoded) -> None:
        """Write a record, or what ``encode`` made of one."""
        self.write_encoded(record.payload if isinstance(record, Encoded) else self.encode(record))

    def write_encoded(self, payload: Any) -> None:
        raise NotImplementedError


def json_line(record: Record, format: str = FORMAT) -> str:
    """A record as a line of JSON Lines (``format``: qawl/2 or qawl/1), its newline included."""
    return _ESCAPE_LINE_BREAKS(record.to_jsonl(format)) + "\n"


def parquet_rows(record: Record) -> list[dict[str, object]]:
    """A record's rows of a Parquet part: one a statement."""
    from qawl.store.export import record_rows  # the store's modules load where Parquet is asked for

    return record_rows(record)


class JsonLines(Sink):
    """One record a line (``format``: qawl/2 or qawl/1), UTF-8, Arabic unescaped; a path is
    opened (and closed) here."""

    def __init__(self, out: TextIO | Path, format: str = FORMAT) -> None:
        self.format = format
        self.encode = partial(json_line, format=format)
        self._own = isinstance(out, Path)
        self.stream: TextIO = out.open("w", encoding="utf-8") if isinstance(out, Path) else out

    def write_encoded(self, payload: str) -> None:
        self.stream.write(payload)

    def close(self) -> None:
        if self._own:
            self.stream.close()
        else:
            self.stream.flush()


class ParquetParts(Sink):
    """``part-00000.parquet``, ``part-00001.parquet``, … in ``folder``, each holding the statements
    of ``part_size`` records (the last part fewer), so that a reader may take the folder as one
    data set (``pyarrow.parquet.read_table(folder)``). A part is written under a hidden name and
    renamed when whole: a folder read during a run never shows half a part."""

    def __init__(self, folder: Path, part_size: int = PART_SIZE) -> None:
        if folder.exists() and not folder.is_dir():
            raise FileExistsError(f"{folder} is a file, not a folder")
        if any(folder.glob("part-*.parquet")):
            raise FileExistsError(f"{folder} already holds Parquet parts")
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.encode = parquet_rows
        self.part_size = part_size
        self.parts = 0
        self._rows: list[dict[str, object]] = []
        self._records = 0

    def write_encoded(self, payload: list[dict[str, object]]) -> None:
        self._rows.extend(payload)
        self._records += 1
        if self._records >= self.part_size:
            self._flush()

    def close(self) -> None:
        if self._records or not self.parts:  # no records at all: one empty part, for its schema
            self._flush()

    def _flush(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        from qawl.store.export import statement_schema

        name = f"part-{self.parts:05d}.parquet"
        partial = self.folder / f".{name}.partial"
        pq.write_table(pa.Table.from_pylist(self._rows, schema=statement_schema()), partial)
        partial.replace(self.folder / name)
        self.parts += 1
        self._rows, self._records = [], 0


class FailureLog:
    """``{"input", "reason"}`` a line for every input that gave no record."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.stream = path.open("w", encoding="utf-8")

    def write(self, failure: Failure) -> None:
        self.stream.write(json.dumps({"input": failure.input, "reason": failure.reason}, ensure_ascii=False))
        self.stream.write("\n")
        self.stream.flush()

    def close(self) -> None:
        self.stream.close()
