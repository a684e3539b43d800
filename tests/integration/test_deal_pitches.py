"""The pitch each role of a deal's chain hears: suggested by tags and wins, chosen and cleared, on a real store."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from domain.entities import SourceMessage, User
from domain.pitch_reminders import Membership
from domain.pitches import Proposition
from services.deal_pitches import NotInChain, PitchGone, choose_pitch, pitch_choices
from services.deals import deal_card
from services.pitch_reminders import pitch_for
from services.visibility import NotFound
from storage.repos_deal_import import DealImportRepo
from storage.uow import UnitOfWorkFactory
from tests.deal_pitch_world import World, bank_deal_with_cfo_and_cto
from tests.pitch_history import add_pitch, close_deals

NOW = datetime(2027, 3, 1, 9, 30, tzinfo=UTC)
REP = User("U0REP0001", "林晓", locale="zh-CN")
OTHER_REP = User("U0REP0009", "周明", locale="zh-CN")
CARD = SourceMessage("D0REP0001", "1700000000.000100")
RISK = Proposition(0, "风险可控", ("分期上线，每期可回退", "固定总价，超支我们承担"), industries=("银行",),
                   roles=("economic_buyer",))
SERVICE = Proposition(0, "本地服务", ("两小时到场", "驻场工程师"))


@pytest.fixture
def world(uow_factory: UnitOfWorkFactory) -> World:
    return bank_deal_with_cfo_and_cto(uow_factory, "T1", REP.slack_user_id, NOW)


def _add(uow_factory: UnitOfWorkFactory, prop: Proposition) -> Proposition:
    with uow_factory("T1") as uow:
        made = add_pitch(uow, prop, NOW)
        uow.commit()
    return made


def _choose(uow_factory: UnitOfWorkFactory, world: World, role: str, prop: Proposition | None,
            user: User = REP) -> None:
    choose_pitch(uow=uow_factory("T1"), user=user, deal_id=world.deal_id, role=role,
                 proposition_id=prop.id if prop else None, now=NOW, source=CARD)


def _audits(uow_factory: UnitOfWorkFactory) -> list:
    with uow_factory("T1") as uow:
        return uow.audit.entries("deal_pitch")


def test_each_role_in_the_chain_is_suggested_the_pitch_tagged_for_it_and_untagged_ones_come_last(
        uow_factory: UnitOfWorkFactory, world: World) -> None:
    service = _add(uow_factory, SERVICE)
    choices = pitch_choices(uow=uow_factory("T1"), user=REP, deal_id=world.deal_id)
    assert [(r.role, [s.proposition.title for s in r.suggestions], r.suggestions[0].because, r.chosen)
            for r in choices.roles] == [("economic_buyer", ["三年省三成"], ("role", "industry"), None),
                                        ("technical_buyer", ["两周接入核心系统"], ("role",), None)]
    assert [p.id for p in choices.library] == [world.cost.id, world.integration.id, service.id]
    assert [(p.name, p.heard) for r in choices.roles for p in r.listeners] == [("王建国", ()), ("赵磊", ())]


def test_the_deals_product_is_a_reason_to_suggest_a_pitch_for_it(uow_factory: UnitOfWorkFactory,
                                                                  world: World) -> None:
    platform = _add(uow_factory, Proposition(0, "一个平台管全行数据", ("统一数据标准", "报表当天出"),
                                             products=("数据中台",)))
    with uow_factory("T1") as uow:
        DealImportRepo(uow.session, uow.workspace_id).update(world.deal_id, values={"custom": {"product": "数据中台"}},
                                                             now=NOW)
        uow.commit()
    cto = pitch_choices(uow=uow_factory("T1"), user=REP, deal_id=world.deal_id).roles[1]
    assert [(s.proposition.id, s.because) for s in cto.suggestions] == [
        (world.integration.id, ("role",)), (platform.id, ("product",))]  # the CFO's cost case is not the CTO's


def test_a_pitch_that_won_with_cfos_at_banks_ranks_above_one_with_the_same_tags_that_lost(
        uow_factory: UnitOfWorkFactory, world: World) -> None:
    risk = _add(uow_factory, RISK)
    before = pitch_choices(uow=uow_factory("T1"), user=REP, deal_id=world.deal_id).roles[0]
    assert [s.proposition.id for s in before.suggestions] == [world.cost.id, risk.id], "equal tags: the older first"
    with uow_factory("T1") as uow:
        close_deals(uow, risk, won=6, lost=0, role="economic_buyer", industry="银行", now=NOW, tag="r")
        close_deals(uow, world.cost, won=0, lost=4, role="economic_buyer", industry="银行", now=NOW, tag="c")
        uow.commit()
    cfo = pitch_choices(uow=uow_factory("T1"), user=REP, deal_id=world.deal_id).roles[0]
    assert [(s.proposition.id, s.because) for s in cfo.suggestions] == [
        (risk.id, ("role", "industry", "wins")), (world.cost.id, ("role", "industry", "wins"))]
    # 6 of 10 closed deals won: 6 of 6 reads (6 + 4·0.6) / 10, 0 of 4 reads 2.4 / 8.
    assert [round(s.win_rate or 0, 2) for s in cfo.suggestions] == [0.84, 0.3]


def test_wins_with_another_role_or_industry_are_no_reason_for_this_one(uow_factory: UnitOfWorkFactory,
                                                                       world: World) -> None:
    with uow_factory("T1") as uow:
        close_deals(uow, world.integration, won=5, lost=0, role="economic_buyer", industry="制造", now=NOW, tag="m")
        close_deals(uow, world.cost, won=4, lost=1, role="technical_buyer", industry="银行", now=NOW, tag="t")
        uow.commit()
    cfo, cto = pitch_choices(uow=uow_factory("T1"), user=REP, deal_id=world.deal_id).roles
    assert [(s.proposition.id, s.because) for s in cfo.suggestions] == [(world.cost.id, ("role", "industry"))]
    assert [(s.proposition.id, s.because) for s in cto.suggestions] == [
        (world.integration.id, ("role",)), (world.cost.id, ("industry", "wins"))]


def test_the_chosen_pitch_replaces_the_suggestion_and_the_card_counts_the_points_each_person_heard(
        uow_factory: UnitOfWorkFactory, world: World) -> None:
    _choose(uow_factory, world, "economic_buyer", world.integration)
    with uow_factory("T1") as uow:
        uow.pitch_deliveries.record(contact_ids=[world.cfo_id], points=[(world.integration.id, "标准接口两周接入")],
                                    deal_id=world.deal_id, channel="meeting", at=NOW, source_key="log:1")
        uow.commit()
    card = deal_card(uow=uow_factory("T1"), user=REP, query="", today=date(2027, 3, 1), deal_id=world.deal_id)
    cfo = card.pitches[0]
    assert (cfo.role, cfo.chosen, cfo.pitch) == ("economic_buyer", world.integration, world.integration)
    assert [(p.name, p.heard) for p in cfo.listeners] == [("王建国", ("标准接口两周接入",))]
    assert card.pitches[1].chosen is None and card.pitches[1].pitch == world.integration


def test_a_choice_is_audited_once_with_its_card_and_clearing_it_brings_the_suggestion_back(
        uow_factory: UnitOfWorkFactory, world: World) -> None:
    _choose(uow_factory, world, "technical_buyer", world.cost)
    _choose(uow_factory, world, "technical_buyer", world.cost)
    [chosen] = _audits(uow_factory)
    assert (chosen.action, chosen.entity_id, chosen.before, chosen.after, chosen.source) == (
        "create", world.deal_id, {"role": "technical_buyer", "proposition_id": None},
        {"role": "technical_buyer", "proposition_id": world.cost.id}, CARD)
    _choose(uow_factory, world, "technical_buyer", None)
    assert [(a.action, a.after) for a in _audits(uow_factory)][1:] == [
        ("delete", {"role": "technical_buyer", "proposition_id": None})]
    cto = pitch_choices(uow=uow_factory("T1"), user=REP, deal_id=world.deal_id).roles[1]
    assert (cto.chosen, cto.pitch) == (None, world.integration)


def test_a_role_nobody_holds_an_archived_pitch_or_a_deal_the_rep_cannot_see_saves_nothing(
        uow_factory: UnitOfWorkFactory, world: World) -> None:
    with pytest.raises(NotInChain):
        _choose(uow_factory, world, "procurement", world.cost)
    with uow_factory("T1") as uow:
        uow.propositions.update(replace(world.cost, archived=True), by="U0SEED", now=NOW)
        uow.commit()
    with pytest.raises(PitchGone):
        _choose(uow_factory, world, "economic_buyer", world.cost)
    with pytest.raises(NotFound):
        _choose(uow_factory, world, "economic_buyer", world.integration, user=OTHER_REP)
    with pytest.raises(NotFound):
        pitch_choices(uow=uow_factory("T1"), user=OTHER_REP, deal_id=world.deal_id)
    with uow_factory("T1") as uow:
        assert uow.deal_pitches.of_deal(world.deal_id) == {}
    assert _audits(uow_factory) == []


def test_an_archived_pitch_stops_being_heard_and_with_the_library_empty_the_card_has_no_pitch_section(
        uow_factory: UnitOfWorkFactory, world: World) -> None:
    _choose(uow_factory, world, "economic_buyer", world.cost)

    def archive(prop: Proposition) -> tuple:
        with uow_factory("T1") as uow:
            uow.propositions.update(replace(prop, archived=True), by="U0SEED", now=NOW)
            uow.commit()
        return deal_card(uow=uow_factory("T1"), user=REP, query="", today=date(2027, 3, 1),
                         deal_id=world.deal_id).pitches

    cfo, cto = archive(world.cost)
    assert (cfo.chosen, cfo.pitch, cto.pitch) == (None, None, world.integration)
    assert archive(world.integration) == ()


def test_the_meeting_reminder_pitches_what_the_deal_card_shows_for_each_role(
        uow_factory: UnitOfWorkFactory, world: World) -> None:
    service = _add(uow_factory, SERVICE)
    _choose(uow_factory, world, "technical_buyer", service)
    card = deal_card(uow=uow_factory("T1"), user=REP, query="", today=NOW.date(), deal_id=world.deal_id)
    on_card = {r.role: r.pitch for r in card.pitches}
    with uow_factory("T1") as uow:
        by_deal: dict[int, dict[str, Proposition | None]] = {}
        heard_at_meeting = {role: pitch_for(uow, Membership(0, world.deal_id, role, "unknown"), by_deal)
                            for role in ("economic_buyer", "technical_buyer", "procurement")}
    assert heard_at_meeting["economic_buyer"] == on_card["economic_buyer"] == world.cost
    assert heard_at_meeting["technical_buyer"] == on_card["technical_buyer"] == service
    assert heard_at_meeting["procurement"] is None  # nobody holds it: no pitch, as on the card
