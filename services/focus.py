"""`/rapport focus`: which of the caller's open deals deserve their time this week.

The model is fitted once per request on the workspace's closed deals and scores every open deal the
caller's own pipeline shows (a manager's: their team's); control points, chains and custom
attributes are read for all of them in one query each.
"""

from __future__ import annotations

from datetime import date

from domain.entities import Account, Deal, User
from domain.focus import Candidate, Focus, focus_ranking
from domain.pipeline import is_open
from services.access import viewer_in
from services.deal_score import Scorer, deal_facts, workspace_scorer
from services.pipeline import own_pipeline_owners, visible_deals
from storage.uow import UnitOfWork


def focus(*, uow: UnitOfWork, user: User, today: date) -> Focus:
    """The caller's open deals best worth their time, top five first."""
    with uow:
        viewer = viewer_in(uow, user)
        deals, accounts = visible_deals(uow, viewer, own_pipeline_owners(viewer))
        deals = [d for d in deals if is_open(d)]
        scorer = workspace_scorer(uow)
        candidates = _candidates(uow, scorer, deals, accounts)
    return focus_ranking(candidates, today=today, is_prior=scorer.model.is_prior)


def _candidates(uow: UnitOfWork, scorer: Scorer, deals: list[Deal],
                accounts: dict[int | None, Account]) -> list[Candidate]:
    """Each deal scored with the one fitted model, its facts read for all deals at once."""
    facts, customs = deal_facts(uow, deals), uow.deals.custom_of_deals([d.id for d in deals])
    candidates = []
    for d in deals:
        account = accounts.get(d.account_id)
        points, chain = facts[d.id]
        score = scorer.score(d, industry=account.industry if account else None, custom=customs.get(d.id, {}),
                             chain=chain, points=points)
        candidates.append(Candidate(d, account.name if account else None, score.probability,
                                    score.factors[0] if score.factors else None))
    return candidates
