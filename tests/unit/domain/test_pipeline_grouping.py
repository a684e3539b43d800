"""The pipeline groups open deals by stage, weighs them by stage, keeps currencies apart and reads the week."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from domain.access import Viewer, sees_deal
from domain.entities import Account, AuditEntry, Deal
from domain.pipeline import PipelineDeal, by_stage, health_counts, stage_health, week_changes, worst_first

NOW = datetime(2026, 12, 9, 1, tzinfo=UTC)


def _deal(i: int, stage: str, amount: float | None, currency: str | None = "CNY", **more: object) -> Deal:
    return Deal(i, f"deal {i}", 1, amount, currency, stage, **more)  # type: ignore[arg-type]


def test_open_deals_group_by_stage_in_stage_order_with_count_amount_and_weighted_amount() -> None:
    lines = by_stage([_deal(1, "tender", 1000), _deal(2, "discovery", 500), _deal(3, "tender", 3000)])
    assert [(line.stage, line.count) for line in lines] == [("discovery", 1), ("tender", 2)]
    assert lines[1].amounts == (("CNY", 4000.0),)
    assert lines[1].weighted == (("CNY", 2400.0),)


def test_yuan_and_dollars_are_summed_apart_never_added_together() -> None:
    (line,) = by_stage([_deal(1, "proposal", 1000, "CNY"), _deal(2, "proposal", 200, "USD")])
    assert line.amounts == (("CNY", 1000.0), ("USD", 200.0))
    assert line.weighted == (("CNY", 400.0), ("USD", 80.0))


def test_closed_deals_and_those_with_an_outcome_are_left_out_and_a_deal_without_amount_only_counts() -> None:
    lines = by_stage([_deal(1, "closed_won", 1000), _deal(2, "proposal", 5, outcome="lost"), _deal(3, "proposal", None)])
    assert [(line.stage, line.count, line.amounts) for line in lines] == [("proposal", 1, ())]


def test_health_is_counted_per_colour_with_zeros_shown() -> None:
    assert health_counts(["red", "amber", "red"]) == {"green": 0, "amber": 1, "red": 2}


def test_the_week_counts_creations_stage_changes_points_and_outcomes_of_the_pipelines_deals_only() -> None:
    def entry(entity: str, deal_id: int, action: str, after: dict[str, object], days_ago: int = 1) -> AuditEntry:
        return AuditEntry("U1", NOW - timedelta(days=days_ago), entity, deal_id, action, None, after)

    entries = [entry("deal", 1, "create", {"name": "x"}), entry("deal", 1, "update", {"stage": "tender"}),
               entry("control_point", 1, "update", {"budget_input": "secured"}),
               entry("deal", 2, "update", {"stage": "closed_won"}), entry("deal", 2, "update", {"outcome": "lost"}),
               entry("deal", 9, "create", {"name": "someone else's"}), entry("deal", 1, "create", {}, days_ago=8)]
    week = week_changes(entries, frozenset({1, 2}), NOW - timedelta(days=7))
    assert (week.created, week.stage_changes, week.points_changed, week.won, week.lost) == (1, 2, 1, 1, 1)


def test_a_rep_sees_their_own_and_shared_deals_a_manager_their_reports_and_an_admin_all() -> None:
    bank = Account(1, "北辰银行", owner_slack_id="UA", team=("UB",))
    theirs = Deal(1, "core", 1, owner_slack_id="UC")
    elsewhere = Deal(2, "desk", None, owner_slack_id="UC")
    assert sees_deal(Viewer("UB"), theirs, bank), "shared: UB is on the account team"
    assert not sees_deal(Viewer("UB"), elsewhere, None)
    assert sees_deal(Viewer("UC"), elsewhere, None)
    assert sees_deal(Viewer("UM", "manager", frozenset({"UC"})), elsewhere, None)
    assert not sees_deal(Viewer("UM", "rep", frozenset({"UC"})), elsewhere, None)
    assert sees_deal(Viewer("UX", "admin"), elsewhere, None)


def test_deals_read_as_rows_group_and_weigh_as_deals_do() -> None:
    deals = [_deal(1, "tender", 1000), _deal(2, "discovery", None), _deal(3, "tender", 3000, "USD"), _deal(4, "其他", 7)]
    rows = [PipelineDeal(d.id, d.name, "U1", d.stage, d.amount, d.currency) for d in deals]
    assert by_stage(rows) == by_stage(deals)
    assert stage_health(rows, ["red", "green", "red", "amber"]) == (
        ("discovery", {"green": 1, "amber": 0, "red": 0}), ("tender", {"green": 0, "amber": 0, "red": 2}),
        ("其他", {"green": 0, "amber": 1, "red": 0}))


def test_the_deals_needing_attention_are_red_first_then_furthest_along_then_largest_and_never_green() -> None:
    deals = [_deal(1, "discovery", 9000), _deal(2, "negotiation", 100), _deal(3, "negotiation", 500),
             _deal(4, "tender", 10_000), _deal(5, "proposal", 1)]
    worst = worst_first(deals, ["red", "amber", "amber", "red", "green"], 3)
    assert [(d.id, colour) for d, colour in worst] == [(4, "red"), (1, "red"), (3, "amber")]
