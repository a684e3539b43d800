"""`rapport serve --port P` as an operator runs it: a real process, real HTTP, a clean stop."""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from sandbox.client import SlackClientSimulator
from sandbox.standin import SlackStandIn
from tests.e2e.conftest import REP, alive, children

TEAM = "T0SERVE01"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def served(migrated_url: str, tmp_path: Path) -> Iterator[tuple[subprocess.Popen[bytes], SlackClientSimulator, SlackStandIn]]:
    """`rapport serve` in its own process against the stand-in."""
    with SlackStandIn(bot_token="xoxb-serve", team_id=TEAM).start() as standin:
        standin.add_user(REP, "lin", "林晓")
        secret, port = secrets.token_hex(16), _free_port()
        env = {**os.environ, "SLACK_BOT_TOKEN": "xoxb-serve", "SLACK_SIGNING_SECRET": secret,
               "SLACK_API_URL": standin.api_url, "DATABASE_URL": migrated_url}
        process = subprocess.Popen([sys.executable, "-m", "bot.cli", "serve", "--host", "127.0.0.1", "--port",
                                    str(port)], env=env, cwd=tmp_path, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        try:
            _wait_healthy(port, process)
            yield process, SlackClientSimulator(f"http://127.0.0.1:{port}/slack/events", secret, team_id=TEAM), standin
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()


def _wait_healthy(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise AssertionError("rapport serve did not answer /healthz")


def test_rapport_serve_answers_a_log_and_stops_cleanly_on_sigterm(served) -> None:
    process, slack, standin = served
    assert slack.send_dm(REP, "昨天拜访了南方航运的IT总监林涛").status == 200
    standin.wait_for(lambda: standin.messages(standin.dm_channel(REP)) or None, timeout=60)
    helpers = children(process.pid)
    assert helpers, "logs are understood in a helper process"
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=20) == 0
    deadline = time.monotonic() + 10
    while any(alive(p) for p in helpers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(alive(p) for p in helpers), "no helper outlives the web process"


def test_a_killed_server_leaves_no_helper_behind(served) -> None:
    process, slack, standin = served
    slack.send_dm(REP, "今天和南方航运的宋雨通了电话")
    standin.wait_for(lambda: standin.messages(standin.dm_channel(REP)) or None, timeout=60)
    helpers = [p for p in children(process.pid) if "spawn_main" in Path(f"/proc/{p}/cmdline").read_text()]
    assert helpers
    process.kill()  # no chance to clean up
    process.wait()
    deadline = time.monotonic() + 10
    while any(alive(p) for p in helpers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(alive(p) for p in helpers)


def test_a_retried_dm_is_answered_by_the_served_app_but_carded_once(served) -> None:
    _, slack, standin = served
    first = slack.send_dm(REP, "今天和南方航运的宋雨通了电话")
    assert [slack.retry(first, n).status for n in (1, 2)] == [200, 200]
    standin.wait_for(lambda: standin.messages(standin.dm_channel(REP)) or None, timeout=60)
    time.sleep(1.5)  # long enough for a redone retry to have posted its own card
    assert len(standin.calls_to("chat.postMessage")) == 1
