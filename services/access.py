"""Who is asking: the viewer a use case checks access for."""

from __future__ import annotations

from domain.access import Viewer
from domain.entities import User
from storage.uow import UnitOfWork


def viewer_in(uow: UnitOfWork, user: User) -> Viewer:
    """The user as a viewer, with everyone who reports to them, directly or through a report (inside the caller's
    unit of work)."""
    return Viewer(user.slack_user_id, user.role, reports_under(uow, user.slack_user_id))


def reports_under(uow: UnitOfWork, manager_slack_id: str) -> frozenset[str]:
    """The manager's reports, their reports' reports, and so on down (a loop in the lines is walked once)."""
    found: set[str] = set()
    level = {manager_slack_id}
    while level:
        below = set().union(*(uow.users.reports_of(m) for m in level)) - found - {manager_slack_id}
        found |= below
        level = below
    return frozenset(found)
