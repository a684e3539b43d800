"""Amounts, currencies, tender facts, competitors and the six control points."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from domain.understanding import understand
from domain.understanding.money import find_amounts

NOW = datetime(2026, 12, 9, 9, 0, tzinfo=timezone(timedelta(hours=8)))


@pytest.mark.parametrize(("text", "value", "currency"), [
    ("预算200万", 2_000_000, "CNY"),
    ("1.5亿的项目", 150_000_000, "CNY"),
    ("合同额350万元", 3_500_000, "CNY"),
    ("a $1.2M deal", 1_200_000, "USD"),
    ("budget is EUR 800k", 800_000, "EUR"),
    ("USD 2.5 million", 2_500_000, "USD"),
    ("预算两百万美元", 2_000_000, "USD"),
    ("Budget: ¥2,000,000.", 2_000_000, "CNY"),
    ("€450k", 450_000, "EUR"),
])
def test_amounts_in_whole_units_with_their_currency(text: str, value: float, currency: str) -> None:
    (amount,) = find_amounts(text)
    assert (amount.value, amount.currency) == (value, currency)


def test_scores_headcounts_and_phone_numbers_are_not_amounts() -> None:
    assert find_amounts("技术45分，员工1万人，电话13812345678") == []


def test_a_chinese_tender_line() -> None:
    log = understand("跟东方电力的采购主管刘洋通了电话，预算1.2亿，公开招标，最低价中标，预计2月15日开标。", now=NOW)
    assert log.deal is not None
    assert (log.deal.amount, log.deal.currency) == (120_000_000, "CNY")
    assert (log.deal.award_method, log.deal.award_rule, log.deal.tender_on) == (
        "open_tender", "lowest_price", date(2027, 2, 15))
    assert {(c.key, c.state) for c in log.control_points} == {("award_method", "secured"), ("award_rule", "secured")}


def test_weighted_criteria_in_chinese_and_english() -> None:
    zh = understand("东方电力的评标办法：技术60分，商务10分，价格30分。", now=NOW).deal
    en = understand("Evaluation at Globex: technical 50%, price 30%, commercial 20%; best overall score wins.", now=NOW).deal
    assert zh is not None and en is not None
    assert {(c.item, c.weight) for c in zh.evaluation_criteria} == {("technical", 60), ("commercial", 10), ("price", 30)}
    assert {(c.item, c.weight) for c in en.evaluation_criteria} == {("technical", 50), ("price", 30), ("commercial", 20)}
    assert en.award_rule == "comprehensive_score"


@pytest.mark.parametrize(("text", "method"), [
    ("这次是单一来源采购。", "single_source"),
    ("采用竞争性磋商。", "competitive_consultation"),
    ("走邀请招标。", "invited_tender"),
    ("They will run an open tender.", "open_tender"),
    ("It is a sole-source deal.", "single_source"),
])
def test_award_methods(text: str, method: str) -> None:
    log = understand(text, now=NOW)
    assert log.deal is not None and log.deal.award_method == method


def test_competitors_named_after_a_competitor_cue() -> None:
    log = understand("听说竞争对手鸿图软件和北辰科技都在跟这个项目。", now=NOW)
    assert log.deal is not None and log.deal.competitors == ("鸿图软件", "北辰科技")
    assert log.account is None


def test_a_preferred_vendor_is_a_competitor_not_the_account() -> None:
    log = understand("WeChat with Sofia Alvarez; she prefers the competitor Litware.", now=NOW)
    assert log.deal is not None and log.deal.competitors == ("Litware",)


@pytest.mark.parametrize(("text", "key", "state"), [
    ("东方电力的预算是按照我们的报价做的。", "budget_input", "secured"),
    ("The Initech budget was set without asking us.", "budget_input", "lost"),
    ("远洋集团的预算还没定，想听听我们的建议。", "budget_input", "secured"),
    ("王磊说招标文件会参考我们的技术方案来写。", "rfp_input", "secured"),
    ("Raj Mehta says the RFP will follow our whitepaper.", "rfp_input", "secured"),
    ("We've had more time with Umbrella Corp's team than any other vendor.", "exchange_time", "secured"),
    ("华康医院的赵刚说招标方式还不清楚。", "award_method", "at_risk"),
])
def test_control_points_from_the_evidence(text: str, key: str, state: str) -> None:
    log = understand(text, now=NOW)
    assert {(c.key, c.state) for c in log.control_points} == {(key, state)}
    assert all(c.evidence for c in log.control_points)


def test_a_log_without_deal_facts_has_no_deal() -> None:
    assert understand("和远洋集团的李总喝了茶。", now=NOW).deal is None
