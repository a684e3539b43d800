"""What the presales numbers read: the requests in a viewer's scope and their steps, one query per kind of fact.

A read takes the requests raised since the start of the period and, whenever raised, those not done yet
(they make the load and the overdue list); steps are read only for the period's requests. The scope is a
condition in SQL (raised by these people, in these queues, held by this person), never a list of ids.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, and_, false, or_, select, true
from sqlalchemy.orm import Session

from domain.entities import ResourceRequest
from domain.request_numbers import UNFINISHED, RequestStep
from storage.repos_requests import request_of
from storage.rows_pipeline import ResourceRequestEventRow, ResourceRequestRow

R, E = ResourceRequestRow, ResourceRequestEventRow


@dataclass(frozen=True)
class RequestsOf:
    """Whose requests a read covers: raised by these people, sent to these queues, or on this person's plate."""

    requesters: frozenset[str] = frozenset()
    queues: frozenset[str] = frozenset()
    holder: str | None = None
    everyone: bool = False  # an admin's: the whole workspace


def _scoped(ws: str, scope: RequestsOf) -> ColumnElement[bool]:
    if scope.everyone:
        return and_(R.workspace_id == ws, true())
    held = and_(R.assignee_slack_id == scope.holder, R.state.in_(UNFINISHED)) if scope.holder else false()
    return and_(R.workspace_id == ws, or_(R.requester_slack_id.in_(scope.requesters), R.queue.in_(scope.queues), held))


def requests_in(session: Session, ws: str, scope: RequestsOf, since: datetime) -> list[ResourceRequest]:
    """The scope's requests raised since `since`, and its requests not done yet whenever raised; oldest first."""
    q = select(R).where(_scoped(ws, scope), or_(R.created_at >= since, R.state.in_(UNFINISHED))).order_by(R.id)
    return [request_of(r) for r in session.scalars(q)]


def steps_in(session: Session, ws: str, scope: RequestsOf, since: datetime) -> list[RequestStep]:
    """Every step of the scope's requests raised since `since`, oldest first."""
    q = (select(E.request_id, E.at, E.kind, E.actor_slack_id, E.note).join(R, R.id == E.request_id)
         .where(E.workspace_id == ws, _scoped(ws, scope), R.created_at >= since).order_by(E.id))
    return [RequestStep(rid, at, kind, actor, note) for rid, at, kind, actor, note in session.execute(q)]


def queues_of(session: Session, ws: str, engineer: str) -> frozenset[str]:
    """The queues whose requests this person has been sent, or has taken, declined or finished."""
    acted = select(E.request_id).where(E.workspace_id == ws, or_(
        and_(E.actor_slack_id == engineer, E.kind.in_(("accepted", "declined", "done"))),
        and_(E.note == engineer, E.kind.in_(("assigned", "reassigned")))))  # a requester's own steps do not count
    q = select(R.queue).distinct().where(R.workspace_id == ws, R.queue.is_not(None),
                                         or_(R.assignee_slack_id == engineer, R.id.in_(acted)))
    return frozenset(name for name in session.scalars(q) if name)
