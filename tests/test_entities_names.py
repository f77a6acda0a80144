"""The name-word model: trained from "token TAG" lines, written, read back, reproducible."""

from pathlib import Path

from click.testing import CliRunner

from qawl.arabic.normalise import fold
from qawl.cli import main
from qawl.entities.names import name_words, parse, train, write

# Tagged words in ANERcorp's format, from sentences of the seed article and the dev set.
CONLL = """\
وقالت O
مديرة O
المكتب O
الصحفي O
إليزابيث B-PERS
ترودو I-PERS
إن O
وزير O
الدفاع O
الروسي O
سيرغي B-PERS
شويغو I-PERS
قال O
إن O
روسيا B-LOC
والولايات B-LOC
المتحدة I-LOC
على O
وشك O
عمل O
عسكري O
في O
حلب B-LOC
في O
عمل O
عسكري O
في O
"""


def _fixture(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.txt"
    path.write_text(CONLL, encoding="utf-8")
    return path


def test_names_train_counts_tags_per_word(tmp_path):
    counts = train([_fixture(tmp_path)])
    assert counts[fold("شويغو")] == (1, 0, 0, 0)
    assert counts[fold("حلب")] == (0, 0, 1, 0)
    assert counts[fold("في")] == (0, 0, 0, 3)  # an ordinary word, seen often enough to keep
    assert fold("عسكري") not in counts  # untagged and seen twice only: not kept


def test_names_round_trip_gives_the_same_model(tmp_path):
    counts = train([_fixture(tmp_path)])
    out = tmp_path / "model.tsv"
    write(counts, out, "tiny.txt")
    model = parse(out.read_text(encoding="utf-8"))
    assert model.counts == counts
    assert model.per_ratio(fold("شويغو")) == 1.0
    assert model.per_ratio(fold("غيرموجودة")) is None


def test_train_names_command_is_reproducible(tmp_path):
    runner = CliRunner()
    a, b = tmp_path / "a.tsv", tmp_path / "b.tsv"
    conll = str(_fixture(tmp_path))
    for out in (a, b):
        result = runner.invoke(main, ["train", "names", "--anercorp", conll, "--out", str(out)])
        assert result.exit_code == 0, result.output
    assert a.read_bytes() == b.read_bytes()


def test_shipped_model_tells_names_from_ordinary_words():
    model = name_words()
    assert model.is_name_part(fold("محمد"))  # tagged as a person in ANERcorp
    assert model.is_name_part(fold("شويغو"))  # never seen: may be a name
    assert model.is_common(fold("عدم")) and not model.is_name_part(fold("عدم"))
