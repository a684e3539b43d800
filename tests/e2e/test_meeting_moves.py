"""A meeting told again, moved or cancelled, through the real bot and the real worker tick: the rep gets the
cards of the meeting as it now stands, once each, and none for a meeting that is not happening."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from domain.outbox import Delivery
from handlers import ids
from sandbox.local import LocalRapport
from services.clock import MovableClock
from storage.rows import AuditRow
from tests.e2e.conftest import REP, card_text, cards, press
from tests.e2e.test_pitch_reminders import MEETING_LOG, _posted, _run, _seed


def _saved(local: LocalRapport) -> int:
    return sum("已保存" in card_text(m) for m in cards(local, REP))


def _confirm(local: LocalRapport, text: str, thread_ts: str | None = None) -> str:
    """Write a message as the rep (in a thread, maybe) and confirm the card the bot answers with; returns its ts."""
    before = {m["ts"] for m in cards(local, REP)}
    sent = local.slack.send_dm(REP, text, thread_ts=thread_ts)
    card = local.standin.wait_for(
        lambda: next((m for m in cards(local, REP) if m["ts"] not in before and m.get("thread_ts") == thread_ts), None),
        timeout=15)
    saved = _saved(local)
    assert press(local, REP, card, ids.LOG_CONFIRM) == 200
    local.standin.wait_for(lambda: _saved(local) > saved or None, timeout=15)
    return str(sent.request.payload["event"]["ts"])


def _cards_until(local: LocalRapport, clock: MovableClock, until: datetime,
                 sent: list[tuple[datetime, Delivery]]) -> list[tuple[datetime, str]]:
    """Run the worker up to `until`; every pitch card posted so far, when and its header."""
    _run(local, clock, until, sent)
    return [(at, card_text(_posted(local, d)).splitlines()[0]) for at, d in sent]


def test_a_meeting_restated_in_a_thread_reply_brings_two_cards_not_four(local: LocalRapport,
                                                                         clock: MovableClock) -> None:
    _seed(local)
    logged = _confirm(local, MEETING_LOG)  # 09:00 on the 9th in Shanghai: tomorrow at 15:00 with 李娜
    _confirm(local, "补充一下，明天下午三点和李娜再见面，她想看方案。", thread_ts=logged)
    sent: list[tuple[datetime, Delivery]] = []
    posted = _cards_until(local, clock, datetime(2026, 12, 10, 8, 0, tzinfo=UTC), sent)
    assert [at for at, _ in posted] == [datetime(2026, 12, 9, 10, 0, tzinfo=UTC), datetime(2026, 12, 10, 6, 0, tzinfo=UTC)]


def test_a_meeting_moved_to_the_day_after_brings_the_new_days_cards_and_none_for_the_old(
        local: LocalRapport, clock: MovableClock) -> None:
    _seed(local)
    logged = _confirm(local, MEETING_LOG)
    sent: list[tuple[datetime, Delivery]] = []
    _cards_until(local, clock, datetime(2026, 12, 9, 11, 0, tzinfo=UTC), sent)  # the evening card of the 9th came
    _confirm(local, "李娜那边改到后天下午三点见面。", thread_ts=logged)  # 19:15 on the 9th: now on the 11th
    posted = _cards_until(local, clock, datetime(2026, 12, 11, 8, 0, tzinfo=UTC), sent)
    assert [at for at, _ in posted] == [datetime(2026, 12, 9, 10, 0, tzinfo=UTC),  # the old meeting's evening card
                                        datetime(2026, 12, 10, 10, 0, tzinfo=UTC),  # 18:00 on the 10th
                                        datetime(2026, 12, 11, 6, 0, tzinfo=UTC)]  # 14:00 on the 11th
    assert "明天 15:00 与李娜会面" in posted[1][1]


def test_a_meeting_cancelled_from_its_evening_card_gets_no_hour_before_card_and_the_cancel_is_audited(
        local: LocalRapport, clock: MovableClock) -> None:
    _seed(local)
    _confirm(local, MEETING_LOG)
    sent: list[tuple[datetime, Delivery]] = []
    _run(local, clock, datetime(2026, 12, 9, 11, 0, tzinfo=UTC), sent)
    eve = _posted(local, sent[0][1])
    assert "取消了" in card_text(eve)
    assert press(local, REP, eve, ids.PITCH_CANCELLED) == 200
    redrawn = local.standin.wait_for(
        lambda: next((m for m in cards(local, REP) if "会面已取消" in card_text(m)), None), timeout=15)
    assert "我讲过这些了" not in card_text(redrawn) and "取消了" not in card_text(redrawn)
    _run(local, clock, datetime(2026, 12, 10, 8, 0, tzinfo=UTC), sent)
    assert len(sent) == 1, "the hour-before card of a cancelled meeting is not sent"
    with local.runtime.engine.connect() as conn:
        audited = conn.execute(select(AuditRow.actor_slack_id, AuditRow.action, AuditRow.after)
                               .where(AuditRow.entity == "meeting", AuditRow.action == "update")).all()
    assert [(a, act, after) for a, act, after in audited] == [(REP, "update", {"state": "cancelled"})]
