"""What a viewer may look up: the one account they mean and may see, or a plain miss or choice."""

from __future__ import annotations

from domain.access import sees_account
from domain.entities import Account, User
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


def visible_account(uow: UnitOfWork, user: User, query: str) -> Account:
    """The one account the user means and may see; NotFound or Ambiguous otherwise."""
    viewer = viewer_in(uow, user)
    found = [a for a in search_accounts(query, uow.accounts.all()) if sees_account(viewer, a)]
    if not found:
        raise NotFound(query)
    if len(found) > 1:
        raise Ambiguous([a.name for a in found])
    return found[0]
