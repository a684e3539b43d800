"""A rep sets a contact's keep-in-touch rhythm in Edit profile: stored, audited, replanned, and shown on the card."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import select

from domain.entities import Contact, SourceMessage, User
from sandbox.local import TEAM, LocalRapport
from sandbox.payloads import initial_values
from sandbox.render import render_message
from storage.rows import AuditRow, ContactRow
from tests.e2e.conftest import REP

NOW = datetime(2026, 12, 1, tzinfo=UTC)
LAST_TOUCH = date(2026, 11, 28)


def _seed(local: LocalRapport) -> None:
    """李娜 at 北辰银行, importance 4 and familiar (every 30 days by default), last met on 28 November."""
    with local.uow_factory(TEAM) as uow:
        uow.users.save(User(REP, "林晓"))
        bank = uow.accounts.add(name="北辰银行", now=NOW, owner_slack_id=REP)
        li = uow.contacts.add(Contact(0, "李娜", account_id=bank.id, title="CTO", importance=4,
                                      trust_stage="familiar"), now=NOW)
        uow.interactions.add(rep_slack_id=REP, occurred_on=LAST_TOUCH, channel="meal", summary="…", now=NOW,
                             account_id=bank.id, contacts={li.id: True}, pitched=(), source=SourceMessage(None, None))
        uow.commit()


def _open_edit_profile(local: LocalRapport) -> dict[str, Any]:
    """Ask for 李娜's card and press its Edit profile button; the dialog that opens."""
    channel = local.standin.dm_channel(REP)
    local.slack.slash_command(REP, "person 李娜")
    card = local.standin.wait_for(lambda: local.standin.ephemerals(channel, REP)[-1:] or None, timeout=15)[0]
    edit = next(e for b in card["blocks"] if b["type"] == "actions" for e in b["elements"])
    seen = len(local.standin.views(REP))
    local.slack.block_action(REP, edit["action_id"], edit["value"], channel=channel, block_id="person_actions",
                             message=None, ephemeral=True)
    return local.standin.wait_for(lambda: local.standin.views(REP)[seen:] or None, timeout=15)[0]


def _submit_rhythm(local: LocalRapport, view: dict[str, Any], typed: str) -> Any:
    values = initial_values(view)
    values["profile:cadence_days"]["value"]["value"] = typed
    return local.slack.view_submission(REP, view, values)


def _saved_card(local: LocalRapport, count: int = 1) -> str:
    channel = local.standin.dm_channel(REP)
    saved = local.standin.wait_for(lambda: [m for m in local.standin.messages(channel)
                                            if "已保存 李娜" in (m.get("text") or "")][count - 1:] or None, timeout=15)
    return render_message(saved[-1]).text


def _stored(local: LocalRapport) -> tuple[int | None, date | None]:
    with local.runtime.engine.connect() as conn:
        row = conn.execute(select(ContactRow.cadence_days, ContactRow.next_touch_on)
                           .where(ContactRow.name == "李娜")).one()
    return row.cadence_days, row.next_touch_on


def _rhythm_audits(local: LocalRapport) -> list[Any]:
    with local.runtime.engine.connect() as conn:
        rows = conn.execute(select(AuditRow).where(AuditRow.entity == "contact", AuditRow.action == "update")
                            .order_by(AuditRow.id)).all()
    return [r for r in rows if "cadence_days" in (r.after or {})]


def test_the_dialog_shows_the_default_rhythm_and_where_it_comes_from(local: LocalRapport) -> None:
    _seed(local)
    block = next(b for b in _open_edit_profile(local)["blocks"] if b["block_id"] == "profile:cadence_days")
    assert block["label"]["text"] == "保持联系的节奏（天）" and block["optional"] is True
    assert block["element"]["placeholder"]["text"] == "默认：每 30 天（重要度 4 · 熟悉）"
    assert "initial_value" not in block["element"], "no rhythm of the rep's own yet"


def test_setting_60_days_is_stored_audited_replans_the_next_touch_and_shows_on_the_card(local: LocalRapport) -> None:
    _seed(local)
    assert _stored(local) == (None, LAST_TOUCH + timedelta(days=30)), "the cadence table's rhythm before"
    assert _submit_rhythm(local, _open_edit_profile(local), "60").status == 200
    card = _saved_card(local)
    assert "联系节奏: 每 60 天（自定）" in card
    assert "联系节奏（天） — → 60" in card, "the latest changes say who set it"
    assert _stored(local) == (60, LAST_TOUCH + timedelta(days=60))
    [entry] = _rhythm_audits(local)
    assert (entry.actor_slack_id, entry.before, entry.after) == (REP, {"cadence_days": None}, {"cadence_days": 60})
    assert entry.source_channel == local.standin.dm_channel(REP), "the audit names where the Edit button was pressed"


def test_emptying_the_field_returns_the_contact_to_the_default_rhythm(local: LocalRapport) -> None:
    _seed(local)
    _submit_rhythm(local, _open_edit_profile(local), "60")
    _saved_card(local)
    view = _open_edit_profile(local)
    assert next(b for b in view["blocks"] if b["block_id"] == "profile:cadence_days")["element"]["initial_value"] == "60"
    _submit_rhythm(local, view, "")
    assert "联系节奏: 每 30 天（默认）" in _saved_card(local, count=2)
    assert _stored(local) == (None, LAST_TOUCH + timedelta(days=30))
    assert [(a.before, a.after) for a in _rhythm_audits(local)][-1] == ({"cadence_days": 60}, {"cadence_days": None})


def test_a_rhythm_out_of_range_keeps_the_dialog_open_and_says_what_to_fix(local: LocalRapport) -> None:
    _seed(local)
    answer = _submit_rhythm(local, _open_edit_profile(local), "400")
    assert answer.json() == {"response_action": "errors",
                             "errors": {"profile:cadence_days": "请填 1 到 365 之间的整数天数，或留空用默认节奏"}}
    assert _stored(local)[0] is None and _rhythm_audits(local) == []
