"""A rep sees on the deal card which pitch each role of the chain should hear, and chooses one in a dialog."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from sandbox.local import TEAM, LocalRapport
from sandbox.payloads import initial_values
from sandbox.render import render_message
from storage.rows import AuditRow
from tests.deal_pitch_world import World, bank_deal_with_cfo_and_cto
from tests.e2e.conftest import EN_REP, REP, START, answer


def _card(local: LocalRapport, user: str = REP) -> dict[str, Any]:
    """Ask for the deal card: the ephemeral answer as Slack holds it."""
    answer(local, user, "deal 数据中台二期")
    return local.standin.ephemerals(local.standin.dm_channel(user), user)[-1]


def _press_choose(local: LocalRapport, user: str, card: dict[str, Any], deal_id: int) -> Any:
    """Press Choose pitch on the card (a card of this deal's id, whoever holds it)."""
    return local.slack.block_action(user, "dealpitch_choose", str(deal_id), channel=local.standin.dm_channel(user),
                                    block_id="deal_pitches", message=card, ephemeral=True)


def _dialog(local: LocalRapport, card: dict[str, Any], deal_id: int) -> dict[str, Any]:
    seen = len(local.standin.views(REP))
    _press_choose(local, REP, card, deal_id)
    return local.standin.wait_for(lambda: local.standin.views(REP)[seen:] or None, timeout=15)[0]


def _options(view: dict[str, Any], block_id: str) -> list[tuple[str, str]]:
    block = next(b for b in view["blocks"] if b.get("block_id") == block_id)
    return [(o["value"], o["text"]["text"]) for o in block["element"]["options"]]


def _submit(local: LocalRapport, view: dict[str, Any], role: str, pitch: int, user: str = REP) -> Any:
    values = initial_values(view)
    values["dealpitch:role"]["dealpitch_value"]["selected_option"] = {"value": role}
    values["dealpitch:pitch"]["dealpitch_value"]["selected_option"] = {"value": str(pitch)}
    return local.slack.view_submission(user, view, values)


def _audits(local: LocalRapport) -> list[Any]:
    with local.runtime.engine.connect() as conn:
        return list(conn.execute(select(AuditRow).where(AuditRow.entity == "deal_pitch")))


def _chosen(local: LocalRapport, world: World) -> dict[str, int]:
    with local.uow_factory(TEAM) as uow:
        return uow.deal_pitches.of_deal(world.deal_id)


def test_the_card_suggests_cost_for_the_cfo_and_integration_for_the_cto_and_shows_the_pitch_chosen_in_the_dialog(
        local: LocalRapport) -> None:
    world = bank_deal_with_cfo_and_cto(local.uow_factory, TEAM, REP, START)
    card = _card(local)
    said = render_message(card).text
    assert "经济决策者：建议：三年省三成 · 约 7 秒（理由：角色、行业） · 王建国 已听 0/2" in said, said
    assert "技术把关者：建议：两周接入核心系统 · 约 6 秒（理由：角色） · 赵磊 已听 0/2" in said, said
    view = _dialog(local, card, world.deal_id)
    assert _options(view, "dealpitch:role") == [("economic_buyer", "经济决策者"), ("technical_buyer", "技术把关者")]
    assert _options(view, "dealpitch:pitch")[:2] == [(str(world.cost.id), "三年省三成 · 适合经济决策者：角色、行业"),
                                                     (str(world.integration.id), "两周接入核心系统 · 适合技术把关者：角色")]
    cards_before = len(local.standin.ephemerals(local.standin.dm_channel(REP), REP))
    assert _submit(local, view, "economic_buyer", world.cost.id).status == 200
    channel = local.standin.dm_channel(REP)
    redrawn = local.standin.wait_for(lambda: [m for m in local.standin.ephemerals(channel, REP)
                                              if "经济决策者：三年省三成 · 约 7 秒" in render_message(m).text] or None,
                                     timeout=15)[-1]
    assert redrawn["ts"] == card["ts"], "the card pressed is redrawn in place"
    assert len(local.standin.ephemerals(channel, REP)) == cards_before
    assert "技术把关者：建议：两周接入核心系统" in render_message(redrawn).text
    assert _chosen(local, world) == {"economic_buyer": world.cost.id}
    [entry] = _audits(local)
    assert (entry.actor_slack_id, entry.action, entry.after) == (
        REP, "create", {"role": "economic_buyer", "proposition_id": world.cost.id})
    assert (entry.source_channel, entry.source_ts) == (channel, card["ts"]), "the audit names the card"


def test_a_rep_who_cannot_see_the_deal_gets_no_dialog_and_cannot_save_a_choice(local: LocalRapport) -> None:
    world = bank_deal_with_cfo_and_cto(local.uow_factory, TEAM, REP, START)
    view = _dialog(local, _card(local), world.deal_id)
    channel, seen = local.standin.dm_channel(EN_REP), len(local.standin.views(EN_REP))
    answer(local, EN_REP, "pitch")  # any card of theirs to press the forged button on
    theirs = local.standin.ephemerals(channel, EN_REP)[-1]
    assert _press_choose(local, EN_REP, theirs, world.deal_id).status == 200
    refusal = local.standin.wait_for(lambda: [m for m in local.standin.ephemerals(channel, EN_REP)
                                              if "not one you can see" in (m.get("text") or "")] or None, timeout=15)
    assert refusal and local.standin.views(EN_REP)[seen:] == []
    refused = _submit(local, view, "economic_buyer", world.cost.id, user=EN_REP)
    assert refused.json() == {"response_action": "errors", "errors": {
        "dealpitch:role": "That deal is not one you can see, so you cannot choose its pitches."}}
    assert _chosen(local, world) == {} and _audits(local) == []
