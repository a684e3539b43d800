"""After Done: the requester says in one line how it went, and the session is logged as a professional touch.

The interaction is what trust's professionalism counts (domain/trust.py): an expert session — channel
`event`, which trust reads as an expert talk — for every type but a site visit, which is logged as a
`site_visit` (a company or reference visit). It is with the customer's people the requester says were
there, by default the deal's decision chain, so each of them gains the touch; audited like any log. The
line goes through the compliance screen first: a gift or an identity number is kept nowhere — not on the
request, its history, the audit log nor the touch's summary — and the requester is told what was left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from domain.compliance import ComplianceRules
from domain.entities import AuditEntry, Contact, ResourceRequest, SourceMessage
from services.requests_flow import screened
from storage.repos_request_routing import lock_request
from storage.uow import UnitOfWork

CHOICES = 100  # a Slack select holds at most 100 options
OUTCOME_MAX = 300
TOUCH_CHANNELS = {"site_visit": "site_visit"}  # every other type: an expert session, channel "event"


def touch_channel(request_type: str) -> str:
    """The interaction channel a finished request of this type is logged as, so it counts as professional."""
    return TOUCH_CHANNELS.get(request_type, "event")


@dataclass(frozen=True)
class OutcomeChoices:
    """Whom the requester may say was there (the account's people), and who is ticked at first (the deal's chain)."""

    people: tuple[tuple[int, str], ...]
    present: tuple[int, ...]


def outcome_choices(*, uow: UnitOfWork, request_id: int) -> OutcomeChoices:
    """The people of the request's account, its deal's decision chain first and ticked."""
    with uow:
        request = uow.requests.get(request_id)
        if request is None or request.account_id is None:
            return OutcomeChoices((), ())
        chain = [m.contact_id for m in uow.chain_members.of_deal(request.deal_id)] if request.deal_id else []
        people = {c.id: c.name for c in uow.contacts.all(request.account_id)}
        order = [*dict.fromkeys(c for c in chain if c in people), *(c for c in people if c not in chain)]
        return OutcomeChoices(tuple((c, people[c]) for c in order[:CHOICES]),
                              tuple(c for c in dict.fromkeys(chain) if c in people))


@dataclass(frozen=True)
class OutcomeSaved:
    """What became of the requester's line: saved (as kept, with the touch's people), or why not."""

    outcome: str  # saved / empty (nothing of it may be kept) / not_yours / not_done / already / gone
    names: tuple[str, ...] = ()
    interaction_id: int | None = None
    line: str = ""  # the line as kept
    left_out: str = ""  # why part of it was not kept


def record_request_outcome(*, uow: UnitOfWork, request_id: int, by: str, outcome: str, contact_ids: list[int],
                           label: str, now: datetime, today: date, source: SourceMessage,
                           compliance: ComplianceRules | None = None) -> OutcomeSaved:
    """Keep the requester's line once, screened, and log the session with the people who were there, both
    audited."""
    line, left_out = screened(outcome.strip()[:OUTCOME_MAX], compliance)
    with uow:
        lock_request(uow.session, uow.workspace_id, request_id)
        request = uow.requests.get(request_id)
        refused = _refused(request, by)
        if refused or request is None:
            return OutcomeSaved(refused or "gone")
        if not line:
            return OutcomeSaved("empty", left_out=left_out)
        uow.requests.record_outcome(request_id, outcome=line, by=by, now=now)
        uow.audit.record(AuditEntry(by, now, "resource_request", request_id, "update", None, {"outcome": line}, source))
        if request.account_id is None:
            uow.commit()
            return OutcomeSaved("saved", line=line, left_out=left_out)
        people = [c for c in (uow.contacts.get(i) for i in dict.fromkeys(contact_ids))
                  if c is not None and c.account_id == request.account_id]
        touch = _log_touch(uow, request, by, f"{label}: {line}", people, now=now, today=today, source=source)
        uow.commit()
        return OutcomeSaved("saved", tuple(c.name for c in people), touch, line, left_out)


def _refused(request: ResourceRequest | None, by: str) -> str:
    """Why the line is not kept ("" when it is): gone, not the requester's, not done yet, or said already."""
    if request is None:
        return "gone"
    if request.requester_slack_id != by:
        return "not_yours"
    if request.state != "done":
        return "not_done"
    return "already" if request.outcome else ""


def _log_touch(uow: UnitOfWork, request: ResourceRequest, by: str, summary: str, people: list[Contact], *,
               now: datetime, today: date, source: SourceMessage) -> int:
    """The session as an interaction with the people who were there, audited; its id."""
    touch = uow.interactions.add(rep_slack_id=by, occurred_on=today, channel=touch_channel(request.type),
                                 summary=summary, now=now, account_id=request.account_id,
                                 contacts={c.id: True for c in people}, pitched=(), source=source,
                                 deal_id=request.deal_id)
    uow.audit.record(AuditEntry(by, now, "interaction", touch.id, "create", None,
                                {"occurred_on": today.isoformat(), "channel": touch.channel,
                                 "contacts": [c.name for c in people], "request": request.id}, source))
    return touch.id
