"""Looking an account up: who matters there, where they stand, what happened lately."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from domain.access import sees_account
from domain.entities import Account, Contact, Deal, Interaction, User
from domain.resolution import search_accounts
from services.access import viewer_in
from storage.uow import UnitOfWork


class NotFound(LookupError):
    """Nothing the viewer may see matches."""


class Ambiguous(LookupError):
    """Several things match; the viewer must choose."""

    def __init__(self, choices: list[str]) -> None:
        super().__init__(", ".join(choices))
        self.choices = choices


@dataclass(frozen=True)
class AccountOverview:
    """The account card: key people with their last touch, the stance mix, open deals, recent touches."""

    account: Account
    key_people: tuple[tuple[Contact, date | None], ...]
    stance_mix: dict[str, int]
    open_deals: tuple[Deal, ...]
    recent: tuple[tuple[Interaction, tuple[str, ...]], ...]
    people_count: int


def visible_account(uow: UnitOfWork, user: User, query: str) -> Account:
    """The one account the user means and may see; NotFound or Ambiguous otherwise."""
    viewer = viewer_in(uow, user)
    found = [a for a in search_accounts(query, uow.accounts.all()) if sees_account(viewer, a)]
    if not found:
        raise NotFound(query)
    if len(found) > 1:
        raise Ambiguous([a.name for a in found])
    return found[0]


def account_overview(*, uow: UnitOfWork, user: User, query: str) -> AccountOverview:
    """What a rep or manager sees on `/rapport account <name>`."""
    with uow:
        account = visible_account(uow, user, query)
        people = uow.contacts.all(account.id)
        touched = uow.interactions.last_touches(account.id)
        names = {c.id: c.name for c in people}
        key = sorted(people, key=lambda c: (-c.importance, -c.closeness, c.name))[:8]
        recent = tuple((i, tuple(names.get(c, "?") for c in i.contact_ids)) for i in uow.interactions.recent(account.id))
        return AccountOverview(account, tuple((c, touched.get(c.id)) for c in key),
                               dict(Counter(c.stance for c in people)), tuple(uow.deals.open_at(account.id)),
                               recent, len(people))
