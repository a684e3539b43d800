"""One error handler for every listener: log it, tell the user, and hand their text back."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App, BoltContext
from slack_sdk import WebClient

from handlers import ids
from handlers.deps import Deps
from prompts import t

log = logging.getLogger("rapport.errors")


def user_text(body: dict[str, Any]) -> tuple[str | None, str | None]:
    """The user and what they wrote, from any kind of Slack payload."""
    event = body.get("event") or {}
    if event:
        return event.get("user"), event.get("text")
    if body.get("command"):
        return body.get("user_id"), body.get("text")
    user = (body.get("user") or {}).get("id")
    values = ((body.get("view") or {}).get("state") or {}).get("values") or {}
    typed = (values.get(ids.LOG_EDIT_BLOCK) or {}).get(ids.LOG_EDIT_INPUT, {}).get("value")
    if body.get("type") == "message_action":  # the shortcut's message is what the rep wanted logged
        return user, (body.get("message") or {}).get("text")
    return user, typed  # a button press: the card is still there, nothing typed to hand back


def _locale(deps: Deps, client: WebClient, context: BoltContext, user_id: str) -> str:
    try:
        return deps.locale(deps.user(client, context, user_id))
    except Exception:  # the store may be what failed: fall back to the workspace's language
        return deps.default_locale


def register(app: App, deps: Deps) -> None:
    """Entry point: the app-wide error handler."""

    @app.error
    def on_error(error: Exception, body: dict[str, Any], context: BoltContext, client: WebClient) -> None:
        log.exception("listener failed: %s", error, exc_info=error)
        user_id, text = user_text(body or {})
        if not user_id:
            return
        locale = _locale(deps, client, context, user_id)
        message = t(locale, "error.generic", text=text.replace("\n", "\n>")) if text else t(
            locale, "error.generic_no_text")
        try:
            channel = client.conversations_open(users=user_id)["channel"]["id"]
            client.chat_postMessage(channel=channel, text=message)
        except Exception:  # the error path must never raise: Slack itself may be what failed
            log.exception("could not tell %s that something went wrong", user_id)
