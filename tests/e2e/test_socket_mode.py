"""`rapport serve --socket` as an operator runs it: a real process on Socket Mode against the stand-in."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sandbox import payloads
from sandbox.standin import SlackStandIn
from tests.e2e.conftest import REP, alive, button, children

TEAM = "T0SOCKET1"
LOG = "昨天和北辰银行的李娜吃饭，她是CTO，张伟向她汇报"
Served = tuple[subprocess.Popen[bytes], SlackStandIn]


def _serve(standin: SlackStandIn, database_url: str, cwd: Path, app_token: str) -> subprocess.Popen[bytes]:
    """Start `rapport serve --socket`; its log goes to cwd/serve.log (a pipe could fill and stall it)."""
    env = {**os.environ, "SLACK_BOT_TOKEN": "xoxb-socket", "SLACK_APP_TOKEN": app_token,
           "SLACK_API_URL": standin.api_url, "DATABASE_URL": database_url}
    env.pop("SLACK_SIGNING_SECRET", None)  # Socket Mode needs none
    with (cwd / "serve.log").open("wb") as log:
        return subprocess.Popen([sys.executable, "-m", "bot.cli", "serve", "--socket"], env=env, cwd=cwd,
                                stdout=subprocess.DEVNULL, stderr=log)


@pytest.fixture
def socket_served(migrated_url: str, tmp_path: Path) -> Iterator[Served]:
    """`rapport serve --socket` in its own process, connected to the stand-in over a WebSocket."""
    with SlackStandIn(bot_token="xoxb-socket", team_id=TEAM).start() as standin:
        standin.add_user(REP, "lin", "林晓")
        process = _serve(standin, migrated_url, tmp_path, standin.app_token)
        try:
            deadline = time.monotonic() + 60
            while not standin.socket_mode.connections:
                assert process.poll() is None, (tmp_path / "serve.log").read_text()[-2000:]
                assert time.monotonic() < deadline, "rapport serve --socket never connected"
                time.sleep(0.1)
            yield process, standin
        finally:
            if process.poll() is None:
                process.kill()
            process.wait()


def _team(standin: SlackStandIn) -> payloads.Team:
    who = standin.identity
    return payloads.Team(TEAM, who.app_id, who.bot_user_id, response_url_base=standin.response_url_base)


def _press(standin: SlackStandIn, card: dict[str, Any], action_id: str) -> str:
    """Press a card's button through the socket as a block_actions envelope; its envelope_id."""
    b = button(card, action_id)
    action = {"action_id": action_id, "block_id": b["block_id"], "type": "button", "value": b.get("value"),
              "text": b.get("text")}
    body = payloads.block_actions(_team(standin), REP, action, card, standin.dm_channel(REP))
    return standin.socket_send("interactive", body)


def test_a_dm_over_socket_mode_is_acked_carded_and_confirmed(socket_served: Served) -> None:
    _process, standin = socket_served
    team, dm = _team(standin), standin.dm_channel(REP)
    sent = standin.socket_send("events_api", payloads.event_callback(team, payloads.message_event(team, REP, LOG, dm, "im")))
    assert standin.wait_for_socket_ack(sent, timeout=30) == {"envelope_id": sent}

    posted = standin.wait_for_calls("chat.postMessage", timeout=60)[0]
    assert posted.params["channel"] in (REP, dm)
    card = standin.messages(dm)[-1]
    assert button(card, "log_confirm")

    pressed = _press(standin, card, "log_confirm")
    assert standin.wait_for_socket_ack(pressed, timeout=30)["envelope_id"] == pressed
    updated = standin.wait_for_calls("chat.update", timeout=60)[0]
    assert updated.params["ts"] == card["ts"]
    assert standin.messages(dm)[-1].get("edited")


def test_sigterm_stops_it_cleanly_leaving_no_helper_and_no_connection(socket_served: Served) -> None:
    process, standin = socket_served
    helpers = children(process.pid)
    assert helpers, "logs are understood in a helper process"
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=20) == 0
    standin.socket_mode.wait(lambda: not standin.socket_mode.connections, 5, "the app to hang up")
    deadline = time.monotonic() + 10
    while any(alive(p) for p in helpers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(alive(p) for p in helpers), "no helper outlives the Socket Mode process"


def test_a_wrong_app_token_exits_non_zero_naming_slack_app_token(sqlite_url: str, tmp_path: Path) -> None:
    with SlackStandIn(bot_token="xoxb-socket", team_id=TEAM).start() as standin:
        process = _serve(standin, sqlite_url, tmp_path, "xapp-revoked")
        assert process.wait(timeout=60) == 2
    log = (tmp_path / "serve.log").read_text()
    assert log.strip().splitlines()[-1].startswith("rapport cannot start: Slack refused SLACK_APP_TOKEN (invalid_auth)")
    assert "Traceback" not in log
