"""A rep's meeting log arrives (DM, mention, /rapport log, message shortcut) and gets its card."""

from __future__ import annotations

import re
from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from domain.entities import SourceMessage
from handlers import ids
from handlers.blocks.log_card import log_card_blocks, log_card_text
from handlers.blocks.log_edit import new_log_view_blocks
from handlers.deps import Deps, workspace_of
from services.log_meeting import draft_log, remember_card

MENTION = re.compile(r"<@[A-Z0-9]+>")


def post_log_card(deps: Deps, client: WebClient, context: BoltContext, *, user_id: str, text: str,
                  source: SourceMessage, channel: str | None = None, thread_ts: str | None = None) -> None:
    """Understand the text, keep it as a draft and show its card in the rep's DM (or `channel`).

    A reply in a logged message's thread (thread_ts) adds to that interaction; its card stays in the thread."""
    user = deps.user(client, context, user_id)
    view = draft_log(uow=deps.uow(context), user_slack_id=user_id, text=text, source=source,
                     now=deps.local_now(user), understand=deps.understand, thread_ts=thread_ts)
    target = channel or client.conversations_open(users=user_id)["channel"]["id"]
    locale = deps.locale(user)
    posted = client.chat_postMessage(channel=target, text=log_card_text(view, locale), thread_ts=thread_ts,
                                     blocks=log_card_blocks(view, locale))
    remember_card(uow=deps.uow(context), draft_id=view.draft_id, channel=posted["channel"], ts=posted["ts"])


def register(app: App, deps: Deps) -> None:
    """Entry points: DMs, mentions and the "Log to Rapport" message shortcut."""

    @app.event("message")
    def on_direct_message(body: dict[str, Any], event: dict[str, Any], context: BoltContext,
                          client: WebClient) -> None:
        text = (event.get("text") or "").strip()
        if event.get("channel_type") != "im" or event.get("subtype") or event.get("bot_id") or not text:
            return
        thread = event.get("thread_ts") if event.get("thread_ts") != event["ts"] else None
        source = SourceMessage(event["channel"], event["ts"])
        if deps.offload is not None:  # the retry check travels with the job: no store write in the web process
            deps.offload(dict(team_id=workspace_of(context), token=client.token or "", user_id=event["user"],
                              text=text, source=source, channel=event["channel"], thread_ts=thread,
                              event_id=body.get("event_id")))
            return
        if deps.seen_before(body, context):
            return
        post_log_card(deps, client, context, user_id=event["user"], text=text, source=source,
                      channel=event["channel"], thread_ts=thread)

    @app.event("app_mention")
    def on_mention(body: dict[str, Any], event: dict[str, Any], context: BoltContext, client: WebClient) -> None:
        text = MENTION.sub("", event.get("text") or "").strip()
        if text and not deps.seen_before(body, context):
            post_log_card(deps, client, context, user_id=event["user"], text=text,
                          source=SourceMessage(event["channel"], event["ts"]))

    @app.action(ids.PLAN_LOG)
    def on_plan_log_it(ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient) -> None:
        ack()
        user = deps.user(client, context, body["user"]["id"])
        client.views_open(trigger_id=body["trigger_id"],
                          view=new_log_view_blocks(body["actions"][0].get("value") or "", deps.locale(user)))

    @app.view(ids.LOG_NEW_VIEW)
    def on_log_written(ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient) -> None:
        ack()
        values = body["view"]["state"]["values"]
        text = ((values.get(ids.LOG_EDIT_BLOCK) or {}).get(ids.LOG_EDIT_INPUT) or {}).get("value") or ""
        if text.strip():
            post_log_card(deps, client, context, user_id=body["user"]["id"], text=text.strip(),
                          source=SourceMessage(None, None))

    @app.shortcut(ids.LOG_SHORTCUT)
    def on_log_shortcut(ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient) -> None:
        ack()
        message = body.get("message") or {}
        text = (message.get("text") or "").strip()
        if text:
            post_log_card(deps, client, context, user_id=body["user"]["id"], text=text,
                          source=SourceMessage(body["channel"]["id"], message.get("ts")))
