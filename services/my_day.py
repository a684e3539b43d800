"""A rep's day: touches due, greeting drafts waiting, today's meetings and the few actions worth most."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta

from domain.entities import Account, Contact, Meeting
from domain.graph import Action, action_plan
from domain.mornings import festival_spread
from domain.outbox import GREETING, PENDING, SENT
from domain.touch_plan import due_touches
from services.insight import AccountMap, load_map
from storage.uow import UnitOfWork

LEAD_DAYS = 3  # greeting drafts announced this many days before they arrive (RAPPORT_GREETING_LEAD_DAYS)
MAX_ACCOUNTS = 5  # action plans are read for at most this many of the rep's accounts: the page stays quick
TOP_ACTIONS = 3
# A greeting left unmarked this long after its occasion no longer waits: the moment has passed.
STALE_GREETING = timedelta(days=2)


@dataclass(frozen=True)
class TouchDue:
    """A contact the rep should touch today, and how late it is against their rhythm."""

    contact: Contact
    due_on: date
    days_overdue: int
    cadence_days: int
    last_touch: date | None


@dataclass(frozen=True)
class GreetingDue:
    """A greeting draft: on its card in the rep's DM (waiting) or arriving on `arrives_on`."""

    delivery_id: int
    contact_name: str
    occasion: str
    label: str
    day: date | None
    waiting: bool
    arrives_on: date | None = None


@dataclass(frozen=True)
class MeetingToday:
    """One of today's meetings, with the names of who the rep meets."""

    meeting: Meeting
    people: tuple[str, ...]
    account: str | None


@dataclass(frozen=True)
class TopAction:
    """One of the actions worth most across the rep's accounts, with the map that names its people."""

    map: AccountMap
    action: Action


@dataclass(frozen=True)
class MyDay:
    """What the rep's morning digest and App Home show."""

    rep_slack_id: str
    today: date
    touches: tuple[TouchDue, ...] = ()
    greetings: tuple[GreetingDue, ...] = ()
    meetings: tuple[MeetingToday, ...] = ()
    actions: tuple[TopAction, ...] = ()

    @property
    def empty(self) -> bool:
        """Nothing to do today."""
        return not (self.touches or self.greetings or self.meetings or self.actions)


def my_day(*, uow: UnitOfWork, rep_slack_id: str, today: date, lead_days: int = LEAD_DAYS) -> MyDay:
    """The rep's day as of their local `today`: due touches, greetings, meetings and the top actions."""
    with uow:
        touches = _touches(uow, rep_slack_id, today)
        greetings = _greetings(uow, rep_slack_id, today, lead_days)
        meetings = _meetings(uow, rep_slack_id, today)
        accounts = _accounts(uow, rep_slack_id, touches)
        actions = _top_actions(uow, accounts, today)
    return MyDay(rep_slack_id, today, touches, greetings, meetings, actions)


def _touches(uow: UnitOfWork, rep: str, today: date) -> tuple[TouchDue, ...]:
    plans = {c.id: (c, p) for c, p in uow.contacts.plans_of_rep(rep)}
    return tuple(TouchDue(plans[d.contact_id][0], d.due_on, d.days_overdue, d.cadence_days,
                          plans[d.contact_id][1].last_touch)
                 for d in due_touches((p for _c, p in plans.values()), today))


def _greetings(uow: UnitOfWork, rep: str, today: date, lead_days: int) -> tuple[GreetingDue, ...]:
    # A draft may have arrived as early as the festival spread before its day (a week), not only lead days.
    earliest = max(lead_days, festival_spread(lead_days)) + 1
    since = datetime.combine(today - STALE_GREETING - timedelta(days=earliest), time(0), UTC)
    mine = [d for d in uow.outbox.to_recipient(rep, GREETING, since=since) if d.state in (SENT, PENDING)]
    found = []
    for d in mine:
        waiting = d.state == SENT and "outcome" not in d.payload and (d.day("day") or today) >= today - STALE_GREETING
        coming = d.state == PENDING and today <= (d.day("rep_day") or today) <= today + timedelta(days=lead_days)
        contact = uow.contacts.get(int(d.payload.get("contact_id") or 0)) if waiting or coming else None
        if contact is not None and not contact.do_not_contact:
            found.append(GreetingDue(d.id, contact.name, str(d.payload.get("occasion") or ""),
                                     str(d.payload.get("label") or ""), d.day("day"), waiting, d.day("rep_day")))
    return tuple(sorted(found, key=lambda g: (not g.waiting, g.day or g.arrives_on or date.max)))


def _meetings(uow: UnitOfWork, rep: str, today: date) -> tuple[MeetingToday, ...]:
    found = []
    for m in uow.meetings.of_rep(rep):
        if m.on != today:
            continue
        people = tuple(c.name for c in (uow.contacts.get(cid) for cid in m.contact_ids) if c is not None)
        account = uow.accounts.get(m.account_id) if m.account_id else None
        found.append(MeetingToday(m, people, account.name if account else None))
    return tuple(sorted(found, key=lambda x: x.meeting.at or ""))


def _accounts(uow: UnitOfWork, rep: str, touches: tuple[TouchDue, ...]) -> list[Account]:
    """The rep's own accounts, those with touches due first, at most MAX_ACCOUNTS."""
    pressing = {t.contact.account_id for t in touches}
    owned = [a for a in uow.accounts.all() if a.owner_slack_id == rep]
    return sorted(owned, key=lambda a: (a.id not in pressing, a.name))[:MAX_ACCOUNTS]


def _top_actions(uow: UnitOfWork, accounts: list[Account], today: date) -> tuple[TopAction, ...]:
    found = []
    for account in accounts:
        amap = load_map(uow, account, today)
        found += [TopAction(amap, a) for a in action_plan(amap.gaps, contacts=amap.contacts, ranking=amap.ranking,
                                                          deals=amap.deals, chains=amap.chains, graph=amap.graph)]
    found.sort(key=lambda x: -x.action.value.total)
    return tuple(TopAction(x.map, replace(x.action, rank=n)) for n, x in enumerate(found[:TOP_ACTIONS], start=1))
