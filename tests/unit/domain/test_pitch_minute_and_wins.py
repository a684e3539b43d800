"""The 60-second check, which points a person still has to hear, and what wins."""

from __future__ import annotations

from datetime import UTC, datetime

from domain.pitch_wins import Used, smoothed, win_rates
from domain.pitches import (
    Heard,
    Proposition,
    matching_point,
    open_points_for,
    point_key,
    points_to_say,
    spoken_length,
    suggest,
)

# About 66 characters a point: cost, risk, delivery — what a bank's CFO would hear.
_COST = "核心系统迁移到我们的分布式数据库以后，三年总体拥有成本平均下降百分之三十，硬件和许可费用都省下来，预算更可控，财务部门最关心的开支也一目了然。"
_RISK = "我们在十二家城商行做过同样的迁移，全部一次割接成功，没有发生过一次停机事故，监管检查也顺利通过，风险完全可控，业务连续性有保障，客户都很放心。"
_TEAM = "本地有四十人的交付团队常驻，七乘二十四小时响应，重大问题两小时到现场，项目经理全程跟进，每周汇报进度，上线后还有一年的免费驻场支持服务保障。"


def test_a_three_point_chinese_pitch_of_about_200_characters_fits_the_minute():
    points = (_COST, _RISK, _TEAM)
    assert 190 <= sum(len(p) for p in points) <= 215
    assert spoken_length(points).fits


def test_a_chinese_pitch_of_400_characters_is_refused_with_the_overrun_stated():
    points = (_COST * 2, _RISK * 2, _TEAM * 2)
    length = spoken_length(points)
    assert not length.fits
    # 400-odd characters at 4 a second is about 100 s plus two pauses: some 40 s too long.
    assert 38 <= length.overrun <= 48
    assert length.seconds == 60 + length.overrun


def test_english_is_timed_by_words_not_letters():
    short = ("We cut your run cost by a third.", "Twelve banks migrated with zero downtime.")
    long = tuple(" ".join(["integration"] * 80) for _ in range(2))
    assert spoken_length(short).seconds < 10
    assert spoken_length(long).overrun > 0


def test_a_point_said_in_other_words_is_recognised_as_the_library_point():
    prop = Proposition(1, "TCO", ("三年总体拥有成本下降30%", "零停机迁移"))
    assert matching_point("讲了三年总体拥有成本下降30%这一点", [prop]) == (prop, "三年总体拥有成本下降30%")
    assert matching_point("零 停机 迁移！", [prop]) == (prop, "零停机迁移")
    assert matching_point("聊了足球", [prop]) is None


def test_points_never_heard_come_first_and_the_most_heard_last():
    at = datetime(2026, 11, 1, tzinfo=UTC)
    heard = {point_key("A"): Heard("A", 3, ("meeting",), at), point_key("B"): Heard("B", 1, ("email",), at)}
    order = [p.point for p in points_to_say(("A", "B", "C"), heard)]
    assert order == ["C", "B", "A"]


def test_a_cfo_is_asked_about_the_budget_only_while_it_is_open():
    assert open_points_for("economic_buyer", {"budget_input": "unknown"}) == ("budget_input", "award_rule")
    assert open_points_for("economic_buyer", {"budget_input": "secured", "award_rule": "secured"}) == ()
    assert open_points_for(None, {}) == ()


def test_the_proposition_tagged_for_the_role_and_industry_is_suggested_first():
    cfo = Proposition(1, "Cost", ("a", "b"), industries=("银行",), roles=("economic_buyer",))
    cto = Proposition(2, "Integration", ("c", "d"), industries=("银行",), roles=("technical_buyer",))
    old = Proposition(3, "Old", ("e", "f"), roles=("economic_buyer",), archived=True)
    fits = suggest([cto, cfo, old], role="economic_buyer", industry="城商行 银行", product=None)
    assert [f.proposition.id for f in fits] == [1]  # the CTO's integration pitch is not the CFO's
    assert fits[0].because == ("role", "industry")
    anyone = Proposition(4, "Service", ("g", "h"), industries=("银行",))
    assert [f.proposition.id for f in suggest([cto, anyone], role="economic_buyer", industry="银行", product=None)] == [4]


def test_a_point_used_on_two_won_deals_does_not_top_one_that_won_eight_of_ten():
    used = [Used(i, True, 1, "lucky") for i in range(2)]
    used += [Used(10 + i, i < 8, 2, "proven") for i in range(10)]
    best = win_rates(used, base=0.4, by="point")
    assert [r.key for r in best] == ["proven", "lucky"]
    assert best[1].raw == 1.0 and best[1].rate == smoothed(2, 2, 0.4)


def test_a_deal_counts_once_for_a_point_however_often_it_was_said():
    used = [Used(1, True, 1, "p", role="economic_buyer")] * 5 + [Used(2, False, 1, "p", role="technical_buyer")]
    (rate,) = win_rates(used, base=0.5)
    assert (rate.won, rate.deals) == (1, 2)
    (cfo,) = win_rates(used, base=0.5, role="economic_buyer")
    assert (cfo.won, cfo.deals) == (1, 1)
