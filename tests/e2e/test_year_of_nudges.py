"""A simulated year of the worker against the real bot and the stand-in: every greeting and due touch once, each morning.

Two reps — 林晓 in Shanghai, Sam in New York — own an account of 15 contacts each. The worker
ticks every hour of 2027 on a movable clock. Reps act on what arrives: a greeting card is marked
sent (through the bot, over HTTP) or skipped, and a touch reminder is followed by a touch that day.
What must have happened is computed from the domain's own calendar and the touches on record.
"""

from __future__ import annotations

import time as wall
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import update

from bot.worker import worker_tick
from domain.entities import Contact, SourceMessage, User
from domain.mornings import festival_morning, festival_spread
from domain.occasions import (
    CHINESE_FESTIVALS,
    COMMON_FESTIVALS,
    WESTERN_FESTIVALS,
    CustomDate,
    occasions_between,
)
from domain.outbox import GREETING, TOUCH
from domain.touch_plan import cadence_for
from handlers import ids
from sandbox.local import TEAM, LocalRapport, start_local
from services.clock import MovableClock
from storage.rows_pipeline import OccasionRow, RepMorningRow
from tests.e2e.conftest import press

LIN, SAM = "U0YEARLIN", "U0YEARSAM"
ZONES = {LIN: ZoneInfo("Asia/Shanghai"), SAM: ZoneInfo("America/New_York")}
FIRST, LAST = date(2027, 1, 1), date(2027, 12, 31)
LEAD = 3
ANNIVERSARY = CustomDate("work_anniversary", 6, 18, 2019)
FESTIVALS = {*CHINESE_FESTIVALS, *WESTERN_FESTIVALS, *COMMON_FESTIVALS}  # spread over the lead days by contact


@pytest.fixture
def year(sqlite_url: str, tmp_path: Path) -> Iterator[tuple[LocalRapport, MovableClock]]:
    clock = MovableClock(datetime(2027, 1, 1, 0, 0, tzinfo=UTC))
    with start_local(database_url=sqlite_url, clock=clock, files_dir=tmp_path / "files",
                     rapport_greeting_lead_days=LEAD) as local:
        local.standin.add_user(LIN, "lin", "林晓", tz="Asia/Shanghai", locale="zh-CN")
        local.standin.add_user(SAM, "sam", "Sam Carter", tz="America/New_York", locale="en-US")
        yield local, clock


def _seed(local: LocalRapport) -> dict[int, tuple[str, Contact, str]]:
    """30 contacts: importance 1–5, solar and lunar birthdays, an anniversary, one do-not-contact each."""
    people: dict[int, tuple[str, Contact, str]] = {}
    created = datetime(2026, 11, 1, tzinfo=UTC)
    with local.uow_factory(TEAM) as uow:
        for rep, name, locale in ((LIN, "林晓", "zh-CN"), (SAM, "Sam Carter", "en-US")):
            uow.users.save(User(rep, name, tz=str(ZONES[rep]), locale=locale))
            account = uow.accounts.add(name="北辰银行" if rep == LIN else "Fabrikam", now=created, owner_slack_id=rep)
            for i in range(15):
                lunar = rep == LIN and i % 3 == 0
                c = Contact(0, f"{'联系人' if rep == LIN else 'Contact '}{i}", account.id, importance=i % 5 + 1,
                            birthday=f"{i % 12 + 1:02d}-{(i * 7) % 28 + 1:02d}", birthday_lunar=lunar,
                            trust_stage=("familiar", "trusted")[i % 2], do_not_contact=i == 14, owner_slack_id=rep,
                            locale=locale)
                stored = uow.contacts.add(c, now=created)
                people[stored.id] = (rep, stored, locale)
                uow.interactions.add(rep_slack_id=rep, occurred_on=date(2026, 12, 20) - timedelta(days=i % 5),
                                     channel="meeting", summary="年度回顾", now=created, account_id=account.id,
                                     contacts={stored.id: True}, pitched=(), source=SourceMessage(None, None))
        anniversary_of = _anniversary_of(people)
        uow.session.add(OccasionRow(workspace_id=TEAM, contact_id=anniversary_of, kind=ANNIVERSARY.kind,
                                    month=ANNIVERSARY.month, day=ANNIVERSARY.day, lunar=False, year=ANNIVERSARY.year))
        uow.session.flush()
        # The worker has been running: both reps' mornings are planned up to the eve of the simulated year.
        uow.session.execute(update(RepMorningRow).values(planned_on=FIRST - timedelta(days=1)))
        uow.commit()
    return people


def _posted(local: LocalRapport, rep: str, since: int) -> list[dict[str, Any]]:
    """The worker's messages in the rep's DM from the since-th on (read as a slice: a year is long)."""
    channel = local.standin.dm_channel(rep)
    return local.standin.workspace.read(lambda s: list(s.messages.get(channel, [])[since:]))


def _key(message: dict[str, Any]) -> str:
    return str(message["metadata"]["event_payload"]["key"])


def _act(local: LocalRapport, clock: MovableClock, message: dict[str, Any], rep: str) -> None:
    """What a rep does with a card: greetings alternately marked sent and skipped, touches followed by a touch."""
    kind, contact_id = _key(message).split(":")[:2]
    if kind == GREETING:
        action = ids.NUDGE_SENT if int(contact_id) % 2 == 0 else ids.NUDGE_SKIP
        assert press(local, rep, message, action) == 200
        _wait_outcome(local, _key(message))
    elif kind == TOUCH:
        with local.uow_factory(TEAM) as uow:
            uow.interactions.add(rep_slack_id=rep, occurred_on=clock.now().astimezone(ZONES[rep]).date(), channel="call",
                                 summary="电话沟通", now=clock.now(), account_id=None, contacts={int(contact_id): True},
                                 pitched=(), source=SourceMessage(None, None))
            uow.commit()


def _wait_outcome(local: LocalRapport, key: str) -> None:
    deadline = wall.monotonic() + 15
    while wall.monotonic() < deadline:
        with local.uow_factory(TEAM) as uow:
            found = uow.outbox.by_key(key)
        if found is not None and found.payload.get("outcome"):
            return
        wall.sleep(0.01)
    raise AssertionError(f"the press on {key} was not recorded")


def _run_year(local: LocalRapport, clock: MovableClock) -> dict[str, list[tuple[str, datetime]]]:
    """Tick every hour at :40 through 2027; returns each idempotency key's posts (rep, local time)."""
    tick = worker_tick(local.runtime.settings, local.runtime.engine, local.uow_factory.sessions, clock=clock)
    seen: dict[str, int] = {LIN: 0, SAM: 0}
    posts: dict[str, list[tuple[str, datetime]]] = {}
    now = datetime(2027, 1, 1, 0, 40, tzinfo=UTC)
    while now < datetime(2028, 1, 1, 0, 0, tzinfo=UTC):  # each rep's last morning is 31 December
        clock.set(now)
        tick()
        for rep in (LIN, SAM):
            fresh = _posted(local, rep, seen[rep])
            seen[rep] += len(fresh)
            for message in (m for m in fresh if m.get("metadata")):
                posts.setdefault(_key(message), []).append((rep, now.astimezone(ZONES[rep])))
                _act(local, clock, message, rep)
        now += timedelta(hours=1)
    return posts


def _anniversary_of(people: dict[int, tuple[str, Contact, str]]) -> int:
    """Whom _seed gave the work anniversary: 林晓's first contact we may greet."""
    return next(cid for cid, (rep, c, _) in people.items() if rep == LIN and not c.do_not_contact)


def _expected_greetings(people: dict[int, tuple[str, Contact, str]]) -> dict[str, tuple[str, date]]:
    expected: dict[str, tuple[str, date]] = {}
    for cid, (rep, contact, locale) in people.items():
        if contact.do_not_contact:
            continue
        extra = [ANNIVERSARY] if cid == _anniversary_of(people) else []
        spread = festival_spread(LEAD)
        for o in occasions_between(contact, FIRST, LAST + timedelta(days=spread), extra=extra, locale=locale):
            arrives = festival_morning(cid, o.day, spread) if o.kind in FESTIVALS else o.day - timedelta(days=LEAD)
            if FIRST <= arrives <= LAST:  # earlier ones went out before the simulated year, later ones after it
                expected[f"greeting:{cid}:{o.kind}:{o.day.isoformat()}"] = (rep, arrives)
    return expected


def _expected_touches(local: LocalRapport, people: dict[int, tuple[str, Contact, str]]) -> dict[str, tuple[str, date]]:
    """A reminder falls due one rhythm after a touch when no other touch came in between."""
    expected: dict[str, tuple[str, date]] = {}
    with local.uow_factory(TEAM) as uow:
        for cid, (rep, contact, _) in people.items():
            if contact.do_not_contact:
                continue
            days = sorted({t.occurred_on for t in uow.interactions.history_of(cid)})
            rhythm = timedelta(days=cadence_for(contact.importance, contact.trust_stage))
            for touched, following in zip(days, [*days[1:], date.max], strict=True):
                due = touched + rhythm
                if FIRST <= due <= LAST and following >= due:
                    expected[f"touch:{cid}:{due.isoformat()}"] = (rep, due)
    return expected


@pytest.mark.timeout(600)  # 8,760 real ticks and over a thousand real posts
def test_a_year_sends_every_greeting_and_due_touch_exactly_once_in_each_reps_morning(
        year: tuple[LocalRapport, MovableClock]) -> None:
    local, clock = year
    people = _seed(local)
    posts = _run_year(local, clock)

    assert [k for k, sent in posts.items() if len(sent) > 1] == [], "nothing is sent twice"
    mornings = [(k, at) for k, sent in posts.items() for _, at in sent
                if not time(8, 30) <= at.time() < time(9, 30)]
    assert mornings == [], "everything arrives between 08:30 and 09:30 in the rep's own zone"
    for expected in (_expected_greetings(people), _expected_touches(local, people)):
        kind = next(iter(expected)).split(":")[0]
        got = {k: (sent[0][0], sent[0][1].date()) for k, sent in posts.items() if k.startswith(kind + ":")}
        assert got == expected, f"{kind}: missing {sorted(set(expected) - set(got))[:5]}, extra {sorted(set(got) - set(expected))[:5]}"
    assert Counter(k.split(":")[0] for k in posts)[GREETING] > 150, "a year of birthdays and festivals for 28 people"
