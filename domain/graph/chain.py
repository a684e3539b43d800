"""One deal's decision chain: the virtual project team that buys, with its own reporting lines."""

from __future__ import annotations

from dataclasses import dataclass

from domain.entities import ChainMember, Deal

DECISION_MAKER = "decision_maker"
ECONOMIC_BUYER = "economic_buyer"
TECHNICAL_BUYER = "technical_buyer"
USER_BUYER = "user_buyer"
COACH = "coach"
INFLUENCER = "influencer"
PROCUREMENT = "procurement"
ROLES = (DECISION_MAKER, ECONOMIC_BUYER, TECHNICAL_BUYER, USER_BUYER, COACH, INFLUENCER, PROCUREMENT)


@dataclass(frozen=True)
class DecisionChain:
    """The people who decide one deal, each in their role for this deal."""

    deal: Deal
    members: tuple[ChainMember, ...] = ()

    def missing_roles(self) -> tuple[str, ...]:
        """The roles nobody has been identified for yet, in the method's order."""
        held = {m.role for m in self.members}
        return tuple(r for r in ROLES if r not in held)

    def holding(self, role: str) -> tuple[ChainMember, ...]:
        """The members in a given role, in the order they were added."""
        return tuple(m for m in self.members if m.role == role)

    def project_boss(self, member: ChainMember) -> ChainMember | None:
        """Whom this member answers to in the project team, which may not be their boss in the org."""
        return next((m for m in self.members if m.id == member.reports_to_member_id), None)

    def contact_ids(self) -> tuple[int, ...]:
        """Everyone in the chain, once each."""
        return tuple(dict.fromkeys(m.contact_id for m in self.members))
