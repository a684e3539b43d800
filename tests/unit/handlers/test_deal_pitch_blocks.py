"""Pitches by role reads the same in English and Chinese: chosen, suggested with why, nothing yet, who heard what."""

from __future__ import annotations

from domain.pitches import Proposition
from handlers.blocks.deal_pitches import role_pitch_blocks
from sandbox.render import render_message
from services.deal_pitches import Listener, RolePitch, Suggestion

COST = Proposition(1, "Three years, a third less", ("TCO down 30% over three years", "Licences per core, on budget"),
                   roles=("economic_buyer",))
INTEGRATION = Proposition(2, "Live on the core in two weeks", ("Standard interfaces, two weeks", "Two-way sync"))
PITCHES = (
    RolePitch("decision_maker", None, ()),
    RolePitch("economic_buyer", None, (Suggestion(COST, ("role", "industry", "wins"), 0.62),),
              (Listener(7, "Wang", ("TCO down 30% over three years",)), Listener(8, "Liu", ()))),
    RolePitch("technical_buyer", INTEGRATION, (), (Listener(9, "Zhao", INTEGRATION.points),)),
)


def _text(locale: str) -> str:
    return render_message({"blocks": [b.to_dict() for b in role_pitch_blocks(PITCHES, 42, locale)]}).text


def test_the_english_section_says_what_each_role_hears_and_why() -> None:
    text = _text("en")
    assert "decision maker: no pitch in the library speaks to this role yet" in text
    assert ("economic buyer: suggested: Three years, a third less · about 6 s (why: role, industry, wins 62%)"
            " · Wang heard 1 of 2, Liu heard 0 of 2") in text, text
    assert "technical buyer: Live on the core in two weeks · about 4 s · Zhao heard 2 of 2" in text, text


def test_the_chinese_section_says_the_same_with_a_choose_pitch_button_for_the_deal() -> None:
    text = _text("zh-CN")
    assert "经济决策者：建议：Three years, a third less · 约 6 秒（理由：角色、行业、赢单率 62%） · Wang 已听 1/2、Liu 已听 0/2" in text
    [section] = [b.to_dict() for b in role_pitch_blocks(PITCHES, 42, "zh-CN")]
    assert (section["accessory"]["text"]["text"], section["accessory"]["value"]) == ("选择价值主张", "42")


def test_a_deal_with_no_pitch_section_shows_nothing() -> None:
    assert role_pitch_blocks((), 42, "en") == []
