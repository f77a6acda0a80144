"""The human table: right-to-left cells isolated line by line, columns aligned, TSV off a terminal."""

from __future__ import annotations

import io
from pathlib import Path

from click.testing import CliRunner
from rich.cells import cell_len
from rich.console import Console

from qawl import samples
from qawl.cli import main
from qawl.record import Entity, Quote, Record, SpeakerRef, ViaRef
from qawl.show import PDI, RLI, print_table, rows, write_tsv

TEXT = "نقلت وكالة الإعلام الروسية عن وزير الدفاع الروسي سيرغي شويغو قوله إن روسيا على وشك البدء"


def record() -> Record:
    content = (
        "إن روسيا والولايات المتحدة على وشك البدء في عمل عسكري مشترك في مدينة حلب"
        " منذ 16 يوليو/تموز 2016 (Reuters)"
    )
    return Record(
        id="seed-aleppo-2016",
        text=TEXT,
        entities=[Entity("E1", "PER", "سيرغي شويغو"), Entity("E2", "ORG", "وكالة الإعلام الروسية")],
        quotes=[
            Quote(
                "Q1",
                "direct",
                content,
                0,
                10,
                speaker=SpeakerRef("E1", "شويغو"),
                via=[ViaRef("E2", "الوكالة"), ViaRef(None, "CNN بالعربية")],
            ),
            Quote("Q2", "decline", "", None, None, speaker=SpeakerRef(None, "الخارجية الأمريكية")),
            Quote("Q3", "indirect", "talks are close to an end", 0, 5),
        ],
    )


def render(records: list[Record], width: int = 160) -> list[str]:
    out = io.StringIO()
    print_table(records, Console(file=out, width=width, force_terminal=True, color_system=None))
    return out.getvalue().splitlines()


def test_rows_name_speakers_and_chains_by_entity() -> None:
    got = list(rows([record(), Record(id="empty", text="x")]))
    assert [(r.speaker, r.via, r.type) for r in got] == [
        ("سيرغي شويغو", "وكالة الإعلام الروسية ← CNN بالعربية", "direct"),
        ("الخارجية الأمريكية", "", "decline"),
        ("?", "", "indirect"),
        ("", "", ""),
    ]
    assert got[-1].statement == "(no statements found)"


def test_isolates_are_zero_width_to_rich() -> None:
    assert cell_len(RLI + "حلب" + PDI) == 3


def test_every_table_line_has_its_borders_in_the_same_columns() -> None:
    for width in (160, 90):
        lines = render([record()], width)
        border_columns = set()
        for line in lines:
            if "│" in line:
                border_columns.add(tuple(cell_len(line[:i]) for i, ch in enumerate(line) if ch == "│"))
                assert line.count(RLI) == line.count(PDI)  # no isolate left open across a border
                for cell in line.split("│"):
                    assert cell.count(RLI) == cell.count(PDI)
        assert len(border_columns) == 1, width


def test_arabic_cells_are_isolated_latin_ones_not() -> None:
    text = "\n".join(render([record()]))
    assert RLI + "سيرغي شويغو" + PDI in text
    assert RLI + "seed" not in text
    assert "…" in text  # the long statement is cut to about 80 characters


def test_tsv_has_whole_statements_and_no_marks() -> None:
    out = io.StringIO()
    write_tsv([record(), Record(id="empty", text="x")], out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "article\tspeaker\tvia\twhen\ttype\tstatement"
    assert len(lines) == 4
    assert RLI not in out.getvalue() and "…" not in out.getvalue()


def test_demo_shows_every_sample_article_on_a_terminal(tmp_path: Path) -> None:
    db = str(tmp_path / "demo.db")
    result = CliRunner().invoke(main, ["demo", "--db", db], env={"TTY_COMPATIBLE": "1", "COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    for article in samples.load():
        assert article.id in result.stdout
    assert "Traceback" not in result.output


def test_demo_off_a_terminal_prints_tsv(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["demo", "--db", str(tmp_path / "demo.db")])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "article\tspeaker\tvia\twhen\ttype\tstatement"


def test_demo_says_when_shoigu_spoke_and_stores_the_samples_once(tmp_path: Path) -> None:
    db = str(tmp_path / "demo.db")
    first = CliRunner().invoke(main, ["demo", "--db", db])
    shoigu = [x.split("\t") for x in first.stdout.splitlines() if "شويغو" in x.split("\t")[1]]
    assert shoigu and {row[3] for row in shoigu} == {"2016-08-01"}
    second = CliRunner().invoke(main, ["demo", "--db", db])
    assert second.stdout == first.stdout
    assert f"({len(samples.load())} stored now)" in first.stderr and "(0 stored now)" in second.stderr
