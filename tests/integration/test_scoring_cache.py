"""Deal cards and /rapport focus reuse the fitted model until a closed deal, its points or its chain change."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from domain.entities import ChainMember, Contact, ControlPoint, Deal, User
from services.deal_score import SCORERS, ScorerCache, workspace_scorer
from services.deals import deal_card
from services.focus import focus
from storage.uow import UnitOfWork, UnitOfWorkFactory

TEAM, OTHER_TEAM, REP = "T0CACHE", "T0CACHE2", "U0CACHEREP"
NOW = datetime(2026, 12, 1, tzinfo=UTC)
TODAY = NOW.date()


def _history(uows: UnitOfWorkFactory, team: str = TEAM, wins_when_open: bool = True) -> tuple[Deal, int]:
    """Forty closed deals at a bank where open tenders were mostly won (or mostly lost), each with a decision maker;
    one open deal."""
    with uows(team) as uow:
        uow.users.save(User(REP, "林晓"))
        bank = uow.accounts.add(name="北辰银行", now=NOW, owner_slack_id=REP, industry="银行")
        boss = uow.contacts.add(Contact(0, "张伟", bank.id), now=NOW)
        for i in range(40):
            method = "open_tender" if i % 2 else "inquiry"
            won = ((method == "open_tender") == wins_when_open) != (i % 10 in (0, 1))  # one in five goes the other way
            deal = uow.deals.add(Deal(0, f"项目{i}", bank.id, 100_000 * (1 + i % 7), "CNY", "closed",
                                      close_on=date(2024, 1, 1) + timedelta(days=9 * i), award_method=method,
                                      outcome="won" if won else "lost", owner_slack_id=REP), now=NOW)
            uow.chain_members.add(ChainMember(0, deal.id, boss.id, "decision_maker", stance="neutral"))
        live = uow.deals.add(Deal(0, "数据中台二期", bank.id, 3_000_000, "CNY", "proposal", close_on=date(2027, 1, 15),
                                  award_method="open_tender", owner_slack_id=REP), now=NOW)
        uow.chain_members.add(ChainMember(0, live.id, boss.id, "decision_maker", stance="neutral"))
        uow.commit()
    return live, boss.id


def _card_probability(uows: UnitOfWorkFactory, team: str = TEAM) -> float:
    card = deal_card(uow=uows(team), user=User(REP, "林晓"), query="数据中台二期", today=TODAY)
    assert card.score is not None
    return card.score.probability


def _change(uows: UnitOfWorkFactory, change: Callable[[UnitOfWork, Deal], object]) -> None:
    with uows(TEAM) as uow:
        closed = next(d for d in uow.deals.all() if d.outcome == "won")
        change(uow, closed)
        uow.commit()


def test_a_second_deal_card_and_focus_reuse_the_model_fitted_for_the_first(
        uow_factory: UnitOfWorkFactory) -> None:
    _history(uow_factory)
    fits = SCORERS.fits
    first = _card_probability(uow_factory)
    assert _card_probability(uow_factory) == first
    ranked = focus(uow=uow_factory(TEAM), user=User(REP, "林晓"), today=TODAY).focus.ranked
    assert abs(ranked[0].probability - first) < 1e-9
    assert SCORERS.fits == fits + 1


@pytest.mark.parametrize("change", [
    pytest.param(lambda uow, d: uow.control_points.set(d.id, ControlPoint("budget_input", "secured"), now=NOW),
                 id="control-point"),
    pytest.param(lambda uow, d: uow.chain_members.place(d.id, uow.chain_members.of_deal(d.id)[0].contact_id,
                                                        role="decision_maker", stance="oppose"), id="chain-stance"),
    pytest.param(lambda uow, d: uow.deals.update(replace(d, outcome="lost"), now=NOW), id="outcome"),
    pytest.param(lambda uow, d: uow.deals.add(replace(d, id=0, name="新项目"), now=NOW), id="closed-deal-added"),
])
def test_editing_what_a_closed_deal_teaches_refits_the_model(uow_factory: UnitOfWorkFactory,
                                                            change: Callable[[UnitOfWork, Deal], object]) -> None:
    _history(uow_factory)
    _card_probability(uow_factory)
    fits = SCORERS.fits
    _change(uow_factory, change)
    _card_probability(uow_factory)
    assert SCORERS.fits == fits + 1


def test_correcting_the_outcomes_of_past_deals_changes_the_next_score(uow_factory: UnitOfWorkFactory) -> None:
    _history(uow_factory)
    before = _card_probability(uow_factory)
    with uow_factory(TEAM) as uow:  # the history had wins and losses the wrong way round: open tenders were lost
        for d in uow.deals.all():
            if d.outcome is not None:
                uow.deals.update(replace(d, outcome="lost" if d.outcome == "won" else "won"), now=NOW)
        uow.commit()
    assert before > 0.6 and _card_probability(uow_factory) < 0.4


def test_moving_an_open_deal_keeps_the_model(uow_factory: UnitOfWorkFactory) -> None:
    live, _boss = _history(uow_factory)
    _card_probability(uow_factory)
    fits = SCORERS.fits
    with uow_factory(TEAM) as uow:
        uow.deals.update(replace(live, stage="tender"), now=NOW)
        uow.control_points.set(live.id, ControlPoint("rfp_input", "secured"), now=NOW)
        uow.commit()
    _card_probability(uow_factory)
    assert SCORERS.fits == fits


def test_two_workspaces_never_share_a_model(uow_factory: UnitOfWorkFactory) -> None:
    _history(uow_factory, TEAM, wins_when_open=True)
    _history(uow_factory, OTHER_TEAM, wins_when_open=False)
    ours, theirs = _card_probability(uow_factory, TEAM), _card_probability(uow_factory, OTHER_TEAM)
    assert ours > 0.6 > 0.4 > theirs
    assert _card_probability(uow_factory, TEAM) == ours


def test_a_model_fitted_on_uncommitted_changes_is_not_kept(uow_factory: UnitOfWorkFactory) -> None:
    _history(uow_factory)
    cache = ScorerCache()
    with uow_factory(TEAM) as uow:
        closed = next(d for d in uow.deals.all() if d.outcome == "won")
        uow.deals.update(replace(closed, outcome="lost"), now=NOW)
        workspace_scorer(uow, cache)
    with uow_factory(TEAM) as uow:  # the change was rolled back
        workspace_scorer(uow, cache)
        workspace_scorer(uow, cache)
    assert cache.fits == 2
