"""Writing contact rows: matched by name + account, new ones created, changed ones updated, all audited."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from domain.entities import Contact
from services.importing.models import ContactIn
from services.importing.writers import Rows, Writer, key
from services.record_deal import plain

# Contact fields a row may set, as (row field, Contact field).
_PROFILE = (("title", "title"), ("aliases", "aliases"), ("stance", "stance"), ("importance", "importance"),
            ("closeness", "closeness"), ("trust_stage", "trust_stage"), ("birthday", "birthday"),
            ("birthday_lunar", "birthday_lunar"), ("do_not_contact", "do_not_contact"))
_DETAILS = ("email", "phone")


class ContactWriter(Writer):
    """Contacts and, when a row names an account Rapport does not know yet, that account."""

    def check(self, rows: Rows) -> None:
        self.duplicates(rows, lambda r: (key(r.name), key(r.account)),
                        lambda r: f"{r.name}" + (f" at {r.account}" if r.account else ""))

    def write(self, rows: Rows) -> None:
        self.known = {(key(c.name), c.account_id): c for c in self.uow.contacts.all()}
        self.details = self.repo.details()
        for line, row in rows:
            assert isinstance(row, ContactIn)
            account = self.account(row.account, line) if row.account else None
            found = self.known.get((key(row.name), account.id if account else None))
            if found is None:
                self._create(line, row, account.id if account else None, account.name if account else None)
            else:
                self._update(line, row, found)

    def _given(self, line: int, row: ContactIn) -> dict[str, Any]:
        """The Contact fields this row sets; an empty cell sets nothing."""
        given = {field: getattr(row, name) for name, field in _PROFILE if getattr(row, name) is not None}
        owner = self.owner(line, row.owner)
        return given | ({"owner_slack_id": owner} if owner else {})

    def _department(self, line: int, row: ContactIn, account_id: int | None) -> int | None:
        if row.department is None:
            return None
        if account_id is None:
            self.report.notes.append(f"line {line}: department {row.department} left out: the contact has no account")
            return None
        return self.uow.departments.ensure(account_id, row.department)

    def _create(self, line: int, row: ContactIn, account_id: int | None, account_name: str | None) -> None:
        contact = replace(Contact(0, row.name, account_id, account_name), **self._given(line, row))
        department_id = self._department(line, row, account_id)
        saved = self.uow.contacts.add(contact, now=self.now, department_id=department_id)
        details = {d: getattr(row, d) for d in _DETAILS if getattr(row, d) is not None}
        if details:
            self.repo.set_details(saved.id, details)
        department = row.department if department_id else None
        self.audit("contact", saved.id, "create", None,
                   replace(saved, department=department).profile() | _scores(saved) | details)
        self.known[(key(row.name), account_id)] = saved
        self.report.count("contacts").created += 1

    def _update(self, line: int, row: ContactIn, found: Contact) -> None:
        changed = {f: v for f, v in self._given(line, row).items() if getattr(found, f) != v}
        details = self.details.get(found.id, {})
        new_details = {d: getattr(row, d) for d in _DETAILS if getattr(row, d) not in (None, details.get(d))}
        moved = row.department is not None and row.department != found.department
        if not (changed or new_details or moved):
            self.report.count("contacts").unchanged += 1
            return
        department_id = self._department(line, row, found.account_id) if moved else None
        self.uow.contacts.update(replace(found, **changed), now=self.now, department_id=department_id)
        if new_details:
            self.repo.set_details(found.id, details | new_details)
        before = {f: plain(getattr(found, f)) for f in changed} | {d: details.get(d) for d in new_details}
        after = {f: plain(v) for f, v in changed.items()} | new_details
        if department_id is not None:
            before["department"], after["department"] = found.department, row.department
        self.audit("contact", found.id, "update", before, after)
        self.report.count("contacts").updated += 1


def _scores(c: Contact) -> dict[str, Any]:
    return {"importance": c.importance, "closeness": c.closeness}

