"""Nudge cards composed at send time: a greeting draft, a keep-in-touch reminder, the morning digest."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from domain.entities import Contact, Interaction, User
from domain.greetings import GreetingRequest
from domain.occasions import LABELS
from domain.outbox import DIGEST, GREETING, TOUCH, Delivery
from domain.touch_plan import cadence_for
from domain.trust import trust_scores
from prompts import normalise_locale
from prompts.greetings import draft
from services.my_day import MyDay, my_day
from services.users import user_zone
from storage.uow import UnitOfWork

log = logging.getLogger("rapport.nudges")

_CLAUSE = re.compile(r"[。！？；;!?\n]|\.\s")
_CJK = re.compile(r"[\u4e00-\u9fff]")
# "上次与您交流{topic}" / "our chat about {topic}" already say they talked: the note's own verb is dropped.
_TALKED = re.compile(r"^(?:(?:讨论|交流|沟通|聊|谈|介绍)(?:了|到|起)?|(?:discussed|talked about|went through|chatted about)\s+)",
                     re.I)
TOPIC_MAX = (20, 60)  # characters of a topic worth recalling in a greeting: Chinese, Latin
PREVIOUS_WITHIN = timedelta(days=730)  # the last greeting worth not repeating: a year's occasions and then some
NOTE_MAX = 200  # characters of the last note a touch reminder shows


@dataclass(frozen=True)
class Composed:
    """What the worker posts for one delivery (a card, in the rep's language) and the payload it stores once sent."""

    card: GreetingCard | TouchCard | DigestCard
    locale: str
    payload: dict[str, Any]


@dataclass(frozen=True)
class Who:
    """The person a nudge is about, as its card names them."""

    contact_id: int
    name: str
    title: str | None = None
    account: str | None = None


@dataclass(frozen=True)
class GreetingCard:
    """A greeting draft's card: who, the occasion and its day, the words, and what the rep did with it."""

    delivery_id: int
    who: Who
    occasion: str
    label: str
    day: date | None
    draft: str
    outcome: str | None = None  # sent / skipped / snoozed
    until: datetime | None = None  # snoozed until, in the rep's zone


@dataclass(frozen=True)
class TouchCard:
    """A keep-in-touch reminder: how long since the last touch, the rhythm, and what would raise trust."""

    delivery_id: int
    who: Who
    cadence_days: int | None
    days_since: int | None
    last_note: str | None
    weakest: str
    outcome: str | None = None
    until: datetime | None = None


@dataclass(frozen=True)
class DigestCard:
    """The morning digest: the rep's day."""

    day: MyDay


def compose(*, uow: UnitOfWork, delivery: Delivery, now: datetime, default_tz: str,
            default_locale: str) -> Composed | None:
    """The card for one due delivery, as of now; None when it no longer applies (say why in a log line)."""
    with uow:
        rep = uow.users.get(delivery.recipient_slack_id) or User(delivery.recipient_slack_id)
    locale, zone = normalise_locale(rep.locale, default_locale), user_zone(rep, default_tz)
    today = now.astimezone(zone).date()
    if delivery.kind == DIGEST:
        day = my_day(uow=uow, rep_slack_id=rep.slack_user_id, today=delivery.day("rep_day") or today)
        if day.empty:
            log.info("digest %s for %s not sent: nothing to do on %s", delivery.id, rep.slack_user_id, day.today)
            return None
        return _rendered(DigestCard(day), locale, {**delivery.payload, "locale": locale})
    with uow:
        decided = _decide(uow, delivery, rep, today)
    if decided is None:
        return None
    payload = {**delivery.payload, **decided, "locale": locale}
    return _rendered(card_of(replace(delivery, payload=payload), zone), locale, payload)


def _rendered(card: GreetingCard | TouchCard | DigestCard, locale: str, payload: dict[str, Any]) -> Composed:
    return Composed(card, locale, payload)  # Block Kit is built by the caller, from handlers/blocks/nudges.py


def _decide(uow: UnitOfWork, delivery: Delivery, rep: User, today: date) -> dict[str, Any] | None:
    if delivery.kind not in (GREETING, TOUCH):
        log.warning("delivery %s has kind %r, which has no card; not sent", delivery.id, delivery.kind)
        return None
    contact = uow.contacts.get(int(delivery.payload.get("contact_id") or 0))
    if contact is None or contact.do_not_contact:
        log.info("%s %s for contact %s not sent: the contact is %s", delivery.kind, delivery.id,
                 delivery.payload.get("contact_id"), "gone" if contact is None else "do-not-contact")
        return None
    if delivery.kind == GREETING:
        return _greeting(uow, delivery, contact, rep)
    return _touch(uow, delivery, contact, today)


def _greeting(uow: UnitOfWork, delivery: Delivery, contact: Contact, rep: User) -> dict[str, Any]:
    p = delivery.payload
    if p.get("snoozed_from") and p.get("draft"):  # a snoozed draft comes back as the rep left it, edits kept
        return {"who": _who(contact)}
    previous = _previous_greeting(uow, delivery, contact.id)
    history = uow.interactions.history_of(contact.id, limit=1)
    day = delivery.day("day")
    request = GreetingRequest(
        occasion=str(p.get("occasion") or "custom"), name=contact.name, title=contact.title,
        trust_stage=contact.trust_stage, last_topic=topic_of(history[0], contact) if history else None,
        locale=contact.locale, previous_variant=previous.get("variant"), year=day.year if day else None,
        label=str(p.get("label") or "") or None, sender=rep.name or None)
    plan, text = draft(request)
    if text == previous.get("draft"):  # never the same words twice in a row, whatever the templates say
        plan, text = draft(replace(request, previous_variant=plan.variant))
    return {"who": _who(contact), "draft": text, "variant": plan.variant}


def _previous_greeting(uow: UnitOfWork, delivery: Delivery, contact_id: int) -> dict[str, Any]:
    """The payload of the last greeting sent to this rep for the same contact within two years, or {}."""
    # Every greeting to a contact, snoozed copies too, is keyed greeting:<contact>:… (domain.mornings.greeting_key).
    sent = uow.outbox.sent_with_prefix(delivery.recipient_slack_id, f"{GREETING}:{contact_id}:",
                                       since=delivery.due_at - PREVIOUS_WITHIN)
    return next((d.payload for d in sent if d.id != delivery.id and d.payload.get("variant")), {})


def _touch(uow: UnitOfWork, delivery: Delivery, contact: Contact, today: date) -> dict[str, Any] | None:
    history = uow.interactions.history_of(contact.id)
    due_on = delivery.day("due_on")
    if due_on is not None and history and history[0].occurred_on >= due_on:
        log.info("touch %s for contact %s not sent: touched on %s, after it fell due on %s", delivery.id,
                 contact.id, history[0].occurred_on, due_on)
        return None
    cadence = int(delivery.payload.get("cadence_days") or 0) or cadence_for(contact.importance, contact.trust_stage)
    last = history[0] if history else None
    return {"who": _who(contact), "cadence_days": cadence, "days_since": (today - last.occurred_on).days if last else None,
            "last_note": _first_line(last.summary, NOTE_MAX) if last else None,
            "weakest": trust_scores(contact, history, today, cadence).weakest.dimension}


def card_of(delivery: Delivery, zone: tzinfo) -> GreetingCard | TouchCard:
    """The card a greeting or touch delivery shows: what compose stored and what the rep decided since."""
    p = delivery.payload
    who = p.get("who") or {}
    person = Who(int(p.get("contact_id") or 0), str(who.get("name") or ""), who.get("title"), who.get("account"))
    until = datetime.fromisoformat(p["snoozed_until"]).astimezone(zone) if p.get("snoozed_until") else None
    if delivery.kind == GREETING:
        return GreetingCard(delivery.id, person, str(p.get("occasion") or "custom"), str(p.get("label") or ""),
                            delivery.day("day"), str(p.get("draft") or ""), p.get("outcome"), until)
    cadence = int(p.get("cadence_days") or 0) or None
    return TouchCard(delivery.id, person, cadence, p.get("days_since"), p.get("last_note"),
                     str(p.get("weakest") or "frequency"), p.get("outcome"), until)


def topic_of(interaction: Interaction, contact: Contact) -> str | None:
    """What a greeting may recall of the last touch: the point pitched, or a short first clause of the note.

    A note about the person themselves (it names them) or a long one reads badly inside a greeting, so
    it is left out rather than quoted."""
    text = interaction.pitched[0] if interaction.pitched else _TALKED.sub("", _first_line(interaction.summary, 1000) or "")
    limit = TOPIC_MAX[0] if _CJK.search(text or "") else TOPIC_MAX[1]
    if not text or len(text) > limit or contact.name in text:
        return None
    return text


def occasion_name(occasion: str, label: str, locale: str) -> str | None:
    """The occasion's name in the rep's language; None for a custom date without a label."""
    if occasion == "birthday" and label in LABELS["lunar_birthday"]:
        occasion = "lunar_birthday"
    if occasion in LABELS:
        return LABELS[occasion][0 if normalise_locale(locale) == "zh-CN" else 1]
    return label or None


def _first_line(text: str, limit: int) -> str | None:
    first = _CLAUSE.split(text.strip(), maxsplit=1)[0].strip() if text else ""
    return (first[:limit - 1] + "…" if len(first) > limit else first) or None


def _who(contact: Contact) -> dict[str, Any]:
    return {"name": contact.name, "title": contact.title, "account": contact.account_name}
