"""A contact's dates to remember: work anniversaries, promotions and the rep's custom dates."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select

from domain.contact_dates import same_date
from domain.occasions import CustomDate
from storage.repo_base import Repository
from storage.rows_pipeline import OccasionRow


def _date(row: OccasionRow) -> CustomDate:
    return CustomDate(row.kind, row.month, row.day, row.year, row.label or "", bool(row.lunar))


class OccasionsRepo(Repository):
    """The occasions table, one workspace at a time."""

    def of_contacts(self, contact_ids: Iterable[int]) -> dict[int, list[CustomDate]]:
        """The dates kept for these contacts, by contact, in the order they were added."""
        ids = sorted(set(contact_ids))
        if not ids:
            return {}
        q = (select(OccasionRow).where(OccasionRow.workspace_id == self.ws, OccasionRow.contact_id.in_(ids))
             .order_by(OccasionRow.id))
        out: dict[int, list[CustomDate]] = {}
        for row in self.session.scalars(q):
            out.setdefault(row.contact_id, []).append(_date(row))
        return out

    def of_contact(self, contact_id: int) -> list[CustomDate]:
        """The dates kept for one contact."""
        return self.of_contacts([contact_id]).get(contact_id, [])

    def add(self, contact_id: int, item: CustomDate) -> int | None:
        """Keep a date for a contact; None when the same occasion is already kept for them."""
        if any(same_date(item, known) for known in self.of_contact(contact_id)):
            return None
        row = OccasionRow(workspace_id=self.ws, contact_id=contact_id, kind=item.kind, month=item.month,
                          day=item.day, lunar=item.lunar, year=item.year, label=item.label.strip() or None)
        self.session.add(row)
        self.session.flush()
        return row.id
