"""The queue card's words: its notification names whom it is proposed to, and its buttons follow the request's state."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from domain.entities import ResourceRequest
from handlers.blocks.requests import opened_text, request_card_blocks, request_card_text
from services.requests_card import RequestCard

REQUEST = ResourceRequest(7, "poc", "U0REP0002", date(2026, 12, 15), "Wants the migration plan", 1, 1, "open",
                          "americas", "U0ENG0001")
CARD = RequestCard(REQUEST, "Initech", "ERP rollout", "negotiation")


def _buttons(card: RequestCard) -> list[str]:
    return [e["action_id"] for b in request_card_blocks(card, "en", rule=2) for e in b.get("elements") or ()
            if e.get("type") == "button"]


def test_the_notification_names_the_requester_and_whom_it_is_proposed_to() -> None:
    assert request_card_text(CARD, "en") == ("POC request for Initech from <@U0REP0002>: proposed to <@U0ENG0001>, "
                                             "waiting for them to accept.")
    assert request_card_text(CARD, "zh-CN") == "<@U0REP0002> 提出的Initech的POC 测试请求：建议由 <@U0ENG0001> 接，等待接下。"


def test_open_it_can_be_accepted_declined_or_reassigned_accepted_done_and_once_done_nothing() -> None:
    assert _buttons(CARD) == ["request_accept", "request_decline", "request_reassign"]
    accepted = replace(CARD, request=replace(REQUEST, state="accepted"))
    assert _buttons(accepted) == ["request_done", "request_decline", "request_reassign"]
    assert _buttons(replace(CARD, request=replace(REQUEST, state="done"))) == []


def test_the_requesters_first_line_says_where_it_went_and_why() -> None:
    assert opened_text(CARD, "en", channel="C0AMERICA", rule=2, queue_default=False).split("\n")[0] == (
        "Your POC request for Initech went to <#C0AMERICA> (rule 2).")
    assert opened_text(CARD, "en", channel="#presales", rule=None, queue_default=True).split("\n")[0] == (
        "Your POC request for Initech went to the default queue, #presales: no rule matched.")
    assert "no channel is set for it (RAPPORT_PRESALES_CHANNEL)" in opened_text(
        CARD, "en", channel=None, rule=None, queue_default=True)
