"""Per deal, the pitch each role of its decision chain hears: the one chosen on the card, else the library's
suggestions by tags and by what has won with that role in that industry; and who in the role heard which points.

A CFO hears cost and risk, an architect hears integration: the choice is per role, not per person, so a second
CFO added to the chain hears the same pitch. Choosing or clearing is audited with the card as its source.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from domain.entities import AuditEntry, Contact, Deal, SourceMessage, User
from domain.graph.chain import ROLES, DecisionChain
from domain.pitch_library import in_industry
from domain.pitch_wins import win_rates
from domain.pitches import Heard, Proposition, point_key, spoken_length, suggest
from services.graph_views import visible_deal_by_id
from services.pitch_wins import Record, read_record
from storage.uow import UnitOfWork

SUGGESTED = 3  # a role's suggestions the card and the dialog offer


class NotInChain(ValueError):
    """Nobody holds this role in the deal's chain: there is no one to pitch to."""


class PitchGone(LookupError):
    """The pitch is not in the library (archived, or never was)."""


@dataclass(frozen=True)
class Suggestion:
    """A library pitch for a role, and why: the tags that match (role, industry, product) and what it won there."""

    proposition: Proposition
    because: tuple[str, ...]
    win_rate: float | None = None


@dataclass(frozen=True)
class Listener:
    """Someone in the role, and which points of the role's pitch they have heard."""

    contact_id: int
    name: str
    heard: tuple[str, ...]


@dataclass(frozen=True)
class RolePitch:
    """One role of the chain: the pitch chosen for it (None: not chosen), the suggestions, and who heard what."""

    role: str
    chosen: Proposition | None
    suggestions: tuple[Suggestion, ...]
    listeners: tuple[Listener, ...] = ()

    @property
    def pitch(self) -> Proposition | None:
        """What this role hears: the chosen pitch, else the best suggestion."""
        return self.chosen or (self.suggestions[0].proposition if self.suggestions else None)

    @property
    def seconds(self) -> int:
        """The pitch's spoken length (0 when there is none)."""
        return spoken_length(self.pitch.points).seconds if self.pitch else 0


@dataclass(frozen=True)
class Choice:
    """What a role of a deal hears now: the pitch chosen (None: cleared, its suggestion stands)."""

    deal: Deal
    role: str
    proposition: Proposition | None


@dataclass(frozen=True)
class PitchChoices:
    """What the Choose pitch dialog offers: the roles present and the library, suggested pitches first."""

    deal: Deal
    roles: tuple[RolePitch, ...]
    library: tuple[Proposition, ...]


def role_pitches(uow: UnitOfWork, *, deal: Deal, chain: DecisionChain, people: Mapping[int, Contact],
                 industry: str | None) -> tuple[RolePitch, ...]:
    """Inside an open unit of work: each role held in the chain, in the method's order, with its pitch."""
    roles = [r for r in ROLES if chain.holding(r)]
    library = uow.propositions.all() if roles else []  # an archived pitch is out of the library, chosen or not
    if not library:  # nothing to choose from: the card says nothing rather than "none" for every role
        return ()
    chosen, by_id = uow.deal_pitches.of_deal(deal.id), {p.id: p for p in library}
    # Only listeners named in `people` are shown: the deal card's pitches (none given) need no history.
    heard = uow.pitch_deliveries.heard(list(chain.contact_ids())) if people else {}
    record = read_record(uow, library)
    product = str(uow.deals.custom_of(deal.id).get("product") or "") or None  # an imported deal's product column
    return tuple(_with_listeners(RolePitch(role, by_id.get(chosen.get(role, 0)),
                                           _suggestions(library, role, industry, product, record)),
                                 chain, people, heard) for role in roles)


def pitches_by_role(uow: UnitOfWork, deal_id: int) -> dict[str, Proposition | None]:
    """Inside an open unit of work: what each role held in the deal's chain hears, as the deal card shows it."""
    deal = uow.deals.get(deal_id)
    if deal is None:
        return {}
    account = uow.accounts.get(deal.account_id) if deal.account_id else None
    chain = DecisionChain(deal, tuple(uow.chain_members.of_deal(deal.id)))
    found = role_pitches(uow, deal=deal, chain=chain, people={}, industry=account.industry if account else None)
    return {r.role: r.pitch for r in found}


def _suggestions(library: Sequence[Proposition], role: str, industry: str | None, product: str | None,
                 record: Record) -> tuple[Suggestion, ...]:
    """The role's best fits that have a reason: a tag that matches or a record with this role."""
    rates = _rates(record, role, industry)
    fits = [f for f in suggest(library, role=role, industry=industry, product=product, win_rate=rates) if f.because]
    return tuple(Suggestion(f.proposition, f.because, rates.get(f.proposition.id)) for f in fits[:SUGGESTED])


def _rates(record: Record, role: str, industry: str | None) -> dict[int, float]:
    """Each proposition's smoothed win rate with this role, at accounts of this industry when it has one."""
    used = [u for u in record.used if industry is None or in_industry(industry, u.industry)]
    return {int(r.key): r.rate for r in win_rates(used, base=record.base, role=role)}


def _with_listeners(found: RolePitch, chain: DecisionChain, people: Mapping[int, Contact],
                    heard: Mapping[int, Mapping[str, Heard]]) -> RolePitch:
    points = found.pitch.points if found.pitch else ()
    listeners = tuple(Listener(m.contact_id, people[m.contact_id].name,
                               tuple(p for p in points if point_key(p) in heard.get(m.contact_id, {})))
                      for m in chain.holding(found.role) if m.contact_id in people)
    return RolePitch(found.role, found.chosen, found.suggestions, listeners)


def offered(roles: Sequence[RolePitch], library: Sequence[Proposition]) -> tuple[Proposition, ...]:
    """The library as the dialog lists it: each role's best suggestion in turn, then its next, then the rest."""
    ranked: list[Proposition] = []
    for rank in range(SUGGESTED):
        ranked += [r.suggestions[rank].proposition for r in roles if rank < len(r.suggestions)]
    return tuple({p.id: p for p in [*ranked, *library]}.values())


def pitch_choices(*, uow: UnitOfWork, user: User, deal_id: int) -> PitchChoices:
    """The roles and pitches to choose from on a deal the user may see."""
    with uow:
        deal = visible_deal_by_id(uow, user, deal_id)
        account = uow.accounts.get(deal.account_id) if deal.account_id else None
        chain = DecisionChain(deal, tuple(uow.chain_members.of_deal(deal.id)))
        people = {c.id: c for c in uow.contacts.all(deal.account_id)} if deal.account_id else {}
        roles = role_pitches(uow, deal=deal, chain=chain, people=people,
                             industry=account.industry if account else None)
        library = uow.propositions.all()
    return PitchChoices(deal, roles, offered(roles, library))


def choose_pitch(*, uow: UnitOfWork, user: User, deal_id: int, role: str, proposition_id: int | None,
                 now: datetime, source: SourceMessage) -> Choice:
    """Choose (or clear, with None) the pitch a role of the deal hears; audited when it changes anything."""
    with uow:
        deal = visible_deal_by_id(uow, user, deal_id)
        if role not in {m.role for m in uow.chain_members.of_deal(deal.id)}:
            raise NotInChain(role)
        prop = uow.propositions.get(proposition_id) if proposition_id is not None else None
        if proposition_id is not None and (prop is None or prop.archived):
            raise PitchGone(str(proposition_id))
        before = uow.deal_pitches.of_deal(deal.id).get(role)
        if before == proposition_id:
            return Choice(deal, role, prop)
        uow.deal_pitches.choose(deal.id, role, proposition_id, by=user.slack_user_id, now=now)
        action = "create" if before is None else "delete" if proposition_id is None else "update"
        uow.audit.record(AuditEntry(user.slack_user_id, now, "deal_pitch", deal.id, action,
                                    {"role": role, "proposition_id": before},
                                    {"role": role, "proposition_id": proposition_id}, source))
        uow.commit()
    return Choice(deal, role, prop)
