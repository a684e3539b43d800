"""Who heard which point, from a confirmed log: each pitched phrase is the library point it matches, or itself."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from domain.entities import SourceMessage
from domain.pitches import matching_point
from storage.uow import UnitOfWork

NOON = time(12, 0)


def heard_at(occurred_on: date, *, now: datetime, tz: str | None) -> datetime:
    """When a log's points were heard: now for a touch of today, else noon of its day in the rep's zone."""
    try:
        zone = ZoneInfo(tz or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo("UTC")
    if occurred_on >= now.astimezone(zone).date():
        return now
    return datetime.combine(occurred_on, NOON, zone)


def heard_by(contacts: Mapping[int, bool]) -> list[int]:
    """Who heard what was pitched: the people the log says were there, or everyone it names when it says none were."""
    return [c for c, present in contacts.items() if present] or list(contacts)


def record_pitched(uow: UnitOfWork, *, pitched: Iterable[str], contact_ids: Iterable[int], deal_id: int | None,
                   channel: str, at: datetime, source: SourceMessage, interaction_id: int) -> int:
    """Record that everyone in the interaction heard each pitched point; a log's message counts once, however
    often it is confirmed. Returns how many (person, point) deliveries are new."""
    said = [p for p in dict.fromkeys(pitched) if p.strip()]
    if not said:
        return 0
    library = uow.propositions.all()
    points = []
    for phrase in said:
        match = matching_point(phrase, library)
        points.append((match[0].id, match[1]) if match else (None, phrase))
    key = f"{source.channel}:{source.ts}" if source.ts else f"interaction:{interaction_id}"
    return uow.pitch_deliveries.record(contact_ids=contact_ids, points=points, deal_id=deal_id, channel=channel,
                                       at=at, source_key=key[:80], interaction_id=interaction_id)
