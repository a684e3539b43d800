"""TerminalChat: one person chatting with the bot through the stand-in and the simulated Slack client."""

from __future__ import annotations

import json
import queue
import time
from collections.abc import Callable
from typing import Any

from sandbox.client import BotResponse, SlackClientSimulator
from sandbox.records import StandInEvent
from sandbox.render import Rendered, render_message, render_view
from sandbox.standin import SlackStandIn
from sandbox.surfaces import answer_response_url

HELP = ("Type to DM the bot; '/rapport …' runs the slash command; a number presses that button of the "
        "latest card; /submit sends the open modal; /home opens App Home; /quit leaves.")


class TerminalChat:
    """A person's DM with the bot: say things, press numbered buttons, read the bot's replies."""

    def __init__(self, standin: SlackStandIn, client: SlackClientSimulator, user: str, *,
                 channel: str | None = None, settle: float = 0.3) -> None:
        self.standin = standin
        self.client = client
        self.user = user
        self.channel = channel or standin.dm_channel(user)
        self.settle = settle
        self.last_response: BotResponse | None = None
        self._events = standin.subscribe()
        if standin.workspace.read(lambda s: user not in s.users):
            standin.add_user(user, user.lower(), user)

    def close(self) -> None:
        """Stop listening to the stand-in."""
        self.standin.unsubscribe(self._events)

    def say(self, text: str) -> BotResponse:
        """Send text as a DM, or run it as a slash command when it starts with '/'."""
        if text.startswith("/"):
            command, _, rest = text.partition(" ")
            response = self.client.slash_command(self.user, rest.strip(), command=command, channel=self.channel)
            self._show_ack(response)
        else:
            self.standin.record_user_message(self.channel, self.user, text)
            response = self.client.send_dm(self.user, text, channel=self.channel)
        self.last_response = response
        return response

    def _show_ack(self, response: BotResponse) -> None:
        # Slack shows a command's acknowledgement body to the user as an ephemeral message.
        try:
            body = response.json()
        except json.JSONDecodeError:
            body = {"text": response.body} if response.body.strip() else None
        if response.status == 200 and isinstance(body, dict) and (body.get("text") or body.get("blocks")):
            answer_response_url(self.standin.workspace, self.channel, self.user, None, body)

    def latest_card(self, label: str | None = None) -> tuple[dict[str, Any], Rendered, bool]:
        """The newest message this user sees that has buttons (one labelled `label`, when given): (message,
        rendering, is ephemeral). A script names the button it means, as a later message may carry buttons too."""
        ephemeral_ts = {m["ts"] for m in self.standin.ephemerals(self.channel, self.user)}
        for message in reversed(self.standin.visible_to(self.user, self.channel)):
            rendered = render_message(message)
            if rendered.buttons and (label is None or any(label in b.text for b in rendered.buttons)):
                return message, rendered, message["ts"] in ephemeral_ts
        raise LookupError("no message with buttons yet")

    def press(self, n: int, label: str | None = None) -> BotResponse:
        """Press button n of the latest message with buttons (with a button labelled `label`, when given)."""
        message, rendered, ephemeral = self.latest_card(label)
        button = rendered.button(n)
        self.last_response = self.client.block_action(
            self.user, button.action_id, button.value, message=message, channel=self.channel,
            block_id=button.block_id or f"block-{n}", text=button.text, ephemeral=ephemeral)
        return self.last_response

    def submit(self, values: dict[str, dict[str, Any]] | None = None) -> BotResponse:
        """Submit the modal most recently opened for this user (default: its inputs' initial values)."""
        views = self.standin.views(self.user)
        if not views:
            raise LookupError("no modal is open")
        self.last_response = self.client.view_submission(self.user, views[-1], values)
        return self.last_response

    def open_home(self) -> BotResponse:
        """Open the bot's App Home tab."""
        self.last_response = self.client.app_home_opened(self.user, self.channel)
        return self.last_response

    def wait_reply(self, timeout: float = 5.0) -> str:
        """Wait for the bot's next messages (until quiet for `settle` s) and return them rendered."""
        shown: list[str] = []
        deadline = time.monotonic() + timeout
        while True:
            wait = max(0.0, deadline - time.monotonic()) if not shown else self.settle
            try:
                event = self._events.get(timeout=wait)
            except queue.Empty:
                return "\n\n".join(shown)
            text = self.show(event)
            if text:
                shown.append(text)

    def pending(self) -> str:
        """What arrived since the last look, without waiting (a scheduler's nudges, say)."""
        shown: list[str] = []
        while True:
            try:
                text = self.show(self._events.get_nowait())
            except queue.Empty:
                return "\n\n".join(shown)
            if text:
                shown.append(text)

    def show(self, event: StandInEvent) -> str:
        """One stand-in event as this user would see it ('' when it is not theirs to see)."""
        mine = event.channel == self.channel if event.user is None else event.user == self.user
        if not mine:
            return ""
        labels = {"message": "rapport>", "update": "rapport (edited)>", "ephemeral": "rapport (only you)>"}
        if event.kind in labels:
            return f"{labels[event.kind]} {render_message(event.payload).text}"
        if event.kind == "delete":
            return "rapport deleted a message"
        if event.kind == "file":
            return f"[file: {event.payload['title']} saved to {event.payload['path']}]"
        if event.kind in ("view", "home"):
            return ("[App Home]\n" if event.kind == "home" else "[modal]\n") + render_view(event.payload).text
        return ""

    def run(self, input_fn: Callable[[str], str] = input, output: Callable[[str], None] = print,
            reply_timeout: float = 5.0) -> None:
        """The interactive loop: read a line, send it, print what the bot answers, until /quit or EOF."""
        output(HELP)
        while True:
            if news := self.pending():
                output(news)
            try:
                line = input_fn("you> ").strip()
            except (EOFError, KeyboardInterrupt):
                return
            if line in ("/quit", "/exit"):
                return
            if line and self._act(line, output):
                output(self.wait_reply(reply_timeout) or "(no reply)")

    def _act(self, line: str, output: Callable[[str], None]) -> bool:
        """Do what the line asks; False when nothing was sent, so there is no reply to wait for."""
        try:
            if line.isdigit():
                response = self.press(int(line))
            elif line == "/submit":
                response = self.submit()
            elif line == "/home":
                response = self.open_home()
            else:
                response = self.say(line)
        except LookupError as error:
            output(f"({error})")
            return False
        if response.status != 200:
            output(f"(the bot answered HTTP {response.status}: {response.body[:200]})")
        elif response.request.payload.get("type") == "view_submission" and response.body.strip():
            output(f"(modal answer: {response.body[:300]})")
        return True
