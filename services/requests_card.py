"""What a presales request's card shows the queue: the deal context an engineer needs, and nothing private beyond it.

The card names the one deal the request is on, its stage, the people of its decision chain by role
and stance, the control points not yet secured and the value points the customer has heard. It reads
no other deal, no contact's phone or birthday, and no log text but the request's own details (a log's
notes are stored without the passages the compliance guard flagged).
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.control_points import six_points
from domain.entities import ResourceRequest
from domain.graph.chain import ROLES
from storage.uow import UnitOfWork

MAX_PITCHED = 5


@dataclass(frozen=True)
class ChainPerson:
    """One person of the deal's decision chain: role, name and stance."""

    role: str
    name: str
    stance: str


@dataclass(frozen=True)
class RequestCard:
    """A request with the deal context its queue card shows."""

    request: ResourceRequest
    account: str | None
    deal: str | None
    stage: str | None
    chain: tuple[ChainPerson, ...] = ()
    open_points: tuple[tuple[str, str], ...] = ()  # (control point, its state) for those not secured
    pitched: tuple[str, ...] = ()  # value points the customer has heard on this deal


def read_card(uow: UnitOfWork, request: ResourceRequest) -> RequestCard:
    """The card of a request, read inside the caller's unit of work."""
    account = uow.accounts.get(request.account_id) if request.account_id else None
    deal = uow.deals.get(request.deal_id) if request.deal_id else None
    if deal is None:
        return RequestCard(request, account.name if account else None, None, None)
    members = sorted(uow.chain_members.of_deal(deal.id), key=lambda m: ROLES.index(m.role) if m.role in ROLES else 99)
    names = {c.id: c.name for c in (uow.contacts.get(m.contact_id) for m in members) if c is not None}
    chain = tuple(ChainPerson(m.role, names[m.contact_id], m.stance) for m in members if m.contact_id in names)
    points = tuple((p.key, p.state) for p in six_points(deal, uow.control_points.of_deal(deal.id))
                   if p.state != "secured")
    heard = tuple(dict.fromkeys(point for _d, _c, _p, point in uow.pitch_deliveries.on_deals([deal.id])))
    return RequestCard(request, account.name if account else None, deal.name, deal.stage, chain, points,
                       heard[:MAX_PITCHED])


def request_card(*, uow: UnitOfWork, request_id: int) -> RequestCard | None:
    """The card of a request as it stands now; None when this workspace has no such request."""
    with uow:
        request = uow.requests.get(request_id)
        return read_card(uow, request) if request is not None else None
