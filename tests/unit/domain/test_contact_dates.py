"""A contact's dates to remember: kept once, and a promotion congratulated while it is still news."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from domain.contact_dates import first_morning_after, new_dates, promotion_news
from domain.entities import Account, Contact
from domain.log_plan import plan_log
from domain.meeting_log import CareerDate, MeetingLog, PersonMention
from domain.occasions import CustomDate

TODAY = date(2026, 12, 9)
BANK = Account(1, "北辰银行")
LI = Contact(3, "李娜", account_id=1, account_name="北辰银行", title="CTO")
JOINED = CareerDate("work_anniversary", date(2019, 6, 1))
PROMOTED = CareerDate("promotion", date(2026, 11, 1))


def _log(*people: PersonMention) -> MeetingLog:
    return MeetingLog(occurred_on=date(2026, 12, 8), channel="meal", account="北辰银行", notes="…", people=people)


def test_a_promotion_last_month_is_news_and_is_congratulated_on_its_own_day() -> None:
    assert promotion_news(CustomDate("promotion", 11, 1, 2026), TODAY) == date(2026, 11, 1)


def test_a_promotion_half_a_year_ago_is_history_and_one_ahead_is_left_to_the_worker() -> None:
    assert promotion_news(CustomDate("promotion", 6, 1, 2026), TODAY) is None
    assert promotion_news(CustomDate("promotion", 12, 20, 2026), TODAY) is None
    assert promotion_news(CustomDate("work_anniversary", 12, 1, 2019), TODAY) is None


def test_the_same_occasion_on_the_same_day_is_kept_once() -> None:
    known = [CustomDate("work_anniversary", 6, 1, 2019)]
    assert new_dates([CustomDate("work_anniversary", 6, 1, 2019), CustomDate("promotion", 11, 1, 2026),
                      CustomDate("promotion", 11, 1, 2026)], known) == (CustomDate("promotion", 11, 1, 2026),)


def test_two_custom_dates_on_one_day_are_both_kept_when_their_names_differ() -> None:
    wedding, child = CustomDate("custom", 5, 20, label="结婚纪念日"), CustomDate("custom", 5, 20, label="孩子生日")
    assert new_dates([child], [wedding]) == (child,)
    assert new_dates([wedding], [wedding]) == ()


def test_a_congratulation_arrives_this_morning_if_it_is_still_ahead_else_tomorrow_morning() -> None:
    early = datetime(2026, 12, 8, 23, 0, tzinfo=UTC)  # 07:00 on 9 December in Shanghai
    late = datetime(2026, 12, 9, 6, 0, tzinfo=UTC)  # 14:00
    assert first_morning_after(early, "Asia/Shanghai", time(8, 30)) == datetime(2026, 12, 9, 0, 30, tzinfo=UTC)
    assert first_morning_after(late, "Asia/Shanghai", time(8, 30)) == datetime(2026, 12, 10, 0, 30, tzinfo=UTC)


def test_the_plan_lists_the_dates_a_log_tells_for_a_new_person() -> None:
    plan = plan_log(_log(PersonMention("王芳", occasions=(JOINED, PROMOTED))), account=BANK, contacts=[LI],
                    choices={})
    assert plan.people[0].dates == (CustomDate("work_anniversary", 6, 1, 2019), CustomDate("promotion", 11, 1, 2026))


def test_the_plan_leaves_out_a_date_already_kept_for_a_known_contact() -> None:
    plan = plan_log(_log(PersonMention("李娜", occasions=(JOINED, PROMOTED))), account=BANK, contacts=[LI],
                    choices={}, dates={LI.id: [CustomDate("work_anniversary", 6, 1, 2019)]})
    assert plan.people[0].contact == LI
    assert plan.people[0].dates == (CustomDate("promotion", 11, 1, 2026),)
