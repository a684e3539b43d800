"""The deal card's score: the workspace's win rate on thin history, the factors that decide on a real one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

from domain.control_points import six_points
from domain.entities import Deal
from domain.graph.chain import DecisionChain
from services.deal_score import Scorer, ScorerCache, ScoreView, deal_score, fit_scorer, workspace_scorer
from storage.uow import UnitOfWorkFactory

TEAM = "T0SCORE"
NOW = datetime(2026, 12, 9, tzinfo=UTC)


def _history(uows: UnitOfWorkFactory, closed: list[tuple[str, str]]) -> Deal:
    """Closed deals as (award method, outcome) at one bank, and an open deal tendered openly."""
    with uows(TEAM) as uow:
        bank = uow.accounts.add(name="北辰银行", now=NOW, industry="银行")
        for i, (method, outcome) in enumerate(closed):
            uow.deals.add(Deal(0, f"项目{i}", bank.id, amount=100_000 * (1 + i % 7), stage=f"closed_{outcome}",
                               close_on=date(2024, 1, 1) + timedelta(days=9 * i), award_method=method,
                               outcome=outcome), now=NOW)
        deal = uow.deals.add(Deal(0, "数据中台二期", bank.id, amount=300_000, award_method="open_tender"), now=NOW)
        uow.commit()
    return deal


def _score(uows: UnitOfWorkFactory, deal: Deal) -> ScoreView:
    with uows(TEAM) as uow:
        chain = DecisionChain(deal, ())
        return deal_score(uow=uow, deal=deal, industry="银行", chain=chain, points=six_points(deal, {}))


def test_with_fewer_than_ten_closed_deals_the_score_is_the_workspaces_win_rate(uows: UnitOfWorkFactory) -> None:
    deal = _history(uows, [("open_tender", "won"), ("inquiry", "lost"), ("inquiry", "lost")])
    score = _score(uows, deal)
    assert score.is_prior and score.factors == ()
    assert abs(score.probability - 2 / 5) < 1e-9


def test_on_sixty_closed_deals_where_the_award_method_decides_it_is_the_top_factor(uows: UnitOfWorkFactory) -> None:
    wins_open = [("open_tender", "won" if i % 10 else "lost") for i in range(30)]
    losses_inquiry = [("inquiry", "lost" if i % 10 else "won") for i in range(30)]
    deal = _history(uows, [x for pair in zip(wins_open, losses_inquiry, strict=True) for x in pair])
    score = _score(uows, deal)
    assert not score.is_prior and score.probability > 0.7
    assert score.factors[0].field == "award_method" and score.factors[0].value == "open_tender"
    assert score.factors[0].points > 10 and len(score.factors) <= 3


def test_one_fitted_scorer_scores_a_deal_as_the_deal_card_does(uows: UnitOfWorkFactory) -> None:
    deal = _history(uows, [("open_tender" if i % 2 else "inquiry", "won" if i % 3 else "lost") for i in range(40)])
    with uows(TEAM) as uow:
        scorer = workspace_scorer(uow)
        once = scorer.score(deal, industry="银行", custom={}, chain=DecisionChain(deal, ()), points=six_points(deal, {}))
    assert once == _score(uows, deal) and not scorer.model.is_prior


def _fitter(uows: UnitOfWorkFactory) -> tuple[list[str], Callable[[str], Callable[[], Scorer]]]:
    """A fit that notes which workspace it fitted, returning a real (prior) scorer."""
    fitted: list[str] = []

    def fit_for(workspace: str) -> Callable[[], Scorer]:
        def fit() -> Scorer:
            fitted.append(workspace)
            with uows(workspace) as uow:
                return fit_scorer(uow)
        return fit
    return fitted, fit_for


def test_a_cache_of_two_workspaces_forgets_the_least_recently_asked(uows: UnitOfWorkFactory) -> None:
    cache, (fitted, fit_for) = ScorerCache(size=2), _fitter(uows)
    for workspace in ("T1", "T2", "T1", "T3", "T1", "T2"):
        cache.scorer(workspace, "stamp", fit_for(workspace))
    assert fitted == ["T1", "T2", "T3", "T2"] and cache.fits == 4


def test_a_new_stamp_refits_and_no_stamp_is_never_kept(uows: UnitOfWorkFactory) -> None:
    cache, (fitted, fit_for) = ScorerCache(), _fitter(uows)
    for stamp in ("a", "a", "b", "b", None, None):
        cache.scorer(TEAM, stamp, fit_for(TEAM))
    assert len(fitted) == 4
