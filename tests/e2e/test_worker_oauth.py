"""`rapport worker` installed in several workspaces through OAuth: no SLACK_BOT_TOKEN, a token per workspace."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine

from domain.outbox import PARKED, Delivery
from sandbox.standin import SlackStandIn
from storage.db import make_engine, session_factory
from storage.migrate import upgrade
from storage.uow import UnitOfWorkFactory
from tests.slack_install import CLIENT_ID, install

ALPHA, BETA, GAMMA = "T0ALPHA01", "T0BETA001", "T0GAMMA01"
REP = "U0REP0001"
NOW = datetime(2027, 9, 14, 0, 30, tzinfo=UTC)


@pytest.fixture
def engine(sqlite_url: str) -> Iterator[Engine]:
    """A migrated SQLite store, as `rapport db upgrade` leaves it."""
    upgrade(sqlite_url)
    engine = make_engine(sqlite_url)
    yield engine
    engine.dispose()


@pytest.fixture
def standin() -> Iterator[SlackStandIn]:
    """Slack knowing a bot token for each of three workspaces, and one rep."""
    with SlackStandIn(bot_token="xoxb-alpha", team_id=ALPHA).start() as slack:
        slack.add_token("xoxb-beta", BETA)
        slack.add_token("xoxb-gamma", GAMMA)
        slack.add_user(REP, "lin", "林晓")
        yield slack


def _enqueue(engine: Engine, *teams: str) -> None:
    for team in teams:
        with UnitOfWorkFactory(session_factory(engine))(team) as uow:
            uow.outbox.enqueue(Delivery(team, "greeting", REP, NOW, f"hello:{team}", {"text": f"hello from {team}"}))
            uow.commit()


def _worker_once(engine: Engine, slack: SlackStandIn, now: datetime, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
    env.update(SLACK_CLIENT_ID=CLIENT_ID, SLACK_CLIENT_SECRET="oauth-secret", SLACK_API_URL=slack.api_url,
               DATABASE_URL=engine.url.render_as_string(hide_password=False))
    done = subprocess.run([sys.executable, "-m", "bot.cli", "worker", "--once", "--now", now.isoformat()],
                          env=env, cwd=cwd, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done


def test_each_workspace_is_sent_with_its_own_token_and_one_not_installed_waits_for_itsinstall(
        engine: Engine, standin: SlackStandIn, tmp_path: Path) -> None:
    install(engine, ALPHA, "xoxb-alpha", NOW - timedelta(days=9))
    install(engine, BETA, "xoxb-beta", NOW - timedelta(days=3))
    _enqueue(engine, ALPHA, BETA, GAMMA)
    first = _worker_once(engine, standin, NOW, tmp_path)
    assert "sent 2" in first.stdout and "parked 1" in first.stdout
    assert f"{GAMMA} has no installation" in first.stderr
    with UnitOfWorkFactory(session_factory(engine))(GAMMA) as uow:
        assert [d.idempotency_key for d in uow.outbox.in_state(PARKED)] == [f"hello:{GAMMA}"]
    install(engine, GAMMA, "xoxb-gamma", NOW + timedelta(minutes=5))
    assert "sent 1" in _worker_once(engine, standin, NOW + timedelta(minutes=6), tmp_path).stdout
    assert sorted((c.params["text"], c.token) for c in standin.calls_to("chat.postMessage")) == [
        (f"hello from {ALPHA}", "xoxb-alpha"), (f"hello from {BETA}", "xoxb-beta"),
        (f"hello from {GAMMA}", "xoxb-gamma")]


def test_the_worker_refuses_to_start_with_neither_a_bot_token_nor_oauth(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
    done = subprocess.run([sys.executable, "-m", "bot.cli", "worker", "--once"], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "SLACK_CLIENT_ID and SLACK_CLIENT_SECRET" in done.stderr
