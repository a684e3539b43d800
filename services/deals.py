"""Looking a deal up: where it stands, its chain and control points, how healthy it is, what is next."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain.control_points import TenderInference, infer_tender_rules, known_tender_facts, six_points
from domain.deal_health import DealHealth, KeyPerson, deal_health
from domain.entities import Account, Contact, ControlPoint, Deal, Meeting, ResourceRequest, User
from domain.graph.chain import DecisionChain
from services.deal_pitches import RolePitch, role_pitches
from services.deal_score import ScoreView, deal_score
from services.graph_views import visible_deal, visible_deal_by_id
from storage.uow import UnitOfWork


@dataclass(frozen=True)
class DealCard:
    """The deal card: facts, chain, control points with inferred tender rules, health, what is next."""

    deal: Deal
    account: Account | None
    chain: DecisionChain
    people: dict[int, Contact]
    points: tuple[ControlPoint, ...]
    inference: TenderInference | None
    health: DealHealth
    meetings: tuple[Meeting, ...] = ()
    requests: tuple[ResourceRequest, ...] = ()
    score: ScoreView | None = None  # the win probability and why; the card shows nothing while it is None
    custom: tuple[tuple[str, str], ...] = ()  # imported columns with no field of their own, as the file named them
    pitches: tuple[RolePitch, ...] = ()  # per role in the chain: the chosen pitch or suggestions, who heard what


def deal_card(*, uow: UnitOfWork, user: User, query: str, today: date, deal_id: int | None = None) -> DealCard:
    """What a rep or manager sees on `/rapport deal <name>` (or on the card of one known deal id)."""
    with uow:
        deal = visible_deal_by_id(uow, user, deal_id) if deal_id is not None else visible_deal(uow, user, query)
        account = uow.accounts.get(deal.account_id) if deal.account_id else None
        chain = DecisionChain(deal, tuple(uow.chain_members.of_deal(deal.id)))
        people = {c.id: c for c in uow.contacts.all(deal.account_id)} if deal.account_id else {}
        points = six_points(deal, uow.control_points.of_deal(deal.id))
        # The same read as the pipeline's, so the card and the pipeline give a deal one colour.
        key_people = tuple(KeyPerson(*p) for p in uow.chain_members.key_people_of([deal.id]).get(deal.id, ()))
        health = deal_health(points=points, chain=chain, key_people=key_people,
                             pitched=uow.chain_members.pitched(deal.id), today=today)
        custom = uow.deals.custom_of(deal.id)
        score = deal_score(uow=uow, deal=deal, industry=account.industry if account else None, chain=chain,
                           points=points, custom=custom)
        return DealCard(deal, account, chain, people, points, _inference(uow, deal), health,
                        tuple(uow.meetings.of_deal(deal.id, since=today)),
                        tuple(uow.resource_requests.open_of_deal(deal.id)), score,
                        tuple((str(k), str(v)) for k, v in custom.items() if str(v).strip()),
                        role_pitches(uow, deal=deal, chain=chain, people=people,
                                     industry=account.industry if account else None))


def _inference(uow: UnitOfWork, deal: Deal) -> TenderInference | None:
    """The account's usual tender rules, asked only when one of the deal's own is unknown."""
    if deal.account_id is None or all(known_tender_facts(deal).values()):
        return None
    return infer_tender_rules(d for d in uow.deals.all(deal.account_id) if d.id != deal.id)
