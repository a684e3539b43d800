"""The working-hours clock: service levels count the queue's working hours, in its zone, not the night."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.working_hours import (
    WorkingCalendar,
    add_working_hours,
    parse_spans,
    standard_calendar,
    working_hours_between,
)

SHANGHAI, NEW_YORK = ZoneInfo("Asia/Shanghai"), ZoneInfo("America/New_York")
EAST = standard_calendar("Asia/Shanghai")  # Monday to Friday, 09:00-18:00
AMERICAS = standard_calendar("America/New_York", "09:00-17:00")
LUNCH = WorkingCalendar("Asia/Shanghai", weekly=(parse_spans("09:00-12:00, 13:30-18:00"),) * 5 + ((), ()))


def at(zone: ZoneInfo, year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """A local wall-clock time in zone, as the UTC instant the clock hands the code."""
    return datetime(year, month, day, hour, minute, tzinfo=zone).astimezone(UTC)


def local(instant: datetime, zone: ZoneInfo) -> datetime:
    return instant.astimezone(zone).replace(tzinfo=None)


# adding working hours

def test_friday_five_pm_plus_four_working_hours_is_monday_noon() -> None:
    due = add_working_hours(at(SHANGHAI, 2027, 3, 5, 17), 4, EAST)
    assert local(due, SHANGHAI) == datetime(2027, 3, 8, 12)
    assert due.tzinfo == UTC


def test_a_holiday_monday_pushes_the_deadline_to_tuesday() -> None:
    calendar = WorkingCalendar(EAST.zone, EAST.weekly, holidays=frozenset({date(2027, 3, 8)}))
    due = add_working_hours(at(SHANGHAI, 2027, 3, 5, 17), 4, calendar)
    assert local(due, SHANGHAI) == datetime(2027, 3, 9, 12)


def test_a_request_raised_at_night_starts_counting_next_morning() -> None:
    due = add_working_hours(at(SHANGHAI, 2027, 3, 9, 23, 30), 2, EAST)
    assert local(due, SHANGHAI) == datetime(2027, 3, 10, 11)


def test_the_lunch_break_does_not_count() -> None:
    due = add_working_hours(at(SHANGHAI, 2027, 3, 9, 11), 2, LUNCH)
    assert local(due, SHANGHAI) == datetime(2027, 3, 9, 14, 30)


def test_a_makeup_saturday_is_worked() -> None:
    calendar = WorkingCalendar(EAST.zone, EAST.weekly, makeup_days={date(2027, 2, 20): parse_spans("09:00-18:00")})
    due = add_working_hours(at(SHANGHAI, 2027, 2, 19, 17), 4, calendar)
    assert local(due, SHANGHAI) == datetime(2027, 2, 20, 12)


def test_an_hour_that_ends_at_closing_time_is_due_at_closing_not_next_morning() -> None:
    due = add_working_hours(at(SHANGHAI, 2027, 3, 9, 17), 1, EAST)
    assert local(due, SHANGHAI) == datetime(2027, 3, 9, 18)


def test_the_same_instant_falls_due_at_different_times_in_shanghai_and_new_york() -> None:
    raised = datetime(2027, 3, 9, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai, 21:00 the evening before in New York
    assert local(add_working_hours(raised, 2, EAST), SHANGHAI) == datetime(2027, 3, 9, 12)
    assert local(add_working_hours(raised, 2, AMERICAS), NEW_YORK) == datetime(2027, 3, 9, 11)


def test_the_week_new_york_springs_forward_keeps_nine_to_five_local() -> None:
    # Clocks go forward on Sunday 14 March 2027: Monday 10:00 is 14:00 UTC, not 15:00 as on the Friday.
    due = add_working_hours(at(NEW_YORK, 2027, 3, 12, 16), 2, AMERICAS)
    assert local(due, NEW_YORK) == datetime(2027, 3, 15, 10)
    assert due == datetime(2027, 3, 15, 14, tzinfo=UTC)


def test_the_week_new_york_falls_back_keeps_nine_to_five_local() -> None:
    due = add_working_hours(at(NEW_YORK, 2027, 11, 5, 16), 2, AMERICAS)
    assert local(due, NEW_YORK) == datetime(2027, 11, 8, 10)
    assert due == datetime(2027, 11, 8, 15, tzinfo=UTC)


def test_a_round_the_clock_queue_has_twenty_three_hours_on_the_day_clocks_spring_forward() -> None:
    always = WorkingCalendar("America/New_York", weekly=(parse_spans("00:00-24:00"),) * 7)
    sunday = at(NEW_YORK, 2027, 3, 14, 0)
    assert working_hours_between(sunday, at(NEW_YORK, 2027, 3, 15, 0), always) == 23
    assert local(add_working_hours(sunday, 24, always), NEW_YORK) == datetime(2027, 3, 15, 1)


def test_zero_hours_is_the_start_itself() -> None:
    start = at(SHANGHAI, 2027, 3, 6, 20)
    assert add_working_hours(start, 0, EAST) == start


def test_negative_hours_naive_instants_and_a_calendar_that_never_works_are_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        add_working_hours(at(SHANGHAI, 2027, 3, 9, 10), -1, EAST)
    with pytest.raises(ValueError, match="aware"):
        add_working_hours(datetime(2027, 3, 9, 10), 1, EAST)
    with pytest.raises(ValueError, match="no working hours"):
        add_working_hours(at(SHANGHAI, 2027, 3, 9, 10), 1, WorkingCalendar("Asia/Shanghai", weekly=((),) * 7))


# working hours elapsed

def test_a_weekend_between_friday_afternoon_and_monday_morning_counts_only_working_hours() -> None:
    elapsed = working_hours_between(at(SHANGHAI, 2027, 3, 5, 17), at(SHANGHAI, 2027, 3, 8, 10), EAST)
    assert elapsed == 2


def test_nothing_has_elapsed_when_the_end_is_before_the_start() -> None:
    assert working_hours_between(at(SHANGHAI, 2027, 3, 9, 12), at(SHANGHAI, 2027, 3, 9, 10), EAST) == 0


def test_a_holiday_week_counts_nothing() -> None:
    week = frozenset(date(2027, 2, 8) + timedelta(days=i) for i in range(5))
    calendar = WorkingCalendar(EAST.zone, EAST.weekly, holidays=week)
    assert working_hours_between(at(SHANGHAI, 2027, 2, 6, 0), at(SHANGHAI, 2027, 2, 14, 0), calendar) == 0


@given(st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2028, 12, 31), timezones=st.just(UTC)),
       st.integers(min_value=1, max_value=60 * 200))
def test_the_hours_added_are_the_hours_that_then_elapse(start: datetime, minutes: int) -> None:
    for calendar in (LUNCH, AMERICAS):
        due = add_working_hours(start, minutes / 60, calendar)
        assert working_hours_between(start, due, calendar) == pytest.approx(minutes / 60)


# writing hours

@pytest.mark.parametrize("text, spans", [
    ("09:00-18:00", ((time(9), time(18)),)),
    (" 9:00 - 12:00 , 13:30-18:00 ", ((time(9), time(12)), (time(13, 30), time(18)))),
    ("closed", ()),
    ("", ()),
    ("00:00-24:00", ((time(0), None),)),
])
def test_hours_are_written_as_spans_of_a_day(text: str, spans: tuple) -> None:
    assert parse_spans(text) == spans


@pytest.mark.parametrize("text, why", [
    ("18:00-09:00", "ends before it starts"),
    ("9-18", "not a span"),
    ("25:00-26:00", "not a time of day"),
    ("09:00-13:00, 12:00-18:00", "overlap"),
])
def test_hours_that_are_no_span_of_a_day_are_refused(text: str, why: str) -> None:
    with pytest.raises(ValueError, match=why):
        parse_spans(text)
