"""Records for people: a table of who said what via whom, or TSV when not on a terminal.

Terminals lay text out left to right, cell by cell. An Arabic cell rendered
there with no care lets its right-to-left runs, digits and Latin words reorder
across the column borders in terminals that apply the bidi algorithm. Each
rendered line of a right-to-left cell is therefore wrapped in its own RIGHT-TO-LEFT
ISOLATE … POP DIRECTIONAL ISOLATE pair (zero width: rich measures it as 0 cells),
so the reordering stays inside the cell, and a cell wrapped onto several lines
never leaves an isolate open at the end of a row.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO

from rich.cells import cell_len, set_cell_size
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from qawl.record import VIA_SEPARATOR, Record

RLI = "\u2067"  # RIGHT-TO-LEFT ISOLATE
PDI = "\u2069"  # POP DIRECTIONAL ISOLATE
COLUMNS = ("article", "speaker", "via", "when", "type", "statement")
STATEMENT_WIDTH = 80
NAME_WIDTH = 26  # speaker and via columns wrap beyond this
TYPE_WIDTH = len("indirect")
WHEN_WIDTH = len("2016-08-01")
CELL_PADDING = 2
TABLE_FRAME = len(COLUMNS) * CELL_PADDING + len(COLUMNS) + 1
UNKNOWN_SPEAKER = "?"
NONE_FOUND = "(no statements found)"
DECLINED = "(declined to comment)"


@dataclass(frozen=True, slots=True)
class Row:
    article: str
    speaker: str
    via: str
    when: str  # the day the statement was made, when the text says
    type: str
    statement: str


def rows(records: Iterable[Record], *, say_none: bool = True) -> Iterator[Row]:
    """One row per statement; with ``say_none`` an article with none gets a row saying so."""
    for record in records:
        if say_none and not record.quotes:
            yield Row(record.id, "", "", "", "", NONE_FOUND)
        for quote in record.quotes:
            speaker = _name(record, quote.speaker.entity, quote.speaker.text) if quote.speaker else None
            via = VIA_SEPARATOR.join(_name(record, v.entity, v.text) for v in quote.via)
            statement = quote.text if quote.type != "decline" else DECLINED
            when = quote.date.value if quote.date else ""
            yield Row(record.id, speaker or UNKNOWN_SPEAKER, via, when, quote.type, _one_line(statement))


def print_table(records: Iterable[Record], console: Console, *, title: str | None = None) -> None:
    """The records as a rich table, right-to-left cells isolated."""
    records = list(records)
    table = Table(title=title, show_lines=False, expand=False)
    for column, width in column_widths(console.width).items():
        table.add_column(column, overflow="fold", max_width=width + CELL_PADDING)
    previous = None
    for row in rows(records):
        if previous is not None and row.article != previous:
            table.add_section()
        style = "dim" if row.statement == NONE_FOUND else ""
        table.add_row(
            Isolated(row.article if row.article != previous else ""),
            Isolated(row.speaker),
            Isolated(row.via),
            row.when,
            row.type,
            Isolated(row.statement, style=style, single_line=True),
        )
        previous = row.article
    n_statements = sum(len(r.quotes) for r in records)
    table.caption = f"{_count(n_statements, 'statement')} in {_count(len(records), 'article')}"
    console.print(table)


def column_widths(total: int) -> dict[str, int]:
    """Widest content per column on a terminal ``total`` cells wide: half of the room to the statement."""
    room = max(total - TABLE_FRAME - TYPE_WIDTH - WHEN_WIDTH, 40)
    statement = min(STATEMENT_WIDTH, room // 2)
    name = min(NAME_WIDTH, (room - statement) // 3)
    article = room - statement - 2 * name
    return {
        "article": article,
        "speaker": name,
        "via": name,
        "when": WHEN_WIDTH,
        "type": TYPE_WIDTH,
        "statement": statement,
    }


def write_tsv(records: Iterable[Record], out: IO[str]) -> None:
    """A header and one tab-separated line per statement (whole, no direction marks): for pipes and files."""
    out.write("\t".join(COLUMNS) + "\n")
    for row in rows(records, say_none=False):
        fields = (row.article, row.speaker, row.via, row.when, row.type, row.statement)
        out.write("\t".join(_tsv_field(v) for v in fields) + "\n")


def show(records: Iterable[Record], out: IO[str], *, plain: bool = False, title: str | None = None) -> None:
    """The table on a terminal, TSV otherwise (or when ``plain``)."""
    console = Console(file=out, highlight=False)
    if plain or not console.is_terminal:
        write_tsv(records, out)
    else:
        print_table(records, console, title=title)


class Isolated:
    """A cell whose every rendered line sits in its own right-to-left isolate when it holds RTL text.

    ``single_line`` cells are cut to the column's width (after a whole word, with "…") instead of wrapped.
    """

    def __init__(self, text: str, style: str = "", *, single_line: bool = False) -> None:
        self.text = Text(text, style=style)
        self.rtl = is_rtl(text)
        self.single_line = single_line

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.text)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        if self.single_line:
            lines = [Text(_truncate(self.text.plain, width), style=self.text.style)]
        else:
            lines = list(self.text.wrap(console, width, overflow="fold"))
        for line in lines:
            if self.rtl:
                yield Segment(RLI)
            yield from line.render(console)
            if self.rtl:
                yield Segment(PDI)
            yield Segment.line()


def is_rtl(text: str) -> bool:
    """Whether the text holds any right-to-left letter (Arabic, Hebrew, Syriac, Thaana…)."""
    return any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text)


def _name(record: Record, entity_id: str | None, text: str) -> str:
    entity = record.entity(entity_id) if entity_id else None
    return entity.name if entity and entity.name else text


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _truncate(text: str, width: int) -> str:
    """At most ``width`` cells, cut after a whole word where one ends in the last quarter, then "…"."""
    if cell_len(text) <= width:
        return text
    cut = set_cell_size(text, width - 1)
    space = cut.rfind(" ")
    if space > width * 3 // 4:
        cut = cut[:space]
    return cut.rstrip() + "…"


def _tsv_field(value: str) -> str:
    return value.replace("\t", " ").replace("\n", " ")
