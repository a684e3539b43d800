"""Queries the CSV import and export need beyond the everyday repositories; every query is workspace-scoped."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from storage.base import Base, WorkspaceScoped
from storage.repo_base import Repository
from storage.rows import AccountRow, ContactLinkRow, ContactRow, UserRow


class ImportRepo(Repository):
    """Contact details, account updates, link strengths and the whole-workspace reads of import and export."""

    def is_empty(self) -> bool:
        """True when no table holds anything of this workspace."""
        scoped = [t for t in (m.class_ for m in Base.registry.mappers) if issubclass(t, WorkspaceScoped)]
        return not any(self.session.scalars(select(t.id).where(t.workspace_id == self.ws).limit(1)).first()
                       for t in scoped)

    def users(self) -> dict[str, str]:
        """Slack user id → name, for owners written by name."""
        q = select(UserRow.slack_user_id, UserRow.name).where(UserRow.workspace_id == self.ws)
        return {i: n for i, n in self.session.execute(q)}

    def details(self) -> dict[int, dict[str, Any]]:
        """Contact id → contact details (email, phone …)."""
        q = select(ContactRow.id, ContactRow.contact_details).where(ContactRow.workspace_id == self.ws)
        return {i: dict(d or {}) for i, d in self.session.execute(q)}

    def set_details(self, contact_id: int, details: dict[str, Any]) -> None:
        """Replace a contact's details."""
        row = self.session.get(ContactRow, contact_id)
        if row is None or row.workspace_id != self.ws:
            raise LookupError(f"contact {contact_id} is not in this workspace")
        row.contact_details = dict(details)

    def update_account(self, account_id: int, **fields: Any) -> None:
        """Write changed account fields (aliases, industry, region, owner_slack_id)."""
        row = self.session.get(AccountRow, account_id)
        if row is None or row.workspace_id != self.ws:
            raise LookupError(f"account {account_id} is not in this workspace")
        for name, value in fields.items():
            setattr(row, name, list(value) if name == "aliases" else value)

    def links(self) -> list[tuple[int, int, str, int, int]]:
        """(link id, from contact id, kind, to contact id, strength) for the whole workspace, oldest first."""
        q = (select(ContactLinkRow.id, ContactLinkRow.from_contact_id, ContactLinkRow.kind,
                    ContactLinkRow.to_contact_id, ContactLinkRow.strength)
             .where(ContactLinkRow.workspace_id == self.ws).order_by(ContactLinkRow.id))
        return [(i, a, k, b, s) for i, a, k, b, s in self.session.execute(q)]

    def set_strength(self, link_id: int, strength: int) -> None:
        """Change how strong a link is."""
        row = self.session.get(ContactLinkRow, link_id)
        if row is None or row.workspace_id != self.ws:
            raise LookupError(f"link {link_id} is not in this workspace")
        row.strength = strength
