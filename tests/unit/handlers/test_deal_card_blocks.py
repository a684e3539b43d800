"""The deal card reads the same in Chinese and English: facts, chain, points with what is inferred, health."""

from __future__ import annotations

from datetime import date

from domain.control_points import TenderInference, six_points
from domain.deal_health import AMBER, DealHealth, Reason
from domain.entities import Account, ChainMember, Contact, ControlPoint, Deal, Meeting, ResourceRequest
from domain.graph.chain import DecisionChain
from domain.scoring import Factor
from handlers.blocks.deal_card import deal_card_blocks
from sandbox.render import render_message
from services.deal_score import ScoreView
from services.deals import DealCard

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


SCORE = ScoreView(0.64, False, (Factor("award_method", "open_tender", 12.4), Factor("decision_maker", "missing", -7.0),
                                 Factor("Budget approved", "yes", 3.2)))


def test_the_chinese_card_shows_the_win_probability_and_the_factors_behind_it() -> None:
    card = _card("zh-CN", SCORE)
    assert "赢单概率 64%" in card and "历史太少" not in card
    assert "• 招标方式 = 公开招标：+12 个百分点" in card
    assert "• 拍板人态度 = 未识别：-7 个百分点" in card and "• Budget approved = yes：+3 个百分点" in card


def test_the_english_card_says_the_same_in_english_points() -> None:
    card = _card("en", SCORE)
    assert "Win probability 64%" in card
    assert "• award method = open tender: +12 pts" in card and "• decision maker's stance = not identified: -7 pts" in card


def test_a_prior_says_it_is_only_the_workspaces_win_rate_in_both_locales() -> None:
    prior = ScoreView(0.33, True)
    assert "赢单概率 33%" in _card("zh-CN", prior) and "历史太少：按整体赢单率" in _card("zh-CN", prior)
    assert "Win probability 33%" in _card("en", prior)
    assert "too little history: the workspace's win rate" in _card("en", prior)


def test_a_card_without_a_score_shows_no_probability() -> None:
    assert "Win probability" not in _card("en")
