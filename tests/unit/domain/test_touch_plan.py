"""Touch plans: a rhythm per contact from importance and trust stage, and who is due today."""

from datetime import date, timedelta

import pytest

from domain.entities import Contact
from domain.graph.gaps import DEFAULT_CADENCE_DAYS
from domain.touch_plan import (
    DueTouch,
    TouchPlan,
    cadence_for,
    due_touches,
    is_overdue,
    load_cadence_table,
    next_touch_due,
    parse_cadence_table,
    plan_for,
)
from domain.trust import LADDER

TODAY = date(2027, 3, 1)
MENG = Contact(1, "孟行长", importance=5)
ZHOU = Contact(2, "周处长", importance=3, trust_stage="trusted")
LI = Contact(3, "李娜", importance=2, do_not_contact=True)


def _ago(days: int) -> date:
    return TODAY - timedelta(days=days)


# the cadence table

def test_an_important_new_acquaintance_is_touched_every_two_weeks() -> None:
    assert cadence_for(5, "acquainted") == 14


def test_the_shipped_table_covers_every_importance_and_every_rung_of_the_ladder() -> None:
    table = load_cadence_table()
    assert table.stages == tuple(s.name for s in LADDER)
    assert sorted(table.days) == [1, 2, 3, 4, 5]


def test_the_familiar_column_keeps_the_rhythm_the_account_card_used() -> None:
    assert {i: cadence_for(i, "familiar") for i in range(1, 6)} == dict(DEFAULT_CADENCE_DAYS)


def test_more_important_people_are_touched_at_least_as_often_at_every_stage() -> None:
    for stage in LADDER:
        rhythms = [cadence_for(i, stage.name) for i in range(1, 6)]
        assert rhythms == sorted(rhythms, reverse=True)


def test_the_rhythm_stretches_as_trust_deepens_but_never_beyond_double() -> None:
    for importance in range(1, 6):
        rhythms = [cadence_for(importance, s.name) for s in LADDER]
        assert rhythms == sorted(rhythms)
        assert rhythms[-1] <= 2 * rhythms[0]


def test_an_unknown_stage_or_importance_is_planned_within_the_table() -> None:
    assert cadence_for(5, "bestie") == cadence_for(5, "acquainted")
    assert cadence_for(9, "trusted") == cadence_for(5, "trusted")
    assert cadence_for(0, "trusted") == cadence_for(1, "trusted")


def test_a_table_missing_a_stage_or_with_a_zero_day_rhythm_is_refused() -> None:
    row = {"acquainted": 14, "familiar": 21}
    good = {"stages": ["acquainted", "familiar"], "days": {str(i): row for i in range(1, 6)}}
    assert parse_cadence_table(good).days_for(3, "familiar") == 21
    with pytest.raises(ValueError):
        parse_cadence_table({**good, "days": {**good["days"], "3": {"acquainted": 14}}})
    with pytest.raises(ValueError):
        parse_cadence_table({**good, "days": {**good["days"], "3": {"acquainted": 0, "familiar": 21}}})
    with pytest.raises(ValueError):
        parse_cadence_table({**good, "stages": ["familiar"]})


# one plan

def test_a_plan_takes_the_contact_s_importance_and_recorded_stage() -> None:
    plan = plan_for(ZHOU, last_touch=_ago(3))
    assert (plan.importance, plan.stage, plan.days) == (3, "trusted", cadence_for(3, "trusted"))
    assert plan_for(ZHOU, stage="interdependent").days == cadence_for(3, "interdependent")


def test_the_next_touch_is_due_one_rhythm_after_the_last() -> None:
    assert next_touch_due(plan_for(MENG, last_touch=_ago(3)), TODAY) == _ago(3) + timedelta(days=14)


def test_a_per_contact_override_wins_over_the_table() -> None:
    plan = plan_for(MENG, last_touch=_ago(3), override_days=7)
    assert plan.days == 7
    assert next_touch_due(plan, TODAY) == _ago(3) + timedelta(days=7)


def test_someone_never_touched_is_due_one_rhythm_after_the_plan_started_or_else_today() -> None:
    assert next_touch_due(plan_for(MENG, started_on=_ago(20)), TODAY) == _ago(6)
    assert next_touch_due(plan_for(MENG), TODAY) == TODAY


def test_do_not_contact_is_never_due() -> None:
    plan = plan_for(LI, last_touch=_ago(400))
    assert next_touch_due(plan, TODAY) is None
    assert not is_overdue(plan, TODAY)
    assert due_touches([plan], TODAY) == []


def test_a_touch_is_overdue_only_the_day_after_it_was_due() -> None:
    assert not is_overdue(plan_for(MENG, last_touch=_ago(14)), TODAY)
    assert is_overdue(plan_for(MENG, last_touch=_ago(15)), TODAY)


def test_a_rhythm_under_one_day_is_refused() -> None:
    with pytest.raises(ValueError):
        TouchPlan(1, 5, "acquainted", 14, override_days=0)
    with pytest.raises(ValueError):
        TouchPlan(1, 5, "acquainted", 0)


# the day's due touches

def test_due_touches_put_the_most_urgent_first_and_skip_do_not_contact() -> None:
    plans = [
        TouchPlan(1, 5, "acquainted", 14, last_touch=_ago(16)),   # 2 days late × 5 = 10
        TouchPlan(2, 3, "familiar", 45, last_touch=_ago(50)),     # 5 days late × 3 = 15
        TouchPlan(3, 2, "familiar", 60, last_touch=_ago(70), do_not_contact=True),
        TouchPlan(4, 4, "familiar", 30, last_touch=_ago(30)),     # due today: 0
        TouchPlan(5, 1, "familiar", 90, last_touch=_ago(10)),     # not yet due
    ]
    due = due_touches(plans, TODAY)
    assert [d.contact_id for d in due] == [2, 1, 4]
    assert due[0] == DueTouch(2, _ago(5), 5, 3, 45)
    assert [d.urgency for d in due] == [15, 10, 0]


def test_equal_urgency_goes_to_the_more_important_person() -> None:
    plans = [TouchPlan(1, 2, "familiar", 10, last_touch=_ago(15)),   # 5 × 2 = 10
             TouchPlan(2, 5, "familiar", 10, last_touch=_ago(12))]   # 2 × 5 = 10
    assert [d.contact_id for d in due_touches(plans, TODAY)] == [2, 1]
