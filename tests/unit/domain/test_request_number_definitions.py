"""Presales numbers a manager reads: turnaround, acceptance rate, load and overdue, per type and per engineer.

The week of Monday 1 March 2027 in Shanghai, one queue working 09:00-18:00 on weekdays:
1. demo raised Mon 09:00, sent to ENG1, accepted 11:00, done Wed 09:00;
2. demo raised Mon 17:00, sent to ENG2, declined Tue 10:00, sent to ENG1, accepted Tue 12:00;
3. poc raised Tue 09:00 needed by Thu, sent to ENG2, moved by the lead to ENG1 on Fri 09:00, not accepted;
4. demo raised the week before, accepted by ENG2, not done (load only);
5. poc raised Wed 09:00, nobody has it yet.
"""

from collections.abc import Mapping
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from domain.entities import ResourceRequest
from domain.request_numbers import RequestNumbers, RequestStep, Tally, median, p90, request_numbers, story
from domain.working_hours import WorkingCalendar, standard_calendar

SHANGHAI = ZoneInfo("Asia/Shanghai")
EAST = {"east": standard_calendar("Asia/Shanghai")}
ENG1, ENG2, LEAD, REP = "U0ENG1", "U0ENG2", "U0LEAD", "U0REP1"
SINCE = datetime(2027, 3, 1, tzinfo=SHANGHAI).astimezone(UTC)
NEXT_MONDAY = date(2027, 3, 8)


def at(day: int, hour: int) -> datetime:
    """March 2027, a local hour in Shanghai, as the UTC instant the store keeps."""
    return datetime(2027, 3, day, hour, tzinfo=SHANGHAI).astimezone(UTC)


def req(rid: int, kind: str, raised: datetime, state: str, holder: str | None = None,
        needed_by: date | None = None) -> ResourceRequest:
    return ResourceRequest(rid, kind, REP, needed_by=needed_by, state=state, queue="east", assignee_slack_id=holder,
                           created_at=raised)


REQUESTS = [req(1, "demo", at(1, 9), "done", ENG1, needed_by=date(2027, 3, 2)),
            req(2, "demo", at(1, 17), "accepted", ENG1),
            req(3, "poc", at(2, 9), "open", ENG1, needed_by=date(2027, 3, 4)),
            req(4, "demo", datetime(2027, 2, 22, 2, tzinfo=UTC), "accepted", ENG2, needed_by=NEXT_MONDAY),
            req(5, "poc", at(3, 9), "open")]
STEPS = [RequestStep(1, at(1, 9), "assigned", None, ENG1), RequestStep(1, at(1, 11), "accepted", ENG1),
         RequestStep(1, at(3, 9), "done", ENG1),
         RequestStep(2, at(1, 17), "assigned", None, ENG2), RequestStep(2, at(2, 10), "declined", ENG2, "出差"),
         RequestStep(2, at(2, 10), "assigned", None, ENG1), RequestStep(2, at(2, 12), "accepted", ENG1),
         RequestStep(3, at(2, 9), "assigned", None, ENG2), RequestStep(3, at(5, 9), "reassigned", LEAD, ENG1),
         RequestStep(4, datetime(2027, 2, 22, 3, tzinfo=UTC), "accepted", ENG2)]


def numbers(calendars: Mapping[str, WorkingCalendar] | None = EAST) -> RequestNumbers:
    return request_numbers(REQUESTS, STEPS, since=SINCE, today=NEXT_MONDAY, calendars=calendars)


def test_a_type_counts_the_weeks_requests_and_the_share_taken_on_the_first_offer() -> None:
    by_type = dict(numbers().by_type)
    assert list(by_type) == ["demo", "poc"], "in the schema's order"
    demo, poc = by_type["demo"], by_type["poc"]
    assert (demo.count, demo.accepted, demo.decided, demo.acceptance_rate) == (2, 1, 2, 0.5), "2 was declined first"
    assert (poc.count, poc.decided, poc.acceptance_rate) == (2, 1, 0.0), "3 was reassigned, 5 undecided"


def test_a_types_turnaround_counts_working_hours_from_being_raised() -> None:
    demo = dict(numbers().by_type)["demo"]
    assert demo.accept_hours == (2.0, 4.0), "Mon 09→11; Mon 17→18 and Tue 09→12"
    assert (demo.median_accept, demo.p90_accept) == (3.0, 4.0)
    assert demo.done_hours == (18.0,), "Mon 09:00 to Wed 09:00 is two working days"


def test_without_a_calendar_turnaround_is_wall_clock_hours() -> None:
    demo = dict(numbers(calendars=None).by_type)["demo"]
    assert demo.accept_hours == (2.0, 19.0) and demo.median_accept == 10.5
    assert demo.done_hours == (48.0,)


def test_load_and_overdue_are_as_of_today_whenever_the_request_was_raised() -> None:
    found = numbers()
    demo, poc = dict(found.by_type)["demo"], dict(found.by_type)["poc"]
    assert (demo.open_load, poc.open_load) == (2, 2), "4 was raised the week before and is still held"
    assert [r.id for r in found.overdue] == [3], "1 is done; 4 is needed today, not before"
    assert (found.overall.count, found.overall.open_load, found.overall.overdue) == (4, 4, 1)
    assert found.overall.acceptance_rate == 1 / 3


def test_an_engineer_is_timed_from_when_the_request_was_put_before_them() -> None:
    engineers = dict(numbers().by_engineer)
    eng1 = engineers[ENG1]
    assert (eng1.count, eng1.acceptance_rate) == (2, 1.0)
    assert eng1.accept_hours == (2.0, 2.0), "request 2 counts from Tue 10:00, when ENG2 declined it"
    assert eng1.done_hours == (16.0,), "from taking it Mon 11:00 to done Wed 09:00"
    assert (eng1.open_load, eng1.overdue) == (2, 1), "2 accepted, 3 proposed to them and overdue"


def test_a_decline_and_a_reassignment_away_count_against_the_engineer_not_the_lead() -> None:
    found = numbers()
    assert [who for who, _ in found.by_engineer] == [ENG1, ENG2], "busiest first; the lead only moved one"
    eng2 = dict(found.by_engineer)[ENG2]
    assert (eng2.count, eng2.accepted, eng2.decided, eng2.acceptance_rate) == (0, 0, 2, 0.0)
    assert eng2.open_load == 1, "request 4, taken before the period"


def test_a_queue_member_nobody_sent_anything_shows_with_zeros() -> None:
    found = request_numbers(REQUESTS, STEPS, since=SINCE, today=NEXT_MONDAY, members=["U0ENG9"])
    assert dict(found.by_engineer)["U0ENG9"] == Tally()
    assert dict(found.by_engineer)["U0ENG9"].acceptance_rate is None


def test_a_reassignment_with_a_written_note_loses_the_holder_but_still_counts_against_the_one_who_had_it() -> None:
    steps = [RequestStep(9, at(1, 9), "accepted", ENG1), RequestStep(9, at(1, 10), "reassigned", ENG1, "busy")]
    told = story(at(1, 9), steps)
    assert told.passed_by == (ENG1,) and told.first_decision == "accepted"


def test_median_and_nearest_rank_p90() -> None:
    assert median([]) is None and p90([]) is None
    assert median([5.0, 1.0, 3.0, 2.0]) == 2.5
    assert p90([float(h) for h in range(1, 11)]) == 9.0 and p90([float(h) for h in range(1, 12)]) == 10.0
