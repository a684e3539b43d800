"""/rapport requests shows a manager how their team's presales requests were served and a rep only their own;
the Monday digest carries the team's week of requests with the overdue ones named.

Requests are written through the store as the request flow records them (raised, routed, proposed,
accepted, declined, done), each at its own local time in Shanghai.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.worker import worker_tick
from domain.entities import Deal, ResourceRequest, User
from sandbox.local import TEAM, LocalRapport, start_local
from sandbox.render import render_message
from services.clock import MovableClock
from tests.e2e.conftest import REP, START, answer

SHANGHAI = ZoneInfo("Asia/Shanghai")
MANAGER, OTHER, OTHER_MANAGER, FAR = "U0MGR0001", "U0REP0009", "U0MGR0002", "U0REP0008"
ENG1, ENG2 = "U0ENG0001", "U0ENG0002"
NOW = datetime(2026, 12, 1, tzinfo=UTC)
MONDAY_0831 = datetime(2026, 12, 14, 0, 31, tzinfo=UTC)  # 08:31 in Shanghai


def at(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=SHANGHAI).astimezone(UTC)


def _people(local: LocalRapport, *, other_manager: str) -> None:
    """MANAGER over REP; OTHER under `other_manager`; FAR under another manager; two presales engineers."""
    for who, name in ((MANAGER, "王经理"), (OTHER, "周强"), (OTHER_MANAGER, "李经理"), (FAR, "赵磊"),
                      (ENG1, "陈工"), (ENG2, "刘工")):
        local.standin.add_user(who, who.lower(), name, tz="Asia/Shanghai", locale="zh-CN")
    with local.uow_factory(TEAM) as uow:
        for who, role, manager in ((MANAGER, "manager", None), (OTHER_MANAGER, "manager", None),
                                   (REP, "rep", MANAGER), (OTHER, "rep", other_manager), (FAR, "rep", OTHER_MANAGER),
                                   (ENG1, "presales", None), (ENG2, "presales", None)):
            uow.users.save(User(who, who, role=role, manager_slack_id=manager, locale="zh-CN", tz="Asia/Shanghai"))
        uow.commit()


def _raise(local: LocalRapport, kind: str, by: str, raised: datetime, to: str, needed_by: date | None = None) -> int:
    with local.uow_factory(TEAM) as uow:
        made = uow.resource_requests.add(ResourceRequest(0, kind, by, needed_by=needed_by), now=raised)
        uow.requests.routed(made.id, queue="east", rule_index=0, facts={"region": "华东"}, now=raised)
        uow.requests.offer(made.id, to=to, now=raised, actor=None, kind="assigned")
        uow.commit()
    return made.id


def _steps(local: LocalRapport, *steps: tuple[str, int, str, datetime]) -> None:
    """Each (what, request, who, when): accept, decline or finish, as the queue card's buttons do."""
    with local.uow_factory(TEAM) as uow:
        for what, rid, who, when in steps:
            if what == "accept":
                done = uow.requests.accept(rid, by=who, now=when)
            elif what == "finish":
                done = uow.requests.finish(rid, by=who, now=when)
            else:
                done = uow.requests.offer(rid, to=None, now=when, actor=who, kind="declined", note="出差")
            assert done, (what, rid, who)
        uow.commit()


def _two_teams(local: LocalRapport) -> None:
    """REP's demo taken in 2 hours and done; REP's POC declined by ENG2, then taken by ENG1; FAR (another team)
    has a demo ENG2 took in half an hour; OTHER's site visit waits for ENG2, past its day."""
    _people(local, other_manager=OTHER_MANAGER)
    demo = _raise(local, "demo", REP, at(12, 7, 9), ENG1)
    poc = _raise(local, "poc", REP, at(12, 8, 9), ENG2)
    far = _raise(local, "demo", FAR, at(12, 7, 9), ENG2)
    _raise(local, "site_visit", OTHER, at(12, 7, 10), ENG2, needed_by=date(2026, 12, 8))
    _steps(local, ("accept", demo, ENG1, at(12, 7, 11)), ("finish", demo, ENG1, at(12, 8, 17)),
           ("decline", poc, ENG2, at(12, 8, 10)), ("accept", poc, ENG1, at(12, 8, 13)),
           ("accept", far, ENG2, at(12, 7, 9, 30)))


def test_a_manager_reads_their_teams_requests_and_not_another_teams(local: LocalRapport) -> None:
    _two_teams(local)
    team = answer(local, MANAGER, "requests")
    assert "团队的售前请求 · 近4周" in team
    assert "提出2个 · 首次指派即接受50% · 接受用时中位数3小时（P90 4小时）" in team, "2 h and 4 h; FAR's not counted"
    assert "产品演示 · 提出1个 · 首次即接受100% · 接受用时中位数2小时" in team
    assert "POC 测试 · 提出1个 · 首次即接受0%" in team
    assert f"@{ENG1} · 接手2个 · 接受率100% · 接受用时中位数2.5小时" in team, "the POC counts from ENG2's decline"
    assert f"@{ENG2} · 接手0个 · 接受率0%" in team, "ENG2's half-hour demo was the other team's"
    assert "参观考察" not in team and "0.5小时" not in team


def test_a_rep_reads_only_their_own_requests_and_whom_the_open_one_waits_for(local: LocalRapport) -> None:
    _two_teams(local)
    mine = answer(local, OTHER, "requests 2")
    assert "我的售前请求 · 近2周" in mine and "提出1个" in mine
    assert "接手" not in mine and "产品演示" not in mine and "POC" not in mine
    assert f"参观考察 · 等待@{ENG2}接受 · 需要于2026-12-08" in mine
    assert "参观考察（@U0REP0009提出）· 需要于2026-12-08" in mine, "and it is overdue"
    assert "用法" in answer(local, OTHER, "requests lots")


RULES = """
timezone = "Asia/Shanghai"

[[queues]]
name = "east"
channel = "C0EAST0001"
members = ["U0ENG0001", "U0ENG0002", "U0ENG0003"]

[[rules]]
queue = "east"
"""


def test_with_a_rules_file_times_are_the_queues_working_hours_and_its_idle_member_shows(
        database_url: str, tmp_path: Path) -> None:
    rules = tmp_path / "presales-rules.toml"
    rules.write_text(RULES, encoding="utf-8")
    with start_local(database_url=database_url, clock=MovableClock(START), files_dir=tmp_path / "files",
                     rapport_presales_rules=rules) as local:
        local.standin.add_user(REP, "lin.xiao", "林晓", tz="Asia/Shanghai", locale="zh-CN")
        _two_teams(local)
        team = answer(local, MANAGER, "requests")
    assert "完成用时中位数17小时" in team, "Mon 09:00 to Tue 17:00 is 17 working hours, 32 on the clock"
    assert "@U0ENG0003 · 接手0个 · 接受率— · 接受用时中位数— · 手上0个" in team
    assert "时长按队列的工作时间计算" in team


def _tick(local: LocalRapport, at: datetime) -> None:
    worker_tick(local.runtime.settings, local.runtime.engine, local.uow_factory.sessions, clock=MovableClock(at))()


def _digest(local: LocalRapport) -> str:
    """The Monday digest in the manager's DM (the service level may have written to them there too)."""
    texts = [render_message(m).text for m in local.standin.messages(local.standin.dm_channel(MANAGER))]
    (digest,) = [text for text in texts if "本周团队销售管道" in text]
    return digest


def _open_deal(local: LocalRapport) -> None:
    with local.uow_factory(TEAM) as uow:
        bank = uow.accounts.add(name="北辰银行", now=NOW, owner_slack_id=REP)
        uow.deals.add(Deal(0, "核心改造", bank.id, 1_000_000, "CNY", "tender", owner_slack_id=REP), now=NOW)
        uow.commit()


def test_the_monday_digest_gives_the_teams_week_of_requests_with_the_overdue_one_named(local: LocalRapport) -> None:
    _people(local, other_manager=MANAGER)
    _open_deal(local)
    demo = _raise(local, "demo", REP, at(12, 8, 9), ENG1)
    poc = _raise(local, "poc", OTHER, at(12, 9, 9), ENG1)
    _raise(local, "site_visit", REP, at(12, 10, 9), ENG2, needed_by=date(2026, 12, 11))
    far = _raise(local, "demo", FAR, at(12, 9, 9), ENG2)
    _raise(local, "demo", REP, at(11, 30, 9), ENG1)  # the week before: not this week's
    _steps(local, ("accept", demo, ENG1, at(12, 8, 11)), ("decline", poc, ENG1, at(12, 9, 10)),
           ("accept", poc, ENG2, at(12, 9, 14)), ("accept", far, ENG2, at(12, 9, 9, 5)))
    _tick(local, MONDAY_0831)
    text = _digest(local)
    assert "本周售前请求：提出3个 · 首次指派即接受50% · 接受用时中位数3.5小时" in text, "2 h and 5 h"
    assert "逾期1个：" in text and f"参观考察（@{REP}提出）· 需要于2026-12-11 · 等待@{ENG2}接受" in text
    assert text.index("团队销售管道") < text.index("本周售前请求"), "after the pipeline"


def test_a_team_without_requests_gets_the_digest_without_the_section(local: LocalRapport) -> None:
    _people(local, other_manager=MANAGER)
    _open_deal(local)
    _raise(local, "demo", FAR, at(12, 9, 9), ENG2)  # another team's
    _tick(local, MONDAY_0831)
    text = _digest(local)
    assert "团队销售管道" in text and "售前请求" not in text


def test_with_a_rules_file_the_digest_times_requests_in_the_queues_working_hours(
        database_url: str, tmp_path: Path) -> None:
    rules = tmp_path / "presales-rules.toml"
    rules.write_text(RULES, encoding="utf-8")
    with start_local(database_url=database_url, clock=MovableClock(START), files_dir=tmp_path / "files",
                     rapport_presales_rules=rules) as local:
        local.standin.add_user(REP, "lin.xiao", "林晓", tz="Asia/Shanghai", locale="zh-CN")
        _people(local, other_manager=MANAGER)
        _open_deal(local)
        late = _raise(local, "demo", REP, at(12, 10, 17), ENG1)  # Thursday 17:00
        _steps(local, ("accept", late, ENG1, at(12, 11, 10)))  # Friday 10:00: 17 h on the clock
        _tick(local, MONDAY_0831)
        text = _digest(local)
    assert "接受用时中位数2小时" in text, "17:00-18:00 and 09:00-10:00 are the queue's two working hours"
