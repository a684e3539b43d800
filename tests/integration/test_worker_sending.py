"""The worker's Slack side over real HTTP: cards composed at send time, a token per workspace, parking."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine

from bot.settings import Settings
from bot.worker import WorkspaceClients, slack_sender
from domain.outbox import DROPPED, PARKED, SENT, Delivery
from sandbox.standin import SlackStandIn
from services.outbox import Render, Rendered, TickReport, as_enqueued, send_due
from storage.db import make_engine, session_factory
from storage.repos_outbox import LEASE, claim_due
from storage.uow import UnitOfWorkFactory
from tests.slack_install import CLIENT_ID, install

ALPHA, BETA = "T0ALPHA01", "T0BETA001"
REP = "U0REP0001"
NOW = datetime(2027, 9, 14, 0, 30, tzinfo=UTC)


@pytest.fixture
def engine(migrated_url: str) -> Iterator[Engine]:
    """The worker's engine over a migrated store (SQLite, and PostgreSQL when it is there)."""
    engine = make_engine(migrated_url)
    yield engine
    engine.dispose()


@pytest.fixture
def standin() -> Iterator[SlackStandIn]:
    """Slack with a token for each of two workspaces and one rep."""
    with SlackStandIn(bot_token="xoxb-alpha", team_id=ALPHA).start() as slack:
        slack.add_token("xoxb-beta", BETA)
        slack.add_user(REP, "lin", "林晓")
        yield slack


def _clients(engine: Engine, slack: SlackStandIn, *, oauth: bool = False) -> WorkspaceClients:
    """What a freshly started worker holds: one token, or the installation store (OAuth)."""
    settings = Settings(_env_file=None, slack_api_url=slack.api_url,  # type: ignore[call-arg]
                        slack_bot_token=None if oauth else "xoxb-alpha",
                        slack_client_id=CLIENT_ID if oauth else None, slack_client_secret="s" if oauth else None)
    return WorkspaceClients(settings, engine)


def _enqueue(engine: Engine, key: str, team: str = ALPHA) -> None:
    with UnitOfWorkFactory(session_factory(engine))(team) as uow:
        uow.outbox.enqueue(Delivery(team, "greeting", REP, NOW, key, {"text": f"提醒 {key}", "contact_id": 7}))
        uow.commit()


def _delivery(engine: Engine, key: str, team: str = ALPHA) -> Delivery:
    with UnitOfWorkFactory(session_factory(engine))(team) as uow:
        found = uow.outbox.by_key(key)
    assert found is not None
    return found


def _tick(engine: Engine, clients: WorkspaceClients, now: datetime, render: Render = as_enqueued) -> TickReport:
    return send_due(sessions=session_factory(engine), now=now, worker_id="w", send=slack_sender(clients, render=render),
                    renewed=clients.renewed)


def test_a_card_that_no_longer_applies_is_dropped_with_a_log_line_and_never_posted(
        engine: Engine, standin: SlackStandIn, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="rapport.worker")
    _enqueue(engine, "gone")
    report = _tick(engine, _clients(engine, standin), NOW, render=lambda d: None)
    assert report.dropped == [_delivery(engine, "gone").id] and _delivery(engine, "gone").state == DROPPED
    assert any("no longer applies" in r.getMessage() for r in caplog.records)
    _tick(engine, _clients(engine, standin), NOW + timedelta(hours=1))
    assert standin.calls == []  # not even a DM opened, then or later


def test_the_card_composed_at_send_time_is_posted_tagged_with_its_key_and_kept_as_what_was_sent(
        engine: Engine, standin: SlackStandIn) -> None:
    _enqueue(engine, "greeting:7:mid-autumn")
    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": "张总，中秋快乐"}}]

    def compose(d: Delivery) -> Rendered:
        return Rendered("张总，中秋快乐", blocks, {**d.payload, "draft": "张总，中秋快乐", "variant": 2})

    assert len(_tick(engine, _clients(engine, standin), NOW, render=compose).sent) == 1
    (message,) = standin.messages(standin.dm_channel(REP))
    assert (message["text"], message["blocks"]) == ("张总，中秋快乐", blocks)
    assert message["metadata"] == {"event_type": "rapport_delivery", "event_payload": {"key": "greeting:7:mid-autumn"}}
    kept = _delivery(engine, "greeting:7:mid-autumn").payload
    assert (kept["draft"], kept["variant"], kept["contact_id"]) == ("张总，中秋快乐", 2, 7)


def test_a_workspace_without_an_installation_waits_parked_until_it_is_installed_after_that(
        engine: Engine, standin: SlackStandIn, caplog: pytest.LogCaptureFixture) -> None:
    clients = _clients(engine, standin, oauth=True)
    install(engine, ALPHA, "xoxb-alpha", NOW - timedelta(days=30))
    _enqueue(engine, "a", ALPHA)
    _enqueue(engine, "b", BETA)
    report = _tick(engine, clients, NOW)
    assert len(report.sent) == 1 and report.parked_workspaces == {BETA}
    assert any(f"{BETA} has no installation" in r.getMessage() for r in caplog.records)
    install(engine, BETA, "xoxb-beta", NOW - timedelta(hours=1))  # an old installation found later releases nothing
    assert _tick(engine, clients, NOW + timedelta(minutes=1)).released == 0
    assert _delivery(engine, "b", BETA).state == PARKED
    install(engine, BETA, "xoxb-beta", NOW + timedelta(minutes=2))  # installed after the parking
    report = _tick(engine, clients, NOW + timedelta(minutes=3))
    assert report.released == 1 and len(report.sent) == 1 and _delivery(engine, "b", BETA).state == SENT
    assert {(c.params["text"], c.token) for c in standin.calls_to("chat.postMessage")} == {
        ("提醒 a", "xoxb-alpha"), ("提醒 b", "xoxb-beta")}


def test_a_token_refused_after_a_reinstall_is_retried_with_the_new_one_not_parked(
        engine: Engine, standin: SlackStandIn) -> None:
    clients = _clients(engine, standin, oauth=True)
    install(engine, ALPHA, "xoxb-alpha", NOW - timedelta(days=1))
    _enqueue(engine, "first")
    _tick(engine, clients, NOW)  # the worker now holds a client with the first token
    standin.add_token("xoxb-alpha-2", ALPHA)
    install(engine, ALPHA, "xoxb-alpha-2", NOW + timedelta(seconds=30))
    standin.fail_next("conversations.open", status=200, error="token_revoked")  # the old token, refused
    _enqueue(engine, "second")
    assert len(_tick(engine, clients, NOW + timedelta(minutes=1)).retrying) == 1
    assert len(_tick(engine, clients, NOW + timedelta(minutes=3)).sent) == 1
    assert [c.token for c in standin.calls_to("chat.postMessage")] == ["xoxb-alpha", "xoxb-alpha-2"]


def test_with_one_token_a_worker_whose_token_slack_accepts_releases_what_was_parked(
        engine: Engine, standin: SlackStandIn) -> None:
    refused_here = _clients(engine, standin)
    _enqueue(engine, "a")
    standin.fail_next("conversations.open", status=200, error="token_revoked")
    assert _tick(engine, refused_here, NOW).parked_workspaces == {ALPHA}
    assert _tick(engine, refused_here, NOW + timedelta(minutes=1)).released == 0  # refused in this process
    assert standin.calls_to("auth.test") == []
    report = _tick(engine, _clients(engine, standin), NOW + timedelta(minutes=2))  # a restarted worker
    assert report.released == 1 and len(report.sent) == 1
    assert [m["text"] for m in standin.messages(standin.dm_channel(REP))] == ["提醒 a"]


def test_a_retried_delivery_is_still_posted_when_the_dm_history_is_out_of_reach(
        engine: Engine, standin: SlackStandIn) -> None:
    _enqueue(engine, "a")
    with session_factory(engine)() as session:
        claim_due(session, now=NOW, worker_id="killed", limit=10)  # …and the worker dies
        session.commit()
    standin.fail_next("conversations.history", status=200, error="missing_scope")  # installed before im:history
    assert len(_tick(engine, _clients(engine, standin), NOW + LEASE + timedelta(minutes=1)).sent) == 1
    assert [m["text"] for m in standin.messages(standin.dm_channel(REP))] == ["提醒 a"]


def _with_chart(d: Delivery) -> Rendered:
    return Rendered("本周团队销售管道", None, d.payload, files=(("pipeline-2027-09-13.png", b"\x89PNG chart"),))


def test_a_delivery_with_a_file_posts_the_message_then_uploads_the_file_into_its_thread(
        engine: Engine, standin: SlackStandIn) -> None:
    _enqueue(engine, "manager_digest:U0REP0001:2027-09-13")
    assert len(_tick(engine, _clients(engine, standin), NOW, render=_with_chart).sent) == 1
    message = standin.messages(standin.dm_channel(REP))[0]
    (stored,) = standin.files
    assert message["text"] == "本周团队销售管道" and stored.thread_ts == message["ts"]
    assert stored.filename == "pipeline-2027-09-13.png" and stored.path.read_bytes() == b"\x89PNG chart"


def test_a_failed_upload_leaves_the_posted_message_sent_once_with_a_log_line(
        engine: Engine, standin: SlackStandIn, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="rapport.worker")
    _enqueue(engine, "manager_digest:U0REP0001:2027-09-13")
    standin.fail_next("files.getUploadURLExternal", status=200, error="internal_error")
    assert len(_tick(engine, _clients(engine, standin), NOW, render=_with_chart).sent) == 1
    assert len(_tick(engine, _clients(engine, standin), NOW + timedelta(minutes=5), render=_with_chart).sent) == 0
    assert [m["text"] for m in standin.messages(standin.dm_channel(REP))] == ["本周团队销售管道"]
    assert standin.files == [] and "could not be uploaded" in caplog.text
