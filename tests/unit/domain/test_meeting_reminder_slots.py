"""When the two pitch cards of a meeting are due, and who in a meeting they brief."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from domain.pitch_reminders import EVENING, SOON, MeetingTimes, Membership, members_in, slots_due

SHANGHAI = "Asia/Shanghai"


def _times(on: date = date(2026, 12, 10), at: time | None = time(15, 0), tz: str = SHANGHAI) -> MeetingTimes:
    return MeetingTimes(on, at, tz, evening=time(18, 0), morning=time(8, 30))


def test_a_meeting_known_days_ahead_gets_its_evening_and_its_hour_before_card() -> None:
    slots = slots_due(_times(), datetime(2026, 12, 8, 1, 0, tzinfo=UTC))
    assert slots == [(EVENING, datetime(2026, 12, 9, 10, 0, tzinfo=UTC)), (SOON, datetime(2026, 12, 10, 6, 0, tzinfo=UTC))]


def test_the_evening_is_the_reps_own_evening_in_new_york() -> None:
    slots = dict(slots_due(_times(tz="America/New_York"), datetime(2026, 12, 8, 1, 0, tzinfo=UTC)))
    assert slots[EVENING] == datetime(2026, 12, 9, 23, 0, tzinfo=UTC)  # 18:00 EST on the 9th
    assert slots[SOON] == datetime(2026, 12, 10, 19, 0, tzinfo=UTC)  # 14:00 EST on the 10th


def test_a_meeting_logged_after_its_evening_gets_the_evening_card_at_once_while_hours_remain() -> None:
    late = datetime(2026, 12, 9, 14, 0, tzinfo=UTC)  # 22:00 in Shanghai, the meeting 17 hours away
    assert slots_due(_times(), late) == [(EVENING, late), (SOON, datetime(2026, 12, 10, 6, 0, tzinfo=UTC))]


def test_a_meeting_under_two_hours_away_gets_only_the_hour_before_card() -> None:
    close = datetime(2026, 12, 10, 5, 30, tzinfo=UTC)  # 13:30 in Shanghai, the meeting at 15:00
    assert slots_due(_times(), close) == [(SOON, datetime(2026, 12, 10, 6, 0, tzinfo=UTC))]


def test_a_meeting_under_an_hour_away_gets_no_card() -> None:
    assert slots_due(_times(), datetime(2026, 12, 10, 6, 30, tzinfo=UTC)) == []


def test_a_meeting_without_a_time_gets_its_second_card_at_the_reps_morning_of_the_day() -> None:
    slots = dict(slots_due(_times(at=None), datetime(2026, 12, 8, 1, 0, tzinfo=UTC)))
    assert slots[SOON] == datetime(2026, 12, 10, 0, 30, tzinfo=UTC)  # 08:30 in Shanghai


def test_a_meeting_on_a_deal_briefs_its_chain_members_and_one_without_a_deal_any_open_deals_members() -> None:
    places = [Membership(1, 10, "decision_maker", "supporter"), Membership(2, 11, "coach", "unknown"),
              Membership(2, 12, "influencer", "neutral")]
    assert [p.contact_id for p in members_in(10, (1, 2, 3), places)] == [1]
    assert [(p.contact_id, p.deal_id) for p in members_in(None, (3, 2, 1), places)] == [(2, 11), (1, 10)]
    assert members_in(None, (3,), places) == []


def test_on_new_yorks_spring_forward_day_the_hour_before_card_comes_sixty_real_minutes_before() -> None:
    # 03:30 EDT is 07:30 UTC; an hour before is 01:30 EST (06:30 UTC), not the meeting's start
    slots = dict(slots_due(_times(date(2026, 3, 8), time(3, 30), "America/New_York"),
                           datetime(2026, 3, 6, 12, 0, tzinfo=UTC)))
    assert slots[SOON] == datetime(2026, 3, 8, 6, 30, tzinfo=UTC)


def test_on_londons_spring_forward_day_the_hour_before_card_still_precedes_the_meeting_by_an_hour() -> None:
    times = _times(date(2026, 3, 29), time(2, 30), "Europe/London")  # 02:30 does not exist on the clock that night
    slots = dict(slots_due(times, datetime(2026, 3, 27, 12, 0, tzinfo=UTC)))
    assert times.start is not None
    assert times.start - slots[SOON] == timedelta(minutes=60)


def test_on_new_yorks_fall_back_day_the_hour_before_card_is_not_two_hours_early() -> None:
    times = _times(date(2026, 11, 1), time(2, 0), "America/New_York")  # 02:00 EST, 07:00 UTC
    slots = dict(slots_due(times, datetime(2026, 10, 30, 12, 0, tzinfo=UTC)))
    assert slots[SOON] == datetime(2026, 11, 1, 6, 0, tzinfo=UTC)


def test_a_meeting_within_two_real_hours_across_the_spring_forward_gets_no_late_evening_card() -> None:
    # at 01:15 EST (06:15 UTC) a 03:30 EDT meeting is 75 real minutes away, though the clock says 2 h 15
    late = datetime(2026, 3, 8, 6, 15, tzinfo=UTC)
    assert [slot for slot, _ in slots_due(_times(date(2026, 3, 8), time(3, 30), "America/New_York"), late)] == [SOON]


def test_a_meeting_on_no_deal_briefs_on_a_deal_the_rep_may_see_their_own_first() -> None:
    places = [Membership(1, 10, "decision_maker", "supporter"), Membership(1, 11, "coach", "unknown"),
              Membership(1, 12, "influencer", "neutral")]
    assert [p.deal_id for p in members_in(None, (1,), places, seen={11, 12}, own={12})] == [12]
    assert [p.deal_id for p in members_in(None, (1,), places, seen={11, 12})] == [11]
    assert members_in(None, (1,), places, seen=set()) == []
