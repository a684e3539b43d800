"""SlackClientSimulator: the Slack side, sending signed events and interactions to the bot over HTTP."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlencode

from slack_sdk.signature import SignatureVerifier

from sandbox import payloads
from sandbox.payloads import Team
from sandbox.records import dm_channel_for

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"


@dataclass(frozen=True)
class SentRequest:
    """Exactly what went over the wire, so it can be resent as Slack's retries do."""

    url: str
    body: bytes
    content_type: str
    headers: dict[str, str] = field(hash=False)
    payload: dict[str, Any] = field(hash=False)


@dataclass(frozen=True)
class BotResponse:
    """The bot's HTTP answer to one request."""

    status: int
    body: str
    headers: dict[str, str] = field(hash=False)
    request: SentRequest

    def json(self) -> Any:
        """The body parsed as JSON (None when empty)."""
        return json.loads(self.body) if self.body.strip() else None


class SlackClientSimulator:
    """Builds payloads like Slack's, signs them with the signing secret and POSTs them to the bot."""

    def __init__(self, url: str, signing_secret: str, team_id: str = "T0001", api_app_id: str = "A0RAPPORT1",
                 *, bot_user_id: str = "U0BOT0001", response_url_base: str | None = None,
                 timeout: float = 10.0) -> None:
        self.url = url
        self.team = Team(team_id, api_app_id, bot_user_id, response_url_base=response_url_base)
        self.timeout = timeout
        self._verifier = SignatureVerifier(signing_secret)
        self.last_request: SentRequest | None = None

    # -- events -----------------------------------------------------------------------------------

    def send_dm(self, user: str, text: str, channel: str | None = None, thread_ts: str | None = None) -> BotResponse:
        """A person typing `text` in their DM with the bot (message event, channel_type im), maybe in a thread."""
        event = payloads.message_event(self.team, user, text, channel or dm_channel_for(user), "im", thread_ts)
        return self.post_json(payloads.event_callback(self.team, event))

    def mention(self, user: str, text: str, channel: str) -> BotResponse:
        """A person mentioning the bot in a channel (app_mention event)."""
        return self.post_json(payloads.event_callback(self.team, payloads.app_mention_event(self.team, user, text, channel)))

    def app_home_opened(self, user: str, channel: str | None = None) -> BotResponse:
        """A person opening the bot's App Home tab."""
        event = payloads.app_home_opened_event(user, channel or dm_channel_for(user))
        return self.post_json(payloads.event_callback(self.team, event))

    def url_verification(self, challenge: str = "sandbox-challenge") -> BotResponse:
        """The handshake Slack does when the Request URL is saved."""
        return self.post_json({"token": self.team.verification_token, "challenge": challenge,
                               "type": "url_verification"})

    # -- commands and interactivity ---------------------------------------------------------------

    def slash_command(self, user: str, text: str, command: str = "/rapport", channel: str | None = None) -> BotResponse:
        """A slash command, form-encoded like Slack's, with response_url and trigger_id."""
        fields = payloads.slash_command_form(self.team, user, text, command, channel or dm_channel_for(user))
        return self.post_form(fields)

    def block_action(self, user: str, action_id: str, value: str | None = None, *,
                     message: dict[str, Any] | None = None, channel: str | None = None,
                     block_id: str = "actions", text: str = "", view: dict[str, Any] | None = None,
                     ephemeral: bool = False) -> BotResponse:
        """A button press on a message (or in a view) as a block_actions payload."""
        action: dict[str, Any] = {"action_id": action_id, "block_id": block_id, "type": "button",
                                  "text": {"type": "plain_text", "text": text or action_id, "emoji": True}}
        if value is not None:
            action["value"] = value
        channel = channel or (dm_channel_for(user) if message is not None else None)
        return self.post_payload(payloads.block_actions(self.team, user, action, message, channel, view, ephemeral))

    def message_shortcut(self, user: str, callback_id: str, message: dict[str, Any], channel: str) -> BotResponse:
        """A message shortcut chosen from a message's menu."""
        return self.post_payload(payloads.message_action(self.team, user, callback_id, message, channel))

    def view_submission(self, user: str, view: dict[str, Any],
                        values: dict[str, dict[str, Any]] | None = None) -> BotResponse:
        """Submitting a modal: `values` is state.values ({block_id: {action_id: {...}}}); default the inputs' initial values."""
        state = values if values is not None else payloads.initial_values(view)
        return self.post_payload(payloads.view_submission(self.team, user, dict(view, state={"values": state})))

    # -- transport --------------------------------------------------------------------------------

    def post_json(self, payload: dict[str, Any], **options: Any) -> BotResponse:
        """POST a JSON body (Events API), signed; options as for send()."""
        body = json.dumps(payload, ensure_ascii=False).encode()
        return self.send(SentRequest(self.url, body, JSON, {}, payload), **options)

    def post_form(self, fields: dict[str, str], **options: Any) -> BotResponse:
        """POST form fields (slash commands), signed; options as for send()."""
        return self.send(SentRequest(self.url, urlencode(fields).encode(), FORM, {}, dict(fields)), **options)

    def post_payload(self, payload: dict[str, Any], **options: Any) -> BotResponse:
        """POST an interactivity payload as the form field payload=<json>, signed."""
        body = urlencode({"payload": json.dumps(payload, ensure_ascii=False)}).encode()
        return self.send(SentRequest(self.url, body, FORM, {}, payload), **options)

    def retry(self, request: SentRequest | BotResponse, n: int = 1, reason: str = "http_timeout") -> BotResponse:
        """Resend the SAME body as Slack's retry number n (X-Slack-Retry-Num / -Reason), freshly signed."""
        return self.send(_request_of(request), extra_headers={"X-Slack-Retry-Num": str(n),
                                                              "X-Slack-Retry-Reason": reason})

    def send(self, request: SentRequest | BotResponse, *, forge_signature: bool = False, age_seconds: int = 0,
             extra_headers: dict[str, str] | None = None) -> BotResponse:
        """Sign and POST a request: forge_signature signs with a wrong secret, age_seconds backdates it."""
        sent = _request_of(request)
        timestamp = str(int(time.time()) - age_seconds)
        signer = SignatureVerifier("not-the-signing-secret") if forge_signature else self._verifier
        headers = {"Content-Type": sent.content_type, "X-Slack-Request-Timestamp": timestamp,
                   "X-Slack-Signature": signer.generate_signature(timestamp=timestamp, body=sent.body) or "",
                   **(extra_headers or {})}
        sent = replace(sent, headers=headers)
        self.last_request = sent
        return self._post(sent)

    def _post(self, sent: SentRequest) -> BotResponse:
        http_request = urllib.request.Request(sent.url, data=sent.body, headers=sent.headers, method="POST")
        try:
            with urllib.request.urlopen(http_request, timeout=self.timeout) as answer:
                return BotResponse(answer.status, answer.read().decode(), dict(answer.headers.items()), sent)
        except urllib.error.HTTPError as error:
            return BotResponse(error.code, error.read().decode(), dict(error.headers.items()), sent)


def _request_of(request: SentRequest | BotResponse) -> SentRequest:
    return request.request if isinstance(request, BotResponse) else request
