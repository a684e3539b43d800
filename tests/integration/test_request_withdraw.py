"""Withdrawing a presales request over the store: only its requester may, only until it is done; a withdrawn request
is audited, not escalated, and counts in nobody's load nor as overdue."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from domain.entities import ResourceRequest, SourceMessage, User
from domain.routing import DEFAULT_QUEUE, Queue, RoutingRules
from domain.working_hours import standard_calendar
from services.request_numbers import request_numbers_view
from services.request_sla import plan_request_sla
from services.requests_withdraw import withdraw_request
from storage.uow import UnitOfWorkFactory

NOW = datetime(2027, 3, 1, 1, tzinfo=UTC)  # a Monday, 09:00 in Shanghai
REP, ENG1, LEAD = "U0REP0001", "U0ENG0001", "U0LEAD001"
EAST = Queue("east", "C0EAST001", standard_calendar("Asia/Shanghai"), lead=LEAD, accept_within_hours=2)
RULES = RoutingRules(queues=(EAST,), rules=(), default=Queue(DEFAULT_QUEUE, None, EAST.calendar))
PRESSED = SourceMessage("D0REP0001", "1772326800.000100")


def _raised(uow_factory: UnitOfWorkFactory, needed_by: date | None = None) -> int:
    with uow_factory("T1") as uow:
        uow.users.save(User(REP, "林晓", role="rep"))
        made = uow.resource_requests.add(ResourceRequest(0, "demo", REP, needed_by=needed_by), now=NOW)
        uow.requests.routed(made.id, queue="east", rule_index=0, facts={}, now=NOW)
        uow.requests.offer(made.id, to=ENG1, now=NOW, actor=None, kind="assigned")
        uow.commit()
    return made.id


def _withdraw(uow_factory: UnitOfWorkFactory, rid: int, by: str = REP) -> str:
    return withdraw_request(uow=uow_factory("T1"), request_id=rid, by=by, now=NOW + timedelta(hours=1),
                            source=PRESSED).outcome


def test_the_requester_withdraws_an_accepted_request_and_learns_who_held_it_audited(
        uow_factory: UnitOfWorkFactory) -> None:
    rid = _raised(uow_factory)
    with uow_factory("T1") as uow:
        assert uow.requests.accept(rid, by=ENG1, now=NOW)
        uow.commit()
    done = withdraw_request(uow=uow_factory("T1"), request_id=rid, by=REP, now=NOW + timedelta(hours=1), source=PRESSED)
    assert done.outcome == "withdrawn" and done.holder == ENG1
    assert done.card is not None and done.card.request.state == "cancelled"
    with uow_factory("T1") as uow:
        (entry,) = [a for a in uow.audit.entries("resource_request", rid) if a.action == "withdraw"]
        last = uow.requests.events(rid)[-1]
    assert (entry.actor_slack_id, entry.before, entry.after, entry.source) == (
        REP, {"state": "accepted"}, {"state": "cancelled"}, PRESSED)
    assert last[1:3] == (REP, "cancelled")


def test_nobody_but_the_requester_withdraws_and_nothing_done_or_withdrawn_is_withdrawn_again(
        uow_factory: UnitOfWorkFactory) -> None:
    rid, finished = _raised(uow_factory), _raised(uow_factory)
    assert _withdraw(uow_factory, rid, by=ENG1) == "not_yours"
    with uow_factory("T1") as uow:
        assert uow.requests.accept(finished, by=ENG1, now=NOW) and uow.requests.finish(finished, by=ENG1, now=NOW)
        uow.commit()
    assert _withdraw(uow_factory, finished) == "closed"
    assert _withdraw(uow_factory, rid) == "withdrawn" and _withdraw(uow_factory, rid) == "closed"
    assert _withdraw(uow_factory, 999) == "gone"


def test_a_withdrawn_request_is_not_escalated_and_counts_in_no_load_nor_overdue(uow_factory: UnitOfWorkFactory) -> None:
    rid = _raised(uow_factory, needed_by=date(2027, 2, 26))  # needed last Friday: overdue while it stands
    with uow_factory("T1") as uow:
        user = uow.users.get(REP)
    assert user is not None
    before = request_numbers_view(uow=uow_factory("T1"), user=user, now=NOW).numbers
    assert len(before.overdue) == 1 and before.overall.open_load == 1
    assert _withdraw(uow_factory, rid) == "withdrawn"
    assert plan_request_sla(sessions=uow_factory.sessions, now=NOW + timedelta(days=3), rules=lambda _ws: RULES) == 0
    after = request_numbers_view(uow=uow_factory("T1"), user=user, now=NOW).numbers
    assert after.overdue == () and after.overall.open_load == 0
    with uow_factory("T1") as uow:
        assert uow.requests.open_load("east") == {}
