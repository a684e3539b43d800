"""Repositories for deals and their decision chains; every query is workspace-scoped."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from domain.entities import ChainMember, Deal
from domain.pipeline import is_open
from storage.repo_base import Repository
from storage.rows import AccountRow, InteractionContactRow, InteractionRow
from storage.rows_pipeline import ChainMemberRow, DealRow, PitchDeliveryRow


class DealsRepo(Repository):
    """Opportunities."""

    def add(self, deal: Deal, *, now: datetime) -> Deal:
        """Store a new deal."""
        row = DealRow(
            workspace_id=self.ws, account_id=deal.account_id, name=deal.name,
            amount=None if deal.amount is None else Decimal(str(deal.amount)), currency=deal.currency,
            stage=deal.stage, close_on=deal.close_on, rfp_due=deal.rfp_due, tender_on=deal.tender_on,
            award_method=deal.award_method, award_rule=deal.award_rule, competitors=list(deal.competitors),
            outcome=deal.outcome, owner_slack_id=deal.owner_slack_id, budget_on=deal.budget_on,
            evaluation_criteria=[dict(c) for c in deal.evaluation_criteria], winner=deal.winner,
            outcome_reason=deal.outcome_reason, custom={},
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
        row.amount = None if deal.amount is None else Decimal(str(deal.amount))
        row.close_on, row.rfp_due, row.tender_on = deal.close_on, deal.rfp_due, deal.tender_on
        row.award_method, row.award_rule, row.competitors = deal.award_method, deal.award_rule, list(deal.competitors)
        row.evaluation_criteria = [dict(c) for c in deal.evaluation_criteria]
        row.budget_on, row.outcome, row.outcome_reason = deal.budget_on, deal.outcome, deal.outcome_reason
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

    def of_owners(self, owners: frozenset[str]) -> list[Deal]:
        """Every deal owned by one of these people."""
        table = DealRow.__table__  # plain rows, not tracked entities: a team's 10,000 deals load in a third the time
        q = select(table).where(table.c.workspace_id == self.ws, table.c.owner_slack_id.in_(owners))
        rows: Any = self.session.execute(q.order_by(table.c.id))
        return [_deal(r) for r in rows]

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

    def custom_of_deals(self, deal_ids: list[int]) -> dict[int, dict[str, Any]]:
        """Several deals' custom attributes in one query, by deal id (deals with none are left out)."""
        q = select(DealRow.id, DealRow.custom).where(DealRow.workspace_id == self.ws, DealRow.id.in_(deal_ids))
        return {deal_id: dict(custom) for deal_id, custom in self.session.execute(q) if custom}


def _deal(r: DealRow) -> Deal:
    return Deal(r.id, r.name, r.account_id, None if r.amount is None else float(r.amount), r.currency, r.stage,
                r.close_on, r.rfp_due, r.tender_on, r.award_method, r.award_rule, tuple(r.competitors or ()),
                r.outcome, r.owner_slack_id, r.budget_on, tuple(r.evaluation_criteria or ()), r.winner,
                r.outcome_reason)


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

    def pitched(self, deal_id: int) -> frozenset[int] | None:
        """Who has heard our pitch for this deal; None when no pitch was recorded for it at all."""
        # A pitch delivery row, or a touch on the deal in which the rep pitched points.
        delivered = select(PitchDeliveryRow.contact_id).where(PitchDeliveryRow.workspace_id == self.ws,
                                                              PitchDeliveryRow.deal_id == deal_id)
        touched = (select(InteractionContactRow.contact_id, InteractionRow.pitched)
                   .join(InteractionRow, InteractionRow.id == InteractionContactRow.interaction_id)
                   .where(InteractionRow.workspace_id == self.ws, InteractionRow.deal_id == deal_id))
        heard = set(self.session.scalars(delivered))
        heard |= {cid for cid, points in self.session.execute(touched) if points}
        return frozenset(heard) or None
