"""What scoring reads of many open deals at once: the deals with their custom attributes, points and chains.

`/rapport focus team` scores a manager's thousands of open deals on every call. The deals are
scoped in SQL (a sub-select on owner and outcome), not by a list of thousands of ids, and read as
plain rows: control points as their states only, chains without their ORM entities.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from sqlalchemy import Select, select

from domain.entities import ChainMember, ControlPoint, Deal
from storage.repo_base import Repository
from storage.rows_pipeline import ChainMemberRow, ControlPointRow, DealRow


class OpenDealsRepo(Repository):
    """Open deals of some owners, with what the win-probability model reads of each."""

    def of_owners(self, owners: frozenset[str]) -> list[tuple[Deal, dict[str, Any]]]:
        """These owners' deals with no outcome yet, each with its custom attributes, oldest first.

        Only what scoring and the ranking read is filled in: no RFP, tender or budget date, competitors,
        winner or reason (parsing those for a team's thousands of deals took a third of the read)."""
        t = DealRow.__table__.c
        q = (select(t.id, t.name, t.account_id, t.amount, t.currency, t.stage, t.close_on, t.award_method,
                    t.award_rule, t.owner_slack_id, t.evaluation_criteria, t.custom)
             .where(t.workspace_id == self.ws, t.owner_slack_id.in_(owners), t.outcome.is_(None)).order_by(t.id))
        return [(Deal(r.id, r.name, r.account_id, None if r.amount is None else float(r.amount), r.currency, r.stage,
                      r.close_on, award_method=r.award_method, award_rule=r.award_rule, owner_slack_id=r.owner_slack_id,
                      evaluation_criteria=tuple(r.evaluation_criteria or ())), dict(r.custom or {}))
                for r in self.session.execute(q)]

    def points_of(self, owners: frozenset[str]) -> dict[int, dict[str, ControlPoint]]:
        """The assessed control points of those deals, by deal and key (state only: scoring reads no more)."""
        p = ControlPointRow
        q = select(p.deal_id, p.key, p.state).where(p.workspace_id == self.ws, p.deal_id.in_(self._scope(owners)))
        points: dict[int, dict[str, ControlPoint]] = {}
        for deal_id, key, state in self.session.execute(q):
            points.setdefault(deal_id, {})[key] = _point(key, state)
        return points

    def chains_of(self, owners: frozenset[str]) -> dict[int, list[ChainMember]]:
        """The decision chains of those deals, by deal, each member as added."""
        m = ChainMemberRow
        q = (select(m.id, m.deal_id, m.contact_id, m.role, m.influence, m.stance, m.reports_to_member_id)
             .where(m.workspace_id == self.ws, m.deal_id.in_(self._scope(owners))).order_by(m.id))
        chains: dict[int, list[ChainMember]] = {}
        for r in self.session.execute(q):
            chains.setdefault(r.deal_id, []).append(ChainMember(*r))
        return chains

    def _scope(self, owners: frozenset[str]) -> Select[Any]:
        return select(DealRow.id).where(DealRow.workspace_id == self.ws, DealRow.owner_slack_id.in_(owners),
                                        DealRow.outcome.is_(None))



@lru_cache(maxsize=256)
def _point(key: str, state: str) -> ControlPoint:
    """One shared value per key and state: six keys by four states, not a new object for each of 24,000 rows."""
    return ControlPoint(key, state)
