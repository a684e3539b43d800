"""Who may see what: a rep their accounts, a manager their reports' accounts, an admin everything."""

from __future__ import annotations

from dataclasses import dataclass, field

from domain.entities import Account, Deal


@dataclass(frozen=True)
class Viewer:
    """The person asking, with their role and the people who report to them."""

    slack_user_id: str
    role: str = "rep"  # rep / presales / manager / admin
    reports: frozenset[str] = field(default_factory=frozenset)


def sees_account(viewer: Viewer, account: Account) -> bool:
    """A rep sees accounts they own or are on the team of; a manager also their reports'; an admin all."""
    if viewer.role == "admin":
        return True
    people = {account.owner_slack_id, *account.team} - {None}
    if viewer.slack_user_id in people:
        return True
    return viewer.role == "manager" and bool(people & viewer.reports)


def sees_deal(viewer: Viewer, deal: Deal, account: Account | None) -> bool:
    """An admin sees every deal; a rep their own and those of accounts they own or are on the team of (shared);
    a manager also every deal one of their reports (or a report's report) would see."""
    if viewer.role == "admin":
        return True
    people = {viewer.slack_user_id} | (viewer.reports if viewer.role == "manager" else frozenset())
    sharing = {account.owner_slack_id, *account.team} if account is not None else set()
    return deal.owner_slack_id in people or bool(sharing & people)
