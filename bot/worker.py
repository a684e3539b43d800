"""`rapport worker`: an in-memory APScheduler tick a minute over the outbox, or one tick with --once."""

from __future__ import annotations

import logging
import os
import signal
import socket
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from bot.settings import MissingSetting, Settings
from domain.outbox import Delivery
from services.clock import Clock, MovableClock, SystemClock
from services.outbox import (
    DeliveryRefused,
    NotInstalled,
    Posted,
    Render,
    Sender,
    TickReport,
    TokenRevoked,
    TransientFailure,
    as_enqueued,
    send_due,
)
from services.requests_rules import LiveRules

log = logging.getLogger("rapport.worker")

REVOKED = frozenset({"invalid_auth", "token_revoked", "account_inactive", "not_authed", "team_disabled"})
TICK = timedelta(minutes=1)
EVENT_TYPE = "rapport_delivery"  # message metadata that carries a delivery's idempotency key into Slack
HISTORY = 50  # recent DM messages searched for an earlier try: far more than a lease lets pile up
THREAD_PAGE, THREAD_PAGES = 200, 5  # a thread is read oldest first: a request's has a few dozen lines at most
# Builds the card composer over the worker's store and the instant of the running tick (--now, or the clock).
RenderFactory = Callable[[sessionmaker[Session], Callable[[], datetime]], Render]


def worker_id() -> str:
    """This process among the workers: hostname:pid."""
    return f"{socket.gethostname()}:{os.getpid()}"[:64]


class WorkspaceClients:
    """One WebClient per workspace: its installation's bot token with OAuth, SLACK_BOT_TOKEN without."""

    def __init__(self, settings: Settings, engine: Engine | None = None) -> None:
        self.settings = settings
        self.installations = (SQLAlchemyInstallationStore(client_id=str(settings.slack_client_id), engine=engine)
                              if settings.oauth_enabled and engine is not None else None)
        self._clients: dict[str, WebClient] = {}
        self._token_works: bool | None = None  # single token: auth.test's verdict, asked once when needed

    def client(self, workspace_id: str) -> WebClient:
        """The workspace's client, built once; NotInstalled when the store holds no bot token for it."""
        from bot.app import web_client  # the Bolt app module is heavy; only a sending worker needs it

        key = workspace_id if self.installations else ""
        if key not in self._clients:
            self._clients[key] = web_client(self.settings, token=self._token(workspace_id), resend=False)
        return self._clients[key]

    def refused(self, workspace_id: str, token: str | None) -> bool:
        """Slack refused `token`: forget its client; True when it is still the workspace's token."""
        self._clients.pop(workspace_id if self.installations else "", None)
        if self.installations is None:
            self._token_works = False
            return True
        try:
            return self._token(workspace_id) == token
        except NotInstalled:
            return True

    def renewed(self, workspace_id: str, parked_at: datetime) -> bool:
        """Was the workspace installed after `parked_at`? With one token: does Slack accept it now."""
        if self.installations is None:
            if self._token_works is None:  # once a process: a token refused here stays refused until a restart
                from bot.app import check_token

                self._token_works = check_token(self.client(workspace_id))
            return self._token_works
        bot = self.installations.find_bot(enterprise_id=None, team_id=workspace_id)
        if bot is None or datetime.fromtimestamp(bot.installed_at, UTC) <= parked_at:
            return False
        self._clients.pop(workspace_id, None)
        return True

    def _token(self, workspace_id: str) -> str:
        if self.installations is None:
            return str(self.settings.slack_bot_token)
        bot = self.installations.find_bot(enterprise_id=None, team_id=workspace_id)
        if bot is None or not bot.bot_token:
            raise NotInstalled(f"no bot token for {workspace_id} in the installation store")
        return bot.bot_token


def slack_sender(clients: WorkspaceClients, *, render: Render = as_enqueued) -> Sender:
    """Post a delivery into the recipient's DM once: composed by `render` at send time, tagged with its
    idempotency key, and first looked for in the DM when an earlier try may have reached Slack."""
    dms: dict[tuple[str, str], str] = {}  # a person's DM with the bot never changes: open it once

    def send(delivery: Delivery) -> Posted | None:
        client = clients.client(delivery.workspace_id)
        try:
            return _post_once(client, delivery, render, partial(_open_dm, client, dms))
        except SlackApiError as e:
            outcome = _outcome(e)
            if isinstance(outcome, TokenRevoked) and not clients.refused(delivery.workspace_id, client.token):
                outcome = TransientFailure(f"{outcome}: the workspace was reinstalled since; retrying with its new token")
            raise outcome from e
        except OSError as e:  # connection refused or dropped after the client's own retries
            raise TransientFailure(str(e)) from e
    return send


def _post_once(client: WebClient, delivery: Delivery, render: Render, open_dm: Callable[[Delivery], str]
               ) -> Posted | None:
    channel = open_dm(delivery) if delivery.tried_before else None
    if channel and (ts := _already_posted(client, channel, delivery.idempotency_key, delivery.thread_ts)):
        log.info("delivery %s is already in %s (ts %s), from an earlier try: recorded as sent, not posted again",
                 delivery.id, channel, ts)
        return Posted(channel, ts)
    card = render(delivery)
    if card is None:
        return None
    channel = channel or open_dm(delivery)
    metadata = {"event_type": EVENT_TYPE, "event_payload": {"key": delivery.idempotency_key}}
    posted = client.chat_postMessage(channel=channel, text=card.text, blocks=card.blocks, metadata=metadata,
                                     thread_ts=delivery.thread_ts)
    channel = str(posted.get("channel") or channel)  # a channel given by #name is kept by the id Slack answers with
    _attach(client, delivery, channel, str(posted["ts"]), card.files)
    return Posted(channel, str(posted["ts"]), card.payload)


def _attach(client: WebClient, delivery: Delivery, channel: str, ts: str, files: tuple[tuple[str, bytes], ...]) -> None:
    """Upload each file into the posted message's thread; a failed upload is logged and the message stands."""
    for filename, content in files:
        try:
            client.files_upload_v2(channel=channel, thread_ts=ts, content=content, filename=filename)
        except Exception as e:  # anything at all: the message is in the DM, posting it again would repeat it
            log.warning("delivery %s was posted (ts %s) but its file %s could not be uploaded: %s", delivery.id, ts,
                        filename, e)


def _open_dm(client: WebClient, dms: dict[tuple[str, str], str], delivery: Delivery) -> str:
    if delivery.to_channel:  # a team channel (the weekly pitch share): posted to as it is, no DM to open
        return delivery.recipient_slack_id
    key = (delivery.workspace_id, delivery.recipient_slack_id)
    if key not in dms:
        dms[key] = str(client.conversations_open(users=delivery.recipient_slack_id)["channel"]["id"])
    return dms[key]


def _already_posted(client: WebClient, channel: str, key: str, thread_ts: str | None = None) -> str | None:
    """The ts of the channel's recent message (or the thread's reply) that carries this idempotency key in its
    metadata. A reply is never in conversations.history, only in conversations.replies of its thread."""
    try:
        messages = (_thread(client, channel, thread_ts) if thread_ts else client.conversations_history(
            channel=channel, include_all_metadata=True, limit=HISTORY).get("messages") or [])
    except SlackApiError as e:
        if not isinstance(_outcome(e), DeliveryRefused):
            raise
        # e.g. missing_scope: an installation from before im:history (or channels:history for a queue's
        # channel), or a channel given by #name, which these methods do not take. Posting may repeat a
        # message that a dead worker got through; never posting would lose the delivery for good.
        log.warning("could not look for delivery %s in %s (%s): posting it", key, channel, e.response.get("error"))
        return None
    for message in messages:
        metadata = message.get("metadata") or {}
        if metadata.get("event_type") == EVENT_TYPE and (metadata.get("event_payload") or {}).get("key") == key:
            return str(message["ts"])
    return None


def _thread(client: WebClient, channel: str, thread_ts: str) -> list[dict[str, Any]]:
    """A thread's messages, oldest first, a page at a time up to THREAD_PAGES pages."""
    messages: list[dict[str, Any]] = []
    cursor: str | None = None
    for _ in range(THREAD_PAGES):
        page = client.conversations_replies(channel=channel, ts=thread_ts, include_all_metadata=True,
                                            limit=THREAD_PAGE, cursor=cursor)
        messages += page.get("messages") or []
        cursor = (page.get("response_metadata") or {}).get("next_cursor") or None
        if not cursor:
            break
    return messages


def _outcome(e: SlackApiError) -> Exception:
    error = str(e.response.get("error") or "")
    if error in REVOKED:
        return TokenRevoked(error)
    if e.response.status_code >= 500 or e.response.status_code == 429 or error in ("ratelimited", "internal_error"):
        return TransientFailure(error or f"HTTP {e.response.status_code}")
    return DeliveryRefused(error or f"HTTP {e.response.status_code}")


def run_worker(settings: Settings, *, once: bool, now: datetime | None = None,
               render: RenderFactory | None = None) -> TickReport | None:
    """One tick as of `now` (or the clock) with `once`; otherwise a tick a minute until SIGTERM.

    `render` builds the card composer (default: the nudge cards, see bot/nudging.py)."""
    from bot.presales import presales_rules
    from storage.db import make_engine, session_factory
    from storage.migrate import upgrade

    if not settings.slack_bot_token and not settings.oauth_enabled:
        raise MissingSetting("rapport worker cannot send: set SLACK_BOT_TOKEN (one workspace), or SLACK_CLIENT_ID "
                             "and SLACK_CLIENT_SECRET (OAuth), in the environment or in .env")
    live = presales_rules(settings)  # a bad rules file stops the worker before the store is touched
    if settings.store_url.startswith("sqlite"):
        upgrade(settings.store_url)
    engine = make_engine(settings.store_url)
    clock: Clock = MovableClock(now) if now else SystemClock()
    tick = worker_tick(settings, engine, session_factory(engine), clock=clock, render=render, live=live)
    try:
        if once:
            return tick()
        _run_every_minute(tick)
        return None
    finally:
        engine.dispose()


def worker_tick(settings: Settings, engine: Engine, sessions: sessionmaker[Session], *, clock: Clock,
                render: RenderFactory | None = None, live: LiveRules | None = None) -> Callable[[], TickReport]:
    """A worker's tick as of the clock: each rep's morning planned into the outbox, then everything due sent.

    `live`: the presales rules the worker routes with (default: RAPPORT_PRESALES_RULES, read now)."""
    from bot.nudging import nudge_render, plan
    from bot.presales import presales_rules
    from bot.request_cards import keep_request_cards, route_requests, with_request_cards

    live = live or presales_rules(settings)  # a bad rules file stops the worker before its first tick
    me, clients, planning = worker_id(), WorkspaceClients(settings, engine), plan(settings, live)
    routing = route_requests(settings, live)
    composer = with_request_cards(settings, (render or nudge_render(settings, live))(sessions, clock.now), sessions)
    send = keep_request_cards(slack_sender(clients, render=composer), sessions, settings)

    def tick() -> TickReport:
        now = clock.now()
        routing(sessions, now)  # a confirmed log's requests get their queue before the service level looks
        planning(sessions, now)  # before sending, so this very tick sends what the morning brings
        return send_due(sessions=sessions, now=now, worker_id=me, send=send, renewed=clients.renewed)
    return tick


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
