"""Who heard which point, from confirmed logs: library points matched, the same message counted once, thread
replies heard by everyone in the interaction they add to, and the planner's cards planned once."""

from __future__ import annotations

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy import select

from domain.entities import Deal, SourceMessage, User
from domain.outbox import PITCH
from domain.pitches import Proposition, point_key
from services.log_meeting import confirm_log, draft_log
from services.meeting_reminders import ReminderSettings, plan_meeting_reminders
from services.understander import InProcess
from storage.rows_pipeline import DeliveryRow, PitchDeliveryRow
from storage.uow import UnitOfWorkFactory

WS = "T0PITCH01"
LIN = "U0LIN0001"
SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 12, 9, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai
POINTS = ("总拥有成本降低30%", "两周上线", "本地团队7x24小时支持")


def _library(uows: UnitOfWorkFactory) -> int:
    with uows(WS) as uow:
        uow.users.save(User(LIN, "林晓", tz="Asia/Shanghai", locale="zh-CN"))
        bank = uow.accounts.add(name="北辰银行", now=NOW, owner_slack_id=LIN)
        uow.deals.add(Deal(0, "核心系统改造", bank.id, stage="proposal", owner_slack_id=LIN), now=NOW)
        prop = uow.propositions.add(Proposition(0, "降本增效", POINTS, roles=("decision_maker",)), by=LIN, now=NOW)
        uow.commit()
    return prop.id


def _confirm(uows: UnitOfWorkFactory, text: str, source: SourceMessage, thread_ts: str | None = None) -> None:
    card = draft_log(uow=uows(WS), user_slack_id=LIN, text=text, source=source, now=NOW.astimezone(SHANGHAI),
                     understand=InProcess(), thread_ts=thread_ts)
    saved = confirm_log(uow=uows(WS), draft_id=card.draft_id, actor=LIN, now=NOW, today=NOW.astimezone(SHANGHAI).date(),
                        tz="Asia/Shanghai")
    assert saved.outcome is not None, saved.notice


def _delivered(uows: UnitOfWorkFactory) -> list[tuple[str, int | None, str, str | None]]:
    with uows(WS) as uow:
        rows = uow.session.execute(select(PitchDeliveryRow.point, PitchDeliveryRow.proposition_id,
                                          PitchDeliveryRow.channel, PitchDeliveryRow.source_key)).all()
    return sorted(tuple(r) for r in rows)


def test_the_same_message_confirmed_twice_counts_its_points_once_matched_to_the_library(
        uow_factory: UnitOfWorkFactory) -> None:
    prop = _library(uow_factory)
    message = SourceMessage("D0LIN", "1765245600.000100")
    text = "今天和北辰银行的李娜通电话，讲了四个优势：总成本降低30%、两周就能上线、本地团队7x24小时支持、免费试点"
    _confirm(uow_factory, text, message)
    _confirm(uow_factory, text, message)  # a second draft of the very same message, confirmed too
    key = "D0LIN:1765245600.000100"
    assert _delivered(uow_factory) == sorted([(p, prop, "call", key) for p in POINTS] + [("免费试点", None, "call", key)])
    with uow_factory(WS) as uow:
        (li,) = [c for c in uow.contacts.all() if c.name == "李娜"]
        heard = uow.pitch_deliveries.heard([li.id])[li.id]
    assert {k: h.times for k, h in heard.items()} == {point_key(p): 1 for p in (*POINTS, "免费试点")}


def test_points_told_in_a_thread_reply_are_heard_by_everyone_in_the_interaction_it_adds_to(
        uow_factory: UnitOfWorkFactory) -> None:
    _library(uow_factory)
    first = SourceMessage("D0LIN", "1765245600.000200")
    _confirm(uow_factory, "今天拜访北辰银行的李娜和张伟", first)
    _confirm(uow_factory, "讲了两个优势：两周上线、本地团队7x24小时支持", SourceMessage("D0LIN", "1765245700.000300"),
             thread_ts=first.ts)
    with uow_factory(WS) as uow:
        names = {c.id: c.name for c in uow.contacts.all()}
        rows = uow.session.execute(select(PitchDeliveryRow.contact_id, PitchDeliveryRow.point,
                                          PitchDeliveryRow.channel)).all()
    assert sorted((names[c], p, ch) for c, p, ch in rows) == sorted(
        (n, p, "meeting") for n in ("李娜", "张伟") for p in ("两周上线", "本地团队7x24小时支持"))


def test_the_planner_plans_each_card_once_however_often_it_runs(uow_factory: UnitOfWorkFactory) -> None:
    _library(uow_factory)
    _confirm(uow_factory, "今天拜访北辰银行的李娜，她是决策人。明天下午三点和李娜再见面。", SourceMessage("D0LIN", "1.1"))
    config = ReminderSettings(evening=time(18, 0), morning=time(8, 30), default_tz="Asia/Shanghai")
    counts = [plan_meeting_reminders(sessions=uow_factory.sessions, now=NOW, config=config) for _ in range(3)]
    with uow_factory(WS) as uow:
        keys = sorted(uow.session.scalars(select(DeliveryRow.idempotency_key).where(DeliveryRow.kind == PITCH)))
    assert counts == [2, 0, 0]
    assert [k.rsplit(":", 1)[1] for k in keys] == ["eve", "soon"]


def test_a_meeting_with_no_one_in_a_decision_chain_gets_no_card(uow_factory: UnitOfWorkFactory) -> None:
    _library(uow_factory)
    _confirm(uow_factory, "今天拜访北辰银行的李娜。明天下午三点和李娜再见面。", SourceMessage("D0LIN", "1.2"))
    config = ReminderSettings()
    assert plan_meeting_reminders(sessions=uow_factory.sessions, now=NOW, config=config) == 0


def test_a_point_repeated_in_a_thread_reply_is_heard_once_on_that_touch(uow_factory: UnitOfWorkFactory) -> None:
    _library(uow_factory)
    first = SourceMessage("D0LIN", "1765245600.000400")
    _confirm(uow_factory, "今天拜访北辰银行的李娜，讲了两个优势：总拥有成本降低30%、两周上线", first)
    _confirm(uow_factory, "补充：讲了两个优势：两周就能上线、本地团队7x24小时支持", SourceMessage("D0LIN", "1765245700.000500"),
             thread_ts=first.ts)
    with uow_factory(WS) as uow:
        (li,) = uow.contacts.all()
        heard = uow.pitch_deliveries.heard([li.id])[li.id]
    assert {h.point: h.times for h in heard.values()} == {p: 1 for p in POINTS}
    assert {k for *_, k in _delivered(uow_factory)} == {"D0LIN:1765245600.000400"}, "recorded under the touch's message"


def test_a_point_two_pitches_share_is_recorded_for_the_one_chosen_for_the_logs_deal(
        uow_factory: UnitOfWorkFactory) -> None:
    _library(uow_factory)
    with uow_factory(WS) as uow:
        (deal,) = uow.deals.all()
        fast = uow.propositions.add(Proposition(0, "快速上线", ("两周上线", "免费试点")), by=LIN, now=NOW)
        uow.deal_pitches.choose(deal.id, "decision_maker", fast.id, by=LIN, now=NOW)
        uow.commit()
    _confirm(uow_factory, "今天拜访北辰银行的李娜，她是决策人，聊了核心系统改造项目，讲了两个优势：两周上线、三年保修",
             SourceMessage("D0LIN", "1765245600.000600"))
    assert [(p, prop) for p, prop, *_ in _delivered(uow_factory)] == [("三年保修", None), ("两周上线", fast.id)]
