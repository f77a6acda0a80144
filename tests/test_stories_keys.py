"""What files a statement so that its other reports find it (qawl.stories.keys)."""

from __future__ import annotations

from datetime import date

from qawl.arabic.words import content_words
from qawl.record import Entity
from qawl.stories.keys import NO_WEEK, SKETCH, keys, near_weeks, sketch, speaker_key, week
from qawl.stories.match import relation

# Two outlets' translations of one tweet (ant2-BB-middleEast-330-20180411, ant2-SK-middleEast-936-20180411)
TWEET_BBC = (
    "روسيا تتعهد بإسقاط أي وجميع الصواريخ التي تُطلق على سوريا. "
    "استعدي يا روسيا، لأنها ستأتي وستكون جميلة وجديدة وذكية"
)
TWEET_SKY = (
    "روسيا تتعهد بإسقاط أي صاروخ يطلق على سوريا. استعدي يا روسيا لأن الصواريخ قادمة.. لطيفة وجديدة وذكية"
)


def test_a_speaker_is_known_by_the_entity_base_id_else_by_name() -> None:
    assert speaker_key(Entity("E1", "PER", "دونالد ترامب", kb_id="qawl:208")) == "kb:qawl:208"
    assert speaker_key(Entity("E1", "PER", "دونالد ترامب")) == "name:دونالد ترامب"
    assert speaker_key(Entity("E1", "ORG", "للخارجية الأمريكية")) == speaker_key(
        Entity("E2", "ORG", "الخارجية الأمريكية")
    )


def test_unnamed_sources_and_unknown_speakers_are_not_filed() -> None:
    assert speaker_key(None) is None
    assert speaker_key(Entity("E1", "MISC", "مصدر أمني")) is None
    assert speaker_key(Entity("E1", "LOC", "حلب")) is None


def test_weeks() -> None:
    assert week("2018-04-11") == date(2018, 4, 11).toordinal() // 7
    assert week("2018-04") == NO_WEEK and week(None) == NO_WEEK and week("2018-02-30") == NO_WEEK
    assert near_weeks(100) == (99, 100, 101)
    assert near_weeks(NO_WEEK) == (NO_WEEK,)


def test_keys_depend_on_speaker_words_and_week_only() -> None:
    minima = sketch(content_words(TWEET_BBC))
    assert len(minima) == SKETCH
    assert sketch(list(reversed(content_words(TWEET_BBC)))) == minima  # a set of words
    one = keys("kb:qawl:208", minima, 2500)
    assert one == keys("kb:qawl:208", minima, 2500)
    assert not set(one) & set(keys("kb:qawl:9", minima, 2500))
    assert not set(one) & set(keys("kb:qawl:208", minima, 2501))
    assert all(-(2**63) <= k < 2**63 for k in one)  # a signed 64-bit column holds them


def test_two_translations_of_one_tweet_meet_on_a_key() -> None:
    bbc, sky = content_words(TWEET_BBC), content_words(TWEET_SKY)
    assert relation(bbc, sky) is not None
    week_ = week("2018-04-11")
    assert set(keys("kb:qawl:208", sketch(bbc), week_)) & set(keys("kb:qawl:208", sketch(sky), week_))
