"""Round robin over the store: the next request goes to the member after the one a request was last proposed to,
whoever accepted it in the end."""

from __future__ import annotations

from datetime import UTC, datetime

from domain.entities import ResourceRequest
from services.request_routing import route_request
from services.routing_rules import parse_rules
from storage.uow import UnitOfWork, UnitOfWorkFactory

NOW = datetime(2027, 3, 1, 2, tzinfo=UTC)
REP, ENG1, ENG2, ENG3 = "U0REP0001", "U0ENG0001", "U0ENG0002", "U0ENG0003"
RULES = parse_rules(f"""
[[queues]]
name = "core"
channel = "C0CORE001"
members = ["{ENG1}", "{ENG2}", "{ENG3}"]

[[rules]]
queue = "core"
""", source="rules.toml", default_channel="C0DEF0001", default_zone="Asia/Shanghai")


def _raise(uow: UnitOfWork) -> str | None:
    """A new request routed to the core queue; whom its policy proposed it to."""
    made = uow.resource_requests.add(ResourceRequest(0, "demo", REP, None, "迁移方案"), now=NOW)
    routed = route_request(uow, made, RULES, now=NOW)
    assert routed is not None
    return routed.proposed


def test_after_a_decline_and_a_colleagues_accept_the_next_request_goes_to_the_next_member_in_order(
        uow_factory: UnitOfWorkFactory) -> None:
    with uow_factory("T1") as uow:
        assert _raise(uow) == ENG1
        first = uow.requests.waiting()[0].id
        # ENG1 declines: the policy proposes it to ENG2 (as Decline records it), and ENG3 steps in and takes it.
        assert uow.requests.offer(first, to=ENG2, now=NOW, actor=ENG1, kind="declined", note="下周出差")
        uow.requests.event(first, "assigned", now=NOW, actor=None, note=ENG2)
        assert uow.requests.accept(first, by=ENG3, now=NOW)
        assert [_raise(uow), _raise(uow), _raise(uow)] == [ENG3, ENG1, ENG2], "ENG1 and ENG2 had a turn: ENG3's"
        uow.commit()
