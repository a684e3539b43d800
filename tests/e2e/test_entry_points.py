"""Every door a log comes in by, and the card's Edit and "which one?" buttons."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from domain.entities import Contact
from sandbox.local import TEAM, LocalRapport
from storage.rows import ContactRow, InteractionRow
from tests.e2e.conftest import EN_REP, REP, button, card_text, press, wait_card


def _seed_two_zhang_wei(local: LocalRapport) -> None:
    now = datetime(2026, 12, 1, tzinfo=UTC)
    with local.uow_factory(TEAM) as uow:
        bank = uow.accounts.add(name="北辰银行", now=now)
        for title in ("总经理", "采购经理"):
            uow.contacts.add(Contact(0, "张伟", account_id=bank.id, title=title), now=now)
        uow.commit()


def test_a_mention_in_a_channel_gets_its_card_in_the_reps_dm(local: LocalRapport) -> None:
    local.slack.mention(REP, f"<@{local.standin.identity.bot_user_id}> 今天拜访了南方航运的IT总监林涛", "C0SALES01")
    card = wait_card(local, REP)
    assert "林涛" in card_text(card)
    assert local.standin.messages("C0SALES01") == []


def test_slash_command_log_and_help(local: LocalRapport) -> None:
    assert local.slack.slash_command(EN_REP, "help").status == 200
    channel = local.standin.dm_channel(EN_REP)
    helped = local.standin.wait_for(lambda: local.standin.ephemerals(channel, EN_REP) or None, timeout=15)[0]
    assert "/rapport log" in helped["text"]  # answered to the asker only
    local.slack.slash_command(REP, "log 电话联系了瑞丰化工的采购经理邓超")
    assert "邓超" in card_text(wait_card(local, REP))


def test_the_message_shortcut_logs_someone_elses_message(local: LocalRapport) -> None:
    message = {"type": "message", "user": "U0OTHER01", "ts": "1765000000.000100",
               "text": "Coffee with Lena Fischer from Adventure Works today."}
    local.slack.message_shortcut(EN_REP, "log_to_rapport", message, "C0SALES01")
    card = wait_card(local, EN_REP)
    assert "Lena Fischer" in card_text(card)


def test_edit_understands_the_corrected_text_before_confirm(local: LocalRapport) -> None:
    local.slack.send_dm(REP, "昨天和北辰银行的李娜吃饭")
    card = wait_card(local, REP)
    press(local, REP, card, "log_edit")
    view = local.standin.wait_for(lambda: local.standin.views(REP)[-1:] or None, timeout=15)[0]
    block = view["blocks"][0]
    values = {block["block_id"]: {block["element"]["action_id"]: {
        "type": "plain_text_input", "value": "昨天和北辰银行的王芳吃饭，她是CFO"}}}
    assert local.slack.view_submission(REP, view, values).status == 200
    local.standin.wait_for(lambda: "王芳" in card_text(local.standin.messages(local.standin.dm_channel(REP))[-1])
                           or None, timeout=15)
    updated = local.standin.messages(local.standin.dm_channel(REP))[-1]
    press(local, REP, updated, "log_confirm")
    local.standin.wait_for(lambda: _names(local) or None, timeout=15)
    assert "王芳" in _names(local) and "李娜" not in _names(local)


def test_an_ambiguous_name_asks_which_and_confirm_waits_for_the_answer(local: LocalRapport) -> None:
    _seed_two_zhang_wei(local)
    local.slack.send_dm(REP, "今天和北辰银行的张伟开了个会")
    card = wait_card(local, REP)
    assert "哪一位张伟" in card_text(card)
    press(local, REP, card, "log_confirm")
    local.standin.wait_for(lambda: local.standin.calls_to("chat.update") or None, timeout=15)
    assert _interactions(local) == 0
    asked = local.standin.messages(local.standin.dm_channel(REP))[-1]
    purchaser = next(b for b in (button(asked, "log_pick:0"), button(asked, "log_pick:1"))
                     if "采购经理" in b["text"]["text"])
    press(local, REP, asked, purchaser["action_id"])
    local.standin.wait_for(lambda: len(local.standin.calls_to("chat.update")) >= 2 or None, timeout=15)
    chosen = local.standin.messages(local.standin.dm_channel(REP))[-1]
    assert "哪一位" not in card_text(chosen)
    press(local, REP, chosen, "log_confirm")
    local.standin.wait_for(lambda: _interactions(local) or None, timeout=15)
    with local.runtime.engine.connect() as conn:
        assert conn.scalar(select(ContactRow.title).where(ContactRow.name == "张伟").order_by(ContactRow.id)) == "总经理"
        assert len(conn.execute(select(ContactRow.id).where(ContactRow.name == "张伟")).all()) == 2


def _names(local: LocalRapport) -> set[str]:
    with local.runtime.engine.connect() as conn:
        return set(conn.scalars(select(ContactRow.name)))


def _interactions(local: LocalRapport) -> int:
    with local.runtime.engine.connect() as conn:
        return len(conn.execute(select(InteractionRow.id)).all())


def test_a_button_on_a_card_the_store_no_longer_has_says_so(local: LocalRapport) -> None:
    channel = local.standin.dm_channel(REP)
    stale = local.standin.record_user_message(channel, local.standin.identity.bot_user_id, "old card")
    local.slack.block_action(REP, "log_confirm", "987654", message=stale, channel=channel, block_id="log_actions")
    note = local.standin.wait_for(lambda: local.standin.ephemerals(channel, REP) or None, timeout=15)[0]
    assert "找不到这条记录" in note["text"]
    assert _interactions(local) == 0


def test_edit_corrects_the_understood_fields_without_retyping(local: LocalRapport) -> None:
    local.slack.send_dm(REP, "昨天和北辰银的李娜吃饭，她是CTO")
    card = wait_card(local, REP)
    press(local, REP, card, "log_edit")
    view = local.standin.wait_for(lambda: local.standin.views(REP)[-1:] or None, timeout=15)[0]
    from sandbox.payloads import initial_values

    values = initial_values(view)
    values["log_edit_account"]["value"]["value"] = "北辰银行"
    values["log_edit_title:0"]["value"]["value"] = "首席技术官"
    values["log_edit_channel"]["value"]["selected_option"] = {"value": "call"}
    assert local.slack.view_submission(REP, view, values).status == 200
    local.standin.wait_for(lambda: "首席技术官" in card_text(local.standin.messages(local.standin.dm_channel(REP))[-1])
                           or None, timeout=15)
    updated = card_text(local.standin.messages(local.standin.dm_channel(REP))[-1])
    assert "新客户：北辰银行" in updated and "电话" in updated
