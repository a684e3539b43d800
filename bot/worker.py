"""`rapport worker`: an in-memory APScheduler tick a minute over the outbox, or one tick with --once."""

from __future__ import annotations

import logging
import os
import signal
import socket
import threading
from datetime import UTC, datetime, timedelta
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.settings import MissingSetting, Settings
from domain.outbox import Delivery
from services.clock import SystemClock
from services.outbox import DeliveryRefused, Sender, TickReport, TokenRevoked, TransientFailure, send_due

log = logging.getLogger("rapport.worker")

REVOKED = frozenset({"invalid_auth", "token_revoked", "account_inactive", "not_authed", "team_disabled"})
TICK = timedelta(minutes=1)


def worker_id() -> str:
    """This process among the workers: hostname:pid."""
    return f"{socket.gethostname()}:{os.getpid()}"[:64]


def slack_sender(client: WebClient) -> Sender:
    """Post a delivery's text (and blocks) into the recipient's DM; Slack errors become outbox outcomes."""
    def send(delivery: Delivery) -> tuple[str, str]:
        try:
            opened = client.conversations_open(users=delivery.recipient_slack_id)
            channel = str(opened["channel"]["id"])
            posted = client.chat_postMessage(channel=channel, text=str(delivery.payload.get("text", "")),
                                             blocks=delivery.payload.get("blocks"))
            return channel, str(posted["ts"])
        except SlackApiError as e:
            raise _outcome(e) from e
        except OSError as e:  # connection refused or dropped after the client's own retries
            raise TransientFailure(str(e)) from e
    return send


def _outcome(e: SlackApiError) -> Exception:
    error = str(e.response.get("error") or "")
    if error in REVOKED:
        return TokenRevoked(error)
    if e.response.status_code >= 500 or e.response.status_code == 429 or error in ("ratelimited", "internal_error"):
        return TransientFailure(error or f"HTTP {e.response.status_code}")
    return DeliveryRefused(error or f"HTTP {e.response.status_code}")


def run_worker(settings: Settings, *, once: bool, now: datetime | None = None) -> TickReport | None:
    """One tick as of `now` (or the clock) with `once`; otherwise a tick a minute until SIGTERM."""
    from bot.app import web_client
    from storage.db import make_engine, session_factory
    from storage.migrate import upgrade

    if not settings.slack_bot_token:
        raise MissingSetting("rapport worker cannot send: set SLACK_BOT_TOKEN in the environment or in .env")
    if settings.store_url.startswith("sqlite"):
        upgrade(settings.store_url)
    engine = make_engine(settings.store_url)
    sessions = session_factory(engine)
    me, send, clock = worker_id(), slack_sender(web_client(settings)), SystemClock()

    def tick() -> TickReport:
        return send_due(sessions=sessions, now=now or clock.now(), worker_id=me, send=send)
    try:
        if once:
            return tick()
        _run_every_minute(tick)
        return None
    finally:
        engine.dispose()


def _run_every_minute(tick: Any) -> None:
    """An in-memory BackgroundScheduler (no job store to share) ticking until SIGTERM or SIGINT."""
    from apscheduler.schedulers.background import BackgroundScheduler

    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    scheduler = BackgroundScheduler(timezone=UTC)
    scheduler.add_job(_guarded(tick), "interval", seconds=TICK.total_seconds(), next_run_time=datetime.now(UTC),
                      max_instances=1, coalesce=True, id="outbox-tick", name="outbox tick")
    scheduler.start()
    log.info("worker %s started: a tick every %s", worker_id(), TICK)
    try:
        stop.wait()
    finally:
        scheduler.shutdown(wait=True)
        log.info("worker %s stopped", worker_id())


def _guarded(tick: Any) -> Any:
    """A tick that logs its failure instead of killing the scheduler's thread."""
    def run() -> None:
        try:
            tick()
        except Exception:
            log.exception("outbox tick failed; the next one retries")
    return run
