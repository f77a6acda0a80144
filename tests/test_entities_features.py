"""Token features for the entity tagger: word, clitics, affixes, shape, neighbours, word lists, counts."""

from pathlib import Path

from entities_fixture import CONLL, GAZETTEER, resources, sentences

from qawl.doc import Doc
from qawl.entities.features import Gazetteer, Resources, analyse, count_words, sentence_features
from qawl.entities.names import train as train_names
from tests.store_data import dev_articles

WORDS = "وقال وزير الدفاع الروسي سيرغي شويغو إن القوات فتحت ممرات بحلب 2016 .".split()


def feats(i: int) -> list[str]:
    return sentence_features(WORDS, resources())[i]


def test_word_clitics_affixes_and_shape() -> None:
    assert analyse("بحلب") == ("بحلب", "ب", "حلب", "", "بحلب")  # folded, prefix, stem, suffix, head
    assert analyse("والولايات") == ("والولايات", "وال", "ولايات", "", "ولايات")
    f = feats(10)
    assert {"w=بحلب", "p=ب", "s=حلب", "x=", "s<ح", "s<حل", "s>لب", "shape=arabic"} <= set(f)
    assert "shape=digit" in feats(11) and "shape=punct" in feats(12)
    assert "p=وال" not in feats(0) and "p=و" in feats(0)  # وقال: the conjunction split off


def test_neighbours_two_each_side_and_sentence_edges() -> None:
    f = feats(4)  # سيرغي
    assert {"-2w=الدفاع", "-1w=الروسي", "1w=شويغو", "2w=ان", "-1s=روسي", "w-1w=الروسي|سيرغي"} <= set(f)
    assert "-1w=<s>" in feats(0) and "1w=</s>" in feats(12)


def test_word_lists_gazetteer_contexts_and_counts() -> None:
    assert "lex=title" in feats(1)  # وزير, from qawl/entities/data/titles.txt
    assert "1lex=title" in feats(0)
    in_aleppo = sentence_features(["في", "حلب"], resources())
    assert "gaz=B-L" in in_aleppo[1] and "1gaz=B-L" in in_aleppo[0]  # looked up by head (no article)
    assert "gaz=B-L" in feats(10)  # بحلب: found by its stem, the bare ب split off
    assert "lex=country" in sentence_features(["وروسيا"], resources())[0]
    assert {"cl=وقال", "cr=:"} <= set(feats(5))  # شويغو's typical neighbours
    assert "-1cl=وقال" in feats(6)
    assert "nw_PER=hi" in feats(5) and "nw_n=1" in feats(5)  # seen once, as a person
    assert "nw=unseen" in feats(7)


def test_gazetteer_prefers_the_longest_entry() -> None:
    gaz = Gazetteer.parse(GAZETTEER + "جون\tP\n")
    assert gaz.marks(["قال", "جون", "كيري", "و", "جون"]) == ["", "B-P", "I-P", "", "B-P"]


def test_counts_in_memory_equal_the_name_word_model(tmp_path: Path) -> None:
    path = tmp_path / "tagged.txt"
    path.write_text(CONLL, encoding="utf-8")
    assert count_words(sentences()) == train_names([path])


def test_clusters_stand_in_for_words_never_seen_tagged() -> None:
    f = sentence_features(["في", "ادلب", "حلب"], resources())
    assert {"c0=0", "c1=5", "c2=17"} <= set(f[1])  # ادلب: unseen in training, clustered with حلب
    assert not any(x.startswith("c") and x[1].isdigit() for x in f[2])  # حلب: its counts speak
    assert "c=none" in sentence_features(["زمبابوي"], resources())[0]  # unseen and unclustered


def test_name_evidence_from_letters_name_lists_and_the_tagged_corpus() -> None:
    f = feats(5)  # شويغو: its letters look like a name's, a people's-names list holds it
    assert "nl=hi" in f and "pn=1" in f
    assert "nl=neg" in feats(7)  # القوات: an ordinary word's letters
    assert "pn=10" in feats(4)  # سيرغي, in twelve names
    assert "-1pn=10" in f  # and its neighbour's evidence
    daesh = sentence_features(["تنظيم", "داعش"], resources())[1]
    assert {"ac_ORG=hi", "ac_n=100"} <= set(daesh)  # the first stage read it as an ORG, 50 times in 10-99
    assert "ac=none" in feats(5)  # a word the tagged corpus never held


def test_an_entry_of_several_types_marks_each_type() -> None:
    gaz = Gazetteer.parse("الامم المتحده\tLO\nالامم\tO\nمجلس الامن الدولي\tO\n")
    words = ["مجلس", "الامن", "الدولي", "في", "الامم", "المتحده", "و", "الامم"]
    assert gaz.marks(words) == ["B-O", "I-O", "I-O", "", "B-L B-O", "I-L I-O", "", "B-O"]


def test_gazetteer_marks_are_the_longest_entries_of_the_shipped_list_on_dev_sentences() -> None:
    """The marks equal trying every length at every word, longest first (the search tries only
    the lengths of entries that begin with the word)."""
    gaz = Resources.beside(None).gazetteer
    compared = 0
    for article in dev_articles(20):
        doc = Doc.from_text(article.text)
        for a, b in doc.sentences:
            heads = [t.head for t in doc.tokens[a:b]]
            expected = [""] * len(heads)
            i = 0
            while i < len(heads):
                lengths = range(min(gaz.longest, len(heads) - i), 0, -1)
                k = next((k for k in lengths if tuple(heads[i : i + k]) in gaz.entries), 0)
                types = gaz.entries.get(tuple(heads[i : i + k]), "")
                for j in range(i, i + k):
                    expected[j] = " ".join(("B-" if j == i else "I-") + t for t in types)
                i += max(k, 1)
            assert gaz.marks(heads) == expected
            compared += sum(map(bool, expected))
    assert compared > 50


def test_a_search_for_longer_entries_finds_only_those_and_lets_them_cover_the_words_after() -> None:
    """``least=2`` from the words that begin a longer entry: the marks of the entries of two
    words or more, as the whole search finds them (a word inside one is not searched from)."""
    gaz = Gazetteer.parse("الامم المتحده\tLO\nالامم\tO\nمجلس الامن الدولي\tO\nالامن\tO\n")
    words = ["مجلس", "الامن", "الدولي", "في", "الامم", "المتحده", "و", "الامم", "الامن"]
    every = gaz.found(words, [i for i, w in enumerate(words) if w in gaz.firsts])
    longer = gaz.found(words, [i for i, w in enumerate(words) if gaz.reach.get(w, 0) > 1], least=2)
    assert longer == {0: "B-O", 1: "I-O", 2: "I-O", 4: "B-L B-O", 5: "I-L I-O"}
    assert longer.items() <= every.items() and every[7] == every[8] == "B-O"  # one word each: not longer
