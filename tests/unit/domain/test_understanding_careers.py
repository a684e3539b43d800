"""Promotions and join dates read from a log: who, which kind, on which day, and what is not one."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from domain.meeting_log import CareerDate, MeetingLog, PersonMention
from domain.understanding import understand

NOW = datetime(2026, 12, 9, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))  # a Wednesday


def _person(text: str, name: str) -> PersonMention:
    log = understand(text, now=NOW)
    found = [p for p in log.people if p.name == name]
    assert found, f"{name} not found in {[p.name for p in log.people]}"
    return found[0]


def _dates(text: str, name: str) -> list[tuple[str, str]]:
    return [(d.kind, d.on.isoformat()) for d in _person(text, name).occasions]


@pytest.mark.parametrize(("text", "name", "expected"), [
    ("李娜上个月升任CTO", "李娜", [("promotion", "2026-11-01")]),
    ("张伟刚晋升为副行长", "张伟", [("promotion", "2026-12-09")]),
    ("昨天和王芳吃饭，她上周荣升信息部总监", "王芳", [("promotion", "2026-11-30")]),
    ("刘强3月5日被提拔为处长", "刘强", [("promotion", "2026-03-05")]),
    ("昨天见了赵敏，她刚升职了", "赵敏", [("promotion", "2026-12-08")]),
])
def test_a_chinese_promotion_is_dated_by_its_own_words_or_by_the_log(text: str, name: str,
                                                                      expected: list[tuple[str, str]]) -> None:
    assert _dates(text, name) == expected


@pytest.mark.parametrize(("text", "name", "expected"), [
    ("Priya was promoted to VP last week.", "Priya", [("promotion", "2026-11-30")]),
    ("Lena just got promoted.", "Lena", [("promotion", "2026-12-09")]),
    ("Met Mark Evans yesterday; he was named CFO in October.", "Mark Evans", [("promotion", "2026-10-01")]),
    ("Had coffee with Priya; congratulated her on her promotion to Head of IT.", "Priya",
     [("promotion", "2026-12-09")]),
    ("Sarah Chen became CTO on Monday.", "Sarah Chen", [("promotion", "2026-12-07")]),
])
def test_an_english_promotion_is_dated_by_its_own_words_or_by_the_log(text: str, name: str,
                                                                       expected: list[tuple[str, str]]) -> None:
    assert _dates(text, name) == expected


@pytest.mark.parametrize(("text", "name", "expected"), [
    ("王芳2019年6月加入北辰银行", "王芳", [("work_anniversary", "2019-06-01")]),
    ("和王芳聊了聊，她入职五年了", "王芳", [("work_anniversary", "2021-12-09")]),
    ("赵敏2018年入职北辰银行", "赵敏", [("work_anniversary", "2018-12-09")]),
    ("孙丽在北辰银行工作了十年", "孙丽", [("work_anniversary", "2016-12-09")]),
    ("Raj joined Initech in March 2018.", "Raj", [("work_anniversary", "2018-03-01")]),
    ("Sarah Chen has been with Contoso for eight years.", "Sarah Chen", [("work_anniversary", "2018-12-09")]),
    ("Tom Baker joined Fabrikam five years ago.", "Tom Baker", [("work_anniversary", "2021-12-09")]),
    ("In May 2015 Lena Fischer joined Adventure Works.", "Lena Fischer", [("work_anniversary", "2015-05-01")]),
])
def test_a_join_date_becomes_a_work_anniversary_to_the_precision_the_text_gives(
        text: str, name: str, expected: list[tuple[str, str]]) -> None:
    assert _dates(text, name) == expected


@pytest.mark.parametrize(("text", "name"), [
    ("张伟说他们上周升级了系统", "张伟"),
    ("李娜希望明年能升职", "李娜"),
    ("孙总有望升任行长", "孙总"),
    ("张伟加入了我们的讨论", "张伟"),
    ("张伟说我们2019年加入了联盟", "张伟"),
    ("李娜说效率提升了三成", "李娜"),
    ("We promoted our new product at the expo with Priya.", "Priya"),
    ("Priya might be promoted next year.", "Priya"),
    ("Raj joined the call late.", "Raj"),
    ("The spring promotion ends Friday, Lena said.", "Lena"),
    ("Mark Evans wasn't promoted.", "Mark Evans"),
])
def test_upgrades_wishes_doubts_and_joining_a_call_are_not_career_dates(text: str, name: str) -> None:
    assert _dates(text, name) == []


def test_a_promotion_dated_only_by_a_year_is_not_kept() -> None:
    assert _dates("张总去年升任行长", "张总") == []


def test_the_new_title_a_promotion_names_becomes_the_persons_title() -> None:
    assert _person("李娜是IT总监，上个月升任CTO", "李娜").title == "CTO"
    assert _person("Priya was promoted to VP last week.", "Priya").title == "VP"


def test_the_log_in_the_brief_tells_a_promotion_and_an_anniversary_and_keeps_its_own_day() -> None:
    log = understand("昨天和北辰银行的李娜吃饭，她上个月刚升任CTO，2019年加入北辰银行", now=NOW)
    assert log.occurred_on == date(2026, 12, 8) and log.channel == "meal"
    li = log.people[0]
    assert li.name == "李娜" and li.title == "CTO"
    assert li.occasions == (CareerDate("promotion", date(2026, 11, 1)),
                            CareerDate("work_anniversary", date(2019, 12, 8)))


def test_the_day_of_a_promotion_is_not_taken_for_the_day_of_the_meeting() -> None:
    log = understand("李娜上周一升任CTO，昨天一起吃了饭", now=NOW)
    assert log.occurred_on == date(2026, 12, 8)
    assert _dates("李娜上周一升任CTO，昨天一起吃了饭", "李娜") == [("promotion", "2026-11-30")]


def test_a_three_character_name_jieba_knows_keeps_its_last_character() -> None:
    assert _person("李志刚晋升为副行长", "李志刚").occasions


def test_career_dates_survive_the_contract_json_and_leave_its_other_fields_alone() -> None:
    log = understand("王芳2019年6月加入北辰银行，她是信息部主任", now=NOW)
    data = log.to_json()
    assert data["people"][0]["occasions"] == [{"kind": "work_anniversary", "on": "2019-06-01"}]
    assert {"name", "title", "department", "account", "stance", "birthday", "present"} <= data["people"][0].keys()
    assert MeetingLog.from_json(data) == log
