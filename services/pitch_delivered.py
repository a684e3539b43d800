"""What a rep does with a pitch card: "I pitched these" (or one point), recorded once per meeting."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, tzinfo

from domain.outbox import PITCH, SENT, Delivery
from domain.pitch_reminders import delivered_key
from services.meetings import pitch_press_refused
from services.pitch_reminders import PitchReminderCard, card_json, card_of_pitch
from services.record_pitches import local_day
from storage.uow import UnitOfWork

NOT_YOURS = "not_yours"
MEETING_CHANNEL = "meeting"  # what a delivery marked from the card went through


class PitchCardNotFound(LookupError):
    """No sent pitch card with this id in the workspace."""


@dataclass(frozen=True)
class PitchOutcome:
    """The card to show after a press, and a notice for the presser when nothing was done."""

    card: PitchReminderCard | None
    notice: str | None = None


def sent_pitch_card(uow: UnitOfWork, delivery_id: int, zone: tzinfo) -> tuple[Delivery, PitchReminderCard]:
    """The pitch card a rep pressed a button on, as it was sent; PitchCardNotFound when there is none."""
    delivery = uow.outbox.get(delivery_id)
    card = card_of_pitch(delivery, zone) if delivery is not None and delivery.kind == PITCH else None
    if delivery is None or card is None or delivery.state != SENT:
        raise PitchCardNotFound(str(delivery_id))
    return delivery, card


def mark_pitched(*, uow: UnitOfWork, delivery_id: int, actor: str, now: datetime, zone: tzinfo,
                 point: tuple[int, int] | None = None) -> PitchOutcome:
    """Record that each person in the meeting heard the points the card showed them (or only `point`:
    (member, point) by position); a meeting's points count once however often, and on whichever card, it is pressed.
    Not before the meeting has begun, nor for one moved or cancelled: nobody heard anything there."""
    with uow:
        delivery, card = sent_pitch_card(uow, delivery_id, zone)
        if delivery.recipient_slack_id != actor:
            return PitchOutcome(None, NOT_YOURS)
        if refused := pitch_press_refused(uow, card.meeting_id, now=now, zone=zone):
            return PitchOutcome(None, refused)
        marked = list(card.pitched)
        start, end = local_day(now.astimezone(zone).date(), zone)
        logged = uow.pitch_deliveries.heard_between([m.contact_id for m in card.members], start=start, end=end,
                                                    from_logs=True)  # a log of this meeting told these already
        for m, member in enumerate(card.members):
            lines = [p for i, p in enumerate(member.points) if point is None or point == (m, i)]
            uow.pitch_deliveries.record(contact_ids=[member.contact_id],
                                        points=[(p.proposition_id, p.text) for p in lines], deal_id=member.deal_id,
                                        channel=MEETING_CHANNEL, at=now, source_key=delivered_key(card.meeting_id),
                                        skip=logged)
            marked += [(member.contact_id, p.text) for p in lines]
        card = replace(card, pitched=tuple(dict.fromkeys(marked)),
                       pitched_at=now.astimezone(zone) if point is None else card.pitched_at)
        uow.outbox.set_payload(delivery.id, {**delivery.payload, "card": card_json(card)})
        uow.commit()
    return PitchOutcome(card)
