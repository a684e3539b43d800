"""On Monday morning the worker sends each manager their team's pipeline, with its chart in the thread; not on Tuesday."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.worker import worker_tick
from domain.entities import Deal, User
from sandbox.local import TEAM, LocalRapport
from sandbox.render import render_message
from services.clock import MovableClock
from tests.e2e.conftest import REP

MANAGER, OTHER = "U0MGR0001", "U0REP0009"
NOW = datetime(2026, 12, 1, tzinfo=UTC)
MONDAY_0831 = datetime(2026, 12, 14, 0, 31, tzinfo=UTC)  # 08:31 in Shanghai
TUESDAY_0831 = datetime(2026, 12, 15, 0, 31, tzinfo=UTC)


def _team(local: LocalRapport) -> None:
    """A manager with no contacts of their own over two reps, each with one open deal."""
    local.standin.add_user(MANAGER, "boss", "王经理", tz="Asia/Shanghai", locale="zh-CN")
    local.standin.add_user(OTHER, "other", "周强", tz="Asia/Shanghai", locale="zh-CN")
    with local.uow_factory(TEAM) as uow:
        uow.users.save(User(MANAGER, "王经理", role="manager", locale="zh-CN", tz="Asia/Shanghai"))
        uow.users.save(User(REP, "林晓", manager_slack_id=MANAGER, tz="Asia/Shanghai"))
        uow.users.save(User(OTHER, "周强", manager_slack_id=MANAGER, tz="Asia/Shanghai"))
        bank = uow.accounts.add(name="北辰银行", now=NOW, owner_slack_id=REP)
        port = uow.accounts.add(name="东港集团", now=NOW, owner_slack_id=OTHER)
        uow.deals.add(Deal(0, "核心改造", bank.id, 1_000_000, "CNY", "tender", owner_slack_id=REP), now=NOW)
        uow.deals.add(Deal(0, "港口调度", port.id, 2_000_000, "CNY", "proposal", owner_slack_id=OTHER), now=NOW)
        uow.commit()


def _tick(local: LocalRapport, at: datetime) -> None:
    worker_tick(local.runtime.settings, local.runtime.engine, local.uow_factory.sessions, clock=MovableClock(at))()


def _manager_dm(local: LocalRapport) -> list[dict]:
    return local.standin.messages(local.standin.dm_channel(MANAGER))


def test_a_manager_gets_the_team_pipeline_on_monday_with_its_chart_in_the_thread(local: LocalRapport) -> None:
    _team(local)
    _tick(local, MONDAY_0831)
    (digest,) = [m for m in _manager_dm(local) if "thread_ts" not in m]
    text = render_message(digest).text
    assert "本周团队销售管道" in text and "团队销售管道" in text
    assert "招投标 · 1个 · 金额 1,000,000 CNY · 加权 600,000 CNY" in text
    assert "方案 · 1个 · 金额 2,000,000 CNY · 加权 800,000 CNY" in text
    (chart,) = local.standin.files
    assert chart.thread_ts == digest["ts"] and chart.channels == (local.standin.dm_channel(MANAGER),)
    assert chart.filename == "pipeline-2026-12-14.png" and chart.path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_tuesday_brings_the_manager_no_second_digest(local: LocalRapport) -> None:
    _team(local)
    _tick(local, MONDAY_0831)
    before = len(_manager_dm(local))
    _tick(local, TUESDAY_0831)
    assert len(_manager_dm(local)) == before and len(local.standin.files) == 1
