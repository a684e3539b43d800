"""The deals a CSV import compares and writes: every column a deal history can set; workspace-scoped."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from types import MappingProxyType
from typing import Any

from sqlalchemy import select

from storage.repo_base import Repository
from storage.rows_pipeline import DealRow

# The columns of a deal an imported line may set.
FIELDS = ("amount", "currency", "stage", "close_on", "award_method", "award_rule", "competitors", "outcome",
          "custom", "owner_slack_id", "created_at", "winner", "winning_price")


@dataclass(frozen=True)
class StoredDeal:
    """A deal as an import sees it: where it is, what it is called, and the values a file may change."""

    id: int
    account_id: int | None
    name: str
    values: MappingProxyType[str, Any]


class DealImportRepo(Repository):
    """Deals read whole for comparison, created with their history, and updated field by field."""

    def deals(self) -> list[StoredDeal]:
        """Every deal of the workspace, oldest first."""
        q = select(DealRow).where(DealRow.workspace_id == self.ws).order_by(DealRow.id)
        return [_stored(r) for r in self.session.scalars(q)]

    def add(self, *, account_id: int, name: str, values: dict[str, Any], now: datetime) -> StoredDeal:
        """Store a new deal; created_at defaults to now, stage to the store's own default."""
        row = DealRow(workspace_id=self.ws, account_id=account_id, name=name, created_at=now, updated_at=now,
                      competitors=[], evaluation_criteria=[], custom={})
        _set(row, values)
        self.session.add(row)
        self.session.flush()
        return _stored(row)

    def update(self, deal_id: int, *, values: dict[str, Any], now: datetime) -> None:
        """Write the changed values of one deal."""
        row = self.session.get(DealRow, deal_id)
        if row is None or row.workspace_id != self.ws:
            raise LookupError(f"deal {deal_id} is not in this workspace")
        _set(row, values)
        row.updated_at = now


def _set(row: DealRow, values: dict[str, Any]) -> None:
    for name, value in values.items():
        if name not in FIELDS:
            raise ValueError(f"an import does not set a deal's {name}")
        setattr(row, name, list(value) if name == "competitors" else dict(value) if name == "custom" else value)


def _stored(r: DealRow) -> StoredDeal:
    values = {name: getattr(r, name) for name in FIELDS}
    values["competitors"] = tuple(r.competitors or ())
    values["custom"] = dict(r.custom or {})
    return StoredDeal(r.id, r.account_id, r.name, MappingProxyType(values))
