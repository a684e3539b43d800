"""`rapport export --csv DIR`: accounts.csv, contacts.csv and links.csv in the columns `rapport import` reads."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from storage.repos_import import ImportRepo
from storage.uow import UnitOfWork

ACCOUNT_COLUMNS = ("name", "aliases", "industry", "region", "owner")
CONTACT_COLUMNS = ("name", "account", "department", "title", "aliases", "stance", "importance", "closeness",
                   "trust_stage", "birthday", "birthday_lunar", "email", "phone", "do_not_contact", "owner")
LINK_COLUMNS = ("from", "from_account", "kind", "to", "to_account", "strength")


def export_csv(*, uow: UnitOfWork, folder: Path) -> dict[str, int]:
    """Write the three files (UTF-8 with a BOM, so Excel shows Chinese right); returns rows per file."""
    with uow:
        repo = ImportRepo(uow.session, uow.workspace_id)
        users = repo.users()

        def person(slack_id: str | None) -> str | None:
            return None if slack_id is None else users.get(slack_id) or slack_id

        accounts = [(a.name, a.aliases, a.industry, a.region, person(a.owner_slack_id)) for a in uow.accounts.all()]
        contacts = uow.contacts.all()
        details = repo.details()
        people = [(c.name, c.account_name, c.department, c.title, c.aliases, c.stance, c.importance, c.closeness,
                   c.trust_stage, c.birthday, c.birthday_lunar, details.get(c.id, {}).get("email"),
                   details.get(c.id, {}).get("phone"), c.do_not_contact, person(c.owner_slack_id)) for c in contacts]
        by_id = {c.id: c for c in contacts}
        links = [(by_id[a].name, by_id[a].account_name, kind, by_id[b].name, by_id[b].account_name, strength)
                 for _i, a, kind, b, strength in repo.links()]
    folder.mkdir(parents=True, exist_ok=True)
    return {"accounts.csv": _write(folder / "accounts.csv", ACCOUNT_COLUMNS, accounts),
            "contacts.csv": _write(folder / "contacts.csv", CONTACT_COLUMNS, people),
            "links.csv": _write(folder / "links.csv", LINK_COLUMNS, links)}


def _write(path: Path, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        out = csv.writer(f)
        out.writerow(header)
        n = 0
        for row in rows:
            out.writerow([_cell(v) for v in row])
            n += 1
    return n


def _cell(value: Any) -> str:
    """Lists as `a; b`, yes/no for flags, empty for unknown."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, tuple | list):
        return "; ".join(str(v) for v in value)
    return str(value)
