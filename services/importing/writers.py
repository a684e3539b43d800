"""Writing validated rows: accounts and links here, contacts in writers_contacts; all audited as "import"."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from typing import Any

from domain.entities import Account, AuditEntry, Contact, SourceMessage
from services.importing.models import AccountIn, LinkIn, Row
from services.importing.report import ImportReport
from services.record_deal import plain
from storage.repos_import import ImportRepo
from storage.uow import UnitOfWork

ACTOR = "import"
_SLACK_ID = re.compile(r"[UW][A-Z0-9]{6,}")
Rows = list[tuple[int, Row]]


def key(name: str | None) -> str:
    """How names are compared: case and spacing ignored."""
    return "".join((name or "").split()).casefold()


class Writer:
    """Shared by the writers: the unit of work, the audit trail and owners written by name or Slack id."""

    def __init__(self, uow: UnitOfWork, *, now: datetime, source: str, report: ImportReport) -> None:
        self.uow, self.now, self.report = uow, now, report
        self.repo = ImportRepo(uow.session, uow.workspace_id)
        # The audit log keeps 32 characters of source; the file's name is what tells an import apart.
        self.source = SourceMessage(source[-32:], None)
        self._users: dict[str, str] | None = None
        self._unknown: set[str] = set()

    def check(self, rows: Rows) -> None:
        """Add the errors only the store can tell (unknown names, duplicates); writes nothing."""

    def write(self, rows: Rows) -> None:
        raise NotImplementedError

    def audit(self, entity: str, entity_id: int | None, action: str, before: Any, after: Any) -> None:
        self.uow.audit.record(AuditEntry(ACTOR, self.now, entity, entity_id, action, before, after, self.source))

    def owner(self, line: int, written: str | None) -> str | None:
        """The Slack id of an owner written as a Slack id or a Rapport user's name; unknown owners are noted."""
        if written is None:
            return None
        if self._users is None:
            self._users = self.repo.users()
        if written in self._users or _SLACK_ID.fullmatch(written):
            return written
        by_name = [i for i, n in self._users.items() if key(n) == key(written)]
        if len(by_name) == 1:
            return by_name[0]
        if key(written) not in self._unknown:
            self._unknown.add(key(written))
            self.report.notes.append(f"owner {written!r} (first on line {line}) is not a Rapport user: left as it was")
        return None

    def duplicates(self, rows: Rows, identity: Callable[[Any], Any], what: Callable[[Any], str]) -> None:
        """The same record twice in one file is refused: which line should win is not ours to guess."""
        seen: dict[Any, int] = {}
        for line, row in rows:
            ident = identity(row)
            if ident in seen:
                self.report.errors.append(f"line {line}: {what(row)} is already on line {seen[ident]}")
            seen.setdefault(ident, line)

    def account(self, name: str, line: int) -> Account:
        """The account by name or alias, created (and audited) when new."""
        found = self.uow.accounts.find(name)
        if found is not None:
            return found
        made = self.uow.accounts.add(name=name, now=self.now)
        self.audit("account", made.id, "create", None, {"name": name})
        self.report.count("accounts").created += 1
        return made


class AccountWriter(Writer):
    """Accounts matched by name (or alias); given cells update, empty cells leave the stored value."""

    def check(self, rows: Rows) -> None:
        self.duplicates(rows, lambda r: key(r.name), lambda r: f"account {r.name}")

    def write(self, rows: Rows) -> None:
        for line, row in rows:
            assert isinstance(row, AccountIn)
            given: dict[str, Any] = {"aliases": row.aliases, "industry": row.industry, "region": row.region,
                     "owner_slack_id": self.owner(line, row.owner)}
            given = {k: v for k, v in given.items() if v is not None}
            found = self.uow.accounts.find(row.name)
            if found is None:
                made = self.uow.accounts.add(name=row.name, now=self.now, **given)
                self.audit("account", made.id, "create", None, {"name": row.name, **plain(given)})
                self.report.count("accounts").created += 1
                continue
            changed = {k: v for k, v in given.items() if getattr(found, k) != v}
            if not changed:
                self.report.count("accounts").unchanged += 1
                continue
            self.repo.update_account(found.id, **changed)
            self.audit("account", found.id, "update", {k: plain(getattr(found, k)) for k in changed}, plain(changed))
            self.report.count("accounts").updated += 1


def _named(people: list[Contact], name: str, account: str | None) -> list[Contact]:
    return [c for c in people if key(name) in {key(c.name), *map(key, c.aliases)}
            and (account is None or key(c.account_name) == key(account))]


def _beside(found: list[Contact], other: list[Contact]) -> list[Contact]:
    """Of several people so named, those at the account of the other end, when that end is one person."""
    if len(found) < 2 or len(other) != 1:
        return found
    local = [c for c in found if c.account_id == other[0].account_id]
    return local or found




class LinkWriter(Writer):
    """Links between contacts named in the store; an unknown or ambiguous name refuses the row."""

    def check(self, rows: Rows) -> None:
        people = self.uow.contacts.all()
        self.ends: dict[int, tuple[int, int]] = {}
        for line, row in rows:
            assert isinstance(row, LinkIn)
            a = _named(people, row.from_, row.from_account)
            b = _named(people, row.to, row.to_account)
            # Links mostly join colleagues: a name found at several accounts means the one beside the other end.
            a, b = _beside(a, b), _beside(b, a)
            if self._one(line, a, row.from_, row.from_account, "from") & self._one(line, b, row.to, row.to_account, "to"):
                if a[0].id == b[0].id:
                    self.report.errors.append(f"line {line}: a link must join two people, not {row.to} to themself")
                self.ends[line] = (a[0].id, b[0].id)
        self.duplicates(rows, lambda r: (r.from_, r.from_account, r.kind, r.to, r.to_account),
                        lambda r: f"{r.from_} {r.kind} {r.to}")

    def _one(self, line: int, found: list[Contact], name: str, account: str | None, end: str) -> bool:
        """True when exactly one contact is meant; otherwise the row's error says why."""
        if len(found) == 1:
            return True
        where = f" at {account}" if account else ""
        if not found:
            self.report.errors.append(f"line {line}: {end}: no contact named {name}{where}")
        else:
            at = ", ".join(sorted({c.account_name or "no account" for c in found}))
            self.report.errors.append(f"line {line}: {end}: {name}{where} is ambiguous ({len(found)} contacts: "
                                      f"{at}); add a {end}_account column")
        return False

    def write(self, rows: Rows) -> None:
        known = {(a, k, b): (i, s) for i, a, k, b, s in self.repo.links()}
        for line, row in rows:
            assert isinstance(row, LinkIn)
            a, b = self.ends[line]
            found = known.get((a, row.kind, b))
            if found is None:
                made = self.uow.contact_links.add(from_id=a, kind=row.kind, to_id=b, now=self.now,
                                                  source=self.source.channel)
                if made is not None and row.strength is not None:
                    self.repo.set_strength(made, row.strength)
                self.audit("contact_link", made, "create", None, {"from": row.from_, "kind": row.kind, "to": row.to,
                                                                  "strength": row.strength or 3})
                self.report.count("links").created += 1
                known[(a, row.kind, b)] = (made or 0, row.strength or 3)
            elif row.strength is not None and row.strength != found[1]:
                self.repo.set_strength(found[0], row.strength)
                self.audit("contact_link", found[0], "update", {"strength": found[1]}, {"strength": row.strength})
                self.report.count("links").updated += 1
            else:
                self.report.count("links").unchanged += 1

