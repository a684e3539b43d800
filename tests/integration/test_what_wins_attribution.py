"""What wins counts what the people in a closed deal's chain heard before it closed, whichever log told it, and a
point reworded in the library keeps who heard it — in what wins, on the deal card and in the reminders' order."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from domain.entities import ChainMember, Contact, Deal, SourceMessage, User
from domain.pitches import Proposition, point_key, points_to_say
from services.deal_pitches import pitch_choices
from services.log_meeting import confirm_log, draft_log
from services.pitch_library import edit_pitch
from services.pitch_wins import best_pitches
from services.understander import InProcess
from storage.uow import UnitOfWork, UnitOfWorkFactory
from tests.deal_pitch_world import World, bank_deal_with_cfo_and_cto

WS = "T0WINS001"
LIN = User("U0LIN0001", "林晓", tz="Asia/Shanghai", locale="zh-CN")
SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 12, 9, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai
POINTS = ("总拥有成本降低30%", "两周上线")


def _confirm(uows: UnitOfWorkFactory, text: str, ts: str, now: datetime) -> None:
    card = draft_log(uow=uows(WS), user_slack_id=LIN.slack_user_id, text=text, source=SourceMessage("D0LIN", ts),
                     now=now.astimezone(SHANGHAI), understand=InProcess())
    saved = confirm_log(uow=uows(WS), draft_id=card.draft_id, actor=LIN.slack_user_id, now=now,
                        today=now.astimezone(SHANGHAI).date(), tz="Asia/Shanghai")
    assert saved.outcome is not None, saved.notice


def _close(uow: UnitOfWork, deal_id: int, at: datetime, *, outcome: str | None = "won",
           stage: str = "closed_won") -> None:
    deal = uow.deals.get(deal_id)
    assert deal is not None
    uow.deals.update(replace(deal, outcome=outcome, stage=stage), now=at)


def _account_of(uow: UnitOfWork, deal_id: int) -> int | None:
    deal = uow.deals.get(deal_id)
    return deal.account_id if deal else None


def _records(uows: UnitOfWorkFactory, team: str = WS) -> list[tuple[str, int, int]]:
    best = best_pitches(uow=uows(team))
    return [(b.proposition.title, b.record.won, b.record.deals) for b in best.propositions]


def _bank_deal(uows: UnitOfWorkFactory) -> int:
    with uows(WS) as uow:
        uow.users.save(LIN)
        bank = uow.accounts.add(name="北辰银行", now=NOW, owner_slack_id=LIN.slack_user_id)
        deal = uow.deals.add(Deal(0, "核心系统改造", bank.id, stage="proposal", owner_slack_id=LIN.slack_user_id),
                             now=NOW)
        uow.propositions.add(Proposition(0, "降本", POINTS, roles=("decision_maker",)), by=LIN.slack_user_id, now=NOW)
        uow.commit()
    return deal.id


def test_points_told_in_a_call_log_naming_no_deal_count_for_the_deal_its_listener_decided(
        uow_factory: UnitOfWorkFactory) -> None:
    deal_id = _bank_deal(uow_factory)
    _confirm(uow_factory, "今天拜访北辰银行的李娜，她是决策人。", "3.0", NOW)
    _confirm(uow_factory, "今天给北辰银行的李娜打电话，讲了两个优势：总拥有成本降低30%、两周上线", "3.1", NOW)
    with uow_factory(WS) as uow:
        _close(uow, deal_id, NOW + timedelta(days=20))
        uow.commit()
    assert _records(uow_factory) == [("降本", 1, 1)]
    assert sorted(r.key for r in best_pitches(uow=uow_factory(WS)).points) == sorted(POINTS)


def test_points_told_after_the_deal_closed_do_not_count_for_it(uow_factory: UnitOfWorkFactory) -> None:
    deal_id = _bank_deal(uow_factory)
    _confirm(uow_factory, "今天拜访北辰银行的李娜，她是决策人。", "4.0", NOW)
    with uow_factory(WS) as uow:
        _close(uow, deal_id, NOW + timedelta(hours=1))
        uow.commit()
    _confirm(uow_factory, "今天给北辰银行的李娜打电话，讲了两个优势：总拥有成本降低30%、两周上线", "4.1", NOW + timedelta(hours=2))
    best = best_pitches(uow=uow_factory(WS))
    assert (best.closed, best.propositions, best.points) == (1, (), ())


def test_someone_outside_the_chain_who_heard_the_pitch_on_the_deal_is_not_counted(
        uow_factory: UnitOfWorkFactory) -> None:
    deal_id = _bank_deal(uow_factory)
    with uow_factory(WS) as uow:
        (prop,) = uow.propositions.all()
        guest = uow.contacts.add(Contact(0, "访客", _account_of(uow, deal_id)), now=NOW)
        uow.pitch_deliveries.record(contact_ids=[guest.id], points=[(prop.id, p) for p in POINTS], deal_id=deal_id,
                                    channel="meeting", at=NOW, source_key="D0LIN:5.0")
        _close(uow, deal_id, NOW + timedelta(days=1))
        uow.commit()
    assert _records(uow_factory) == []


def test_a_deal_in_a_closed_stage_with_no_outcome_counts_as_closed(uow_factory: UnitOfWorkFactory) -> None:
    deal_id = _bank_deal(uow_factory)
    with uow_factory(WS) as uow:
        (prop,) = uow.propositions.all()
        li = uow.contacts.add(Contact(0, "李娜", _account_of(uow, deal_id)), now=NOW)
        uow.chain_members.add(ChainMember(0, deal_id, li.id, "decision_maker"))
        uow.pitch_deliveries.record(contact_ids=[li.id], points=[(prop.id, p) for p in POINTS], deal_id=None,
                                    channel="call", at=NOW, source_key="D0LIN:6.0")
        _close(uow, deal_id, NOW + timedelta(days=1), outcome=None, stage="closed_lost")
        uow.commit()
    assert _records(uow_factory) == [("降本", 0, 1)]


def _heard_then_reworded(uows: UnitOfWorkFactory, world: World) -> Proposition:
    """The CFO heard both points of the cost pitch on a call; then its first point is reworded in the library."""
    with uows("T1") as uow:
        uow.pitch_deliveries.record(contact_ids=[world.cfo_id], points=[(world.cost.id, p) for p in world.cost.points],
                                    deal_id=None, channel="call", at=NOW, source_key="D0REP:7.0")
        uow.commit()
    first, second = world.cost.points
    edited = edit_pitch(uow=uows("T1"), user=LIN, pitch_id=world.cost.id, title=world.cost.title,
                        points=[first.replace("下降", "降低"), second], now=NOW + timedelta(days=1),
                        industries=world.cost.industries, roles=world.cost.roles)
    return edited.proposition


def test_a_reworded_point_is_still_heard_on_the_deal_card_and_still_said_last(
        uow_factory: UnitOfWorkFactory) -> None:
    world = bank_deal_with_cfo_and_cto(uow_factory, "T1", LIN.slack_user_id, NOW)
    cost = _heard_then_reworded(uow_factory, world)
    assert cost.points[0] == "三年总体拥有成本降低30%"
    cfo = pitch_choices(uow=uow_factory("T1"), user=LIN, deal_id=world.deal_id).roles[0]
    assert [(p.name, p.heard) for p in cfo.listeners] == [("王建国", cost.points)]
    with uow_factory("T1") as uow:
        heard = uow.pitch_deliveries.heard([world.cfo_id])[world.cfo_id]
    assert heard[point_key(cost.points[0])].times == 1
    said = points_to_say((*cost.points, "本地团队驻场"), heard)
    assert [(p.point, p.heard.times if p.heard else 0) for p in said] == [
        ("本地团队驻场", 0), (cost.points[0], 1), (cost.points[1], 1)]


def test_a_reworded_point_keeps_its_record_and_its_listener_under_its_new_wording(
        uow_factory: UnitOfWorkFactory) -> None:
    deal_id = _bank_deal(uow_factory)
    _confirm(uow_factory, "今天拜访北辰银行的李娜，她是决策人。讲了两个优势：总拥有成本降低30%、两周上线", "8.0", NOW)
    with uow_factory(WS) as uow:
        _close(uow, deal_id, NOW + timedelta(days=1))
        (prop,) = uow.propositions.all()
        (li,) = uow.contacts.all()
        uow.commit()
    edit_pitch(uow=uow_factory(WS), user=LIN, pitch_id=prop.id, title=prop.title, points=["总拥有成本降低30%", "两周内上线"],
               now=NOW + timedelta(days=2), roles=prop.roles)
    best = best_pitches(uow=uow_factory(WS))
    assert sorted((r.key, r.won, r.deals) for r in best.points) == [("两周内上线", 1, 1), ("总拥有成本降低30%", 1, 1)]
    with uow_factory(WS) as uow:
        heard = uow.pitch_deliveries.heard([li.id])[li.id]
    assert {h.point: h.times for h in heard.values()} == {"两周内上线": 1, "总拥有成本降低30%": 1}
