"""Presales numbers read from the store, scoped by who asks: a rep their own requests, a manager their team's down
the line, a presales engineer their queue, an admin everything; read in the same few queries however many.

The week of Monday 1 March 2027 in Shanghai (local hours below), queue east (ENG1, ENG2) and north (ENG3):
a. REP's demo, Mon 09:00, sent to ENG1, accepted 11:00, done Wed 09:00;
b. JUNIOR's (REP's report) poc, Tue 09:00, sent to ENG2, declined 10:00, taken by ENG1 13:00;
c. FAR's (another team) demo, Wed 09:00, sent to ENG2, accepted 10:00;
d. FAR's bid support in north, Wed 09:00, accepted by ENG3 12:00;
f. REP's site visit, Thu 17:00, needed by Fri, sent to ENG1, not accepted yet.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import event

from domain.entities import ResourceRequest, User
from domain.routing import DEFAULT_QUEUE, Member, Queue, RoutingRules
from domain.working_hours import standard_calendar
from services.request_numbers import RequestNumbersView, request_numbers_view, team_week
from storage.uow import UnitOfWorkFactory

SHANGHAI = ZoneInfo("Asia/Shanghai")
MANAGER, REP, JUNIOR, OTHER_MANAGER, FAR = "U0MGR1", "U0REP1", "U0REP2", "U0MGR2", "U0REP3"
ENG1, ENG2, ENG3, ADMIN = "U0ENG1", "U0ENG2", "U0ENG3", "U0ADMIN"
NOW = datetime(2027, 3, 8, 9, tzinfo=SHANGHAI)  # the Monday after, as the caller's local now
EAST = standard_calendar("Asia/Shanghai")
RULES = RoutingRules(queues=(Queue("east", "#east", EAST, members=(Member(ENG1), Member(ENG2), Member("U0ENG4"))),
                             Queue("north", "#north", EAST, members=(Member(ENG3),))),
                     rules=(), default=Queue(DEFAULT_QUEUE, None, EAST))


def at(day: int, hour: int) -> datetime:
    return datetime(2027, 3, day, hour, tzinfo=SHANGHAI).astimezone(UTC)


def _people(uow_factory: UnitOfWorkFactory) -> None:
    with uow_factory("T1") as uow:
        for who, role, manager in ((MANAGER, "manager", None), (REP, "rep", MANAGER), (JUNIOR, "rep", REP),
                                   (OTHER_MANAGER, "manager", None), (FAR, "rep", OTHER_MANAGER),
                                   (ENG1, "presales", None), (ENG2, "presales", None), (ENG3, "presales", None),
                                   (ADMIN, "admin", None)):
            uow.users.save(User(who, who, role=role, manager_slack_id=manager))
        uow.commit()


def raise_request(uow_factory: UnitOfWorkFactory, kind: str, by: str, raised: datetime, queue: str, to: str,
                  needed_by: date | None = None) -> int:
    """A request raised, routed and proposed to `to`, as the request flow records it."""
    with uow_factory("T1") as uow:
        made = uow.resource_requests.add(ResourceRequest(0, kind, by, needed_by=needed_by), now=raised)
        uow.requests.routed(made.id, queue=queue, rule_index=0, facts={}, now=raised)
        uow.requests.offer(made.id, to=to, now=raised, actor=None, kind="assigned")
        uow.commit()
    return made.id


def _week(uow_factory: UnitOfWorkFactory) -> None:
    _people(uow_factory)
    a = raise_request(uow_factory, "demo", REP, at(1, 9), "east", ENG1)
    b = raise_request(uow_factory, "poc", JUNIOR, at(2, 9), "east", ENG2)
    c = raise_request(uow_factory, "demo", FAR, at(3, 9), "east", ENG2)
    d = raise_request(uow_factory, "bid_support", FAR, at(3, 9), "north", ENG3)
    raise_request(uow_factory, "site_visit", REP, at(4, 17), "east", ENG1, needed_by=date(2027, 3, 5))
    with uow_factory("T1") as uow:
        assert uow.requests.accept(a, by=ENG1, now=at(1, 11)) and uow.requests.finish(a, by=ENG1, now=at(3, 9))
        assert uow.requests.offer(b, to=None, now=at(2, 10), actor=ENG2, kind="declined", note="出差")
        assert uow.requests.accept(b, by=ENG1, now=at(2, 13))
        assert uow.requests.accept(c, by=ENG2, now=at(3, 10)) and uow.requests.accept(d, by=ENG3, now=at(3, 12))
        uow.commit()


def view(uow_factory: UnitOfWorkFactory, who: str, rules: RoutingRules | None = None) -> RequestNumbersView:
    with uow_factory("T1") as uow:
        user = uow.users.get(who)
    assert user is not None
    return request_numbers_view(uow=uow_factory("T1"), user=user, now=NOW, rules=rules)


def test_a_manager_reads_their_teams_requests_down_the_line_and_not_another_teams(
        uow_factory: UnitOfWorkFactory) -> None:
    _week(uow_factory)
    mine = view(uow_factory, MANAGER)
    assert mine.scope == "team" and mine.numbers.overall.count == 3, "a, b (the report's report) and f"
    by_type = dict(mine.numbers.by_type)
    assert list(by_type) == ["demo", "site_visit", "poc"]
    assert (by_type["demo"].count, by_type["demo"].acceptance_rate) == (1, 1.0), "FAR's demo is not the team's"
    assert by_type["poc"].acceptance_rate == 0.0 and by_type["poc"].accept_hours == (4.0,)
    engineers = dict(mine.numbers.by_engineer)
    assert set(engineers) == {ENG1, ENG2}, "ENG3 served only the other team"
    assert (engineers[ENG2].accepted, engineers[ENG2].decided) == (0, 1), "ENG2's accept was the other team's"
    assert (engineers[ENG1].count, engineers[ENG1].median_accept, engineers[ENG1].open_load) == (2, 2.5, 2)
    assert [r.type for r in mine.numbers.overdue] == ["site_visit"]


def test_with_the_rules_the_engineers_of_those_queues_show_and_hours_are_working_hours(
        uow_factory: UnitOfWorkFactory) -> None:
    _week(uow_factory)
    mine = view(uow_factory, MANAGER, RULES)
    assert set(dict(mine.numbers.by_engineer)) == {ENG1, ENG2, "U0ENG4"}, "east's members, not north's"
    a = dict(mine.numbers.by_type)["demo"]
    assert a.done_hours == (18.0,), "Mon 09:00 to Wed 09:00 is 18 working hours, 48 on the wall clock"
    assert dict(view(uow_factory, MANAGER).numbers.by_type)["demo"].done_hours == (48.0,)


def test_a_rep_reads_only_their_own_requests_with_their_open_one(uow_factory: UnitOfWorkFactory) -> None:
    _week(uow_factory)
    mine = view(uow_factory, REP)
    assert mine.scope == "own" and mine.numbers.overall.count == 2 and mine.numbers.by_engineer == ()
    assert [(r.type, r.state, r.assignee_slack_id) for r in mine.raised] == [("site_visit", "open", ENG1)]


def test_a_presales_engineer_reads_their_queue_from_every_team_and_their_plate(uow_factory: UnitOfWorkFactory) -> None:
    _week(uow_factory)
    mine = view(uow_factory, ENG2)
    assert mine.scope == "queue" and mine.numbers.overall.count == 4, "east's a, b, c and f; not north's d"
    eng2 = dict(mine.numbers.by_engineer)[ENG2]
    assert (eng2.count, eng2.acceptance_rate) == (1, 0.5)
    assert [r.type for r in mine.held] == ["demo"] and ENG3 not in dict(mine.numbers.by_engineer)


def test_an_admin_reads_the_whole_workspace_and_the_digest_week_is_the_teams(uow_factory: UnitOfWorkFactory) -> None:
    _week(uow_factory)
    assert view(uow_factory, ADMIN).numbers.overall.count == 5
    week = team_week(uow=uow_factory("T1"), manager_slack_id=MANAGER, now=NOW)
    assert week is not None and week.overall.count == 3
    assert team_week(uow=uow_factory("T1"), manager_slack_id=MANAGER, now=NOW + timedelta(days=28)) is not None, \
        "the overdue site visit is still named a month on"


def test_the_numbers_read_as_many_queries_for_fifty_requests_as_for_five(uow_factory: UnitOfWorkFactory) -> None:
    _week(uow_factory)
    few = _statements(uow_factory, MANAGER)
    for day in range(1, 6):
        for hour in range(9, 18):
            raise_request(uow_factory, "demo", JUNIOR, at(day, hour), "east", ENG2)
    assert _statements(uow_factory, MANAGER) == few


def _statements(uow_factory: UnitOfWorkFactory, who: str) -> int:
    engine, seen = uow_factory.sessions.kw["bind"], []
    count = lambda *_: seen.append(1)  # noqa: E731
    event.listen(engine, "before_cursor_execute", count)
    try:
        view(uow_factory, who)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(seen)
