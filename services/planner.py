"""Each rep's morning planned once: due touches, greetings ahead of occasions, the digest and, on a
manager's Monday, their team's weekly pipeline digest, into the outbox.

Runs at the start of every worker tick. A rep's day is planned at the first tick after their
morning (08:30 in their zone by default); the deliveries are due at that morning, so the same
tick sends them. Idempotency keys make planning safe to repeat and safe on several workers.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from functools import partial
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from domain.entities import User
from domain.mornings import (
    digest_key,
    festival_slots,
    festival_spread,
    greeting_key,
    is_manager_digest_day,
    manager_digest_key,
    morning_of,
    morning_to_plan,
    touch_key,
    touches_after,
)
from domain.occasions import CustomDate, DayKeys, festival_kinds, keys_on, label_for, recurs_in
from domain.outbox import DIGEST, GREETING, MANAGER_DIGEST, TOUCH, Delivery
from services.outbox import GRACE
from services.users import user_zone
from storage import repos_planner as store
from storage.touch_index import refresh_missing

log = logging.getLogger("rapport.planner")



@dataclass(frozen=True)
class PlanSettings:
    """When nudges arrive and how far ahead greetings are drafted."""

    lead_days: int = 3
    morning: time = time(8, 30)
    default_tz: str = "Asia/Shanghai"
    grace: timedelta = GRACE
    festival_min_importance: int = 1


@dataclass
class PlanReport:
    """What one planning pass did."""

    mornings: list[tuple[str, str, date]] = field(default_factory=list)
    skipped: list[tuple[str, str, date]] = field(default_factory=list)
    enqueued: int = 0


def plan_mornings(*, sessions: sessionmaker[Session], now: datetime, config: PlanSettings) -> PlanReport:
    """Plan every rep whose morning has come and is not planned yet; one transaction for the pass."""
    report = PlanReport()
    with sessions() as session:
        refresh_missing(session.connection())
        groups: dict[tuple[str, date], list[tuple[store.RepZone, bool]]] = defaultdict(list)
        for zone in map(partial(_in_known_zone, default=config.default_tz), store.rep_zones(session)):
            decision = morning_to_plan(now=now, tz=str(zone.tz), planned_on=zone.planned_on, morning=config.morning,
                                       grace=config.grace)
            if decision.day is not None:
                groups[(zone.workspace_id, decision.day)].append((zone, decision.too_late))
                (report.skipped if decision.too_late else report.mornings).append(
                    (zone.workspace_id, zone.rep_slack_id, decision.day))
        for (ws, day), zones in groups.items():
            report.enqueued += _plan_group(session, ws, day, zones, config)
        session.commit()
    for ws, rep, day in report.skipped:
        log.warning("morning of %s for %s in %s was not planned: the worker came back more than %s after it",
                    day, rep, ws, config.grace)
    return report


def _in_known_zone(zone: store.RepZone, *, default: str) -> store.RepZone:
    """The rep's zone as Slack gave it, else the workspace's: a zone name Python does not know must not stop
    every rep's morning."""
    return replace(zone, tz=user_zone(User(zone.rep_slack_id, tz=zone.tz), default).key)


def _plan_group(session: Session, ws: str, day: date, zones: Sequence[tuple[store.RepZone, bool]],
                config: PlanSettings) -> int:
    """One workspace's mornings of one day; reps whose morning is too late to send are only marked planned."""
    live = [z for z, too_late in zones if not too_late]
    deliveries: list[Delivery] = []
    if live:
        reps = [z.rep_slack_id for z in live]
        due_at = {z.rep_slack_id: morning_of(day, str(z.tz), config.morning) for z in live}
        deliveries = [Delivery(ws, DIGEST, rep, due_at[rep], digest_key(rep, day), {"rep_day": day.isoformat()})
                      for rep in reps]
        deliveries += _touches(session, ws, day, live, due_at)
        deliveries += _greetings(session, ws, day, live, due_at, config)
        deliveries += _manager_digests(session, ws, day, reps, due_at)
    store.mark_planned(session, ws, [z.rep_slack_id for z, _ in zones], day)
    return store.enqueue_many(session, deliveries)


def _manager_digests(session: Session, ws: str, day: date, reps: list[str],
                     due_at: dict[str, datetime]) -> list[Delivery]:
    """On a Monday morning, each manager among these reps gets their team's weekly pipeline digest."""
    if not is_manager_digest_day(day):
        return []
    return [Delivery(ws, MANAGER_DIGEST, m, due_at[m], manager_digest_key(m, day), {"rep_day": day.isoformat()})
            for m in store.managers(session, ws, reps)]


def _touches(session: Session, ws: str, day: date, zones: Sequence[store.RepZone],
             due_at: dict[str, datetime]) -> list[Delivery]:
    after = {z.rep_slack_id: touches_after(z.planned_on, day) for z in zones}
    rows = store.due_touches(session, ws, list(after), after=min(after.values()), through=day)
    return [Delivery(ws, TOUCH, r.rep_slack_id, due_at[r.rep_slack_id], touch_key(r.contact_id, r.day),
                     {"contact_id": r.contact_id, "due_on": r.day.isoformat(), "rep_day": day.isoformat(),
                      "cadence_days": r.cadence_days})
            for r in rows if r.day > after[r.rep_slack_id]]


def _greetings(session: Session, ws: str, day: date, zones: Sequence[store.RepZone], due_at: dict[str, datetime],
               config: PlanSettings) -> list[Delivery]:
    """Occasions from today to lead days ahead. A rep planned yesterday already had every day but the
    last one looked at, so only contacts changed since then are looked at again for those."""
    days = [keys_on(day + timedelta(days=n)) for n in range(config.lead_days + 1)]
    steady = [z.rep_slack_id for z in zones if z.planned_on == day - timedelta(days=1)]
    fresh = [z.rep_slack_id for z in zones if z.planned_on != day - timedelta(days=1)]
    since = datetime.combine(day - timedelta(days=2), time(0), UTC)  # before yesterday's morning in any zone
    rows = _birthdays(session, ws, fresh, days) + _birthdays(session, ws, steady, days[-1:])
    if steady and len(days) > 1:
        rows += _birthdays(session, ws, steady, days[:-1], changed_since=since)
    rows += _festivals(session, ws, day, fresh, config, late=True)
    rows += _festivals(session, ws, day, steady, config, late=False)
    rows += _festivals(session, ws, day, steady, config, late=True, changed_since=since) if steady else []
    rows += [r for r, year in store.custom_dates(session, ws, [z.rep_slack_id for z in zones], days)
             if recurs_in(CustomDate(r.kind, r.day.month, r.day.day, year), r.day.year)]
    rows.sort(key=lambda r: (r.day, r.contact_id))  # the soonest occasion reaches the rep first
    return [Delivery(ws, GREETING, r.rep_slack_id, due_at[r.rep_slack_id], greeting_key(r.contact_id, r.kind, r.day),
                     _greeting_payload(r, day)) for r in rows]


def _birthdays(session: Session, ws: str, reps: list[str], days: list[DayKeys],
               changed_since: datetime | None = None) -> list[store.DueRow]:
    return store.birthdays(session, ws, reps, days, changed_since=changed_since) if reps else []


def _festivals(session: Session, ws: str, day: date, reps: list[str], config: PlanSettings, *, late: bool,
               changed_since: datetime | None = None) -> list[store.DueRow]:
    """Festival greetings whose morning (domain.mornings.festival_morning) is today, or — `late` — has passed
    without them: a rep not planned then, a contact changed since. One read of the reps' contacts for all."""
    spread = festival_spread(config.lead_days)
    ahead = [day + timedelta(days=n) for n in range(spread + 1)]
    festive = [(kind, on, slots) for on in ahead for kind in keys_on(on).festivals
               if (slots := festival_slots(on, day, spread, late=late))]
    if not reps or not festive:
        return []
    modulus, wanted = max(spread, 1), sorted({s for _, _, slots in festive for s in slots})
    people = store.everyone(session, ws, reps, min_importance=config.festival_min_importance,
                            changed_since=changed_since, slots=(modulus, wanted))
    return [store.DueRow(p.contact_id, p.rep_slack_id, kind, on, p.locale) for kind, on, slots in festive
            for p in people if p.contact_id % modulus in slots and kind in festival_kinds(p.locale)]


def _greeting_payload(row: store.DueRow, day: date) -> dict[str, Any]:
    return {"contact_id": row.contact_id, "occasion": row.kind, "day": row.day.isoformat(),
            "label": row.label or label_for(row.kind, row.locale), "rep_day": day.isoformat()}
