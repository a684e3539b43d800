"""The presales service level through the real worker tick on the movable clock: a request nobody accepts reaches
the queue lead and then the requester's manager once each, at the right local time and not on a holiday; an
accepted one never escalates, and its assignee hears of the needed-by day on the queue's mornings."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from slack_sdk import WebClient

from bot.worker import worker_tick
from domain.entities import Deal, ResourceRequest, SlackMessage, User
from domain.outbox import REQUEST_SLA, REQUEST_THREAD
from handlers import ids
from sandbox.local import TEAM, LocalRapport
from sandbox.render import render_message
from services.clock import MovableClock
from services.outbox import TickReport
from tests.e2e.conftest import REP, button, press

LEAD, BOSS, ENGINEER = "U0LEAD0001", "U0BOSS0001", "U0ENGR0001"
QUEUE_CHANNEL = "C0EAST0001"
SHANGHAI = ZoneInfo("Asia/Shanghai")
WED, THU, FRI, MON = date(2026, 12, 9), date(2026, 12, 10), date(2026, 12, 11), date(2026, 12, 14)
STEP = timedelta(minutes=15)
RULES = f"""
timezone = "Asia/Shanghai"
holidays = [{THU.isoformat()}]

[[queues]]
name = "solutions-east"
channel = "{QUEUE_CHANNEL}"
lead = "{LEAD}"
accept_within_hours = 2
manager_after_hours = 4
members = ["{ENGINEER}"]

[queues.hours]
mon = "09:00-18:00"
tue = "09:00-18:00"
wed = "09:00-18:00"
thu = "09:00-18:00"
fri = "09:00-18:00"

[[rules]]
types = ["demo"]
queue = "solutions-east"
"""


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """A wall-clock time in Shanghai as the UTC instant the clock shows."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=SHANGHAI).astimezone(UTC)


@pytest.fixture
def worker(local: LocalRapport, clock: MovableClock, tmp_path: Path) -> Callable[[], TickReport]:
    """The real worker's tick, started with RAPPORT_PRESALES_RULES naming a Shanghai queue with a holiday."""
    rules = tmp_path / "presales-rules.toml"
    rules.write_text(RULES, encoding="utf-8")
    settings = local.runtime.settings.model_copy(update={"rapport_presales_rules": rules})
    local.standin.add_user(LEAD, "wang.fang", "王芳", tz="Asia/Shanghai", locale="zh-CN")
    local.standin.add_user(BOSS, "zhou.min", "周敏", tz="Asia/Shanghai", locale="zh-CN")
    local.standin.add_user(ENGINEER, "sam", "Sam Carter", tz="America/New_York", locale="en-US")
    with local.uow_factory(TEAM) as uow:
        uow.users.save(User(REP, "林晓", locale="zh-CN", tz="Asia/Shanghai", manager_slack_id=BOSS))
        uow.users.save(User(LEAD, "王芳", role="presales", locale="zh-CN", tz="Asia/Shanghai"))
        uow.users.save(User(ENGINEER, "Sam Carter", role="presales", locale="en-US", tz="America/New_York"))
        uow.commit()
    return worker_tick(settings, local.runtime.engine, local.uow_factory.sessions, clock=clock)


def _raise_request(local: LocalRapport, created: datetime, needed_by: date) -> tuple[int, str]:
    """A demo for 北辰银行 routed to the Shanghai queue, with the requester's thread open in their DM."""
    bot = WebClient(token="xoxb-sandbox", base_url=local.standin.api_url)
    opened = bot.chat_postMessage(channel=REP, text="你的产品演示请求已发到 #presales-east")
    card = bot.chat_postMessage(channel=QUEUE_CHANNEL, text="产品演示 · 北辰银行")
    with local.uow_factory(TEAM) as uow:
        bank = uow.accounts.add(name="北辰银行", now=created, owner_slack_id=REP, industry="银行", region="华东")
        deal = uow.deals.add(Deal(0, "核心系统改造", bank.id, stage="proposal", owner_slack_id=REP), now=created)
        made = uow.resource_requests.add(ResourceRequest(0, "demo", REP, needed_by, "给行方科技部演示核心系统迁移",
                                                         bank.id, deal.id), now=created)
        uow.requests.routed(made.id, queue="solutions-east", rule_index=0, facts={"region": "华东"}, now=created)
        uow.requests.carded(made.id, queue_card=SlackMessage(QUEUE_CHANNEL, str(card["ts"])),
                            thread=SlackMessage(str(opened["channel"]), str(opened["ts"])))
        uow.commit()
    return made.id, str(opened["ts"])


def _run(local: LocalRapport, clock: MovableClock, tick: Callable[[], TickReport], until: datetime
         ) -> list[tuple[datetime, str, str]]:
    """Tick every STEP up to `until`; (when, kind, recipient) of each service-level message the worker posted."""
    posted: list[tuple[datetime, str, str]] = []
    while clock.now() < until:
        clock.advance(STEP)
        report = tick()
        with local.uow_factory(TEAM) as uow:
            sent = [d for d in map(uow.outbox.get, report.sent) if d and d.kind in (REQUEST_SLA, REQUEST_THREAD)]
        posted += [(clock.now(), d.kind, d.recipient_slack_id) for d in sent]
    return posted


def _dms(local: LocalRapport, user: str) -> list[dict[str, Any]]:
    return [m for m in local.standin.messages(local.standin.dm_channel(user)) if m.get("bot_id")]


def _thread(local: LocalRapport, root: str) -> list[str]:
    return [render_message(m).text for m in local.standin.messages(local.standin.dm_channel(REP))
            if m.get("thread_ts") == root and m["ts"] != root]


def _request(local: LocalRapport, request_id: int) -> ResourceRequest | None:
    with local.uow_factory(TEAM) as uow:
        return uow.requests.get(request_id)


def _events(local: LocalRapport, request_id: int) -> list[str]:
    with local.uow_factory(TEAM) as uow:
        return [kind for _at, _who, kind, _note in uow.requests.events(request_id)]


def test_an_unaccepted_request_reaches_the_lead_once_on_the_first_working_hour_after_the_holiday_then_the_manager(
        local: LocalRapport, clock: MovableClock, worker: Callable[[], TickReport]) -> None:
    clock.set(at(WED, 16, 30))  # 1.5 working hours left on Wednesday, Thursday a holiday
    request_id, root = _raise_request(local, clock.now(), needed_by=date(2026, 12, 18))
    posted = _run(local, clock, worker, until=at(MON, 12))
    assert [(when, kind, to) for when, kind, to in posted if kind == REQUEST_SLA] == [
        (at(FRI, 9, 30), REQUEST_SLA, LEAD), (at(FRI, 11, 30), REQUEST_SLA, BOSS)]
    (to_lead,) = _dms(local, LEAD)
    text = render_message(to_lead).text
    assert "北辰银行 的产品演示请求已等待 2 个工作小时，仍无人接受" in text
    assert "项目：*核心系统改造" in text and "需要日期：*12月18日（周五） · 7 天后" in text
    assert f"队列：#{QUEUE_CHANNEL} · 请求卡片 (https://slack.com/archives/{QUEUE_CHANNEL}/p" in text
    assert f"请求人：@{REP}" in text and button(to_lead, ids.REQUEST_ACCEPT)["value"] == str(request_id)
    (to_boss,) = _dms(local, BOSS)
    assert f"@{REP} 为 北辰银行 提的产品演示请求已等待 4 个工作小时" in render_message(to_boss).text
    assert _thread(local, root) == [f"已 2 个工作小时无人接受：我已告知队列负责人 @{LEAD}。",
                                    f"已 4 个工作小时仍无人接受：我已告知你的经理 @{BOSS}。"]
    assert _events(local, request_id).count("escalated_lead") == 1
    assert _events(local, request_id).count("escalated_manager") == 1


def test_the_lead_takes_the_request_with_accept_in_the_escalation_and_the_manager_never_hears(
        local: LocalRapport, clock: MovableClock, worker: Callable[[], TickReport]) -> None:
    clock.set(at(WED, 16, 30))
    request_id, root = _raise_request(local, clock.now(), needed_by=date(2026, 12, 18))
    _run(local, clock, worker, until=at(FRI, 9, 30))
    (to_lead,) = _dms(local, LEAD)
    assert press(local, LEAD, to_lead, ids.REQUEST_ACCEPT) == 200
    taken = local.standin.wait_for(lambda: (r := _request(local, request_id)) and r.state == "accepted" and r)
    assert taken.assignee_slack_id == LEAD
    _run(local, clock, worker, until=at(MON, 12))
    assert _dms(local, BOSS) == [] and "escalated_manager" not in _events(local, request_id)


def test_a_lead_named_in_an_edit_of_the_rules_file_gets_the_escalation_without_a_restart(
        local: LocalRapport, clock: MovableClock, worker: Callable[[], TickReport], tmp_path: Path) -> None:
    clock.set(at(WED, 16, 30))
    _raise_request(local, clock.now(), needed_by=date(2026, 12, 18))
    _run(local, clock, worker, until=at(WED, 17))
    rules = tmp_path / "presales-rules.toml"
    rules.write_text(RULES.replace(f'lead = "{LEAD}"', f'lead = "{BOSS}"'), encoding="utf-8")
    _run(local, clock, worker, until=at(FRI, 10))
    assert _dms(local, LEAD) == [] and len(_dms(local, BOSS)) == 1


def test_a_request_accepted_before_its_deadline_never_escalates(
        local: LocalRapport, clock: MovableClock, worker: Callable[[], TickReport]) -> None:
    clock.set(at(WED, 16, 30))
    request_id, root = _raise_request(local, clock.now(), needed_by=date(2026, 12, 28))
    clock.set(at(WED, 17, 45))
    with local.uow_factory(TEAM) as uow:
        assert uow.requests.accept(request_id, by=ENGINEER, now=clock.now())
        uow.commit()
    posted = _run(local, clock, worker, until=at(MON, 18))
    assert posted == [] and _dms(local, LEAD) == [] and _dms(local, BOSS) == [] and _thread(local, root) == []
    assert "escalated_lead" not in _events(local, request_id)


def test_the_assignee_is_reminded_once_two_working_days_before_and_on_the_morning_it_is_needed(
        local: LocalRapport, clock: MovableClock, worker: Callable[[], TickReport]) -> None:
    tue = WED - timedelta(days=1)
    clock.set(at(tue, 10))
    request_id, root = _raise_request(local, clock.now(), needed_by=MON)
    with local.uow_factory(TEAM) as uow:
        assert uow.requests.accept(request_id, by=ENGINEER, now=at(tue, 11))
        uow.commit()
    posted = _run(local, clock, worker, until=at(MON, 17))
    # Monday, then Friday and (past Thursday's holiday) Wednesday: at 09:00 in Shanghai, wherever the engineer is.
    assert [(when, to) for when, kind, to in posted if kind == REQUEST_SLA] == [(at(WED, 9), ENGINEER),
                                                                              (at(MON, 9), ENGINEER)]
    first, second = (render_message(m).text for m in _dms(local, ENGINEER))
    assert "Reminder: the demo for 北辰银行 you accepted is needed on Mon, Dec 14." in first
    assert "Reminder: the demo for 北辰银行 you accepted is needed today." in second
    assert _thread(local, root) == [f"已提醒 @{ENGINEER}：12月14日（周一）就要用到。", f"已提醒 @{ENGINEER}：今天就要用到。"]
    assert _events(local, request_id).count("reminded") == 2
