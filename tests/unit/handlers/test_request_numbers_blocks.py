"""The presales numbers read in Chinese and in English: rows per type and engineer, overdue named, my own list."""

from __future__ import annotations

import json
from datetime import date

from domain.entities import ResourceRequest
from domain.request_numbers import RequestNumbers, Tally
from handlers.blocks.request_numbers import digest_requests_blocks, hours_text, requests_blocks
from handlers.request_numbers import weeks_asked
from services.request_numbers import RequestNumbersView

DEMO = Tally(count=2, accepted=1, decided=2, accept_hours=(2.0, 4.0), done_hours=(18.0,), open_load=1)
ENG1 = Tally(count=2, accepted=2, decided=2, accept_hours=(2.0, 3.0), open_load=2, overdue=1)
LATE = ResourceRequest(5, "site_visit", "U0REP1", needed_by=date(2027, 3, 5), state="open", assignee_slack_id="U0ENG1")
NUMBERS = RequestNumbers(overall=Tally(count=3, accepted=1, decided=3, accept_hours=(2.0, 4.0), open_load=2, overdue=1),
                         by_type=(("demo", DEMO),), by_engineer=(("U0ENG1", ENG1),), overdue=(LATE,))


def _text(blocks: list[dict]) -> str:
    return json.dumps(blocks, ensure_ascii=False)


def test_a_managers_numbers_in_chinese_show_each_type_and_engineer() -> None:
    text = _text(requests_blocks(RequestNumbersView("team", 4, NUMBERS, working_hours=True), "zh-CN"))
    assert "*团队的售前请求* · 近4周" in text
    assert "提出3个 · 首次指派即接受33% · 接受用时中位数3小时（P90 4小时）" in text
    assert "*产品演示* · 提出2个 · 首次即接受50% · 接受用时中位数3小时 · 未完成1个" in text
    assert "<@U0ENG1> · 接手2个 · 接受率100% · 接受用时中位数2.5小时 · 手上2个" in text
    assert "参观考察（<@U0REP1>提出）· 需要于2027-03-05 · 等待<@U0ENG1>接受" in text
    assert "时长按队列的工作时间计算" in text


def test_a_reps_list_in_english_says_whom_each_open_request_waits_for() -> None:
    taken = ResourceRequest(6, "poc", "U0REP1", state="accepted", assignee_slack_id="U0ENG2")
    view = RequestNumbersView("own", 2, RequestNumbers(Tally(count=1), (), ()), raised=(LATE, taken))
    text = _text(requests_blocks(view, "en"))
    assert "*My presales requests* · last 2 weeks" in text and "By engineer" not in text
    assert "site visit · waiting for <@U0ENG1> to accept · needed by 2027-03-05" in text
    assert "POC · accepted by <@U0ENG2>" in text and "wall-clock hours" in text
    assert "1 raised · — taken on the first offer · median — to accept" in text


def test_nothing_raised_and_nothing_open_is_said_in_one_line() -> None:
    view = RequestNumbersView("all", 4, RequestNumbers(Tally(), (), ()))
    assert "No presales requests raised in the last 4 weeks, and none open." in _text(requests_blocks(view, "en"))


def test_the_digest_section_is_one_line_with_the_overdue_named_and_absent_without_requests() -> None:
    text = _text(digest_requests_blocks(NUMBERS, "en"))
    assert "*Presales requests this week*: 3 raised · 33% taken on the first offer · median 3 h to accept" in text
    assert "1 overdue:" in text and "site visit for <@U0REP1> · needed by 2027-03-05" in text
    assert digest_requests_blocks(None, "en") == []


def test_hours_read_without_a_trailing_zero_and_weeks_are_one_to_fifty_two() -> None:
    assert (hours_text(48.0, "en"), hours_text(2.5, "en"), hours_text(None, "en")) == ("48 h", "2.5 h", "—")
    assert (weeks_asked(""), weeks_asked(" 8 "), weeks_asked("0"), weeks_asked("53"), weeks_asked("two")) == \
        (4, 8, None, None, None)
