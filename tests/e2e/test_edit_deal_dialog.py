"""A rep edits a deal from its card: the new stage and amount are stored, audited with the card, and shown."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from sandbox.local import TEAM, LocalRapport
from sandbox.payloads import initial_values
from sandbox.render import render_message
from services.seed import load_demo_dataset
from storage.rows import AuditRow
from tests.e2e.conftest import REP, START, answer


def _demo(local: LocalRapport) -> None:
    """The demo world, with 北辰银行 and its open deal 数据中台二期 (proposal, 3,500,000 CNY) owned by our rep."""
    load_demo_dataset(uow=local.uow_factory(TEAM), today=START.date(), now=START, reps=(REP, "U0REP0003"))


def _press_edit_deal(local: LocalRapport) -> dict[str, Any]:
    """Ask for the deal card and press its Edit deal button: the dialog that opens."""
    channel = local.standin.dm_channel(REP)
    answer(local, REP, "deal 数据中台二期")
    card = local.standin.ephemerals(channel, REP)[-1]
    edit = next(e for b in card["blocks"] if b.get("block_id") == "deal_actions" for e in b["elements"])
    seen = len(local.standin.views(REP))
    local.slack.block_action(REP, edit["action_id"], edit["value"], channel=channel, block_id="deal_actions",
                             message=None, ephemeral=True)
    return local.standin.wait_for(lambda: local.standin.views(REP)[seen:] or None, timeout=15)[0]


def _submit(local: LocalRapport, view: dict[str, Any], **typed: str) -> Any:
    values = initial_values(view)
    for field, value in typed.items():
        state = values[f"deal:{field}"]["value"]
        kind = {"static_select": "selected_option", "datepicker": "selected_date"}.get(state["type"], "value")
        state[kind] = {"value": value} if kind == "selected_option" else value
    return local.slack.view_submission(REP, view, values)


def _deal_audits(local: LocalRapport) -> list[Any]:
    with local.runtime.engine.connect() as conn:
        return list(conn.execute(select(AuditRow).where(AuditRow.entity == "deal", AuditRow.action == "update")))


def _stored(local: LocalRapport) -> tuple[str, float | None]:
    with local.uow_factory(TEAM) as uow:
        deal = next(d for d in uow.deals.all() if d.name == "数据中台二期")
    return deal.stage, deal.amount


def test_a_rep_sets_a_new_stage_and_amount_which_are_stored_audited_with_the_card_and_shown(
        local: LocalRapport) -> None:
    _demo(local)
    view = _press_edit_deal(local)
    assert view["blocks"][1]["element"]["initial_value"] == "3500000", "the dialog shows what the deal records"
    assert _submit(local, view, stage="negotiation", amount="4,200,000").status == 200
    channel = local.standin.dm_channel(REP)
    saved = local.standin.wait_for(lambda: [m for m in local.standin.messages(channel)
                                            if "已保存商机 数据中台二期" in (m.get("text") or "")] or None, timeout=15)
    card = render_message(saved[-1]).text
    assert "北辰银行 · 谈判 · 4,200,000 CNY" in card, card
    assert _stored(local) == ("negotiation", 4_200_000.0)
    [entry] = _deal_audits(local)
    assert (entry.actor_slack_id, entry.before, entry.after) == (
        REP, {"stage": "proposal", "amount": 3_500_000}, {"stage": "negotiation", "amount": 4_200_000})
    assert entry.source_channel == channel, "the audit names the card the Edit deal button was on"


def test_a_close_date_before_the_rfp_keeps_the_dialog_open_and_changes_nothing(local: LocalRapport) -> None:
    _demo(local)
    view = _press_edit_deal(local)
    refused = _submit(local, view, rfp_due="2027-03-01", close_on="2027-02-01", amount="-1")
    assert refused.json() == {"response_action": "errors", "errors": {
        "deal:amount": "请填写不小于 0 的数字，如 3500000", "deal:close_on": "签约日期不能早于招标文件日期"}}
    assert _stored(local) == ("proposal", 3_500_000.0) and _deal_audits(local) == []


def test_a_rep_records_who_won_a_lost_deal_and_at_what_price_audited_and_shown_in_the_accounts_history(
        local: LocalRapport) -> None:
    _demo(local)
    view = _press_edit_deal(local)
    assert _submit(local, view, outcome="lost", winner="星图数据", winning_price="2,950,000").status == 200
    local.standin.wait_for(lambda: [m for m in local.standin.messages(local.standin.dm_channel(REP))
                                    if "已保存商机 数据中台二期" in (m.get("text") or "")] or None, timeout=15)
    [entry] = _deal_audits(local)
    assert (entry.before, entry.after) == ({"outcome": None, "winner": None, "winning_price": None},
                                           {"outcome": "lost", "winner": "星图数据", "winning_price": 2_950_000})
    history = answer(local, REP, "history 北辰银行")
    assert "数据中台二期 · 丢单" in history
    assert "中标方：星图数据 · 中标价 2,950,000 CNY · 我方金额 3,500,000 CNY" in history, history
