"""Restoring a workspace from `rapport export --json`: every record inserted with new ids, references remapped."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Column, Date, Numeric

from domain.resolution import search_keys
from storage.base import Base, UTCDateTime
from storage.export import TABLES
from storage.repo_base import Repository
from storage.rows import ContactKeyRow, InteractionContactRow
from storage.rows_pipeline import ResourceRequestEventRow

Record = dict[str, Any]
# Insertion order: every table after the tables it refers to (interactions name deals, so deals come first).
RESTORE_ORDER = (
    "users", "accounts", "departments", "department_links", "contacts", "contact_links", "deals", "interactions",
    "chain_members", "control_points", "value_propositions", "pitch_deliveries", "resource_requests", "meetings",
    "occasions", "deliveries", "audit_log",
)
ORDER: tuple[tuple[str, type[Base]], ...] = tuple((kind, TABLES[kind]) for kind in RESTORE_ORDER)
# The audit log names its subject by kind and id; these are the tables those ids point into.
AUDITED = {"account": "accounts", "contact": "contacts", "contact_link": "contact_links", "deal": "deals",
           "control_point": "deals", "chain_member": "deals", "interaction": "interactions",
           "resource_request": "resource_requests", "meeting": "meetings"}


class RestoreRepo(Repository):
    """Writes an exported workspace into this (empty) workspace, inside the caller's unit of work."""

    def restore(self, data: dict[str, list[Record]]) -> dict[str, int]:
        """Insert every kind of record; returns how many of each were restored."""
        self.ids: dict[str, dict[int, int]] = defaultdict(dict)  # table → exported id → new id
        self.data = data
        counts = {}
        for kind, table in ORDER:
            records = data.get(kind) or []
            rows = [self._insert(table, r) for r in records]
            self._self_references(table, records, rows)
            getattr(self, f"_after_{kind}", lambda _r, _w: None)(records, rows)
            counts[kind] = len(rows)
        return counts

    def _insert(self, table: type[Base], record: Record) -> Base:
        values = {c.key: self._value(c, record[c.key]) for c in _columns(table) if c.key in record}
        row = table(workspace_id=self.ws, **values)
        self.session.add(row)
        self.session.flush()
        if "id" in record:
            self.ids[table.__tablename__][record["id"]] = row.id  # type: ignore[attr-defined]
        return row

    def _value(self, column: Column[Any], value: Any) -> Any:
        if value is None:
            return None
        for fk in column.foreign_keys:
            if fk.column.table is column.table:
                return None  # a row of the same table may come later: set in a second pass
            return self.ids[fk.column.table.name].get(value)
        if isinstance(column.type, UTCDateTime):
            return datetime.fromisoformat(value)
        if isinstance(column.type, Date):
            return date.fromisoformat(value)
        if isinstance(column.type, Numeric):
            return Decimal(str(value))
        return value

    def _self_references(self, table: type[Base], records: list[Record], rows: list[Base]) -> None:
        """Parent departments and project-team reporting lines, once every row of the table has its id."""
        own = [c for c in _columns(table) if any(fk.column.table is c.table for fk in c.foreign_keys)]
        mapped = self.ids[table.__tablename__]
        for column in own:
            for record, row in zip(records, rows, strict=True):
                if record.get(column.key) is not None:
                    setattr(row, column.key, mapped.get(record[column.key]))
        self.session.flush()

    def _after_contacts(self, records: list[Record], rows: list[Base]) -> None:
        self.session.add_all(ContactKeyRow(contact_id=row.id, key=k, workspace_id=self.ws)  # type: ignore[attr-defined]
                             for r, row in zip(records, rows, strict=True)
                             for k in search_keys(r["name"], r.get("aliases") or ()))

    def _after_interactions(self, records: list[Record], rows: list[Base]) -> None:
        """Who took part and who was mentioned: the export names them, so the names are found again."""
        people: dict[str, list[Record]] = defaultdict(list)
        for p in self.data.get("contacts") or []:
            people[p.get("name", "")].append(p)
        for r, row in zip(records, rows, strict=True):
            # A name no contact has any more (exported mid-rename) is left out rather than searched for.
            met = _assign([n for n in r.get("contacts", []) if n in people], people, r.get("account_id"), set())
            mentioned = _assign([n for n in r.get("mentioned", []) if n in people], people, r.get("account_id"),
                                set(met))
            self.session.add_all(InteractionContactRow(interaction_id=row.id,  # type: ignore[attr-defined]
                                                       contact_id=self.ids["contacts"][old], present=present)
                                 for ids, present in ((met, True), (mentioned, False)) for old in ids)

    def _after_resource_requests(self, records: list[Record], rows: list[Base]) -> None:
        by_name = {u.get("name"): u["slack_user_id"] for u in self.data.get("users") or [] if u.get("name")}
        for r, row in zip(records, rows, strict=True):
            for e in r.get("events", []):
                actor = e.get("actor")
                self.session.add(ResourceRequestEventRow(
                    workspace_id=self.ws, request_id=row.id, at=datetime.fromisoformat(e["at"]),  # type: ignore[attr-defined]
                    actor_slack_id=by_name.get(actor, actor), kind=e["kind"], note=e.get("note")))

    def _after_meetings(self, records: list[Record], rows: list[Base]) -> None:
        """The contacts a meeting is with are stored by id: point them at the restored contacts."""
        for r, row in zip(records, rows, strict=True):
            row.contact_ids = [self.ids["contacts"].get(c, c) for c in r.get("contact_ids") or []]  # type: ignore[attr-defined]
        self.session.flush()

    def _after_audit_log(self, records: list[Record], rows: list[Base]) -> None:
        for r, row in zip(records, rows, strict=True):
            table = AUDITED.get(r.get("entity", ""))
            if table is not None and r.get("entity_id") is not None:
                row.entity_id = self.ids[table].get(r["entity_id"], r["entity_id"])  # type: ignore[attr-defined]
        self.session.flush()


def _columns(table: type[Base]) -> list[Column[Any]]:
    return [c for c in table.__table__.columns if c.key not in ("id", "workspace_id")]  # type: ignore[attr-defined, misc]


def _assign(names: list[str], people: dict[str, list[Record]], account_id: int | None, taken: set[int],
            after: int = -1) -> list[int]:
    """Exported contact ids for the names, which the export lists in id order: two people of one name are
    told apart by that order, then by being at the interaction's account."""
    if not names:
        return []
    options = sorted(people.get(names[0], []), key=lambda p: (p.get("account_id") != account_id, p["id"]))
    for p in options:
        if p["id"] > after and p["id"] not in taken:
            rest = _assign(names[1:], people, account_id, taken, p["id"])
            if len(rest) == len(names) - 1:
                return [p["id"], *rest]
    return []
