"""The person card shows trust as four bars, the stage they suggest, what would raise the weakest, and the rhythm."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from domain.entities import Contact
from domain.trust import TrustScores
from handlers.blocks.person_card import person_card_blocks, profile_values, rhythm_error
from handlers.blocks.trust_bars import trust_bar
from sandbox.render import render_message
from services.people import HeardPoint, PersonProfile

LI_NA = Contact(7, "李娜", account_id=1, account_name="北辰银行", title="CTO", importance=5, trust_stage="familiar")
# Touched often, one expert talk short of full professionalism, never met alone, known about a year.
SCORES = TrustScores(frequency=100, professionalism=50, depth=0, length=58)


def _card(locale: str, contact: Contact = LI_NA, scores: TrustScores = SCORES) -> str:
    profile = PersonProfile(contact, (), "medium", None, scores)
    return render_message({"blocks": person_card_blocks(profile, locale)}).text


def test_a_bar_has_ten_cells_empty_at_0_half_full_at_50_and_full_at_100() -> None:
    assert trust_bar(0) == "░░░░░░░░░░"
    assert trust_bar(50) == "▓▓▓▓▓░░░░░"
    assert trust_bar(100) == "▓▓▓▓▓▓▓▓▓▓"


def test_the_chinese_card_shows_a_bar_per_dimension_and_the_overall_score() -> None:
    card = _card("zh-CN")
    assert "信任度：综合 54" in card
    for line in ("接触频度 ▓▓▓▓▓▓▓▓▓▓ 100", "专业度 ▓▓▓▓▓░░░░░ 50", "交往深度 ░░░░░░░░░░ 0",
                 "交往年限 ▓▓▓▓▓▓░░░░ 58"):
        assert line in card.splitlines()


def test_the_english_card_shows_the_same_bars_with_english_names() -> None:
    card = _card("en")
    assert "Trust: overall 54" in card
    for line in ("frequency ▓▓▓▓▓▓▓▓▓▓ 100", "professionalism ▓▓▓▓▓░░░░░ 50", "depth ░░░░░░░░░░ 0",
                 "length of the relationship ▓▓▓▓▓▓░░░░ 58"):
        assert line in card.splitlines()


def test_the_card_suggests_a_stage_with_the_reps_role_and_says_the_profile_records_another() -> None:
    assert "建议阶段：信任（顾问），档案中记录的仍是熟悉" in _card("zh-CN")
    assert "Suggested stage: trusted (consultant); the profile still records familiar" in _card("en")


def test_a_suggested_stage_that_matches_the_profile_is_just_stated() -> None:
    confident = Contact(7, "李娜", trust_stage="confident")
    scores = TrustScores(frequency=80, professionalism=60, depth=70, length=40)
    zh, en = _card("zh-CN", confident, scores), _card("en", confident, scores)
    assert "建议阶段：相信（朋友）" in zh and "档案中记录" not in zh
    assert "Suggested stage: confident (friend)" in en and "still records" not in en


def test_the_card_says_what_would_raise_the_weakest_dimension_in_both_languages() -> None:
    assert "最薄弱的一环：交往深度。建议约一次单独的午餐或喝茶。" in _card("zh-CN")
    assert "Weakest: depth. To raise it, ask for a one-to-one lunch or coffee." in _card("en")


def test_the_card_says_the_rhythm_in_force_is_the_default_until_the_rep_sets_their_own() -> None:
    assert "联系节奏: 每 14 天（默认）" in _card("zh-CN")
    assert "Keep in touch: every 14 days (default)" in _card("en")
    own = replace(LI_NA, cadence_days=60)
    assert "联系节奏: 每 60 天（自定）" in _card("zh-CN", own)
    assert "Keep in touch: every 60 days (your own)" in _card("en", own)


def test_a_rhythm_out_of_range_is_an_error_on_its_field_and_an_empty_one_is_none() -> None:
    def typed(text: str) -> dict[str, dict[str, dict[str, str]]]:
        return {"profile:cadence_days": {"value": {"value": text}}}

    assert rhythm_error(typed("0"), "en") == {
        "profile:cadence_days": "Enter a whole number of days from 1 to 365, or leave it empty for the default"}
    assert rhythm_error(typed(""), "en") == {} and rhythm_error(typed("90"), "zh-CN") == {}
    assert profile_values(typed("90"))["cadence_days"] == 90 and profile_values(typed(""))["cadence_days"] is None


def test_the_english_card_says_what_they_heard_from_us_under_each_proposition_and_nothing_when_nothing() -> None:
    heard = (HeardPoint("30% lower total cost", "Lean and local", 2, ("call", "meeting"), date(2026, 12, 10)),
             HeardPoint("free pilot", None, 1, ("email",), date(2026, 12, 1)))
    profile = PersonProfile(LI_NA, (), "medium", None, SCORES, heard=heard)
    card = render_message({"blocks": person_card_blocks(profile, "en")}).text.splitlines()
    start = card.index("Heard from us")
    assert card[start + 1:start + 5] == ["Lean and local", "• 30% lower total cost — heard 2×, last 2026-12-10 (call, meeting)",
                                         "Not in the library", "• free pilot — heard 1×, last 2026-12-01 (email)"]
    assert "No pitched point recorded yet" in _card("en")
