"""One scheduler tick over the outbox: drop what is too old, claim what is due, send each once."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy.orm import Session, sessionmaker

from domain.outbox import Delivery, backoff
from storage.repos_outbox import LEASE, OutboxRepo, claim_due, drop_stale

log = logging.getLogger("rapport.worker")

GRACE = timedelta(hours=12)
BATCH = 50
MAX_ATTEMPTS = 8

Sender = Callable[[Delivery], tuple[str, str]]


class TransientFailure(Exception):
    """The message may go through later (a 5xx, a dropped connection): retry with backoff."""


class TokenRevoked(Exception):
    """The workspace's token is refused (invalid_auth, token_revoked …): park its deliveries."""


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
    parked_workspaces: set[str] = field(default_factory=set)

    def line(self) -> str:
        """A one-line summary for logs and `rapport worker --once`."""
        return (f"tick at {self.now.isoformat()}: sent {len(self.sent)}, retrying {len(self.retrying)}, "
                f"failed {len(self.failed)}, parked {len(self.parked)}, dropped {len(self.dropped)}")


def send_due(*, sessions: sessionmaker[Session], now: datetime, worker_id: str, send: Sender,
             grace: timedelta = GRACE, limit: int = BATCH, lease: timedelta = LEASE) -> TickReport:
    """Run one tick as of `now`: batches are claimed and sent until nothing due is left."""
    report = TickReport(now)
    with sessions() as session:
        report.dropped = [d.id for d in drop_stale(session, now=now, grace=grace)]
        session.commit()
    while batch := _claim(sessions, now=now, worker_id=worker_id, limit=limit, lease=lease):
        for delivery in batch:
            if delivery.workspace_id in report.parked_workspaces:
                report.parked.append(delivery.id)  # already parked along with its workspace
                continue
            _deliver(sessions, delivery, send=send, now=now, report=report)
    if report.dropped or report.sent or report.retrying or report.failed or report.parked:
        log.info(report.line())
    return report


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
            channel, ts = send(delivery)
        except TokenRevoked as e:
            log.error("Slack refused the token of %s (%s): its deliveries are parked", delivery.workspace_id, e)
            outbox.park()
            report.parked_workspaces.add(delivery.workspace_id)
            report.parked.append(delivery.id)
        except DeliveryRefused as e:
            log.error("delivery %s to %s refused for good: %s", delivery.id, delivery.recipient_slack_id, e)
            outbox.mark_failed(delivery.id, str(e), None)
            report.failed.append(delivery.id)
        except Exception as e:  # TransientFailure, and anything unforeseen: retry later, never lose it
            _retry_later(outbox, delivery, f"{type(e).__name__}: {e}", now=now, report=report)
        else:
            outbox.mark_sent(delivery.id, channel, ts, now)
            report.sent.append(delivery.id)
        session.commit()


def _retry_later(outbox: OutboxRepo, delivery: Delivery, error: str, *, now: datetime, report: TickReport) -> None:
    attempt = delivery.attempts + 1
    if attempt >= MAX_ATTEMPTS:
        log.error("delivery %s failed %d times, giving up: %s", delivery.id, attempt, error)
        outbox.mark_failed(delivery.id, error, None)
        report.failed.append(delivery.id)
        return
    retry_at = now + backoff(attempt)
    log.warning("delivery %s failed (%s); retry %d at %s", delivery.id, error, attempt, retry_at.isoformat())
    outbox.mark_failed(delivery.id, error, retry_at)
    report.retrying.append(delivery.id)
