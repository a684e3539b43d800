"""A tiny real Bolt app with one listener per kind of request, for the sandbox's tests."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer

from slack_bolt import App
from slack_sdk import WebClient

from sandbox.standin import SlackStandIn

SECRET = "sandbox-signing-secret"
CARD = [
    {"type": "section", "text": {"type": "mrkdwn", "text": "Logged: *lunch with Lin Tao*"}},
    {"type": "actions", "block_id": "log_card", "elements": [
        {"type": "button", "action_id": "log_confirm", "value": "log-1", "text": {"type": "plain_text", "text": "Confirm"}},
        {"type": "button", "action_id": "log_edit", "value": "log-1", "text": {"type": "plain_text", "text": "Edit"}},
        {"type": "button", "action_id": "log_discard", "value": "log-1", "text": {"type": "plain_text", "text": "Discard"}},
    ]},
]


class ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


@dataclass
class TinyBot:
    """What the tiny bot's listeners saw: (listener name, body, headers)."""

    url: str = ""
    seen: list[tuple[str, dict[str, Any], dict[str, Any]]] = field(default_factory=list)
    heard: threading.Event = field(default_factory=threading.Event)

    def note(self, name: str, body: dict[str, Any], headers: dict[str, Any]) -> None:
        """Remember one listener run."""
        self.seen.append((name, body, headers))
        self.heard.set()

    def names(self) -> list[str]:
        """The listeners that ran, in order."""
        return [name for name, _, _ in self.seen]


def build_app(standin: SlackStandIn, bot: TinyBot) -> App:
    """A Bolt app with one listener per kind of request the simulator sends."""
    # Bolt ignores token= when client= is given: the token must sit on the client.
    app = App(signing_secret=SECRET, client=WebClient(base_url=standin.api_url, token=standin.bot_token))

    @app.event("message")
    def on_message(body: dict[str, Any], request: Any, say: Any) -> None:
        bot.note("message", body, request.headers)
        if body["event"].get("text") == "hi":
            say(text="A log card", blocks=CARD)

    @app.event("app_mention")
    def on_mention(body: dict[str, Any], request: Any) -> None:
        bot.note("app_mention", body, request.headers)

    @app.event("app_home_opened")
    def on_home(body: dict[str, Any], request: Any, client: WebClient) -> None:
        bot.note("app_home_opened", body, request.headers)
        client.views_publish(user_id=body["event"]["user"], view={"type": "home", "blocks": CARD[:1]})

    @app.command("/rapport")
    def on_command(ack: Any, body: dict[str, Any], request: Any) -> None:
        ack(f"you asked for {body['text']}")
        bot.note("command", body, request.headers)

    @app.action("log_confirm")
    def on_confirm(ack: Any, body: dict[str, Any], request: Any, client: WebClient) -> None:
        ack()
        bot.note("log_confirm", body, request.headers)
        client.chat_update(channel=body["channel"]["id"], ts=body["message"]["ts"], text="Confirmed",
                           blocks=[{"type": "section", "text": {"type": "mrkdwn", "text": "*Confirmed*"}}])

    @app.action("log_edit")
    def on_edit(ack: Any, body: dict[str, Any], client: WebClient) -> None:
        ack()
        client.views_open(trigger_id=body["trigger_id"], view={
            "type": "modal", "callback_id": "log_edit_modal", "title": {"type": "plain_text", "text": "Edit"},
            "submit": {"type": "plain_text", "text": "Save"},
            "blocks": [{"type": "input", "block_id": "summary", "label": {"type": "plain_text", "text": "Summary"},
                        "element": {"type": "plain_text_input", "action_id": "text", "initial_value": "lunch"}}]})

    @app.action("log_discard")
    def on_discard(ack: Any, respond: Any) -> None:
        ack()
        respond(text="Discarded", replace_original=True)

    @app.view("log_edit_modal")
    def on_submit(ack: Any, body: dict[str, Any], request: Any) -> None:
        ack()
        bot.note("view_submission", body, request.headers)

    @app.shortcut("log_this")
    def on_shortcut(ack: Any, body: dict[str, Any], request: Any) -> None:
        ack()
        bot.note("message_action", body, request.headers)

    return app


