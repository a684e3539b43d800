"""A worker that died after Slack took a line in a presales requester's thread: the retry finds the line in the
thread (conversations.replies) and records it as sent, instead of posting it a second time."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine

from bot.settings import Settings
from bot.worker import WorkspaceClients, slack_sender
from domain.outbox import REQUEST_THREAD, SENT, Delivery
from sandbox.standin import SlackStandIn
from services.outbox import send_due
from storage.db import make_engine, session_factory
from storage.repos_outbox import LEASE, claim_due
from storage.uow import UnitOfWorkFactory

TEAM, REP = "T0ALPHA01", "U0REP0001"
NOW = datetime(2027, 9, 14, 1, 30, tzinfo=UTC)
KEY = "request:7:lead:1789349400:thread"


@pytest.fixture
def engine(migrated_url: str) -> Iterator[Engine]:
    engine = make_engine(migrated_url)
    yield engine
    engine.dispose()


@pytest.fixture
def standin() -> Iterator[SlackStandIn]:
    with SlackStandIn(bot_token="xoxb-alpha", team_id=TEAM).start() as slack:
        slack.add_user(REP, "lin", "林晓")
        yield slack


def _clients(engine: Engine, slack: SlackStandIn) -> WorkspaceClients:
    settings = Settings(_env_file=None, slack_api_url=slack.api_url, slack_bot_token="xoxb-alpha")  # type: ignore[call-arg]
    return WorkspaceClients(settings, engine)


def _thread_line(engine: Engine, dm: str, thread_ts: str) -> None:
    with UnitOfWorkFactory(session_factory(engine))(TEAM) as uow:
        uow.outbox.enqueue(Delivery(TEAM, REQUEST_THREAD, dm, NOW, KEY,
                                    {"text": "已告知队列负责人", "step": "lead", "request_id": 7, "thread_ts": thread_ts}))
        uow.commit()


def test_a_thread_line_a_dead_worker_got_through_is_recorded_not_posted_again(
        engine: Engine, standin: SlackStandIn) -> None:
    clients = _clients(engine, standin)
    dm = clients.client(TEAM).conversations_open(users=REP)["channel"]["id"]
    root = clients.client(TEAM).chat_postMessage(channel=dm, text="你的产品演示请求已转到 #presales-east")["ts"]
    for n in range(3):  # the thread is not the DM's last message: other DMs came after it
        clients.client(TEAM).chat_postMessage(channel=dm, text=f"早安 {n}")
    _thread_line(engine, dm, root)
    with session_factory(engine)() as session:
        (claimed,) = claim_due(session, now=NOW, worker_id="killed", limit=10)
        session.commit()
    slack_sender(clients)(claimed)  # Slack took the line; the worker died before the store heard of it
    report = send_due(sessions=session_factory(engine), now=NOW + LEASE + timedelta(minutes=1), worker_id="w",
                      send=slack_sender(clients))
    assert len(report.sent) == 1
    lines = [m for m in standin.messages(dm) if m.get("thread_ts") == root]
    assert [m["text"] for m in lines] == ["已告知队列负责人"], "the line was posted twice"
    with UnitOfWorkFactory(session_factory(engine))(TEAM) as uow:
        row = uow.outbox.by_key(KEY)
    assert row is not None and row.state == SENT
    assert standin.calls_to("conversations.replies")[-1].params["ts"] == root
