"""`/rapport focus [@rep | team]`: which open deals deserve the time this week — the caller's, one rep's, a team's.

Whose deals are read as `/rapport pipeline` reads them (services/pipeline.py), with the same rule on
who may see whom; a rep the caller may not see is refused in words rather than passed over. The
model comes from services/deal_score.py (fitted once per change of the closed deals, then kept) and
scores every open deal: the deals, their control points' states and their chains' roles are read as
plain rows in one query each and encoded a field at a time (domain/scoring/batch.py); only the five
shown are read whole, with their points and chains, and explained by their top factor.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from domain.access import Viewer
from domain.entities import User
from domain.focus import Candidate, Focus, best_rows, focus_of
from domain.scoring import Factor, Ranked
from domain.scoring.batch import Evidence, OpenDeals, facts_by_field, one_hot
from domain.scoring.deal_facts import ScoringRecord
from services.access import viewer_in
from services.deal_score import Scorer, deal_facts, workspace_scorer
from services.pipeline import owners_asked
from services.visibility import NotFound
from storage.uow import UnitOfWork

Accounts = dict[int, tuple[str, str | None]]  # each account's name and industry, by id


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
    owners: frozenset[str] = frozenset()  # whose own deals these are; any other deal is shared with them


def focus(*, uow: UnitOfWork, user: User, today: date, rep_slack_id: str | None = None,
          team: bool = False) -> FocusView:
    """The open deals best worth the time, top five first: the caller's own (a manager's: their team's),
    one rep's they may see, or their whole team's."""
    with uow:
        viewer = viewer_in(uow, user)
        # Owners are the caller or people they manage, whose deals they always see (domain/access.py).
        owners = _owners(viewer, rep_slack_id, team)
        scorer = workspace_scorer(uow)
        accounts = uow.open_deals.accounts()
        deals = uow.open_deals.of_owners(owners)
        probabilities = _probabilities(uow, owners, scorer, deals, accounts)
        shown = _shown(uow, scorer, deals, probabilities, accounts, today)
    scope = ("rep" if rep_slack_id not in (None, viewer.slack_user_id)
             else "team" if owners != {viewer.slack_user_id} else "own")
    return FocusView(scope, rep_slack_id if scope == "rep" else None,
                     focus_of(shown, deals, is_prior=scorer.model.is_prior), owners)


def _owners(viewer: Viewer, rep_slack_id: str | None, team: bool) -> frozenset[str]:
    """Whose deals to rank, by the pipeline's rule; asking for a rep one may not see is refused."""
    try:
        return owners_asked(viewer, rep_slack_id, team)
    except NotFound:
        raise NotYourRep(rep_slack_id or "") from None


def _probabilities(uow: UnitOfWork, owners: frozenset[str], scorer: Scorer, deals: OpenDeals,
                   accounts: Accounts) -> np.ndarray:
    """Every deal's win probability, its facts read for all the deals in two more queries and encoded a field
    at a time (a team's thousands: deal by deal took ≈ 40 µs each)."""
    model = scorer.model
    fields = model.encoder.categorical
    read = uow.open_deals
    evidence = Evidence({i: industry for i, (_, industry) in accounts.items()}, scorer.past_wins, scorer.account_wins,
                        read.point_states_of(owners) if fields else (), read.roles_of(owners) if fields else ())
    table = facts_by_field(deals, fields, evidence)
    return model.probabilities(one_hot(model.encoder, table, deals.amounts))


def _shown(uow: UnitOfWork, scorer: Scorer, deals: OpenDeals, probabilities: np.ndarray,
           accounts: Accounts, today: date) -> list[Ranked[Candidate]]:
    """The top deals, read whole with their points and chains and explained by their top factor, as the deal
    card explains them (explaining a team's thousands one by one would take longer than everything else)."""
    best = best_rows(deals, probabilities.tolist(), today=today)
    whole = {i: deal for i, _, _ in best if (deal := uow.deals.get(deals.ids[i])) is not None}
    facts = deal_facts(uow, list(whole.values()))
    shown = []
    for i, weight, score in best:
        if i not in whole:
            continue  # deleted since it was read (PostgreSQL reads each query's own snapshot)
        deal, p = whole[i], float(probabilities[i])
        name, industry = accounts.get(deal.account_id, (None, None)) if deal.account_id is not None else (None, None)
        points, chain = facts[deal.id]
        record = scorer.record(deal, industry=industry, custom=deals.customs[i], points=points, chain=chain)
        candidate = Candidate(deal, name, p, _top_factor(scorer, record))
        shown.append(Ranked(candidate, p, weight, score))
    return shown


def _top_factor(scorer: Scorer, record: ScoringRecord) -> Factor | None:
    factors = scorer.model.top_factors(record, 1)
    return factors[0] if factors else None
