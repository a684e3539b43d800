"""The account's relationship graph read as a seller would: who matters, where we are exposed, the way in, what to do next."""

from domain.graph.chain import ROLES, DecisionChain
from domain.graph.gaps import DEFAULT_CADENCE_DAYS, Gap, coverage_gaps
from domain.graph.paths import Hop, Path, RelationshipGraph, introduction_path
from domain.graph.plan import Action, Value, action_plan
from domain.graph.ranking import Contribution, Ranked, influence_ranking
from domain.graph.team import TeamTie, who_knows_best

__all__ = [
    "DEFAULT_CADENCE_DAYS", "ROLES", "Action", "Contribution", "DecisionChain", "Gap", "Hop", "Path",
    "Ranked", "RelationshipGraph", "TeamTie", "Value", "action_plan", "coverage_gaps", "influence_ranking",
    "introduction_path", "who_knows_best",
]
