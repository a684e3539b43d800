"""Repositories for deals and their decision chains; every query is workspace-scoped."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from itertools import chain
from typing import Any

from sqlalchemy import ColumnElement, Text, case, cast, func, or_, select
from sqlalchemy.orm import Session

from domain.deal_health import KEY_ROLES, KeyFacts, rhythm_days
from domain.entities import ChainMember, Deal
from domain.graph.chain import ROLES
from domain.pipeline import PipelineDeal, is_open
from storage.repo_base import Repository
from storage.rows import AccountRow, ContactRow, InteractionContactRow, InteractionRow
from storage.rows_pipeline import ChainMemberRow, DealRow, PitchDeliveryRow


@dataclass(frozen=True)
class DealsOf:
    """The deals of these people (only the open ones unless told) as the scope of a bulk read: those they own and
    those shared with them, at an account they own or are on the team of (domain/access.py sees_deal). Conditions
    on a join in SQL, so a team's 10,000 deals never travel as a list of ids, and a deal is in it once however many
    of the people it belongs to."""

    owners: frozenset[str]
    open_only: bool = True


DealScope = DealsOf | Sequence[int]
SCOPE = DealRow.__table__.alias("scope")  # the deal a fact belongs to, joined to scope a bulk read


def owned(deals: Any, ws: str, scope: DealsOf) -> tuple[ColumnElement[bool], ...]:
    """The conditions on a deals table (its columns) for the scope's deals."""
    found = (deals.workspace_id == ws,
             or_(deals.owner_slack_id.in_(scope.owners), deals.account_id.in_(shared_accounts(ws, scope.owners))))
    # is_open in SQL; substr, not LIKE, which SQLite matches case-blind
    return found + ((deals.outcome.is_(None), func.substr(deals.stage, 1, 6) != "closed") if scope.open_only else ())


def shared_accounts(ws: str, people: frozenset[str]) -> Any:
    """The accounts these people own or are on the team of, as a sub-select of their ids."""
    a = AccountRow.__table__.c
    # The team is a JSON list of Slack ids; its text holds each one quoted, in SQLite and PostgreSQL alike.
    team = cast(a.team, Text)
    on_team = (team.contains(f'"{p}"', autoescape=True) for p in sorted(people))
    return select(a.id).where(a.workspace_id == ws, or_(a.owner_slack_id.in_(people), *on_team))


def scoped(q: Any, deal_id: Any, ws: str, deals: DealScope) -> Any:
    """`q` narrowed to the scope's deals by joining SCOPE on the deal its `deal_id` column names."""
    q = q.join(SCOPE, SCOPE.c.id == deal_id)
    if isinstance(deals, DealsOf):
        return q.where(*owned(SCOPE.c, ws, deals))
    return q.where(SCOPE.c.workspace_id == ws, SCOPE.c.id.in_(list(deals)))


def plain_rows(session: Session, q: Any) -> Iterator[Any]:
    """The rows of a bulk read without the ORM's bookkeeping per row (pending changes flushed first, as it would),
    a thousand at a time: ten thousand rows held at once would each be walked by the garbage collector."""
    session.flush()
    for rows in session.connection().execute(q).partitions(1000):
        yield from rows


class DealsRepo(Repository):
    """Opportunities."""

    def add(self, deal: Deal, *, now: datetime) -> Deal:
        """Store a new deal."""
        row = DealRow(
            workspace_id=self.ws, account_id=deal.account_id, name=deal.name,
            amount=_money(deal.amount), currency=deal.currency,
            stage=deal.stage, close_on=deal.close_on, rfp_due=deal.rfp_due, tender_on=deal.tender_on,
            award_method=deal.award_method, award_rule=deal.award_rule, competitors=list(deal.competitors),
            outcome=deal.outcome, owner_slack_id=deal.owner_slack_id, budget_on=deal.budget_on,
            evaluation_criteria=[dict(c) for c in deal.evaluation_criteria], winner=deal.winner,
            outcome_reason=deal.outcome_reason, winning_price=_money(deal.winning_price), custom={},
            created_at=now, updated_at=now,
        )
        self.session.add(row)
        self.session.flush()
        return replace(deal, id=row.id)

    def update(self, deal: Deal, *, now: datetime) -> None:
        """Write a deal's changed facts back."""
        row = self.session.get(DealRow, deal.id)
        if row is None or row.workspace_id != self.ws:
            raise LookupError(f"deal {deal.id} is not in this workspace")
        row.name, row.stage, row.currency = deal.name, deal.stage, deal.currency
        row.amount, row.winning_price = _money(deal.amount), _money(deal.winning_price)
        row.close_on, row.rfp_due, row.tender_on = deal.close_on, deal.rfp_due, deal.tender_on
        row.award_method, row.award_rule, row.competitors = deal.award_method, deal.award_rule, list(deal.competitors)
        row.evaluation_criteria = [dict(c) for c in deal.evaluation_criteria]
        row.budget_on, row.outcome, row.outcome_reason = deal.budget_on, deal.outcome, deal.outcome_reason
        row.winner = deal.winner
        row.updated_at = now

    def get(self, deal_id: int) -> Deal | None:
        """One deal of this workspace by id."""
        row = self.session.get(DealRow, deal_id)
        return _deal(row) if row is not None and row.workspace_id == self.ws else None

    def open_at(self, account_id: int) -> list[Deal]:
        """The account's deals still in play (no outcome yet)."""
        return [d for d in self.all(account_id) if is_open(d)]

    def all(self, account_id: int | None = None) -> list[Deal]:
        """Every deal, or those of one account."""
        q = select(DealRow).where(DealRow.workspace_id == self.ws)
        if account_id is not None:
            q = q.where(DealRow.account_id == account_id)
        return [_deal(r) for r in self.session.scalars(q.order_by(DealRow.id))]

    def in_pipeline(self, owners: frozenset[str]) -> list[PipelineDeal]:
        """These owners' open deals, only what the pipeline shows and judges, oldest first."""
        t = DealRow.__table__.c
        known = (case((t.award_method.is_not(None), 1), else_=0) + case((t.award_rule.is_not(None), 4), else_=0)
                 + case((func.json_array_length(t.evaluation_criteria) > 0, 2), else_=0))
        # The roles the chain holds, summed as bits per deal through the chain's deal index.
        roles = select(func.sum(_ROLE_BITS.distinct())).where(ChainMemberRow.deal_id == t.id).scalar_subquery()
        q = select(t.id, t.name, t.owner_slack_id, t.stage, t.amount, t.currency, known, func.coalesce(roles, 0)).where(
            *owned(t, self.ws, DealsOf(owners))).order_by(t.id)
        return [PipelineDeal(i, name, owner, stage, None if amount is None else float(amount), currency, _KNOWN[bits],
                             _HELD[held]) for i, name, owner, stage, amount, currency, bits, held in plain_rows(self.session, q)]

    def closed_history(self, limit: int) -> list[tuple[Deal, str | None, dict[str, Any]]]:
        """The latest closed deals (won or lost), each with its account's industry and its custom attributes."""
        q = (select(DealRow, AccountRow.industry).outerjoin(AccountRow, AccountRow.id == DealRow.account_id)
             .where(DealRow.workspace_id == self.ws, DealRow.outcome.in_(("won", "lost")))
             .order_by(DealRow.id.desc()).limit(limit))
        return [(_deal(r), industry, dict(r.custom or {})) for r, industry in self.session.execute(q)]

    def custom_of(self, deal_id: int) -> dict[str, Any]:
        """The deal's custom attributes (imported columns with no field of their own)."""
        row = self.session.get(DealRow, deal_id)
        return dict(row.custom or {}) if row is not None and row.workspace_id == self.ws else {}


# Which tender facts are on record, by the bits in_pipeline computes: one shared set per combination.
_KNOWN = {bits: frozenset(k for n, k in enumerate(("award_method", "evaluation_criteria", "award_rule")) if bits >> n & 1)
          for bits in range(8)}


# The roles a chain holds, as the bits in_pipeline sums (a role outside ROLES counts for none).
_ROLE_BITS = case(*((ChainMemberRow.role == role, 1 << n) for n, role in enumerate(ROLES)), else_=0)
_HELD = {bits: frozenset(r for n, r in enumerate(ROLES) if bits >> n & 1) for bits in range(1 << len(ROLES))}


def _deal(r: DealRow) -> Deal:
    return Deal(r.id, r.name, r.account_id, None if r.amount is None else float(r.amount), r.currency, r.stage,
                r.close_on, r.rfp_due, r.tender_on, r.award_method, r.award_rule, tuple(r.competitors or ()),
                r.outcome, r.owner_slack_id, r.budget_on, tuple(r.evaluation_criteria or ()), r.winner,
                r.outcome_reason, None if r.winning_price is None else float(r.winning_price))


def _money(amount: float | None) -> Decimal | None:
    return None if amount is None else Decimal(str(amount))


class ChainMembersRepo(Repository):
    """Members of deals' decision chains."""

    def add(self, member: ChainMember) -> ChainMember:
        """Put a contact into a deal's chain with a role."""
        row = ChainMemberRow(workspace_id=self.ws, deal_id=member.deal_id, contact_id=member.contact_id,
                             role=member.role, influence=member.influence, stance=member.stance,
                             reports_to_member_id=member.reports_to_member_id)
        self.session.add(row)
        self.session.flush()
        return replace(member, id=row.id)

    def place(self, deal_id: int, contact_id: int, *, role: str, stance: str | None) -> tuple[str | None, str]:
        """Put a contact into the chain with this role, or change their role; returns (role before, after)."""
        q = select(ChainMemberRow).where(ChainMemberRow.workspace_id == self.ws, ChainMemberRow.deal_id == deal_id,
                                         ChainMemberRow.contact_id == contact_id)
        row = self.session.scalars(q).first()
        before = None if row is None else row.role
        row = row or ChainMemberRow(workspace_id=self.ws, deal_id=deal_id, contact_id=contact_id, influence=3)
        row.role = role
        row.stance = stance or row.stance or "unknown"
        self.session.add(row)
        self.session.flush()
        return before, role

    def of_deal(self, deal_id: int) -> list[ChainMember]:
        """The chain of one deal."""
        q = select(ChainMemberRow).where(ChainMemberRow.workspace_id == self.ws, ChainMemberRow.deal_id == deal_id)
        return [ChainMember(r.id, r.deal_id, r.contact_id, r.role, r.influence, r.stance, r.reports_to_member_id)
                for r in self.session.scalars(q.order_by(ChainMemberRow.id))]

    def of_deals(self, deal_ids: list[int]) -> dict[int, list[ChainMember]]:
        """The chains of many deals at once, by deal."""
        q = select(ChainMemberRow).where(ChainMemberRow.workspace_id == self.ws, ChainMemberRow.deal_id.in_(deal_ids))
        chains: dict[int, list[ChainMember]] = {}
        for r in self.session.scalars(q.order_by(ChainMemberRow.id)):
            chains.setdefault(r.deal_id, []).append(ChainMember(r.id, r.deal_id, r.contact_id, r.role, r.influence,
                                                                r.stance, r.reports_to_member_id))
        return chains

    def key_people_of(self, deals: DealScope) -> dict[int, tuple[KeyFacts, ...]]:
        """Each deal's decision makers who are contacts of its account, with their last touch (kept on the contact
        by storage/touch_index.py) and rhythm; decision makers before economic buyers, each as added."""
        m, c = ChainMemberRow, ContactRow
        q = scoped(select(m.deal_id, c.id, c.name, c.last_touch_on, c.importance, c.trust_stage, c.cadence_days),
                   m.deal_id, self.ws, deals)
        q = (q.join(c, (c.id == m.contact_id) & (c.account_id == SCOPE.c.account_id))
             .where(m.workspace_id == self.ws, m.role.in_(KEY_ROLES))
             .order_by(m.deal_id, case((m.role == KEY_ROLES[0], 0), else_=1), m.id))
        people: dict[int, list[KeyFacts]] = {}
        for deal_id, cid, name, last, importance, stage, own in plain_rows(self.session, q):
            people.setdefault(deal_id, []).append((cid, name, last, rhythm_days(importance, stage, own)))
        return {deal_id: tuple(found) for deal_id, found in people.items()}

    def pitched(self, deal_id: int) -> frozenset[int] | None:
        """Who has heard our pitch for this deal; None when no pitch was recorded for it at all."""
        heard = self.pitched_of([deal_id]).get(deal_id)
        return None if heard is None else frozenset(heard)

    def pitched_of(self, deals: DealScope) -> dict[int, tuple[int, ...]]:
        """Who has heard our pitch (contact ids), per deal; deals with no pitch recorded at all are left out."""
        # A pitch delivery row, or a touch on the deal in which the rep pitched points.
        p, i = PitchDeliveryRow, InteractionRow
        delivered = scoped(select(p.deal_id, p.contact_id), p.deal_id, self.ws, deals).where(p.workspace_id == self.ws)
        touched = (scoped(select(i.deal_id, InteractionContactRow.contact_id), i.deal_id, self.ws, deals)
                   .join(InteractionContactRow, i.id == InteractionContactRow.interaction_id)
                   .where(i.workspace_id == self.ws, func.json_array_length(i.pitched) > 0))
        heard: dict[int, set[int]] = {}
        for deal_id, contact_id in chain(plain_rows(self.session, delivered), plain_rows(self.session, touched)):
            heard.setdefault(deal_id, set()).add(contact_id)
        return {deal_id: tuple(people) for deal_id, people in heard.items()}
