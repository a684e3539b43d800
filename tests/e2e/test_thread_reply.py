"""A reply in the thread of a logged message adds to the same interaction instead of starting another."""

from __future__ import annotations

from sqlalchemy import select

from sandbox.local import LocalRapport
from storage.rows import ContactRow, InteractionContactRow, InteractionRow
from tests.e2e.conftest import REP, card_text, press, wait_card


def _saved_cards(local: LocalRapport) -> int:
    return sum("已保存" in card_text(m) for m in local.standin.messages(local.standin.dm_channel(REP)))


def test_a_thread_reply_adds_people_facts_and_notes_to_the_logged_interaction(local: LocalRapport) -> None:
    first = local.slack.send_dm(REP, "昨天和北辰银行的李娜吃饭，她是CTO")
    press(local, REP, wait_card(local, REP), "log_confirm")
    local.standin.wait_for(lambda: _saved_cards(local) >= 1 or None, timeout=15)

    logged_ts = first.request.payload["event"]["ts"]
    local.slack.send_dm(REP, "李娜的生日是农历八月十五，张伟也在场。", thread_ts=logged_ts)
    reply_card = local.standin.wait_for(
        lambda: next((m for m in local.standin.messages(local.standin.dm_channel(REP))
                      if m.get("thread_ts") == logged_ts and m.get("bot_id")), None), timeout=15)
    assert "补充到 2026-12-08 的饭局/茶叙" in card_text(reply_card)
    press(local, REP, reply_card, "log_confirm")
    local.standin.wait_for(lambda: _saved_cards(local) >= 2 or None, timeout=15)

    with local.runtime.engine.connect() as conn:
        interaction = conn.execute(select(InteractionRow)).one()
        people = set(conn.scalars(select(ContactRow.name).join(
            InteractionContactRow, InteractionContactRow.contact_id == ContactRow.id)))
        birthday = conn.execute(select(ContactRow.birthday, ContactRow.birthday_lunar)
                                .where(ContactRow.name == "李娜")).one()
    assert people == {"李娜", "张伟"}
    assert "吃饭" in interaction.summary and "张伟也在场" in interaction.summary
    assert tuple(birthday) == ("08-15", True)
