"""`rapport import deals.csv`: a team's closed and open deals, matched by account and name, all lines or none."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, datetime, time
from decimal import Decimal
from typing import Any

from domain.compliance import ComplianceRules
from services.importing.columns import identity_columns
from services.importing.deal_csv import DROP, DealFileError, DealRecord, read_lines
from services.importing.reading import Table
from services.importing.report import ImportReport
from services.importing.values import guarded
from services.importing.writers import Writer, key
from services.record_deal import plain
from storage.repos_deal_import import DealImportRepo, StoredDeal
from storage.uow import UnitOfWork

_CLOSED_STAGE = {"won": "closed_won", "lost": "closed_lost"}
# Longest text each column of the store holds; longer cells are refused rather than cut.
_WIDTH = {"name": 200, "currency": 3, "stage": 32, "award_method": 32, "award_rule": 32, "winner": 200}
_CENT = Decimal("0.01")
_LARGEST = Decimal(10) ** 16


def import_deals(*, uow: UnitOfWork, table: Table, source: str, now: datetime,
                 mapping: Mapping[str, str] | None = None, rules: ComplianceRules | None = None) -> ImportReport:
    """Import a deal history; with any bad line, report every one of them and write nothing."""
    dropped = identity_columns(table.header)
    report = ImportReport("deals", source, table.encoding, dropped=dropped)
    try:
        records, unread = read_lines(table, dict.fromkeys(dropped, DROP) | dict(mapping or {}))
    except DealFileError as e:
        report.errors += [f"line {line}: {why}" for line, why in e.errors]
        return report
    records = [_screened(r, rules, report) for r in records]
    problems = unread + [p for r in records for p in _problems(r)] + _twice(records)
    report.errors += [f"line {line}: {why}" for line, why in sorted(problems, key=lambda p: p[0])]
    if report.errors:
        return report
    with uow:
        DealWriter(uow, now=now, source=source, report=report).write_records(records)
        uow.commit()
    return report


def _screened(record: DealRecord, rules: ComplianceRules | None, report: ImportReport) -> DealRecord:
    """The record with gifts, cash, favours and identity numbers taken out of its free text, as for contacts."""
    name, why = guarded(record.name, rules) if record.name else (record.name, ())
    attributes: dict[str, str] = {}
    for column, text in record.attributes.items():
        attributes[column], reasons = guarded(text, rules) if text else (text, ())
        why += reasons
    if why:
        report.notes.append(f"line {record.line}: removed what must not be stored ({'; '.join(dict.fromkeys(why))})")
    return replace(record, name=name or None, attributes=attributes)


def _problems(record: DealRecord) -> list[tuple[int, str]]:
    """What the store cannot take from this line: no account, no name, a cell too long, an amount too large, a
    winning price below 0."""
    found = [(record.line, f"no {f}: every deal needs its {f}") for f in ("account", "name") if not getattr(record, f)]
    found += [(record.line, f"{f} longer than {n} characters: {getattr(record, f)!r}")
              for f, n in _WIDTH.items() if len(getattr(record, f) or "") > n]
    if record.amount is not None and abs(record.amount) >= _LARGEST:
        found.append((record.line, f"amount too large: {record.amount}"))
    if record.winning_price is not None and not 0 <= record.winning_price < _LARGEST:
        found.append((record.line, f"winning_price must be 0 or more and below 10^16: {record.winning_price}"))
    return found


def _twice(records: list[DealRecord]) -> list[tuple[int, str]]:
    """The same deal twice in one file is refused: which line should win is not ours to guess."""
    first: dict[tuple[str, str], int] = {}
    found: list[tuple[int, str]] = []
    for r in records:
        if not (r.account and r.name):
            continue  # already refused for what it lacks; "deal None at None" would only be noise
        ident = (key(r.account), key(r.name))
        if ident in first:
            found.append((r.line, f"deal {r.name} at {r.account} is already on line {first[ident]}"))
        first.setdefault(ident, r.line)
    return found


class DealWriter(Writer):
    """Deals matched by account and name: new ones created, changed ones updated, each audited as "import"."""

    def write_records(self, records: list[DealRecord]) -> None:
        """Write every deal of the file and count what happened."""
        deals = DealImportRepo(self.uow.session, self.uow.workspace_id)
        known = {(d.account_id, key(d.name)): d for d in deals.deals()}
        outcomes = Counter(r.outcome for r in records)
        for record in records:
            assert record.account is not None and record.name is not None  # refused before writing otherwise
            account = self.account(record.account, record.line)
            given = self._given(record)
            found = known.get((account.id, key(record.name)))
            if found is None:
                made = deals.add(account_id=account.id, name=record.name, values=given, now=self.now)
                self.audit("deal", made.id, "create", None, {"name": made.name, "account": account.name,
                                                             **plain(given)})
                self.report.count("deals").created += 1
                known[(account.id, key(record.name))] = made
            else:
                self._update(deals, found, given)
        self.report.summary = _summary(self.report, outcomes)

    def _update(self, deals: DealImportRepo, found: StoredDeal, given: dict[str, Any]) -> None:
        """Write what the line changes; custom attributes are merged, an empty cell leaves the stored value."""
        if "custom" in given:
            given["custom"] = found.values["custom"] | given["custom"]
        changed = {f: v for f, v in given.items() if found.values[f] != v}
        if not changed:
            self.report.count("deals").unchanged += 1
            return
        deals.update(found.id, values=changed, now=self.now)
        self.audit("deal", found.id, "update", {f: plain(found.values[f]) for f in changed}, plain(changed))
        self.report.count("deals").updated += 1

    def _given(self, r: DealRecord) -> dict[str, Any]:
        """The deal's values this line sets; an empty cell sets nothing."""
        custom = {k: v for k, v in r.attributes.items() if v}
        custom |= {f: getattr(r, f) for f in ("product", "industry") if getattr(r, f)}
        custom |= {"created_on": r.created_on.isoformat()} if r.created_on else {}
        given = {"amount": None if r.amount is None else r.amount.quantize(_CENT), "currency": r.currency,
                 "stage": r.stage or _CLOSED_STAGE.get(r.outcome), "close_on": r.closed_on,
                 "award_method": r.award_method, "award_rule": r.award_rule, "competitors": r.competitors or None,
                 "outcome": r.outcome if r.outcome != "open" else None, "owner_slack_id": self.owner(r.line, r.owner),
                 "created_at": None if r.created_on is None else datetime.combine(r.created_on, time(), UTC),
                 "winner": r.winner,
                 "winning_price": None if r.winning_price is None else r.winning_price.quantize(_CENT),
                 "custom": custom or None}
        return {f: v for f, v in given.items() if v is not None}


def _summary(report: ImportReport, outcomes: Counter[str]) -> str:
    """12 deals: 9 new, 3 updated; 7 won, 3 lost, 2 open; 2 accounts created."""
    c = report.count("deals")
    done = f"{c.created} new, {c.updated} updated" + (f", {c.unchanged} unchanged" if c.unchanged else "")
    kinds = ", ".join(f"{outcomes[o]} {o}" for o in ("won", "lost", "open"))
    return (f"{c.created + c.updated + c.unchanged} deals: {done}; {kinds}; "
            f"{report.count('accounts').created} accounts created")


