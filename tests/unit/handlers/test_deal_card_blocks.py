"""The deal card reads the same in Chinese and English: facts, chain, points with what is inferred, health."""

from __future__ import annotations

from datetime import date

from domain.control_points import TenderInference, six_points
from domain.deal_health import AMBER, DealHealth, Reason
from domain.entities import Account, ChainMember, Contact, ControlPoint, Deal, Meeting, ResourceRequest
from domain.graph.chain import DecisionChain
from handlers.blocks.deal_card import deal_card_blocks
from sandbox.render import render_message
from services.deals import DealCard, ScoreView

BANK = Account(1, "北辰银行")
DEAL = Deal(9, "数据中台二期", BANK.id, amount=3_500_000, currency="CNY", stage="proposal",
            budget_on=date(2027, 1, 8), close_on=date(2027, 4, 8), award_method="competitive_consultation",
            competitors=("星图数据",))
CHEN = Contact(5, "陈思远", BANK.id, stance="supporter")
POINTS = six_points(DEAL, {"budget_input": ControlPoint("budget_input", "at_risk", "预算还没征求我们", date(2026, 12, 1))})
HEALTH = DealHealth(AMBER, (Reason("before_tender_unknown", ("exchange_time", "rfp_input")),
                            Reason("roles_missing", ("coach",)), Reason("pitch_unknown")))


def _card(locale: str, score: ScoreView | None = None) -> str:
    chain = DecisionChain(DEAL, (ChainMember(1, DEAL.id, CHEN.id, "decision_maker", stance="supporter"),))
    view = DealCard(DEAL, BANK, chain, {CHEN.id: CHEN}, POINTS, TenderInference(3, "open_tender", "comprehensive_score",
                                                                                 60.0), HEALTH,
                    (Meeting(1, "U1", date(2026, 12, 12), "14:00", topic="方案汇报", deal_id=DEAL.id,
                             contact_ids=(CHEN.id,)),),
                    (ResourceRequest(1, "poc", "U1", date(2026, 12, 19), deal_id=DEAL.id),), score)
    return render_message({"blocks": deal_card_blocks(view, locale)}).text


def test_the_chinese_card_marks_inferred_tender_rules_and_says_why_the_deal_is_amber() -> None:
    card = _card("zh-CN")
    assert "北辰银行 · 方案 · 3,500,000 CNY" in card and "预算 2027-01-08 · 签约 2027-04-08" in card
    assert "招标方式：已掌握 · 竞争性磋商" in card
    assert "中标规则：未知 · 推断：综合评分" in card and "评分标准：未知 · 推断：技术分60" in card
    assert "推断：最近3次招标（北辰银行）采用公开招标、综合评分、技术分60" in card
    assert "预算参与：有风险 · “预算还没征求我们” · 2026-12-01" in card
    assert "健康度：🟡 黄" in card and "招标前3个控制点中2个未知：交流时间、招标文件参与" in card
    assert "价值主张覆盖未知" in card
    assert "拍板人：陈思远（支持）" in card and "2026-12-12 14:00 · 方案汇报 · 与陈思远" in card


def test_the_english_card_says_the_same_in_english() -> None:
    card = _card("en")
    assert "award rule: unknown · inferred: best overall score" in card
    assert "Inferred: the last 3 tender(s) at 北辰银行 used open tender, best overall score, technical 60" in card
    assert "Health: 🟡 amber" in card and "roles not identified: coach" in card
    assert "pitch coverage unknown" in card
    assert "decision maker: 陈思远 (supporter)" in card and "POC · open · needed by 2026-12-19" in card


def test_the_score_hook_shows_nothing_until_scoring_fills_it_in() -> None:
    assert _card("en", ScoreView(0.42, ("award method",))) == _card("en")
