"""Dates to remember end to end: learned from a confirmed log, or added in Edit profile, and shown on the person card."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from domain.outbox import GREETING
from handlers import ids
from sandbox.local import LocalRapport
from sandbox.payloads import initial_values
from sandbox.render import render_message
from services.clock import MovableClock
from storage.rows import AuditRow, ContactRow
from storage.rows_pipeline import DeliveryRow, OccasionRow
from tests.e2e.conftest import REP, card_text, cards, press, tick, wait_card
from tests.e2e.test_meeting_log import wait_saved

LOG = "昨天和北辰银行的李娜吃饭，她上个月刚升任CTO，2019年加入北辰银行"


def _occasions(local: LocalRapport) -> list[tuple[str, int, int, int | None, str | None]]:
    with local.runtime.engine.connect() as conn:
        rows = conn.execute(select(OccasionRow.kind, OccasionRow.month, OccasionRow.day, OccasionRow.year,
                                   OccasionRow.label).order_by(OccasionRow.id)).all()
    return [tuple(r) for r in rows]


def _date_audits(local: LocalRapport) -> list[Any]:
    with local.runtime.engine.connect() as conn:
        rows = conn.execute(select(AuditRow).where(AuditRow.entity == "contact", AuditRow.action == "update")).all()
    return [r for r in rows if "occasion" in (r.after or {})]


def _li_id(local: LocalRapport) -> int:
    with local.runtime.engine.connect() as conn:
        return int(conn.scalar(select(ContactRow.id).where(ContactRow.name == "李娜")) or 0)


def _edit_profile(local: LocalRapport) -> dict[str, Any]:
    """Log the brief's line, confirm it, and open Edit profile for 李娜 from the saved card."""
    local.slack.send_dm(REP, LOG)
    press(local, REP, wait_card(local, REP), "log_confirm")
    press(local, REP, wait_saved(local, REP), "profile_edit:0")
    return local.standin.wait_for(lambda: local.standin.views(REP)[-1:] or None, timeout=15)[0]


def test_a_log_telling_a_promotion_and_a_join_date_keeps_both_audited_and_congratulates_once(
        local: LocalRapport) -> None:
    sent = local.slack.send_dm(REP, LOG)
    card = card_text(wait_card(local, REP))
    assert "记下日子：李娜 升职 2026-11-01" in card
    assert "记下日子：李娜 工作周年 每年 12-08（2019 年起）" in card
    assert _occasions(local) == [], "nothing is kept before Confirm"

    press(local, REP, wait_card(local, REP), "log_confirm")
    saved = card_text(wait_saved(local, REP))
    assert "2 个纪念日" in saved and "祝贺草稿将在你的早上送达" in saved
    assert _occasions(local) == [("promotion", 11, 1, 2026, None), ("work_anniversary", 12, 8, 2019, None)]
    audits = _date_audits(local)
    assert [(a.actor_slack_id, a.after["occasion"]["kind"]) for a in audits] == [
        (REP, "promotion"), (REP, "work_anniversary")]
    assert {a.source_ts for a in audits} == {sent.request.payload["event"]["ts"]}, "each says which message told it"
    with local.runtime.engine.connect() as conn:
        drafts = conn.execute(select(DeliveryRow.recipient_slack_id, DeliveryRow.idempotency_key)
                              .where(DeliveryRow.kind == GREETING)).all()
    assert [tuple(d) for d in drafts] == [(REP, f"greeting:{_li_id(local)}:promotion:2026-11-01")]


def test_edit_profile_adds_a_date_to_remember_that_the_person_card_then_shows(local: LocalRapport) -> None:
    view = _edit_profile(local)
    values = initial_values(view)
    values["profile:date_label"]["value"]["value"] = "结婚纪念日"
    values["profile:date_when"]["value"]["value"] = "05-20"
    assert local.slack.view_submission(REP, view, values).status == 200
    channel = local.standin.dm_channel(REP)
    shown = local.standin.wait_for(lambda: next((m for m in local.standin.messages(channel)
                                                 if "已保存 李娜" in (m.get("text") or "")), None), timeout=15)
    card = render_message(shown).text
    assert "纪念日: 升职 2026-11-01 · 工作周年 每年 12-08（2019 年起） · 结婚纪念日 每年 05-20" in card
    assert "纪念日 — → 结婚纪念日 每年 05-20" in card, "the latest changes say who added it"
    assert ("custom", 5, 20, None, "结婚纪念日") in _occasions(local)
    assert [a.after["occasion"]["label"] for a in _date_audits(local)][-1] == "结婚纪念日"


def test_a_date_without_a_name_keeps_the_dialog_open_and_says_what_to_fix(local: LocalRapport) -> None:
    view = _edit_profile(local)
    values = initial_values(view)
    values["profile:date_when"]["value"]["value"] = "05-20"
    answer = local.slack.view_submission(REP, view, values)
    assert answer.json() == {"response_action": "errors", "errors": {"profile:date_label": "请给这个日子起个名字"}}
    assert ("custom", 5, 20, None, None) not in _occasions(local)


def test_the_next_morning_the_worker_brings_a_congratulation_draft_on_the_new_title(
        local: LocalRapport, clock: MovableClock) -> None:
    local.slack.send_dm(REP, LOG)
    press(local, REP, wait_card(local, REP), "log_confirm")
    wait_saved(local, REP)
    clock.set(datetime(2026, 12, 10, 0, 31, tzinfo=UTC))  # 08:31 the next morning in Shanghai
    report = tick(local, clock)  # the real worker tick
    assert report.sent, report.line()
    greeting = local.standin.wait_for(lambda: next((m for m in cards(local, REP) if ids.NUDGE_SENT in str(m)), None),
                                      timeout=15)
    text = card_text(greeting)
    assert "李娜" in text and "升职" in text and "CTO" in text, text
