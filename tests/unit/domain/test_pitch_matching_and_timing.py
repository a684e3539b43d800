"""Which library point a pitched phrase is, which point an old wording is after an edit, and how long
numbers, long words, full-width text, kana and hangul take to say."""

from __future__ import annotations

from domain.pitch_library import check_pitch
from domain.pitches import Proposition, matching_point, spoken_length, worded_now

TCO = Proposition(1, "CFO 降本", ("三年总拥有成本降低30%", "按用量付费"), roles=("economic_buyer",))
CONTROL = Proposition(2, "成本可控", ("成本可控", "按月结算"))
CLEAR = Proposition(3, "成本透明", ("成本透明可控", "两周上线"))


def test_a_single_word_of_a_point_is_not_that_point():
    assert matching_point("成本", [TCO]) is None


def test_a_phrase_is_the_library_point_it_says_whole_not_the_first_one_it_resembles():
    assert matching_point("成本透明可控", [TCO, CONTROL, CLEAR]) == (CLEAR, "成本透明可控")
    assert matching_point("成本可控", [TCO, CLEAR, CONTROL]) == (CONTROL, "成本可控")


def test_a_point_two_pitches_share_is_counted_for_the_one_chosen_for_the_deal():
    fast = Proposition(4, "快速上线", ("两周上线", "本地团队支持"))
    assert matching_point("两周就能上线", [CLEAR, fast]) == (CLEAR, "两周上线")
    assert matching_point("两周就能上线", [CLEAR, fast], prefer={4}) == (fast, "两周上线")


def test_an_old_wording_is_the_point_it_became_after_an_edit():
    edited = Proposition(3, "成本透明", ("成本透明可控", "两周内上线"))
    assert worded_now("两周上线", edited) == "两周内上线"
    assert worded_now("成本透明可控", edited) == "成本透明可控"
    assert worded_now("免费试点", edited) is None


def test_full_width_digits_take_as_long_as_ascii_ones():
    assert spoken_length(["降低３０％，" * 10]) == spoken_length(["降低30%，" * 10])
    assert spoken_length(["降低３０％，" * 10]).seconds == 9  # 20 characters and 10 numbers of two digits


def test_kana_and_hangul_are_timed_like_chinese_characters():
    assert spoken_length(["クラウドでコストをさんわりへらします" * 2]).seconds == 9  # 36 kana at 4 a second
    assert spoken_length(["비용을 삼십 퍼센트 절감합니다 " * 3]).seconds == 10  # 39 syllables


def test_a_long_number_or_a_long_word_takes_longer_than_a_short_word():
    assert spoken_length(["1,000,000 " * 20]).seconds == 28  # 7 digits: 3.5 words each, 70 words at 2.5 a second
    assert spoken_length(["99.99% " * 10]).seconds == 8  # 4 digits: 2 words each
    assert spoken_length(["7x24 " * 10]).seconds == 7  # 3 digits and a letter: about 1.6 words each
    assert spoken_length(["supercalifragilistics " * 10]).seconds == 12  # 20 letters: about 3 words each
    assert spoken_length(["cut " * 20]).seconds == 8


def test_a_point_of_emoji_alone_is_refused_on_its_field():
    problems = check_pitch("快", ["🚀🚀🚀", "两周上线", "💰！"])
    assert [(p.field, p.code) for p in problems] == [("point_1", "nothing_to_say"), ("point_3", "nothing_to_say")]
    assert check_pitch("快", ["🚀 两周上线", "成本降低30%"]) == ()
