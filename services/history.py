"""`/rapport history <account>`: the account's past projects — chain, tender, winner and price — newest first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain.access import sees_deal
from domain.entities import Account, Deal, User
from domain.graph.chain import ROLES
from domain.pipeline import WON, is_open
from services.access import viewer_in
from services.visibility import visible_account
from storage.uow import UnitOfWork


@dataclass(frozen=True)
class PastProject:
    """A closed deal with who was in its decision chain, as (role, name) in the order of the roles."""

    deal: Deal
    chain: tuple[tuple[str, str], ...]

    @property
    def we_won(self) -> bool:
        """The deal was won by us."""
        return self.deal.outcome in WON or self.deal.stage in WON

    @property
    def price(self) -> float | None:
        """What it was awarded at, in the deal's currency: the winning price on record, else our amount if we won."""
        if self.deal.winning_price is not None or not self.we_won:
            return self.deal.winning_price
        return self.deal.amount


@dataclass(frozen=True)
class AccountHistory:
    """An account and its closed deals the viewer may see, newest first."""

    account: Account
    projects: tuple[PastProject, ...]


def account_history(*, uow: UnitOfWork, user: User, query: str) -> AccountHistory:
    """What an account's past tenders looked like, for the deals the user may see there."""
    with uow:
        account = visible_account(uow, user, query)
        viewer = viewer_in(uow, user)
        closed = [d for d in uow.deals.all(account.id) if not is_open(d) and sees_deal(viewer, d, account)]
        chains = uow.chain_members.of_deals([d.id for d in closed])
        names = {c.id: c.name for c in uow.contacts.all(account.id)}
    closed.sort(key=lambda d: (d.close_on or date.min, d.id), reverse=True)
    return AccountHistory(account, tuple(
        PastProject(d, tuple((role, names[m.contact_id]) for role in ROLES for m in chains.get(d.id, ())
                             if m.role == role and m.contact_id in names)) for d in closed))
