"""Pitch cards before meetings through the real bot and the real worker tick: a meeting logged with a decision
maker brings exactly two cards at the rep's own evening and an hour before, with what they have not heard first."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select

from domain.entities import Deal
from domain.outbox import PITCH, Delivery
from domain.pitches import Proposition
from handlers import ids
from sandbox.local import TEAM, LocalRapport
from services.clock import MovableClock
from storage.rows import InteractionRow
from storage.rows_pipeline import PitchDeliveryRow
from tests.e2e.conftest import REP, START, card_text, cards, press, tick, wait_card

NY_REP = "U0REPNY02"
STEP = timedelta(minutes=15)
BANK_POINTS = ("总拥有成本降低30%", "两周上线", "本地团队7x24小时支持")
PLANT_POINTS = ("30% lower total cost", "live in two weeks", "local support around the clock")
MEETING_LOG = "今天拜访北辰银行的李娜，她是决策人，支持我们。明天下午三点和李娜再见面。"
CALL_LOG = "今天和北辰银行李娜通电话，讲了两个优势：两周上线、本地团队7x24小时支持"
NY_LOG = "Met Priya Nair, the decision maker at Fabrikam, today. She backs our proposal. Meeting Priya Nair tomorrow at 3pm."


def _seed(local: LocalRapport) -> None:
    """北辰银行 (a bank) with a deal for our Shanghai rep, Fabrikam with one for a rep in New York, and a library
    with a bank pitch for decision makers and a manufacturing one chosen for Fabrikam's decision maker."""
    local.standin.add_user(NY_REP, "dana", "Dana Reyes", tz="America/New_York", locale="en-US")
    with local.uow_factory(TEAM) as uow:
        bank = uow.accounts.add(name="北辰银行", now=START, owner_slack_id=REP, industry="银行")
        plant = uow.accounts.add(name="Fabrikam", now=START, owner_slack_id=NY_REP, industry="manufacturing")
        uow.deals.add(Deal(0, "核心系统改造", bank.id, stage="proposal", owner_slack_id=REP), now=START)
        mes = uow.deals.add(Deal(0, "Plant MES", plant.id, stage="proposal", owner_slack_id=NY_REP), now=START)
        uow.propositions.add(Proposition(0, "降本增效", BANK_POINTS, industries=("银行",), roles=("decision_maker",)),
                             by=REP, now=START)
        chosen = uow.propositions.add(Proposition(0, "Lean and local", PLANT_POINTS, roles=("decision_maker",)),
                                      by=NY_REP, now=START)
        uow.deal_pitches.choose(mes.id, "decision_maker", chosen.id, by=NY_REP, now=START)
        uow.commit()


def _count(local: LocalRapport, row: type) -> int:
    with local.runtime.engine.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(row)) or 0)


def _log(local: LocalRapport, user: str, text: str) -> dict[str, Any]:
    """Write a log as the user and confirm its card, as they would; returns the card."""
    saved = _count(local, InteractionRow)
    local.slack.send_dm(user, text)
    card = wait_card(local, user, len(cards(local, user)) + 1)
    assert press(local, user, card, ids.LOG_CONFIRM) == 200
    local.standin.wait_for(lambda: _count(local, InteractionRow) > saved or None, timeout=15)
    return card


def _run(local: LocalRapport, clock: MovableClock, until: datetime, sent: list[tuple[datetime, Delivery]]) -> None:
    """Tick the real worker every STEP up to `until`, noting each pitch card it posts and when."""
    while clock.now() < until:
        clock.advance(STEP)
        report = tick(local, clock)
        with local.uow_factory(TEAM) as uow:
            posted = [d for d in map(uow.outbox.get, report.sent) if d is not None and d.kind == PITCH]
        sent += [(clock.now(), d) for d in posted]


def _posted(local: LocalRapport, delivery: Delivery) -> dict[str, Any]:
    """The message the worker posted for a delivery, found by the key it carries."""
    return next(m for m in cards(local, delivery.recipient_slack_id)
                if ((m.get("metadata") or {}).get("event_payload") or {}).get("key") == delivery.idempotency_key)


def _points(text: str) -> list[str]:
    """The points a card lists, in its order, each with what it says was heard of it."""
    return re.findall(r"^\d+\. (.+)$", text, re.M)


def test_a_meeting_logged_for_tomorrow_brings_two_cards_at_each_reps_local_times_unheard_points_first(
        local: LocalRapport, clock: MovableClock) -> None:
    _seed(local)
    sent: list[tuple[datetime, Delivery]] = []
    _log(local, REP, MEETING_LOG)  # 09:00 on Wednesday 9 December in Shanghai: the meeting is tomorrow at 15:00
    _run(local, clock, datetime(2026, 12, 9, 14, 0, tzinfo=UTC), sent)
    _log(local, NY_REP, NY_LOG)  # 09:00 on the 9th in New York: tomorrow at 15:00 EST
    _run(local, clock, datetime(2026, 12, 10, 2, 0, tzinfo=UTC), sent)
    _log(local, REP, CALL_LOG)  # 10:00 on the 10th in Shanghai: two of the three points heard on a call
    _run(local, clock, datetime(2026, 12, 10, 21, 0, tzinfo=UTC), sent)

    with local.uow_factory(TEAM) as uow:
        planned = [d for state in ("pending", "sent", "dropped") for d in uow.outbox.in_state(state) if d.kind == PITCH]
    assert len(planned) == len(sent) == 4, "two cards a meeting, none left over"
    def when(rep: str) -> list[datetime]:
        return [at for at, d in sent if d.recipient_slack_id == rep]

    assert when(REP) == [datetime(2026, 12, 9, 10, 0, tzinfo=UTC),  # 18:00 on the 9th in Shanghai
                         datetime(2026, 12, 10, 6, 0, tzinfo=UTC)]  # 14:00 on the 10th, an hour before
    assert when(NY_REP) == [datetime(2026, 12, 9, 23, 0, tzinfo=UTC),  # 18:00 EST on the 9th
                            datetime(2026, 12, 10, 19, 0, tzinfo=UTC)]  # 14:00 EST on the 10th
    (eve, soon), (ny_eve, ny_soon) = ([card_text(_posted(local, d)) for _, d in sent if d.recipient_slack_id == rep]
                                      for rep in (REP, NY_REP))
    assert "明天 15:00 与李娜会面" in eve and "拍板人" in eve and "支持" in eve and "降本增效" in eve
    assert _points(eve) == [f"{p} — 还没听过" for p in BANK_POINTS]
    assert "60 分钟后（15:00）与李娜会面" in soon
    assert _points(soon) == ["总拥有成本降低30% — 还没听过", "两周上线 — 听过 1 次，最近 12月10日（周四），电话",
                             "本地团队7x24小时支持 — 听过 1 次，最近 12月10日（周四），电话"]
    assert "Tomorrow 15:00: meeting with Priya Nair" in ny_eve and "Lean and local" in ny_eve
    assert _points(ny_eve) == [f"{p} — not heard yet" for p in PLANT_POINTS]
    assert "In 60 minutes (15:00): meeting with Priya Nair" in ny_soon


def test_a_point_pitched_in_a_confirmed_log_drops_to_the_end_of_the_next_card(
        local: LocalRapport, clock: MovableClock) -> None:
    _seed(local)
    sent: list[tuple[datetime, Delivery]] = []
    _log(local, REP, "今天拜访北辰银行的李娜，她是决策人。讲了两个优势：总拥有成本降低30%、两周上线。明天下午三点和李娜再见面。")
    _run(local, clock, datetime(2026, 12, 9, 10, 0, tzinfo=UTC), sent)
    (_, eve), = sent
    assert _points(card_text(_posted(local, eve))) == [
        "本地团队7x24小时支持 — 还没听过", "总拥有成本降低30% — 听过 1 次，最近 12月9日（周三），拜访/会面",
        "两周上线 — 听过 1 次，最近 12月9日（周三），拜访/会面"]


def test_a_confirm_pressed_again_records_each_pitched_point_once(local: LocalRapport) -> None:
    _seed(local)
    card = _log(local, REP, "今天拜访北辰银行的李娜。讲了三个优势：总拥有成本降低30%、两周上线、本地团队7x24小时支持")
    assert press(local, REP, card, ids.LOG_CONFIRM) == 200  # the same card, pressed again
    local.standin.wait_for(lambda: len(local.standin.calls_to("chat.update")) >= 2 or None, timeout=15)
    with local.runtime.engine.connect() as conn:
        rows = conn.execute(select(PitchDeliveryRow.point, PitchDeliveryRow.proposition_id, PitchDeliveryRow.channel)).all()
    assert sorted(p for p, _, _ in rows) == sorted(BANK_POINTS)
    assert all(prop is not None and channel == "meeting" for _, prop, channel in rows), "matched to the library"


def test_i_pitched_these_pressed_before_the_meeting_is_refused_in_words_and_records_nothing(
        local: LocalRapport, clock: MovableClock) -> None:
    _seed(local)
    sent: list[tuple[datetime, Delivery]] = []
    _log(local, REP, MEETING_LOG)
    _run(local, clock, datetime(2026, 12, 9, 10, 0, tzinfo=UTC), sent)
    eve = _posted(local, sent[0][1])  # 18:00 the evening before
    channel = local.standin.dm_channel(REP)
    assert press(local, REP, eve, ids.PITCH_DELIVERED) == 200
    said = local.standin.wait_for(lambda: local.standin.ephemerals(channel, REP) or None, timeout=15)
    assert "会面开始后再点" in said[-1]["text"]
    point = next(b for b in eve["blocks"] if (b.get("accessory") or {}).get("action_id") == ids.PITCH_POINT)
    assert local.slack.block_action(REP, ids.PITCH_POINT, point["accessory"]["value"], message=eve,
                                    channel=channel).status == 200  # one point's Pitched, just as early
    local.standin.wait_for(lambda: len(local.standin.ephemerals(channel, REP)) >= 2 or None, timeout=15)
    assert _count(local, PitchDeliveryRow) == 0
    assert "已记录为已讲" not in card_text(cards(local, REP)[-1])


def test_i_pitched_these_pressed_twice_and_on_both_cards_records_each_point_once(
        local: LocalRapport, clock: MovableClock) -> None:
    _seed(local)
    sent: list[tuple[datetime, Delivery]] = []
    _log(local, REP, MEETING_LOG)
    _run(local, clock, datetime(2026, 12, 10, 7, 15, tzinfo=UTC), sent)  # 15:15 on the 10th: the meeting has begun
    eve, soon = (_posted(local, d) for _, d in sent)
    assert press(local, REP, eve, ids.PITCH_DELIVERED) == 200
    marked = local.standin.wait_for(lambda: next((m for m in cards(local, REP) if "已记录为已讲" in card_text(m)), None),
                                    timeout=15)
    assert card_text(marked).count("✓ 已讲") == 3
    assert press(local, REP, eve, ids.PITCH_DELIVERED) == 200  # the card as it was, pressed again
    local.standin.wait_for(lambda: len(local.standin.calls_to("chat.update")) >= 3 or None, timeout=15)
    assert press(local, REP, soon, ids.PITCH_DELIVERED) == 200
    local.standin.wait_for(lambda: len(local.standin.calls_to("chat.update")) >= 4 or None, timeout=15)
    with local.runtime.engine.connect() as conn:
        rows = conn.execute(select(PitchDeliveryRow.point, PitchDeliveryRow.channel,
                                   PitchDeliveryRow.delivered_at)).all()
    assert sorted((p, ch) for p, ch, _ in rows) == sorted((p, "meeting") for p in BANK_POINTS)
    assert {at for _, _, at in rows} == {clock.now()}, "heard when the rep pressed, after the meeting began"
