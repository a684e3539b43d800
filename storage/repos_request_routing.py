"""What routing reads beyond one request: the requests still waiting for a queue, and whom to tell of a bad rules file.

One worker serves every workspace, so both read across workspaces; what they return carries the
workspace each row belongs to, and everything they lead to is written through a workspace's unit of work.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.rows import UserRow
from storage.rows_pipeline import ResourceRequestRow

R = ResourceRequestRow


def unrouted(session: Session, *, limit: int = 500) -> list[tuple[str, int]]:
    """(workspace, request id) of open requests no queue was chosen for yet (from a confirmed log), oldest first."""
    q = (select(R.workspace_id, R.id).where(R.state == "open", R.queue.is_(None)).order_by(R.id).limit(limit))
    return [(ws, request_id) for ws, request_id in session.execute(q)]


def admins(session: Session, workspace_id: str | None = None) -> list[tuple[str, str, str | None]]:
    """(workspace, Slack id, locale) of Rapport's admins, of one workspace or of all."""
    q = select(UserRow.workspace_id, UserRow.slack_user_id, UserRow.locale).where(UserRow.role == "admin")
    if workspace_id is not None:
        q = q.where(UserRow.workspace_id == workspace_id)
    return [(ws, who, locale) for ws, who, locale in session.execute(q.order_by(UserRow.id))]


def lock_request(session: Session, workspace_id: str, request_id: int) -> None:
    """Hold the request's row until the transaction ends, so a check of who holds it stays true until the change
    (PostgreSQL; SQLite's transactions already take the write lock as they begin)."""
    session.execute(select(R.id).where(R.workspace_id == workspace_id, R.id == request_id).with_for_update())
    session.expire_all()  # what was read before the lock may have changed
