"""The stand-in speaks Socket Mode to slack_sdk's own SocketModeClient: handshake, frames, acks, reconnects."""

from __future__ import annotations

import queue
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.socket_mode import SocketModeClient
from slack_sdk.socket_mode.request import SocketModeRequest
from slack_sdk.socket_mode.response import SocketModeResponse

from sandbox import payloads
from sandbox.standin import SlackStandIn
from sandbox.websocket import accept_key

REP = "U0LIN"


@pytest.fixture
def standin(tmp_path: Path) -> Iterator[SlackStandIn]:
    """A running stand-in that knows the app-level token xapp-sandbox."""
    with SlackStandIn(files_dir=tmp_path / "files") as running:
        running.add_user(REP, "lin", "Lin Tao")
        yield running


class App:
    """slack_sdk's builtin SocketModeClient pointed at the stand-in, acking every request with a payload."""

    def __init__(self, standin: SlackStandIn) -> None:
        self.messages: queue.Queue[dict[str, Any]] = queue.Queue()
        self.client = SocketModeClient(app_token=standin.app_token, web_client=WebClient(base_url=standin.api_url),
                                       ping_interval=1)
        self.client.message_listeners.append(lambda _client, message, _raw: self.messages.put(message))
        self.client.socket_mode_request_listeners.append(self._ack)

    def _ack(self, client: SocketModeClient, req: SocketModeRequest) -> None:
        client.send_socket_mode_response(SocketModeResponse(req.envelope_id, payload={"seen": req.type}))

    def received(self, envelope_id: str | None = None, *, kind: str = "", timeout: float = 5.0) -> dict[str, Any]:
        """The message with this envelope_id (or of this type) the client received, in whatever order it ran."""
        while True:
            message = self.messages.get(timeout=timeout)
            if (envelope_id and message.get("envelope_id") == envelope_id) or (kind and message.get("type") == kind):
                return message


@pytest.fixture
def app(standin: SlackStandIn) -> Iterator[App]:
    """A connected Socket Mode app; closed after the test."""
    running = App(standin)
    running.client.connect()
    try:
        yield running
    finally:
        # The client's close() waits out its 3 s receive timeout unless the server hangs up first.
        running.client.auto_reconnect_enabled = False
        standin.socket_mode.close_all()
        running.client.close()


def _team(standin: SlackStandIn) -> payloads.Team:
    who = standin.identity
    return payloads.Team(who.team_id, who.app_id, who.bot_user_id, response_url_base=standin.response_url_base)


def _upgrade(url: str, key: str = "dGhlIHNhbXBsZSBub25jZQ==") -> bytes:
    """Send a raw upgrade request for a ws:// URL and return the status line."""
    parts = urlsplit(url)
    with socket.create_connection((parts.hostname or "", parts.port or 80), timeout=5) as sock:
        sock.sendall(f"GET {parts.path}?{parts.query} HTTP/1.1\r\nHost: {parts.hostname}\r\nUpgrade: websocket\r\n"
                     f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n".encode())
        return sock.recv(4096).split(b"\r\n", 1)[0]


def test_the_accept_key_is_the_one_from_rfc_6455() -> None:
    assert accept_key("dGhlIHNhbXBsZSBub25jZQ==") == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="


def test_apps_connections_open_gives_a_loopback_ws_url_for_the_app_token(standin: SlackStandIn) -> None:
    answer = WebClient(base_url=standin.api_url).apps_connections_open(app_token="xapp-sandbox")
    assert answer["ok"] and answer["url"].startswith(f"ws://127.0.0.1:{standin.port}/link/?ticket=")


def test_an_unknown_app_token_is_refused_with_invalid_auth(standin: SlackStandIn) -> None:
    with pytest.raises(SlackApiError) as refused:
        WebClient(base_url=standin.api_url).apps_connections_open(app_token="xapp-wrong")
    assert refused.value.response["error"] == "invalid_auth"


def test_bot_and_app_tokens_only_work_where_slack_accepts_them(standin: SlackStandIn) -> None:
    web = WebClient(base_url=standin.api_url)
    with pytest.raises(SlackApiError) as bot_token:
        web.apps_connections_open(app_token=standin.bot_token)
    with pytest.raises(SlackApiError) as app_token:
        WebClient(base_url=standin.api_url, token=standin.app_token).chat_postMessage(channel=REP, text="hi")
    assert bot_token.value.response["error"] == app_token.value.response["error"] == "not_allowed_token_type"


def test_a_ticket_opens_one_websocket_and_only_once(standin: SlackStandIn) -> None:
    url = WebClient(base_url=standin.api_url).apps_connections_open(app_token="xapp-sandbox")["url"]
    assert _upgrade(url) == b"HTTP/1.1 101 Switching Protocols"
    assert _upgrade(url) == b"HTTP/1.1 401 Unauthorized"
    assert _upgrade(url.replace("ticket=", "ticket=forged")) == b"HTTP/1.1 401 Unauthorized"


def test_a_connected_app_is_greeted_with_hello_and_answered_pongs(standin: SlackStandIn, app: App) -> None:
    assert standin.socket_connected() == 1
    hello = app.received(kind="hello")
    assert hello["num_connections"] == 1 and hello["connection_info"] == {"app_id": standin.identity.app_id}
    deadline = time.monotonic() + 5
    while not (app.client.current_session and app.client.current_session.last_ping_pong_time):
        assert time.monotonic() < deadline, "the client's ping got no pong"
        time.sleep(0.05)


def test_an_events_api_envelope_reaches_the_app_and_its_ack_comes_back(standin: SlackStandIn, app: App) -> None:
    team = _team(standin)
    body = payloads.event_callback(team, payloads.message_event(team, REP, "昨天拜访了南方航运", "D0LIN", "im"))
    envelope_id = standin.socket_send("events_api", body)
    assert standin.wait_for_socket_ack(envelope_id) == {"envelope_id": envelope_id, "payload": {"seen": "events_api"}}
    assert app.received(envelope_id) == {"envelope_id": envelope_id, "payload": body, "type": "events_api",
                           "accepts_response_payload": False, "retry_attempt": 0, "retry_reason": ""}


def test_slash_commands_accept_a_response_payload_and_button_presses_do_not(standin: SlackStandIn, app: App) -> None:
    team = _team(standin)
    command = standin.socket_send("slash_commands", payloads.slash_command_form(team, REP, "pipeline", "/rapport", "D0LIN"))
    action = {"action_id": "log_confirm", "block_id": "b", "type": "button", "value": "1"}
    press = standin.socket_send("interactive", payloads.block_actions(team, REP, action, None, "D0LIN"))
    standin.wait_for_socket_ack(press)
    slash, button = app.received(command), app.received(press)
    assert slash["accepts_response_payload"] is True and slash["payload"]["command"] == "/rapport"
    assert button["accepts_response_payload"] is False and button["type"] == "interactive"


def test_a_large_chinese_envelope_arrives_intact(standin: SlackStandIn, app: App) -> None:
    team = _team(standin)
    text = "北辰银行的李娜是CTO，" * 5000  # over 64 KiB: the 8-byte frame length
    envelope_id = standin.socket_send("events_api", payloads.event_callback(
        team, payloads.message_event(team, REP, text, "D0LIN", "im")))
    standin.wait_for_socket_ack(envelope_id)
    assert app.received(envelope_id)["payload"]["event"]["text"] == text


def test_the_app_reconnects_when_the_stand_in_closes_the_socket(standin: SlackStandIn, app: App) -> None:
    standin.socket_connected()
    assert standin.socket_disconnect() == 1
    standin.socket_mode.wait(lambda: standin.socket_mode.connected_total >= 2, 15, "a reconnect")
    assert len(standin.calls_to("apps.connections.open")) >= 2
    envelope_id = standin.socket_send("events_api", {"type": "event_callback", "event": {"type": "app_mention"}})
    assert standin.wait_for_socket_ack(envelope_id, timeout=10)["envelope_id"] == envelope_id


def test_pushing_an_envelope_with_no_app_connected_times_out(standin: SlackStandIn) -> None:
    with pytest.raises(TimeoutError, match="an app to connect"):
        standin.socket_send("events_api", {"type": "event_callback"}, timeout=0.2)


def test_an_unknown_envelope_type_is_refused(standin: SlackStandIn) -> None:
    with pytest.raises(ValueError, match="envelope_type"):
        standin.socket_send("event_callback", {}, timeout=0.1)


def test_stopping_the_stand_in_closes_the_app_connections(standin: SlackStandIn, app: App) -> None:
    standin.socket_connected()
    standin.stop()
    assert standin.socket_mode.wait(lambda: not standin.socket_mode.connections, 5, "no connections")
