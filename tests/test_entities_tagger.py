"""The entity tagger: trained on a small slice, saved, loaded, the same predictions; the
shipped model on a sentence of the seed article."""

from pathlib import Path

from click.testing import CliRunner
from entities_fixture import (
    BODIES,
    CLUSTERS,
    CONTEXTS,
    CORPUS,
    GAZETTEER,
    LETTERS,
    NAMES,
    resources,
    sentences,
)

from qawl.cli import main
from qawl.entities.conll import spans
from qawl.entities.features import artefact
from qawl.entities.tagger import Tagger, _well_formed, normalise_tag, train

SEED = "وقالت مديرة المكتب الصحفي في الخارجية الأمريكية إليزابيث ترودو".split()


def _train(path: Path) -> None:
    train(sentences(), path, c1=0.0, c2=0.01, max_iterations=50, seed=1, base=resources(), folds=2)
    artefact(path, "gazetteer").write_text(GAZETTEER, encoding="utf-8")
    artefact(path, "contexts").write_text(CONTEXTS, encoding="utf-8")
    artefact(path, "clusters").write_text(CLUSTERS, encoding="utf-8")
    artefact(path, "names").write_text(NAMES, encoding="utf-8")
    artefact(path, "letters").write_text(LETTERS, encoding="utf-8")
    artefact(path, "corpus").write_text(CORPUS, encoding="utf-8")
    artefact(path, "bodies").write_text(BODIES, encoding="utf-8")


def test_train_save_load_same_predictions_and_same_file(tmp_path: Path) -> None:
    a, b = tmp_path / "a.crfsuite", tmp_path / "b.crfsuite"
    _train(a)
    _train(b)
    assert a.read_bytes() == b.read_bytes()
    words = [[w for w, _ in s] for s in sentences()]
    tagged = [Tagger.load(a).tag(s) for s in words]
    assert tagged == [Tagger.load(b).tag(s) for s in words]
    assert Tagger.load(a) is Tagger.load(str(a))  # loaded once per process
    gold = [[normalise_tag(t) for _, t in s] for s in sentences()]
    assert sum(g == p for g, p in zip(gold, tagged, strict=True)) >= 3  # it learned its own data


def test_tags_map_to_qawls_types() -> None:
    assert [normalise_tag(t) for t in ("B-PERS", "I-PERS", "B-MIS", "i-loc", "O", "B-DATE", "X")] == [
        "B-PER",
        "I-PER",
        "B-MISC",
        "I-LOC",
        "O",
        "O",
        "O",
    ]


def test_an_entity_never_begins_with_i() -> None:
    assert _well_formed(["I-LOC", "O", "I-PER", "I-PER", "I-ORG"]) == [
        "B-LOC",
        "O",
        "B-PER",
        "I-PER",
        "B-ORG",
    ]


def test_shipped_model_finds_the_spokesperson() -> None:
    tags = Tagger.load().tag(SEED)
    assert (7, 9, "PER") in spans(tags)
    assert Tagger.load().tag([]) == []


def test_cli_ner_conll_writes_token_gold_pred(tmp_path: Path) -> None:
    path = tmp_path / "in.txt"
    path.write_text(
        "\n".join(f"{w} {'B-PERS' if w == 'إليزابيث' else 'O'}" for w in SEED) + "\n\nحلب B-LOC\n"
    )
    result = CliRunner().invoke(main, ["ner", "--conll", str(path)])
    assert result.exit_code == 0, result.output
    lines = result.output.split("\n")
    assert lines[7] == "إليزابيث B-PER B-PER" and lines[8] == "ترودو O I-PER"
    assert lines[9] == "" and lines[10].startswith("حلب B-LOC ")
