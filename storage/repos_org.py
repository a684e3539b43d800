"""Repositories for the shape of an account: its department tree and how departments relate."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import aliased

from storage.repo_base import Repository
from storage.rows import DepartmentLinkRow, DepartmentRow


class DepartmentLinksRepo(Repository):
    """Department relations (e.g. 采购部 reviews 信息科技部) and the department tree."""

    def _require_departments(self, *department_ids: int) -> None:
        q = select(DepartmentRow.id).where(DepartmentRow.workspace_id == self.ws,
                                           DepartmentRow.id.in_(set(department_ids)))
        if len(set(self.session.scalars(q))) != len(set(department_ids)):
            raise LookupError(f"departments {sorted(set(department_ids))} are not all in this workspace")

    def add(self, *, from_id: int, kind: str, to_id: int, note: str | None = None) -> int | None:
        """Record the relation; returns None when the same relation is already known."""
        self._require_departments(from_id, to_id)
        q = select(DepartmentLinkRow.id).where(
            DepartmentLinkRow.workspace_id == self.ws, DepartmentLinkRow.from_department_id == from_id,
            DepartmentLinkRow.to_department_id == to_id, DepartmentLinkRow.kind == kind,
        )
        if self.session.scalars(q).first() is not None:
            return None
        row = DepartmentLinkRow(workspace_id=self.ws, from_department_id=from_id, to_department_id=to_id,
                                kind=kind, note=note)
        self.session.add(row)
        self.session.flush()
        return row.id

    def of_account(self, account_id: int) -> list[tuple[str, str, str, str | None]]:
        """(from department, kind, to department, note) for one account, oldest first."""
        src, dst = aliased(DepartmentRow), aliased(DepartmentRow)
        q = (
            select(src.name, DepartmentLinkRow.kind, dst.name, DepartmentLinkRow.note)
            .join(src, src.id == DepartmentLinkRow.from_department_id)
            .join(dst, dst.id == DepartmentLinkRow.to_department_id)
            .where(DepartmentLinkRow.workspace_id == self.ws, src.account_id == account_id)
            .order_by(DepartmentLinkRow.id)
        )
        return [(a, k, b, n) for a, k, b, n in self.session.execute(q)]

    def set_parent(self, department_id: int, parent_id: int | None) -> None:
        """Place a department under another one (None: at the top of the tree)."""
        self._require_departments(department_id, *(() if parent_id is None else (parent_id,)))
        self.session.execute(update(DepartmentRow).where(DepartmentRow.id == department_id,
                                                         DepartmentRow.workspace_id == self.ws)
                             .values(parent_id=parent_id))

    def tree(self, account_id: int) -> dict[str, str | None]:
        """Each department of the account with the name of its parent."""
        parent = aliased(DepartmentRow)
        q = (select(DepartmentRow.name, parent.name).outerjoin(parent, parent.id == DepartmentRow.parent_id)
             .where(DepartmentRow.workspace_id == self.ws, DepartmentRow.account_id == account_id))
        return {name: up for name, up in self.session.execute(q)}
