"""Pitch cards before meetings on a real store: whose deal a meeting on no deal briefs the rep on, and a meeting
logged again, moved or cancelled bringing the cards of the meeting as it now stands, once."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import update

from domain.entities import Contact, Deal, Meeting, SourceMessage, User
from domain.outbox import PITCH, Delivery
from services.meeting_reminders import ReminderSettings, plan_meeting_reminders
from services.pitch_reminders import ComposedPitch, compose_pitch
from storage.rows import AccountRow
from storage.uow import UnitOfWorkFactory

WS = "T0MEET001"
LIN, SAM = "U0LIN0001", "U0SAM0001"
NOW = datetime(2026, 12, 9, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai
TOMORROW = date(2026, 12, 10)


def _bank(uows: UnitOfWorkFactory, *, lin_on_team: bool, lins_deal: bool = True) -> int:
    """北辰银行, Sam's account: Sam's deal recorded first and Lin's second, 李娜 deciding in both; a meeting of
    Lin's with 李娜 tomorrow on no deal. Returns the meeting's id."""
    with uows(WS) as uow:
        uow.users.save(User(LIN, "林晓", tz="Asia/Shanghai", locale="zh-CN"))
        uow.users.save(User(SAM, "Sam Carter", tz="Asia/Shanghai", locale="zh-CN"))
        bank = uow.accounts.add(name="北辰银行", now=NOW, owner_slack_id=SAM)
        if lin_on_team:
            uow.session.execute(update(AccountRow).where(AccountRow.id == bank.id).values(team=[LIN]))
        li = uow.contacts.add(Contact(0, "李娜", bank.id, owner_slack_id=LIN), now=NOW)
        for name, owner in (("数据中心迁移", SAM), ("核心系统改造", LIN))[:2 if lins_deal else 1]:
            deal = uow.deals.add(Deal(0, name, bank.id, stage="proposal", owner_slack_id=owner), now=NOW)
            uow.chain_members.place(deal.id, li.id, role="decision_maker", stance="supporter")
        meeting = uow.meetings.add(Meeting(0, LIN, TOMORROW, "15:00", "Asia/Shanghai", None, bank.id, None, (li.id,)),
                                   now=NOW, source=SourceMessage("D0LIN", "1.1"))
        uow.commit()
    return meeting.id


def _card(uows: UnitOfWorkFactory, meeting_id: int) -> ComposedPitch | None:
    delivery = Delivery(WS, PITCH, LIN, NOW, f"pitch:{meeting_id}:eve", {"meeting_id": meeting_id, "slot": "eve"}, id=1)
    return compose_pitch(uow=uows(WS), delivery=delivery, now=NOW, default_tz="Asia/Shanghai", default_locale="zh-CN")


def test_a_meeting_on_no_deal_briefs_the_rep_on_their_own_deal_not_a_colleagues(
        uow_factory: UnitOfWorkFactory) -> None:
    composed = _card(uow_factory, _bank(uow_factory, lin_on_team=False))
    assert composed is not None
    assert composed.card.deal == "核心系统改造"


def test_a_meeting_on_no_deal_prefers_the_reps_own_deal_among_those_they_may_see(
        uow_factory: UnitOfWorkFactory) -> None:
    composed = _card(uow_factory, _bank(uow_factory, lin_on_team=True))  # Lin sees Sam's deal too, as the team's
    assert composed is not None
    assert composed.card.deal == "核心系统改造"


def test_a_meeting_on_no_deal_whose_people_decide_only_on_a_colleagues_deal_brings_no_card(
        uow_factory: UnitOfWorkFactory) -> None:
    meeting = _bank(uow_factory, lin_on_team=False, lins_deal=False)
    assert plan_meeting_reminders(sessions=uow_factory.sessions, now=NOW, config=ReminderSettings()) == 0
    assert _card(uow_factory, meeting) is None
