"""The pitch card before a meeting, composed at send time: for each decision-chain member in it, who they
are, the last touch, the pitch for their role with what they have not heard first, and what they can move."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import date, datetime, tzinfo
from typing import Any

from domain.entities import Contact, Meeting, User
from domain.meeting_moves import PLANNED
from domain.outbox import Delivery
from domain.pitch_reminders import Membership
from domain.pitches import Proposition, open_points_for, points_to_say, spoken_length
from prompts import normalise_locale
from services.deal_pitches import pitches_by_role
from services.meeting_reminders import ReminderSettings, chain_members, meeting_times, meeting_zone
from services.nudges import topic_of
from storage import repos_meeting_plan as store
from storage.uow import UnitOfWork

log = logging.getLogger("rapport.nudges")


@dataclass(frozen=True)
class PointLine:
    """One point of a person's pitch, with what they have heard of it (times 0: never)."""

    text: str
    proposition_id: int | None
    times: int = 0
    last: date | None = None  # in the rep's zone
    channels: tuple[str, ...] = ()


@dataclass(frozen=True)
class MemberBrief:
    """One decision-chain member of the meeting, as the card briefs the rep on them."""

    contact_id: int
    name: str
    title: str | None
    role: str
    stance: str
    last_on: date | None = None
    last_channel: str | None = None
    last_topic: str | None = None
    proposition: str | None = None  # the pitch's title; None: the library has nothing for them yet
    seconds: int | None = None
    points: tuple[PointLine, ...] = ()
    open_points: tuple[str, ...] = ()
    deal_id: int | None = None  # the deal whose chain they are in


@dataclass(frozen=True)
class PitchReminderCard:
    """A card before one meeting: when, with whom, and a brief per chain member; what the rep marked pitched."""

    delivery_id: int
    slot: str  # eve / soon
    meeting_id: int
    on: date
    at: str | None
    today: date  # the rep's day when the card was composed: "tomorrow" is read against it
    account: str | None
    deal: str | None
    topic: str | None
    members: tuple[MemberBrief, ...]
    pitched: tuple[tuple[int, str], ...] = ()  # (contact, point) the rep marked as pitched from a card of this meeting
    pitched_at: datetime | None = None  # "I pitched these", in the rep's zone
    cancelled_at: datetime | None = None  # the rep pressed Cancelled, in the rep's zone


@dataclass(frozen=True)
class ComposedPitch:
    """The card to post, in the rep's language, and the payload kept as what was sent."""

    card: PitchReminderCard
    locale: str
    payload: dict[str, Any]


def compose_pitch(*, uow: UnitOfWork, delivery: Delivery, now: datetime, default_tz: str,
                  default_locale: str) -> ComposedPitch | None:
    """The card of one due pitch reminder, as of now; None when the meeting is gone, moved, cancelled or begun, or
    has no chain member."""
    with uow:
        rep = uow.users.get(delivery.recipient_slack_id) or User(delivery.recipient_slack_id)
        meeting = uow.meetings.get(int(delivery.payload.get("meeting_id") or 0))
        if meeting is None or meeting.state != PLANNED:
            log.info("pitch reminder %s not sent: its meeting is %s", delivery.id, meeting.state if meeting else "gone")
            return None
        zone = meeting_zone(meeting.tz, rep.tz, default_tz)
        if now >= meeting_times(meeting.on, meeting.at, zone, ReminderSettings()).over:
            log.info("pitch reminder %s not sent: meeting %s has begun", delivery.id, meeting.id)
            return None
        places = chain_members(uow, rep=meeting.rep_slack_id, deal_id=meeting.deal_id, contact_ids=meeting.contact_ids,
                               places=store.memberships(uow.session, uow.workspace_id, meeting.contact_ids))
        if not places:
            log.info("pitch reminder %s not sent: no one in meeting %s is in a decision chain", delivery.id, meeting.id)
            return None
        card = _card(uow, delivery, meeting, places, now.astimezone(zone))
    locale = normalise_locale(rep.locale, default_locale)
    return ComposedPitch(card, locale, {**delivery.payload, "locale": locale, "card": card_json(card)})


def _card(uow: UnitOfWork, delivery: Delivery, meeting: Meeting, places: list[Membership],
          now: datetime) -> PitchReminderCard:
    deal = uow.deals.get(meeting.deal_id or places[0].deal_id)
    account = uow.accounts.get(meeting.account_id or (deal.account_id if deal else 0) or 0)
    heard = uow.pitch_deliveries.heard([p.contact_id for p in places])
    by_deal: dict[int, dict[str, Proposition | None]] = {}  # one read of each deal's pitches per card
    members = []
    for place in places:
        contact = uow.contacts.get(place.contact_id)
        if contact is not None:
            members.append(_brief(uow, place, contact, by_deal, heard.get(contact.id, {}), now.tzinfo))
    return PitchReminderCard(delivery.id, str(delivery.payload.get("slot") or ""), meeting.id, meeting.on, meeting.at,
                             now.date(), account.name if account else None, deal.name if deal else None,
                             meeting.topic, tuple(members))


def _brief(uow: UnitOfWork, place: Membership, contact: Contact, by_deal: dict[int, dict[str, Proposition | None]],
           heard: dict[str, Any], zone: tzinfo | None) -> MemberBrief:
    last = next(iter(uow.interactions.history_of(contact.id, limit=1)), None)
    states = {k: cp.state for k, cp in uow.control_points.of_deal(place.deal_id).items()}
    stance = place.stance if place.stance not in ("", "unknown") else contact.stance
    brief = MemberBrief(contact.id, contact.name, contact.title, place.role, stance or "unknown",
                        last.occurred_on if last else None, last.channel if last else None,
                        topic_of(last, contact) if last else None, open_points=open_points_for(place.role, states),
                        deal_id=place.deal_id)
    prop = pitch_for(uow, place, by_deal)
    if prop is None:
        return brief
    lines = tuple(PointLine(p.point, prop.id, p.heard.times, p.heard.last.astimezone(zone).date(), p.heard.channels)
                  if p.heard else PointLine(p.point, prop.id) for p in points_to_say(prop.points, heard))
    return replace(brief, proposition=prop.title, seconds=spoken_length(prop.points).seconds, points=lines)


def pitch_for(uow: UnitOfWork, place: Membership, by_deal: dict[int, dict[str, Proposition | None]]) -> Proposition | None:
    """The proposition a chain member hears: the deal card's pitch for their role (chosen, else the best suggestion)."""
    if place.deal_id not in by_deal:
        by_deal[place.deal_id] = pitches_by_role(uow, place.deal_id)
    return by_deal[place.deal_id].get(place.role)


def card_json(card: PitchReminderCard) -> dict[str, Any]:
    """The card as its delivery's payload keeps it (dates as ISO text)."""
    return {"delivery_id": card.delivery_id, "slot": card.slot, "meeting_id": card.meeting_id,
            "on": card.on.isoformat(), "at": card.at, "today": card.today.isoformat(), "account": card.account,
            "deal": card.deal, "topic": card.topic, "members": [_member_json(m) for m in card.members],
            "pitched": [list(p) for p in card.pitched],
            "pitched_at": card.pitched_at.isoformat() if card.pitched_at else None,
            "cancelled_at": card.cancelled_at.isoformat() if card.cancelled_at else None}


def _member_json(m: MemberBrief) -> dict[str, Any]:
    return {**{k: getattr(m, k) for k in ("contact_id", "name", "title", "role", "stance", "last_channel",
                                          "last_topic", "proposition", "seconds", "deal_id")},
            "last_on": m.last_on.isoformat() if m.last_on else None, "open_points": list(m.open_points),
            "points": [{"text": p.text, "proposition_id": p.proposition_id, "times": p.times,
                        "last": p.last.isoformat() if p.last else None, "channels": list(p.channels)}
                       for p in m.points]}


def card_of_pitch(delivery: Delivery, zone: tzinfo) -> PitchReminderCard | None:
    """The card a sent pitch reminder shows, from what its payload kept; None when it kept none."""
    c = delivery.payload.get("card")
    if not isinstance(c, dict):
        return None
    members = tuple(MemberBrief(
        int(m["contact_id"]), str(m["name"]), m.get("title"), str(m["role"]), str(m.get("stance") or "unknown"),
        _day(m.get("last_on")), m.get("last_channel"), m.get("last_topic"), m.get("proposition"), m.get("seconds"),
        tuple(PointLine(str(p["text"]), p.get("proposition_id"), int(p.get("times") or 0), _day(p.get("last")),
                        tuple(p.get("channels") or ())) for p in m.get("points") or ()),
        tuple(m.get("open_points") or ()), m.get("deal_id")) for m in c.get("members") or ())
    at, off = (datetime.fromisoformat(c[k]).astimezone(zone) if c.get(k) else None for k in ("pitched_at", "cancelled_at"))
    return PitchReminderCard(delivery.id, str(c.get("slot") or ""), int(c["meeting_id"]), _day(c["on"]) or date.min,
                             c.get("at"), _day(c.get("today")) or date.min, c.get("account"), c.get("deal"),
                             c.get("topic"), members, tuple((int(a), str(b)) for a, b in c.get("pitched") or ()), at, off)


def _day(text: Any) -> date | None:
    try:
        return date.fromisoformat(str(text)) if text else None
    except ValueError:
        return None
