"""Request bodies shaped exactly like the ones Slack sends to an app (Events API and interactivity)."""

from __future__ import annotations

import secrets
import time
import uuid
from dataclasses import dataclass
from itertools import count
from typing import Any
from urllib.parse import quote

_serial = count(1)


@dataclass(frozen=True)
class Team:
    """The workspace and app a payload claims to come from."""

    team_id: str
    api_app_id: str
    bot_user_id: str
    domain: str = "rapport-sandbox"
    verification_token: str = "legacy-verification-token"
    response_url_base: str | None = None


def new_ts() -> str:
    """A message ts as Slack writes it."""
    return f"{time.time():.6f}"


def event_id() -> str:
    """A fresh Events API event_id."""
    return "Ev" + secrets.token_hex(5).upper()


def trigger_id(user: str) -> str:
    """A trigger_id; the stand-in reads the user back from its middle part to know whose modal opened."""
    return f"{int(time.time())}{next(_serial):04d}.{user}.{secrets.token_hex(16)}"


def response_url(team: Team, channel: str, user: str, message_ts: str | None) -> str:
    """A response_url; with a stand-in base it encodes where the stand-in should put the reply."""
    base = team.response_url_base or "https://hooks.slack.com/actions/"
    tail = "/".join(quote(part, safe="") for part in (channel, user, message_ts or "-", secrets.token_hex(8)))
    return base.rstrip("/") + "/" + tail


def user_ref(team: Team, user: str) -> dict[str, Any]:
    """The `user` object interactivity payloads carry."""
    return {"id": user, "username": user.lower(), "name": user.lower(), "team_id": team.team_id}


def event_callback(team: Team, event: dict[str, Any]) -> dict[str, Any]:
    """The Events API envelope around one event."""
    return {
        "token": team.verification_token, "team_id": team.team_id, "context_team_id": team.team_id,
        "context_enterprise_id": None, "api_app_id": team.api_app_id, "event": event,
        "type": "event_callback", "event_id": event_id(), "event_time": int(time.time()),
        "authorizations": [{"enterprise_id": None, "team_id": team.team_id, "user_id": team.bot_user_id,
                            "is_bot": True, "is_enterprise_install": False}],
        "is_ext_shared_channel": False, "event_context": "4-" + secrets.token_hex(20),
    }


def rich_text(text: str) -> list[dict[str, Any]]:
    """The rich_text block Slack's clients attach to a typed message."""
    return [{"type": "rich_text", "block_id": secrets.token_hex(3), "elements": [
        {"type": "rich_text_section", "elements": [{"type": "text", "text": text}]}]}]


def message_event(team: Team, user: str, text: str, channel: str, channel_type: str,
                  thread_ts: str | None = None) -> dict[str, Any]:
    """A `message` event as a person typed it (a reply in a thread when thread_ts is given)."""
    ts = new_ts()
    event = {"client_msg_id": str(uuid.uuid4()), "type": "message", "text": text, "user": user, "ts": ts,
             "blocks": rich_text(text), "team": team.team_id, "channel": channel, "event_ts": ts,
             "channel_type": channel_type}
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def app_mention_event(team: Team, user: str, text: str, channel: str) -> dict[str, Any]:
    """An `app_mention` event; the text starts with the bot's <@U…> like Slack's."""
    mention = f"<@{team.bot_user_id}>"
    text = text if mention in text else f"{mention} {text}"
    ts = new_ts()
    return {"client_msg_id": str(uuid.uuid4()), "type": "app_mention", "text": text, "user": user, "ts": ts,
            "blocks": rich_text(text), "team": team.team_id, "channel": channel, "event_ts": ts}


def app_home_opened_event(user: str, channel: str, tab: str = "home") -> dict[str, Any]:
    """An `app_home_opened` event."""
    return {"type": "app_home_opened", "user": user, "channel": channel, "tab": tab, "event_ts": new_ts()}


def slash_command_form(team: Team, user: str, text: str, command: str, channel: str) -> dict[str, str]:
    """The form fields of a slash command request."""
    return {
        "token": team.verification_token, "team_id": team.team_id, "team_domain": team.domain,
        "channel_id": channel, "channel_name": "directmessage" if channel.startswith("D") else channel,
        "user_id": user, "user_name": user.lower(), "command": command, "text": text,
        "api_app_id": team.api_app_id, "is_enterprise_install": "false",
        "response_url": response_url(team, channel, user, None), "trigger_id": trigger_id(user),
    }


def container_for(message: dict[str, Any] | None, channel: str | None, ephemeral: bool) -> dict[str, Any]:
    """Where a button sat: the message (channel and ts) or a view."""
    if message is None:
        return {"type": "view"} if channel is None else {"type": "message", "channel_id": channel}
    return {"type": "message", "message_ts": message["ts"], "channel_id": channel, "is_ephemeral": ephemeral}


def block_actions(team: Team, user: str, action: dict[str, Any], message: dict[str, Any] | None,
                  channel: str | None, view: dict[str, Any] | None = None, ephemeral: bool = False) -> dict[str, Any]:
    """A block_actions payload for one pressed element (Slack leaves `message` out for ephemeral ones)."""
    payload: dict[str, Any] = {
        "type": "block_actions", "user": user_ref(team, user), "api_app_id": team.api_app_id,
        "token": team.verification_token, "container": container_for(message, channel, ephemeral),
        "trigger_id": trigger_id(user), "team": {"id": team.team_id, "domain": team.domain},
        "enterprise": None, "is_enterprise_install": False, "state": {"values": {}},
        "actions": [dict(action, action_ts=new_ts())],
    }
    if channel is not None:
        payload["channel"] = {"id": channel, "name": "directmessage" if channel.startswith("D") else channel}
        ts = message["ts"] if message else None
        payload["response_url"] = response_url(team, channel, user, ts)
    if message is not None and not ephemeral:
        payload["message"] = message
    if view is not None:
        payload.update(view=view, container={"type": "view", "view_id": view.get("id")})
    return payload


def message_action(team: Team, user: str, callback_id: str, message: dict[str, Any], channel: str) -> dict[str, Any]:
    """A message shortcut (`message_action`) payload."""
    return {
        "type": "message_action", "token": team.verification_token, "action_ts": new_ts(),
        "team": {"id": team.team_id, "domain": team.domain}, "user": user_ref(team, user),
        "channel": {"id": channel, "name": "directmessage" if channel.startswith("D") else channel},
        "is_enterprise_install": False, "enterprise": None, "callback_id": callback_id,
        "trigger_id": trigger_id(user), "response_url": response_url(team, channel, user, None),
        "message_ts": message["ts"], "message": message,
    }


def view_submission(team: Team, user: str, view: dict[str, Any]) -> dict[str, Any]:
    """A view_submission payload for a modal with its state filled in."""
    return {
        "type": "view_submission", "team": {"id": team.team_id, "domain": team.domain},
        "user": user_ref(team, user), "api_app_id": team.api_app_id, "token": team.verification_token,
        "trigger_id": trigger_id(user), "view": view, "response_urls": [],
        "is_enterprise_install": False, "enterprise": None,
    }


def initial_values(view: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """state.values a modal holds before anyone types: each input's initial value."""
    values: dict[str, dict[str, Any]] = {}
    for block in view.get("blocks", []):
        element = block.get("element") or {}
        if block.get("type") == "input" and element.get("action_id"):
            state: dict[str, Any] = {"type": element.get("type")}
            if "initial_value" in element:
                state["value"] = element["initial_value"]
            if "initial_option" in element:
                state["selected_option"] = element["initial_option"]
            if "initial_date" in element:
                state["selected_date"] = element["initial_date"]
            values.setdefault(block.get("block_id", ""), {})[element["action_id"]] = state
    return values
