"""The six control points of a deal, and the tender rules an account's past projects suggest."""

from datetime import date

from domain.control_points import POINT_KEYS, infer_tender_rules, six_points
from domain.entities import ControlPoint, Deal

BANK = 1
TECH_60 = ({"item": "技术方案", "weight": 60}, {"item": "价格", "weight": 40})


def _past(deal_id: int, closed: date, method: str = "open_tender", rule: str = "comprehensive_score",
          criteria: tuple[dict, ...] = TECH_60) -> Deal:
    return Deal(deal_id, f"项目{deal_id}", BANK, stage="closed_won", outcome="won", close_on=closed,
                award_method=method, award_rule=rule, evaluation_criteria=criteria)


def test_three_past_tenders_tell_the_usual_method_rule_and_technical_weight() -> None:
    past = [_past(1, date(2024, 5, 1)), _past(2, date(2025, 5, 1), method="invited_tender"),
            _past(3, date(2026, 5, 1), criteria=({"item": "technical", "weight": 50}, {"item": "price", "weight": 50}))]
    inferred = infer_tender_rules(past)
    assert inferred is not None
    assert inferred.count == 3
    assert (inferred.award_method, inferred.award_rule) == ("open_tender", "comprehensive_score")
    assert inferred.technical_weight == 60


def test_no_closed_project_with_tender_rules_means_nothing_to_infer() -> None:
    assert infer_tender_rules([]) is None
    still_open = Deal(4, "数据中台二期", BANK, stage="proposal", award_method="open_tender")
    no_rules = Deal(5, "旧项目", BANK, stage="closed_lost", outcome="lost")
    assert infer_tender_rules([still_open, no_rules]) is None


def test_a_tie_between_methods_goes_to_the_most_recent_tender() -> None:
    inferred = infer_tender_rules([_past(1, date(2024, 1, 1), method="open_tender"),
                                   _past(2, date(2026, 1, 1), method="single_source")])
    assert inferred is not None and inferred.award_method == "single_source"


def test_the_six_points_come_in_order_and_a_known_tender_fact_counts_as_secured() -> None:
    deal = Deal(9, "数据中台二期", BANK, award_method="competitive_consultation")
    lost = ControlPoint("budget_input", "lost", "预算参考了友商报价", date(2026, 11, 2))
    points = six_points(deal, {"budget_input": lost})
    assert tuple(p.key for p in points) == POINT_KEYS
    states = {p.key: p.state for p in points}
    assert states["budget_input"] == "lost" and states["award_method"] == "secured"
    assert states["award_rule"] == states["evaluation_criteria"] == states["exchange_time"] == "unknown"
