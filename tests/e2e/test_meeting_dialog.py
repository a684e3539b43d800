"""`/rapport meeting`: a rep plans a meeting in a dialog; it is kept, audited, and brings its pitch card."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select

from domain.entities import ChainMember, Contact, Deal
from domain.pitches import Proposition
from sandbox.local import TEAM, LocalRapport
from services.clock import MovableClock
from storage.rows import AuditRow
from storage.rows_pipeline import MeetingRow
from tests.e2e.conftest import REP, START, card_text, cards, tick

OTHER_REP = "U0REP0007"


def _seed(local: LocalRapport) -> dict[str, int]:
    """李娜, decision maker on 北辰银行's deal (our rep's), and 周敏 at another rep's account."""
    with local.uow_factory(TEAM) as uow:
        bank = uow.accounts.add(name="北辰银行", now=START, owner_slack_id=REP)
        port = uow.accounts.add(name="东港集团", now=START, owner_slack_id=OTHER_REP)
        deal = uow.deals.add(Deal(0, "核心系统改造", bank.id, stage="proposal", owner_slack_id=REP), now=START)
        li = uow.contacts.add(Contact(0, "李娜", account_id=bank.id, title="CTO", importance=5), now=START)
        zhou = uow.contacts.add(Contact(0, "周敏", account_id=port.id), now=START)
        uow.chain_members.add(ChainMember(0, deal.id, li.id, "decision_maker", stance="supporter"))
        uow.propositions.add(Proposition(0, "降本增效", ("总拥有成本降低30%", "两周上线"), roles=("decision_maker",)),
                             by=REP, now=START)
        uow.commit()
    return {"li": li.id, "zhou": zhou.id, "deal": deal.id}


def _open(local: LocalRapport) -> dict[str, Any]:
    seen = len(local.standin.views(REP))
    assert local.slack.slash_command(REP, "meeting").status == 200
    return local.standin.wait_for(lambda: local.standin.views(REP)[seen:] or None, timeout=15)[0]


def _submit(local: LocalRapport, view: dict[str, Any], people: list[int], on: str, at: str | None = None,
            deal: int | None = None, topic: str = "") -> Any:
    def field(name: str, state: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        return f"meeting:{name}", {"value": state}

    values = dict([field("people", {"type": "multi_static_select",
                                    "selected_options": [{"value": str(p)} for p in people]}),
                   field("date", {"type": "datepicker", "selected_date": on}),
                   field("time", {"type": "timepicker", "selected_time": at}),
                   field("deal", {"type": "static_select",
                                  "selected_option": {"value": str(deal)} if deal else None}),
                   field("topic", {"type": "plain_text_input", "value": topic})])
    return local.slack.view_submission(REP, view, values)


def test_a_meeting_planned_in_the_dialog_is_kept_audited_and_brings_its_evening_card(
        local: LocalRapport, clock: MovableClock) -> None:
    ids = _seed(local)
    view = _open(local)
    offered = [o["text"]["text"] for b in view["blocks"] for o in (b.get("element") or {}).get("options") or ()]
    assert "李娜 · 北辰银行" in offered and "核心系统改造 · 北辰银行" in offered
    assert not any("周敏" in o for o in offered), "only people at accounts the rep may see"
    assert _submit(local, view, [ids["li"]], "2026-12-10", "10:00", ids["deal"], "方案汇报").status == 200
    dm = local.standin.dm_channel(REP)
    saved = local.standin.wait_for(lambda: [m for m in local.standin.messages(dm) if "已保存" in (m.get("text") or "")]
                                   or None, timeout=15)
    assert "12月10日（周四） 10:00 与李娜会面" in saved[-1]["text"]
    with local.runtime.engine.connect() as conn:
        meeting = conn.execute(select(MeetingRow)).one()
        audit = conn.execute(select(AuditRow).where(AuditRow.entity == "meeting")).one()
    assert (meeting.on, meeting.at, meeting.tz, meeting.deal_id, meeting.contact_ids, meeting.topic) == (
        date(2026, 12, 10), "10:00", "Asia/Shanghai", ids["deal"], [ids["li"]], "方案汇报")
    assert (audit.actor_slack_id, audit.action, audit.entity_id) == (REP, "create", meeting.id)

    clock.set(datetime(2026, 12, 9, 10, 0, tzinfo=UTC))  # 18:00 in Shanghai
    tick(local, clock)
    card = card_text(cards(local, REP)[-1])
    assert "明天 10:00 与李娜会面" in card and "方案汇报" in card and "总拥有成本降低30% — 还没听过" in card


def test_a_meeting_planned_again_in_the_dialog_is_kept_once_and_a_new_time_moves_it(local: LocalRapport) -> None:
    ids = _seed(local)
    dm = local.standin.dm_channel(REP)

    def saved() -> int:
        return sum("已保存" in (m.get("text") or "") for m in local.standin.messages(dm))

    for n, at in enumerate(("10:00", "10:00", "15:00"), start=1):  # planned, restated, then moved to the afternoon
        assert _submit(local, _open(local), [ids["li"]], "2026-12-10", at, ids["deal"]).status == 200
        local.standin.wait_for(lambda n=n: saved() >= n or None, timeout=15)  # the dialog is saved after its ack
    with local.runtime.engine.connect() as conn:
        meetings = conn.execute(select(MeetingRow).order_by(MeetingRow.id)).all()
        audits = conn.execute(select(AuditRow).where(AuditRow.entity == "meeting")).all()
    assert [(m.at, m.state) for m in meetings] == [("10:00", "moved"), ("15:00", "planned")]
    assert len(audits) == 2, "the restated meeting writes nothing"


def test_a_day_already_past_or_no_one_picked_keeps_the_dialog_open_and_saves_nothing(local: LocalRapport) -> None:
    _seed(local)
    view = _open(local)
    refused = _submit(local, view, [], "2026-12-08")
    assert refused.json() == {"response_action": "errors", "errors": {
        "meeting:people": "请至少选一位", "meeting:date": "这一天已经过去了"}}
    with local.runtime.engine.connect() as conn:
        assert conn.execute(select(MeetingRow)).all() == []


def test_someone_at_an_account_the_rep_may_not_see_is_refused(local: LocalRapport) -> None:
    ids = _seed(local)
    assert _submit(local, _open(local), [ids["zhou"]], "2026-12-10").status == 200
    dm = local.standin.dm_channel(REP)
    local.standin.wait_for(lambda: [m for m in local.standin.messages(dm) if "找不到" in (m.get("text") or "")]
                           or None, timeout=15)
    with local.runtime.engine.connect() as conn:
        assert conn.execute(select(MeetingRow)).all() == []
