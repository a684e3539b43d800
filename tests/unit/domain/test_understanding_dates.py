"""Relative and absolute dates and clock times, resolved against the rep's local date."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from domain.understanding import understand
from domain.understanding.dates import find_dates, find_times

NOW = datetime(2026, 12, 9, 9, 0, tzinfo=timezone(timedelta(hours=8)))  # a Wednesday
TODAY = NOW.date()


def _occurred(text: str) -> date | None:
    return understand(text, now=NOW).occurred_on


def test_yesterday_afternoon_resolves_to_the_previous_day() -> None:
    assert _occurred("昨天下午拜访了恒通物流的赵总。") == date(2026, 12, 8)


def test_the_day_before_yesterday_is_two_days_back() -> None:
    assert _occurred("前天和华信银行的王磊吃了午饭。") == date(2026, 12, 7)


def test_a_log_without_a_date_happened_today() -> None:
    assert _occurred("和远洋集团的李总喝了茶。") == TODAY


def test_a_bare_weekday_in_a_past_clause_is_the_most_recent_such_day() -> None:
    assert _occurred("周一和长江证券的张伟开了视频会议。") == date(2026, 12, 7)


def test_last_week_friday_in_chinese_is_the_friday_of_the_previous_week() -> None:
    assert _occurred("上周五和北辰能源的李经理通了电话。") == date(2026, 12, 4)


def test_english_last_friday_and_yesterday() -> None:
    assert _occurred("Emailed Julia Schmidt the deck last Friday.") == date(2026, 12, 4)
    assert _occurred("Met Omar Haddad yesterday.") == date(2026, 12, 8)


def test_next_week_monday_is_in_the_following_calendar_week() -> None:
    hits = find_dates("下周一上午见", TODAY)
    assert hits[0].future == date(2026, 12, 14)


def test_on_monday_in_a_plan_is_the_next_such_day() -> None:
    log = understand("Meeting Carlos Mendes from Initech on Monday at 4pm.", now=NOW)
    assert [(m.on, m.at) for m in log.next_meetings] == [(date(2026, 12, 14), "16:00")]


def test_a_month_and_day_already_past_this_year_in_the_future_means_next_year() -> None:
    hits = find_dates("预计1月20日开标", TODAY)
    assert hits[0].future == date(2027, 1, 20)


def test_month_end_is_the_last_day_of_the_month() -> None:
    assert find_dates("月底", TODAY)[0].future == date(2026, 12, 31)
    assert find_dates("by the end of March", TODAY)[0].future == date(2027, 3, 31)


def test_chinese_clock_times_with_half_hours_and_chinese_numerals() -> None:
    assert [t.hhmm for t in find_times("上午9点半")] == ["09:30"]
    assert [t.hhmm for t in find_times("下午两点")] == ["14:00"]
    assert [t.hhmm for t in find_times("晚上七点")] == ["19:00"]
    assert [t.hhmm for t in find_times("上午十点一起去")] == ["10:00"]


def test_english_clock_times() -> None:
    assert [t.hhmm for t in find_times("at 2pm")] == ["14:00"]
    assert [t.hhmm for t in find_times("Dec 9 at 10:30")] == ["10:30"]


def test_counting_words_are_not_clock_times() -> None:
    assert find_times("我们讲了三点优势") == []
    assert find_times("便宜一点") == []


def test_lowercase_sat_and_may_are_not_dates() -> None:
    assert find_dates("we sat down and may 5 people join", TODAY) == []
