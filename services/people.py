"""Looking a person up, and keeping their profile: who they are, how close we are, how they lean."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Any

from domain.access import sees_account
from domain.entities import AuditEntry, Contact, SourceMessage, User
from domain.occasions import CustomDate
from domain.pitches import point_key
from domain.profile import interaction_level
from domain.resolution import lookup_keys, match_person
from domain.touch_plan import plan_for
from domain.trust import TrustScores, trust_scores
from services.access import viewer_in
from services.audited import apply_edit
from services.record_dates import keep_date
from services.users import first_known_zone
from services.visibility import Ambiguous, NotFound
from storage.uow import UnitOfWork

EDITABLE = ("title", "importance", "closeness", "stance", "behaviour_tags", "birthday", "birthday_lunar",
            "cadence_days")


@dataclass(frozen=True)
class PersonProfile:
    """The person card: the profile, their ties by name, how much we interact and how far trust has grown."""

    contact: Contact
    ties: tuple[tuple[str, str, str], ...]  # (kind, "to" or "from", the other person's name)
    level: str
    last_touch: date | None
    trust: TrustScores
    history: tuple[AuditEntry, ...] = ()  # the latest changes to the profile, newest first
    dates: tuple[CustomDate, ...] = ()  # work anniversaries, promotions and custom dates kept for them
    heard: tuple[HeardPoint, ...] = ()  # the points they have heard from us, by proposition, latest first


@dataclass(frozen=True)
class HeardPoint:
    """One point a person has heard from us: how often, through which channels, and on which day last."""

    point: str
    proposition: str | None  # the library proposition it belongs to (its title); None: said outside the library
    times: int
    channels: tuple[str, ...]
    last: date  # in the viewer's zone


def visible_person(uow: UnitOfWork, user: User, query: str) -> Contact:
    """The one contact the user means (Chinese, pinyin, English alias, typo) at an account they may see."""
    viewer = viewer_in(uow, user)
    pool = [c for c in uow.contacts.candidates(account_id=None, keys=lookup_keys([query]))
            if c.account_id is None or _sees(uow, viewer, c.account_id)]
    found = match_person(query, pool)
    if found.contact is not None:
        return found.contact
    if found.candidates:
        raise Ambiguous([f"{c.name}（{c.account_name or '—'} {c.title or ''}）".strip() for c in found.candidates])
    raise NotFound(query)


def _sees(uow: UnitOfWork, viewer: Any, account_id: int) -> bool:
    account = uow.accounts.get(account_id)
    return account is not None and sees_account(viewer, account)


def person_profile(*, uow: UnitOfWork, user: User, query: str, today: date,
                   contact_id: int | None = None, zone: tzinfo | None = None) -> PersonProfile:
    """What `/rapport person <name>` shows (or the profile of one known contact id); days in `zone`, by default
    the viewer's own."""
    with uow:
        contact = _visible_by_id(uow, user, contact_id) if contact_id is not None else visible_person(uow, user, query)
        names = {c.id: c.name for c in uow.contacts.all(contact.account_id)} if contact.account_id else {}
        ties = _ties(uow, contact, names)
        days = uow.interactions.days_with(contact.id)
        history = tuple(reversed(uow.audit.entries("contact", contact.id)[-5:]))
        return PersonProfile(contact, ties, interaction_level(days, today), days[0] if days else None,
                             _trust(uow, contact, today), history, tuple(uow.occasions.of_contact(contact.id)),
                             _heard(uow, contact.id, zone or first_known_zone(user.tz)))


def _heard(uow: UnitOfWork, contact_id: int, zone: tzinfo) -> tuple[HeardPoint, ...]:
    """Every point the person has heard from us, grouped by the library proposition it belongs to (the ones said
    outside the library last), the latest heard first in each."""
    heard = uow.pitch_deliveries.heard([contact_id]).get(contact_id, {})
    if not heard:
        return ()
    titles: dict[str, str] = {}
    for prop in uow.propositions.all(archived=True):
        for point in prop.points:
            titles.setdefault(point_key(point), prop.title)
    points = [HeardPoint(h.point, titles.get(point_key(h.point)), h.times, h.channels, h.last.astimezone(zone).date())
              for h in heard.values()]
    latest = {p.proposition: max(q.last for q in points if q.proposition == p.proposition) for p in points}
    return tuple(sorted(points, key=lambda p: (p.proposition is None, -latest[p.proposition].toordinal(),
                                               p.proposition or "", -p.last.toordinal(), p.point)))


def _trust(uow: UnitOfWork, contact: Contact, today: date) -> TrustScores:
    """Trust with the contact as of today, frequency measured against their rhythm (the rep's own if set)."""
    rhythm = plan_for(contact, override_days=contact.cadence_days).days
    return trust_scores(contact, uow.interactions.history_of(contact.id), today, rhythm)


def _ties(uow: UnitOfWork, contact: Contact, names: dict[int, str]) -> tuple[tuple[str, str, str], ...]:
    out = []
    for link in uow.contact_links.of_contact(contact.id):
        outgoing = link.from_id == contact.id
        out.append((link.kind, "to" if outgoing else "from", names.get(link.to_id if outgoing else link.from_id, "?")))
    return tuple(out)


def _visible_by_id(uow: UnitOfWork, user: User, contact_id: int) -> Contact:
    contact = uow.contacts.get(contact_id)
    if contact is None or (contact.account_id and not _sees(uow, viewer_in(uow, user), contact.account_id)):
        raise NotFound(str(contact_id))
    return contact


def profile_to_edit(*, uow: UnitOfWork, user: User, contact_id: int) -> Contact:
    """The contact whose profile the user opens for editing, if they may see it."""
    with uow:
        return _visible_by_id(uow, user, contact_id)


def update_profile(*, uow: UnitOfWork, user: User, contact_id: int, changes: dict[str, Any], now: datetime,
                   source: SourceMessage, date: CustomDate | None = None) -> Contact:
    """Apply a rep's profile edits and the date to remember they add, each audited; never for a contact they may not see."""
    with uow:
        contact = _visible_by_id(uow, user, contact_id)
        if date is not None:
            keep_date(uow, contact_id=contact.id, item=date, actor=user.slack_user_id, now=now, source=source)
        contact = apply_edit(uow, contact, changes, editable=EDITABLE, entity="contact", actor=user.slack_user_id,
                             now=now, source=source, save=lambda c: uow.contacts.update(c, now=now))
        uow.commit()
        return contact
