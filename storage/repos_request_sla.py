"""What the service level's planner reads: the requests it still watches, in every workspace.

One worker serves every workspace, so this reads across them (by the index on workspace and state);
what it returns carries each request's workspace.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from domain.entities import ResourceRequest
from storage.repos_requests import request_of
from storage.rows_pipeline import ResourceRequestRow

R = ResourceRequestRow


def watched_requests(session: Session, *, needed_from: date) -> list[tuple[str, ResourceRequest]]:
    """(workspace, request) for every request nobody accepted yet, and every accepted one needed from
    `needed_from` on, oldest first."""
    q = (select(R).where(or_(R.state == "open",
                             and_(R.state == "accepted", R.needed_by >= needed_from,
                                  R.assignee_slack_id.is_not(None))))
         .order_by(R.id))
    return [(row.workspace_id, request_of(row)) for row in session.scalars(q)]
