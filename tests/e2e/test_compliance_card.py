"""Gifts and identity numbers never reach the store; the card says what was left out and why."""

from __future__ import annotations

from sqlalchemy import select

from sandbox.local import LocalRapport
from storage.rows import AuditRow, InteractionRow, LogDraftRow
from tests.e2e.conftest import REP, card_text, press, wait_card

LOG = "昨天和北辰银行的李娜吃饭，她是CTO。给她送了两张购物卡。她的身份证号是11010519491231002X。"


def test_a_gift_and_an_id_number_are_left_out_and_the_card_says_why(local: LocalRapport) -> None:
    local.slack.send_dm(REP, LOG)
    card = wait_card(local, REP)
    shown = card_text(card)
    assert "已从记录中删去" in shown and "购物卡" not in shown.split("已从记录中删去")[0]
    assert "11010519491231002X" not in shown
    press(local, REP, card, "log_confirm")
    local.standin.wait_for(lambda: "已保存" in card_text(local.standin.messages(
        local.standin.dm_channel(REP))[-1]) or None, timeout=15)
    with local.runtime.engine.connect() as conn:
        stored = " ".join(str(v) for v in (
            *conn.scalars(select(InteractionRow.summary)), *conn.scalars(select(LogDraftRow.parsed)),
            *conn.scalars(select(AuditRow.after))))
    assert "李娜" in stored
    assert "送了两张" not in stored and "11010519491231002X" not in stored
