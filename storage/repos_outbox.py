"""The outbox: deliveries enqueued once per idempotency key, claimed atomically, sent once."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from domain.outbox import CLAIMED, DROPPED, FAILED, NEVER_STALE, PARKED, PENDING, SENT, Delivery
from storage.repo_base import Repository
from storage.rows_pipeline import DeliveryRow

log = logging.getLogger("rapport.outbox")

LEASE = timedelta(minutes=5)
LONG_AGO = datetime(2000, 1, 1, tzinfo=UTC)


def _delivery(row: DeliveryRow) -> Delivery:
    return Delivery(row.workspace_id, row.kind, row.recipient_slack_id, row.due_at, row.idempotency_key,
                    dict(row.payload or {}), row.id, row.state, row.attempts, row.last_error)


class OutboxRepo(Repository):
    """One workspace's deliveries."""

    def enqueue(self, delivery: Delivery) -> bool:
        """Add a pending delivery; False when its idempotency key is already in the outbox."""
        row = DeliveryRow(workspace_id=self.ws, kind=delivery.kind, recipient_slack_id=delivery.recipient_slack_id,
                          due_at=delivery.due_at, payload=delivery.payload, idempotency_key=delivery.idempotency_key,
                          state=PENDING, attempts=0)
        try:
            with self.session.begin_nested():
                self.session.add(row)
        except IntegrityError:
            return False
        return True

    def get(self, delivery_id: int) -> Delivery | None:
        """One delivery of this workspace, as stored now."""
        row = self.session.get(DeliveryRow, delivery_id, populate_existing=True)
        return _delivery(row) if row is not None and row.workspace_id == self.ws else None

    def by_key(self, idempotency_key: str) -> Delivery | None:
        """The delivery enqueued under an idempotency key."""
        q = select(DeliveryRow).where(DeliveryRow.workspace_id == self.ws, DeliveryRow.idempotency_key == idempotency_key)
        row = self.session.scalars(q.execution_options(populate_existing=True)).first()
        return _delivery(row) if row is not None else None

    def in_state(self, state: str) -> list[Delivery]:
        """This workspace's deliveries in one state, oldest due first."""
        q = (select(DeliveryRow).where(DeliveryRow.workspace_id == self.ws, DeliveryRow.state == state)
             .order_by(DeliveryRow.due_at, DeliveryRow.id).execution_options(populate_existing=True))
        return [_delivery(r) for r in self.session.scalars(q)]

    def to_recipient(self, recipient_slack_id: str, kind: str, *, since: datetime) -> list[Delivery]:
        """One person's deliveries of one kind due since an instant, any state, oldest first (by index)."""
        q = (select(DeliveryRow).where(DeliveryRow.workspace_id == self.ws,
                                       DeliveryRow.recipient_slack_id == recipient_slack_id,
                                       DeliveryRow.kind == kind, DeliveryRow.due_at >= since)
             .order_by(DeliveryRow.due_at, DeliveryRow.id).execution_options(populate_existing=True))
        return [_delivery(r) for r in self.session.scalars(q)]

    def sent_with_prefix(self, recipient_slack_id: str, key_prefix: str, *, since: datetime) -> list[Delivery]:
        """One person's sent deliveries whose key starts so (e.g. one contact's greetings), newest first."""
        q = (select(DeliveryRow).where(DeliveryRow.workspace_id == self.ws,
                                       DeliveryRow.recipient_slack_id == recipient_slack_id,
                                       DeliveryRow.state == SENT, DeliveryRow.due_at >= since,
                                       DeliveryRow.idempotency_key.startswith(key_prefix, autoescape=True))
             .order_by(DeliveryRow.due_at.desc(), DeliveryRow.id.desc()).execution_options(populate_existing=True))
        return [_delivery(r) for r in self.session.scalars(q)]

    def mark_sent(self, delivery_id: int, channel: str, ts: str, now: datetime,
                  payload: dict[str, Any] | None = None) -> None:
        """Slack accepted the message: it is never sent again; `payload` (when given) is what was sent."""
        sent: dict[str, object] = {} if payload is None else {"payload": payload}
        self._set(delivery_id, state=SENT, slack_channel=channel, slack_ts=ts, sent_at=now, last_error=None, **sent)

    def mark_failed(self, delivery_id: int, error: str, retry_at: datetime | None) -> None:
        """A failed attempt: pending again from `retry_at`, or failed for good when `retry_at` is None."""
        state = PENDING if retry_at is not None else FAILED
        self._set(delivery_id, state=state, last_error=error[:2000], next_attempt_at=retry_at, claimed_by=None,
                  claimed_at=None)

    def drop(self, delivery_id: int) -> None:
        """The delivery no longer applies (nothing left to say): it is never sent."""
        self._set(delivery_id, state=DROPPED, claimed_by=None, claimed_at=None)

    def park(self, now: datetime) -> int:
        """Hold every unsent delivery of the workspace (its token was refused); returns how many."""
        # A parked row is never claimed, so next_attempt_at is free to say when it was parked: an
        # installation newer than that releases it (see parked_since).
        q = (update(DeliveryRow).where(DeliveryRow.workspace_id == self.ws, DeliveryRow.state.in_([PENDING, CLAIMED]))
             .values(state=PARKED, claimed_by=None, claimed_at=None, next_attempt_at=now))
        return int(self.session.execute(q, execution_options={"synchronize_session": False}).rowcount)  # type: ignore[attr-defined]

    def unpark(self) -> int:
        """Release the workspace's parked deliveries (the app was reinstalled); returns how many."""
        q = (update(DeliveryRow).where(DeliveryRow.workspace_id == self.ws, DeliveryRow.state == PARKED)
             .values(state=PENDING, next_attempt_at=None))
        return int(self.session.execute(q, execution_options={"synchronize_session": False}).rowcount)  # type: ignore[attr-defined]

    def _set(self, delivery_id: int, **values: object) -> None:
        q = update(DeliveryRow).where(DeliveryRow.workspace_id == self.ws, DeliveryRow.id == delivery_id).values(**values)
        self.session.execute(q, execution_options={"synchronize_session": False})

    def set_payload(self, delivery_id: int, payload: dict[str, object]) -> None:
        """Replace a delivery's payload: what the rep decided on its card (outcome, an edited draft)."""
        self._set(delivery_id, payload=payload)


# One worker serves every workspace, so the two functions below are deliberately not scoped to one:
# they only pick rows up by time and state and hand each delivery out with its own workspace_id;
# everything a delivery's outcome changes goes back through the workspace-scoped OutboxRepo.

def _claimable(now: datetime, lease: timedelta) -> ColumnElement[bool]:
    due = and_(DeliveryRow.state == PENDING, DeliveryRow.due_at <= now,
               or_(DeliveryRow.next_attempt_at.is_(None), DeliveryRow.next_attempt_at <= now))
    abandoned = and_(DeliveryRow.state == CLAIMED, DeliveryRow.claimed_at <= now - lease)
    return or_(due, abandoned)


def claim_due(session: Session, *, now: datetime, worker_id: str, limit: int,
              lease: timedelta = LEASE) -> list[Delivery]:
    """Atomically take up to `limit` due deliveries of any workspace (and claims older than the lease)."""
    pick = select(DeliveryRow.id).where(_claimable(now, lease)).order_by(DeliveryRow.due_at, DeliveryRow.id).limit(limit)
    if session.get_bind().dialect.name == "postgresql":
        ids: object = list(session.scalars(pick.with_for_update(skip_locked=True)))
    else:  # SQLite: one UPDATE inside the IMMEDIATE transaction storage.db begins, so claims are serialised
        ids = pick.scalar_subquery()
    # Counting claims, not outcomes, is what tells the next worker that a claim was abandoned mid-send.
    q = (update(DeliveryRow).where(DeliveryRow.id.in_(ids), _claimable(now, lease))  # type: ignore[arg-type]
         .values(state=CLAIMED, claimed_by=worker_id, claimed_at=now, attempts=DeliveryRow.attempts + 1)
         .returning(DeliveryRow))
    rows = session.scalars(q, execution_options={"synchronize_session": False, "populate_existing": True})
    return sorted((_delivery(r) for r in rows), key=lambda d: (d.due_at, d.id))


def parked_since(session: Session) -> dict[str, datetime]:
    """Each workspace with parked deliveries, and when it was last parked (rows that never said: long ago)."""
    q = (select(DeliveryRow.workspace_id, func.max(DeliveryRow.next_attempt_at))
         .where(DeliveryRow.state == PARKED).group_by(DeliveryRow.workspace_id))
    return {ws: at or LONG_AGO for ws, at in session.execute(q)}


def drop_stale(session: Session, *, now: datetime, grace: timedelta) -> list[Delivery]:
    """Drop pending deliveries of any workspace due before now − grace, with a log line each (never a presales
    request's card or first thread line: see NEVER_STALE)."""
    q = (select(DeliveryRow).where(DeliveryRow.state == PENDING, DeliveryRow.due_at < now - grace,
                                   DeliveryRow.kind.not_in(NEVER_STALE))
         .with_for_update(skip_locked=True).execution_options(populate_existing=True))
    stale = [_delivery(r) for r in session.scalars(q)]
    for d in stale:
        log.warning("dropped delivery %s (%s) of %s to %s: due %s, older than the %s grace window",
                    d.id, d.kind, d.workspace_id, d.recipient_slack_id, d.due_at.isoformat(), grace)
    if stale:
        session.execute(update(DeliveryRow).where(DeliveryRow.id.in_([d.id for d in stale]), DeliveryRow.state == PENDING)
                        .values(state=DROPPED), execution_options={"synchronize_session": False})
    return stale
