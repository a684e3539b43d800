"""The DM that opens a presales requester's thread, with the Withdraw button while the request may be called off."""

from __future__ import annotations

from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    ButtonElement,
    ConfirmObject,
    MarkdownTextObject,
    SectionBlock,
)

from handlers import ids
from prompts import t


def opened_blocks(text: str, request_id: int, locale: str, *, withdrawable: bool) -> list[dict[str, Any]]:
    """Where the request went, in words, and — while it is open or accepted — Withdraw, which asks first."""
    blocks: list[dict[str, Any]] = [SectionBlock(text=MarkdownTextObject(text=text[:3000])).to_dict()]
    if withdrawable:
        confirm = ConfirmObject(title=t(locale, "request.withdraw.confirm_title"),
                                text=t(locale, "request.withdraw.confirm_text"),
                                confirm=t(locale, "request.withdraw.confirm_yes"),
                                deny=t(locale, "request.withdraw.confirm_no"), style="danger")
        blocks.append(ActionsBlock(block_id="request_withdraw", elements=[
            ButtonElement(text=t(locale, "request.withdraw.button"), action_id=ids.REQUEST_WITHDRAW,
                          value=str(request_id), confirm=confirm)]).to_dict())
    return blocks
