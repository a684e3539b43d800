"""The pipeline and history cards read in Chinese and in English."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

from domain.deal_health import DealHealth, Reason
from domain.entities import Account, Deal
from domain.pipeline import PipelineDeal, StageLine, WeekChanges
from handlers.blocks.pipeline import history_blocks, pipeline_blocks
from services.history import AccountHistory, PastProject
from services.pipeline import AtRisk, PipelineView

VIEW = PipelineView("team", None, (StageLine("tender", 2, (("CNY", 4000.0), ("USD", 100.0)),
                                             (("CNY", 2400.0), ("USD", 60.0))),),
                    {"green": 1, "amber": 0, "red": 1}, WeekChanges(created=1, stage_changes=2, won=1))
WON = Deal(7, "信创云桌面", 1, 1_800_000, "CNY", "closed_won", close_on=date(2026, 5, 23),
           award_method="invited_tender", award_rule="comprehensive_score", outcome="won", winner="我方",
           evaluation_criteria=({"item": "技术方案", "weight": 40},), outcome_reason="综合评分第一")
HISTORY = AccountHistory(Account(1, "北辰银行"), (PastProject(WON, (("decision_maker", "林涛"),)),))
LOST = Deal(8, "核心系统", 1, 3_200_000, "CNY", "closed_lost", outcome="lost", winner="星图数据", winning_price=2_950_000)


def _text(blocks: list[dict]) -> str:
    return json.dumps(blocks, ensure_ascii=False)


def test_the_pipeline_in_chinese_shows_each_stage_per_currency_health_and_the_week() -> None:
    text = _text(pipeline_blocks(VIEW, "zh-CN"))
    assert "团队销售管道" in text and "*招投标* · 2个 · 金额 4,000 CNY、100 USD · 加权 2,400 CNY、60 USD" in text
    assert "🟢 1 · 🟡 0 · 🔴 1" in text and "新建1 · 阶段变化2 · 控制点变化0 · 赢单1 · 丢单0" in text
    assert "招投标 60%" in text


def test_the_pipeline_in_english_names_a_reps_pipeline_and_says_when_nothing_is_open() -> None:
    view = PipelineView("rep", "U0REP", (), {"green": 0, "amber": 0, "red": 0}, WeekChanges())
    text = _text(pipeline_blocks(view, "en"))
    assert "<@U0REP>'s pipeline" in text and "No open deals" in text and "won 0 · lost 0" in text


COLD = AtRisk(PipelineDeal(3, "核心改造", "U0REP", "tender", 1_000_000.0, "CNY"), DealHealth("red", (
    Reason("decision_makers_cold", ("陈思远",)), Reason("roles_missing", ("coach",)), Reason("point_at_risk", ("rfp_input",)),
    Reason("pitch_unknown"))))
LATE = AtRisk(PipelineDeal(4, "港口调度", None, "proposal", None, None), DealHealth("amber", (
    Reason("decision_maker_overdue", ("朱晓梅",), 45),)))


def test_the_pipeline_names_the_deals_needing_attention_with_their_reasons() -> None:
    view = PipelineView("team", None, (), {"green": 0, "amber": 1, "red": 1}, WeekChanges(), at_risk=(COLD, LATE))
    text = _text(pipeline_blocks(view, "zh-CN"))
    assert "需要关注" in text
    assert "🔴 *核心改造* · <@U0REP> · 招投标 · 决策者超过两个接触周期未接触：陈思远；尚未识别的角色：教练" in text
    assert "有风险：招标文件参与" in text and "价值主张覆盖未知" not in text, "the pitch note stays on the card"
    assert "🟡 *港口调度* · — · 方案 · 朱晓梅上次接触在45天前，已超过接触周期" in text
    english = _text(pipeline_blocks(view, "en"))
    assert "Needs attention" in english and "朱晓梅 last touched 45 days ago, past their rhythm" in english
    assert "需要关注" not in _text(pipeline_blocks(VIEW, "zh-CN")), "nothing to name when no deal is red or amber"


def test_the_history_in_chinese_shows_chain_tender_winner_and_price() -> None:
    text = _text(history_blocks(HISTORY, "zh-CN"))
    assert "北辰银行 · 过往项目" in text and "*信创云桌面* · 赢单 · 2026-05-23" in text
    assert "拍板人 林涛" in text and "邀请招标 · 评分 技术方案 40 · 综合评分" in text
    assert "*中标方*：我方 · 中标价 1,800,000 CNY" in text and "综合评分第一" in text


def test_a_lost_deal_shows_who_won_at_their_price_and_our_amount_only_beside_it() -> None:
    lost = AccountHistory(Account(1, "北辰银行"), (PastProject(LOST, ()),))
    assert "*中标方*：星图数据 · 中标价 2,950,000 CNY · 我方金额 3,200,000 CNY" in _text(history_blocks(lost, "zh-CN"))
    assert "*Won by* 星图数据 at 2,950,000 CNY · our amount 3,200,000 CNY" in _text(history_blocks(lost, "en"))
    unpriced = AccountHistory(Account(1, "北辰银行"), (PastProject(replace(LOST, winning_price=None), ()),))
    assert "*中标方*：星图数据 · 中标价 未知 · 我方金额 3,200,000 CNY" in _text(history_blocks(unpriced, "zh-CN"))


def test_a_deal_we_won_without_a_winner_on_record_reads_as_won_by_us_at_the_price_recorded() -> None:
    imported = replace(WON, winner=None, winning_price=1_750_000)
    text = _text(history_blocks(AccountHistory(Account(1, "北辰银行"), (PastProject(imported, ()),)), "en"))
    assert "*Won by* us at 1,750,000 CNY" in text and "our amount" not in text


def test_the_history_in_english_and_an_account_with_no_closed_projects() -> None:
    assert "invited tender" in _text(history_blocks(HISTORY, "en")).lower()
    assert "No closed projects yet." in _text(history_blocks(AccountHistory(Account(1, "X"), ()), "en"))


def test_shared_deals_are_counted_named_and_marked_as_shared_in_english() -> None:
    shared = PipelineDeal(5, "Mobile banking", "U0OTHER", "negotiation", 500_000.0, "CNY")
    flagged = AtRisk(shared, DealHealth("amber", (Reason("decision_maker_overdue", ("朱晓梅",), 45),)), shared=True)
    view = PipelineView("own", None, (), {"green": 0, "amber": 1, "red": 0}, WeekChanges(), at_risk=(flagged, LATE),
                        shared_count=7, shared=(shared,))
    text = _text(pipeline_blocks(view, "en"))
    assert "*Mobile banking* · shared · <@U0OTHER> · negotiation" in text and "*港口调度* · — · proposal" in text
    assert "*Shared deals*: 7 owned by others at accounts shared with you" in text
    assert "shared · *Mobile banking* · <@U0OTHER> · negotiation · 500,000 CNY" in text and "… and 6 more" in text
