"""Nudge cards read right in both languages; in English their buttons carry the product's labels."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from domain.entities import Contact
from handlers import ids
from handlers.blocks.home import home_blocks
from handlers.blocks.nudges import greeting_blocks, nudge_text, touch_blocks
from services.my_day import MyDay, TouchDue
from services.nudges import GreetingCard, TouchCard, Who

LI_NA = Who(7, "李娜", "CTO", "北辰银行")
GREETING = GreetingCard(41, LI_NA, "birthday", "生日", date(2026, 12, 12), "李总，您好！\n生日快乐！*不是粗体*")
TOUCH = TouchCard(42, LI_NA, 14, 30, "讨论了数据中台的迁移方案", "professionalism")


def _buttons(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [e for b in blocks if b["type"] == "actions" for e in b["elements"]]


def _labels(blocks: list[dict[str, Any]]) -> list[str]:
    return [e["text"]["text"] for e in _buttons(blocks)]


def _words(blocks: list[dict[str, Any]]) -> str:
    return "\n".join(str((b.get("text") or {}).get("text", "")) + "".join(
        str(e.get("text", "")) for e in b.get("elements", []) if b["type"] == "context") for b in blocks)


def test_a_greeting_offers_mark_sent_edit_snooze_skip_in_english() -> None:
    blocks = greeting_blocks(GREETING, "en-US")
    assert _labels(blocks) == ["Mark sent", "Edit", "Snooze", "Skip"]
    assert [e["action_id"] for e in _buttons(blocks)] == [ids.NUDGE_SENT, ids.NUDGE_EDIT, ids.NUDGE_SNOOZE,
                                                          ids.NUDGE_SKIP]
    assert {e["value"] for e in _buttons(blocks)} == {"41"}, "every button names the delivery"


def test_a_greeting_in_chinese_has_chinese_buttons_that_do_the_same() -> None:
    blocks = greeting_blocks(GREETING, "zh-CN")
    assert _labels(blocks) == ["已发送", "修改", "明早再提醒", "跳过"]
    assert [e["action_id"] for e in _buttons(blocks)] == [e["action_id"] for e in _buttons(greeting_blocks(GREETING, "en"))]


def test_a_greeting_shows_who_the_occasion_on_the_reps_calendar_and_the_words_to_copy_as_they_are() -> None:
    zh, en = _words(greeting_blocks(GREETING, "zh-CN")), _words(greeting_blocks(GREETING, "en"))
    assert "李娜" in zh and "北辰银行" in zh and "CTO" in zh and "生日：12月12日（周六）" in zh
    assert "Birthday: Sat, Dec 12" in en and "CTO at 北辰银行" in en
    draft = next(b for b in greeting_blocks(GREETING, "en") if b["type"] == "section" and "生日快乐" in b["text"]["text"])
    assert draft["text"]["type"] == "plain_text", "no quote, no code, no formatting: copied as written"


def test_a_touch_reminder_offers_log_it_snooze_skip_and_says_what_would_raise_trust() -> None:
    en = touch_blocks(TOUCH, "en")
    assert _labels(en) == ["Log it", "Snooze", "Skip"]
    assert "30 days ago" in _words(en) and "every 14 days" in _words(en) and "professionalism" in _words(en)
    zh = touch_blocks(TOUCH, "zh-CN")
    assert "30 天前" in _words(zh) and "专业度" in _words(zh) and "讨论了数据中台的迁移方案" in _words(zh)


def test_a_decided_card_says_what_happened_and_has_no_buttons_left() -> None:
    until = datetime(2026, 12, 10, 0, 30, tzinfo=UTC).astimezone(ZoneInfo("Asia/Shanghai"))
    sent = greeting_blocks(replace(GREETING, outcome="sent"), "en")
    snoozed = touch_blocks(replace(TOUCH, outcome="snoozed", until=until), "en")
    skipped = greeting_blocks(replace(GREETING, outcome="skipped"), "zh-CN")
    assert not _buttons(sent) and "Marked sent" in _words(sent) and "生日快乐" in _words(sent)
    assert not _buttons(snoozed) and "Snoozed until Thu, Dec 10 at 08:30" in _words(snoozed)
    assert not _buttons(skipped) and "已跳过" in _words(skipped)


def test_the_notification_says_who_and_what_for() -> None:
    assert nudge_text(GREETING, "en") == "Greeting draft for 李娜: Birthday"
    assert nudge_text(TOUCH, "zh-CN") == "保持联系：李娜"


def test_app_home_shows_the_day_above_what_rapport_does() -> None:
    overdue = TouchDue(Contact(7, "李娜", account_name="北辰银行", title="CTO"), date(2026, 12, 1), 8, 14,
                       date(2026, 11, 17))
    blocks = home_blocks("en", MyDay("U0REP", date(2026, 12, 9), touches=(overdue,)))
    words = _words(blocks)
    assert words.index("李娜") < words.index("Send me a line"), "my day first, the introduction below"
    assert "8 days overdue" in words and "Log it" in str(blocks)
    assert "Nothing due today" in _words(home_blocks("en", MyDay("U0REP", date(2026, 12, 9))))
