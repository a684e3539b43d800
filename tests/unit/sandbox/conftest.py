"""Fixtures: a running stand-in, a tiny Bolt app on 127.0.0.1 and a simulator pointed at it."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from wsgiref.simple_server import make_server

import pytest
from sandbox_tinybot import SECRET, QuietHandler, ThreadingWSGIServer, TinyBot, build_app
from slack_bolt.adapter.wsgi import SlackRequestHandler

from sandbox.client import SlackClientSimulator
from sandbox.standin import SlackStandIn


@pytest.fixture
def standin(tmp_path: Path) -> Iterator[SlackStandIn]:
    """A running stand-in that knows the user U0LIN (Asia/Shanghai, zh-CN)."""
    with SlackStandIn(files_dir=tmp_path / "files") as running:
        running.add_user("U0LIN", "lin", "Lin Tao")
        yield running


@pytest.fixture
def tiny_bot(standin: SlackStandIn) -> Iterator[TinyBot]:
    """A real Bolt app behind a WSGI server on 127.0.0.1, calling the stand-in."""
    bot = TinyBot()
    server = make_server("127.0.0.1", 0, SlackRequestHandler(build_app(standin, bot)),
                         server_class=ThreadingWSGIServer, handler_class=QuietHandler)
    bot.url = f"http://127.0.0.1:{server.server_address[1]}/slack/events"
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield bot
    server.shutdown()
    server.server_close()


@pytest.fixture
def simulator(standin: SlackStandIn, tiny_bot: TinyBot) -> SlackClientSimulator:
    """A Slack side pointed at the tiny bot, whose response_urls land on the stand-in."""
    return SlackClientSimulator(tiny_bot.url, SECRET, standin.identity.team_id, standin.identity.app_id,
                                bot_user_id=standin.identity.bot_user_id,
                                response_url_base=standin.response_url_base)
