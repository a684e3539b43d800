"""Who reports to whom and who may do what: set by an admin, audited."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from domain.entities import AuditEntry, SourceMessage, User
from storage.uow import UnitOfWork

ROLES = ("rep", "presales", "manager", "admin")


class NotAllowed(PermissionError):
    """Only an admin may change roles and reporting lines."""


def _admin(uow: UnitOfWork, actor: User) -> None:
    known = uow.users.get(actor.slack_user_id)
    if known is None or known.role != "admin":
        raise NotAllowed(actor.slack_user_id)


def set_role(*, uow: UnitOfWork, actor: User, target: str, role: str, now: datetime) -> User:
    """Give a Slack user a role in Rapport."""
    if role not in ROLES:
        raise ValueError(role)
    with uow:
        _admin(uow, actor)
        before = uow.users.get(target) or User(target)
        saved = uow.users.save(replace(before, role=role))
        uow.audit.record(AuditEntry(actor.slack_user_id, now, "user", None, "update", {target: before.role},
                                    {target: role}, SourceMessage(None, None)))
        uow.commit()
        return saved


def set_manager(*, uow: UnitOfWork, actor: User, target: str, manager: str, now: datetime) -> User:
    """Record who a rep reports to, so the manager sees their accounts."""
    with uow:
        _admin(uow, actor)
        before = uow.users.get(target) or User(target)
        saved = uow.users.save(replace(before, manager_slack_id=manager))
        uow.audit.record(AuditEntry(actor.slack_user_id, now, "user", None, "update",
                                    {f"{target}.manager": before.manager_slack_id}, {f"{target}.manager": manager},
                                    SourceMessage(None, None)))
        uow.commit()
        return saved
