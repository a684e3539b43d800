"""What every repository shares: the session of its unit of work and the workspace it is scoped to."""

from __future__ import annotations

from sqlalchemy.orm import Session


class Repository:
    """A repository bound to one session and one Slack workspace; every query filters by `ws`."""

    def __init__(self, session: Session, workspace_id: str) -> None:
        self.session = session
        self.ws = workspace_id
