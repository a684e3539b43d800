"""When a meeting a rep tells us about is the one on record, and when it moves an earlier one."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from domain.entities import Meeting
from domain.meeting_moves import CANCELLED, moved_from, restates

TODAY = date(2026, 12, 9)
THURSDAY = Meeting(1, "U0LIN", date(2026, 12, 10), "15:00", "Asia/Shanghai", None, 7, 70, (1, 2))


def test_the_same_day_time_and_people_is_the_meeting_on_record_in_any_order_or_without_the_time() -> None:
    assert restates(replace(THURSDAY, id=0, contact_ids=(2, 1)), THURSDAY)
    assert restates(replace(THURSDAY, id=0, at=None), THURSDAY)
    assert not restates(replace(THURSDAY, id=0, at="16:00"), THURSDAY)
    assert not restates(replace(THURSDAY, id=0, contact_ids=(1,)), THURSDAY)
    assert not restates(replace(THURSDAY, id=0, rep_slack_id="U0SAM"), THURSDAY)


def test_the_same_people_on_another_day_move_the_meeting_still_ahead() -> None:
    friday = replace(THURSDAY, id=0, on=date(2026, 12, 11))
    assert moved_from(friday, [THURSDAY], TODAY) == THURSDAY
    assert moved_from(replace(friday, deal_id=None), [THURSDAY], TODAY) == THURSDAY
    assert moved_from(replace(THURSDAY, id=0, at="10:00"), [THURSDAY], TODAY) == THURSDAY


def test_nothing_moves_with_other_people_another_deal_a_past_meeting_or_weeks_apart() -> None:
    friday = replace(THURSDAY, id=0, on=date(2026, 12, 11))
    assert moved_from(replace(friday, contact_ids=(1,)), [THURSDAY], TODAY) is None
    assert moved_from(replace(friday, deal_id=71), [THURSDAY], TODAY) is None
    assert moved_from(friday, [THURSDAY], date(2026, 12, 11)) is None  # Thursday has passed
    assert moved_from(replace(friday, on=date(2026, 12, 24)), [THURSDAY], TODAY) is None
    assert moved_from(friday, [replace(THURSDAY, state=CANCELLED)], TODAY) is None
    assert moved_from(replace(friday, contact_ids=()), [replace(THURSDAY, contact_ids=())], TODAY) is None


def test_of_two_meetings_with_the_same_people_the_nearest_one_moves() -> None:
    monday = replace(THURSDAY, id=2, on=date(2026, 12, 14))
    assert moved_from(replace(THURSDAY, id=0, on=date(2026, 12, 15)), [THURSDAY, monday], TODAY) == monday
