"""Web API methods for messages and users, answering with Slack's response shapes."""

from __future__ import annotations

import base64
import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sandbox.records import StandInEvent, dm_channel_for, ts_key
from sandbox.workspace import Ephemeral, State, Workspace


class ApiError(Exception):
    """A Slack error code: the stand-in answers HTTP 200 with ok=false and this error."""

    def __init__(self, error: str) -> None:
        super().__init__(error)
        self.error = error


@dataclass(frozen=True)
class ApiRequest:
    """A decoded Web API request: JSON fields (blocks, view, files...) are already parsed."""

    method: str
    params: dict[str, Any]
    token: str
    team_id: str


Method = Callable[[Workspace, ApiRequest], dict[str, Any]]
MESSAGE_FIELDS = ("text", "blocks", "attachments", "metadata")


def require(req: ApiRequest, *names: str) -> None:
    """Refuse a request missing a required argument, as Slack does."""
    if any(req.params.get(name) in (None, "") for name in names):
        raise ApiError("invalid_arguments")


def is_true(value: Any) -> bool:
    """Slack's reading of a boolean argument ("true", "1", True; slack_sdk's urlencode sends "True")."""
    return str(value).lower() in ("1", "true")


def resolve_channel(ws: Workspace, state: State, channel: str) -> str:
    """A channel id for what the bot passed: an id, a user id (their DM) or a #name."""
    if channel[:1] in ("U", "W"):
        return dm_channel_for(channel)
    if channel[:1] in ("C", "D", "G") and channel[1:].isalnum() and channel.isupper():
        return channel
    name = channel.lstrip("#")
    if name not in state.named_channels:
        state.named_channels[name] = ws.ids.next("C")
    return state.named_channels[name]


def bot_message(ws: Workspace, params: dict[str, Any], ts: str) -> dict[str, Any]:
    """A message as the bot posted it, shaped like conversations.history returns it."""
    who = ws.identity
    message: dict[str, Any] = {"type": "message", "user": who.bot_user_id, "bot_id": who.bot_id,
                               "app_id": who.app_id, "text": params.get("text") or "", "ts": ts,
                               "team": who.team_id}
    for name in ("blocks", "attachments", "metadata", "files", "upload"):
        if params.get(name) is not None:
            message[name] = params[name]
    if params.get("thread_ts"):
        message["thread_ts"] = params["thread_ts"]
    message["bot_profile"] = {"id": who.bot_id, "app_id": who.app_id, "name": who.bot_name,
                              "team_id": who.team_id, "deleted": False}
    return message


def post_message(ws: Workspace, channel: str, params: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """Append a bot message to a channel and announce it; returns (channel id, message)."""
    def change(state: State) -> tuple[str, dict[str, Any]]:
        channel_id = resolve_channel(ws, state, channel)
        message = bot_message(ws, params, ws.ids.ts())
        state.messages.setdefault(channel_id, []).append(message)
        return channel_id, copy.deepcopy(message)

    channel_id, message = ws.mutate(change)
    ws.emit(StandInEvent("message", channel_id, message))
    return channel_id, message


def chat_post_message(ws: Workspace, req: ApiRequest) -> dict[str, Any]:
    """chat.postMessage."""
    require(req, "channel")
    if not any(req.params.get(name) for name in ("text", "blocks", "attachments")):
        raise ApiError("no_text")
    channel_id, message = post_message(ws, str(req.params["channel"]), req.params)
    return {"ok": True, "channel": channel_id, "ts": message["ts"], "message": message}


def update_message(ws: Workspace, channel: str, ts: str, params: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """Edit a bot message in place (fields not given are kept, like Slack); returns (channel id, message)."""
    def change(state: State) -> dict[str, Any]:
        channel_id = resolve_channel(ws, state, channel)
        for message in state.messages.get(channel_id, []):
            if message["ts"] == ts:
                if message.get("bot_id") != ws.identity.bot_id:
                    raise ApiError("cant_update_message")
                message.update({k: params[k] for k in MESSAGE_FIELDS if params.get(k) is not None})
                message["edited"] = {"user": ws.identity.bot_user_id, "ts": ws.ids.ts()}
                return dict(copy.deepcopy(message), channel=channel_id)
        raise ApiError("message_not_found")

    updated = ws.mutate(change)
    channel_id = updated.pop("channel")
    ws.emit(StandInEvent("update", channel_id, updated))
    return channel_id, updated


def chat_update(ws: Workspace, req: ApiRequest) -> dict[str, Any]:
    """chat.update."""
    require(req, "channel", "ts")
    channel_id, message = update_message(ws, str(req.params["channel"]), str(req.params["ts"]), req.params)
    return {"ok": True, "channel": channel_id, "ts": message["ts"], "text": message["text"],
            "message": message}


def delete_message(ws: Workspace, channel: str, ts: str) -> str:
    """Remove a message (or an ephemeral one), announce it and return the channel id."""
    def change(state: State) -> str:
        channel_id = resolve_channel(ws, state, channel)
        kept = [m for m in state.messages.get(channel_id, []) if m["ts"] != ts]
        ephemerals = [e for e in state.ephemerals.get(channel_id, []) if e.message["ts"] != ts]
        found = len(kept) < len(state.messages.get(channel_id, [])) or len(ephemerals) < len(
            state.ephemerals.get(channel_id, []))
        if not found:
            raise ApiError("message_not_found")
        state.messages[channel_id], state.ephemerals[channel_id] = kept, ephemerals
        return channel_id

    channel_id = ws.mutate(change)
    ws.emit(StandInEvent("delete", channel_id, {"ts": ts}))
    return channel_id


def chat_delete(ws: Workspace, req: ApiRequest) -> dict[str, Any]:
    """chat.delete."""
    require(req, "channel", "ts")
    channel_id = delete_message(ws, str(req.params["channel"]), str(req.params["ts"]))
    return {"ok": True, "channel": channel_id, "ts": req.params["ts"]}


def post_ephemeral(ws: Workspace, channel: str, user: str, params: dict[str, Any]) -> dict[str, Any]:
    """Store a message only `user` sees and announce it."""
    def change(state: State) -> tuple[str, dict[str, Any]]:
        if user not in state.users:
            raise ApiError("user_not_found")
        channel_id = resolve_channel(ws, state, channel)
        message = bot_message(ws, params, ws.ids.ts())
        state.ephemerals.setdefault(channel_id, []).append(Ephemeral(user, message))
        return channel_id, copy.deepcopy(message)

    channel_id, message = ws.mutate(change)
    ws.emit(StandInEvent("ephemeral", channel_id, message, user=user))
    return message


def chat_post_ephemeral(ws: Workspace, req: ApiRequest) -> dict[str, Any]:
    """chat.postEphemeral."""
    require(req, "channel", "user")
    if not any(req.params.get(name) for name in ("text", "blocks", "attachments")):
        raise ApiError("no_text")
    message = post_ephemeral(ws, str(req.params["channel"]), str(req.params["user"]), req.params)
    return {"ok": True, "message_ts": message["ts"]}


def auth_test(ws: Workspace, req: ApiRequest) -> dict[str, Any]:
    """auth.test."""
    who = ws.identity
    return {"ok": True, "url": f"https://{who.team_domain}.slack.com/", "team": who.team_name,
            "user": who.bot_name, "team_id": req.team_id, "user_id": who.bot_user_id,
            "bot_id": who.bot_id, "is_enterprise_install": False}


def conversations_open(ws: Workspace, req: ApiRequest) -> dict[str, Any]:
    """conversations.open for one user: the same D channel every time."""
    users = [u for u in str(req.params.get("users") or "").split(",") if u]
    if len(users) != 1:
        raise ApiError("invalid_arguments" if not users else "not_implemented_in_stand_in")

    def change(state: State) -> tuple[str, bool]:
        if users[0] not in state.users:
            raise ApiError("user_not_found")
        channel_id = dm_channel_for(users[0])
        already = channel_id in state.open_dms
        state.open_dms.add(channel_id)
        return channel_id, already

    channel_id, already = ws.mutate(change)
    channel: dict[str, Any] = {"id": channel_id}
    if is_true(req.params.get("return_im")):
        channel.update({"created": 0, "is_im": True, "is_org_shared": False, "user": users[0],
                        "is_user_deleted": False, "priority": 0})
    answer: dict[str, Any] = {"ok": True, "channel": channel}
    if already:
        answer.update({"no_op": True, "already_open": True})
    return answer


def users_info(ws: Workspace, req: ApiRequest) -> dict[str, Any]:
    """users.info (locale only with include_locale, like Slack)."""
    require(req, "user")
    user = ws.read(lambda s: s.users.get(str(req.params["user"])))
    if user is None:
        raise ApiError("user_not_found")
    return {"ok": True, "user": user.to_slack(include_locale=is_true(req.params.get("include_locale")))}


def conversations_history(ws: Workspace, req: ApiRequest) -> dict[str, Any]:
    """conversations.history: top-level messages newest first, metadata only with include_all_metadata."""
    require(req, "channel")
    channel, p = str(req.params["channel"]), req.params
    limit = min(max(int(p.get("limit") or 100), 1), 999)  # Slack's default and ceiling
    with_metadata = is_true(p.get("include_all_metadata"))

    def look(state: State) -> list[dict[str, Any]]:
        if channel not in state.messages and channel not in state.open_dms and channel not in (
                state.named_channels.values()):
            raise ApiError("channel_not_found")
        return [m for m in state.messages.get(channel, []) if m.get("thread_ts") in (None, m["ts"])]

    found = sorted(_in_window(ws.read(look), p), key=lambda m: ts_key(m["ts"]), reverse=True)
    page, more = found[:limit], len(found) > limit
    answer: dict[str, Any] = {"ok": True, "messages": [m if with_metadata else _without_metadata(m) for m in page],
                              "has_more": more, "pin_count": 0, "channel_actions_ts": None,
                              "channel_actions_count": 0}
    if more:  # Slack's cursor is base64 of "next_ts:<ts>"; the next page starts below it
        answer["response_metadata"] = {"next_cursor": base64.b64encode(f"next_ts:{page[-1]['ts']}".encode()).decode()}
    return answer


def _in_window(messages: list[dict[str, Any]], p: dict[str, Any]) -> list[dict[str, Any]]:
    """Messages between oldest and latest (exclusive unless inclusive), and below the cursor's ts."""
    oldest, latest = ts_key(str(p.get("oldest") or "0")), ts_key(str(p.get("latest") or "9999999999"))
    inclusive = is_true(p.get("inclusive"))
    below = base64.b64decode(str(p["cursor"])).decode().partition(":")[2] if p.get("cursor") else None

    def inside(m: dict[str, Any]) -> bool:
        key = ts_key(m["ts"])
        within = oldest <= key <= latest if inclusive else oldest < key < latest
        return within and (below is None or key < ts_key(below))
    return [m for m in messages if inside(m)]


def _without_metadata(message: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in message.items() if k != "metadata"}


def conversations_replies(ws: Workspace, req: ApiRequest) -> dict[str, Any]:
    """conversations.replies: a thread's parent then its replies, oldest first (ts may name any message of the
    thread; one without replies comes back alone), metadata only with include_all_metadata."""
    require(req, "channel", "ts")
    channel, ts, p = str(req.params["channel"]), str(req.params["ts"]), req.params
    limit = min(max(int(p.get("limit") or 1000), 1), 1000)  # Slack's default and ceiling

    def look(state: State) -> list[dict[str, Any]]:
        if channel not in state.messages and channel not in state.open_dms and channel not in (
                state.named_channels.values()):
            raise ApiError("channel_not_found")
        named = next((m for m in state.messages.get(channel, []) if m["ts"] == ts), None)
        if named is None:
            raise ApiError("thread_not_found")
        root = named.get("thread_ts") or named["ts"]
        return [m for m in state.messages.get(channel, []) if m["ts"] == root or m.get("thread_ts") == root]

    above = base64.b64decode(str(p["cursor"])).decode().partition(":")[2] if p.get("cursor") else None
    found = sorted((m for m in _in_window(ws.read(look), {k: v for k, v in p.items() if k != "cursor"})
                    if above is None or ts_key(m["ts"]) >= ts_key(above)), key=lambda m: ts_key(m["ts"]))
    page, more = found[:limit], len(found) > limit
    with_metadata = is_true(p.get("include_all_metadata"))
    answer: dict[str, Any] = {"ok": True, "messages": [m if with_metadata else _without_metadata(m) for m in page],
                              "has_more": more}
    if more:  # the next page starts at the first message not returned
        answer["response_metadata"] = {"next_cursor": base64.b64encode(f"next_ts:{found[limit]['ts']}".encode()).decode()}
    return answer
