"""The planner gives each manager one weekly pipeline digest on their Monday morning, contacts or not."""

from __future__ import annotations

from datetime import UTC, datetime, time

from domain.entities import Contact, User
from domain.outbox import MANAGER_DIGEST, PENDING, Delivery
from services.planner import PlanSettings, plan_mornings
from storage.uow import UnitOfWorkFactory

WS = "T0PLANMGR"
LIN, WANG, ZHAO, CHEN = "U0LIN0001", "U0WANG001", "U0ZHAO001", "U0CHEN001"
CREATED = datetime(2027, 1, 4, 2, 0, tzinfo=UTC)
CONFIG = PlanSettings(lead_days=3, morning=time(8, 30), default_tz="Asia/Shanghai")
MONDAY_0831 = datetime(2027, 3, 8, 0, 31, tzinfo=UTC)  # 08:31 on Monday 8 March in Shanghai
TUESDAY_0831 = datetime(2027, 3, 9, 0, 31, tzinfo=UTC)


def _team(uows: UnitOfWorkFactory) -> None:
    """Two reps under 赵敏, who owns nothing; 陈静 has the manager role and no reports yet."""
    with uows(WS) as uow:
        uow.users.save(User(ZHAO, "赵敏", tz="Asia/Shanghai", locale="zh-CN"))
        uow.users.save(User(CHEN, "陈静", role="manager", tz="Asia/Shanghai", locale="zh-CN"))
        for rep in (LIN, WANG):
            uow.users.save(User(rep, rep, tz="Asia/Shanghai", locale="zh-CN", manager_slack_id=ZHAO))
        bank = uow.accounts.add(name="北辰银行", now=CREATED, owner_slack_id=LIN)
        uow.contacts.add(Contact(0, "李娜", bank.id, owner_slack_id=LIN), now=CREATED)
        uow.commit()


def _manager_digests(uows: UnitOfWorkFactory) -> list[Delivery]:
    with uows(WS) as uow:
        return [d for d in uow.outbox.in_state(PENDING) if d.kind == MANAGER_DIGEST]


def _plan(uows: UnitOfWorkFactory, now: datetime) -> None:
    plan_mornings(sessions=uows.sessions, now=now, config=CONFIG)


def test_on_monday_morning_each_manager_gets_one_digest_even_without_contacts(uow_factory: UnitOfWorkFactory) -> None:
    _team(uow_factory)
    _plan(uow_factory, MONDAY_0831)
    digests = _manager_digests(uow_factory)
    assert sorted((d.recipient_slack_id, d.idempotency_key, d.payload["rep_day"]) for d in digests) == [
        (CHEN, f"manager_digest:{CHEN}:2027-03-08", "2027-03-08"),
        (ZHAO, f"manager_digest:{ZHAO}:2027-03-08", "2027-03-08")]
    assert all(d.due_at == datetime(2027, 3, 8, 0, 30, tzinfo=UTC) for d in digests)


def test_planning_monday_again_adds_no_second_digest(uow_factory: UnitOfWorkFactory) -> None:
    _team(uow_factory)
    _plan(uow_factory, MONDAY_0831)
    _plan(uow_factory, MONDAY_0831.replace(minute=45))
    assert len(_manager_digests(uow_factory)) == 2


def test_tuesday_brings_no_digest_and_the_next_monday_one_per_manager_none_to_reps(uow_factory: UnitOfWorkFactory) -> None:
    _team(uow_factory)
    _plan(uow_factory, TUESDAY_0831)
    assert _manager_digests(uow_factory) == []
    _plan(uow_factory, MONDAY_0831.replace(day=15))
    assert {d.recipient_slack_id for d in _manager_digests(uow_factory)} == {ZHAO, CHEN}
