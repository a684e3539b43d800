"""Who heard which point, from a confirmed log: each pitched phrase is the library point it matches (preferring the
pitches chosen for the log's deal), or itself; one touch counts each point once, however it is told."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, time, timedelta, tzinfo

from domain.entities import Interaction
from domain.pitches import matching_point
from services.users import first_known_zone
from storage.uow import UnitOfWork

NOON = time(12, 0)


def heard_at(occurred_on: date, *, now: datetime, tz: str | None) -> datetime:
    """When a log's points were heard: now for a touch of today, else noon of its day in the rep's zone."""
    zone = first_known_zone(tz)
    if occurred_on >= now.astimezone(zone).date():
        return now
    return datetime.combine(occurred_on, NOON, zone)


def local_day(day: date, zone: tzinfo) -> tuple[datetime, datetime]:
    """The start and end of a day in the rep's zone: one occasion's span when a log and a card's button both tell it."""
    start = datetime.combine(day, time(0), zone)
    return start, datetime.combine(day + timedelta(days=1), time(0), zone)


def heard_by(contacts: Mapping[int, bool]) -> list[int]:
    """Who heard what was pitched: the people the log says were there, or everyone it names when it says none were."""
    return [c for c, present in contacts.items() if present] or list(contacts)


def occasion_key(interaction: Interaction) -> str:
    """What a touch's points are recorded under: the message that logged it, so the same message confirmed twice,
    or a thread reply adding to it, counts each point once."""
    if interaction.source_ts:
        return f"{interaction.source_channel}:{interaction.source_ts}"[:80]
    return f"interaction:{interaction.id}"


def record_pitched(uow: UnitOfWork, *, pitched: Iterable[str], contact_ids: Iterable[int], deal_id: int | None,
                   interaction: Interaction, now: datetime, tz: str | None) -> int:
    """Record that everyone in the interaction heard each pitched point, once per touch however often it is told;
    a point marked on that day's pitch card for the same person is not counted again. Returns how many
    (person, point) deliveries are new."""
    said = [p for p in dict.fromkeys(pitched) if p.strip()]
    if not said:
        return 0
    prefer = set(uow.deal_pitches.of_deal(deal_id).values()) if deal_id is not None else set()
    library = uow.propositions.all()
    points = []
    for phrase in said:
        match = matching_point(phrase, library, prefer)
        points.append((match[0].id, match[1]) if match else (None, phrase))
    listeners = list(dict.fromkeys(contact_ids))
    start, end = local_day(interaction.occurred_on, first_known_zone(tz))
    marked = uow.pitch_deliveries.heard_between(listeners, start=start, end=end, from_logs=False)
    return uow.pitch_deliveries.record(contact_ids=listeners, points=points, deal_id=deal_id,
                                       channel=interaction.channel, source_key=occasion_key(interaction),
                                       at=heard_at(interaction.occurred_on, now=now, tz=tz),
                                       interaction_id=interaction.id, skip=marked)
