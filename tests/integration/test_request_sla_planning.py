"""The service level's planner and composer over the store: who hears of a request nobody accepts when the queue
has no lead or the requester no manager, that two workers plan each step once, that a request given back after
an accept is timed again from then, and that what was planned is not said of a request accepted (or handed on,
or given back) before it went out."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from domain.entities import ResourceRequest, SlackMessage, User
from domain.outbox import REQUEST_SLA, REQUEST_THREAD, Delivery
from domain.routing import DEFAULT_QUEUE, Queue, RoutingRules
from domain.working_hours import standard_calendar
from services.request_sla import compose_request_sla, plan_request_sla
from storage.uow import UnitOfWorkFactory

SHANGHAI = ZoneInfo("Asia/Shanghai")
REP, BOSS, LEAD, ENG1, ENG2 = "U0REP1", "U0BOSS1", "U0LEAD1", "U0ENG1", "U0ENG2"
EAST = Queue("east", "C0EAST1", standard_calendar("Asia/Shanghai"), lead=LEAD, accept_within_hours=2,
             manager_after_hours=4)
RAISED = datetime(2027, 3, 1, 9, tzinfo=SHANGHAI).astimezone(UTC)  # a Monday, 09:00
OPENED = int(RAISED.timestamp())  # how the escalations' keys name the opening at which they were due
THREAD = SlackMessage("D0REP1", "1700000000.000100")


def rules(queue: Queue = EAST) -> RoutingRules:
    return RoutingRules(queues=(queue,), rules=(), default=Queue(DEFAULT_QUEUE, None, queue.calendar))


def hours(n: float) -> datetime:
    return RAISED + timedelta(hours=n)


def raise_request(uow_factory: UnitOfWorkFactory, *, manager: str | None = BOSS, thread: SlackMessage | None = THREAD,
                  needed_by: date | None = None) -> int:
    with uow_factory("T1") as uow:
        uow.users.save(User(REP, "林晓", locale="zh-CN", manager_slack_id=manager))
        made = uow.resource_requests.add(ResourceRequest(0, "poc", REP, needed_by=needed_by), now=RAISED)
        uow.requests.routed(made.id, queue="east", rule_index=0, facts={}, now=RAISED)
        uow.requests.carded(made.id, thread=thread)
        uow.commit()
    return made.id


def planned(uow_factory: UnitOfWorkFactory) -> list[tuple[str, str, str]]:
    """(kind, recipient, key) of every delivery in the outbox, in the order planned."""
    with uow_factory("T1") as uow:
        found = uow.outbox.in_state("pending")
    return [(d.kind, d.recipient_slack_id, d.idempotency_key) for d in sorted(found, key=lambda d: d.id)]


def plan(uow_factory: UnitOfWorkFactory, now: datetime, queue: Queue = EAST) -> int:
    return plan_request_sla(sessions=uow_factory.sessions, now=now, rules=lambda _workspace: rules(queue))


def test_nothing_is_planned_before_the_lead_s_time_and_the_lead_then_the_manager_after(
        uow_factory: UnitOfWorkFactory) -> None:
    rid = raise_request(uow_factory)
    assert plan(uow_factory, hours(1.99)) == 0
    assert plan(uow_factory, hours(2)) == 2
    assert plan(uow_factory, hours(4)) == 2
    assert planned(uow_factory) == [(REQUEST_SLA, LEAD, f"request:{rid}:lead:{OPENED}"),
                                    (REQUEST_THREAD, THREAD.channel, f"request:{rid}:lead:{OPENED}:thread"),
                                    (REQUEST_SLA, BOSS, f"request:{rid}:manager:{OPENED}"),
                                    (REQUEST_THREAD, THREAD.channel, f"request:{rid}:manager:{OPENED}:thread")]


def test_two_workers_planning_the_same_minute_plan_each_step_once(uow_factory: UnitOfWorkFactory) -> None:
    rid = raise_request(uow_factory)
    assert plan(uow_factory, hours(5)) == 4
    assert plan(uow_factory, hours(5)) == 0 and plan(uow_factory, hours(30)) == 0
    with uow_factory("T1") as uow:
        kinds = [kind for _at, _who, kind, _note in uow.requests.events(rid)]
    assert kinds.count("escalated_lead") == 1 and kinds.count("escalated_manager") == 1


def test_a_queue_without_a_lead_tells_the_manager_after_accept_within_hours(uow_factory: UnitOfWorkFactory) -> None:
    rid = raise_request(uow_factory)
    plan(uow_factory, hours(2), queue=replace(EAST, lead=None))
    assert [(kind, to) for kind, to, _key in planned(uow_factory)] == [(REQUEST_SLA, BOSS),
                                                                       (REQUEST_THREAD, THREAD.channel)]
    assert plan(uow_factory, hours(4), queue=replace(EAST, lead=None)) == 0, f"request {rid} told its manager twice"


def test_a_requester_without_a_manager_is_told_so_in_the_thread_once(uow_factory: UnitOfWorkFactory) -> None:
    rid = raise_request(uow_factory, manager=None)
    plan(uow_factory, hours(4))
    assert plan(uow_factory, hours(6)) == 0
    assert [key for _kind, _to, key in planned(uow_factory)] == [
        f"request:{rid}:lead:{OPENED}", f"request:{rid}:lead:{OPENED}:thread", f"request:{rid}:nomanager:{OPENED}:thread"]


def test_without_a_thread_the_requester_hears_of_the_missing_manager_in_a_dm(uow_factory: UnitOfWorkFactory) -> None:
    rid = raise_request(uow_factory, manager=None, thread=None)
    plan(uow_factory, hours(4))
    assert planned(uow_factory) == [(REQUEST_SLA, LEAD, f"request:{rid}:lead:{OPENED}"),
                                    (REQUEST_SLA, REP, f"request:{rid}:nomanager:{OPENED}")]
    with uow_factory("T1") as uow:
        told = uow.outbox.by_key(f"request:{rid}:nomanager:{OPENED}")
    assert told is not None
    card = compose_request_sla(uow=uow_factory("T1"), delivery=told, now=hours(4), default_locale="en")
    assert card is not None and card.locale == "zh-CN" and card.waited_hours == 4


def test_an_escalation_planned_before_someone_accepted_is_not_sent(uow_factory: UnitOfWorkFactory) -> None:
    rid = raise_request(uow_factory)
    plan(uow_factory, hours(2))
    with uow_factory("T1") as uow:
        to_lead = uow.outbox.by_key(f"request:{rid}:lead:{OPENED}")
        assert uow.requests.accept(rid, by=ENG1, now=hours(2.01))
        uow.commit()
    assert to_lead is not None
    assert compose_request_sla(uow=uow_factory("T1"), delivery=to_lead, now=hours(2.02), default_locale="en") is None


def test_a_reminder_to_an_engineer_who_handed_the_request_on_is_not_sent(uow_factory: UnitOfWorkFactory) -> None:
    rid = raise_request(uow_factory, needed_by=date(2027, 3, 5))
    with uow_factory("T1") as uow:
        uow.requests.accept(rid, by=ENG1, now=hours(1))
        uow.commit()
    plan(uow_factory, datetime(2027, 3, 3, 9, tzinfo=SHANGHAI))  # Wednesday: two working days before Friday
    with uow_factory("T1") as uow:
        reminder = uow.outbox.by_key(f"request:{rid}:due2")
        uow.requests.offer(rid, to=ENG2, now=hours(50), actor=ENG1, kind="reassigned")
        uow.requests.accept(rid, by=ENG2, now=hours(50))
        uow.commit()
    assert reminder is not None and reminder.recipient_slack_id == ENG1
    assert compose_request_sla(uow=uow_factory("T1"), delivery=reminder, now=hours(51), default_locale="en") is None
    line = Delivery("T1", REQUEST_THREAD, THREAD.channel, hours(51), "k", dict(reminder.payload, thread_ts=THREAD.ts))
    assert compose_request_sla(uow=uow_factory("T1"), delivery=line, now=hours(51), default_locale="en") is not None


def _given_back(uow_factory: UnitOfWorkFactory, rid: int, kind: str, at: datetime) -> None:
    """ENG1 accepted on Monday morning; the request is given back (declined, or reassigned by the lead) at `at`."""
    with uow_factory("T1") as uow:
        assert uow.requests.accept(rid, by=ENG1, now=hours(0.5))
        assert uow.requests.offer(rid, to=ENG2, now=at, actor=ENG1 if kind == "declined" else LEAD, kind=kind)
        uow.commit()


def test_a_request_declined_on_thursday_reaches_the_lead_two_working_hours_later_and_its_manager_after_that(
        uow_factory: UnitOfWorkFactory) -> None:
    rid = raise_request(uow_factory)
    thursday = datetime(2027, 3, 4, 10, tzinfo=SHANGHAI)  # kept as the same instant, whatever zone it is told in
    _given_back(uow_factory, rid, "declined", thursday)
    assert plan(uow_factory, thursday + timedelta(minutes=1)) == 0, "nobody has waited on it since Thursday 10:00"
    assert plan(uow_factory, thursday + timedelta(hours=2)) == 2
    assert plan(uow_factory, thursday + timedelta(hours=3.99)) == 0
    assert plan(uow_factory, thursday + timedelta(hours=4)) == 2
    reopened = int(thursday.timestamp())
    assert [key for _kind, _to, key in planned(uow_factory)] == [
        f"request:{rid}:lead:{reopened}", f"request:{rid}:lead:{reopened}:thread",
        f"request:{rid}:manager:{reopened}", f"request:{rid}:manager:{reopened}:thread"]


def test_a_reassigned_request_escalates_again_once_for_its_new_opening(uow_factory: UnitOfWorkFactory) -> None:
    rid = raise_request(uow_factory)
    assert plan(uow_factory, hours(2)) == 2  # nobody took it by Monday 11:00: the lead heard of it
    tuesday = datetime(2027, 3, 2, 9, tzinfo=SHANGHAI).astimezone(UTC)
    _given_back(uow_factory, rid, "reassigned", tuesday)
    assert plan(uow_factory, tuesday + timedelta(hours=1)) == 0
    assert plan(uow_factory, tuesday + timedelta(hours=2)) == 2 and plan(uow_factory, tuesday + timedelta(hours=2)) == 0
    with uow_factory("T1") as uow:
        kinds = [kind for _at, _who, kind, _note in uow.requests.events(rid)]
    assert kinds.count("escalated_lead") == 2 and kinds.count("escalated_manager") == 0


def test_a_request_passed_on_while_nobody_had_accepted_it_keeps_its_clock(uow_factory: UnitOfWorkFactory) -> None:
    rid = raise_request(uow_factory)
    with uow_factory("T1") as uow:
        assert uow.requests.offer(rid, to=ENG2, now=hours(1.5), actor=ENG1, kind="declined", note="出差")
        uow.commit()
    assert plan(uow_factory, hours(2)) == 2, "it has waited two working hours since Monday 09:00 all the same"


def test_an_escalation_planned_before_the_request_was_taken_and_given_back_is_not_sent(
        uow_factory: UnitOfWorkFactory) -> None:
    rid = raise_request(uow_factory)
    plan(uow_factory, hours(2))
    with uow_factory("T1") as uow:
        to_lead = uow.outbox.by_key(f"request:{rid}:lead:{OPENED}")
        assert uow.requests.accept(rid, by=ENG1, now=hours(2.01))
        assert uow.requests.offer(rid, to=None, now=hours(2.02), actor=ENG1, kind="declined", note="出差")
        uow.commit()
    assert to_lead is not None
    assert compose_request_sla(uow=uow_factory("T1"), delivery=to_lead, now=hours(2.03), default_locale="en") is None
