"""The worker's planner on a real store: each rep's morning planned once, into the outbox."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy import update

from domain.entities import Contact, SourceMessage, User
from domain.mornings import festival_morning, festival_spread
from domain.outbox import DIGEST, GREETING, PENDING, TOUCH, Delivery
from services.planner import PlanSettings, plan_mornings
from storage.rows import ContactRow
from storage.rows_pipeline import OccasionRow
from storage.uow import UnitOfWorkFactory

WS = "T0PLAN001"
LIN, SAM = "U0LIN0001", "U0SAM0001"  # Shanghai, New York
CREATED = datetime(2027, 1, 4, 2, 0, tzinfo=UTC)
CONFIG = PlanSettings(lead_days=3, morning=time(8, 30), default_tz="Asia/Shanghai")


def _seed(uows: UnitOfWorkFactory) -> dict[str, int]:
    """Two reps, their contacts: birthdays solar and lunar, a US contact, someone we must not contact."""
    with uows(WS) as uow:
        uow.users.save(User(LIN, "林晓", tz="Asia/Shanghai", locale="zh-CN"))
        uow.users.save(User(SAM, "Sam Carter", tz="America/New_York", locale="en-US"))
        bank = uow.accounts.add(name="北辰银行", now=CREATED, owner_slack_id=LIN)
        fab = uow.accounts.add(name="Fabrikam", now=CREATED, owner_slack_id=SAM)
        people = {
            "li": Contact(0, "李娜", bank.id, birthday="03-08", importance=5, owner_slack_id=LIN),
            "zhang": Contact(0, "张伟", bank.id, birthday="02-01", birthday_lunar=True, owner_slack_id=LIN),
            "wang": Contact(0, "王芳", bank.id, birthday="03-07", do_not_contact=True, owner_slack_id=LIN),
            "raj": Contact(0, "Raj Patel", fab.id, birthday="11-24", owner_slack_id=None),  # the account's owner's
        }
        ids = {k: uow.contacts.add(c, now=CREATED).id for k, c in people.items()}
        uow.session.execute(update(ContactRow).where(ContactRow.id == ids["raj"]).values(locale="en-US"))
        uow.commit()
    return ids


def _touch(uows: UnitOfWorkFactory, contact_id: int, on: date) -> None:
    with uows(WS) as uow:
        uow.interactions.add(rep_slack_id=LIN, occurred_on=on, channel="call", summary="例行沟通", now=CREATED,
                             account_id=None, contacts={contact_id: True}, pitched=(), source=SourceMessage(None, None))
        uow.commit()


def _pending(uows: UnitOfWorkFactory) -> list[Delivery]:
    with uows(WS) as uow:
        return uow.outbox.in_state(PENDING)


def _plan(uows: UnitOfWorkFactory, now: datetime) -> int:
    return plan_mornings(sessions=uows.sessions, now=now, config=CONFIG).enqueued


@pytest.fixture
def seeded(uow_factory: UnitOfWorkFactory) -> dict[str, int]:
    return _seed(uow_factory)


def test_nothing_is_planned_before_the_reps_morning(uow_factory: UnitOfWorkFactory, seeded: dict[str, int]) -> None:
    _plan(uow_factory, datetime(2027, 3, 5, 0, 29, tzinfo=UTC))  # 08:29 in Shanghai
    assert [d for d in _pending(uow_factory) if d.recipient_slack_id == LIN] == []


def test_a_birthday_three_days_ahead_reaches_the_rep_at_0830_in_their_zone(
        uow_factory: UnitOfWorkFactory, seeded: dict[str, int]) -> None:
    _plan(uow_factory, datetime(2027, 3, 5, 0, 31, tzinfo=UTC))  # 08:31 on 5 March in Shanghai
    greetings = [d for d in _pending(uow_factory) if d.kind == GREETING and d.payload["contact_id"] == seeded["li"]]
    assert [d.payload["day"] for d in greetings] == ["2027-03-08"]
    assert greetings[0].recipient_slack_id == LIN
    assert greetings[0].due_at == datetime(2027, 3, 5, 0, 30, tzinfo=UTC)
    digests = [d for d in _pending(uow_factory) if d.kind == DIGEST]
    assert [(d.recipient_slack_id, d.payload["rep_day"]) for d in digests] == [(SAM, "2027-03-04"), (LIN, "2027-03-05")]


def test_planning_the_same_morning_again_adds_nothing(uow_factory: UnitOfWorkFactory, seeded: dict[str, int]) -> None:
    first = _plan(uow_factory, datetime(2027, 3, 5, 0, 31, tzinfo=UTC))
    assert first > 0
    assert _plan(uow_factory, datetime(2027, 3, 5, 0, 32, tzinfo=UTC)) == 0
    assert _plan(uow_factory, datetime(2027, 3, 5, 9, 0, tzinfo=UTC)) == 0


def test_a_lunar_birthday_is_greeted_on_its_solar_date_of_the_year(
        uow_factory: UnitOfWorkFactory, seeded: dict[str, int]) -> None:
    # 农历二月初一 2027 is 8 March 2027.
    _plan(uow_factory, datetime(2027, 3, 5, 0, 31, tzinfo=UTC))
    days = {(d.payload.get("contact_id"), d.payload.get("day")) for d in _pending(uow_factory) if d.kind == GREETING}
    assert (seeded["zhang"], "2027-03-08") in days


def test_a_contact_we_must_not_contact_gets_no_greeting_and_no_touch(
        uow_factory: UnitOfWorkFactory, seeded: dict[str, int]) -> None:
    for day in range(3, 10):
        _plan(uow_factory, datetime(2027, 3, day, 1, 0, tzinfo=UTC))
    pending = _pending(uow_factory)
    assert any(d.payload.get("contact_id") == seeded["li"] for d in pending), "her neighbour 李娜 is greeted that week"
    assert all(d.payload.get("contact_id") != seeded["wang"] for d in pending)


def test_thanksgiving_reaches_the_owner_of_an_american_contacts_account_in_new_york(
        uow_factory: UnitOfWorkFactory, seeded: dict[str, int]) -> None:
    _plan(uow_factory, datetime(2027, 11, 22, 13, 31, tzinfo=UTC))  # 08:31 on 22 Nov in New York
    found = [d for d in _pending(uow_factory) if d.kind == GREETING and d.payload["contact_id"] == seeded["raj"]]
    assert {d.payload["occasion"] for d in found} == {"thanksgiving", "birthday"}  # 25 Nov and 24 Nov
    assert {d.recipient_slack_id for d in found} == {SAM}
    assert {d.payload["label"] for d in found} >= {"Thanksgiving"}


def test_a_touch_falls_due_one_rhythm_after_the_last_and_moves_when_the_rep_touches_again(
        uow_factory: UnitOfWorkFactory, seeded: dict[str, int]) -> None:
    _touch(uow_factory, seeded["li"], date(2027, 2, 1))  # importance 5, acquainted: every 14 days
    _plan(uow_factory, datetime(2027, 2, 15, 0, 31, tzinfo=UTC))
    touches = [d for d in _pending(uow_factory) if d.kind == TOUCH]
    assert [(d.payload["contact_id"], d.payload["due_on"]) for d in touches] == [(seeded["li"], "2027-02-15")]
    _touch(uow_factory, seeded["li"], date(2027, 2, 16))
    _plan(uow_factory, datetime(2027, 3, 1, 0, 31, tzinfo=UTC))
    _plan(uow_factory, datetime(2027, 3, 2, 0, 31, tzinfo=UTC))
    touches = [d.payload["due_on"] for d in _pending(uow_factory) if d.kind == TOUCH
               and d.payload["contact_id"] == seeded["li"]]
    assert touches == ["2027-02-15", "2027-03-02"]


def test_a_custom_work_anniversary_recurs_after_its_year(uow_factory: UnitOfWorkFactory, seeded: dict[str, int]) -> None:
    with uow_factory(WS) as uow:
        uow.session.add(OccasionRow(workspace_id=WS, contact_id=seeded["zhang"], kind="work_anniversary", month=6,
                                    day=1, lunar=False, year=2020, label=None))
        uow.commit()
    _plan(uow_factory, datetime(2027, 5, 29, 0, 31, tzinfo=UTC))
    found = [d for d in _pending(uow_factory) if d.payload.get("occasion") == "work_anniversary"]
    assert [(d.payload["day"], d.payload["label"]) for d in found] == [("2027-06-01", "工作周年")]


def test_a_worker_back_too_late_for_the_morning_skips_it_with_a_log_line(
        uow_factory: UnitOfWorkFactory, seeded: dict[str, int], caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="rapport.planner"):
        _plan(uow_factory, datetime(2027, 3, 5, 12, 31, tzinfo=UTC))  # 20:31 in Shanghai: 12 h after 08:30
    assert [d for d in _pending(uow_factory) if d.recipient_slack_id == LIN] == []
    assert any("was not planned" in r.getMessage() and LIN in r.getMessage() for r in caplog.records)
    _plan(uow_factory, datetime(2027, 3, 6, 0, 31, tzinfo=UTC))  # the next morning is planned as usual
    assert any(d.recipient_slack_id == LIN for d in _pending(uow_factory))


def test_contacts_written_with_plain_sql_get_their_touch_dates_before_planning(
        uow_factory: UnitOfWorkFactory, seeded: dict[str, int]) -> None:
    with uow_factory(WS) as uow:
        uow.session.execute(update(ContactRow).values(next_touch_on=None, last_touch_on=None))
        uow.commit()
    _plan(uow_factory, datetime(2027, 3, 5, 0, 31, tzinfo=UTC))
    with uow_factory(WS) as uow:
        due = uow.session.get(ContactRow, seeded["li"])
        assert due is not None and due.next_touch_on == CREATED.date() + timedelta(days=14)


def test_a_birthday_recorded_after_yesterdays_planning_inside_the_window_still_gets_its_greeting(
        uow_factory: UnitOfWorkFactory, seeded: dict[str, int]) -> None:
    _plan(uow_factory, datetime(2027, 4, 1, 0, 31, tzinfo=UTC))  # 1 April planned: window up to 4 April
    edited_at = datetime(2027, 4, 1, 6, 0, tzinfo=UTC)
    with uow_factory(WS) as uow:
        zhang = uow.contacts.get(seeded["zhang"])
        assert zhang is not None
        uow.contacts.update(replace(zhang, birthday="04-03", birthday_lunar=False), now=edited_at)
        uow.commit()
    _plan(uow_factory, datetime(2027, 4, 2, 0, 31, tzinfo=UTC))  # 2 April: the new day is 5 April, 3 April is not
    found = [d for d in _pending(uow_factory) if d.kind == GREETING and d.payload["contact_id"] == seeded["zhang"]]
    assert [(d.payload["day"], d.payload["rep_day"]) for d in found] == [("2027-04-03", "2027-04-02")]


def test_spring_festival_drafts_are_spread_over_the_week_before_it_each_contact_once(
        uow_factory: UnitOfWorkFactory, seeded: dict[str, int]) -> None:
    for n in range(9):  # 29 January to 6 February 2027; Spring Festival is 6 February
        _plan(uow_factory, datetime(2027, 1, 29, 0, 31, tzinfo=UTC) + timedelta(days=n))
    found = [d for d in _pending(uow_factory) if d.payload.get("occasion") == "spring_festival"]
    by_contact = {d.payload["contact_id"]: d.payload["rep_day"] for d in found}
    assert len(found) == len(by_contact) == 2, "李娜 and 张伟 once each; never 王芳 (do not contact) or Raj (en-US)"
    assert by_contact == {cid: festival_morning(cid, date(2027, 2, 6), festival_spread(3)).isoformat()
                          for cid in (seeded["li"], seeded["zhang"])}
    assert all("2027-01-30" <= day <= "2027-02-05" for day in by_contact.values())


def test_a_rep_whose_zone_python_does_not_know_is_planned_in_the_workspaces_and_stops_no_one(
        uow_factory: UnitOfWorkFactory, seeded: dict[str, int]) -> None:
    with uow_factory(WS) as uow:
        uow.users.save(User(SAM, "Sam Carter", tz="Mars/Olympus_Mons", locale="en-US"))
        uow.commit()
    _plan(uow_factory, datetime(2027, 3, 5, 0, 31, tzinfo=UTC))  # 08:31 in Shanghai, the workspace's zone
    assert {d.recipient_slack_id for d in _pending(uow_factory) if d.kind == DIGEST} == {LIN, SAM}
