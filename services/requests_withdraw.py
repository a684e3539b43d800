"""The requester withdraws a presales request they no longer need (the customer called the demo off).

Only the requester may, and only while it is not done: open (nobody has taken it yet) or accepted.
The request is cancelled and kept with a `cancelled` event: it is no longer escalated or reminded of,
counts in nobody's load and is never overdue, and whatever its service level had planned but not sent
is not said (domain/request_numbers.py, services/request_sla.py). The row is locked while it is read,
so whoever held it the moment it was withdrawn is the one told.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.entities import AuditEntry, SourceMessage
from services.requests_card import RequestCard, read_card
from storage.repos_request_routing import lock_request
from storage.uow import UnitOfWork


@dataclass(frozen=True)
class Withdrawal:
    """What pressing Withdraw did (withdrawn, or why not: not_yours / closed / gone), the card as it stands, and who
    held the request until then (accepted it, or had it proposed to them)."""

    outcome: str
    card: RequestCard | None
    holder: str | None = None


def withdraw_request(*, uow: UnitOfWork, request_id: int, by: str, now: datetime,
                     source: SourceMessage) -> Withdrawal:
    """The requester calls the request off: cancelled, audited, and whoever held it named for the caller to tell."""
    with uow:
        lock_request(uow.session, uow.workspace_id, request_id)
        request = uow.requests.get(request_id)
        if request is None:
            return Withdrawal("gone", None)
        if request.requester_slack_id != by:
            return Withdrawal("not_yours", read_card(uow, request))
        if not uow.requests.withdraw(request_id, by=by, now=now):
            return Withdrawal("closed", read_card(uow, request))
        uow.audit.record(AuditEntry(by, now, "resource_request", request_id, "withdraw", {"state": request.state},
                                    {"state": "cancelled"}, source))
        uow.commit()
        uow.session.expire_all()
        withdrawn = uow.requests.get(request_id)
        assert withdrawn is not None  # withdrawn in this unit of work, never deleted
        return Withdrawal("withdrawn", read_card(uow, withdrawn), request.assignee_slack_id)
