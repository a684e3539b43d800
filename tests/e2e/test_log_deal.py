"""What a log says about a deal lands on the right deal, with its control points, chain, requests and meetings."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from domain.entities import Deal
from sandbox.local import TEAM, LocalRapport
from storage.rows import AuditRow
from storage.rows_pipeline import ChainMemberRow, ControlPointRow, DealRow, MeetingRow, ResourceRequestRow
from tests.e2e.conftest import REP, button, card_text, press, wait_card

LOG = ("电话联系了北辰银行的采购经理邓凯，项目预算500万元，竞争性谈判，综合评分，技术60分，价格40分。"
       "需要售前下周二前做一场产品演示，下周四上午十点再和邓凯见面。")


def _bank_with_deals(local: LocalRapport, *names: str) -> dict[str, int]:
    now = datetime(2026, 12, 1, tzinfo=UTC)
    with local.uow_factory(TEAM) as uow:
        bank = uow.accounts.add(name="北辰银行", now=now)
        ids = {n: uow.deals.add(Deal(0, n, bank.id, stage="proposal"), now=now).id for n in names}
        uow.commit()
    return ids


def _latest(local: LocalRapport) -> dict:
    return local.standin.messages(local.standin.dm_channel(REP))[-1]


def _updates(local: LocalRapport, n: int) -> None:
    local.standin.wait_for(lambda: len(local.standin.calls_to("chat.update")) >= n or None, timeout=15)


def test_with_two_open_deals_the_card_asks_which_and_records_on_the_chosen_one(local: LocalRapport) -> None:
    deals = _bank_with_deals(local, "核心系统改造", "数据中台二期")
    local.slack.send_dm(REP, LOG)
    card = wait_card(local, REP)
    assert "哪个商机" in card_text(card)
    press(local, REP, card, "log_confirm")  # Confirm before answering records nothing
    _updates(local, 1)
    core = next(b for b in (button(_latest(local), "log_pick:50"), button(_latest(local), "log_pick:51"))
                if b["text"]["text"] == "核心系统改造")
    press(local, REP, _latest(local), core["action_id"])
    _updates(local, 2)
    chosen = card_text(_latest(local))
    assert "控制点「招标方式」：已掌握" in chosen and "金额 — → 5,000,000" in chosen
    press(local, REP, _latest(local), "log_confirm")
    _updates(local, 3)
    with local.runtime.engine.connect() as conn:
        deal = conn.execute(select(DealRow).where(DealRow.id == deals["核心系统改造"])).one()
        points = dict(conn.execute(select(ControlPointRow.key, ControlPointRow.state)).all())
        chain = conn.execute(select(ChainMemberRow.deal_id, ChainMemberRow.role)).all()
        request = conn.execute(select(ResourceRequestRow.type, ResourceRequestRow.deal_id,
                                      ResourceRequestRow.needed_by)).one()
        meeting = conn.execute(select(MeetingRow.on, MeetingRow.at, MeetingRow.tz)).one()
        audited = set(conn.scalars(select(AuditRow.entity)))
    assert (float(deal.amount), deal.currency, deal.award_method) == (5_000_000, "CNY", "competitive_negotiation")
    assert points == {"award_method": "secured", "award_rule": "secured", "evaluation_criteria": "secured"}
    assert chain == [(deals["核心系统改造"], "procurement")]
    assert (request.type, request.deal_id, request.needed_by.isoformat()) == ("demo", deal.id, "2026-12-15")
    assert (meeting.on.isoformat(), meeting.at, meeting.tz) == ("2026-12-17", "10:00", "Asia/Shanghai")
    assert {"deal", "control_point", "chain_member", "resource_request", "meeting"} <= audited


def test_an_account_without_deals_gets_a_new_one_proposed_on_the_card(local: LocalRapport) -> None:
    _bank_with_deals(local)
    local.slack.send_dm(REP, LOG)
    card = wait_card(local, REP)
    assert "新商机" in card_text(card) and "哪个商机" not in card_text(card)
    press(local, REP, card, "log_confirm")
    _updates(local, 1)
    with local.runtime.engine.connect() as conn:
        assert conn.scalar(select(DealRow.name)) == "北辰银行"
