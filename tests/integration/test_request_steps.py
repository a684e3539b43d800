"""Who may press what on a presales request, over the store: Accept by someone its queue may give it to (never the
requester), Reassign by its holder, the queue's lead or — while open — a member; the requester's outcome line and
a decline's reason are kept screened."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from domain.entities import Deal, ResourceRequest, SourceMessage
from domain.routing import RoutingRules
from services.request_routing import route_request
from services.requests_flow import accept_request, decline_request, finish_request, reassign_request
from services.requests_outcome import record_request_outcome
from services.routing_rules import parse_rules
from storage.rows import AuditRow, InteractionRow
from storage.uow import UnitOfWorkFactory

NOW = datetime(2027, 3, 1, 2, tzinfo=UTC)  # Monday 10:00 in Shanghai
REP, ENG1, ENG2, ENG3, LEAD, OUTSIDER = ("U0REP0001", "U0ENG0001", "U0ENG0002", "U0ENG0003", "U0LEAD001",
                                         "U0OUT0001")
GIFTS = "演示很顺利，客户要求下月做POC。我们给CIO送了5000元红包和购物卡表示感谢。"
RULES = f"""
[[queues]]
name = "core"
channel = "C0CORE001"
lead = "{LEAD}"
members = ["{ENG1}", "{ENG2}", "{ENG3}"]

[[queues]]
name = "open-door"
channel = "C0OPEN001"

[[rules]]
types = ["bid_support"]
queue = "open-door"

[[rules]]
queue = "core"
"""


def _rules() -> RoutingRules:
    return parse_rules(RULES, source="rules.toml", default_channel="C0DEF0001", default_zone="Asia/Shanghai")


def _raise(uow_factory: UnitOfWorkFactory, kind: str = "demo") -> int:
    """A request of the rep's for a bank's deal, routed as the dialog routes it."""
    with uow_factory("T1") as uow:
        bank = uow.accounts.find("北辰银行") or uow.accounts.add(name="北辰银行", now=NOW, industry="银行", region="华东")
        deal = uow.deals.add(Deal(0, "核心系统改造", bank.id, stage="proposal"), now=NOW)
        made = uow.resource_requests.add(ResourceRequest(0, kind, REP, None, "迁移方案", bank.id, deal.id), now=NOW)
        assert route_request(uow, made, _rules(), now=NOW) is not None
        uow.commit()
    return made.id


def _accept(uow_factory: UnitOfWorkFactory, request_id: int, by: str) -> str:
    return accept_request(uow=uow_factory("T1"), request_id=request_id, by=by, rules=_rules(), now=NOW).outcome


def _reassign(uow_factory: UnitOfWorkFactory, request_id: int, by: str, to: str) -> str:
    return reassign_request(uow=uow_factory("T1"), request_id=request_id, by=by, to=to, rules=_rules(),
                            now=NOW + timedelta(hours=1)).outcome


def _state(uow_factory: UnitOfWorkFactory, request_id: int) -> tuple[str, str | None, list[str]]:
    with uow_factory("T1") as uow:
        request = uow.requests.get(request_id)
        assert request is not None
        return request.state, request.assignee_slack_id, [k for _at, _w, k, _n in uow.requests.events(request_id)]


def test_the_requester_and_someone_outside_the_queue_cannot_accept_a_member_and_the_lead_can(
        uow_factory: UnitOfWorkFactory) -> None:
    first, second = _raise(uow_factory), _raise(uow_factory)
    assert (_accept(uow_factory, first, REP), _accept(uow_factory, first, OUTSIDER)) == ("own", "not_queue")
    assert _state(uow_factory, first)[:2] == ("open", ENG1)
    assert (_accept(uow_factory, first, ENG3), _accept(uow_factory, second, LEAD)) == ("accepted", "accepted")
    assert (_state(uow_factory, first)[:2], _state(uow_factory, second)[:2]) == (("accepted", ENG3),
                                                                               ("accepted", LEAD))


def test_a_queue_without_members_may_be_taken_by_anyone_but_the_requester(uow_factory: UnitOfWorkFactory) -> None:
    request_id = _raise(uow_factory, kind="bid_support")
    assert _accept(uow_factory, request_id, REP) == "own"
    assert _accept(uow_factory, request_id, OUTSIDER) == "accepted"


def test_once_accepted_only_the_assignee_or_the_lead_may_pass_it_on_never_to_the_requester(
        uow_factory: UnitOfWorkFactory) -> None:
    request_id = _raise(uow_factory)
    assert _accept(uow_factory, request_id, ENG1) == "accepted"
    refused = [_reassign(uow_factory, request_id, who, ENG2) for who in (REP, ENG3, OUTSIDER)]
    assert refused == ["taken_not_yours"] * 3
    assert _state(uow_factory, request_id)[:2] == ("accepted", ENG1)
    assert _reassign(uow_factory, request_id, LEAD, REP) == "to_requester"
    assert _reassign(uow_factory, request_id, LEAD, OUTSIDER) == "not_member"
    result = reassign_request(uow=uow_factory("T1"), request_id=request_id, by=LEAD, to=ENG2, rules=_rules(), now=NOW)
    assert (result.outcome, result.proposed, result.previous) == ("reassigned", ENG2, ENG1)
    assert _state(uow_factory, request_id)[:2] == ("open", ENG2)


def test_while_open_a_member_may_pass_it_on_the_requester_and_outsiders_may_not(
        uow_factory: UnitOfWorkFactory) -> None:
    request_id = _raise(uow_factory)  # proposed to ENG1
    assert [_reassign(uow_factory, request_id, who, ENG3) for who in (REP, OUTSIDER)] == ["not_yours_to_pass"] * 2
    assert _reassign(uow_factory, request_id, ENG2, ENG3) == "reassigned"
    assert _state(uow_factory, request_id)[:2] == ("open", ENG3)


def test_passing_it_to_whoever_has_it_already_changes_nothing(uow_factory: UnitOfWorkFactory) -> None:
    request_id = _raise(uow_factory)
    assert _accept(uow_factory, request_id, ENG1) == "accepted"
    before = _state(uow_factory, request_id)
    assert _reassign(uow_factory, request_id, LEAD, ENG1) == "unchanged"
    assert _state(uow_factory, request_id) == before


def test_a_gift_in_the_outcome_line_is_kept_nowhere_and_the_requester_is_told_what_was_left_out(
        uow_factory: UnitOfWorkFactory) -> None:
    request_id = _raise(uow_factory)
    assert _accept(uow_factory, request_id, ENG1) == "accepted"
    assert finish_request(uow=uow_factory("T1"), request_id=request_id, by=ENG1, now=NOW).outcome == "done"
    saved = record_request_outcome(uow=uow_factory("T1"), request_id=request_id, by=REP, outcome=GIFTS,
                                   contact_ids=[], label="售前产品演示", now=NOW, today=NOW.date(),
                                   source=SourceMessage(None, None))
    assert (saved.outcome, saved.line) == ("saved", "演示很顺利，客户要求下月做POC。")
    assert saved.left_out == "red envelope / 红包; shopping or gift card / 购物卡"
    with uow_factory("T1") as uow:
        request = uow.requests.get(request_id)
        kept = [request.outcome if request else None,
                *(n or "" for _at, _w, _k, n in uow.requests.events(request_id)),
                *(str(a) for a in uow.session.scalars(select(AuditRow.after))),
                *uow.session.scalars(select(InteractionRow.summary))]
    assert kept[0] == "演示很顺利，客户要求下月做POC。"
    assert not [k for k in kept if "红包" in k or "购物卡" in k]


def test_an_outcome_that_is_all_gifts_is_not_kept_and_says_why(uow_factory: UnitOfWorkFactory) -> None:
    request_id = _raise(uow_factory)
    _accept(uow_factory, request_id, ENG1)
    finish_request(uow=uow_factory("T1"), request_id=request_id, by=ENG1, now=NOW)
    saved = record_request_outcome(uow=uow_factory("T1"), request_id=request_id, by=REP, outcome="送了购物卡",
                                   contact_ids=[], label="售前产品演示", now=NOW, today=NOW.date(),
                                   source=SourceMessage(None, None))
    assert saved.outcome == "empty" and saved.left_out
    with uow_factory("T1") as uow:
        request = uow.requests.get(request_id)
        assert request is not None and request.outcome is None


def test_a_declines_reason_is_kept_without_what_must_never_be_stored(uow_factory: UnitOfWorkFactory) -> None:
    request_id = _raise(uow_factory)
    result = decline_request(uow=uow_factory("T1"), request_id=request_id, by=ENG1, rules=_rules(), now=NOW,
                             reason="下周出差。客户上次送的购物卡还没退。")
    assert (result.outcome, result.reason, result.left_out) == ("declined", "下周出差。", "shopping or gift card / 购物卡")
    with uow_factory("T1") as uow:
        notes = [n for _at, _w, kind, n in uow.requests.events(request_id) if kind == "declined"]
    assert notes == ["下周出差。"]
    alone = decline_request(uow=uow_factory("T1"), request_id=request_id, by=ENG2, rules=_rules(), now=NOW,
                            reason="购物卡")
    assert alone.outcome == "no_reason" and _state(uow_factory, request_id)[:2] == ("open", ENG2)
