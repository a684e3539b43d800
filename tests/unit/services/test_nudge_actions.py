"""Mark sent logs one touch, Snooze comes back the next morning, Skip says skipped, Edit keeps the rep's words."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from domain.entities import SourceMessage
from domain.outbox import PENDING, Delivery
from services.nudge_actions import (
    NudgeNotFound,
    NudgeOutcome,
    edit_greeting,
    mark_sent,
    next_morning,
    skip_nudge,
    snooze_nudge,
)
from services.nudges import compose
from storage.uow import UnitOfWorkFactory
from tests.unit.services.nudge_store import (
    NOW,
    OTHER_REP,
    REP,
    TEAM,
    TODAY,
    Book,
    greeting,
    seed,
    sent,
    touch_reminder,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
CARD = SourceMessage("D0LINXIAO", "1765000000.000100")


def _greeting_card(uows: UnitOfWorkFactory, book: Book) -> Delivery:
    delivery = greeting(book.li_na, date(2026, 12, 12))
    with uows(TEAM) as uow:
        uow.outbox.enqueue(delivery)
        uow.commit()
        stored = uow.outbox.by_key(delivery.idempotency_key)
    assert stored is not None
    composed = compose(uow=uows(TEAM), delivery=stored, now=NOW, default_tz="Asia/Shanghai", default_locale="zh-CN")
    assert composed is not None
    return sent(uows, greeting(book.li_na, date(2026, 12, 12), key="card"), composed.payload)


def _mark_sent(uows: UnitOfWorkFactory, delivery_id: int, actor: str = REP) -> NudgeOutcome:
    return mark_sent(uow=uows(TEAM), delivery_id=delivery_id, actor=actor, now=NOW, today=TODAY, zone=SHANGHAI,
                     locale="zh-CN", source=CARD)


def test_mark_sent_logs_one_touch_with_the_contact_audited_from_the_card_even_when_pressed_twice(
        uows: UnitOfWorkFactory) -> None:
    book = seed(uows)
    card = _greeting_card(uows, book)
    first, second = _mark_sent(uows, card.id), _mark_sent(uows, card.id)
    assert first.notice is None and first.card is not None and first.card.outcome == "sent"
    assert second.notice == "already" and second.card is not None and second.card.outcome == "sent"
    with uows(TEAM) as uow:
        touches = uow.interactions.history_of(book.li_na)
        audit = uow.audit.entries("interaction")
        stored = uow.outbox.get(card.id)
    assert [(t.occurred_on, t.channel, t.summary, t.rep_slack_id) for t in touches] == [
        (TODAY, "message", "生日祝福已发送", REP)]
    assert [(a.actor_slack_id, a.at, a.source) for a in audit] == [(REP, NOW, CARD)]
    assert stored is not None and stored.payload["outcome"] == "sent"
    assert stored.payload["draft"] == card.payload["draft"], "the words shown stay on the card"


def test_only_the_rep_the_card_was_sent_to_may_press_it(uows: UnitOfWorkFactory) -> None:
    card = _greeting_card(uows, seed(uows))
    refused = _mark_sent(uows, card.id, actor=OTHER_REP)
    assert refused.notice == "not_yours" and refused.card is None
    with uows(TEAM) as uow:
        assert uow.interactions.count() == 0


def test_a_card_rapport_does_not_know_is_not_found(uows: UnitOfWorkFactory) -> None:
    seed(uows)
    with pytest.raises(NudgeNotFound):
        _mark_sent(uows, 12345)


def test_snooze_brings_the_same_nudge_back_tomorrow_morning_in_the_reps_zone(uows: UnitOfWorkFactory) -> None:
    book = seed(uows)
    card = _greeting_card(uows, book)
    done = snooze_nudge(uow=uows(TEAM), delivery_id=card.id, actor=REP, now=NOW, zone=SHANGHAI, morning="08:30")
    assert done.card is not None and done.card.until == datetime(2026, 12, 10, 8, 30, tzinfo=SHANGHAI)
    with uows(TEAM) as uow:
        copy = uow.outbox.by_key(f"{card.idempotency_key}:snooze:2026-12-10")
    assert copy is not None and copy.state == PENDING
    assert copy.due_at == datetime(2026, 12, 10, 0, 30, tzinfo=UTC)
    assert copy.payload["snoozed_from"] == card.id and copy.payload["draft"] == card.payload["draft"]
    assert "outcome" not in copy.payload
    again = compose(uow=uows(TEAM), delivery=copy, now=copy.due_at, default_tz="Asia/Shanghai", default_locale="zh-CN")
    assert again is not None and again.payload["draft"] == card.payload["draft"], "the snoozed words come back"


def test_the_next_morning_follows_the_reps_zone_across_a_clock_change() -> None:
    new_york = ZoneInfo("America/New_York")
    evening = datetime(2027, 3, 13, 23, 0, tzinfo=new_york)  # daylight saving starts that night
    assert next_morning(evening.astimezone(UTC), new_york, "08:30") == datetime(2027, 3, 14, 12, 30, tzinfo=UTC)


def test_skip_logs_nothing_and_a_skipped_card_cannot_be_marked_sent_afterwards(uows: UnitOfWorkFactory) -> None:
    book = seed(uows)
    card = _greeting_card(uows, book)
    skipped = skip_nudge(uow=uows(TEAM), delivery_id=card.id, actor=REP, now=NOW, zone=SHANGHAI)
    assert skipped.card is not None and skipped.card.outcome == "skipped"
    assert _mark_sent(uows, card.id).notice == "already"
    with uows(TEAM) as uow:
        assert uow.interactions.count() == 0


def test_a_touch_reminder_can_be_skipped_but_not_marked_sent(uows: UnitOfWorkFactory) -> None:
    book = seed(uows)
    reminder = sent(uows, touch_reminder(book.li_na, date(2026, 12, 1)), touch_reminder(book.li_na, date(2026, 12, 1)).payload)
    assert _mark_sent(uows, reminder.id).notice == "not_greeting"
    assert skip_nudge(uow=uows(TEAM), delivery_id=reminder.id, actor=REP, now=NOW, zone=SHANGHAI).notice is None


def test_edit_keeps_the_reps_words_and_leaves_out_what_must_never_be_stored(uows: UnitOfWorkFactory) -> None:
    book = seed(uows)
    card = _greeting_card(uows, book)
    edited = edit_greeting(uow=uows(TEAM), delivery_id=card.id, actor=REP, zone=SHANGHAI,
                           text="李总，生日快乐！给您备了一张购物卡。祝一切顺利。")
    assert edited.card is not None and edited.notice == "left_out" and edited.detail
    assert "生日快乐" in edited.card.draft and "祝一切顺利" in edited.card.draft and "购物卡" not in edited.card.draft
    empty = edit_greeting(uow=uows(TEAM), delivery_id=card.id, actor=REP, zone=SHANGHAI, text="   ")
    assert empty.notice == "empty_draft" and empty.card is not None and empty.card.draft == edited.card.draft
    _mark_sent(uows, card.id)
    late = edit_greeting(uow=uows(TEAM), delivery_id=card.id, actor=REP, zone=SHANGHAI, text="再改一次")
    assert late.notice == "already"

