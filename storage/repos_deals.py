"""Repositories for deals and their decision chains; every query is workspace-scoped."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from decimal import Decimal

from sqlalchemy import select

from domain.entities import ChainMember, Deal
from storage.repo_base import Repository
from storage.rows_pipeline import ChainMemberRow, DealRow


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

    def all(self, account_id: int | None = None) -> list[Deal]:
        """Every deal, or those of one account."""
        q = select(DealRow).where(DealRow.workspace_id == self.ws)
        if account_id is not None:
            q = q.where(DealRow.account_id == account_id)
        return [_deal(r) for r in self.session.scalars(q.order_by(DealRow.id))]


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

    def of_deal(self, deal_id: int) -> list[ChainMember]:
        """The chain of one deal."""
        q = select(ChainMemberRow).where(ChainMemberRow.workspace_id == self.ws, ChainMemberRow.deal_id == deal_id)
        return [ChainMember(r.id, r.deal_id, r.contact_id, r.role, r.influence, r.stance, r.reports_to_member_id)
                for r in self.session.scalars(q.order_by(ChainMemberRow.id))]
