"""Occasions learned from confirmed logs reach the worker: anniversaries every year, a fresh promotion once."""

from __future__ import annotations

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy import select

from domain.entities import SourceMessage, User
from domain.outbox import GREETING, PENDING, Delivery
from services.log_meeting import confirm_log, draft_log
from services.planner import PlanSettings, plan_mornings
from services.understander import InProcess
from storage.rows import AuditRow
from storage.rows_pipeline import OccasionRow
from storage.uow import UnitOfWorkFactory

WS = "T0DATES01"
LIN = "U0LIN0001"
SHANGHAI = ZoneInfo("Asia/Shanghai")
CONFIG = PlanSettings(lead_days=3, morning=time(8, 30), default_tz="Asia/Shanghai")


def _log_and_confirm(uows: UnitOfWorkFactory, text: str, now: datetime) -> dict:
    """The rep logs a line and presses Confirm at `now`; returns what was saved."""
    with uows(WS) as uow:
        uow.users.save(User(LIN, "林晓", tz="Asia/Shanghai", locale="zh-CN"))
        uow.commit()
    local = now.astimezone(SHANGHAI)
    card = draft_log(uow=uows(WS), user_slack_id=LIN, text=text, source=SourceMessage("D0LIN", str(now.timestamp())),
                     now=local, understand=InProcess())
    saved = confirm_log(uow=uows(WS), draft_id=card.draft_id, actor=LIN, now=now, today=local.date(),
                        tz="Asia/Shanghai", morning="08:30")
    assert saved.outcome is not None
    return saved.outcome


def _greetings(uows: UnitOfWorkFactory) -> list[Delivery]:
    with uows(WS) as uow:
        return [d for d in uow.outbox.in_state(PENDING) if d.kind == GREETING]


def test_a_work_anniversary_learned_from_a_log_is_greeted_by_the_worker_each_year(
        uow_factory: UnitOfWorkFactory) -> None:
    _log_and_confirm(uow_factory, "今天和北辰银行的王芳喝茶，她2019年6月加入北辰银行", datetime(2027, 3, 10, 6, 0, tzinfo=UTC))
    plan_mornings(sessions=uow_factory.sessions, now=datetime(2027, 5, 29, 0, 31, tzinfo=UTC), config=CONFIG)
    found = [d for d in _greetings(uow_factory) if d.payload["occasion"] == "work_anniversary"]
    assert [(d.recipient_slack_id, d.payload["day"], d.payload["label"]) for d in found] == [
        (LIN, "2027-06-01", "工作周年")]
    plan_mornings(sessions=uow_factory.sessions, now=datetime(2028, 5, 29, 0, 31, tzinfo=UTC), config=CONFIG)
    assert [d.payload["day"] for d in _greetings(uow_factory) if d.payload["occasion"] == "work_anniversary"] == [
        "2027-06-01", "2028-06-01"]


def test_a_promotion_learned_last_month_is_congratulated_once_the_next_morning(uow_factory: UnitOfWorkFactory) -> None:
    outcome = _log_and_confirm(uow_factory, "今天拜访了北辰银行的王芳，她上个月升任CTO", datetime(2027, 3, 10, 6, 0, tzinfo=UTC))
    assert outcome["occasions"] == 1 and outcome["congratulations"] == 1
    for day in (11, 12, 13):  # the worker's own mornings add no second draft
        plan_mornings(sessions=uow_factory.sessions, now=datetime(2027, 3, day, 0, 31, tzinfo=UTC), config=CONFIG)
    found = [d for d in _greetings(uow_factory) if d.payload["occasion"] == "promotion"]
    assert [(d.due_at, d.payload["day"], d.payload["label"]) for d in found] == [
        (datetime(2027, 3, 11, 0, 30, tzinfo=UTC), "2027-02-01", "升职")]


def test_a_promotion_long_ago_is_kept_as_history_without_a_congratulation(uow_factory: UnitOfWorkFactory) -> None:
    outcome = _log_and_confirm(uow_factory, "今天拜访了北辰银行的王芳，她2025年3月升任CTO", datetime(2027, 3, 10, 6, 0, tzinfo=UTC))
    assert outcome["occasions"] == 1 and not outcome["congratulations"]
    assert _greetings(uow_factory) == []


def test_the_same_anniversary_told_twice_is_kept_once_and_audited_once(uow_factory: UnitOfWorkFactory) -> None:
    text = "今天和北辰银行的王芳喝茶，她2019年6月加入北辰银行"
    _log_and_confirm(uow_factory, text, datetime(2027, 3, 10, 6, 0, tzinfo=UTC))
    second = _log_and_confirm(uow_factory, text, datetime(2027, 3, 17, 6, 0, tzinfo=UTC))
    assert not second["occasions"]
    with uow_factory(WS) as uow:
        rows = uow.session.execute(select(OccasionRow.kind, OccasionRow.month, OccasionRow.day, OccasionRow.year)).all()
        audits = [a.after for a in uow.session.scalars(select(AuditRow).where(AuditRow.entity == "contact"))
                  if "occasion" in (a.after or {})]
    assert [tuple(r) for r in rows] == [("work_anniversary", 6, 1, 2019)]
    assert audits == [{"occasion": {"kind": "work_anniversary", "month": 6, "day": 1, "year": 2019, "lunar": False,
                                    "label": None}}]
