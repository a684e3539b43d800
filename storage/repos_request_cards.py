"""What the routing step reads to post a card again: open requests whose card never reached their queue's channel.

A card delivery may have been dropped (the outbox used to drop one twelve hours late) or refused for good
(Rapport not invited into the channel, a channel gone). One worker serves every workspace, so this reads
across them; what it returns carries each request's workspace.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, String, and_, cast, exists, literal, select
from sqlalchemy.orm import Session

from domain.entities import ResourceRequest
from domain.outbox import CLAIMED, DROPPED, FAILED, PARKED, PENDING, REQUEST_CARD, SENT
from storage.repos_requests import request_of
from storage.rows_pipeline import DeliveryRow, ResourceRequestRow

R, D = ResourceRequestRow, DeliveryRow
LIVE = (PENDING, CLAIMED, PARKED, SENT)  # a card on its way, or posted (its place kept on the request)


def _cards_of(request_id: ColumnElement[str]) -> ColumnElement[bool]:
    """The card deliveries of a request, by their keys: request:{id}:card and request:{id}:card:{n}."""
    return and_(D.kind == REQUEST_CARD, D.idempotency_key.like(literal("request:") + request_id + literal(":card%")))


def uncarded(session: Session, *, limit: int = 500) -> list[tuple[str, ResourceRequest]]:
    """(workspace, request) of open requests whose card was dropped or refused, with none posted or on its way,
    oldest first. (A request routed to a queue without a channel never had a card to lose.)"""
    cards = _cards_of(cast(R.id, String))
    lost = exists().where(D.workspace_id == R.workspace_id, D.state.in_((DROPPED, FAILED)), cards)
    on_its_way = exists().where(D.workspace_id == R.workspace_id, D.state.in_(LIVE), cards)
    q = (select(R).where(R.state == "open", R.queue.is_not(None), R.queue_ts.is_(None), lost, ~on_its_way)
         .order_by(R.id).limit(limit))
    return [(row.workspace_id, request_of(row)) for row in session.scalars(q)]


def card_tries(session: Session, workspace_id: str, request_id: int) -> list[str]:
    """The states of a request's card deliveries so far, oldest first (dropped, failed …)."""
    q = select(D.state).where(D.workspace_id == workspace_id, _cards_of(literal(str(request_id)))).order_by(D.id)
    return list(session.scalars(q))
