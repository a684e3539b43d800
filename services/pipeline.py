"""`/rapport pipeline [@rep | team]`: open deals by stage, weighted, with their health and the week's changes.

Whose deals: those the people asked about own, and those shared with them — at an account one of them
owns or is on the team of, owned by someone else (domain/access.py) — each counted once and marked as
shared. Health is the deal card's rule (domain/deal_health.py) over control points, chain roles, the
decision makers' touch recency and who heard the pitch, each read for all the deals in one query scoped
in SQL to those open deals; deals alike are judged once, and the worst few are named with their reasons.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from heapq import nlargest

from domain.access import Viewer
from domain.deal_health import (
    DealHealth,
    DealSignals,
    KeyFacts,
    KeyPerson,
    colours,
    judge,
    missing_roles,
    point_states,
)
from domain.entities import User
from domain.pipeline import (
    PipelineDeal,
    StageLine,
    WeekChanges,
    by_stage,
    health_counts,
    stage_health,
    week_changes,
    weight,
    worst_first,
)
from services.access import viewer_in
from services.visibility import NotFound
from storage.repos_deals import DealsOf
from storage.uow import UnitOfWork

WEEK = timedelta(days=7)
NAMED = 5  # red and amber deals named with their reasons


@dataclass(frozen=True)
class AtRisk:
    """A red or amber deal the pipeline names, with its health and why."""

    deal: PipelineDeal
    health: DealHealth
    shared: bool = False  # owned by someone else, at an account shared with those asked about


@dataclass(frozen=True)
class PipelineView:
    """Whose pipeline ("own", "rep" or "team"), its stages, how many deals are green/amber/red, the week."""

    scope: str
    rep_slack_id: str | None
    stages: tuple[StageLine, ...]
    health: dict[str, int]
    changes: WeekChanges
    stage_health: tuple[tuple[str, dict[str, int]], ...] = ()  # per stage: how many deals are green/amber/red
    at_risk: tuple[AtRisk, ...] = ()  # the worst few, red first
    shared_count: int = 0  # of the deals counted, how many are shared (owned by someone else)
    shared: tuple[PipelineDeal, ...] = ()  # a few of those, named: furthest along, then largest, first


def pipeline(*, uow: UnitOfWork, user: User, rep_slack_id: str | None, team: bool, now: datetime) -> PipelineView:
    """The caller's own pipeline (a manager's is their team's), one rep's they may see, or their whole team's."""
    with uow:
        viewer = viewer_in(uow, user)
        # The caller or people they manage, whose own and shared deals they always see (domain/access.py).
        owners = owners_asked(viewer, rep_slack_id, team)
        deals = uow.deals.in_pipeline(owners)
        facts = _facts(uow, DealsOf(owners))
        entries = uow.audit.since(("deal", "control_point"), now - WEEK, about=DealsOf(owners, open_only=False))
    scope = "rep" if rep_slack_id else "team" if team or viewer.role == "manager" else "own"
    found = colours((facts.of(d) for d in deals), now.date())
    shared = [d for d in deals if d.owner_slack_id not in owners]
    return PipelineView(scope, rep_slack_id, by_stage(deals), health_counts(found),
                        week_changes(entries, frozenset(e.entity_id for e in entries if e.entity_id), now - WEEK),
                        stage_health(deals, found), _at_risk(deals, found, facts, owners, now), len(shared),
                        tuple(nlargest(NAMED, shared, key=lambda d: (weight(d), d.amount or 0.0))))


def _at_risk(deals: list[PipelineDeal], found: list[str], facts: _Facts, owners: frozenset[str],
             now: datetime) -> tuple[AtRisk, ...]:
    """The worst few red, then amber deals with why, each marked when it is shared rather than owned."""
    return tuple(AtRisk(d, judge(facts.of(d), now.date()), d.owner_slack_id not in owners)
                 for d, _ in worst_first(deals, found, NAMED))


def owners_asked(viewer: Viewer, rep_slack_id: str | None, team: bool) -> frozenset[str]:
    """Whose deals to read (the pipeline's and focus's rule); a rep the caller does not manage is a plain miss."""
    me = frozenset({viewer.slack_user_id})
    manages = viewer.role in ("manager", "admin")
    if rep_slack_id is not None:
        if rep_slack_id != viewer.slack_user_id and not (manages and (
                viewer.role == "admin" or rep_slack_id in viewer.reports)):
            raise NotFound(rep_slack_id)
        return frozenset({rep_slack_id})
    return me | viewer.reports if (team or viewer.role == "manager") and manages else me


@dataclass(frozen=True)
class _Facts:
    """What the open deals' health depends on, by deal, read for all of them at once (one query per kind of fact)
    and kept as plain tuples; each deal's signals are made as it is judged, not kept for ten thousand deals."""

    states: dict[int, tuple[tuple[str, str], ...]]
    people: dict[int, tuple[KeyFacts, ...]]
    pitched: dict[int, tuple[int, ...]]

    def of(self, d: PipelineDeal) -> DealSignals:
        """One deal's signals."""
        return DealSignals(point_states(self.states.get(d.id, ()), d.tender_known), missing_roles(d.roles),
                           tuple(KeyPerson(*p) for p in self.people.get(d.id, ())), self.pitched.get(d.id))


def _facts(uow: UnitOfWork, scope: DealsOf) -> _Facts:
    return _Facts(uow.control_points.states_of(scope), uow.chain_members.key_people_of(scope),
                  uow.chain_members.pitched_of(scope))
