"""Nudge cards through the real bot: the worker posts them, the rep presses their buttons, App Home shows the day."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from domain.entities import Account, Contact, SourceMessage, User
from domain.outbox import GREETING, PENDING, TOUCH, Delivery
from handlers import ids
from sandbox.local import TEAM, LocalRapport
from services.clock import MovableClock
from tests.e2e.conftest import REP, card_text, cards, press, tick, wait_card

NY_REP = "U0REPNY01"
LONG_AGO = datetime(2025, 6, 1, tzinfo=UTC)


def _seed(local: LocalRapport, rep: str = REP) -> tuple[Account, Contact]:
    """The rep owns 北辰银行, where 李娜 (CTO) was last met on 1 November."""
    with local.uow_factory(TEAM) as uow:
        bank = uow.accounts.add(name="北辰银行", now=LONG_AGO, owner_slack_id=rep)
        li = uow.contacts.add(Contact(0, "李娜", account_id=bank.id, title="CTO", importance=5), now=LONG_AGO)
        uow.interactions.add(rep_slack_id=rep, occurred_on=date(2026, 11, 1), channel="meeting", summary="数据中台方案",
                             now=LONG_AGO, account_id=bank.id, contacts={li.id: True}, pitched=(),
                             source=SourceMessage(None, None))
        uow.commit()
    return bank, li


def _enqueue(local: LocalRapport, delivery: Delivery) -> None:
    with local.uow_factory(TEAM) as uow:
        assert uow.outbox.enqueue(delivery)
        uow.commit()


def _tick(local: LocalRapport, clock: MovableClock) -> None:
    report = tick(local, clock)  # the real worker tick: plans the morning, then composes and posts what is due
    assert report.sent, report.line()


def _updated(local: LocalRapport, user: str, words: str) -> dict[str, Any]:
    return local.standin.wait_for(lambda: next((m for m in cards(local, user) if words in card_text(m)), None),
                                  timeout=15)


def test_mark_sent_logs_one_touch_audited_from_the_card_and_says_so_even_when_pressed_twice(
        local: LocalRapport, clock: MovableClock) -> None:
    _bank, li = _seed(local)
    _enqueue(local, Delivery(TEAM, GREETING, REP, clock.now(), f"greeting:{li.id}:birthday:2026-12-12",
                             {"contact_id": li.id, "occasion": "birthday", "label": "生日", "day": "2026-12-12",
                              "rep_day": "2026-12-09"}))
    _tick(local, clock)
    card = wait_card(local, REP)
    assert "李娜" in card_text(card) and "12月12日（周六）" in card_text(card) and "李总" in card_text(card)

    assert press(local, REP, card, ids.NUDGE_SENT) == 200
    done = _updated(local, REP, "已标记发送")
    assert "李总" in card_text(done), "the card keeps the words that were sent"
    assert press(local, REP, card, ids.NUDGE_SENT) == 200  # a second press on the card as it was
    channel = local.standin.dm_channel(REP)
    local.standin.wait_for(lambda: local.standin.ephemerals(channel, REP) or None, timeout=15)
    with local.uow_factory(TEAM) as uow:
        touches = uow.interactions.history_of(li.id)
        audit = uow.audit.entries("interaction")
    assert [(t.occurred_on, t.channel, t.summary) for t in touches][0] == (date(2026, 12, 9), "message", "生日祝福已发送")
    assert len(touches) == 2, "one touch from Mark sent besides the meeting, however often it is pressed"
    assert [(a.actor_slack_id, a.source.channel, a.source.ts) for a in audit] == [(REP, channel, card["ts"])]


def test_snooze_brings_the_reminder_back_at_830_the_next_morning_in_the_reps_own_zone(
        local: LocalRapport, clock: MovableClock) -> None:
    local.standin.add_user(NY_REP, "dana", "Dana Reyes", tz="America/New_York", locale="en-US")
    with local.uow_factory(TEAM) as uow:
        uow.users.save(User(NY_REP, "Dana Reyes", locale="en-US"))  # Rapport has not heard her zone yet
        uow.commit()
    _bank, li = _seed(local, NY_REP)
    key = f"touch:{li.id}:2026-11-15"
    _enqueue(local, Delivery(TEAM, TOUCH, NY_REP, clock.now(), key,
                             {"contact_id": li.id, "due_on": "2026-11-15", "cadence_days": 14, "rep_day": "2026-12-08"}))
    _tick(local, clock)
    card = wait_card(local, NY_REP)
    assert "Time to get in touch with 李娜" in card_text(card)

    assert press(local, NY_REP, card, ids.NUDGE_SNOOZE) == 200
    # 01:00 UTC on 9 December is 20:00 on the 8th in New York: her next morning is the 9th at 08:30 EST.
    assert "Snoozed until Wed, Dec 9 at 08:30" in card_text(_updated(local, NY_REP, "Snoozed"))
    with local.uow_factory(TEAM) as uow:
        again = uow.outbox.by_key(f"{key}:snooze:2026-12-09")
    assert again is not None and again.state == PENDING
    assert again.due_at == datetime(2026, 12, 9, 13, 30, tzinfo=UTC)


def test_app_home_opens_on_my_day_with_the_overdue_contact(local: LocalRapport) -> None:
    _seed(local)
    local.slack.app_home_opened(REP)
    home = local.standin.wait_for(lambda: local.standin.home(REP), timeout=15)
    shown = str(home["blocks"])
    assert "李娜" in shown and "已超期" in shown and "该联系的人" in shown
    assert shown.index("李娜") < shown.index("把任何一次客户接触"), "my day above the introduction"
