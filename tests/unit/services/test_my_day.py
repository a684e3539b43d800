"""My day: the rep's touches due, greetings waiting, today's meetings and the actions worth most."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from domain.entities import Contact, Meeting, SourceMessage
from services.my_day import my_day
from storage.uow import UnitOfWorkFactory
from tests.unit.services.nudge_store import (
    NOW,
    OTHER_REP,
    REP,
    TEAM,
    TODAY,
    enqueue,
    greeting,
    seed,
    sent,
    touch,
)


def _meet(uows: UnitOfWorkFactory, contact_id: int, on: date, at: str, topic: str) -> None:
    with uows(TEAM) as uow:
        contact = uow.contacts.get(contact_id)
        assert contact is not None
        uow.meetings.add(Meeting(0, REP, on, at, "Asia/Shanghai", topic, contact.account_id, None, (contact_id,)),
                         now=NOW, source=SourceMessage(None, None))
        uow.commit()


def test_my_day_lists_an_overdue_contact_and_todays_meeting(uows: UnitOfWorkFactory) -> None:
    book = seed(uows)
    for contact_id in (book.zhang_wei, book.priya):
        touch(uows, contact_id, date(2026, 12, 8))
    touch(uows, book.li_na, date(2026, 11, 1))
    _meet(uows, book.zhang_wei, TODAY, "14:00", "方案汇报")
    _meet(uows, book.zhang_wei, date(2026, 12, 10), "10:00", "明天的会")
    day = my_day(uow=uows(TEAM), rep_slack_id=REP, today=TODAY)
    assert [t.contact.name for t in day.touches] == ["李娜"]
    assert day.touches[0].days_overdue == 24 and day.touches[0].last_touch == date(2026, 11, 1)
    assert [(m.meeting.at, m.meeting.topic, m.people) for m in day.meetings] == [("14:00", "方案汇报", ("张伟",))]
    assert 1 <= len(day.actions) <= 3 and [a.action.rank for a in day.actions] == list(range(1, len(day.actions) + 1))


def test_someone_else_s_people_and_do_not_contact_people_are_not_on_my_day(uows: UnitOfWorkFactory) -> None:
    book = seed(uows)
    with uows(TEAM) as uow:
        li = uow.contacts.get(book.li_na)
        zhang = uow.contacts.get(book.zhang_wei)
        assert li is not None and zhang is not None
        uow.contacts.update(replace(li, do_not_contact=True), now=NOW)
        uow.contacts.update(replace(zhang, owner_slack_id=OTHER_REP), now=NOW)
        uow.contacts.add(Contact(0, "王芳", owner_slack_id=REP), now=NOW.replace(year=2025))
        uow.commit()
    mine = {t.contact.name for t in my_day(uow=uows(TEAM), rep_slack_id=REP, today=TODAY).touches}
    assert mine == {"Priya Nair", "王芳"}, "her own contact elsewhere counts; the bank's people unless owned by another"
    assert {t.contact.name for t in my_day(uow=uows(TEAM), rep_slack_id=OTHER_REP, today=TODAY).touches} == {"张伟"}


def test_greetings_waiting_to_be_marked_sent_and_those_arriving_soon_are_listed(uows: UnitOfWorkFactory) -> None:
    book = seed(uows)
    waiting = sent(uows, greeting(book.li_na, date(2026, 12, 9), key="waiting"), greeting(book.li_na, TODAY).payload)
    sent(uows, greeting(book.zhang_wei, TODAY, key="done"), {**greeting(book.zhang_wei, TODAY).payload, "outcome": "sent"})
    coming = enqueue(uows, replace(greeting(book.priya, date(2026, 12, 14), key="coming"),
                                   payload={**greeting(book.priya, date(2026, 12, 14)).payload, "rep_day": "2026-12-11"}))
    enqueue(uows, replace(greeting(book.zhang_wei, date(2027, 1, 30), key="later"),
                          payload={**greeting(book.zhang_wei, date(2027, 1, 30)).payload, "rep_day": "2027-01-27"}))
    day = my_day(uow=uows(TEAM), rep_slack_id=REP, today=TODAY)
    assert [(g.delivery_id, g.contact_name, g.waiting) for g in day.greetings] == [
        (waiting.id, "李娜", True), (coming.id, "Priya Nair", False)]
    assert day.greetings[1].arrives_on == date(2026, 12, 11)


def test_a_rep_with_nothing_to_do_has_an_empty_day(uows: UnitOfWorkFactory) -> None:
    seed(uows)
    assert my_day(uow=uows(TEAM), rep_slack_id="U0NEWREP", today=TODAY).empty


def test_a_festival_draft_that_arrived_a_week_ahead_still_waits_on_the_festival_day(uows: UnitOfWorkFactory) -> None:
    book = seed(uows)
    week_ahead = replace(greeting(book.li_na, TODAY, key="mid_autumn", occasion="mid_autumn", label="中秋节"),
                         due_at=NOW - timedelta(days=7))  # the first of the seven festival mornings
    waiting = sent(uows, week_ahead, week_ahead.payload)
    day = my_day(uow=uows(TEAM), rep_slack_id=REP, today=TODAY)
    assert [(g.delivery_id, g.waiting) for g in day.greetings] == [(waiting.id, True)]
