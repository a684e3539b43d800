"""Who is asking: the viewer a use case checks access for."""

from __future__ import annotations

from domain.access import Viewer
from domain.entities import User
from storage.uow import UnitOfWork


def viewer_in(uow: UnitOfWork, user: User) -> Viewer:
    """The user as a viewer, with the people who report to them (inside the caller's unit of work)."""
    return Viewer(user.slack_user_id, user.role, uow.users.reports_of(user.slack_user_id))
