"""Channel, planned meetings, presales requests, pitched points, birthdays, notes and unparsed clauses."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from domain.understanding import understand
from domain.understanding.requests import asking_sentences

NOW = datetime(2026, 12, 9, 9, 0, tzinfo=timezone(timedelta(hours=8)))


@pytest.mark.parametrize(("text", "channel"), [
    ("和长江证券的张伟开了腾讯会议。", "online_meeting"),
    ("Zoom with Sofia Alvarez today.", "online_meeting"),
    ("和瑞通证券的高总微信聊了几句。", "message"),
    ("Emailed Julia Schmidt the case studies.", "email"),
    ("跟东方电力的刘洋通了电话。", "call"),
    ("和恒通物流的赵总打了一场高尔夫。", "meal"),
    ("Golf with Omar Haddad of Tailspin Toys.", "meal"),
    ("Met Anna Kowalski at the Fintech Summit yesterday.", "event"),
    ("今天上午在华康医院和赵刚碰了一下。", "meeting"),
    ("明天下午3点和恒通物流的赵总一起参观我们的展厅。", "other"),
])
def test_the_channel_of_the_logged_interaction(text: str, channel: str) -> None:
    assert understand(text, now=NOW).channel == channel


def test_a_planned_meeting_with_the_person_met() -> None:
    log = understand("今天和北辰能源的李经理视频沟通，下周二上午十点再约。", now=NOW)
    assert [(m.with_, m.on, m.at) for m in log.next_meetings] == [(("李经理",), date(2026, 12, 15), "10:00")]


def test_a_meeting_moved_to_another_day_is_read_as_the_meeting_planned() -> None:
    log = understand("和北辰银行李娜的会面改到后天下午三点。", now=NOW)
    assert [(m.with_, m.on, m.at) for m in log.next_meetings] == [(("李娜",), date(2026, 12, 11), "15:00")]


def test_a_planned_visit_with_two_people_at_an_evening_hour() -> None:
    log = understand("和鼎盛地产的黄总、马骏约了下周四晚上七点吃饭。", now=NOW)
    assert [(m.with_, m.on, m.at) for m in log.next_meetings] == [(("黄总", "马骏"), date(2026, 12, 17), "19:00")]


def test_an_english_plan_on_a_named_date() -> None:
    log = understand("Meeting with Carlos Mendes on Dec 15 at 10:30 to review the POC results.", now=NOW)
    assert [(m.with_, m.on, m.at) for m in log.next_meetings] == [(("Carlos Mendes",), date(2026, 12, 15), "10:30")]


def test_a_deadline_is_a_request_not_a_meeting() -> None:
    log = understand("需要售前下周五之前给恒通物流做一次POC，赵总和孙丽会参加。", now=NOW)
    assert log.next_meetings == ()
    assert [(r.type, r.needed_by, r.for_) for r in log.resource_requests] == [
        ("poc", date(2026, 12, 18), ("赵总", "孙丽"))]


@pytest.mark.parametrize(("text", "kind", "needed_by"), [
    ("Need an expert talk on data security for Woodgrove Bank before Dec 20.", "expert_talk", date(2026, 12, 20)),
    ("We need a demo for Sofia Alvarez's team by next Friday.", "demo", date(2026, 12, 18)),
    ("请售前安排一次方案研讨，月底前完成。", "solution_workshop", None),
    ("需要投标支持。", "bid_support", None),
])
def test_presales_requests(text: str, kind: str, needed_by: date | None) -> None:
    (req,) = understand(text, now=NOW).resource_requests
    assert req.type == kind
    if needed_by:
        assert req.needed_by == needed_by


def test_sending_material_is_not_a_request() -> None:
    assert understand("Sent Julia Schmidt our brochure by email.", now=NOW).resource_requests == ()


def test_pitched_points_in_chinese_and_english() -> None:
    zh = understand("与瑞通证券的高总喝茶，我们讲了三点优势：部署快、成本低、本地化服务。", now=NOW)
    en = understand("Walked Omar Haddad through our two points: zero downtime migration and fixed pricing.", now=NOW)
    assert zh.pitched == ("部署快", "成本低", "本地化服务")
    assert en.pitched == ("zero downtime migration", "fixed pricing")


@pytest.mark.parametrize(("text", "name", "birthday", "lunar"), [
    ("周杰的生日是农历八月十五。", "周杰", "08-15", True),
    ("孙丽的生日是3月12日。", "孙丽", "03-12", False),
    ("王总生日是阴历腊月初三。", "王总", "12-03", True),
    ("Kenji Tanaka's birthday is March 3.", "Kenji Tanaka", "03-03", False),
    ("Anna Kowalski's birthday is 07/21.", "Anna Kowalski", "07-21", False),
])
def test_birthdays(text: str, name: str, birthday: str, lunar: bool) -> None:
    (p,) = understand(text, now=NOW).people
    assert (p.name, p.birthday, p.birthday_lunar) == (name, birthday, lunar)


def test_a_birthday_date_is_not_when_the_log_happened() -> None:
    assert understand("孙丽的生日是3月12日。", now=NOW).occurred_on == NOW.date()


def test_clauses_nothing_was_understood_from_are_unparsed() -> None:
    log = understand("和恒通物流的赵总吃了晚饭，天气不错。", now=NOW)
    assert log.unparsed == ("天气不错",)


def test_an_empty_log_is_empty() -> None:
    log = understand("嗯。", now=NOW)
    assert log.is_empty() and log.channel == "other" and log.occurred_on == NOW.date()


def test_customers_visiting_our_showroom_is_a_site_visit_with_both_present() -> None:
    log = understand("昨天华信银行的王磊和周杰来我司参观了展厅。", now=NOW)
    assert log.channel == "site_visit" and log.occurred_on == date(2026, 12, 8)
    assert all(p.present for p in log.people)


def test_a_video_call_in_the_past_is_not_read_as_a_plan() -> None:
    log = understand("和华信银行的王磊视频会，他说评分办法还不清楚。", now=NOW)
    assert log.channel == "online_meeting"


def test_a_friday_log_resolves_weekdays_against_its_own_date() -> None:
    friday = datetime(2026, 12, 11, 18, 0, tzinfo=timezone(timedelta(hours=8)))
    log = understand("周二和西部矿业韩雪开了视频会议，下周三下午3点再碰一次。", now=friday)
    assert log.occurred_on == date(2026, 12, 8)
    assert [(m.on, m.at) for m in log.next_meetings] == [(date(2026, 12, 16), "15:00")]


def test_a_request_keeps_the_sentence_that_asks_for_help_not_the_reps_whole_day() -> None:
    note = "今天给北辰银行的孙立新打了电话，他说预算已经批了。需要售前下周二前做一场产品演示。我计划下周四10点再去拜访。"
    assert asking_sentences(note, "demo") == "需要售前下周二前做一场产品演示"
    assert asking_sentences("We need a demo for their architects; lunch was fine.", "demo") == \
        "We need a demo for their architects"
    assert asking_sentences("和客户吃了饭", "poc") == "和客户吃了饭", "nothing asks on its own: the whole note"
