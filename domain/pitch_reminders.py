"""When a rep hears about a meeting with a decision maker: the evening before and an hour before, once each."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

EVENING, SOON = "eve", "soon"
LEAD = timedelta(minutes=60)  # the second card: this long before the meeting's time
# A meeting logged after its evening slot still gets that card at once while there is time to prepare;
# closer than this, the 60-minute card alone says it.
PREPARE = timedelta(hours=2)


def parse_at(text: str | None) -> time | None:
    """"15:00" → 15:00; None for a meeting without a time or a time that cannot be read."""
    try:
        hours, minutes = (text or "").split(":")
        return time(int(hours), int(minutes))
    except ValueError:
        return None


@dataclass(frozen=True)
class MeetingTimes:
    """A meeting's day and clock time in the rep's zone, and the rep's evening and morning.

    Every moment it gives is in UTC: an hour before a meeting is sixty real minutes before it, also on the
    night the clocks change (wall-clock arithmetic on a zone's datetimes would put it at the start in spring)."""

    on: date
    at: time | None
    tz: str
    evening: time
    morning: time

    def _local(self, day: date, at: time) -> datetime:
        return datetime.combine(day, at, ZoneInfo(self.tz)).astimezone(UTC)

    @property
    def start(self) -> datetime | None:
        """When the meeting begins (None: no time was given)."""
        return None if self.at is None else self._local(self.on, self.at)

    @property
    def eve(self) -> datetime:
        """The evening before, at the rep's evening hour."""
        return self._local(self.on - timedelta(days=1), self.evening)

    @property
    def soon(self) -> datetime:
        """An hour before the meeting; without a time, the rep's morning of the day."""
        start = self.start
        return start - LEAD if start is not None else self._local(self.on, self.morning)

    @property
    def begins(self) -> datetime:
        """From when the meeting may have begun: its start, or the beginning of its day when it has no time."""
        return self.start or self._local(self.on, time(0))

    @property
    def over(self) -> datetime:
        """From when a card about it is too late: its start, or the end of its day when it has no time."""
        return self.start or self._local(self.on + timedelta(days=1), time(0))


def slots_due(times: MeetingTimes, now: datetime) -> list[tuple[str, datetime]]:
    """The reminder cards to plan, with when each is due: a slot still ahead at its time; the evening slot,
    once passed, at once while the meeting is more than PREPARE away; a slot otherwise past, not at all."""
    slots: list[tuple[str, datetime]] = []
    eve, soon, now = times.eve, times.soon, now.astimezone(UTC)
    if eve >= now:
        slots.append((EVENING, eve))
    elif (times.start or soon) - now > PREPARE:
        slots.append((EVENING, now))
    if soon >= now:
        slots.append((SOON, soon))
    return slots


@dataclass(frozen=True)
class Membership:
    """A contact's place in the decision chain of one open deal."""

    contact_id: int
    deal_id: int
    role: str
    stance: str


def members_in(deal_id: int | None, contact_ids: Sequence[int], places: Iterable[Membership], *,
               seen: Collection[int] | None = None, own: Collection[int] = ()) -> list[Membership]:
    """The meeting's people who are in a decision chain, once each, in the meeting's order: their place on the
    meeting's deal, or — a meeting on no deal — on an open deal the rep may see (`seen`; None: any), the rep's
    own first, else the first recorded."""
    first: dict[int, Membership] = {}
    for place in places:
        if place.contact_id not in contact_ids:
            continue
        if deal_id is not None:
            if place.deal_id == deal_id:
                first.setdefault(place.contact_id, place)
        elif seen is None or place.deal_id in seen:
            held = first.get(place.contact_id)
            if held is None or (place.deal_id in own and held.deal_id not in own):
                first[place.contact_id] = place
    return [first[c] for c in dict.fromkeys(contact_ids) if c in first]


def pitch_key(meeting_id: int, slot: str) -> str:
    """One card per meeting and slot, however often the planner looks."""
    return f"pitch:{meeting_id}:{slot}"


def delivered_key(meeting_id: int) -> str:
    """What "I pitched these" records under: the meeting, so both of its cards count once."""
    return f"meeting:{meeting_id}"
