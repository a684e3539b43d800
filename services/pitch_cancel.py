"""The pitch card's Cancelled: the rep calls the meeting off, so none of its cards still to come is sent."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, tzinfo

from domain.entities import SourceMessage
from domain.meeting_moves import CANCELLED
from services.meetings import OVER, cancel_meeting
from services.pitch_delivered import NOT_YOURS, PitchOutcome, sent_pitch_card
from services.pitch_reminders import card_json
from storage.uow import UnitOfWork


def cancel_from_card(*, uow: UnitOfWork, delivery_id: int, actor: str, now: datetime, zone: tzinfo,
                     source: SourceMessage) -> PitchOutcome:
    """The rep cancels the meeting a sent pitch card is about, audited; the card then says so and offers nothing.
    Pressed again on the same card it changes nothing; on a meeting moved or cancelled since, it says so."""
    with uow:
        delivery, card = sent_pitch_card(uow, delivery_id, zone)
        if delivery.recipient_slack_id != actor:
            return PitchOutcome(None, NOT_YOURS)
        if card.cancelled_at is not None:
            return PitchOutcome(card)
        if not cancel_meeting(uow, card.meeting_id, actor=actor, now=now, source=source):
            meeting = uow.meetings.get(card.meeting_id)
            if meeting is None or meeting.state != CANCELLED:
                return PitchOutcome(None, OVER)
        card = replace(card, cancelled_at=now.astimezone(zone))
        uow.outbox.set_payload(delivery.id, {**delivery.payload, "card": card_json(card)})
        uow.commit()
    return PitchOutcome(card)
