"""The pictures a rep asks for: an account's org chart and a deal's decision chain, as PNG files."""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz.distance import OSA

from domain.access import sees_deal
from domain.entities import Account, Deal, User
from domain.graph.chain import DecisionChain
from services.access import viewer_in
from services.pictures import decision_chain_png, org_chart_png
from services.visibility import Ambiguous, NotFound, visible_account
from storage.uow import UnitOfWork


@dataclass(frozen=True)
class Picture:
    """A rendered picture and what to call it in Slack."""

    filename: str
    title: str
    png: bytes


def account_picture(*, uow: UnitOfWork, user: User, query: str, locale: str) -> Picture:
    """The org chart of the account the user means and may see."""
    with uow:
        account = visible_account(uow, user, query)
        people = uow.contacts.all(account.id)
        links = uow.contact_links.of_account(account.id)
    png = org_chart_png(account_name=account.name, contacts=people, links=links,
                        departments={c.id: c.department for c in people}, locale=locale)
    return Picture(f"org-chart-{account.id}.png", account.name, png)


def visible_deal(uow: UnitOfWork, user: User, query: str) -> Deal:
    """The one deal the user means (name, part of it, or a typo) at an account they may see."""
    viewer = viewer_in(uow, user)
    key = "".join(query.split()).casefold()
    accounts: dict[int | None, Account] = {a.id: a for a in uow.accounts.all()}
    deals = [d for d in uow.deals.all() if sees_deal(viewer, d, accounts.get(d.account_id))]
    exact = [d for d in deals if "".join(d.name.split()).casefold() == key]
    found = exact or [d for d in deals if key and (key in d.name.casefold() or OSA.distance(key, d.name.casefold()) <= 1)]
    if not found:
        raise NotFound(query)
    if len(found) > 1:
        raise Ambiguous([d.name for d in found])
    return found[0]


def visible_deal_by_id(uow: UnitOfWork, user: User, deal_id: int) -> Deal:
    """The deal with this id, when the user may see it (the same rule as a deal asked for by name)."""
    deal = uow.deals.get(deal_id)
    account = uow.accounts.get(deal.account_id) if deal is not None and deal.account_id else None
    if deal is None or not sees_deal(viewer_in(uow, user), deal, account):
        raise NotFound(str(deal_id))
    return deal


def chain_picture(*, uow: UnitOfWork, user: User, query: str, locale: str) -> Picture:
    """The decision chain of the deal the user means, with its gaps marked."""
    with uow:
        deal = visible_deal(uow, user, query)
        members = uow.chain_members.of_deal(deal.id)
        people = {c.id: c for c in uow.contacts.all(deal.account_id)} if deal.account_id else {}
    chain = DecisionChain(deal, tuple(members))
    pairs = [(m, people[m.contact_id]) for m in members if m.contact_id in people]
    png = decision_chain_png(deal_name=deal.name, members=pairs, missing_roles=chain.missing_roles(), locale=locale)
    return Picture(f"decision-chain-{deal.id}.png", deal.name, png)
