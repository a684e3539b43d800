"""`/rapport pipeline [@rep | team]`: open deals by stage, weighted, with their health and the week's changes.

Health here is the deal card's rule (domain/deal_health.py) over control points and chain roles,
read for all the deals in two queries; the decision makers' touch recency and pitch coverage need a
query per deal and are left to the deal card.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from domain.access import Viewer, sees_deal
from domain.deal_health import deal_health
from domain.entities import Account, Deal, User
from domain.pipeline import (
    StageLine,
    WeekChanges,
    by_stage,
    health_counts,
    is_open,
    stage_health,
    week_changes,
)
from services.access import viewer_in
from services.deal_score import deal_facts
from services.visibility import NotFound
from storage.uow import UnitOfWork

WEEK = timedelta(days=7)


@dataclass(frozen=True)
class PipelineView:
    """Whose pipeline ("own", "rep" or "team"), its stages, how many deals are green/amber/red, the week."""

    scope: str
    rep_slack_id: str | None
    stages: tuple[StageLine, ...]
    health: dict[str, int]
    changes: WeekChanges
    stage_health: tuple[tuple[str, dict[str, int]], ...] = ()  # per stage: how many deals are green/amber/red


def pipeline(*, uow: UnitOfWork, user: User, rep_slack_id: str | None, team: bool, now: datetime) -> PipelineView:
    """The caller's own pipeline (a manager's is their team's), one rep's they may see, or their whole team's."""
    with uow:
        viewer = viewer_in(uow, user)
        owners = _owners(viewer, rep_slack_id, team)
        deals, _ = visible_deals(uow, viewer, owners)
        open_deals = [d for d in deals if is_open(d)]
        colours = _colours(uow, open_deals, now)
        entries = uow.audit.since(("deal", "control_point"), now - WEEK)
    scope = "rep" if rep_slack_id else "team" if team or viewer.role == "manager" else "own"
    return PipelineView(scope, rep_slack_id, by_stage(open_deals), health_counts(colours),
                        week_changes(entries, frozenset(d.id for d in deals), now - WEEK),
                        stage_health(open_deals, colours))


def visible_deals(uow: UnitOfWork, viewer: Viewer, owners: frozenset[str]
                  ) -> tuple[list[Deal], dict[int | None, Account]]:
    """These owners' deals the viewer may see, with the workspace's accounts by id (read once)."""
    accounts: dict[int | None, Account] = {a.id: a for a in uow.accounts.all()}
    return [d for d in uow.deals.of_owners(owners) if sees_deal(viewer, d, accounts.get(d.account_id))], accounts


def own_pipeline_owners(viewer: Viewer) -> frozenset[str]:
    """Whose deals make the caller's own pipeline: their own, a manager's with their team's."""
    return _owners(viewer, None, False)


def _owners(viewer: Viewer, rep_slack_id: str | None, team: bool) -> frozenset[str]:
    """Whose deals to read; a rep the caller does not manage is a plain miss."""
    me = frozenset({viewer.slack_user_id})
    manages = viewer.role in ("manager", "admin")
    if rep_slack_id is not None:
        if rep_slack_id != viewer.slack_user_id and not (manages and (
                viewer.role == "admin" or rep_slack_id in viewer.reports)):
            raise NotFound(rep_slack_id)
        return frozenset({rep_slack_id})
    return me | viewer.reports if (team or viewer.role == "manager") and manages else me


def _colours(uow: UnitOfWork, deals: list[Deal], now: datetime) -> list[str]:
    """Each open deal's health colour from its control points and chain, read for all deals at once.

    Without the decision makers' touches the colour depends only on the points' states and the roles
    filled, so deals alike are judged once."""
    facts = deal_facts(uow, deals)
    judged: dict[tuple[object, ...], str] = {}
    colours = []
    for d in deals:
        points, chain = facts[d.id]
        alike = (tuple(p.state for p in points), frozenset(m.role for m in chain.members))
        if alike not in judged:
            judged[alike] = deal_health(points=points, chain=chain, key_people=(), pitched=frozenset(),
                                        today=now.date()).colour
        colours.append(judged[alike])
    return colours
