"""Tagged sentences in ANERcorp's format for the entity tagger's tests (from the seed article
and news like it), and the small word lists the features look up."""

from qawl.entities.features import (
    Gazetteer,
    Resources,
    count_words,
    parse_bodies,
    parse_clusters,
    parse_contexts,
    parse_corpus,
    parse_letters,
    parse_names,
)
from qawl.entities.train import read_conll

CONLL = """\
وقالت O
مديرة O
المكتب O
الصحفي O
في O
الخارجية B-ORG
الأمريكية I-ORG
إليزابيث B-PERS
ترودو I-PERS
إن O
روسيا B-LOC
لم O
تقدم O
دليلا O
. O

وقال O
وزير O
الدفاع O
الروسي O
سيرغي B-PERS
شويغو I-PERS
إن O
القوات O
فتحت O
ممرات O
في O
حلب B-LOC
. O

ونقلت O
وكالة B-ORG
إنترفاكس I-ORG
عن O
الرئيس O
فلاديمير B-PERS
بوتين I-PERS
قوله O
إن O
سوريا B-LOC
تحتاج O
إلى O
حل O
. O

وأعلن O
الاتحاد B-ORG
الأوروبي I-ORG
في O
بروكسل B-LOC
أن O
مؤتمر B-MISC
جنيف I-MISC
سيعقد O
في O
سويسرا B-LOC
. O
"""

GAZETTEER = "# test\nحلب\tL\nجون كيري\tP\nروسيا\tL\n"
CLUSTERS = "# test\nحلب\t0 5 17\nادلب\t0 5 17\nروسيا\t1 6 20\nبوتين\t2 7 30\n"
CONTEXTS = "# test\nشويغو\tوقال عن\t: ان\nحلب\tمدينه مثل\tالسوريه\n"
NAMES = "# test\nسيرغي\t12\nشويغو\t1\nترودو\t4\n"
LETTERS = "# test\n<ش\t0.9\n<شو\t6.0\nغو>\t9.0\nو>\t3.0\nقو\t-1.5\nات\t-1.2\n<ال\t-9.0\n"
BODIES = "# test\nداعش\t751\t2021\n"
CORPUS = "# test\nداعش\t0\t40\t0\t0\t10\nقوات\t0\t1\t0\t0\t99\n"


def sentences() -> list[list[tuple[str, str]]]:
    return read_conll(CONLL)


def resources() -> Resources:
    return Resources(
        count_words(sentences()),
        Gazetteer.parse(GAZETTEER),
        parse_contexts(CONTEXTS),
        parse_clusters(CLUSTERS),
        parse_names(NAMES),
        parse_letters(LETTERS),
        parse_corpus(CORPUS),
        parse_bodies(BODIES),
    )
