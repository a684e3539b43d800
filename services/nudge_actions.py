"""What a rep does with a nudge card: Mark sent (a touch is logged), Edit, Snooze to their next morning, Skip."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any

from domain.compliance import ComplianceRules, clean_notes, screen
from domain.entities import AuditEntry, Contact, Interaction, SourceMessage
from domain.mornings import parse_morning
from domain.outbox import GREETING, SENT, TOUCH, Delivery
from prompts import t
from services.nudges import GreetingCard, TouchCard, card_of, occasion_name
from storage.uow import UnitOfWork

MORNING = "08:30"
NOT_YOURS, ALREADY, NOT_GREETING = "not_yours", "already", "not_greeting"
# What the rep decided; a snoozed card is done too: its copy carries on the next morning.
DECIDED = ("sent", "skipped", "snoozed")
# Cleared from a snoozed copy: they describe what happened to the first card, not to the copy.
_DECISION_KEYS = ("outcome", "decided_at", "snoozed_until", "interaction_id")


class NudgeNotFound(LookupError):
    """No sent nudge card with this id in the workspace."""


@dataclass(frozen=True)
class NudgeOutcome:
    """The card to show after a press, and a notice for the presser when nothing (or not all) was done."""

    card: GreetingCard | TouchCard | None
    notice: str | None = None
    detail: str = ""


def mark_sent(*, uow: UnitOfWork, delivery_id: int, actor: str, now: datetime, today: date, zone: tzinfo,
              locale: str, source: SourceMessage) -> NudgeOutcome:
    """Mark sent: the greeting is logged once as a touch with the contact, audited from the card's message."""
    with uow:
        delivery = _pressed(uow, delivery_id)
        refused = _refusal(uow, delivery, actor, (GREETING,), now=now, deciding=True)
        if refused:
            return _refused(delivery, refused, zone)
        contact = uow.contacts.get(int(delivery.payload.get("contact_id") or 0))
        payload = _decision(delivery, "sent", now)
        if contact is not None:
            payload["interaction_id"] = _log_touch(uow, delivery, contact, actor=actor, now=now, today=today,
                                                   locale=locale, source=source).id
        uow.outbox.set_payload(delivery.id, payload)
        uow.commit()
    return NudgeOutcome(card_of(replace(delivery, payload=payload), zone), None if contact else "contact_gone")


def skip_nudge(*, uow: UnitOfWork, delivery_id: int, actor: str, now: datetime, zone: tzinfo) -> NudgeOutcome:
    """Skip: nothing is logged, and the card says so."""
    with uow:
        delivery = _pressed(uow, delivery_id)
        refused = _refusal(uow, delivery, actor, (GREETING, TOUCH), now=now, deciding=True)
        if refused:
            return _refused(delivery, refused, zone)
        payload = _decision(delivery, "skipped", now)
        uow.outbox.set_payload(delivery.id, payload)
        uow.commit()
    return NudgeOutcome(card_of(replace(delivery, payload=payload), zone))


def snooze_nudge(*, uow: UnitOfWork, delivery_id: int, actor: str, now: datetime, zone: tzinfo,
                 morning: str = MORNING) -> NudgeOutcome:
    """Snooze: the same nudge again at the rep's next morning; the card says until when."""
    until = next_morning(now, zone, morning)
    with uow:
        delivery = _pressed(uow, delivery_id)
        refused = _refusal(uow, delivery, actor, (GREETING, TOUCH), now=now, deciding=True)
        if refused:
            return _refused(delivery, refused, zone)
        rep_day = until.astimezone(zone).date().isoformat()
        kept = {k: v for k, v in delivery.payload.items() if k not in _DECISION_KEYS}
        uow.outbox.enqueue(Delivery(delivery.workspace_id, delivery.kind, delivery.recipient_slack_id, until,
                                    f"{delivery.idempotency_key}:snooze:{rep_day}",
                                    {**kept, "rep_day": rep_day, "snoozed_from": delivery.id}))
        payload = {**_decision(delivery, "snoozed", now), "snoozed_until": until.isoformat()}
        uow.outbox.set_payload(delivery.id, payload)
        uow.commit()
    return NudgeOutcome(card_of(replace(delivery, payload=payload), zone))


def edit_greeting(*, uow: UnitOfWork, delivery_id: int, actor: str, text: str, zone: tzinfo,
                  rules: ComplianceRules | None = None) -> NudgeOutcome:
    """Edit: the rep's own words replace the draft (what must never be stored is left out, and said so)."""
    with uow:
        delivery = _pressed(uow, delivery_id)
        refused = _refusal(uow, delivery, actor, (GREETING,))
        if refused:
            return _refused(delivery, refused, zone)
        screening = screen(text, rules)
        words = clean_notes(text, screening)
        if not words:
            return NudgeOutcome(card_of(delivery, zone), "empty_draft")
        payload = {**delivery.payload, "draft": words, "edited": True}
        uow.outbox.set_payload(delivery.id, payload)
        uow.commit()
    reasons = "; ".join(dict.fromkeys(f.reason for f in screening.flags))
    return NudgeOutcome(card_of(replace(delivery, payload=payload), zone), "left_out" if reasons else None, reasons)


def nudge_card(*, uow: UnitOfWork, delivery_id: int, actor: str, kinds: tuple[str, ...], zone: tzinfo) -> NudgeOutcome:
    """The card as it stands, for its recipient: to fill the Edit dialog or start the log of a touch."""
    with uow:
        delivery = _pressed(uow, delivery_id)
        refused = _refusal(uow, delivery, actor, kinds)
    return _refused(delivery, refused, zone) if refused else NudgeOutcome(card_of(delivery, zone))


def next_morning(now: datetime, zone: tzinfo, morning: str = MORNING) -> datetime:
    """The rep's next morning: tomorrow at `morning` (HH:MM) in their zone, as a UTC instant."""
    tomorrow = now.astimezone(zone).date() + timedelta(days=1)  # RAPPORT_MORNING is checked by the settings
    return datetime.combine(tomorrow, parse_morning(morning), tzinfo=zone).astimezone(UTC)


def _pressed(uow: UnitOfWork, delivery_id: int) -> Delivery:
    delivery = uow.outbox.get(delivery_id)
    if delivery is None or delivery.state != SENT or delivery.kind not in (GREETING, TOUCH):
        raise NudgeNotFound(str(delivery_id))
    return delivery


def _refusal(uow: UnitOfWork, delivery: Delivery, actor: str, kinds: tuple[str, ...], *,
             now: datetime | None = None, deciding: bool = False) -> str | None:
    """Why this press changes nothing: someone else's card, the wrong kind, or already decided."""
    if delivery.recipient_slack_id != actor:
        return NOT_YOURS
    if delivery.kind not in kinds:
        return NOT_GREETING
    if delivery.payload.get("outcome") in DECIDED:
        return ALREADY
    # Two presses racing past the check above: the first to record the decision wins, the other is told.
    if deciding and now is not None and not uow.events.first_time(f"nudge:{delivery.id}:decided", now=now):
        return ALREADY
    return None


def _refused(delivery: Delivery, reason: str, zone: tzinfo) -> NudgeOutcome:
    # A stranger is told so and sees nothing of the card; the recipient gets the card as it stands.
    return NudgeOutcome(None if reason == NOT_YOURS else card_of(delivery, zone), reason)


def _decision(delivery: Delivery, outcome: str, now: datetime) -> dict[str, Any]:
    return {**delivery.payload, "outcome": outcome, "decided_at": now.isoformat()}


def _log_touch(uow: UnitOfWork, delivery: Delivery, contact: Contact, *, actor: str, now: datetime, today: date,
               locale: str, source: SourceMessage) -> Interaction:
    """One interaction with the contact (it counts for frequency), audited with the card's message."""
    p = delivery.payload
    occasion = occasion_name(str(p.get("occasion") or ""), str(p.get("label") or ""), locale)
    summary = t(locale, "nudge.touch_summary", occasion=occasion or t(locale, "nudge.occasion_custom"))
    interaction = uow.interactions.add(rep_slack_id=actor, occurred_on=today, channel="message", summary=summary,
                                       now=now, account_id=contact.account_id, contacts={contact.id: True},
                                       pitched=(), source=source)
    if contact.account_id and uow.accounts.join_team(contact.account_id, actor):
        # Logging a touch at an account puts the rep on its team, as a confirmed log does.
        uow.audit.record(AuditEntry(actor, now, "account", contact.account_id, "update", None,
                                    {"team_added": actor}, source))
    uow.audit.record(AuditEntry(actor, now, "interaction", interaction.id, "create", None,
                                {"occurred_on": today.isoformat(), "channel": "message", "summary": summary,
                                 "contacts": [contact.name], "delivery_id": delivery.id}, source))
    return interaction
