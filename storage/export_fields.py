"""Helpers for the JSON export: rows as plain dicts, and the id → name look-ups that make them readable."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import inspect as sa_inspect

from storage.base import Base


def plain(value: Any) -> Any:
    """A JSON-ready copy: dates as ISO strings, Decimal as float, tuples as lists."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [plain(v) for v in value]
    return value


def columns(row: Base) -> dict[str, Any]:
    """Every column of the row, id first, except the workspace (the export is of one workspace already)."""
    attrs = sa_inspect(type(row)).column_attrs
    values = {a.key: plain(getattr(row, a.key)) for a in attrs if a.key != "workspace_id"}
    return {"id": values.pop("id")} | values if "id" in values else values


@dataclass
class Names:
    """What each id or Slack user id is called, within the one workspace being exported."""

    people: dict[str, str] = field(default_factory=dict)
    accounts: dict[int, str] = field(default_factory=dict)
    departments: dict[int, str] = field(default_factory=dict)
    contacts: dict[int, str] = field(default_factory=dict)
    deals: dict[int, str] = field(default_factory=dict)
    propositions: dict[int, str] = field(default_factory=dict)
    members: dict[int, str] = field(default_factory=dict)  # chain member id → contact name
    met: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))  # interaction → present
    mentioned: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))  # → not present
    events: dict[int, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))

    def person(self, slack_id: str | None) -> str | None:
        """The user's name when Rapport knows it, else the Slack id itself."""
        if slack_id is None:
            return None
        return self.people.get(slack_id) or slack_id


def name_of(table: dict[int, str], key: int | None) -> str | None:
    """The name for an optional foreign key."""
    return None if key is None else table.get(key)
