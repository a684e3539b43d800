"""A small book of business for nudge tests: a rep in Shanghai, a bank she owns, people there, a clock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from domain.entities import Contact, SourceMessage, User
from domain.outbox import GREETING, SENT, TOUCH, Delivery
from storage.uow import UnitOfWorkFactory

TEAM = "T0NUDGE"
REP, OTHER_REP = "U0LINXIAO", "U0SAM"
# 09:00 in Shanghai on Wednesday 9 December 2026: the rep's morning.
NOW = datetime(2026, 12, 9, 1, 0, tzinfo=UTC)
TODAY = date(2026, 12, 9)
LONG_AGO = datetime(2025, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Book:
    """The ids the tests refer to."""

    account_id: int
    li_na: int
    zhang_wei: int
    priya: int


def seed(uows: UnitOfWorkFactory) -> Book:
    """林晓 (zh-CN, Shanghai) owns 北辰银行: 李娜 (CTO, importance 5), 张伟, and Priya Nair (en-US)."""
    with uows(TEAM) as uow:
        uow.users.save(User(REP, "林晓", locale="zh-CN", tz="Asia/Shanghai"))
        uow.users.save(User(OTHER_REP, "Sam Carter", locale="en-US", tz="Europe/London"))
        bank = uow.accounts.add(name="北辰银行", now=LONG_AGO, owner_slack_id=REP)
        li = uow.contacts.add(Contact(0, "李娜", account_id=bank.id, title="CTO", importance=5, trust_stage="familiar"),
                              now=LONG_AGO)
        zhang = uow.contacts.add(Contact(0, "张伟", account_id=bank.id, title="总经理", importance=4), now=LONG_AGO)
        priya = uow.contacts.add(Contact(0, "Priya Nair", account_id=bank.id, title="Head of IT", locale="en-US"),
                                 now=LONG_AGO)
        uow.commit()
    return Book(bank.id, li.id, zhang.id, priya.id)


def touch(uows: UnitOfWorkFactory, contact_id: int, on: date, summary: str = "聊了数据中台", *,
          channel: str = "meeting", pitched: tuple[str, ...] = ()) -> None:
    """The rep met the contact on that day."""
    with uows(TEAM) as uow:
        contact = uow.contacts.get(contact_id)
        assert contact is not None
        uow.interactions.add(rep_slack_id=REP, occurred_on=on, channel=channel, summary=summary, now=NOW,
                             account_id=contact.account_id, contacts={contact_id: True}, pitched=pitched,
                             source=SourceMessage(None, None))
        uow.commit()


def greeting(contact_id: int, day: date, *, key: str = "", occasion: str = "birthday", label: str = "生日",
             recipient: str = REP) -> Delivery:
    """A greeting as the planner enqueues it: small payload, due at the rep's morning."""
    return Delivery(TEAM, GREETING, recipient, NOW, key or f"greeting:{contact_id}:{occasion}:{day}",
                    {"contact_id": contact_id, "occasion": occasion, "label": label, "day": day.isoformat(),
                     "rep_day": TODAY.isoformat()})


def touch_reminder(contact_id: int, due_on: date, cadence: int = 14) -> Delivery:
    """A keep-in-touch reminder as the planner enqueues it."""
    return Delivery(TEAM, TOUCH, REP, NOW, f"touch:{contact_id}:{due_on}",
                    {"contact_id": contact_id, "due_on": due_on.isoformat(), "cadence_days": cadence,
                     "rep_day": TODAY.isoformat()})


def enqueue(uows: UnitOfWorkFactory, delivery: Delivery) -> Delivery:
    """Put it in the outbox and read it back with its id."""
    with uows(TEAM) as uow:
        assert uow.outbox.enqueue(delivery)
        uow.commit()
        stored = uow.outbox.by_key(delivery.idempotency_key)
    assert stored is not None
    return stored


def sent(uows: UnitOfWorkFactory, delivery: Delivery, payload: dict[str, Any]) -> Delivery:
    """Enqueue it and record it as posted to the rep with this payload, as the worker does."""
    stored = enqueue(uows, delivery)
    with uows(TEAM) as uow:
        uow.outbox.mark_sent(stored.id, "D0LINXIAO", f"1765000000.{stored.id:06d}", NOW)
        uow.outbox.set_payload(stored.id, payload)
        uow.commit()
        found = uow.outbox.get(stored.id)
    assert found is not None and found.state == SENT
    return found
