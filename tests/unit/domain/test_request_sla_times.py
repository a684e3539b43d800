"""When a presales request's service level acts: escalations after working hours, reminders on working mornings."""

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from domain.request_sla import (
    LEAD,
    MANAGER,
    day_start,
    days_before,
    escalations,
    escalations_due,
    reminders,
    reminders_due,
    request_key,
    working_day_before,
)
from domain.routing import Queue
from domain.working_hours import WorkingCalendar, parse_spans, standard_calendar

SHANGHAI, NEW_YORK = ZoneInfo("Asia/Shanghai"), ZoneInfo("America/New_York")
WED, THU, FRI, SAT, MON = date(2026, 12, 9), date(2026, 12, 10), date(2026, 12, 11), date(2026, 12, 12), date(2026, 12, 14)
EAST = Queue("east", "C0EAST0001", standard_calendar("Asia/Shanghai"), lead="U0LEAD0001", accept_within_hours=2,
             manager_after_hours=4)
HOLIDAY_THU = replace(EAST, calendar=replace(EAST.calendar, holidays=frozenset({THU})))


def at(day: date, hour: int, minute: int = 0, zone: ZoneInfo = SHANGHAI) -> datetime:
    """A local wall-clock time as the UTC instant the code is handed."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone).astimezone(UTC)


def test_a_request_raised_an_hour_before_closing_goes_to_the_lead_an_hour_into_the_next_morning() -> None:
    lead, manager = escalations(at(WED, 17), EAST)
    assert (lead.name, lead.at) == (LEAD, at(THU, 10))
    assert (manager.name, manager.at) == (MANAGER, at(THU, 12))


def test_a_holiday_on_the_day_the_escalation_would_fall_moves_it_to_the_next_working_morning() -> None:
    lead, manager = escalations(at(WED, 17), HOLIDAY_THU)
    assert lead.at == at(FRI, 10) and manager.at == at(FRI, 12)


def test_a_friday_afternoon_request_waits_over_the_weekend() -> None:
    lead, _ = escalations(at(FRI, 17, 30), EAST)
    assert lead.at == at(MON, 10, 30)


def test_only_the_escalations_whose_time_has_come_are_due() -> None:
    created = at(WED, 17)
    assert escalations_due(created, EAST, at(THU, 9, 59)) == []
    assert [s.name for s in escalations_due(created, EAST, at(THU, 10))] == [LEAD]
    assert [s.name for s in escalations_due(created, EAST, at(THU, 12))] == [LEAD, MANAGER]


def test_a_queue_without_a_lead_tells_the_manager_at_the_lead_s_time_and_only_once() -> None:
    steps = escalations_due(at(WED, 17), replace(EAST, lead=None), at(FRI, 17))
    assert [(s.name, s.at) for s in steps] == [(MANAGER, at(THU, 10))]


def test_the_manager_never_hears_before_the_lead_even_when_the_file_says_so() -> None:
    lead, manager = escalations(at(WED, 9), replace(EAST, accept_within_hours=6, manager_after_hours=3))
    assert manager.at == lead.at == at(WED, 15)


def test_reminders_fall_two_working_days_before_and_on_the_morning_of_the_day_at_the_queue_s_day_start() -> None:
    steps = reminders(FRI, EAST)
    assert [(s.name, s.at) for s in steps] == [("due2", at(WED, 9)), ("due0", at(FRI, 9))]


def test_the_two_working_days_skip_a_holiday_and_the_weekend() -> None:
    assert working_day_before(MON, 2, HOLIDAY_THU.calendar) == WED  # Mon, (weekend), Fri, (Thu off), Wed
    assert working_day_before(MON, 0, HOLIDAY_THU.calendar) == MON


def test_a_request_needed_on_a_saturday_is_reminded_on_the_friday_and_two_working_days_before_it() -> None:
    assert [s.at for s in reminders(SAT, EAST)] == [at(WED, 9), at(FRI, 9)]


def test_a_make_up_saturday_counts_as_a_working_day_from_its_own_start() -> None:
    calendar = replace(EAST.calendar, makeup_days={SAT: parse_spans("10:00-16:00")})
    assert working_day_before(MON, 1, calendar) == SAT
    assert day_start(SAT, calendar) == at(SAT, 10)


def test_a_new_york_queue_is_reminded_at_nine_in_new_york() -> None:
    americas = replace(EAST, calendar=standard_calendar("America/New_York", "09:00-17:00"), remind_before_days=(0,))
    (step,) = reminders(FRI, americas)
    assert step.at == at(FRI, 9, zone=NEW_YORK) == datetime(2026, 12, 11, 14, 0, tzinfo=UTC)


def test_a_calendar_that_never_works_has_no_reminder_rather_than_a_loop() -> None:
    closed = replace(EAST, calendar=WorkingCalendar("Asia/Shanghai", weekly=((),) * 7))
    assert reminders(FRI, closed) == []


def test_a_reminder_is_sent_from_its_morning_until_the_window_closes_never_before_or_after() -> None:
    accepted = at(MON - timedelta(days=7), 9)
    assert reminders_due(FRI, accepted, EAST, at(WED, 8, 59)) == []
    assert [s.name for s in reminders_due(FRI, accepted, EAST, at(WED, 9))] == ["due2"]
    assert reminders_due(FRI, accepted, EAST, at(THU, 9)) == [], "Wednesday's 'in two days' is stale on Thursday"
    assert [s.name for s in reminders_due(FRI, accepted, EAST, at(FRI, 9, 15))] == ["due0"]


def test_a_request_accepted_after_a_reminder_s_morning_skips_that_reminder() -> None:
    assert reminders_due(FRI, at(WED, 11), EAST, at(WED, 11, 15)) == []
    assert [s.name for s in reminders_due(FRI, at(WED, 11), EAST, at(FRI, 9))] == ["due0"]


def test_each_step_has_its_own_key_and_its_thread_line_another() -> None:
    assert request_key(12, LEAD, opening=datetime(2027, 3, 1, 1, tzinfo=UTC)) == "request:12:lead:1803862800"
    assert request_key(12, "due2", thread=True) == "request:12:due2:thread"
    assert days_before("due2") == 2 and days_before("due0") == 0 and days_before(LEAD) is None
