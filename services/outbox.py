"""One scheduler tick over the outbox: release, drop what is too old, claim what is due, send each once."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from domain.outbox import Delivery, backoff
from storage.repos_outbox import LEASE, OutboxRepo, claim_due, drop_stale, parked_since

log = logging.getLogger("rapport.worker")

GRACE = timedelta(hours=12)
BATCH = 50
MAX_ATTEMPTS = 8



@dataclass(frozen=True)
class Rendered:
    """What a delivery says when it goes out: its text, its card, the payload kept as what was sent, and files
    (name, bytes) uploaded into the message's thread."""

    text: str
    blocks: list[dict[str, Any]] | None
    payload: dict[str, Any]
    files: tuple[tuple[str, bytes], ...] = ()


@dataclass(frozen=True)
class Posted:
    """Where Slack put a delivery; `payload` is what was sent (None: the enqueued payload stands)."""

    channel: str
    ts: str
    payload: dict[str, Any] | None = None


Render = Callable[[Delivery], Rendered | None]  # None: the delivery no longer applies
Sender = Callable[[Delivery], Posted | None]  # None: the delivery no longer applies, nothing was posted
Renewed = Callable[[str, datetime], bool]  # was the workspace's token installed (or checked) after that instant?


def as_enqueued(delivery: Delivery) -> Rendered:
    """The delivery's own payload "text" and "blocks", as it was enqueued."""
    return Rendered(str(delivery.payload.get("text", "")), delivery.payload.get("blocks"), delivery.payload)


class TransientFailure(Exception):
    """The message may go through later (a 5xx, a dropped connection): retry with backoff."""


class TokenRevoked(Exception):
    """The workspace's token is refused (invalid_auth, token_revoked …): park its deliveries."""


class NotInstalled(TokenRevoked):
    """The workspace has no installation of the app (never installed, or uninstalled): park its deliveries."""


class DeliveryRefused(Exception):
    """Slack refuses this one message for good (e.g. user_not_found): never retry it."""


@dataclass
class TickReport:
    """What one tick did, delivery ids per outcome."""

    now: datetime
    sent: list[int] = field(default_factory=list)
    retrying: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    parked: list[int] = field(default_factory=list)
    dropped: list[int] = field(default_factory=list)
    released: int = 0
    parked_workspaces: set[str] = field(default_factory=set)

    def line(self) -> str:
        """A one-line summary for logs and `rapport worker --once`."""
        return (f"tick at {self.now.isoformat()}: sent {len(self.sent)}, retrying {len(self.retrying)}, "
                f"failed {len(self.failed)}, parked {len(self.parked)}, dropped {len(self.dropped)}, "
                f"released {self.released}")


def send_due(*, sessions: sessionmaker[Session], now: datetime, worker_id: str, send: Sender,
             grace: timedelta = GRACE, limit: int = BATCH, lease: timedelta = LEASE,
             renewed: Renewed | None = None) -> TickReport:
    """Run one tick as of `now`: parked workspaces whose token was `renewed` are released first, then
    batches are claimed and sent until nothing due is left."""
    report = TickReport(now)
    if renewed is not None:
        report.released = release_renewed(sessions=sessions, renewed=renewed)
    with sessions() as session:
        report.dropped = [d.id for d in drop_stale(session, now=now, grace=grace)]
        session.commit()
    while batch := _claim(sessions, now=now, worker_id=worker_id, limit=limit, lease=lease):
        for delivery in batch:
            if delivery.workspace_id in report.parked_workspaces:
                report.parked.append(delivery.id)  # already parked along with its workspace
            elif delivery.attempts > MAX_ATTEMPTS:  # claimed again and again: it kills the workers that send it
                _give_up(sessions, delivery, report=report)
            else:
                _deliver(sessions, delivery, send=send, now=now, report=report)
    if report.dropped or report.sent or report.retrying or report.failed or report.parked or report.released:
        log.info(report.line())
    return report


def release_renewed(*, sessions: sessionmaker[Session], renewed: Renewed) -> int:
    """Unpark each workspace whose token was installed after its deliveries were parked; how many rows."""
    with sessions() as session:
        parked = parked_since(session)
    released = 0
    for workspace_id, since in sorted(parked.items()):
        if not renewed(workspace_id, since):
            continue
        with sessions() as session:
            count = OutboxRepo(session, workspace_id).unpark()
            session.commit()
        log.info("released %d parked deliveries of %s: its token is newer than their parking at %s",
                 count, workspace_id, since.isoformat())
        released += count
    return released


def _claim(sessions: sessionmaker[Session], *, now: datetime, worker_id: str, limit: int,
           lease: timedelta) -> list[Delivery]:
    with sessions() as session:
        batch = claim_due(session, now=now, worker_id=worker_id, limit=limit, lease=lease)
        session.commit()
    return batch


def _deliver(sessions: sessionmaker[Session], delivery: Delivery, *, send: Sender, now: datetime,
             report: TickReport) -> None:
    """Send one claimed delivery and record the outcome in its own transaction."""
    with sessions() as session:
        outbox = OutboxRepo(session, delivery.workspace_id)
        try:
            posted = send(delivery)
        except TokenRevoked as e:
            _park(outbox, delivery, e, now=now, report=report)
        except DeliveryRefused as e:
            log.error("delivery %s to %s refused for good: %s", delivery.id, delivery.recipient_slack_id, e)
            outbox.mark_failed(delivery.id, str(e), None)
            report.failed.append(delivery.id)
        except Exception as e:  # TransientFailure, and anything unforeseen: retry later, never lose it
            _retry_later(outbox, delivery, f"{type(e).__name__}: {e}", now=now, report=report)
        else:
            _record(outbox, delivery, posted, now=now, report=report)
        session.commit()


def _give_up(sessions: sessionmaker[Session], delivery: Delivery, *, report: TickReport) -> None:
    log.error("delivery %s was claimed %d times and never settled, giving up", delivery.id, delivery.attempts)
    with sessions() as session:
        OutboxRepo(session, delivery.workspace_id).mark_failed(delivery.id, "abandoned by every worker", None)
        session.commit()
    report.failed.append(delivery.id)


def _record(outbox: OutboxRepo, delivery: Delivery, posted: Posted | None, *, now: datetime,
            report: TickReport) -> None:
    if posted is None:  # not an error: what it was about has changed (done, skipped, no longer due)
        log.info("dropped delivery %s (%s) of %s to %s: it no longer applies", delivery.id, delivery.kind,
                 delivery.workspace_id, delivery.recipient_slack_id)
        outbox.drop(delivery.id)
        report.dropped.append(delivery.id)
    else:
        outbox.mark_sent(delivery.id, posted.channel, posted.ts, now, posted.payload)
        report.sent.append(delivery.id)


def _park(outbox: OutboxRepo, delivery: Delivery, e: TokenRevoked, *, now: datetime, report: TickReport) -> None:
    if isinstance(e, NotInstalled):
        log.error("%s has no installation of the app (%s): its deliveries are parked until it is installed",
                  delivery.workspace_id, e)
    else:
        log.error("Slack refused the token of %s (%s): its deliveries are parked until the app is reinstalled",
                  delivery.workspace_id, e)
    outbox.park(now)
    report.parked_workspaces.add(delivery.workspace_id)
    report.parked.append(delivery.id)


def _retry_later(outbox: OutboxRepo, delivery: Delivery, error: str, *, now: datetime, report: TickReport) -> None:
    attempt = delivery.attempts  # the claim counted this attempt
    if attempt >= MAX_ATTEMPTS:
        log.error("delivery %s failed %d times, giving up: %s", delivery.id, attempt, error)
        outbox.mark_failed(delivery.id, error, None)
        report.failed.append(delivery.id)
        return
    retry_at = now + backoff(attempt)
    log.warning("delivery %s failed (%s); retry %d at %s", delivery.id, error, attempt, retry_at.isoformat())
    outbox.mark_failed(delivery.id, error, retry_at)
    report.retrying.append(delivery.id)
