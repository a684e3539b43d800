"""`/rapport focus [@rep | team]`: which open deals deserve the time this week — the caller's, one rep's, a team's.

Whose deals are read as `/rapport pipeline` reads them (services/pipeline.py), with the same rule on
who may see whom; a rep the caller may not see is refused in words rather than passed over. The
model comes from services/deal_score.py (fitted once per change of the closed deals, then kept) and
scores every open deal; control points, chains and custom attributes are read for all of them in
one query each.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from domain.access import Viewer, sees_deal
from domain.control_points import six_points
from domain.entities import Account, Deal, User
from domain.focus import Candidate, Focus, focus_ranking
from domain.graph.chain import DecisionChain
from domain.pipeline import is_open
from domain.scoring import Factor
from domain.scoring.deal_facts import ScoringRecord
from services.access import viewer_in
from services.deal_score import Scorer, workspace_scorer
from services.pipeline import _owners as pipeline_owners
from services.visibility import NotFound
from storage.uow import UnitOfWork


class NotYourRep(LookupError):
    """The caller asked for the deals of a rep they may not see (not their report, and they are no admin)."""

    def __init__(self, rep_slack_id: str) -> None:
        super().__init__(rep_slack_id)
        self.rep_slack_id = rep_slack_id


@dataclass(frozen=True)
class FocusView:
    """Whose deals were ranked ("own", "rep" or "team"), the rep asked about, and the ranking."""

    scope: str
    rep_slack_id: str | None
    focus: Focus


def focus(*, uow: UnitOfWork, user: User, today: date, rep_slack_id: str | None = None,
          team: bool = False) -> FocusView:
    """The open deals best worth the time, top five first: the caller's own (a manager's: their team's),
    one rep's they may see, or their whole team's."""
    with uow:
        viewer = viewer_in(uow, user)
        owners = _owners(viewer, rep_slack_id, team)
        scorer = workspace_scorer(uow)
        accounts = {a.id: a for a in uow.accounts.all()}
        deals, records = _open_deals(uow, viewer, owners, scorer, accounts)
    scope = ("rep" if rep_slack_id not in (None, viewer.slack_user_id)
             else "team" if owners != {viewer.slack_user_id} else "own")
    return FocusView(scope, rep_slack_id if scope == "rep" else None, _ranking(scorer, deals, records, accounts, today))


def _owners(viewer: Viewer, rep_slack_id: str | None, team: bool) -> frozenset[str]:
    """Whose deals to rank, by the pipeline's rule; asking for a rep one may not see is refused."""
    try:
        return pipeline_owners(viewer, rep_slack_id, team)
    except NotFound:
        raise NotYourRep(rep_slack_id or "") from None


def _open_deals(uow: UnitOfWork, viewer: Viewer, owners: frozenset[str], scorer: Scorer,
                accounts: dict[int, Account]) -> tuple[list[Deal], list[ScoringRecord]]:
    """The owners' open deals the viewer may see, each with its facts as the model reads them (three queries)."""
    read = uow.open_deals
    points, chains = read.points_of(owners), read.chains_of(owners)
    deals, records = [], []
    for d, custom in read.of_owners(owners):
        account = accounts.get(d.account_id) if d.account_id is not None else None
        if is_open(d) and sees_deal(viewer, d, account):
            deals.append(d)
            records.append(scorer.record(d, industry=account.industry if account else None, custom=custom,
                                         points=six_points(d, points.get(d.id, {})),
                                         chain=DecisionChain(d, tuple(chains.get(d.id, ())))))
    return deals, records


def _ranking(scorer: Scorer, deals: list[Deal], records: list[ScoringRecord], accounts: dict[int, Account],
             today: date) -> Focus:
    """The deals ranked on their probabilities; only those shown get their top factor (explaining a team's
    thousands of deals one by one would take longer than everything else)."""
    candidates = [Candidate(d, accounts[d.account_id].name if d.account_id in accounts else None, p)
                  for d, p in zip(deals, scorer.probabilities(records), strict=True)]
    ranking = focus_ranking(candidates, today=today, is_prior=scorer.model.is_prior)
    record_of = {d.id: r for d, r in zip(deals, records, strict=True)}
    shown = tuple(replace(r, deal=replace(r.deal, top_factor=_top_factor(scorer, record_of[r.deal.deal.id])))
                  for r in ranking.ranked)
    return replace(ranking, ranked=shown)


def _top_factor(scorer: Scorer, record: ScoringRecord) -> Factor | None:
    factors = scorer.model.top_factors(record, 1)
    return factors[0] if factors else None
