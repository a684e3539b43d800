"""The /rapport slash command: acks at once, then routes the verb to its feature."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from domain.entities import SourceMessage
from handlers import ids, lookups, pitch_reminders, pitches, request_numbers, requests, team
from handlers.command_call import CommandCall
from handlers.deps import Deps
from handlers.logs import post_log_card
from prompts import t


def _log(call: CommandCall) -> None:
    post_log_card(call.deps, call.client, call.context, user_id=call.user.slack_user_id, text=call.rest,
                  source=SourceMessage(call.command.get("channel_id"), None))


def _help(call: CommandCall) -> None:
    call.respond(text=t(call.locale, "help.text"), response_type="ephemeral")


VERBS: dict[str, Callable[[CommandCall], None]] = {"log": _log, "help": _help, **lookups.VERBS, **team.VERBS,
                                                   **pitches.VERBS, **pitch_reminders.VERBS, **request_numbers.VERBS,
                                                   **requests.VERBS}


def register(app: App, deps: Deps) -> None:
    """Entry point: /rapport <verb> …"""

    @app.command(ids.COMMAND)
    def on_rapport(ack: Ack, command: dict[str, Any], context: BoltContext, client: WebClient,
                   respond: Respond) -> None:
        ack()
        verb, _, rest = (command.get("text") or "").strip().partition(" ")
        user = deps.user(client, context, command["user_id"])
        run = VERBS.get(verb.lower(), _help)
        if run is not _help and not rest.strip() and verb.lower() not in (lookups.WITHOUT_ARGUMENT
                                                                          | pitches.WITHOUT_ARGUMENT
                                                                          | pitch_reminders.WITHOUT_ARGUMENT
                                                                          | request_numbers.WITHOUT_ARGUMENT
                                                                          | requests.WITHOUT_ARGUMENT):
            run = _help
        run(CommandCall(deps, client, context, command, respond, user, rest.strip()))
