"""What an admin set for their own workspace (e.g. the channel of the weekly pitch share), as key and value.

A workspace without a row for a key falls back to the environment's setting, where there is one.
"""

from __future__ import annotations

from sqlalchemy import String, UniqueConstraint, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, Session, mapped_column

from storage.base import Base, WorkspaceScoped
from storage.repo_base import Repository
from storage.rows_pipeline import ValuePropositionRow


class WorkspaceSettingRow(WorkspaceScoped, Base):
    """One setting of one workspace; an empty value means "set to nothing", overriding any default."""

    __tablename__ = "workspace_settings"
    __table_args__ = (UniqueConstraint("workspace_id", "key"),)

    key: Mapped[str] = mapped_column(String(64))
    value: Mapped[str] = mapped_column(String(200))


class WorkspaceSettingsRepo(Repository):
    """The workspace's own settings."""

    def get(self, key: str) -> str | None:
        """The value the workspace set ("" when set to nothing), or None when it never set one."""
        q = select(WorkspaceSettingRow.value).where(WorkspaceSettingRow.workspace_id == self.ws,
                                                    WorkspaceSettingRow.key == key)
        return self.session.scalars(q).first()

    def put(self, key: str, value: str) -> None:
        """Set the value, replacing the one before (two admins at once: the last one stands)."""
        conn = self.session.connection()
        insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
        q = insert(WorkspaceSettingRow).values(workspace_id=self.ws, key=key, value=value)
        conn.execute(q.on_conflict_do_update(index_elements=["workspace_id", "key"], set_={"value": q.excluded.value}))


def in_every_workspace(session: Session, key: str) -> dict[str, str]:
    """Each workspace's value of one setting, by workspace id (for the worker, which serves them all)."""
    q = select(WorkspaceSettingRow.workspace_id, WorkspaceSettingRow.value).where(WorkspaceSettingRow.key == key)
    return {ws: value for ws, value in session.execute(q)}


def with_pitch_library(session: Session) -> list[str]:
    """The workspaces that keep any pitch in their library: those a default share channel is meant for."""
    return list(session.scalars(select(ValuePropositionRow.workspace_id).distinct()))
