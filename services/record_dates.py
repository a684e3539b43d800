"""Keeping a contact's dates to remember, each audited, and the congratulation a fresh promotion calls for."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from domain.contact_dates import first_morning_after, promotion_news
from domain.entities import AuditEntry, Contact, SourceMessage
from domain.mornings import greeting_key, parse_morning
from domain.occasions import CustomDate, label_for
from domain.outbox import GREETING, Delivery
from storage.uow import UnitOfWork


def date_record(item: CustomDate) -> dict[str, Any]:
    """A date as the audit log and the person card's history keep it."""
    return {"kind": item.kind, "month": item.month, "day": item.day, "year": item.year, "lunar": item.lunar,
            "label": item.label or None}


def keep_date(uow: UnitOfWork, *, contact_id: int, item: CustomDate, actor: str, now: datetime,
              source: SourceMessage) -> bool:
    """Keep one date of a contact unless it is kept already, audited as a change to the contact; True when kept."""
    if uow.occasions.add(contact_id, item) is None:
        return False
    uow.audit.record(AuditEntry(actor, now, "contact", contact_id, "update", None, {"occasion": date_record(item)},
                                source))
    return True


def congratulate(uow: UnitOfWork, *, contact: Contact, item: CustomDate, rep: str, now: datetime, tz: str,
                 morning: str) -> bool:
    """Queue a congratulation draft for the rep's first morning when a promotion is still news; True when queued."""
    day = promotion_news(item, now.astimezone(ZoneInfo(tz)).date())
    if day is None or contact.do_not_contact:
        return False
    at = first_morning_after(now, tz, parse_morning(morning))
    payload = {"contact_id": contact.id, "occasion": item.kind, "day": day.isoformat(),
               "label": label_for(item.kind, contact.locale), "rep_day": at.astimezone(ZoneInfo(tz)).date().isoformat()}
    return uow.outbox.enqueue(Delivery(uow.workspace_id, GREETING, rep, at, greeting_key(contact.id, item.kind, day),
                                       payload))
