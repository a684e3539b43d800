"""One meeting told twice — *I pitched these* on its pitch card and a log of it the same day, in either order —
counts each point once for each person, through the real bot and the real worker tick."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select

from domain.entities import Deal
from domain.outbox import PITCH
from domain.pitches import Proposition
from handlers import ids
from sandbox.local import TEAM, LocalRapport
from services.clock import MovableClock
from storage.rows import InteractionRow
from storage.rows_pipeline import PitchDeliveryRow
from tests.e2e.conftest import REP, START, card_text, cards, press, tick, wait_card

POINTS = ("总拥有成本降低30%", "两周上线", "本地团队7x24小时支持")
MEETING_LOG = "今天拜访北辰银行的李娜，她是决策人。明天下午三点和李娜再见面。"
TOLD_LOG = "今天拜访北辰银行的李娜，讲了三个优势：总拥有成本降低30%、两周上线、本地团队7x24小时支持"
BEGUN = datetime(2026, 12, 10, 7, 15, tzinfo=UTC)  # 15:15 in Shanghai on the 10th: the meeting has begun


def _seed(local: LocalRapport) -> None:
    with local.uow_factory(TEAM) as uow:
        bank = uow.accounts.add(name="北辰银行", now=START, owner_slack_id=REP, industry="银行")
        uow.deals.add(Deal(0, "核心系统改造", bank.id, stage="proposal", owner_slack_id=REP), now=START)
        uow.propositions.add(Proposition(0, "降本增效", POINTS, roles=("decision_maker",)), by=REP, now=START)
        uow.commit()


def _count(local: LocalRapport, row: type) -> int:
    with local.runtime.engine.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(row)) or 0)


def _log(local: LocalRapport, text: str) -> None:
    saved = _count(local, InteractionRow)
    local.slack.send_dm(REP, text)
    card = wait_card(local, REP, len(cards(local, REP)) + 1)
    assert press(local, REP, card, ids.LOG_CONFIRM) == 200
    local.standin.wait_for(lambda: _count(local, InteractionRow) > saved or None, timeout=15)


def _pitch_card_at_the_meeting(local: LocalRapport, clock: MovableClock) -> dict[str, Any]:
    """Tick the worker until the meeting has begun; the card posted an hour before it."""
    while clock.now() < BEGUN:
        clock.advance(timedelta(minutes=15))
        tick(local, clock)
    with local.uow_factory(TEAM) as uow:
        (soon,) = [d for d in uow.outbox.in_state("sent") if d.kind == PITCH and d.idempotency_key.endswith(":soon")]
    return next(m for m in cards(local, REP)
                if ((m.get("metadata") or {}).get("event_payload") or {}).get("key") == soon.idempotency_key)


def _press_pitched(local: LocalRapport, card: dict[str, Any]) -> None:
    assert press(local, REP, card, ids.PITCH_DELIVERED) == 200
    local.standin.wait_for(lambda: next((m for m in cards(local, REP) if "已记录为已讲" in card_text(m)), None),
                           timeout=15)


def _times_heard(local: LocalRapport) -> dict[str, int]:
    with local.runtime.engine.connect() as conn:
        rows = conn.execute(select(PitchDeliveryRow.point, func.count()).group_by(PitchDeliveryRow.point)).all()
    return dict(rows)


def test_a_log_of_the_meeting_after_i_pitched_these_counts_each_point_once(
        local: LocalRapport, clock: MovableClock) -> None:
    _seed(local)
    _log(local, MEETING_LOG)
    _press_pitched(local, _pitch_card_at_the_meeting(local, clock))
    _log(local, TOLD_LOG)
    assert _times_heard(local) == {p: 1 for p in POINTS}


def test_i_pitched_these_after_a_log_of_the_meeting_counts_each_point_once(
        local: LocalRapport, clock: MovableClock) -> None:
    _seed(local)
    _log(local, MEETING_LOG)
    card = _pitch_card_at_the_meeting(local, clock)
    _log(local, TOLD_LOG)
    _press_pitched(local, card)
    assert _times_heard(local) == {p: 1 for p in POINTS}
