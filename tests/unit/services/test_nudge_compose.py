"""The worker composes each nudge at send time: the card as of now, or nothing when it no longer applies."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from domain.entities import Contact
from handlers.blocks.nudges import nudge_blocks
from services.nudges import Composed, compose
from storage.uow import UnitOfWorkFactory
from tests.unit.services.nudge_store import (
    NOW,
    TEAM,
    TODAY,
    enqueue,
    greeting,
    seed,
    sent,
    touch,
    touch_reminder,
)

BIRTHDAY = date(2026, 12, 12)


def _compose(uows: UnitOfWorkFactory, delivery: object) -> Composed | None:
    return compose(uow=uows(TEAM), delivery=delivery, now=NOW, default_tz="Asia/Shanghai",  # type: ignore[arg-type]
                   default_locale="zh-CN")


def _text(composed: Composed) -> str:
    blocks = nudge_blocks(composed.card, composed.locale)
    return "\n".join(str(b.get("text", {}).get("text", "")) for b in blocks) + "\n" + "\n".join(
        str(e.get("text", "")) for b in blocks for e in b.get("elements", []) if isinstance(e, dict))


def _stop_contacting(uows: UnitOfWorkFactory, contact_id: int) -> None:
    with uows(TEAM) as uow:
        contact = uow.contacts.get(contact_id)
        assert contact is not None
        uow.contacts.update(replace(contact, do_not_contact=True), now=NOW)
        uow.commit()


def test_nothing_is_sent_about_someone_who_is_now_do_not_contact(uows: UnitOfWorkFactory) -> None:
    book = seed(uows)
    birthday = enqueue(uows, greeting(book.li_na, BIRTHDAY))
    reminder = enqueue(uows, touch_reminder(book.li_na, date(2026, 12, 1)))
    _stop_contacting(uows, book.li_na)
    assert _compose(uows, birthday) is None
    assert _compose(uows, reminder) is None


def test_nothing_is_sent_about_a_contact_who_is_gone(uows: UnitOfWorkFactory) -> None:
    seed(uows)
    assert _compose(uows, enqueue(uows, greeting(9999, BIRTHDAY))) is None


def test_a_greeting_card_names_the_person_the_occasion_and_its_day_with_a_draft_in_their_language(
        uows: UnitOfWorkFactory) -> None:
    book = seed(uows)
    touch(uows, book.li_na, date(2026, 11, 20), "数据中台方案")
    composed = _compose(uows, enqueue(uows, greeting(book.li_na, BIRTHDAY)))
    assert composed is not None
    shown = _text(composed)
    assert "李娜" in shown and "北辰银行" in shown and "CTO" in shown
    assert "生日" in shown and "12月12日（周六）" in shown
    assert composed.payload["draft"].startswith("李总") and "数据中台方案" in composed.payload["draft"]
    assert composed.payload["variant"] and composed.payload["locale"] == "zh-CN"
    assert composed.payload["contact_id"] == book.li_na, "the planner's payload is kept"


def test_an_english_speaking_contact_gets_an_english_draft(uows: UnitOfWorkFactory) -> None:
    book = seed(uows)
    composed = _compose(uows, enqueue(uows, greeting(book.priya, BIRTHDAY, label="Birthday")))
    assert composed is not None
    assert "Priya" in composed.payload["draft"] and "happy birthday" in composed.payload["draft"].lower()


def test_the_next_greeting_to_the_same_person_never_repeats_the_last_draft(uows: UnitOfWorkFactory) -> None:
    book = seed(uows)
    first = _compose(uows, enqueue(uows, greeting(book.zhang_wei, date(2025, 12, 12))))
    assert first is not None
    last_year = f"greeting:{book.zhang_wei}:birthday:2025-12-12:snooze:2025-12-09"  # keyed as the worker keys it
    sent(uows, greeting(book.zhang_wei, date(2025, 12, 12), key=last_year), first.payload)
    second = _compose(uows, enqueue(uows, greeting(book.zhang_wei, BIRTHDAY)))
    assert second is not None
    assert second.payload["variant"] != first.payload["variant"]
    assert second.payload["draft"] != first.payload["draft"]


def test_a_touch_reminder_shows_days_since_the_last_touch_the_rhythm_and_what_would_raise_trust(
        uows: UnitOfWorkFactory) -> None:
    book = seed(uows)
    touch(uows, book.li_na, date(2026, 11, 9), "讨论了数据中台的迁移方案。下周再约")
    composed = _compose(uows, enqueue(uows, touch_reminder(book.li_na, date(2026, 11, 23), cadence=14)))
    assert composed is not None
    shown = _text(composed)
    assert "30 天前" in shown and "每 14 天" in shown
    assert "讨论了数据中台的迁移方案" in shown and "下周再约" not in shown
    assert "专业度" in shown, "one meeting in the year: professionalism is the weakest dimension"


def test_a_touch_reminder_is_not_sent_when_they_were_touched_since_it_fell_due(uows: UnitOfWorkFactory) -> None:
    book = seed(uows)
    reminder = enqueue(uows, touch_reminder(book.li_na, date(2026, 12, 1)))
    touch(uows, book.li_na, date(2026, 12, 1))
    assert _compose(uows, reminder) is None


def test_the_digest_is_not_sent_on_a_day_with_nothing_to_do(uows: UnitOfWorkFactory) -> None:
    from domain.outbox import DIGEST, Delivery

    with uows(TEAM) as uow:
        uow.contacts.add(Contact(0, "无主之人"), now=NOW)
        uow.commit()
    digest = enqueue(uows, Delivery(TEAM, DIGEST, "U0NOBODY", NOW, "digest:U0NOBODY:2026-12-09",
                                    {"rep_day": TODAY.isoformat()}))
    assert _compose(uows, digest) is None


def test_the_digest_lists_the_reps_day(uows: UnitOfWorkFactory) -> None:
    from domain.outbox import DIGEST, Delivery
    from tests.unit.services.nudge_store import REP

    book = seed(uows)
    touch(uows, book.li_na, date(2026, 10, 1))
    digest = enqueue(uows, Delivery(TEAM, DIGEST, REP, NOW, "digest:rep:2026-12-09", {"rep_day": TODAY.isoformat()}))
    composed = _compose(uows, digest)
    assert composed is not None
    assert "早上好" in _text(composed) and "李娜" in _text(composed)
