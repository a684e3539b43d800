"""The Edit dialog of a meeting log."""

from __future__ import annotations

import json
from typing import Any

from slack_sdk.models.blocks import InputBlock, PlainTextInputElement
from slack_sdk.models.views import View

from handlers import ids
from prompts import t


def log_edit_view_blocks(draft_id: int, notes: str, locale: str, channel: str | None,
                         ts: str | None) -> dict[str, Any]:
    """A modal with the log's text prefilled; the card's place rides along in private_metadata."""
    view = View(
        type="modal", callback_id=ids.LOG_EDIT_VIEW,
        title=t(locale, "edit.title")[:24], submit=t(locale, "edit.submit")[:24], close=t(locale, "edit.cancel")[:24],
        private_metadata=json.dumps({"d": draft_id, "c": channel, "t": ts}),
        blocks=[InputBlock(
            block_id=ids.LOG_EDIT_BLOCK, label=t(locale, "edit.label"),
            element=PlainTextInputElement(action_id=ids.LOG_EDIT_INPUT, multiline=True,
                                          initial_value=notes[:3000], max_length=3000),
        )],
    )
    return view.to_dict()
