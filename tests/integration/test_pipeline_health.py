"""The pipeline judges each deal's health as its deal card does, the decision makers' touches included."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from domain.entities import ChainMember, Contact, ControlPoint, Deal, SourceMessage, User
from domain.graph.chain import ROLES
from services.deals import deal_card
from services.pipeline import pipeline
from storage.uow import UnitOfWork, UnitOfWorkFactory

WS = "T_HEALTH"
NOW = datetime(2026, 12, 9, 1, tzinfo=UTC)
TODAY = NOW.date()
HEARD = ("降低30%运维成本",)


def _touch(uow: UnitOfWork, rep: str, account_id: int, contact_id: int, days_ago: int, *,
           deal_id: int | None = None, pitched: tuple[str, ...] = ()) -> None:
    uow.interactions.add(rep_slack_id=rep, occurred_on=TODAY - timedelta(days=days_ago), channel="visit",
                         summary="拜访", now=NOW, account_id=account_id, contacts={contact_id: True},
                         pitched=pitched, source=SourceMessage(None, None), deal_id=deal_id)


def _deal(uow: UnitOfWork, rep: str, *, roles: tuple[str, ...] = ROLES, secured: bool = True) -> tuple[Deal, dict[str, int]]:
    """The rep's one deal at an account of their own, with a person in each role (importance 5, a 14-day rhythm);
    every control point secured unless told, so only the people decide the colour."""
    account = uow.accounts.add(name=f"客户{rep}", now=NOW, owner_slack_id=rep)
    deal = uow.deals.add(Deal(0, f"商机{rep}", account.id, 1_000_000, "CNY", "tender", award_method="public_tender",
                              award_rule="lowest_price", evaluation_criteria=({"item": "技术", "weight": 60},),
                              owner_slack_id=rep), now=NOW)
    people = {}
    for role in roles:
        person = uow.contacts.add(Contact(0, f"{role}-{rep}", account_id=account.id, importance=5), now=NOW)
        uow.chain_members.add(ChainMember(0, deal.id, person.id, role))
        people[role] = person.id
    for key in ("exchange_time", "budget_input", "rfp_input") if secured else ():
        uow.control_points.set(deal.id, ControlPoint(key, "secured"), now=NOW)
    return deal, people


def _fresh_everyone(uow: UnitOfWork, rep: str, deal: Deal, people: dict[str, int], *, but: str = "") -> None:
    for role, contact_id in people.items():
        if role != but:
            _touch(uow, rep, deal.account_id or 0, contact_id, 3)


def _decision_maker_overdue(uow: UnitOfWork, rep: str, deal: Deal, people: dict[str, int]) -> None:
    _fresh_everyone(uow, rep, deal, people, but="decision_maker")
    _touch(uow, rep, deal.account_id or 0, people["decision_maker"], 20)


def _decision_makers_cold(uow: UnitOfWork, rep: str, deal: Deal, people: dict[str, int]) -> None:
    _touch(uow, rep, deal.account_id or 0, people["decision_maker"], 40)  # the economic buyer never
    _touch(uow, rep, deal.account_id or 0, people["technical_buyer"], 1)


def _economic_buyer_cold(uow: UnitOfWork, rep: str, deal: Deal, people: dict[str, int]) -> None:
    _touch(uow, rep, deal.account_id or 0, people["decision_maker"], 2)
    _touch(uow, rep, deal.account_id or 0, people["economic_buyer"], 40)


def _pitch_unheard(uow: UnitOfWork, rep: str, deal: Deal, people: dict[str, int]) -> None:
    _fresh_everyone(uow, rep, deal, people)
    _touch(uow, rep, deal.account_id or 0, people["decision_maker"], 1, deal_id=deal.id, pitched=HEARD)


Scene = Callable[[UnitOfWork, str, Deal, dict[str, int]], None]
SCENES: dict[str, tuple[Scene, str]] = {
    "everyone touched this week": (_fresh_everyone, "green"),
    "the decision maker touched 20 days ago": (_decision_maker_overdue, "amber"),
    "no decision maker touched in twice their rhythm": (_decision_makers_cold, "red"),
    "the economic buyer cold, the decision maker fresh": (_economic_buyer_cold, "amber"),
    "a pitch the economic buyer never heard": (_pitch_unheard, "amber"),
}


@pytest.mark.parametrize("scene", list(SCENES))
def test_the_pipeline_and_the_deal_card_give_a_deal_the_same_colour_and_reasons(
        uow_factory: UnitOfWorkFactory, scene: str) -> None:
    act, expected = SCENES[scene]
    with uow_factory(WS) as uow:
        uow.users.save(User("U0REP", "林晓"))
        deal, people = _deal(uow, "U0REP")
        act(uow, "U0REP", deal, people)
        uow.commit()
    card = deal_card(uow=uow_factory(WS), user=User("U0REP"), query=deal.name, today=TODAY).health
    view = pipeline(uow=uow_factory(WS), user=User("U0REP"), rep_slack_id=None, team=False, now=NOW)
    assert card.colour == expected
    assert view.health == {c: int(c == expected) for c in ("green", "amber", "red")}
    assert [a.health for a in view.at_risk] == ([] if expected == "green" else [card])


def test_a_team_pipeline_counts_each_reps_deal_in_the_colour_its_card_shows(uow_factory: UnitOfWorkFactory) -> None:
    with uow_factory(WS) as uow:
        uow.users.save(User("U0MGR", "王经理", role="manager"))
        deals = []
        for n, (act, _) in enumerate(SCENES.values()):
            rep = f"U0REP{n}"
            uow.users.save(User(rep, manager_slack_id="U0MGR"))
            deal, people = _deal(uow, rep, roles=ROLES if n % 2 else ROLES[:3], secured=n != 3)
            act(uow, rep, deal, people)
            deals.append((rep, deal))
        uow.commit()
    cards = [deal_card(uow=uow_factory(WS), user=User(rep), query=deal.name, today=TODAY).health.colour
             for rep, deal in deals]
    view = pipeline(uow=uow_factory(WS), user=User("U0MGR", role="manager"), rep_slack_id=None, team=True, now=NOW)
    assert view.health == {c: cards.count(c) for c in ("green", "amber", "red")}
    assert {a.deal.name: a.health.colour for a in view.at_risk} == {
        deal.name: colour for (_, deal), colour in zip(deals, cards, strict=True) if colour != "green"}


def test_a_decision_maker_at_another_account_does_not_count_for_the_deal(uow_factory: UnitOfWorkFactory) -> None:
    with uow_factory(WS) as uow:
        uow.users.save(User("U0REP", "林晓"))
        deal, people = _deal(uow, "U0REP", roles=ROLES[1:])
        _fresh_everyone(uow, "U0REP", deal, people)
        elsewhere = uow.accounts.add(name="别家", now=NOW, owner_slack_id="U0REP")
        stranger = uow.contacts.add(Contact(0, "外人", account_id=elsewhere.id), now=NOW)
        uow.chain_members.add(ChainMember(0, deal.id, stranger.id, "decision_maker"))
        uow.commit()
    view = pipeline(uow=uow_factory(WS), user=User("U0REP"), rep_slack_id=None, team=False, now=NOW)
    card = deal_card(uow=uow_factory(WS), user=User("U0REP"), query=deal.name, today=TODAY).health
    assert view.health["green"] == 1 and card.colour == "green", "never touched, but not one of the account's people"
