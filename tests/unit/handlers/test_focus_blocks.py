"""The focus list reads the same in Chinese and English: each deal's score in parts, its top factor, the caveats."""

from __future__ import annotations

from datetime import date

from domain.entities import Deal
from domain.focus import Candidate, Focus
from domain.scoring import Factor, Ranked
from handlers.blocks.focus import focus_blocks
from sandbox.render import render_message
from services.focus import FocusView

DEAL = Deal(9, "数据中台二期", 1, amount=3_500_000, currency="CNY", close_on=date(2027, 2, 20))
FACTOR = Factor("award_method", "open_tender", 12.4)
RANKED = Ranked(Candidate(DEAL, "北辰银行", 0.64, FACTOR), 0.64, 0.71, 0.64 * 3_500_000 * 0.71)


def _text(view: Focus, locale: str, scope: str = "own", rep: str | None = None) -> str:
    return render_message({"blocks": focus_blocks(FocusView(scope, rep, view), locale)}).text


def test_the_chinese_list_shows_the_score_as_probability_times_amount_times_timing() -> None:
    text = _text(Focus((RANKED,), False, False, 3), "zh-CN")
    assert "本周最值得投入的商机" in text and "1. 数据中台二期 · 北辰银行" in text
    assert "赢单概率 64% · 3,500,000 CNY · 预计签约 2027-02-20" in text
    assert "64% × 3,500,000 CNY × 时间权重 0.71 = 1,590,400" in text
    assert "主要因素：招标方式 = 公开招标：+12 个百分点" in text
    assert "共 3 个进行中的商机，显示前 1 个" in text and "币种不同" not in text and "历史太少" not in text


def test_the_english_list_says_when_probabilities_are_the_win_rate_and_currencies_are_mixed() -> None:
    text = _text(Focus((RANKED,), True, True, 1), "en")
    assert "Deals worth your time this week" in text
    assert "win probability 64% · 3,500,000 CNY · expected close 2027-02-20" in text
    assert "64% × 3,500,000 CNY × timing weight 0.71" in text and "top factor: " in text
    assert "workspace's win rate" in text and "ranking compares amounts unconverted" in text


def test_with_no_open_deals_the_list_says_so() -> None:
    assert "暂无进行中的商机" in _text(Focus((), False, False, 0), "zh-CN")


def test_the_title_says_whose_deals_are_ranked() -> None:
    assert "团队本周最值得投入的商机" in _text(Focus((RANKED,), False, False, 1), "zh-CN", "team")
    assert "Deals worth @U0REP0009's time this week" in _text(Focus((RANKED,), False, False, 1), "en", "rep",
                                                                 "U0REP0009")
