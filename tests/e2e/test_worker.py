"""`rapport worker --once --now ISO` as an operator runs it, against the Slack stand-in."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from domain.outbox import CLAIMED, PARKED, SENT, Delivery
from sandbox.standin import SlackStandIn
from storage.db import make_engine, session_factory
from storage.migrate import upgrade
from storage.repos_outbox import LEASE
from storage.rows_pipeline import DeliveryRow
from storage.uow import UnitOfWorkFactory

TEAM = "T0WORK01"
REP, OTHER = "U0REP0001", "U0REP0002"
NOW = datetime(2027, 9, 14, 0, 30, tzinfo=UTC)  # 08:30 in Shanghai


@pytest.fixture
def store(sqlite_url: str) -> Iterator[tuple[str, UnitOfWorkFactory]]:
    """A migrated SQLite store and its units of work."""
    upgrade(sqlite_url)
    engine = make_engine(sqlite_url)
    yield sqlite_url, UnitOfWorkFactory(session_factory(engine))
    engine.dispose()


@pytest.fixture
def standin() -> Iterator[SlackStandIn]:
    """The stand-in with two reps."""
    with SlackStandIn(bot_token="xoxb-worker", team_id=TEAM).start() as slack:
        slack.add_user(REP, "lin", "林晓")
        slack.add_user(OTHER, "sam", "Sam Carter", tz="America/New_York", locale="en-US")
        yield slack


def _enqueue(uows: UnitOfWorkFactory, *items: tuple[str, str, datetime]) -> None:
    with uows(TEAM) as uow:
        for key, user, due in items:
            uow.outbox.enqueue(Delivery(TEAM, "greeting", user, due, key, {"text": f"提醒 {key}"}))
        uow.commit()


def _worker_args(now: datetime) -> list[str]:
    return [sys.executable, "-m", "bot.cli", "worker", "--once", "--now", now.isoformat()]


def _env(url: str, slack: SlackStandIn) -> dict[str, str]:
    return {**os.environ, "SLACK_BOT_TOKEN": "xoxb-worker", "SLACK_API_URL": slack.api_url, "DATABASE_URL": url}


def _worker_once(url: str, slack: SlackStandIn, now: datetime, cwd: Path) -> str:
    done = subprocess.run(_worker_args(now), env=_env(url, slack), cwd=cwd, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _killed_when(arrived: threading.Event, url: str, slack: SlackStandIn, now: datetime, cwd: Path) -> None:
    """Run a worker tick and SIGKILL it the moment the held Slack call arrives."""
    process = subprocess.Popen(_worker_args(now), env=_env(url, slack), cwd=cwd,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert arrived.wait(30), "the worker never reached the held call"
    finally:
        process.kill()
        process.wait(timeout=30)
    slack.api.clear_failures()  # answer the held call into the void, as Slack would


def _row(uows: UnitOfWorkFactory, key: str) -> DeliveryRow:
    with uows.sessions() as session:
        return session.scalars(select(DeliveryRow).where(DeliveryRow.idempotency_key == key)).one()


def _posted(slack: SlackStandIn) -> list[str]:
    return [str(c.params.get("text")) for c in slack.calls_to("chat.postMessage")]


def test_one_tick_posts_each_due_delivery_once_into_the_recipients_dm(
        store: tuple[str, UnitOfWorkFactory], standin: SlackStandIn, tmp_path: Path) -> None:
    url, uows = store
    _enqueue(uows, ("a", REP, NOW - timedelta(minutes=5)), ("b", OTHER, NOW), ("later", REP, NOW + timedelta(hours=1)))
    out = _worker_once(url, standin, NOW, tmp_path)
    assert "sent 2" in out
    assert sorted(_posted(standin)) == ["提醒 a", "提醒 b"]
    assert [m["text"] for m in standin.messages(standin.dm_channel(REP))] == ["提醒 a"]
    with uows(TEAM) as uow:
        sent = uow.outbox.in_state(SENT)
    assert {d.idempotency_key for d in sent} == {"a", "b"}


def test_a_429_delays_but_delivers_once(store: tuple[str, UnitOfWorkFactory], standin: SlackStandIn,
                                        tmp_path: Path) -> None:
    url, uows = store
    _enqueue(uows, ("a", REP, NOW))
    standin.fail_next("chat.postMessage", status=429, retry_after=1)
    assert "sent 1" in _worker_once(url, standin, NOW, tmp_path)  # one tick: the client waited out Retry-After
    assert len(standin.calls_to("chat.postMessage")) == 2  # refused once, then accepted after Retry-After
    assert [m["text"] for m in standin.messages(standin.dm_channel(REP))] == ["提醒 a"]


def test_running_once_twice_sends_nothing_new(store: tuple[str, UnitOfWorkFactory], standin: SlackStandIn,
                                              tmp_path: Path) -> None:
    url, uows = store
    _enqueue(uows, ("a", REP, NOW), ("b", OTHER, NOW))
    _worker_once(url, standin, NOW, tmp_path)
    assert "sent 0" in _worker_once(url, standin, NOW + timedelta(minutes=1), tmp_path)
    assert sorted(_posted(standin)) == ["提醒 a", "提醒 b"]


def test_the_worker_ticks_at_start_and_stops_cleanly_on_sigterm(store: tuple[str, UnitOfWorkFactory],
                                                                 standin: SlackStandIn, tmp_path: Path) -> None:
    url, uows = store
    _enqueue(uows, ("now", REP, datetime.now(UTC) - timedelta(minutes=1)))
    env = {**os.environ, "SLACK_BOT_TOKEN": "xoxb-worker", "SLACK_API_URL": standin.api_url, "DATABASE_URL": url}
    process = subprocess.Popen([sys.executable, "-m", "bot.cli", "worker"], env=env, cwd=tmp_path,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        standin.wait_for_calls("chat.postMessage", 1, timeout=30)
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert _posted(standin) == ["提醒 now"]


def test_a_revoked_token_parks_the_workspace_and_a_5xx_is_retried_later(
        store: tuple[str, UnitOfWorkFactory], standin: SlackStandIn, tmp_path: Path) -> None:
    url, uows = store
    _enqueue(uows, ("a", REP, NOW))
    standin.fail_next("chat.postMessage", status=503)
    assert "retrying 1" in _worker_once(url, standin, NOW, tmp_path)
    # The worker's client never resends a post itself (Slack may have posted it): the outbox retries it later.
    assert len(standin.calls_to("chat.postMessage")) == 1
    assert "sent 1" in _worker_once(url, standin, NOW + timedelta(minutes=2), tmp_path)
    _enqueue(uows, ("b", OTHER, NOW + timedelta(minutes=2)), ("c", REP, NOW + timedelta(minutes=3)))
    standin.fail_next("conversations.open", status=200, error="token_revoked")
    assert "parked 2" in _worker_once(url, standin, NOW + timedelta(minutes=5), tmp_path)
    with uows(TEAM) as uow:
        assert {d.idempotency_key for d in uow.outbox.in_state(PARKED)} == {"b", "c"}
    assert [m["text"] for m in standin.messages(standin.dm_channel(REP))] == ["提醒 a"]  # the 503s posted nothing
    assert standin.messages(standin.dm_channel(OTHER)) == []


def test_a_worker_killed_between_claim_and_send_loses_nothing_once_the_lease_is_over(
        store: tuple[str, UnitOfWorkFactory], standin: SlackStandIn, tmp_path: Path) -> None:
    url, uows = store
    _enqueue(uows, ("a", REP, NOW))
    _killed_when(standin.delay_next("conversations.open", 30), url, standin, NOW, tmp_path)
    assert _row(uows, "a").state == CLAIMED and standin.messages(standin.dm_channel(REP)) == []
    assert "sent 0" in _worker_once(url, standin, NOW + LEASE - timedelta(seconds=30), tmp_path)  # still leased
    assert "sent 1" in _worker_once(url, standin, NOW + LEASE + timedelta(minutes=1), tmp_path)
    assert [m["text"] for m in standin.messages(standin.dm_channel(REP))] == ["提醒 a"]
    assert _row(uows, "a").state == SENT


def test_a_worker_killed_after_slack_stored_its_message_is_not_followed_by_a_second_post(
        store: tuple[str, UnitOfWorkFactory], standin: SlackStandIn, tmp_path: Path) -> None:
    url, uows = store
    _enqueue(uows, ("a", REP, NOW))
    _killed_when(standin.delay_next("chat.postMessage", 30, after_effect=True), url, standin, NOW, tmp_path)
    (message,) = standin.messages(standin.dm_channel(REP))  # Slack has it; the store never heard
    assert message["metadata"] == {"event_type": "rapport_delivery", "event_payload": {"key": "a"}}
    assert _row(uows, "a").state == CLAIMED
    assert "sent 1" in _worker_once(url, standin, NOW + LEASE + timedelta(minutes=1), tmp_path)
    assert standin.messages(standin.dm_channel(REP)) == [message]
    assert len(standin.calls_to("chat.postMessage")) == 1  # found in the DM's history, not posted again
    row = _row(uows, "a")
    assert (row.state, row.slack_channel, row.slack_ts) == (SENT, standin.dm_channel(REP), message["ts"])
