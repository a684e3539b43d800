"""`rapport import FILE.csv`: validate every row, then write all of them in one unit of work, or none."""

from __future__ import annotations

from datetime import datetime

from domain.compliance import ComplianceRules
from services.importing.columns import Mapping, guess_kind, map_columns
from services.importing.deal_csv import looks_like_deals
from services.importing.deal_import import import_deals
from services.importing.models import Row, validate
from services.importing.reading import Table, UnreadableFile, read_table
from services.importing.report import ImportReport
from services.importing.values import full_name, guarded
from services.importing.writers import AccountWriter, LinkWriter, Writer
from services.importing.writers_contacts import ContactWriter
from storage.uow import UnitOfWork

Rows = list[tuple[int, Row]]
# Columns whose text the compliance guard reads; scores, dates and yes/no cells cannot hold a sentence.
_FREE_TEXT = {"name", "first_name", "last_name", "account", "department", "title", "aliases", "email", "phone",
              "mobile", "owner", "industry", "region", "from", "to", "from_account", "to_account"}
WRITERS: dict[str, type[Writer]] = {"contacts": ContactWriter, "accounts": AccountWriter, "links": LinkWriter}
_REQUIRED = {"contacts": ({"name"}, {"first_name", "last_name"}), "accounts": ({"name"},),
             "links": ({"from", "kind", "to"},)}


def import_csv(*, uow: UnitOfWork, data: bytes, source: str, now: datetime, kind: str | None = None,
               rules: ComplianceRules | None = None, columns: dict[str, str] | None = None) -> ImportReport:
    """Import one file of contacts, accounts, links or deals; with any bad row, report them all and write nothing."""
    table = read_table(data)
    kind = kind or ("deals" if looks_like_deals(table.header) else guess_kind(table.header))
    if kind == "deals":
        return import_deals(uow=uow, table=table, source=source, now=now, mapping=columns, rules=rules)
    if kind is None:
        raise UnreadableFile("cannot tell whether the file holds contacts, accounts, links or deals: pass --kind")
    if columns:
        raise ValueError(f"--map is for deal files; this file holds {kind}")
    mapping = map_columns(kind, table.header)
    report = ImportReport(kind, source, table.encoding, ignored=mapping.ignored, dropped=mapping.dropped)
    if not any(need <= set(mapping.fields.values()) for need in _REQUIRED[kind]):
        needed = " or ".join(" + ".join(sorted(n)) for n in _REQUIRED[kind])
        report.errors.append(f"line 1: no column for {needed} (found: {', '.join(table.header)})")
        return report
    rows = _validated(kind, table, mapping, rules, report)
    with uow:
        writer = WRITERS[kind](uow, now=now, source=source, report=report)
        writer.check(rows)
        if report.errors:
            return report
        writer.write(rows)
        uow.commit()
    return report


def _validated(kind: str, table: Table, mapping: Mapping, rules: ComplianceRules | None,
               report: ImportReport) -> Rows:
    """Every row as a model; each refused row adds its reasons, prefixed with its line."""
    rows: Rows = []
    for line, cells in table.rows:
        values = _cells(kind, line, cells, mapping, rules, report)
        model, reasons = validate(kind, values)
        report.errors += [f"line {line}: {r}" for r in reasons]
        if model is not None:
            rows.append((line, model))
    return rows


def _cells(kind: str, line: int, cells: tuple[str, ...], mapping: Mapping, rules: ComplianceRules | None,
           report: ImportReport) -> dict[str, str | None]:
    """Field → cell text (None when empty), after the compliance guard, with names and phones put together."""
    values: dict[str, str | None] = {}
    for index, field in mapping.fields.items():
        text = cells[index] if index < len(cells) else ""
        if text and field in _FREE_TEXT:
            text, reasons = guarded(text, rules)
            if reasons:
                report.notes.append(f"line {line}: {field}: removed what must not be stored ({'; '.join(reasons)})")
        values[field] = text or None
    if kind == "contacts":
        first, last = values.pop("first_name", None), values.pop("last_name", None)
        values["name"] = values.get("name") or full_name(first or "", last or "") or None
        mobile = values.pop("mobile", None)
        values["phone"] = values.get("phone") or mobile
    return values
