"""The /rapport slash command: help and quick logs (later features add look-ups)."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from domain.entities import SourceMessage
from handlers import ids
from handlers.deps import Deps
from handlers.logs import post_log_card
from prompts import t


def register(app: App, deps: Deps) -> None:
    """Entry point: /rapport <subcommand> …"""

    @app.command(ids.COMMAND)
    def on_rapport(ack: Ack, command: dict[str, Any], context: BoltContext, client: WebClient) -> None:
        verb, _, rest = (command.get("text") or "").strip().partition(" ")
        user = deps.user(client, context, command["user_id"])
        if verb.lower() == "log" and rest.strip():
            ack()
            post_log_card(deps, client, context, user_id=command["user_id"], text=rest.strip(),
                          source=SourceMessage(command.get("channel_id"), None))
            return
        ack(text=t(deps.locale(user), "help.text"))
